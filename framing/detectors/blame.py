"""Attributes to: the entity is blamed, is the agent of a harmful act, or harmful groups or acts
are tied to it.
"""

from __future__ import annotations

import re

from framing.detectors import culprit, sources
from framing.detectors.roles import (
    _OBJECT,
    _PASSIVE_SUBJECT,
    _SUBJECT,
    Token,
    _avoided_by,
    _first,
    _in,
    _negated,
    _passive,
)
from framing.detectors.unnamed import unnamed_culprit
from framing.entities import Entity, mentions, named_in
from framing.syntax import parse


def _harmful(token: Token) -> bool:
    """A harmful act or actor: the word itself, or a group a harm word modifies ("terror groups")."""
    if _in(token, "harm.nouns") or _in(token, "harm.actors") or _in(token, "harm.weapons"):
        return True
    if token.pos_ == "NOUN" and any(c.dep_ == "amod" and _in(c, "harm.false_adjectives") for c in token.children):
        return True  # "false claims", "fake stories"
    if token.pos_ in ("NOUN", "PROPN") and not _in(token, "harm.opposing_heads") and any(
            c.dep_ in ("compound", "amod") and (_in(c, "harm.nouns") or _in(c, "harm.actors")) for c in token.children):
        return True  # "terror activities", "a doping programme" (tagged as a modifier either way)
    if _in(token, "harm.weapon_handlers") and any(c.dep_ == "compound" and _in(c, "harm.weapons") for c in token.children):
        return True  # "bomb makers", "rocket smugglers"
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "from") and token.head.head is not token:
        outer = token.head.head  # "terrorists from LeT", "a team of members" that carried out an attack
        if _in(outer, "harm.actors") or (outer.pos_ == "NOUN" and _agent_of_harm(outer)):
            return True
    if token.pos_ == "PROPN" and _described_as_culprit(token):
        return True
    if token.lemma_ == "strike" and token.pos_ == "NOUN" and _struck_target(token):
        return True  # "strikes on power plants", "air strikes against the camps"; a labour strike is not
    if token.lemma_ in ("use", "deployment", "campaign") and _harm_below(token):
        return True  # "the use of lethal force", "a campaign of intimidation"
    if token.pos_ == "VERB" and _in(token, "harm.verbs"):
        return True
    if token.pos_ == "NOUN" and any(c.dep_ == "relcl" and _commits_harm(c) and not _negated(c) and any(
            w.dep_ in _SUBJECT and w.tag_ in ("WDT", "WP") for w in c.children) for c in token.children):
        return True  # "software that cheated emissions tests", "the commanders who planned the attack"
    if _in(token, "harm.actor_heads"):  # "terror groups"; a bare "the groups" too, "aid groups" not
        mods = [c for c in token.children if c.dep_ in ("compound", "amod") and c.pos_ != "PROPN"
                and not _in(c, "harm.tie_adjectives")]
        return not mods or any(_in(c, "harm.nouns") or _in(c, "harm.actors") for c in mods)
    return _agent_of_harm(token)


def _commits_harm(verb: Token) -> bool:
    """A verb that does harm ("shells our towns") or carries out a harmful act named by its
    object ("planned the attack", "carried out the bombing")."""
    return _in(verb, "harm.verbs") or (_in(verb, "harm.perpetrate_verbs") and any(
        c.dep_ in _OBJECT and (_in(c, "harm.nouns") or _in(c, "harm.weapons")) for c in verb.children))


_WHEN = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "day",
                   "week", "month", "year", "morning", "night", "evening", "afternoon", "january", "february", "march",
                   "april", "may", "june", "july", "august", "september", "october", "november", "december", "wages", "pay"))


