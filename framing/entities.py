"""Entities: who a user asks about, every way a text names them, and the voice of a sentence.

An entity is a country (the gazetteer: name, demonym, capital), a person (full name, surname,
title forms), a party or an organisation (name, acronym, short forms), or any name. Aliases come
from the gazetteer, ``framing/data/entity_forms.toml``, the user's ``--entities FILE`` and the
article itself ("the National Rifle Association (NRA)" makes NRA an alias there).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from framing.errors import EntitySpecError
from framing.packaged import packaged_text, packaged_toml
from framing.types import Voice

KINDS = ("country", "person", "party", "organisation", "name")


@dataclass(frozen=True)
class Entity:
    """An entity to look for: its name, kind, aliases, and for a person the surname form."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "name"
    surname: str | None = None
    given: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        """A regex alternation of every way to name the entity (longest first), no groups."""
        return _entity_pattern(self.name, self.aliases, self.surname)

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled :attr:`pattern`."""
        return _compile(self.pattern)

    def with_aliases(self, extra: Iterable[str]) -> Entity:
        """The same entity with more aliases (e.g. an acronym an article defines)."""
        new = tuple(a for a in dict.fromkeys(extra) if a not in self.aliases and a != self.name)
        return replace(self, aliases=self.aliases + new) if new else self


@lru_cache(maxsize=512)
def _entity_pattern(name: str, aliases: tuple[str, ...], surname: str | None) -> str:
    """:attr:`Entity.pattern`, built once per set of names (the detectors ask for it per sentence)."""
    names = {name, *aliases, *([surname, surname + "s"] if surname else [])}
    names |= {d for n in list(names) if (d := _dotted(n))}
    parts = [_name_pattern(n) for n in sorted(names, key=lambda n: (-len(n), n)) if n.strip()]
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?:['’]s?)?(?![\w])"


def _name_pattern(name: str) -> str:
    """One name as a regex: spaces and hyphens interchangeable, accents optional, capitals kept
    where they tell.

    Acronyms and short forms ("US", "NRA") match case-sensitively ("us" is a word); a one-word
    capitalised name must start with its capital ("Turkey", not "turkey") and may be hyphenated
    ("Walmart", "Wal-Mart"). A longer name matches in any case ("tea party" for "Tea Party"),
    except a short form led by a lower-case word, whose capitals tell it from a common noun: "the
    Commission" names the European Commission, "the commission" any commission.
    """
    words = re.split(r"[\s-]+", name.strip())
    if len(name) <= 3 or name.replace(".", "").isupper():
        return r"[\s-]+".join(re.escape(w) for w in words)
    if len(words) == 1:
        joiner = "-?" if len(name) >= 6 and name.isalpha() else ""
        rest = joiner.join(_letter(c) for c in name[1:])
        first = _letter(name[0]) if name[0].isupper() else f"(?i:{_letter(name[0])})"
        return f"{first}(?i:{joiner}{rest})" if rest else first
    if words[0][:1].islower():
        return r"[\s-]+".join(_word_pattern(w) for w in words)
    return "(?i:" + r"[\s-]+".join("".join(_letter(c) for c in w) for w in words) + ")"


def _word_pattern(word: str) -> str:
    """One word of a longer name: its capital kept if it has one, the rest in any case."""
    rest = "".join(_letter(c) for c in word[1:])
    if word[:1].isupper():
        return _letter(word[0]) + (f"(?i:{rest})" if rest else "")
    return f"(?i:{_letter(word[0])}{rest})"


_ACCENTED = {"a": "aáàâäãå", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõø", "u": "uúùûü", "c": "cç", "n": "nñ"}


def _letter(c: str) -> str:
    """One letter of a name as a regex: accents optional ("Brasilia" matches "Brasília")."""
    folded = unicodedata.normalize("NFKD", c)[0]
    variants = _ACCENTED.get(folded.lower())
    if not variants:
        return re.escape(c)
    return "[" + (variants.upper() if folded.isupper() else variants) + "]"


def _dotted(acronym: str) -> str | None:
    """"I.R.S." for "IRS": news style writes some acronyms with dots."""
    return ".".join(acronym) + "." if 2 <= len(acronym) <= 5 and acronym.isalpha() and acronym.isupper() else None


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _forms() -> dict[str, Any]:
    """``framing/data/entity_forms.toml``: titles, suffixes, organisation words, aliases."""
    return packaged_toml("entity_forms.toml")


def stand_ins() -> frozenset[str]:
    """Heads that act or speak for an entity ("Pakistan's government", "Hamas fighters")."""
    return frozenset(_forms()["stand_ins"])


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Entity]:
    """Every country of ``framing/data/gazetteer.json`` by lower-case name and alias."""
    data = json.loads(packaged_text("gazetteer.json"))
    out: dict[str, Entity] = {}
    for row in data:
        entity = Entity(row["name"], tuple(row["aliases"]), kind="country")
        for key in (row["name"], *row["aliases"]):
            out.setdefault(key.lower(), entity)
    for row in data:  # a country's own name wins over another's alias
        out[row["name"].lower()] = Entity(row["name"], tuple(row["aliases"]), kind="country")
    return out


def name_kind(name: str) -> str:
    """"person", "organisation" or "name", from the shape of a name (see ``entity_forms.toml``)."""
    return _guess_kind(name)


def _guess_kind(name: str) -> str:
    """person, organisation or name, from the shape of a name that no list knows."""
    words = name.replace(".", ". ").split()
    forms = _forms()
    if name.replace(".", "").isupper() or words[-1].lower() in forms["organisation_words"]:
        return "organisation"
    if " of " in f" {name.lower()} " or any(w.lower() in forms["organisation_words"] for w in words):
        return "organisation"
    country = gazetteer().get(words[0].lower())
    if len(words) >= 2 and (any(w.lower() in ("and", "for", "&") for w in words) or (
            country is not None and country.name.lower() == words[0].lower())):
        return "organisation"  # "Pacific Gas and Electric", "Transport for London", "Pakistan Tehreek-e-Insaf"
    if len(words) >= 2 and words[-1].lower() in forms["droppable_words"] and (
            len(words) > 2 or words[-1].lower() not in forms["surname_like_words"]):
        return "organisation"  # "Tavex Energy", "Corvane Pharmaceuticals"
    capitalised = [w for w in words if w[:1].isupper()]
    return "person" if len(words) >= 2 and len(capitalised) == len(words) else "name"


def _person(name: str, aliases: tuple[str, ...]) -> Entity:
    """A person: the surname (suffixes such as Jr. skipped) and the given names before it."""
    forms = _forms()
    words = [w for w in name.split() if w.lower() not in forms["suffixes"] and w.lower() != "and"]
    given = tuple(w.strip(".") for w in words[:-1] if w.lower().strip(".") not in forms["titles"])
    if 2 <= len(words) <= 3 and len(words[0]) <= 3 and words[0][:1].isupper() and words[0].isalpha():
        aliases = (*aliases, words[0])  # family name first: "Xi Jinping" is Xi, "Kim Jong Un" Kim
    return Entity(name, aliases, kind="person", surname=words[-1] if len(words) > 1 else None, given=given)


def _derived_aliases(name: str, kind: str) -> tuple[str, ...]:
    """Short forms a name implies: "Justice Department" ~ "Department of Justice", plural ~ singular."""
    out = list(_forms()["aliases"].get(name, ()))
    for key, values in _forms()["aliases"].items():
        if key.lower() == name.lower() and key != name:
            out.extend(values)
    words = name.split()
    if kind == "organisation" and len(words) == 2 and words[1].lower() in ("department", "ministry"):
        out.append(f"{words[1]} of {words[0]}")
    if kind == "organisation" and len(words) == 3 and words[1] == "of":
        out.append(f"{words[2]} {words[0]}")
    if len(words) == 1 and name.endswith("s") and name[:1].isupper() and len(name) > 4:
        out.append(name[:-1])
    if kind == "organisation" and len(words) >= 2:
        out.extend(_acronyms(name))
        out.extend(_short_forms(words))
    return tuple(dict.fromkeys(a for a in out if a != name))


def _short_forms(words: list[str]) -> list[str]:
    """An organisation without its generic last words: "Wagner Group" is also "Wagner", "Bellmont
    Care Homes" also "Bellmont". Not when what remains is a country word or a common adjective
    ("American Airlines" is not "American")."""
    forms = _forms()
    droppable = frozenset(forms["droppable_words"])
    generic = frozenset(forms["generic_name_words"])
    out = []
    rest = list(words)
    while len(rest) >= 2 and rest[-1].lower().strip(".,") in droppable and rest[-2][:1].isupper():
        rest = rest[:-1]
        short = " ".join(rest)
        if len(rest) > 1 or (short.lower() not in generic and short.lower() not in gazetteer()):
            out.append(short)
    return out


_SMALL = {"of", "the", "for", "and", "on", "in", "de", "la", "du", "des", "e", "y", "&"}


def _acronyms(name: str) -> list[str]:
    """Acronyms a multi-word organisation name is known by: its initials ("Federal Aviation
    Administration" -> FAA, "Pakistan Tehreek-e-Insaf" -> PTI), small words skipped or kept
    in lower case ("Transport for London" -> TfL), "and" as "&" ("Pacific Gas and Electric" -> PG&E)."""
    words = [w for part in name.replace("’", "'").split() for w in part.split("-") if w]
    big = [w for w in words if w.lower() not in _SMALL and w[:1].isupper()]
    if len(big) < 2:
        return []
    plain = "".join(w[0] for w in big).upper()
    out = [plain]
    if len(words) == 3 and words[1].lower() in ("for", "of"):
        out.append(words[0][0].upper() + words[1][0] + words[2][0].upper())
    if len(words) > 3 and any(w.lower() in ("of", "for") for w in words):  # "Economic Community of West African States" -> ECOWAS
        out.append("".join(w[0].upper() for w in words if w in big or w.lower() in ("of", "for")))
    if "and" in (w.lower() for w in words):
        out.append("".join("&" if w.lower() == "and" else w[0].upper() for w in words if w in big or w.lower() == "and"))
    return [a for a in dict.fromkeys(out) if 3 <= len(a) <= 6]


def resolve_entity(name: str, user: Mapping[str, Entity] | None = None) -> Entity:
    """The entity ``name`` stands for: a user entity, a country, a known alias, or a guess by shape.

    Raises:
        EntitySpecError: ``name`` is empty.
    """
    name = name.strip()
    if not name:
        raise EntitySpecError("--entity", "an entity name must not be empty")
    if user and name.lower() in user:
        return user[name.lower()]
    country = gazetteer().get(name.lower())
    if country is not None:
        return country
    kind = _guess_kind(name)
    aliases = _derived_aliases(name, kind)
    if kind == "person":
        return _person(name, aliases)
    return Entity(name, aliases, kind=kind)


def load_entities(path: str | Path) -> dict[str, Entity]:
    """User entities from a TOML file of ``[[entity]]`` tables (id, optional kind and aliases),
    by lower-case id and alias.

    Raises:
        EntitySpecError: the file is missing, not TOML, or a table is malformed.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EntitySpecError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise EntitySpecError(str(path), f"not a readable TOML file ({err})") from None
    tables = data.get("entity")
    if not isinstance(tables, list) or not tables:
        raise EntitySpecError(str(path), "no [[entity]] table (each needs an 'id')")
    out: dict[str, Entity] = {}
    for n, table in enumerate(tables, 1):
        entity = _user_entity(table, n, str(path))
        for key in (entity.name, *entity.aliases):
            out.setdefault(key.lower(), entity)
    return out


def resolve_entities(names: Sequence[str], entities_file: str | Path | None = None) -> tuple[Entity, ...]:
    """The entities of ``--entity`` names and an ``--entities`` file (all of the file's entities
    when no name is given), in order, without repeats.

    Raises:
        EntitySpecError: an empty name or an unusable file.
    """
    user = load_entities(entities_file) if entities_file else {}
    if not names:
        return tuple(dict.fromkeys(user.values()))
    return tuple(dict.fromkeys(resolve_entity(n, user) for n in names))


def _user_entity(table: object, n: int, source: str) -> Entity:
    """One validated ``[[entity]]`` table."""
    if not isinstance(table, dict) or not isinstance(table.get("id"), str) or not table["id"].strip():
        raise EntitySpecError(source, f"[[entity]] #{n} needs a non-empty string 'id'")
    kind = table.get("kind", "")
    if kind and kind not in KINDS:
        raise EntitySpecError(source, f"[[entity]] #{n} ('{table['id']}'): 'kind' must be one of {', '.join(KINDS)}")
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise EntitySpecError(source, f"[[entity]] #{n} ('{table['id']}'): 'aliases' must be a list of non-empty strings")
    base = resolve_entity(table["id"])
    kind = kind or base.kind
    merged = tuple(dict.fromkeys((*base.aliases, *(a.strip() for a in aliases))))
    return _person(base.name, merged) if kind == "person" else Entity(base.name, merged, kind=kind)


_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.&-]*(?:\s+(?:of|the|for|and|on|de|e|al|del|la)\b)*\s+){0,8}?[A-Z][\w'’&-]*)"
    r"\s*\(\s*([A-Z][A-Za-z.&-]{1,11})\s*\)"
)


