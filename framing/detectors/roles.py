"""What every entity-frame detector shares: the word classes, the syntactic role of each
mention (through stand-ins, conjuncts and pronouns) and negation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from framing.entities import Entity, mentions, stand_ins
from framing.packaged import packaged_toml
from framing.syntax import parse

Token = Any  # a spaCy Token

_OBJECT = ("dobj", "dative", "obj", "iobj")
_PASSIVE_SUBJECT = ("nsubjpass", "csubjpass")
_SUBJECT = ("nsubj", "csubj")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """``framing/data/relations.toml`` with every list turned into a frozenset."""
    data = packaged_toml("relations.toml")
    return {f"{section}.{key}": frozenset(value) if isinstance(value, list) else value
            for section, table in data.items() for key, value in table.items()}


def _in(token: Token, word_class: str) -> bool:
    """Whether a token's lemma (or lower-case text) belongs to a word class of the lexicon."""
    words = lexicon()[word_class]
    if not (token.lemma_.lower() in words or token.lower_ in words):
        return False
    return word_class != "harm.verbs" or not _idiom(token)


def _idiom(verb: Token) -> bool:
    """A harm verb made an idiom by its object ("struck a deal", "fired its coach", "shot to the top")."""
    objects = lexicon()["harm.idiom_objects"].get(verb.lemma_.lower())
    if objects is None:
        return False
    if verb.lemma_.lower() in ("shoot", "fire"):
        preps = {c.lower_ for c in verb.subtree if c.dep_ in ("prt", "prep") and c.head.i in (verb.i, *(o.i for o in verb.children))}
        if preps & {"at", "on", "upon", "into"}:
            return False  # "fired shots at a rescue ship"
        if preps & {"up", "to"}:
            return True  # "shot to the top", "fired up"
    return any(c.dep_ in ("dobj", "obj", "prt") and any(t.lemma_.lower() in objects or t.lower_ in objects for t in (c, *(
        m for m in c.children if m.dep_ == "compound"))) for c in verb.children)


def _roles(sentence: str, entity: Entity, agents: bool = False, anaphors: bool = False,
           own_subjects: bool = False) -> Iterator[tuple[int, Token]]:
    """(offset, role token) for each mention: the token whose relation to the rest counts.
    ``agents`` lets those who act for the entity carry its role too ("X pilots", "managers at X");
    ``anaphors`` lets a later definite description of its kind stand for it ("the company");
    ``own_subjects`` lets a subject pronoun under the entity's own verb be the entity ("X must
    free the hostages it holds"), which a call must not read ("X said it must act" is no call on X)."""
    found = mentions(entity, sentence)
    if not found:
        return
    doc = parse([sentence])[0]
    if doc is None:
        return
    spans = [doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in found]
    for match, span in zip(found, spans, strict=True):
        if span is not None:
            yield match.start(), _climb(span.root, agents)
    for pronoun in _pronouns_for(doc, entity, [s for s in spans if s is not None], own_subjects):
        yield found[0].start(), _climb(pronoun, agents)
    if anaphors:
        for noun in _descriptions_for(doc, entity, [s for s in spans if s is not None]):
            yield found[0].start(), _climb(noun, agents)


def _descriptions_for(doc: Any, entity: Entity, spans: list[Any]) -> list[Token]:
    """Definite descriptions after the entity that refer back to it: "Boeing ... ordered the
    company to". The noun must fit the entity's kind (``anaphors`` in entity_forms.toml), carry
    no modifier of its own, and no other proper name may stand between them, except a place
    ("a refinery in Tabasco")."""
    if not spans:
        return []
    from framing.entities import _forms

    table = _forms()["anaphors"]
    nouns = frozenset(table.get(entity.kind, table["organisation"]))
    inside = {t.i for span in spans for t in span}
    first = min(span.start for span in spans)
    found = []
    for t in doc[first + 1:]:
        if t.i in inside or t.text not in nouns or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue
        if (t.dep_ == "poss" and t.head.dep_ in _SUBJECT) or (t.dep_ in _OBJECT and _done_by(t.head, inside)) or _other_party(doc, first, t):
            continue  # "the charity's founder diverted ...", "X banned the newspaper": another party
        if any(c.dep_ in ("compound", "amod", "appos", "prep") or c.pos_ == "PROPN" for c in t.children):
            continue  # "the state oil company", "the company Acme", "the bank of Y": another one
        if not any(r.pos_ == "PROPN" and r.i not in inside and not _place(r) and r.lower_.strip(".") not in _titles()
                   for r in doc[first: t.i]):
            found.append(t)
    return found


