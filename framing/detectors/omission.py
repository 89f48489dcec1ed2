"""Highlights omission: a negated or avoided naming whose object is the entity or a stand-in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from framing.detectors.roles import (
    _OBJECT,
    _PASSIVE_SUBJECT,
    _SUBJECT,
    Token,
    _first,
    _in,
    _negated,
    _nobody_does,
    _passive,
    lexicon,
)
from framing.entities import Entity, mentions, named_in
from framing.syntax import parse


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
    if h.dep_ in _OBJECT and head.lemma_ in ("include", "list", "feature") and _negated(head):
        return _stated_by(head)  # "the Fed's list of banks did not include X"
    if h.dep_ == "pobj" and h.head.lower_ in ("on", "about") and h.head.head.lemma_ in ("silent", "silence"):
        return True  # "the statement was silent on X"
    if h.dep_ in _PASSIVE_SUBJECT and _in(head, "naming.omit_verbs") and head.lemma_ != "leave":
        return True  # "X was omitted from the statement"
    if h.dep_ in _SUBJECT + _PASSIVE_SUBJECT:
        return _absent(head)
    return False


def _stated_by(verb: Token) -> bool:
    """The subject of ``verb`` is a statement or list ("the report", "the Fed's list of banks")."""
    return any(c.dep_ in _SUBJECT and _in(c, "naming.statement_nouns") for c in verb.children)


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
    if might_remark_omission(sentence) and (mentions(entity, sentence) or named_in(entity, context)):
        return _stand_in_unnamed(sentence, entity.kind)
    return None


@lru_cache(maxsize=1)
def _stand_in_hint() -> re.Pattern[str]:
    """The stand-in words ("country", "names"): a remark about them needs one."""
    words = lexicon()["naming.stand_ins"]
    return re.compile(r"\b(?:" + "|".join(sorted(re.escape(w) for w in words)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _naming_hint() -> re.Pattern[str]:
    """Stems of the naming words: a sentence without any cannot remark an omission."""
    words = lexicon()["naming.verbs"] | lexicon()["naming.nouns"]
    return re.compile(r"\b(?:" + "|".join(sorted(re.escape(w[:4]) for w in words)) + ")", re.IGNORECASE)


def might_remark_omission(sentence: str) -> bool:
    """A cheap test before parsing a sentence that does not name the entity: does it hold a word
    of naming and a stand-in ("did not name any country")?"""
    return _naming_hint().search(sentence) is not None and _stand_in_hint().search(sentence) is not None