def defined_aliases(entity: Entity, text: str) -> tuple[str, ...]:
    """Short or long forms the text defines for the entity: "Lashkar-e-Taiba (LeT)" makes LeT an
    alias of Lashkar-e-Taiba, and the other way round."""
    out = []
    for match in _DEFINITION.finditer(text):
        long, short = _long_form(match.group(1), match.group(2)), match.group(2)
        if long is None:
            continue
        if entity.regex.fullmatch(long):
            out.append(short)
        elif entity.regex.fullmatch(short):
            out.append(long)
    return tuple(dict.fromkeys(out))


def in_document(entity: Entity, text: str) -> Entity:
    """The entity as one text knows it: plus the short and long forms the text defines, minus an
    acronym the text defines as something else ("England and Wales Cricket Board (ECB)")."""
    entity = entity.with_aliases((*defined_aliases(entity, text), *_descriptions(entity, text)))
    clashes = set()
    for match in _DEFINITION.finditer(text):
        long, short = _long_form(match.group(1), match.group(2)), match.group(2)
        if long and short in entity.aliases and not entity.regex.fullmatch(long):
            clashes.add(short)
    if not clashes:
        return entity
    return replace(entity, aliases=tuple(a for a in entity.aliases if a not in clashes))


def _descriptions(entity: Entity, text: str) -> tuple[str, ...]:
    """"the <head>" for an organisation the text names in full ("Central Bank of Aldora" ... "the
    central bank"; "Health Ministry" ... "the ministry"), unless the text names another
    organisation with that head ("Finance Ministry"): then "the ministry" could be either."""
    if entity.kind not in ("organisation", "name"):
        return ()
    words = entity.name.split()
    head_words = words[:words.index("of")] if "of" in words[1:] else words[-1:]
    if len(words) < 2 or not head_words or head_words[-1].lower() not in _forms()["description_heads"]:
        return ()
    if not re.search(_name_pattern(entity.name), text):
        return ()
    head = head_words[-1]
    flags = re.IGNORECASE if head.islower() else 0
    named = {re.sub(r"^the\s+", "", m.group().lower()) for pattern in (
        rf"(?:[A-Z][\w'’&-]*\s+){{1,4}}{re.escape(head)}\b", rf"\b{re.escape(head)}\s+of\s+(?:the\s+)?[A-Z][\w'’-]*")
        for m in re.finditer(pattern, text, flags)}
    own = {m.group().lower() for m in re.finditer(_name_pattern(entity.name), text)}
    if any(not any(n in o or o in n for o in own) for n in named):
        return ()
    description = " ".join(w if w[:1].islower() else w.lower() for w in head_words)
    return (f"the {description}",)


