"""Calls on: the entity is the addressee of a demand together with an act it is asked to do.
"""

from __future__ import annotations

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
    _to_infinitive,
    lexicon,
)
from framing.entities import Entity


def _called_on(h: Token) -> bool:
    """Whether the role token ``h`` is the addressee of a demand to act."""
    verb = h.head
    if _avoided_by(verb):
        return False
    if h.dep_ in _OBJECT and _in(verb, "calls.demand_verbs"):
        return (_to_infinitive(verb, h.i) or _told_must(verb, h.i)) and not _negated(verb)
    if h.dep_ in _OBJECT and _ultimatum(verb, h.i):
        return True
    if h.dep_ in _PASSIVE_SUBJECT and (_in(verb, "calls.demand_verbs")):
        return (_to_infinitive(verb, h.i) or _told_must(verb, h.i)) and not _negated(verb)
    if h.dep_ == "pobj":
        return _called_on_through(h, verb)
    if h.dep_ in _SUBJECT:
        return _obliged(h, verb) or _demanded_clause(verb) or _under_pressure(verb) or _addressed_clause(verb)
    if h.dep_ == "npadvmod" and h.i < verb.i:  # "demanded that Senator X withdraw", misparsed
        return _demanded_clause(verb)
    if h.dep_ == "poss" or (h.dep_ == "pobj" and verb.lower_ == "of"):
        return _action_demanded(h.head if h.dep_ == "poss" else verb.head)
    return False


_THREATS = frozenset(("face", "risk", "lose", "be", "pay", "suffer"))


def _ultimatum(verb: Token, after: int) -> bool:
    """"gave X two months to amend the law or face proceedings": time given to act, with what
    follows if X does not ("or face", "or risk"); time alone ("gave X two weeks to appeal") is a right."""
    if verb.lemma_ not in ("give", "set", "grant", "allow") or _negated(verb):
        return False
    for act in (c for c in verb.children if c.i > after and c.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp")):
        if any(a.lower_ == "to" for a in act.children) and any(
                c.dep_ == "conj" and c.lemma_ in _THREATS and any(o.lower_ == "or" for o in act.children) for c in act.children):
            return True
    return False


def _told_must(verb: Token, after: int) -> bool:
    """"told X it must fix", "warned X that it should stop": a clause with a modal of obligation."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < after:
            continue
        if any(a.lower_ in lexicon()["calls.modals"] for a in clause.children):
            return True
        if _in(clause, "calls.need_verbs") and any(x.dep_ == "xcomp" for x in clause.children):
            return True  # "told X it needs to keep cutting"
    if verb.lemma_ in ("ask", "beg", "press", "petition", "implore") and any(
            c.dep_ == "prep" and c.lower_ == "for" and c.i > after for c in verb.children):
        return True  # "asked X for more time"
    if verb.lemma_ in ("challenge", "invite", "dare"):  # "challenged X to a debate"
        return any(c.dep_ == "prep" and c.lower_ == "to" and c.i > after for c in verb.children)
    return False


def _called_on_through(h: Token, prep: Token) -> bool:
    """"called on X to", "appealed to X to", "pressure on X to", "for X's resignation"."""
    verb = prep.head
    preps = lexicon()["calls.demand_preps"]
    if _avoided_by(verb):
        return False
    if prep.lower_ in preps.get(verb.lemma_.lower(), ()) and verb.pos_ in ("VERB", "AUX"):
        return _to_infinitive(verb, h.i) and not _negated(verb)
    if prep.lower_ in ("on", "upon") and _in(verb, "calls.demand_nouns") and verb.pos_ == "NOUN":
        return _to_infinitive(verb, h.i) and not _negated(verb)  # "pressure on X to act"
    if prep.lower_ in ("on", "upon") and verb.pos_ == "VERB" and not _negated(verb) and any(
            c.dep_ in _SUBJECT and _in(c, "calls.demand_nouns") for c in verb.children):
        return True  # "pressure is mounting on X to", "calls grew on X"
    if prep.lower_ == "for" and _in(verb, "calls.demand_nouns") and verb.pos_ == "NOUN":
        return _to_infinitive(verb, h.i) and not _negated(verb)  # "demands for X to drop the tax"
    if prep.lower_ == "for" and _in(verb, "calls.demand_for_verbs") and verb.pos_ == "VERB":
        return _to_infinitive(verb, h.i) and not _negated(verb)  # "called for X to suspend drilling"
    if prep.lower_ == "of" and _in(verb, "calls.action_nouns"):
        return _action_demanded(verb)
    if prep.lower_ != "from":
        return False
    if _in(verb, "calls.action_nouns") and verb.dep_ in _OBJECT:
        verb = verb.head  # "demanded an apology from X": the preposition hangs on the noun
    if _in(verb, "calls.demand_for_verbs") and not _negated(verb):
        return any(c.dep_ in _OBJECT and _in(c, "calls.action_nouns") for c in verb.children)  # "sought action from X"
    return False


def _obliged(h: Token, verb: Token) -> bool:
    """"X must act", "X should resign", "X needs to apologize" (not "should have", not passive)."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & lexicon()["calls.modals"] and "have" not in aux and not _passive(verb):
        return True
    if verb.lemma_ == "have" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "X has two months to appeal": time or a chance X has, not an obligation
    if _in(verb, "calls.need_verbs") and verb.tag_ in ("VBZ", "VBP", "VB") and not _negated(verb):
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):  # "calls for X to act"
        return any(_in(t, "calls.demand_nouns") or _in(t, "calls.demand_verbs") for t in verb.doc[: h.i])
    return False


def _addressed_clause(verb: Token) -> bool:
    """"implored X to accept" parsed with X as the subject of the to-clause."""
    return (verb.dep_ in ("ccomp", "xcomp") and _in(verb.head, "calls.demand_verbs") and not _negated(verb.head)
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _demanded_clause(verb: Token) -> bool:
    """"demanded that X act": X is the subject of a base-form clause under a demand verb."""
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "mark")}
    if children & {"whether", "if", "would", "will", "could", "might", "can"}:
        return False  # a question ("asked whether X would appeal")
    base = verb.tag_ in ("VB", "VBP") or (verb.tag_ == "NN" and "that" in children)  # "that X speed up", mis-tagged
    base = base or (verb.tag_ == "VBD" and verb.lower_ == verb.lemma_.lower() and "that" in children)  # "that X condemn"
    return (verb.dep_ == "ccomp" and _in(verb.head, "calls.demand_clause_verbs")
            and (base or bool(children & {"should", "must"}))
            and not _negated(verb.head))


def _under_pressure(verb: Token) -> bool:
    """"X came under pressure to", "X faces calls to resign"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "under":
            if any(_in(g, "calls.demand_nouns") for g in child.children):
                return True
        if child.dep_ in _OBJECT and _in(child, "calls.demand_nouns") and verb.lemma_ in ("face", "receive", "get"):
            return True
    return False


def _action_demanded(noun: Token) -> bool:
    """Whether an act of X named as a noun ("X's resignation") is what someone demands."""
    if not _in(noun, "calls.action_nouns"):
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
    elif noun.dep_ not in _OBJECT or head.lemma_ == "call":  # "called X's action an attempt" names it
        return False
    return (_in(head, "calls.demand_for_verbs") or _in(head, "calls.demand_nouns")) and not _negated(head)


def calls_on(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where someone calls on the entity to act (no context needed)."""
    return _first(sentence, entity, _called_on, anaphors=True)
