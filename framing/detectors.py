"""Explicit detectors of entity framing: relations read from a dependency parse.

Every detector has one signature, ``(sentence, entity, context="")``, and returns the character
offset of the entity mention the relation is about, or ``None``. Each finds the syntactic role of
every mention of the entity (through its stand-ins: "Pakistan's government", "the Obama
administration", "Democrats like Mr. Reid") and asks who does what to whom:

- calls on: the entity is the addressee of a demand together with an act it is asked to do
  ("urged Pakistan to act", "called on X to", "X was pressed to", "calls for X to", "demanded
  that X act", "called for X's resignation"), or the subject of an obligation ("X must", "X needs
  to"). A question put to X ("asked X about") or X making the call is not a call on X.
- attributes to: the entity is blamed ("accused X of", "blamed X for", "blamed it on X", "held X
  responsible", "X is guilty"), is the agent of a harmful act ("X shelled the town", "attacks by
  X", "X's invasion", "X's role in the bombing"), or harmful groups or acts are tied to it
  ("X-backed militias", "militants operating from X", "rockets fired from X"). Help, roles in
  talks, protection of X, X as a place where something happened are not.
- highlights omission: a negated or avoided naming whose object is the entity or a stand-in
  for it ("stopped short of naming X", "did not mention X by name", "no mention of X", "X was
  conspicuously absent from the statement").
- veiled reference: an indirect, oblique or veiled reference aimed at someone, or an oblique
  phrase the outlet glosses as aimed at the entity.

The word classes (demand verbs, harm nouns, ...) are general English and live in
``framing/data/relations.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

from framing.entities import Entity, mentions, stand_ins
from framing.syntax import parse

Token = Any  # a spaCy Token

_OBJECT = ("dobj", "dative", "obj", "iobj")
_PASSIVE_SUBJECT = ("nsubjpass", "csubjpass")
_SUBJECT = ("nsubj", "csubj")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """``framing/data/relations.toml`` with every list turned into a frozenset."""
    data = tomllib.loads(files("framing").joinpath("data/relations.toml").read_text(encoding="utf-8"))
    return {f"{section}.{key}": frozenset(value) if isinstance(value, list) else value
            for section, table in data.items() for key, value in table.items()}


def _in(token: Token, word_class: str) -> bool:
    """Whether a token's lemma (or lower-case text) belongs to a word class of the lexicon."""
    words = lexicon()[word_class]
    return token.lemma_.lower() in words or token.lower_ in words


def _roles(sentence: str, entity: Entity) -> Iterator[tuple[int, Token]]:
    """(offset, role token) for each mention: the token whose relation to the rest counts."""
    found = mentions(entity, sentence)
    if not found:
        return
    doc = parse([sentence])[0]
    if doc is None:
        return
    for match in found:
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            yield match.start(), _climb(span.root)


def _climb(token: Token) -> Token:
    """From a mention to the token that carries its role: a stand-in it modifies ("Pakistan's
    government", "Pakistani authorities", "the government of Pakistan"), the group it exemplifies
    ("Democrats like Mr. Reid") or the first of its conjuncts ("Iran and Syria")."""
    heads = stand_ins()

    def stands_in(t: Token) -> bool:
        return t.lemma_.lower() in heads or t.lower_ in heads

    for _ in range(4):
        head = token.head
        if token.dep_ in ("poss", "compound", "amod", "nmod", "appos") and stands_in(head):
            token = head
        elif token.dep_ == "pobj" and head.lower_ == "of" and stands_in(head.head) or token.dep_ == "pobj" and head.lower_ in ("like", "including") and head.head.pos_ in ("NOUN", "PROPN"):
            token = head.head
        elif token.dep_ in ("conj", "appos") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            token = head
        else:
            return token
    return token


def _negated(token: Token) -> bool:
    """Whether a verb or noun is negated ("did not urge", "no evidence that", "never blamed")."""
    if any(c.dep_ in ("neg", "preconj") and c.lower_ in ("not", "n't", "never", "neither", "no", "nor")
           or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    if _nobody_does(token) or any(c.dep_ in ("advmod", "npadvmod") and (c.lower_ == "nowhere" or any(
            g.dep_ == "neg" for g in c.children)) for c in token.children):
        return True  # "Nobody asked X to", "Not once did X mention", "Nowhere does X appear"
    head = token.head
    if token.dep_ == "conj" and any(c.lower_ in ("nor", "neither") for c in [*head.children, *token.children]):
        return True  # "neither condemned nor named X"
    if token.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "relcl") and head is not token:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in head.children):
            return True
        return _in(head, "naming.avoid_verbs") or _in(head, "blame.denial_verbs")
    return False


