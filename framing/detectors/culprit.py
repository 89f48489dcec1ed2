"""Attributes to, the subject side: the entity as the agent of a harmful act, the backer of
harmful groups, the one asked to stop harm, or the one criticism and charges are aimed at.

Split from :mod:`framing.detectors.blame`, which it calls back (the two read each other's
relations; both are imported as modules, so either may be imported first).
"""

from __future__ import annotations

from framing.detectors import blame
from framing.detectors.roles import (
    _OBJECT,
    _PASSIVE_SUBJECT,
    _SUBJECT,
    Token,
    _in,
    _negated,
    _passive,
    lexicon,
)
from framing.entities import Entity


def _stops_harm(verb: Token) -> bool:
    """"X must stop dumping cars", "X needs to stop subsidising": harm X is asked to end is X's. Not
    when X asks someone else ("X urged Y to stop the militias": the stopping is Y's)."""
    if any(c.dep_ in _OBJECT for c in verb.children) and _in(verb, "calls.demand_verbs"):
        return False
    return any(c.dep_ in ("xcomp", "ccomp") and _ends_harm(c) for c in [verb, *verb.children])


def _addressee_told_to_stop(h: Token) -> bool:
    """X asked to stop harm or stop backing harmful groups: "urged X to stop supporting the
    rebels", "called on X to stop harbouring gangs" (the harm asked to end is X's)."""
    verb = h.head.head if h.dep_ == "pobj" and h.head.dep_ == "prep" else h.head
    if not (h.dep_ in _OBJECT or h.dep_ == "pobj") or not _in(verb, "calls.demand_verbs") or _negated(verb):
        return False
    acts = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > h.i]
    acts += [g for c in acts for g in c.children if g.dep_ == "conj"]  # "to withdraw ... and stop backing"
    return any(_ends_harm(a) for a in acts)


def _ends_harm(stop: Token) -> bool:
    """A verb of stopping whose object is harm, harmful support or a harmful act."""
    if not _in(stop, "harm.stop_verbs"):
        return False
    for child in stop.children:
        if child.dep_ not in ("xcomp", "dobj", "pcomp", "ccomp"):
            continue
        if blame._harmful(child) or (child.pos_ == "VERB" and _in(child, "harm.object_verbs")):
            return True
        if _in(child, "harm.support_verbs") and any(g.dep_ in _OBJECT and blame._harmful(g) for g in child.children):
            return True
    return False


def _accused_subject(verb: Token) -> bool:
    """"X faced allegations of fraud", "X was beset with charges of racism", "X came under fire
    for the delays", "X faces criminal charges"."""
    if _negated(verb):
        return False
    for child in verb.children:
        nouns = [child] if child.dep_ in _OBJECT else [g for g in child.children if child.dep_ == "prep"]
        for noun in nouns:
            if _negated(noun):
                continue
            if _in(noun, "blame.allegation_nouns") and blame._harm_below(noun):
                return True
            if _in(verb, "blame.incur_verbs") and _in(noun, "blame.criticism_nouns") and _with_reason(noun, verb):
                return True
            if verb.lemma_ == "face" and _in(noun, "blame.legal_nouns"):
                return True
    return False


def _with_reason(noun: Token, verb: Token) -> bool:
    """A noun of criticism with its reason: "criticism over the delays", "came under fire for"."""
    return any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in [*noun.children, *noun.head.children, *verb.children])