def _done_by(verb: Token, inside: set[int]) -> bool:
    """Whether the entity is the subject of ``verb`` or of the verb it is conjoined to."""
    for _ in range(3):
        if any(c.dep_ in _SUBJECT and c.i in inside for c in verb.children):
            return True
        if verb.dep_ != "conj" or verb.head.i == verb.i or verb.head.dep_ == "ccomp":
            return False  # "concluded that X had breached the rules, and ordered the channel": the parser's conjunct
        verb = verb.head
    return False


def _other_party(doc: Any, first: int, description: Token) -> bool:
    """A party introduced between the entity and the description ("a supplier", "a rival
    lender"), which "the company" may mean instead."""
    return any(t.pos_ == "NOUN" and _in(t, "roles.other_parties") and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                                                                          for c in t.children)
               for t in doc[first: description.i])


def _place(token: Token) -> bool:
    """A proper name in a place phrase ("in Tabasco"), climbing from inside a longer name."""
    while token.dep_ == "compound" and token.head.pos_ == "PROPN":
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "outside", "across", "from", "to")


_PRONOUNS = {"person": {"he", "him", "she", "her", "his"}, "other": {"it", "its"}}


def _pronouns_for(doc: Any, entity: Entity, spans: list[Any], own_subjects: bool = False) -> list[Token]:
    """Pronouns later in the sentence whose nearest possible antecedent is the entity: "called on
    X to resign after she was accused of ...", "urged X to act, accusing it of delay". A proper
    name of the pronoun's kind (a person for "she", anything else for "it") standing between the
    entity and the pronoun takes it instead."""
    if not spans:
        return []
    inside = {t.i for span in spans for t in span}
    words = _PRONOUNS["person" if entity.kind == "person" else "other"]
    first = min(span.start for span in spans)
    found = []
    for t in doc:
        if t.i > first and t.lower_ in words and t.pos_ == "PRON" and (
                (own_subjects and t.dep_ == "nsubj" and not _thing_between(doc, inside, t)) or not _object_of_self(t, inside)):
            if _nearest_name(doc, t, entity.kind == "person", inside) in inside and not _rival_names(doc[: t.i], inside, entity.kind == "person"):
                found.append(t)
    return found


def _thing_between(doc: Any, inside: set[int], pronoun: Token) -> bool:
    """A singular common noun between the entity and "it", which "it" may as well mean ("X
    condemned the bombing, saying it killed civilians")."""
    last = max(inside)
    return pronoun.lower_ == "it" and any(t.tag_ == "NN" for t in doc[last + 1: pronoun.i])


def _rival_names(doc: Any, inside: set[int], person: bool) -> bool:
    """Another proper name of the entity's kind before the pronoun: the pronoun may be its (an
    antecedent comes before its pronoun; a name after it, "its forces looted hospitals in Tigray",
    cannot take it)."""
    return any(t.pos_ == "PROPN" and t.i not in inside and t.lower_.strip(".") not in _titles() and not _part_of(t, inside)
               and not (t.i == 0 and not t.ent_type_)  # "Staff passed a motion": a capitalised first word
               and not (not person and (_place(t) or t.lower_ in _DATES or t.dep_ == "amod"))  # "in Brussels on Thursday", "Nordic"
               and (t.ent_type_ == "PERSON" or (not t.ent_type_ and person)) == person for t in doc)


_DATES = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                    "march", "april", "june", "july", "august", "september", "october", "november", "december"))


def _part_of(token: Token, inside: set[int]) -> bool:
    """A word of the entity's own mention the match left out ("Vice-Chancellor" before "Fiona McAllister")."""
    while token.dep_ in ("compound", "punct") and token.head is not token:
        token = token.head
        if token.i in inside:
            return True
    return False


def _nearest_name(doc: Any, pronoun: Token, person: bool, inside: frozenset[int] | set[int] = frozenset()) -> int | None:
    """Index of the closest proper name before ``pronoun`` that agrees with it in kind (the
    entity's own words agree: its kind is known, whatever the tagger guessed)."""
    for t in reversed(doc[: pronoun.i]):
        if t.pos_ != "PROPN" or t.lower_.strip(".") in _titles() or _part_of(t, set(inside)):
            continue
        if t.i in inside:
            return t.i
        is_person = t.ent_type_ == "PERSON"
        if is_person == person or (not t.ent_type_ and person):
            return t.i
    return None