def _struck_target(strike: Token) -> bool:
    """A strike aimed at a target ("on power plants", "against the camps") or carried by a weapon
    ("air strikes", "drone strikes"), not a date or a pay claim ("a strike on Monday")."""
    if any(c.dep_ in ("compound", "amod") and (c.lower_ in ("air", "missile", "military", "artillery", "airstrike")
                                                or _in(c, "harm.weapons")) for c in strike.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("on", "against") and any(
        g.lower_ not in _WHEN and not g.like_num and g.tag_ != "CD" for g in c.children) for c in strike.children)


def _agent_of_harm(token: Token) -> bool:
    """A name that does harm in this sentence ("carried out by Jaish", "Jaish attacked")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "agent":
        verb = head.head
        done = [verb.head if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else c
                for c in verb.children if c.dep_ in _PASSIVE_SUBJECT]  # "attacks, which were carried out by"
        if verb.dep_ == "acl":
            done.append(verb.head)  # "killings carried out by X"
        if _in(verb, "harm.verbs") or (culprit._in_breach(verb) and not _negated(verb)):
            return True  # "killed by X", "sacked by X in breach of the law"
        doer = _in(verb, "harm.perpetrate_verbs") or verb.lemma_ == "claim"  # "carried out by X", not "put out by X"
        return doer and any(_harmful(c) for c in done)
    return token.dep_ in _SUBJECT and head.pos_ == "VERB" and _in(head, "harm.verbs") and not _passive(head) \
        and not _in(token, "harm.natural_events")


def _harm_below(token: Token) -> bool:
    """Whether a prepositional object or clause below ``token`` is harmful ("for the attack")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            objects = [q for g in child.children for q in [g, *_quantified(g)]]  # "for most of the deaths"
            if any(_harmful(g) or (g.pos_ == "VERB" and _in(g, "harm.verbs")) for g in objects):
                return True
        if child.dep_ in ("pcomp", "xcomp", "advcl") and _harmful(child):
            return True
    return False


def _quantified(token: Token) -> list[Token]:
    """What a quantifier counts: "most of the deaths" -> deaths."""
    if _in(token, "blame.trend_nouns"):  # "a rise in asthma"
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for g in c.children]
    if not _in(token, "blame.quantifiers"):
        return []
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]


def _blamed(h: Token) -> bool:
    """Whether the role token ``h`` is blamed or tied to harm."""
    head = h.head
    if _described_as_culprit(h) or _culprit_noun(h) or _fined_amount(h) or _among_culprits(h):
        return True
    if _negated(head) or _hypothetical(head) or _avoided_by(head):
        return False
    if head.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and head.head is not head and (
            _negated(head.head) or _avoided_by(head.head)):
        return False  # "stopped short of finding X responsible"
    if culprit._addressee_told_to_stop(h):
        return True
    raised = _raised_clause(h, head)
    if raised is not None and culprit._culprit(h, raised):
        return True  # "X was found to have used substandard concrete" reads as "X used ..."
    clause = _misparsed_clause(h)
    if clause is not None and any(culprit._culprit(h, verb) for verb in _shared_predicates(clause)):
        return True  # "after finding X had bribed officials", X parsed as the object of "finding"
    if h.dep_ in _OBJECT or h.dep_ in _PASSIVE_SUBJECT or _misparsed_object(h, head):
        return _object_of_blame(h, head)
    if h.dep_ in _SUBJECT:
        return any(culprit._culprit(h, verb) for verb in _shared_predicates(head))
    if h.dep_ in ("poss", "compound", "amod", "npadvmod", "nmod"):
        if h.dep_ in ("compound", "amod") and head.dep_ in _OBJECT + _PASSIVE_SUBJECT and _in(head.head, "blame.core_blame_verbs"):
            return not _negated(head.head)  # "blamed the UAW strike", "accused Vietnamese exporters"
        if h.dep_ in ("amod", "compound") and head.dep_ == "pobj" and head.head.lower_ == "to" and \
                _in(head.head.head, "blame.trace_verbs"):
            return True  # "traced the eggs to Dutch poultry farms"
        if h.dep_ == "poss" and (_at_door(head) or _done_for(head) or _under_command(head) or _on_watch(head)):
            return True  # "laid the blame at X's door", "attacks carried out at X's behest", "on X's watch"
        return _owner_of_harm(h, head) or (h.dep_ in ("poss", "amod") and _thing_blamed(head)) or sources.source_of_harm(h)
    if h.dep_ == "pobj":
        return _through_preposition(head) or _agent_through(h, head) or _activity_at(h, head) or _under_command(h) \
            or sources.source_of_harm(h)
    return False


