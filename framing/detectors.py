"""Explicit detectors of entity framing, as constructions rather than fixed phrases.

Every detector has one signature, ``(sentence, entity, context="")``, and returns the offset where
the construction starts, or ``None``; ``context`` is the previous sentence or the article, as each
detector documents. The constructions:

- calls on: a demand verb addressed to the entity ("called on Pakistan", "urged Islamabad to"),
  a need or obligation of the entity ("urgent need for Pakistan to", "Pakistan must end").
- attributes to: groups or attacks located in, coming from or backed by the entity
  ("Pakistan-based", "operating from its soil", "sponsored by Pakistan"), or the entity blamed
  for them ("accused Pakistan of harbouring", "Pakistan's alleged role in the attack").
- highlights omission: negation or avoidance + naming or mentioning + the entity or a reference
  to it ("stopped short of naming Pakistan", "did not take the name of Pakistan", "didn't name any
  countries", "Pakistan was not named").
- veiled reference: an indirect, oblique or veiled reference or message aimed at someone, or an
  oblique phrase the outlet glosses or reads as meant for someone (", a reference to Pakistan",
  "seen as a dig at Islamabad").
"""

from __future__ import annotations

import re
from functools import lru_cache

from framing.entities import Entity

_W = r"(?:[\w’'-]+\s+)"  # one word and its space
_Q = "[\"”’']"  # a closing quotation mark
NEGATION = (
    r"(?:not|n[’']t|never|without|no|nor|neither|stop(?:s|ped|ping)?\s+short\s+of|"
    r"refrain(?:s|ed|ing)?\s+from|avoid(?:s|ed|ing)?|shied\s+away\s+from|shy(?:ing)?\s+away\s+from|"
    r"omit(?:s|ted|ting)?|absence\s+of|silent\s+(?:on|about)|silence\s+on|fail(?:s|ed|ing)?\s+to|"
    r"declin(?:e|es|ed|ing)\s+to|spar(?:e|es|ed|ing)|steer(?:s|ed|ing)?\s+clear\s+of|"
    r"did\s+not|does\s+not|do\s+not|didn[’']t|doesn[’']t)"
)
NAMING = (
    r"(?:nam(?:e|es|ed|ing)|mention(?:s|ed|ing)?|refer(?:s|red|ring)?\s+to|references?\s+to|"
    r"single(?:s|d)?\s+out|singling\s+out|identif(?:y|ies|ied|ying)|call(?:s|ed|ing)?\s+out|"
    r"take\s+the\s+name\s+of|taking\s+the\s+name\s+of|point(?:s|ed|ing)?\s+(?:a\s+)?finger\s+at)"
)
QUALIFIER = r"(?:(?:any|a|the)\s+)?(?:(?:direct(?:ly)?|explicit(?:ly)?|specific(?:ally)?|open(?:ly)?|clear(?:ly)?|overt(?:ly)?)\s+)?"
# What an omission remark may point at besides the entity's name itself.
OMITTED_REFERENCE = (
    r"(?:any\s+(?:one\s+)?(?:country|countries|nation|state|names?)|(?:the\s+)?countr(?:y|ies)|names|"
    r"(?:the|its|their)\s+neighbou?r(?:ing\s+country)?|the\s+neighbou?ring\s+country|by\s+name)"
)
DEMAND_VERB = (
    r"(?:call(?:s|ed|ing)?\s+(?:up)?on|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?|"
    r"push(?:es|ed|ing)?|told|tell(?:s|ing)?|exhort(?:s|ed|ing)?|demand(?:s|ed|ing)?(?:\s+that)?|"
    r"want(?:s|ed)?|implor(?:e|es|ed)|reminded)"
)
BLAME = r"(?:blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|held|hold(?:s|ing)?|indict(?:s|ed|ing)?)"
CULPABLE = (
    r"(?:involved|complicit|behind|responsible|of\s+(?:involvement|complicity|supporting|sponsoring|"
    r"backing|harbou?ring|aiding|sheltering|shielding|financing|funding))"
)
VIOLENCE = r"(?:attack|terror|militan|bombing|blast|strike|plot|violence|extremis|insurgen|killing|massacre)"
ACTION = r"(?:take|act|end|stop|ensure|bring|do|dismantle|crack|prosecute|shut|close|deny|curb|rein)"
BASED = (
    r"(?:based|backed|sponsored|supported|funded|financed|trained|linked|harbou?red|sheltered|"
    r"origin|headquartered|bred|grown|run|controlled|affiliated)"
)
OPERATE = (
    r"(?:operat(?:e|es|ed|ing)|emanat(?:e|es|ed|ing)|originat(?:e|es|ed|ing)|based|active|"
    r"regroup(?:s|ed|ing)?|hid(?:e|es|ing)|shelter(?:s|ed|ing)?|launch(?:es|ed|ing)?|"
    r"function(?:s|ed|ing)?|thriv(?:e|es|ed|ing)|find(?:s|ing)?\s+(?:safe\s+)?(?:haven|refuge)|"
    r"members|militants|terrorists|infiltrat(?:e|es|ed|ing|ors)|sponsored|carried\s+out)"
)
VEILED = (
    r"(?:veiled|oblique|indirect|implicit|thinly[\s-]veiled|subtle|coded|apparent|unstated|"
    r"unnamed|tacit)\s+(?:\w+\s+)?(?:reference|message|dig|swipe|jab|attack|warning|allusion|"
    r"criticism|nod|hint|signal|rebuke)"
)