def _avoided_by(word: Token) -> bool:
    """A verb an avoidance governs ("stopped short of calling on X", "refrained from blaming X")."""
    head = word.head
    if word.dep_ in ("pcomp", "xcomp") and head.dep_ == "prep":
        head = head.head
    elif word.dep_ != "xcomp":
        return False
    while head.dep_ in ("advmod", "prep") and head.head is not head:
        head = head.head
    return _in(head, "naming.avoid_verbs") and not _negated(head)


def _to_infinitive(verb: Token, after: int) -> bool:
    """Whether ``verb`` governs a to-infinitive (or base clause) after token index ``after``."""
    addressee = verb.doc[after]
    for child in [*verb.children, *addressee.children]:
        if child.i > after and child.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl"):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return True
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _first(sentence: str, entity: Entity, test: Callable[[Token], bool]) -> int | None:
    """Offset of the first mention whose role passes ``test``."""
    for offset, role in _roles(sentence, entity):
        if test(role):
            return offset
    return None


# ---------------------------------------------------------------- calls on


def _called_on(h: Token) -> bool:
    """Whether the role token ``h`` is the addressee of a demand to act."""
    verb = h.head
    if _avoided_by(verb):
        return False
    if h.dep_ in _OBJECT and _in(verb, "calls.demand_verbs"):
        return (_to_infinitive(verb, h.i) or _told_must(verb, h.i)) and not _negated(verb)
    if h.dep_ in _PASSIVE_SUBJECT and (_in(verb, "calls.demand_verbs")):
        return (_to_infinitive(verb, h.i) or _told_must(verb, h.i)) and not _negated(verb)
    if h.dep_ == "pobj":
        return _called_on_through(h, verb)
    if h.dep_ in _SUBJECT:
        return _obliged(h, verb) or _demanded_clause(verb) or _under_pressure(verb) or _addressed_clause(verb)
    if h.dep_ == "poss" or (h.dep_ == "pobj" and verb.lower_ == "of"):
        return _action_demanded(h.head if h.dep_ == "poss" else verb.head)
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
    if prep.lower_ == "of" and _in(verb, "calls.action_nouns"):
        return _action_demanded(verb)
    if prep.lower_ == "from" and _in(verb, "calls.action_nouns") and verb.dep_ in _OBJECT:
        verb, prep = verb.head, verb  # "demanded an apology from X"
    if prep.lower_ in ("from", "apology") and _in(verb, "calls.demand_for_verbs") and not _negated(verb):
        return any(c.dep_ in _OBJECT and _in(c, "calls.action_nouns") for c in verb.children)  # "sought action from X"
    return False


def _obliged(h: Token, verb: Token) -> bool:
    """"X must act", "X should resign", "X needs to apologize" (not "should have", not passive)."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & lexicon()["calls.modals"] and "have" not in aux and not _passive(verb):
        return True
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
    return (verb.dep_ == "ccomp" and _in(verb.head, "calls.demand_clause_verbs")
            and (verb.tag_ in ("VB", "VBP") or bool(children & {"should", "must"}))
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
    return _first(sentence, entity, _called_on)


# ---------------------------------------------------------------- attributes to


def _harmful(token: Token) -> bool:
    """A harmful act or actor: the word itself, or a group a harm word modifies ("terror groups")."""
    if _in(token, "harm.nouns") or _in(token, "harm.actors") or _in(token, "harm.weapons"):
        return True
    if token.pos_ == "NOUN" and any(c.dep_ == "amod" and _in(c, "harm.false_adjectives") for c in token.children):
        return True  # "false claims", "fake stories"
    if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "compound" and (_in(c, "harm.nouns") or _in(c, "harm.actors")) for c in token.children):
        return True  # "terror activities"
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "from") and token.head.head is not token:
        outer = token.head.head  # "terrorists from LeT", "a team of members" that carried out an attack
        if _in(outer, "harm.actors") or (outer.pos_ == "NOUN" and _agent_of_harm(outer)):
            return True
    if token.pos_ == "PROPN" and _described_as_culprit(token):
        return True
    if token.lemma_ in ("use", "deployment", "campaign") and _harm_below(token):
        return True  # "the use of lethal force", "a campaign of intimidation"
    if token.pos_ == "VERB" and _in(token, "harm.verbs"):
        return True
    if _in(token, "harm.actor_heads"):  # "terror groups"; a bare "the groups" too, "aid groups" not
        mods = [c for c in token.children if c.dep_ in ("compound", "amod") and c.pos_ != "PROPN"
                and not _in(c, "harm.tie_adjectives")]
        return not mods or any(_in(c, "harm.nouns") or _in(c, "harm.actors") for c in mods)
    return _agent_of_harm(token)


def _agent_of_harm(token: Token) -> bool:
    """A name that does harm in this sentence ("carried out by Jaish", "Jaish attacked")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "agent":
        verb = head.head
        done = [verb.head if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else c
                for c in verb.children if c.dep_ in _PASSIVE_SUBJECT]  # "attacks, which were carried out by"
        if _in(verb, "harm.verbs"):
            return True  # "killed by X"
        doer = _in(verb, "harm.perpetrate_verbs") or verb.lemma_ == "claim"  # "carried out by X", not "put out by X"
        return doer and any(_harmful(c) for c in done)
    return token.dep_ in _SUBJECT and head.pos_ == "VERB" and _in(head, "harm.verbs") and not _passive(head)


