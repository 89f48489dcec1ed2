"""Veiled reference: an indirect or oblique reference aimed at the entity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from framing.entities import Entity, mentions, named_in

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
    return bool(mentions(entity, sentence) or named_in(entity, context))


def veiled_reference(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where the sentence calls something an indirect or veiled reference (about the entity)."""
    match = _VEILED.search(sentence)
    if match and _aimed_at(entity, sentence[match.end():], sentence, context):
        return match.start()
    starts = [m.start() for p in _veiled_patterns(entity.pattern) for m in [p.search(sentence)] if m]
    return min(starts) if starts else None