def _long_form(words_before: str, short: str) -> str | None:
    """The words before "(ABC)" that the acronym stands for: the shortest run of capitalised words
    (small words inside allowed) whose initials spell the acronym, or one word it abbreviates."""
    words = words_before.split()
    letters = [c for c in short.upper() if c.isalpha()]
    for i in range(len(words) - 1, -1, -1):
        if not words[i][:1].isupper():
            continue
        initials = [w[0].upper() for w in words[i:] if w[:1].isupper()]
        if initials == letters or (len(words) - i == 1 and initials[0] == letters[0] and len(letters) <= 5
                                   and len(words[i]) > len(short)):
            return " ".join(words[i:])
    return None


_TITLES_RE = re.compile(r"\S+$")


def mentions(entity: Entity, text: str) -> list[re.Match[str]]:
    """Where ``text`` names the entity (whole words, possessives, title and surname forms).

    A bare surname preceded by another given name ("Bill Clinton" when the entity is Hillary
    Clinton) names someone else.
    """
    out = []
    for match in entity.regex.finditer(text):
        if entity.surname and _other_person(entity, text, match):
            continue
        if _inside_longer_name(entity, text, match):
            continue
        out.append(match)
    return out


_NEXT_WORD = re.compile(r"\s+([A-Z][\w’'-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Z][\w’'-]*)\s+$")