# An outlet's gloss of an oblique phrase (", a reference to Pakistan-based groups"), and what it
# may read a phrase as ("seen as a dig at", "in what was read as a message to").
GLOSS = r"(?:reference|allusion|dig|swipe|jab|jibe|barb|nod|hint)"
ALLUSION = r"(?:reference|allusion|message|dig|swipe|jab|jibe|barb|warning|nod|hint|signal|rebuke)"
READ_AS = r"(?:seen|read|viewed|interpreted|taken|understood|perceived)\s+as"


@lru_cache(maxsize=64)
def _patterns(entity_pattern: str) -> dict[str, list[re.Pattern[str]]]:
    """The constructions, compiled for one entity."""
    e = entity_pattern
    flags = re.IGNORECASE
    return {
        "calls_on": [
            re.compile(rf"\b{DEMAND_VERB}\s+(?:the\s+(?:government|authorities)\s+(?:of|in)\s+)?{e}", flags),
            re.compile(rf"\b(?:urgent\s+)?(?:need|necessity|call|calls|demand|demands|pressure){_Q}?\s+(?:for|on)\s+{e}\s+to\b", flags),
            re.compile(rf"{e}\s+(?:must|should|has\s+to|have\s+to|needs?\s+to|ought\s+to)\s+(?:\w+\s+){{0,2}}{ACTION}", flags),
            re.compile(rf"\b(?:seek|seeks|sought|demand\w*|want\w*|expect\w*)\s+{_W}{{0,5}}?(?:action|steps|measures)\s+(?:from|by)\s+{e}", flags),
        ],
        "attributes_to": [
            re.compile(rf"{e}[\s-]*{BASED}\b", flags),
            re.compile(rf"\b{BASED}\s+(?:in|by|from)\s+(?:the\s+neighbou?ring\s+country|{e})", flags),
            re.compile(rf"\b{OPERATE}\s+(?:\w+\s+){{0,2}}(?:in|from|within|on|out\s+of|inside)\s+(?:the\s+)?{e}", flags),
            re.compile(rf"\b(?:protection|patronage|support|backing|sponsorship|help|involvement|role|hand)\s+(?:of|from|by)\s+{e}", flags),
            re.compile(rf"{e}\s+(?:continued\s+|continuing\s+)?(?:use|support|sponsorship|backing|involvement|patronage|role)\s+(?:of|for|in)\s+(?:\w+\s+){{0,2}}(?:militan|terror|proxies|proxy|attack|group|jihad)", flags),
            re.compile(rf"{e}\s+(?:sponsors|supports|backs|harbou?rs|shelters|uses)\s+(?:\w+\s+){{0,2}}(?:militan|terror|proxies|proxy|group|jihad)", flags),
            re.compile(rf"\b{BLAME}\s+{e}\w*\s+(?:(?:of|for)\s+(?:[\w/-]+\s+){{0,4}}?(?:{VIOLENCE}|harbou?r|shelter|sponsor|support|back|financ|fund|aid)|responsible)", flags),
            re.compile(rf"{e}(?:[’']s\s+(?:\w+\s+)?|\s+)(?:was|were|is|are|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:alleged|accused|blamed|said|believed|suspected)\s+(?:to\s+(?:be|have\s+been)\s+)?{CULPABLE}", flags),
            re.compile(rf"{e}(?:[’']s?)?\s+(?:alleged\s+|suspected\s+|apparent\s+)?(?:involvement|complicity|role|hand)\s+in\s+(?:[\w/-]+\s+){{0,3}}?{VIOLENCE}", flags),
        ],
        "own_soil": [
            re.compile(rf"\b{OPERATE}\s+(?:\w+\s+){{0,2}}(?:from|in|within|on|out\s+of)\s+(?:its|their)\s+(?:own\s+)?(?:soil|territory|land)", flags),
        ],
        "omission": [
            re.compile(rf"\b{NEGATION}\s+{_W}{{0,3}}?{QUALIFIER}{NAMING}\s+{_W}{{0,3}}?(?:{e}|{OMITTED_REFERENCE})", flags),
            re.compile(rf"{e}\s+(?:was|is|were|went|remained|had\s+been|has\s+been)\s+(?:not|never|left)\s+(?:\w+\s+)?(?:named|mentioned|referred\s+to|unnamed|singled\s+out)", flags),
            re.compile(rf"{e}\s+(?:went|remained|was\s+left|stayed)\s+(?:\w+\s+)?(?:unnamed|unmentioned)", flags),
            re.compile(rf"\b(?:no|without\s+(?:any|a))\s+{QUALIFIER}(?:mention|reference|naming)\s+(?:of|to)\s+{e}", flags),
        ],
        "veiled": [
            re.compile(rf"\b{VEILED}\s+(?:\w+\s+)?(?:to|at|against|aimed\s+at|for)\b", flags),
            re.compile(rf"(?:,|[–—]|\s-)\s*(?:in\s+)?(?:a|an)\s+(?:[\w-]+\s+){{0,2}}{GLOSS}\s+(?:to|at)\s+{_W}{{0,4}}?{e}", flags),
            re.compile(rf"\b{READ_AS}\s+(?:a|an)\s+(?:[\w-]+\s+){{0,2}}{ALLUSION}\s+(?:to|at|for|aimed\s+at)\s+{_W}{{0,4}}?{e}", flags),
        ],
    }