def _object_of_self(pronoun: Token, entity_tokens: set[int]) -> bool:
    """"X urged him to": an object pronoun of a verb whose subject is the entity is someone else;
    so is what a possessive marks there ("X urged its members to", "X called on its allies")."""
    if pronoun.dep_ == "poss" and pronoun.head.dep_ in (*_OBJECT, "pobj"):
        pronoun = pronoun.head
    elif pronoun.dep_ not in (*_OBJECT, "nsubj"):
        return False
    clause = pronoun.head
    if pronoun.dep_ == "nsubj" and clause.dep_ in ("acl", "ccomp") and (
            _in(clause.head, "blame.allegation_nouns") or _in(clause.head, "blame.admit_verbs")):
        return False  # "X denied allegations that it had supplied ...", "X admitted that it had cheated"
    verb = pronoun.head
    for _ in range(3):
        if any(c.dep_ in _SUBJECT and c.i in entity_tokens | {t.i for t in c.subtree if t.i in entity_tokens}
               for c in verb.children):
            return pronoun.dep_ in _OBJECT or verb is not pronoun.head
        if verb.head is verb:
            break
        verb = verb.head
    return False


@lru_cache(maxsize=1)
def _agents() -> frozenset[str]:
    """Those who act for an entity without speaking for it ("X pilots", "engineers at X")."""
    from framing.entities import _forms

    return frozenset(_forms()["agents"])


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from framing.entities import _forms

    return frozenset(_forms()["titles"])


def _climb(token: Token, agents: bool = False) -> Token:
    """From a mention to the token that carries its role: a stand-in it modifies ("Pakistan's
    government", "Pakistani authorities", "the government of Pakistan"), the group it exemplifies
    ("Democrats like Mr. Reid") or the first of its conjuncts ("Iran and Syria")."""
    heads = stand_ins() | _agents() if agents else stand_ins()

    def stands_in(t: Token) -> bool:
        return t.lemma_.lower() in heads or t.lower_ in heads

    for _ in range(4):
        head = token.head
        if token.dep_ in ("poss", "compound", "amod", "nmod", "appos") and stands_in(head):
            token = head
        elif token.dep_ == "pobj" and head.lower_ in ("of", "at", "from") and stands_in(head.head) or token.dep_ == "pobj" and head.lower_ in ("like", "including") and head.head.pos_ in ("NOUN", "PROPN"):
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
    if _negative_inversion(token):
        return True  # "Not once during the hearing did the chair mention X", "At no point did X"
    head = token.head
    if token.dep_ == "conj" and any(c.lower_ in ("nor", "neither") for c in [*head.children, *token.children]):
        return True  # "neither condemned nor named X"
    if token.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "relcl") and head is not token:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in head.children):
            return True
        return _in(head, "naming.avoid_verbs") or _in(head, "blame.denial_verbs")
    return False


_NEGATIVES = ("not", "never", "no", "nowhere", "neither", "nor", "nothing")


def _negative_inversion(verb: Token) -> bool:
    """A clause opened by a negative phrase, marked by "do/have" before the subject ("Not once
    during the hearing did the chair mention X", "At no point has X apologised")."""
    subjects = [c.i for c in verb.children if c.dep_ in _SUBJECT]
    aux = [c.i for c in verb.children if c.dep_ == "aux" and c.lemma_ in ("do", "have", "be") and subjects and c.i < subjects[0]]
    if not aux:
        return False
    opening = [t for t in verb.subtree if t.i < aux[0]]
    return bool(opening) and any(t.lower_ in _NEGATIVES for t in opening[:4])


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


def _first(sentence: str, entity: Entity, test: Callable[[Token], bool], agents: bool = False,
           anaphors: bool = False, own_subjects: bool = False) -> int | None:
    """Offset of the first mention whose role passes ``test`` (flags as in :func:`_roles`)."""
    for offset, role in _roles(sentence, entity, agents, anaphors, own_subjects):
        if test(role):
            return offset
    return None


def _nobody_does(verb: Token) -> bool:
    """A verb whose subject is nobody ("Neither candidate mentioned X", "No speaker named X")."""
    return any(c.dep_ in _SUBJECT and (c.lower_ in ("nobody", "none", "neither", "noone") or any(
        d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither") for d in c.children)) for c in verb.children)