def _harm_below(token: Token) -> bool:
    """Whether a prepositional object or clause below ``token`` is harmful ("for the attack")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            if any(_harmful(g) or (g.pos_ == "VERB" and _in(g, "harm.verbs")) for g in child.children):
                return True
        if child.dep_ in ("pcomp", "xcomp", "advcl") and _harmful(child):
            return True
    return False


def _blamed(h: Token) -> bool:
    """Whether the role token ``h`` is blamed or tied to harm."""
    head = h.head
    if _described_as_culprit(h) or _culprit_noun(h):
        return True
    if _negated(head) or _hypothetical(head) or _avoided_by(head):
        return False
    if h.dep_ in _OBJECT or h.dep_ in _PASSIVE_SUBJECT:
        return _object_of_blame(h, head)
    if h.dep_ in _SUBJECT:
        return _culprit(h, head)
    if h.dep_ in ("poss", "compound", "amod", "npadvmod", "nmod"):
        if h.dep_ in ("compound", "amod") and head.dep_ in _OBJECT + _PASSIVE_SUBJECT and _in(head.head, "blame.core_blame_verbs"):
            return not _negated(head.head)  # "blamed the UAW strike", "accused Vietnamese exporters"
        if h.dep_ in ("amod", "compound") and head.dep_ == "pobj" and head.head.lower_ == "to" and \
                _in(head.head.head, "blame.trace_verbs"):
            return True  # "traced the eggs to Dutch poultry farms"
        return _owner_of_harm(h, head) or (h.dep_ in ("poss", "amod") and _thing_blamed(head))
    if h.dep_ == "pobj":
        return _through_preposition(head) or _agent_through(h, head)
    return False


def _agent_through(h: Token, prep: Token) -> bool:
    """"claimed by X", "rockets fired by X", "lines owned by X sparked the fire", "a cell of X
    carried out the kidnapping", "the work of X"."""
    head = prep.head
    if prep.dep_ == "agent" and _agent_of_harm(h):
        return True
    if prep.dep_ == "agent" and head.dep_ == "acl" and _in(head, "harm.owner_participles"):
        return _harmful(head.head) or _thing_blamed(head.head)  # "lines owned by X sparked the fire"
    if prep.lower_ == "of" and head.pos_ == "NOUN" and (_agent_of_harm(head) or _thing_blamed(head)):
        return True
    if prep.lower_ == "of" and head.lemma_ == "hand" and head.dep_ == "pobj" and head.head.lower_ == "at":
        return True  # "killed at the hands of X"
    if prep.lower_ == "of" and head.lemma_ in ("work", "handiwork", "doing") and head.dep_ in ("attr", "acomp"):
        return any(c.dep_ in _SUBJECT + _PASSIVE_SUBJECT and _harmful(c) for c in head.head.children)
    return False


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
    if h.dep_ in _OBJECT:
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
    return noun.dep_ in _SUBJECT and _culprit(noun, head)