def _inside_longer_name(entity: Entity, text: str, match: re.Match[str]) -> bool:
    """A one-word name that is part of another proper name: "Equatorial Guinea", "Niger Delta",
    "Israel Adesanya", "Harrison Ford" (not "Pakistan Army", "President Obama")."""
    core = re.sub(r"['’]s?$", "", match.group())
    if _in_other_country(entity, text, match.start(), core):
        return True
    if " " in core or core.isupper() or match.group().endswith(("'s", "’s")) or core == entity.surname:
        return False
    forms = _forms()
    known = set(forms["titles"]) | set(forms["stand_ins"]) | set(forms["organisation_words"])
    after = _NEXT_WORD.match(text, match.end())
    main = core.lower() == entity.name.lower()  # "Danish Medicines Agency" still names Denmark
    if main and after and after.group(1).lower().strip("’'") not in known and not mentions_any(entity, after.group(1)):
        return True
    before = _PREVIOUS_WORD.search(text[: match.start()])
    if before is None or before.group(1).lower().strip(".") in known:
        return False
    start = before.start(1)
    sentence_start = start == 0 or re.search(r"[.!?:;\"“”(\n]\s*$", text[:start]) is not None
    return not sentence_start and not mentions_any(entity, before.group(1))


_TWO_WORDS_BEFORE = re.compile(r"(?:([A-Z][\w’'-]*)\s+)?([A-Z][\w’'-]*)\s+$")