def _first(patterns: list[re.Pattern[str]], sentence: str) -> int | None:
    """Offset of the first construction found, or None."""
    starts = [m.start() for p in patterns for m in [p.search(sentence)] if m]
    return min(starts) if starts else None


_NEGATED = re.compile(rf"\b{NEGATION}\s+{_W}{{0,2}}?$", re.IGNORECASE)


def calls_on(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where someone calls on the entity to act, unless the call is negated (no context needed)."""
    at = _first(_patterns(entity.pattern)["calls_on"], sentence)
    if at is not None and _NEGATED.search(sentence[:at]):
        return None
    return at


def attributes_to(sentence: str, entity: Entity, previous: str = "") -> int | None:
    """Where groups or attacks are located in, coming from, or backed by the entity, or the entity
    is blamed for them; not where the construction is negated ("did not blame Pakistan").

    "its soil" counts when the entity is named in this sentence or the one before.
    """
    pats = _patterns(entity.pattern)
    at = _first(pats["attributes_to"], sentence)
    if at is not None:
        return None if _NEGATED.search(sentence[:at]) else at
    own = _first(pats["own_soil"], sentence)
    if own is not None and (entity.regex.search(sentence[:own]) or entity.regex.search(previous)):
        return own
    return None


def highlights_omission(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where the sentence remarks that the entity (or any country) went unnamed.

    A remark about "any country" or "the neighbouring country" counts only if the entity is
    named in the sentence or its ``context`` (the article), so it is about this entity.
    """
    for pattern in _patterns(entity.pattern)["omission"]:
        match = pattern.search(sentence)
        if match and (entity.regex.search(match.group()) or entity.regex.search(sentence) or entity.regex.search(context)):
            return match.start()
    return None


def veiled_reference(sentence: str, entity: Entity, context: str = "") -> int | None:
    """Where the sentence calls something an indirect or veiled reference (about the entity)."""
    at = _first(_patterns(entity.pattern)["veiled"], sentence)
    if at is not None and (entity.regex.search(sentence) or entity.regex.search(context)):
        return at
    return None