def _shared_predicates(verb: Token) -> list[Token]:
    """A verb and the verbs conjoined to it that share its subject ("X used the funds and then
    lied to investigators"): a conjunct with a subject of its own, or negated, says nothing of X."""
    found = [verb]
    if _reports(verb):
        return found  # "Y charged that X had opened ... and fueled": the parser may hang the reported verb on Y's
    for conj in (c for c in verb.subtree if c.dep_ == "conj" and c.pos_ == "VERB" and not _reports(c)
                 and not _in(c, "harm.enforcement_verbs")):  # "scored and struck the post", "lost and fired the coach"
        chain = conj
        while chain.dep_ == "conj" and chain.head.i != verb.i and chain.head.pos_ == "VERB":
            chain = chain.head
        if chain.head.i == verb.i and not _negated(conj) and not any(
                c.dep_ in _SUBJECT + _PASSIVE_SUBJECT for c in conj.children):
            found.append(conj)
    return found


def _reports(verb: Token) -> bool:
    """A verb that reports or accuses (its own clause holds someone else's act)."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or _in(verb, "blame.blame_verbs") or _in(
        verb, "blame.criticise_verbs") or verb.lemma_ in ("say", "claim", "charge", "allege", "report", "tell", "add", "state")


def _misparsed_clause(h: Token) -> Token | None:
    """The verb of "found X had bribed" when the parser makes X the object of "found" and hangs
    "had bribed" elsewhere: an auxiliary right after X whose verb has no subject of its own."""
    if h.dep_ not in _OBJECT or not _in(h.head, "blame.raising_verbs"):
        return None
    after = max(t.i for t in h.subtree) + 1
    if after >= len(h.doc) or h.doc[after].dep_ not in ("aux", "auxpass") or h.doc[after].lemma_ not in ("have", "be"):
        return None
    verb = h.doc[after].head
    if verb.pos_ != "VERB" or verb.i <= after or _negated(verb) or any(c.dep_ in _SUBJECT + _PASSIVE_SUBJECT for c in verb.children):
        return None
    return verb


def _raised_clause(h: Token, verb: Token) -> Token | None:
    """The to-clause whose subject ``h`` really is: "X was found / said / alleged to have done",
    "X appears to have done"."""
    if not ((h.dep_ in _PASSIVE_SUBJECT and _in(verb, "blame.raising_verbs")) or (
            h.dep_ in _SUBJECT and verb.lemma_ in ("appear", "seem"))):
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)


def _activity_at(h: Token, prep: Token) -> bool:
    """What goes on at X (not a harmful event located there) is blamed or does harm: "blamed lax
    oversight at X", "years of risk management at X pushed the bank to the brink"."""
    outer = prep.head
    if outer.pos_ == "VERB" and _in(outer, "blame.core_blame_verbs"):  # "blamed [lax oversight] [at X]": attached to the verb
        outer = next((c for c in outer.children if c.dep_ in _OBJECT and c.i < prep.i), outer)
    if prep.lower_ not in ("at", "in", "within", "inside") or outer.pos_ != "NOUN" or _in(outer, "harm.nouns"):
        return False
    return outer is not h and _thing_blamed_shallow(outer)


def _fined_amount(h: Token) -> bool:
    """"fined X £585,000": the parser makes X a modifier of the amount."""
    amount = h.head
    return h.dep_ in ("nmod", "compound") and amount.dep_ in _OBJECT and h.i < amount.i and (amount.like_num or amount.tag_ == "CD") and _in(amount.head, "blame.blame_verbs") \
        and not _negated(amount.head)