def _in_other_country(entity: Entity, text: str, start: int, core: str) -> bool:
    """The words before a match make it another country's name or demonym: "Equatorial Guinea"
    is not Guinea, "South Sudanese" not Sudanese, "Papua New Guinea" not Guinea."""
    before = _TWO_WORDS_BEFORE.search(text[:start])
    if before is None:
        return False
    for words in (before.group(2), f"{before.group(1)} {before.group(2)}" if before.group(1) else None):
        other = gazetteer().get(f"{words} {core}".lower()) if words else None
        if other is not None and other.name != entity.name:
            return True
    return False


@lru_cache(maxsize=1024)
def named_in(entity: Entity, text: str) -> bool:
    """Whether ``text`` names the entity at all; cached, because every sentence of an article asks
    it of the same article text (reading it once per sentence would cost the square of its length)."""
    return bool(mentions(entity, text))


def mentions_any(entity: Entity, word: str) -> bool:
    """Whether a single word is itself one of the entity's names."""
    return entity.regex.fullmatch(word) is not None


def _other_person(entity: Entity, text: str, match: re.Match[str]) -> bool:
    """Whether a surname match is preceded by a given name that is not the entity's."""
    core = re.sub(r"['’]s?$", "", match.group())
    if core.lower() not in ((entity.surname or "").lower(), (entity.surname or "").lower() + "s"):
        return False
    before = _TITLES_RE.search(text[: match.start()].rstrip())
    if before is None or not text[: match.start()].endswith(" "):
        return False
    if before.group()[-1:] in ",;:)”\"":
        return False  # "Remarkably, Djokovic's name"
    word = before.group().strip(".,;:“”\"'(")
    titles = _forms()["titles"]
    if not word[:1].isupper() or word.lower().strip(".") in titles or all(p.lower() in titles for p in word.split("-")):
        return False
    if len(word) == 1 or (len(word) == 2 and word.isupper()):  # a middle initial ("Michael G. Grimm")
        return False
    return word not in entity.given