def _thing_blamed_shallow(noun: Token) -> bool:
    """:func:`_thing_blamed` without climbing further (a bound on the recursion)."""
    head = noun.head
    if _negated(head):
        return False
    if noun.dep_ in _OBJECT + _PASSIVE_SUBJECT and _object_of_blame(noun, head):
        return True
    return noun.dep_ in _SUBJECT and _culprit(noun, head)


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
                if (rel.dep_ in _SUBJECT and _culprit(rel, rel.head)) or (
                        rel.dep_ in _OBJECT + _PASSIVE_SUBJECT and _object_of_blame(rel, rel.head)):
                    return True
        if child.dep_ == "appos":
            if any(g.dep_ in ("acl", "relcl") and _in(g, "blame.blame_verbs") and _passive_participle(g) for g in child.children):
                return True
    return False


def _passive_participle(verb: Token) -> bool:
    return verb.tag_ == "VBN" or _passive(verb)


def _stops_harm(verb: Token) -> bool:
    """"X must stop dumping cars", "urged X to stop subsidising": harm X is asked to end is X's."""
    return any(c.dep_ in ("xcomp", "ccomp") and c.lemma_ in ("stop", "end", "cease", "halt", "quit")
               and any(g.dep_ in ("xcomp", "dobj") and _harmful(g) for g in c.children) for c in [verb, *verb.children])


def _accused_subject(verb: Token) -> bool:
    """"X faced allegations of fraud", "X was beset with charges of racism"."""
    for child in verb.children:
        nouns = [child] if child.dep_ in _OBJECT else [g for g in child.children if child.dep_ == "prep"]
        for noun in nouns:
            if _in(noun, "blame.allegation_nouns") and _harm_below(noun) and not _negated(noun):
                return True
    return False


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
    if h.dep_ in _PASSIVE_SUBJECT and _in(verb, "harm.verbs"):
        return False  # X was attacked: X is the victim
    return False


def _culprit(h: Token, verb: Token) -> bool:
    """X as subject: agent of a harmful act, backer of harmful groups, or culpable ("X is guilty")."""
    if _accused_subject(verb) or _stops_harm(verb):
        return True
    if verb.lemma_ == "claim" and any(c.dep_ in _OBJECT and (_harmful(c) or c.lemma_ == "responsibility") for c in verb.children):
        return True  # "X claimed the attack", "X claimed responsibility for"
    if _in(verb, "blame.admit_verbs") and any(_harmful(t) for t in verb.subtree if t.i > h.i):
        return True  # "X admitted installing software to cheat"
    if _passive(verb) or any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return False
    if verb.pos_ == "VERB" and _in(verb, "harm.verbs") and verb.lemma_ != "be":
        return True
    if _in(verb, "harm.support_verbs") or _in(verb, "harm.perpetrate_verbs"):
        if verb.dep_ == "relcl" and _in(verb.head, "harm.nouns") and not any(c.dep_ in _OBJECT for c in verb.children):
            return True  # "the destruction X caused"
        objects = [c for c in verb.children if c.dep_ in _OBJECT]
        objects += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ in _SUBJECT]
        return any(_harmful(c) for c in objects) or (verb.lemma_ == "subject" and _harm_below(verb))
    if verb.lemma_ in ("take", "play", "have", "bear") and any(
            c.dep_ in _OBJECT and _in(c, "blame.involvement_nouns") and (_harm_below(c) or _harm_below(verb))
            for c in verb.children):
        return True  # "X took part in the killings", "X played a role in the attack"
    if verb.lemma_ in ("participate", "engage", "collude", "conspire", "preside", "oversee") and _harm_below(verb):
        return True
    if _in(verb, "blame.breach_verbs") and any(c.dep_ in _OBJECT and _in(c, "blame.norms") for c in verb.children):
        return True  # "X broke the law", "X ignored warnings"
    if verb.lemma_ == "turn" and any(c.lemma_ == "eye" and any(g.lower_ == "blind" for g in c.children) for c in verb.children):
        return True  # "X turned a blind eye to"
    if verb.lemma_ in ("cover", "hush", "sweep", "whitewash") and any(c.dep_ == "prt" and c.lower_ in ("up", "under") for c in verb.subtree):
        return True  # "X covered up the abuse"
    if verb.lemma_ == "fail":  # "X failed to report the abuse", "X failed its researchers"
        return any((c.dep_ == "xcomp" and _in(c, "blame.duty_verbs")) or c.dep_ in _OBJECT for c in verb.children)
    if _in(verb, "blame.culpable_adjectives") and verb.pos_ == "ADJ":  # "holds X responsible for"
        return verb.lemma_ != "responsible" or _harm_below(verb)
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and _in(child, "blame.culpable_adjectives"):
            return child.lemma_ != "responsible" or _harm_below(child)
        if child.dep_ == "prep" and child.lower_ == "behind" and any(_harmful(g) for g in child.children):
            return True
    return verb.dep_ in ("ccomp", "acl") and _in(verb.head, "blame.allegation_nouns") and _harm_below(verb)