def _misparsed_object(h: Token, verb: Token) -> bool:
    """A first object the parser calls a modifier: "fined X €4 million" (double object)."""
    return h.dep_ == "npadvmod" and verb.pos_ == "VERB" and h.i > verb.i and any(
        c.dep_ in _OBJECT and c.i > h.i for c in verb.children)


def _agent_through(h: Token, prep: Token) -> bool:
    """"claimed by X", "rockets fired by X", "lines owned by X sparked the fire", "a cell of X
    carried out the kidnapping", "the work of X"."""
    head = prep.head
    if prep.dep_ == "agent" and _agent_of_harm(h):
        return True
    if prep.dep_ == "agent" and (_in(head, "harm.support_verbs") or _in(head, "harm.tie_adjectives")):
        target = _sponsored(head)  # "terrorism, sponsored and supported by X"
        if target is not None and _harmful(target):
            return True
    if prep.dep_ == "agent" and head.dep_ == "acl" and _in(head, "harm.owner_participles"):
        return _harmful(head.head) or _thing_blamed(head.head)  # "drones made by X", "blamed on lines owned by X"
    made = head.head
    if prep.dep_ == "agent" and head.dep_ == "acl" and made.pos_ == "NOUN" and made.dep_ in _SUBJECT:
        return not _negated(head) and not _negated(made.head) and culprit._culprit(made, made.head)  # "shortcuts taken by X caused"
    if prep.lower_ == "of" and head.pos_ == "NOUN" and (_agent_of_harm(head) or _thing_blamed(head)):
        return True
    if prep.lower_ == "of" and head.lemma_ == "hand" and head.dep_ == "pobj" and head.head.lower_ == "at":
        return True  # "killed at the hands of X"
    if prep.lower_ == "of" and head.lemma_ in ("work", "handiwork", "doing") and head.dep_ in ("attr", "acomp"):
        return any(c.dep_ in _SUBJECT + _PASSIVE_SUBJECT and _harmful(c) for c in head.head.children)
    return False


def _sponsored(participle: Token) -> Token | None:
    """What a participle such as "sponsored by X" is about: its subject, the noun it modifies, or
    (set off by a comma, "terrorism, sponsored and supported by X") the noun just before it."""
    first = participle
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    subjects = [c for c in first.children if c.dep_ in _PASSIVE_SUBJECT]
    if subjects:
        return subjects[0]
    if first.dep_ in ("acl", "amod", "relcl"):
        return first.head
    before = [t for t in first.doc[max(0, first.i - 3): first.i] if t.pos_ in ("NOUN", "PROPN")]
    return before[-1] if before else None


def _culprit_noun(h: Token) -> bool:
    """X said to be a culprit: "X was the aggressor", "named X as an enabler of the war", or doing
    harm in a participle ("soldiers looting hospitals")."""
    for child in h.children:
        if child.dep_ == "acl" and child.tag_ == "VBG" and _in(child, "harm.verbs"):
            return True
    head = h.head
    if _negated(head) or _avoided_by(head):
        return False
    nouns = [c for c in head.children if c.dep_ in ("attr", "oprd")] if h.dep_ in _SUBJECT and head.lemma_ == "be" else []
    if h.dep_ in _OBJECT or h.dep_ == "oprd":  # "named X as the source of the drones" (X parsed either way)
        nouns = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    return any(_in(n, "blame.culprit_nouns") and (n.lemma_ not in ("enabler", "sponsor", "source") or _harm_below(n))
               for n in nouns)


