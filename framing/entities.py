"""Entities: the country gazetteer, finding an entity's mentions, and the voice of a sentence."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from framing.types import Voice


@dataclass(frozen=True)
class Entity:
    """An entity to look for: a name and the aliases that also name it."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        """A regex alternation of every way to name the entity (longest first), no groups."""
        names = sorted({self.name, *self.aliases}, key=len, reverse=True)
        parts = []
        for name in names:
            body = re.escape(name).replace(r"\ ", r"\s+")
            # Short all-caps forms (US, UK, Pak) are matched case-sensitively: "us" is a word.
            parts.append(body if len(name) <= 3 or name.isupper() else f"(?i:{body})")
        return r"(?<![\w-])(?:" + "|".join(parts) + r")(?:['’]s)?(?![\w])"

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Entity]:
    """Every country of ``framing/data/gazetteer.json`` by lower-case name and alias."""
    data = json.loads(files("framing").joinpath("data/gazetteer.json").read_text(encoding="utf-8"))
    out: dict[str, Entity] = {}
    for row in data:
        entity = Entity(row["name"], tuple(row["aliases"]))
        for key in (row["name"], *row["aliases"]):
            out.setdefault(key.lower(), entity)
    for row in data:  # a country's own name wins over another's alias
        out[row["name"].lower()] = Entity(row["name"], tuple(row["aliases"]))
    return out


def resolve_entity(name: str) -> Entity:
    """The gazetteer entry for ``name`` (any alias), else an entity known by that name only."""
    return gazetteer().get(name.strip().lower(), Entity(name.strip()))


def mentions(entity: Entity, text: str) -> list[re.Match[str]]:
    """Where ``text`` names the entity (word boundaries, any case, possessives)."""
    return list(entity.regex.finditer(text))


_QUOTE_PAIRS = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]{12,}’")
_REPORTING = re.compile(
    r"\b(?:said|says|stated|told|tells|according\s+to|accus\w*|alleg\w*|claim\w*|"
    r"noted|added|maintained|asserted|believes?|warned|insisted|argued|reiterated|underlined|"
    r"called\s+(?:up)?on|urged|asked|stressed|the\s+statement\s+(?:read|said|noted)|"
    r"(?:analysts|experts|officials|sources)\s+(?:say|said|believe|told))\b",
    re.IGNORECASE,
)


def voice(sentence: str, at: int | None = None) -> Voice:
    """Whose voice a sentence (or the phrase at offset ``at``) speaks in.

    ``quoted``: inside quotation marks (or a sentence that opens or closes a quotation);
    ``attributed``: reported speech ("India has accused ...", "..., officials said");
    ``outlet``: the article's own narration.
    """
    for match in _QUOTE_PAIRS.finditer(sentence):
        if at is None or match.start() <= at < match.end():
            if at is not None or len(match.group()) > 0.6 * len(sentence):
                return "quoted"
    stripped = sentence.strip()
    if at is None and stripped[:1] in "“\"" or (stripped.count("”") + stripped.count("“")) % 2:
        return "quoted"
    if _REPORTING.search(sentence):
        return "attributed"
    return "outlet"