def unnamed(entities: Sequence[Entity], texts: Iterable[str]) -> list[Entity]:
    """The entities that none of ``texts`` names (a misspelt ``--entity`` shows up here)."""
    left = list(entities)
    for text in texts:
        left = [e for e in left if not mentions(e.with_aliases(defined_aliases(e, text)), text)]
        if not left:
            break
    return left


def misspelt(entities: Sequence[Entity], texts: Sequence[str], skip: Sequence[Entity] = ()) -> list[tuple[str, str]]:
    """(name, name the texts give) for each entity of several words named only through a short
    form ("PG&E" for a misspelt "Pacfic Gas and Electric") while a close spelling of its full
    name is in the texts."""
    out = []
    for entity in entities:
        if entity in skip or len(entity.name.split()) < 2 or entity.kind == "country":
            continue
        if any(re.search(_entity_pattern(entity.name, (), None), t) for t in texts):
            continue
        hint = suggest(entity.name, texts)
        if hint and hint != entity.name:
            out.append((entity.name, hint))
    return out


def suggest(name: str, texts: Sequence[str] = ()) -> str | None:
    """The name closest to a misspelt one, if any is close: a country of the gazetteer, else a
    capitalised name of as many words that the texts give ("Helena Marques" for "Helena Marqes")."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(name.lower(), list(gazetteer()), scorer=fuzz.ratio, score_cutoff=80)
    if best:
        return gazetteer()[best[0]].name
    size = len(name.split())
    names = {" ".join(run.split()[k : k + size]) for text in texts for run in _CAPITALISED.findall(text)
             for k in range(len(run.split()) - size + 1)}
    close = process.extractOne(name, sorted(names), scorer=fuzz.ratio, score_cutoff=85)
    return close[0] if close else None


_CAPITALISED = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|and|for|the|de|la|van|von)\s+)?[A-Z][\w’'&.-]*)*")


_QUOTE_PAIRS = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]{12,}’")
_REPORTING = re.compile(
    r"\b(?:said|says|stated|told|tells|according\s+to|accus\w*|alleg\w*|claim\w*|"
    r"noted|added|maintained|asserted|believes?|warned|insisted|argued|reiterated|underlined|"
    r"demanded|declared|explained|admitted|conceded|complained|countered|replied|responded|crowed|"
    r"boasted|vowed|pledged|tweeted|"
    r"called\s+(?:up)?on|urged|asked|stressed|the\s+statement\s+(?:read|said|noted)|"
    r"(?:analysts|experts|officials|sources)\s+(?:say|said|believe|told)|(?<!\bto\s)say|"
    r"(?:blamed|criticized|criticised|condemned|faulted|denounced|attacked|accused)\s+by)\b",
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