def _thing_blamed(noun: Token) -> bool:
    """Whether something of X is blamed or does harm ("blamed on X's veto", "X's products caused
    cancers", "X's slow response")."""
    head = noun.head
    if _negated(head) or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if noun.dep_ in _OBJECT + _PASSIVE_SUBJECT and _object_of_blame(noun, head):
        return True
    if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "blame":
        return True
    if noun.dep_ == "pobj" and head.lower_ in ("at", "of", "from", "by", "in") and head.head.pos_ == "NOUN":
        outer = head.head  # "lax oversight at X", "releases from X's dam"
        return outer is not noun and _thing_blamed_shallow(outer)
    if noun.dep_ in _SUBJECT and _in(head, "harm.cause_verbs") and not _passive(head) and _in(noun, "harm.decision_nouns"):
        if _harm_below(head) or _bad_outcome(head):
            return True  # "X's cap had cost the sector billions", "X's decision left families homeless"
    return noun.dep_ in _SUBJECT and culprit._culprit(noun, head)


def _bad_outcome(verb: Token) -> bool:
    """What a verb of causing brings about is a loss or a harmful state: "cost the sector
    billions" (someone loses), "left families exposed", "caused the collapse"."""
    objects = [c for c in verb.children if c.dep_ in _OBJECT]
    if verb.lemma_ == "cost" and len(objects) >= 2:
        return True
    return any(_in(t, "harm.bad_states") or _harmful(t) for c in verb.children if c.dep_ in (*_OBJECT, "ccomp", "xcomp", "oprd")
               for t in c.subtree)


def _thing_blamed_shallow(noun: Token) -> bool:
    """:func:`_thing_blamed` without climbing further (a bound on the recursion)."""
    head = noun.head
    if _negated(head):
        return False
    if noun.dep_ in _OBJECT + _PASSIVE_SUBJECT and _object_of_blame(noun, head):
        return True
    return noun.dep_ in _SUBJECT and culprit._culprit(noun, head)


def _hypothetical(verb: Token) -> bool:
    """A verb under a condition ("could be held accountable if it failed")."""
    marks = [c for c in verb.children if c.dep_ == "advcl"] + [verb]
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "whether") for c in marks for m in c.children)


_VISITING: set[tuple[int, int]] = set()  # tokens whose description is being read (no cycles)


def _described_as_culprit(h: Token) -> bool:
    """X with a relative clause or apposition that blames it ("X, which ran the scheme", "X, the
    group blamed for the attack")."""
    key = (id(h.doc), h.i)
    if key in _VISITING:
        return False
    _VISITING.add(key)
    try:
        return _description_blames(h)
    finally:
        _VISITING.discard(key)


def _description_blames(h: Token) -> bool:
    """The body of :func:`_described_as_culprit`."""
    for child in h.children:
        if child.dep_ == "relcl":
            for rel in child.subtree:
                if rel.tag_ not in ("WDT", "WP") or _negated(rel.head):
                    continue
                if (rel.dep_ in _SUBJECT and culprit._culprit(rel, rel.head)) or (
                        rel.dep_ in _OBJECT + _PASSIVE_SUBJECT and _object_of_blame(rel, rel.head)):
                    return True
        if child.dep_ == "appos":
            if any(g.dep_ in ("acl", "relcl") and _in(g, "blame.blame_verbs") and _passive_participle(g) for g in child.children):
                return True
    return False


def _passive_participle(verb: Token) -> bool:
    return verb.tag_ == "VBN" or _passive(verb)


def _object_of_blame(h: Token, verb: Token) -> bool:
    """"accused X of", "X was blamed", "held X responsible", "criticized X for", "X was involved in"."""
    if _in(verb, "blame.blame_verbs"):
        return True
    if _in(verb, "blame.criticise_verbs") and any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in verb.children):
        return True
    if verb.lemma_ in ("hold", "find", "declare", "deem", "judge", "rule", "consider") and any(
            _in(t, "blame.culpable_adjectives") and t.head.i in {verb.i, h.i, *(c.i for c in verb.children)}
            for t in verb.subtree if t.i > h.i):
        return True  # "held X responsible", "X was found guilty", "found X liable"
    if verb.lemma_ in ("involve", "implicate", "link", "tie", "connect", "attribute", "trace"):
        if h.dep_ in _PASSIVE_SUBJECT or verb.lemma_ != "involve":
            return _harm_below(verb)  # "X was involved in the plot", "linked X's system to crashes"
        return verb.dep_ == "acl" and _harmful(verb.head)  # "a scandal involving X"
    if _in(verb, "blame.sanction_verbs") and not _negated(verb):
        return any(_sanctioned_after(c) for c in verb.children)  # "X was suspended after testing positive for a banned drug"
    return False