def _wrongdoer(verb: Token) -> bool:
    """The subject of ``verb`` does wrong by how the act is done or said to be done."""
    if verb.lemma_ == "have" and any(c.dep_ in _OBJECT and any(
            a.dep_ == "amod" and a.tag_ == "VBN" and (_in(a, "harm.verbs") or _in(a, "harm.object_verbs"))
            for a in c.children) for c in verb.children):
        return True  # "X had hidden losses", parsed as "had [hidden losses]"
    if any(c.dep_ == "advmod" and _in(c, "blame.wrongdoing_adverbs") for c in verb.children):
        return True  # "X unlawfully detained 52 activists", "X knowingly sold"
    if verb.dep_ == "ccomp" and verb.head.lemma_ in ("allege", "charge") and not _negated(verb.head):
        return True  # "prosecutors allege that X installed the software", "the lawsuit charges that X downplayed"
    if verb.lemma_ == "leave" and any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and _in(c, "blame.neglect_states")
                                      for c in verb.subtree if c.head.i in (verb.i, *(o.i for o in verb.children))):
        return True  # "X had left the flaw unpatched", "the flaw X left unpatched"
    if _in_breach(verb) or any(c.dep_ == "prep" and c.lower_ in ("through", "via") and any(
            blame._harmful(g) and not _in(g, "harm.event_nouns") for g in c.children) for c in verb.children):
        return True  # "X sacked him in breach of whistleblower law", "X won the contracts through rigged tenders"
    phrase = lexicon()["harm.verb_objects"].get(verb.lemma_.lower(), ())
    if any(c.dep_ in _OBJECT and any(q.lemma_.lower() in phrase for q in [c, *blame._quantified(c)]) for c in verb.children) or (
            verb.dep_ == "relcl" and verb.head.lemma_.lower() in phrase):
        return True  # "X opened fire", "the hostages X is holding"
    if _in(verb, "harm.object_verbs") and any(c.dep_ in _OBJECT for c in verb.children):
        return True  # "X hid the findings", "X inflated its revenue"
    if _aims_at_harm(verb) or _harmful_consequence(verb) or _lets_harm(verb):
        return True  # "X used state television to smear rivals", "X shelled the town, killing 12"
    if _in(verb, "harm.cause_verbs") and blame._harm_below(verb):
        return True  # "X's decision led to the deaths", "material X promoted contributed to the death"
    if _in(verb, "blame.order_verbs") and any(
            c.dep_ in ("xcomp", "ccomp") and _in(c, "harm.verbs") for c in verb.children):
        return True  # "X ordered them to shred documents"
    if any(c.dep_ == "prep" and c.lower_ == "without" and any(_in(g, "blame.missing_consent") for g in c.children)
           for c in verb.children):
        return True  # "X harvested the data without consent"
    return _in(verb, "blame.breach_verbs") and any(
        c.dep_ in _OBJECT and any(a.dep_ == "amod" and _in(a, "blame.binding_adjectives") for a in c.children)
        for c in verb.children)  # "X skipped mandatory tests"


