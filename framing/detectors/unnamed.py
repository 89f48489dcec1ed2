"""Attributes to, the unnamed side: blame put on a party the sentence leaves unnamed while saying
the entity is meant ("an apparent reference to X", "without naming X").

Split from :mod:`framing.detectors.blame`, which it calls back (both are imported as modules).
"""

from __future__ import annotations

from framing.detectors import blame
from framing.detectors.roles import _OBJECT, Token, _in, _negated
from framing.entities import Entity, mentions
from framing.syntax import parse


def unnamed_culprit(sentence: str, entity: Entity) -> int | None:
    """Blame the sentence puts on someone it leaves unnamed while saying the entity is meant:
    "blamed 'a neighbouring state' for arming militias, an apparent reference to X", or "without
    naming X, the minister accused 'a neighbour' of plundering" (the remark that X went unnamed
    makes the unnamed culprit X; there the culprit must be one unnamed party, "a neighbour",
    "one lender"; criticism of "certain countries", or of a harm, is not pinned on X)."""
    from framing.detectors.omission import highlights_omission
    from framing.detectors.veiled import veiled_reference

    found = mentions(entity, sentence)
    if not found:
        return None
    veiled = veiled_reference(sentence, entity) is not None
    if not veiled and highlights_omission(sentence, entity) is None:
        return None  # a bare "without naming X" does not say the blame is meant for X
    doc = parse([sentence])[0]
    if doc is None:
        return None
    named = {t.i for m in found for span in [doc.char_span(m.start(), m.end(), alignment_mode="expand")]
             if span is not None for t in span}
    for token in doc:
        if token.pos_ != "NOUN" or token.i in named or any(c.pos_ == "PROPN" for c in token.children):
            continue
        condemned = token.dep_ in _OBJECT and (_in(token.head, "blame.criticise_verbs") or _in(
            token.head, "blame.core_blame_verbs")) and blame._harmful(token) and not _negated(token.head)
        if veiled and (blame._blamed(token) or condemned):
            return found[0].start()
        if _one_unnamed(token) and blame._blamed(token):
            return found[0].start()
    return None


_ONE = frozenset(("a", "an", "one", "another", "certain"))


def _one_unnamed(noun: Token) -> bool:
    """One party the sentence does not name: "a neighbouring state", "one lender", "a certain
    carmaker", "a utility's line" (the possessor)."""
    owners = [o for o in [noun, *(c for c in noun.children if c.dep_ == "poss")] if o.tag_ == "NN"]
    return not _in(noun, "harm.nouns") and any(
        c.dep_ in ("det", "nummod", "amod") and c.lower_ in _ONE for o in owners for c in o.children)