def _sanctioned_after(clause: Token) -> bool:
    """A reason given after a sanction: "after a sample tested positive for a banned diuretic",
    "after investigators found state-run doping" (a harmful word in the clause)."""
    def wrong(t: Token) -> bool:  # an injury or a death that befell X is no reason
        return _harmful(t) and not _in(t, "harm.event_nouns")

    if clause.dep_ == "prep" and clause.lower_ in ("after", "following"):
        return any(wrong(t) for t in clause.subtree if t.i != clause.i)
    if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "because", "since") for m in clause.children):
        return not _negated(clause) and any(wrong(t) for t in clause.subtree)
    return False


def _owner_of_harm(h: Token, noun: Token) -> bool:
    """"X's invasion", "X-backed militias", "Pakistani militants", "X's role in the bombing"."""
    if _in(noun, "harm.tie_adjectives") and noun.head is not noun:
        group = noun.head  # "X-backed militias"; "the X-led coalition bombed a wedding"
        return _harmful(group) or (group.dep_ in _SUBJECT and not _negated(group.head) and culprit._culprit(group, group.head))
    if h.dep_ in ("compound", "amod"):  # "Pakistani militants", "Russian drones", "Iranian aggression"
        if _in(noun, "harm.actors") or _in(noun, "harm.weapons"):
            return True
        if _in(noun, "harm.actor_heads"):
            return any(c.dep_ in ("compound", "amod") and c is not h and (_in(c, "harm.nouns") or _in(c, "harm.actors"))
                       for c in noun.children)
        return h.dep_ == "amod" and (_in(noun, "harm.nouns") or noun.lemma_ == "strike" and _struck_target(noun))
    if _harmful(noun):
        return True
    if h.dep_ == "poss" and _in(noun, "blame.fault_nouns") and noun.dep_ in ("attr", "acomp", "nsubj") and not _negated(noun.head):
        return True  # "this is X's fault", "the flood of steel is X's doing"
    if _in(noun, "blame.involvement_nouns") or _in(noun, "harm.support_nouns"):
        return _harm_below(noun)
    return False


