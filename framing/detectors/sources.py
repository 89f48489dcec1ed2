"""Attributes to, the source side: the entity is where harmful things come from. A thing tied to
the entity ("a factory in X", "X's plant", "a X pipeline", "a tanker owned by X", "syrups made in
X", "emissions from X") is harmful itself (fake drugs, contaminated food, an unlicensed factory),
does harm (leaks oil, killed, caused), or is what harm is traced to ("traced the eggs to a packing
centre in X"). Events located in X ("an attack in X", "the X war") are not: X is only the place.

Split from :mod:`framing.detectors.blame`, which it calls back (both are imported as modules).
"""

from __future__ import annotations

from framing.detectors import blame, culprit
from framing.detectors.roles import (
    _OBJECT,
    _PASSIVE_SUBJECT,
    _SUBJECT,
    Token,
    _in,
    _negated,
    _passive,
)

_AT = ("in", "at", "inside", "within", "from")


def source_of_harm(h: Token) -> bool:
    """Whether a thing tied to ``h`` (up to three steps: "gas released from X's plant") is harmful,
    does harm, or is what harm is traced to."""
    frontier = [h]
    for _ in range(3):
        frontier = [n for t in frontier for n in _tied(t)]
        if any(_source(n) for n in frontier):
            return True
    return False


def _tied(token: Token) -> list[Token]:
    """The things ``token`` is tied to as owner, maker, operator or location."""
    head = token.head
    if token.dep_ in ("compound", "poss", "nmod") and head.pos_ == "NOUN" and head.i > token.i:
        return [] if _in(head, "harm.follower_nouns") else [head]  # "a X pipeline", "X's plant"; not "X fans"
    if token.dep_ != "pobj":
        return []
    prep = head
    over = prep.head
    if prep.dep_ == "agent" and over.dep_ == "acl" and _in(over, "harm.owner_participles"):
        return [over.head]  # "a tanker owned by X", "spinach grown by X"
    if prep.dep_ == "agent" and _in(over, "harm.owner_participles") and _passive(over):
        return [token] if any(c.dep_ in _PASSIVE_SUBJECT and _product(c) for c in over.children) and not _negated(over) else []
    if prep.lower_ not in _AT:
        return []
    if over.pos_ == "NOUN":
        return [over]  # "a factory in X", "emissions from X"
    if _in(over, "blame.trace_verbs") and prep.lower_ in ("in", "at"):  # "traced the leaks to gas fields in X": "in" hung on the verb
        return [g for c in over.children if c.dep_ == "prep" and c.lower_ == "to" and c.i < prep.i for g in c.children]
    if over.dep_ == "acl" and over.head.pos_ == "NOUN" and (
            _in(over, "harm.owner_participles") or _in(over, "harm.operate_verbs") or _in(over, "harm.release_verbs")):
        return [over.head]  # "syrups made in X", "mills operating in X", "gas released from X"
    return []


def _source(noun: Token) -> bool:
    """A thing that is harmful itself, does harm, or is what harm is traced to."""
    if noun.pos_ == "NOUN" and (_in(noun, "harm.failure_nouns") or noun.lemma_ in ("failure", "negligence", "mistake", "blunder")):
        return not _negated(noun.head)  # "a design flaw in X's software", "failures in training overseen by X"
    if noun.pos_ != "NOUN" or _in(noun, "harm.nouns") or _in(noun, "harm.event_nouns") or _in(noun, "harm.natural_events"):
        return False  # "an attack in X", "floods in X": X is the place
    if _product(noun):
        return True
    verb = noun.head
    if noun.dep_ in _SUBJECT and not _negated(verb) and not _passive(verb):
        if _releases(verb) or culprit._culprit(noun, verb) or (
                _in(verb, "harm.cause_verbs") and blame._harm_below(verb)):
            return True  # "a X pipeline leaked crude", "furnaces at X released benzene"
    if noun.dep_ == "pobj" and verb.lower_ == "from" and verb.head.pos_ == "VERB" and not _negated(verb.head):
        if any(c.dep_ in _SUBJECT + _PASSIVE_SUBJECT and blame._harmful(c) for c in verb.head.children):
            return True  # "the slick came from a tanker owned by X"
    if noun.dep_ == "pobj" and verb.lower_ == "to":
        tracer = verb.head
        return _in(tracer, "blame.trace_verbs") and not _negated(tracer) and any(
            c.dep_ in _OBJECT + _PASSIVE_SUBJECT and (blame._harmful(c) or any(blame._harmful(q) for q in blame._quantified(c)))
            for c in tracer.children)  # "traced the contaminated eggs to a centre in X"
    return False


def _product(noun: Token) -> bool:
    """A harmful thing or actor, not an event: "fake antibiotics", "an unlicensed factory",
    "contaminated syrups", "chlorine gas released from"; a bare "the groups" is not."""
    if _in(noun, "harm.nouns") or _in(noun, "harm.event_nouns"):
        return False
    if _in(noun, "harm.actor_heads"):  # "terror camps", not "the camps" or "U.S. bases"
        return any(c.dep_ in ("compound", "amod") and (_in(c, "harm.nouns") or _in(c, "harm.actors")) for c in noun.children)
    if any(_in(q, "harm.pollutants") for q in [noun, *blame._quantified(noun)]) and any(
            c.dep_ == "acl" and _in(c, "harm.release_verbs") for c in noun.children):
        return True  # "gas released from", "a cloud of ammonia released from"
    return blame._harmful(noun) or any(_product(q) for q in blame._quantified(noun))  # "a batch of contaminated heparin"


def _releases(verb: Token) -> bool:
    """A verb that lets a pollutant out ("leaked 2,400 barrels of crude", "released benzene")."""
    if not _in(verb, "harm.release_verbs"):
        return False
    objects = [c for c in verb.children if c.dep_ in _OBJECT]
    objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    return any(_in(o, "harm.pollutants") or any(_in(m, "harm.pollutants") for m in o.children if m.dep_ == "compound")
               for o in objects)


def sponsored_from(prep: Token) -> bool:
    """"militants who receive weapons and training from X", "the gang got its guns from X": a
    harmful group that gets support or arms from X (help a country gets from X is not)."""
    verb = prep.head
    if verb.pos_ == "NOUN" and verb.dep_ in _OBJECT:  # "received [weapons from X]"
        verb = verb.head
    if prep.lower_ != "from" or not _in(verb, "harm.receive_verbs") or _negated(verb):
        return False
    gifts = [g for c in verb.children if c.dep_ in _OBJECT for g in [c, *(x for x in c.children if x.dep_ == "conj")]]
    if not any(_in(g, "harm.sponsor_gifts") or _in(g, "harm.weapons") for g in gifts):
        return False
    takers = [verb.head if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else c for c in verb.children if c.dep_ in _SUBJECT]
    return any(_in(t, "harm.actors") or any(m.dep_ in ("compound", "amod") and (_in(m, "harm.actors") or _in(m, "harm.nouns"))
                                            for m in t.children) for t in takers)