def _in_breach(verb: Token) -> bool:
    """An act done "in breach of" or "in violation of" a norm ("in violation of the agreement")."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_ in ("breach", "violation", "contravention", "defiance")
                                                           for g in c.children) for c in verb.children)


def _harmful_consequence(verb: Token) -> bool:
    """A participle clause with no subject of its own that says what the act did: harm, or causing
    harm ("X dropped chlorine on the town, killing 43", "X marketed rifles to teenagers,
    contributing to the shooting"). Not after a verb of blaming, saying or undergoing, where the
    clause often belongs to the act reported ("accused Y of shelling villages, killing a farmer")
    or befalls the subject ("X suffered floods, displacing thousands")."""
    if _in(verb, "blame.blame_verbs") or _in(verb, "blame.criticise_verbs") or _in(verb, "blame.incur_verbs") or \
            verb.lemma_ in ("say", "tell", "claim", "report", "announce", "warn", "state", "add", "allege", "argue"):
        return False
    return any(c.dep_ == "advcl" and c.tag_ == "VBG" and not _negated(c) and not any(g.dep_ in _SUBJECT for g in c.children)
               and (_in(c, "harm.verbs") or (_in(c, "harm.cause_verbs") and _to_harm(c))) for c in verb.children)


def _to_harm(cause: Token) -> bool:
    """A verb of causing whose outcome is harm or a harmful event ("contributing to the crash")."""
    return blame._harm_below(cause) or any(_in(g, "harm.event_nouns") for p in cause.children if p.dep_ == "prep"
                                           for g in p.children)


def _lets_harm(verb: Token) -> bool:
    """The subject lets, helps or pushes others to do harm: "X let clubs break the rules", "X
    helped clients hide assets", "X allowed al-Qaeda leaders to shelter there" (a harmful group as
    the one let act). Not when the clause is negated or under refusal ("X refused to let ...")."""
    if not _in(verb, "harm.complicity_verbs"):
        return False
    for clause in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
        if _negated(clause):
            continue
        doers = [c for c in clause.children if c.dep_ in _SUBJECT] + [c for c in verb.children if c.dep_ in _OBJECT]
        if (_in(clause, "harm.verbs") and not _in(clause, "harm.enforcement_verbs")) or _wrongdoer(clause) or _breaks_norm(clause):
            return True
        if any(_in(d, "harm.actors") or any(m.dep_ in ("compound", "amod") and (_in(m, "harm.actors") or _in(m, "harm.nouns"))
                                            for m in d.children) for d in doers):
            return True  # "allowed militants to shelter", "let terror groups operate"
    return False


def _breaks_norm(verb: Token) -> bool:
    """"break the rules", "ignored warnings": a breach verb with a norm as its object."""
    return _in(verb, "blame.breach_verbs") and any(c.dep_ in _OBJECT and any(_in(q, "blame.norms") for q in [
        c, *blame._quantified(c), *(m for m in c.children if m.dep_ == "compound")]) for c in verb.children)


def _aims_at_harm(verb: Token) -> bool:
    """A to-infinitive of purpose or control with no subject of its own, naming a harmful act: the
    subject of ``verb`` is its agent ("X used drones to attack", "X tried to bribe"). Verbs of
    refusing, denying or avoiding do not pass the act on."""
    if _in(verb, "blame.denial_verbs") or _in(verb, "naming.avoid_verbs") or _in(verb, "harm.refuse_verbs"):
        return False
    for child in verb.children:
        if child.dep_ not in ("xcomp", "advcl") or _negated(child) or any(c.dep_ in _SUBJECT for c in child.children):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) and child.tag_ != "VB":
            continue
        if (child.pos_ == "VERB" and _in(child, "harm.verbs")) or (
                _in(child, "harm.object_verbs") and any(c.dep_ in _OBJECT for c in child.children)):
            return True
        if _in(child, "harm.perpetrate_verbs") and any(c.dep_ in _OBJECT and blame._harmful(c) for c in child.children):
            return True
    return False


def _named_agent(h: Token, entity: Entity) -> bool:
    """A person's or organisation's name on a noun of misconduct names its agent ("the Hamas
    attack", "a ChirpNet coding error"); a country's name there may only be a place ("the Gaza
    war"), and events that befall an organisation ("the Sony hack") are in ``harm.event_nouns``."""
    noun = h.head
    if entity.kind == "country" or h.dep_ not in ("compound", "nmod") or noun.pos_ != "NOUN":
        return False
    if entity.kind != "person" and noun.dep_ in _SUBJECT and not _in(noun, "harm.event_nouns") and not _negated(noun.head) \
            and _culprit(noun, noun.head):
        return True  # "Ferrolux drones bombed the market"; a person's name there marks followers ("X supporters")
    if not (_in(noun, "harm.nouns") or _in(noun, "harm.failure_nouns")) or _in(noun, "harm.event_nouns"):
        return False
    return not _negated(noun) and not (noun.dep_ in _PASSIVE_SUBJECT + _OBJECT and _in(noun.head, "blame.denial_verbs"))


def _culprit(h: Token, verb: Token) -> bool:
    """X as subject: agent of a harmful act, backer of harmful groups, or culpable ("X is guilty")."""
    if _in(h, "harm.natural_events") or any(c.dep_ == "compound" and _in(c, "harm.natural_events") for c in h.children):
        return False  # "floods in X killed 40": nature is no one's act
    if _accused_subject(verb) or _stops_harm(verb):
        return True
    if verb.lemma_ == "claim" and any(c.dep_ in _OBJECT and (blame._harmful(c) or c.lemma_ == "responsibility") for c in verb.children):
        return True  # "X claimed the attack", "X claimed responsibility for"
    if _in(verb, "blame.admit_verbs") and any(blame._harmful(t) for t in verb.subtree if t.i > h.i):
        return True  # "X admitted installing software to cheat"
    if _passive(verb) or any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return False
    if verb.pos_ == "VERB" and _in(verb, "harm.verbs") and verb.lemma_ != "be":
        return True
    if _wrongdoer(verb):
        return True
    if _in(verb, "harm.support_verbs") or _in(verb, "harm.perpetrate_verbs"):
        return _backs_harm(verb)
    if verb.lemma_ in ("take", "play", "have", "bear") and any(
            c.dep_ in _OBJECT and _in(c, "blame.involvement_nouns") and (blame._harm_below(c) or blame._harm_below(verb))
            for c in verb.children):
        return True  # "X took part in the killings", "X played a role in the attack"
    if verb.lemma_ in ("participate", "engage", "collude", "conspire", "preside", "oversee") and blame._harm_below(verb):
        return True
    if _breaks_norm(verb):
        return True  # "X broke the law", "X ignored warnings", "ignored a stall warning" (misparsed as a compound)
    if verb.lemma_ == "turn" and any(c.lemma_ == "eye" and any(g.lower_ == "blind" for g in c.children) for c in verb.children):
        return True  # "X turned a blind eye to"
    if verb.lemma_ in ("cover", "hush", "sweep", "whitewash") and any(c.dep_ == "prt" and c.lower_ in ("up", "under") for c in verb.subtree):
        return True  # "X covered up the abuse"
    if verb.lemma_ == "fail":  # "X failed to report the abuse", "X failed its researchers"
        return any((c.dep_ == "xcomp" and _in(c, "blame.duty_verbs")) or c.dep_ in _OBJECT for c in verb.children) or any(
            t.i > verb.i and _in(t, "blame.duty_verbs") and t.pos_ == "VERB" and any(a.lower_ == "to" and a.dep_ == "aux" for a in t.children)
            and t.i - verb.i <= 5 for t in verb.subtree)  # "X failed for years to act", the infinitive misattached
    if verb.lemma_ in ("hold", "find", "consider", "deem", "declare"):
        return False  # the subject holds someone else responsible
    if _in(verb, "blame.culpable_adjectives") and verb.pos_ == "ADJ":  # "holds X responsible for"
        return verb.lemma_ != "responsible" or blame._harm_below(verb)
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and _in(child, "blame.culpable_adjectives"):
            return child.lemma_ != "responsible" or blame._harm_below(child)
        if verb.lemma_ == "be" and _to_blame(child) and not _negated(child) and not _negated(verb):
            return True  # "X is to blame (for the explosion)": parsed as a to-infinitive, not an adjective
        if _behind_harm(child):
            return True
    return verb.dep_ in ("ccomp", "acl") and _in(verb.head, "blame.allegation_nouns") and blame._harm_below(verb)


def _behind_harm(prep: Token) -> bool:
    """"(X was) behind the attack", "behind a rise in asthma"."""
    return prep.dep_ == "prep" and prep.lower_ == "behind" and any(
        blame._harmful(q) for g in prep.children for q in [g, *blame._quantified(g)])


def _backs_harm(verb: Token) -> bool:
    """A verb of backing or carrying out whose object is harmful ("armed the militia", "carried
    out the bombing", "supplied athletes with banned drugs", "conducted hundreds of unlawful stops")."""
    if verb.dep_ == "relcl" and _in(verb.head, "harm.nouns") and not any(c.dep_ in _OBJECT for c in verb.children):
        return True  # "the destruction X caused"
    objects = [c for c in verb.children if c.dep_ in _OBJECT]
    if not objects:  # "X armed and trained the militia": the object the conjoined verb shares
        objects = [g for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children if g.dep_ in _OBJECT]
    objects += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ in _SUBJECT]
    objects += [g for c in [*verb.children, *(p for o in objects if o.dep_ in _OBJECT for p in o.children)]
                if c.dep_ == "prep" and c.lower_ in ("with", "through", "in", "via")
                for g in c.children]  # "supplied athletes with banned drugs", "paid officials $4m in bribes"
    return any(blame._harmful(q) for c in objects for q in [c, *blame._quantified(c)]) or (
        verb.lemma_ == "subject" and blame._harm_below(verb))  # "conducted thousands of unlawful stops"


def _to_blame(token: Token) -> bool:
    """"(is) to blame" with nothing blamed after it: the predicate "X is to blame", which the
    parser reads as an infinitive clause ("blame" with "to"), not "X is to blame Y"."""
    return (token.dep_ == "xcomp" and token.lemma_ == "blame" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            and not any(c.dep_ in _OBJECT for c in token.children))