def _owner_of_harm(h: Token, noun: Token) -> bool:
    """"X's invasion", "X-backed militias", "Pakistani militants", "X's role in the bombing"."""
    if _in(noun, "harm.tie_adjectives") and noun.head is not noun:
        return _harmful(noun.head)
    if h.dep_ in ("compound", "amod"):  # "Pakistani militants", "Russian drones", "Iranian aggression"
        if _in(noun, "harm.actors") or _in(noun, "harm.weapons"):
            return True
        if _in(noun, "harm.actor_heads"):
            return any(c.dep_ in ("compound", "amod") and c is not h and (_in(c, "harm.nouns") or _in(c, "harm.actors"))
                       for c in noun.children)
        return h.dep_ == "amod" and _in(noun, "harm.nouns")
    if _harmful(noun):
        return True
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
    if word in ("by", "from") and _harmful(head):
        return True
    if word == "on" and head.lemma_ == "blame":
        return True
    if word == "to" and _in(head, "blame.trace_verbs") and any(
            c.dep_ in _OBJECT + _PASSIVE_SUBJECT and _harmful(c) for c in head.children):
        return True  # "traced the outbreak to X", "the deaths were linked to X"
    if word == "against" and _in(head, "blame.allegation_nouns"):
        return True
    if word == "for" and head.lemma_ in ("warrant", "indictment"):
        return True
    if word == "of" and (_in(head, "blame.involvement_nouns") or _in(head, "harm.support_nouns")):
        return _harm_below(head)
    if word in ("in", "from", "inside", "within", "out", "by", "for") and (_in(head, "harm.operate_verbs") or _in(head, "harm.tie_adjectives")):
        return any(_harmful(actor) for actor in _actors(head))
    if word in ("in", "inside", "within", "from") and _in(head, "harm.actors"):
        return True
    return False


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
    found = _first(sentence, entity, _blamed)
    if found is not None:
        return found
    soil = _OWN_SOIL.search(sentence)
    if soil and (mentions(entity, sentence[: soil.start()]) or mentions(entity, previous)):
        doc = parse([sentence])[0]
        span = None if doc is None else doc.char_span(soil.start(), soil.end(), alignment_mode="expand")
        if span is not None and _through_preposition(span[0]) and not _negated(span[0].head):
            return soil.start()
    return None


# ---------------------------------------------------------------- omission


def _unnamed(h: Token) -> bool:
    """Whether the role token is what a negated or avoided naming leaves out."""
    head = h.head
    if h.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "refer to X", "mention of X", "reference to X"
    if head.pos_ in ("VERB", "AUX") and _naming_verb(head):
        other = any(c.dep_ in _OBJECT and c is not h for c in head.children)  # "name a successor to X"
        return _avoided(head) and h.dep_ not in _SUBJECT and not (h.dep_ == "pobj" and other)
    if h.dep_ in _OBJECT and any(c.dep_ in ("compound", "amod") and _in(c, "naming.verbs") for c in h.children):
        return _in(head, "naming.avoid_verbs") or _negated(head)  # "avoided naming X" parsed as a compound
    if h.dep_ in _OBJECT and any(c.dep_ in ("oprd", "ccomp", "acomp", "xcomp") and c.lower_ in ("unnamed", "unmentioned")
                                 for c in head.children):
        return True  # "left X unnamed"
    if h.dep_ == "poss" and head.lower_ in ("unnamed", "unmentioned"):
        return True  # "left X's military unnamed", parsed with "unnamed" as a noun
    if h.dep_ in _OBJECT and head.lemma_ == "leave" and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children):
        return True  # "left X out"
    if _in(head, "naming.nouns"):
        if h.dep_ == "poss" and head.dep_ in _SUBJECT and _absent(head.head):
            return True  # "X's name was missing from the table"
        if h.dep_ == "poss" and head.dep_ in _PASSIVE_SUBJECT and _in(head.head, "naming.omit_verbs"):
            return True  # "X's name was omitted"
        return _avoided(head) or (head.dep_ == "pobj" and head.head.lower_ == "without")
    if h.dep_ == "conj" and any(c.dep_ == "neg" for c in h.children):
        first = head
        while first.dep_ == "conj":
            first = first.head
        return first.dep_ in (*_OBJECT, "oprd", "attr") and _naming_verb(first.head) and not _negated(first.head)  # "named A but not X"
    if h.dep_ in _OBJECT + ("pobj",) and _in(head if h.dep_ != "pobj" else head.head, "naming.omit_verbs"):
        verb = head if h.dep_ != "pobj" else head.head
        return any(c.dep_ in _SUBJECT and _in(c, "naming.statement_nouns") for c in verb.children)  # "the speech skipped over X"
    if h.dep_ == "pobj" and h.head.lower_ in ("on", "about") and h.head.head.lemma_ in ("silent", "silence"):
        return True  # "the statement was silent on X"
    if h.dep_ in _PASSIVE_SUBJECT and _in(head, "naming.omit_verbs") and head.lemma_ != "leave":
        return True  # "X was omitted from the statement"
    if h.dep_ in _SUBJECT + _PASSIVE_SUBJECT:
        return _absent(head)
    return False