def _through_preposition(prep: Token) -> bool:
    """"attacks by X", "militants based in X", "rockets fired from X", "accusations against X",
    "blamed it on X", "the role of X in the attack"."""
    head = prep.head
    word = prep.lower_
    if word == "of" and head.lower_ == "out" and head.dep_ == "prep":  # "operating out of X"
        word, head = "from", head.head
    if word in ("by", "from") and _harmful(head) or sources.sponsored_from(prep):
        return True  # "attacks by X", "militants who receive weapons from X"
    if word == "on" and head.lemma_ == "blame":
        return True
    if word == "on" and _blame_laid(head) or word == "of" and _at_door(head):
        return True  # "pinned the blame for the crash on X", "laid the blame at the door of X"
    if word == "of" and (_done_for(head) or _under_command(head)):
        return True  # "attacks on behalf of X", "killed on the orders of X"
    if word in ("in", "inside", "within") and head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.dep_ == "prep" \
            and head.head.lower_ in ("from", "in", "at") and head.head.head is not head:
        return _through_preposition(head.head)  # "operating from camps inside X"
    if word == "to" and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
        head = head.head.head  # "attributed the theft of $1bn from an exchange to X": "to" parsed under the exchange
    if word == "to" and _in(head, "blame.trace_verbs") and any(
            c.dep_ in _OBJECT + _PASSIVE_SUBJECT and _harmful(c) for c in head.children):
        return True  # "traced the outbreak to X", "the deaths were linked to X"
    if word == "against" and _in(head, "blame.allegation_nouns") and not _in(head, "blame.inquiry_nouns"):
        return True  # "accusations against X"; "a complaint against X" is a filing
    if word == "for" and head.lemma_ in ("warrant", "indictment"):
        return True
    if word == "of" and (_in(head, "blame.involvement_nouns") or _in(head, "harm.support_nouns")):
        return _harm_below(head)
    if word in ("in", "on", "from", "inside", "within", "out", "by", "for") and (_in(head, "harm.operate_verbs") or _in(head, "harm.tie_adjectives")):
        return any(_harmful(actor) for actor in _actors(head))
    if word == "to" and _in(head, "harm.loyalty_adjectives"):  # "fighters loyal to X", "firms linked to X won ... through bribes"
        return any(_harmful(actor) or (actor.dep_ in _SUBJECT and not _negated(actor.head) and culprit._culprit(actor, actor.head))
                   for actor in _actors(head))
    if word in ("alongside", "with") and head.pos_ == "VERB" and not _negated(head):
        return any(c.dep_ in _SUBJECT and culprit._culprit(c, head) for c in head.children)  # "took part in the killings alongside X"
    if word in ("in", "inside", "within", "from") and _in(head, "harm.actors"):
        return True
    return False


def _blame_laid(verb: Token) -> bool:
    """A verb that lays blame on someone: "pinned the blame on", "put the responsibility on", "the
    blame was laid on"; also when the parser hangs "on X" under the blame's object ("pinned the
    blame for the blackout on X")."""
    for _ in range(3):
        if verb.pos_ == "VERB" or verb.head is verb:
            break
        verb = verb.head
    return verb.pos_ == "VERB" and not _negated(verb) and not _hypothetical(verb) and any(
        c.dep_ in _OBJECT + _PASSIVE_SUBJECT and c.lemma_ in ("blame", "responsibility", "fault") for c in verb.children)


def _at_door(door: Token) -> bool:
    """"laid the blame at the door of X" / "at X's door"."""
    return door.lemma_ == "door" and door.dep_ == "pobj" and door.head.lower_ == "at" and _blame_laid(door.head.head)


def _done_for(noun: Token) -> bool:
    """A harmful act done for X: "on behalf of X", "at X's behest", "on the orders of X"."""
    if noun.lemma_ not in ("behalf", "behest", "order", "instruction", "direction") or noun.dep_ != "pobj" or \
            noun.head.lower_ not in ("on", "at", "under", "upon"):
        return False
    act = noun.head.head
    if act.pos_ == "VERB":
        return not _negated(act) and _commits_harm(act)
    return _harmful(act)


def _on_watch(noun: Token) -> bool:
    """Harm that happened "on X's watch" or "under X's watch"."""
    if noun.lemma_ != "watch" or noun.dep_ != "pobj" or noun.head.lower_ not in ("on", "under"):
        return False
    act = noun.head.head
    while act.pos_ in ("ADJ", "ADV") and act.dep_ in ("acomp", "advmod", "oprd") and act.head.i != act.i:
        act = act.head  # "went unchecked on X's watch"
    if act.pos_ == "NOUN":
        return _harmful(act)
    return not _negated(act) and (_in(act, "harm.verbs") or any(
        c.dep_ in _SUBJECT + _PASSIVE_SUBJECT + _OBJECT and _harmful(c) for c in act.children))