def _naming_verb(verb: Token) -> bool:
    """A verb of naming; "call", "single" and "point" only as "call out", "single out", "point a finger"."""
    if not _in(verb, "naming.verbs"):
        return False
    if verb.lemma_ in ("call", "single", "point"):
        return any(c.lower_ in ("out", "finger") for c in verb.subtree)
    return True


def _avoided(word: Token) -> bool:
    """A naming negated ("did not name"), avoided ("stopped short of naming") or done without."""
    if _negated(word) or _nobody_does(word):
        return True
    head = word.head
    if word.dep_ in (*_SUBJECT, "attr") and any(c.dep_ in ("acomp", "attr") and _in(c, "naming.absent_adjectives")
                                                for c in head.children):
        return True  # "absent from the speech was any reference to X"
    if head.lemma_ == "leave" and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children):
        return True  # "left out any reference to X"
    if word.dep_ == "pcomp" and head.lower_ == "than" and any(c.lower_ == "rather" for c in head.children):
        return True  # "rather than naming X"
    if word.pos_ == "NOUN" and word.dep_ in _OBJECT and head.pos_ in ("VERB", "AUX"):
        return _in(head, "naming.avoid_verbs") or _avoided(head)  # "did not take the name of X", "omitted the name of X"
    if word.dep_ == "pcomp" and head.lower_ == "without":
        return True
    if word.dep_ in ("pcomp", "xcomp") and head.dep_ == "prep":
        head = head.head  # "short of naming", "refrained from naming"
    while head.dep_ in ("advmod", "prep") and head.head is not head:
        head = head.head
    return _in(head, "naming.avoid_verbs") and not _negated(head)