def _among_culprits(h: Token) -> bool:
    """X counted in a group that did harm or is blamed: "named X among 11 lenders that had
    overcharged customers", "X is one of six firms accused of price-fixing"; not "X was not among"."""
    if _negated(h.head) or _negated(h):
        return False
    groups = [g for p in [*h.children, *(c for c in h.head.children if c.i > h.i)] if p.dep_ == "prep" and p.lower_ == "among"
              for g in p.children]
    ones = [c for c in h.head.children if c.dep_ in ("attr", "oprd") and c.lower_ == "one"] if h.dep_ in _SUBJECT else []
    ones += [c for c in h.children if c.dep_ == "appos" and c.lower_ == "one"]
    groups += [g for one in ones for p in one.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    if h.dep_ in _OBJECT or h.dep_ in _PASSIVE_SUBJECT:
        groups += [g for p in h.head.children if p.dep_ == "prep" and p.lower_ == "as" for one in p.children
                   if one.lower_ == "one" for q in one.children if q.dep_ == "prep" and q.lower_ == "of" for g in q.children]
    return any(_in(g, "harm.actors") or _described_as_culprit(g) or any(
        c.dep_ == "acl" and _in(c, "blame.blame_verbs") and c.tag_ == "VBN" for c in g.children) for g in groups)


def _under_command(noun: Token) -> bool:
    """Those under X's command do harm: "officers under X's command planted evidence", "troops
    under the command of X shelled the town"."""
    if noun.lemma_ not in ("command", "leadership", "control", "orders") or noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return False
    group = noun.head.head
    if group.pos_ not in ("NOUN", "PROPN"):
        return False
    return _harmful(group) or (group.dep_ in _SUBJECT and not _negated(group.head) and culprit._culprit(group, group.head))


def _actors(verb: Token) -> list[Token]:
    """Who does what a verb says: the noun it modifies, its subject, or, for a verb governed by
    another ("accused the groups of continuing to operate"), that verb's object or subject."""
    for _ in range(4):
        if verb.dep_ in ("acl", "amod", "relcl"):
            return [verb.head]
        found = [c for c in verb.children if c.dep_ in _SUBJECT + _PASSIVE_SUBJECT]
        if found:
            return found
        objects = [c for c in verb.children if c.dep_ in _OBJECT]
        if objects and verb.i != verb.head.i and verb.dep_ not in ("pcomp", "xcomp"):
            return objects
        if verb.head is verb:
            return objects
        verb = verb.head.head if verb.head.dep_ == "prep" else verb.head
        objects = [c for c in verb.children if c.dep_ in _OBJECT]
        if objects:
            return objects
    return []


_OWN_SOIL = re.compile(r"\b(?:from|on|in|within|out\s+of)\s+(?:its|their)\s+(?:own\s+)?(?:soil|territory|land)\b", re.IGNORECASE)


def attributes_to(sentence: str, entity: Entity, previous: str = "") -> int | None:
    """Where the entity is blamed for harm or harmful groups or acts are tied to it.

    "operating from its soil" counts when the entity is named in this sentence or the one before
    and the phrase belongs to harmful actors or acts.
    """
    found = _first(sentence, entity, lambda h: _blamed(h) or culprit._named_agent(h, entity), agents=True, anaphors=True,
                   own_subjects=True)
    if found is not None:
        return found
    unnamed = unnamed_culprit(sentence, entity)
    if unnamed is not None:
        return unnamed
    soil = _OWN_SOIL.search(sentence)
    if soil and _soil_is_its(sentence, entity, soil.start(), previous):
        doc = parse([sentence])[0]
        span = None if doc is None else doc.char_span(soil.start(), soil.end(), alignment_mode="expand")
        if span is not None and _through_preposition(span[0]) and not _negated(span[0].head):
            return soil.start()
    return None


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


def _soil_is_its(sentence: str, entity: Entity, at: int, previous: str) -> bool:
    """Whether "its soil" at ``at`` is the entity's: it is named before and no other name comes
    between ("urged Islamabad to act against groups on its soil" is not New Delhi's soil)."""
    before = mentions(entity, sentence[:at])
    if not before:
        return named_in(entity, previous) and not _NAME.search(sentence[:at])
    return not any(m.start() >= before[-1].end() for m in _NAME.finditer(sentence[:at]))