def _nobody_does(verb: Token) -> bool:
    """A verb whose subject is nobody ("Neither candidate mentioned X", "No speaker named X")."""
    return any(c.dep_ in _SUBJECT and (c.lower_ in ("nobody", "none", "neither", "noone") or any(
        d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither") for d in c.children)) for c in verb.children)


def _absent(verb: Token) -> bool:
    """"X went unnamed", "X was conspicuously absent from the statement", "X was not named"."""
    if _in(verb, "naming.verbs") and _passive(verb):
        return _negated(verb)
    if verb.lemma_ in ("appear", "feature", "figure") and _negated(verb):
        return True  # "X's name did not appear in the release"
    if verb.lower_ in ("missing", "absent") and any(
            g.dep_ == "prep" and any(_in(t, "naming.statement_nouns") for t in g.subtree) for g in verb.children):
        return True  # "X's name was missing from the statement"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr", "xcomp") and _in(child, "naming.absent_adjectives"):
            if child.lower_ in ("unnamed", "unmentioned", "nameless"):
                return True
            return any(g.dep_ == "prep" and any(_in(s, "naming.statement_nouns") for s in g.subtree) for g in child.children)
    return False


def _stand_in_unnamed(sentence: str, kind: str) -> int | None:
    """Offset of a negated naming of a stand-in: "any country" for a country, "names" for any."""
    doc = parse([sentence])[0]
    for token in doc or ():
        if token.lemma_ in ("country", "nation", "neighbour", "neighbor", "state") and kind != "country":
            continue
        if _in(token, "naming.stand_ins") and token.head.pos_ == "VERB" and _naming_verb(token.head):
            if token.dep_ in _OBJECT + ("pobj",) and _avoided(token.head):
                return token.idx
    return None


def highlights_omission(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where the sentence remarks that the entity (or any country) went unnamed.

    A remark about "any country" or "names" counts only if the entity is named in the sentence
    or its ``context`` (the article), so it is about this entity.
    """
    found = _first(sentence, entity, _unnamed)
    if found is not None:
        return found
    if might_remark_omission(sentence) and (mentions(entity, sentence) or mentions(entity, context)):
        return _stand_in_unnamed(sentence, entity.kind)
    return None


@lru_cache(maxsize=1)
def _naming_hint() -> re.Pattern[str]:
    """Stems of the naming words: a sentence without any cannot remark an omission."""
    words = lexicon()["naming.verbs"] | lexicon()["naming.nouns"]
    return re.compile(r"\b(?:" + "|".join(sorted(re.escape(w[:4]) for w in words)) + ")", re.IGNORECASE)


def might_remark_omission(sentence: str) -> bool:
    """A cheap test before parsing: does the sentence hold a word of naming at all?"""
    return _naming_hint().search(sentence) is not None


# ---------------------------------------------------------------- veiled reference

_ALLUSION = r"(?:reference|allusion|message|dig|swipe|jab|jibe|barb|warning|nod|hint|signal|rebuke|criticism)"
_VEILED = re.compile(
    r"\b(?:veiled|oblique|indirect|implicit|thinly[\s-]veiled|coded|thinly\s+disguised)\s+(?:\w+\s+)?"
    rf"(?:{_ALLUSION}|attack|threat)\s+(?:\w+\s+)?(?:to|at|against|aimed\s+at|for|on)\b"
    rf"|\b(?:apparent|subtle|unstated|tacit)\s+(?:{_ALLUSION})\s+(?:to|at|aimed\s+at)\b",
    re.IGNORECASE,
)
_GLOSS = r"(?:reference|allusion|dig|swipe|jab|jibe|barb|nod|hint)"
_READ_AS = r"(?:seen|read|viewed|interpreted|taken|understood|perceived)\s+as"


@lru_cache(maxsize=64)
def _veiled_patterns(entity_pattern: str) -> tuple[re.Pattern[str], ...]:
    """An outlet's gloss (", a reference to X") or reading ("seen as a dig at X") of a phrase."""
    e, w = entity_pattern, r"(?:[\w’'-]+\s+)"
    return (
        re.compile(rf"(?:,|[–—]|\s-)\s*(?:in\s+)?(?:a|an)\s+(?:[\w-]+\s+){{0,2}}{_GLOSS}\s+(?:to|at)\s+{w}{{0,4}}?{e}", re.IGNORECASE),
        re.compile(rf"\b{_READ_AS}\s+(?:a|an)\s+(?:[\w-]+\s+){{0,2}}{_ALLUSION}\s+(?:to|at|for|aimed\s+at)\s+{w}{{0,4}}?{e}", re.IGNORECASE),
    )


_TARGET = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?((?:[\w’'.-]+\s+){0,5}[\w’'.-]+)")


def _aimed_at(entity: Entity, after: str, sentence: str, context: str) -> bool:
    """Whether a veiled reference ("a veiled swipe at ...") is aimed at the entity: the entity is
    named after it, or the reference names no one (then the entity must be named in the sentence or the
    article: "an oblique message to the neighbouring country")."""
    if mentions(entity, after):
        return True  # "a reference to groups like LeT, based in Pakistan"
    target = _TARGET.match(after)
    words = target.group(1) if target else ""
    if any(w[:1].isupper() for w in words.split()[:3]):
        return False  # aimed at someone else who is named ("a swipe at President Obama")
    return bool(mentions(entity, sentence) or mentions(entity, context))


def veiled_reference(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where the sentence calls something an indirect or veiled reference (about the entity)."""
    match = _VEILED.search(sentence)
    if match and _aimed_at(entity, sentence[match.end():], sentence, context):
        return match.start()
    starts = [m.start() for p in _veiled_patterns(entity.pattern) for m in [p.search(sentence)] if m]
    return min(starts) if starts else None
