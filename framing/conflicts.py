"""Conflicts: facts two aligned claims disagree on (numbers, dates, names, who said it).

Two outlets that report one claim may still disagree on its facts: "arrested 21 others" and
"arrested 99 others" are one claim with a conflicting number. A number conflicts when both
claims count the same thing (the word after the number: "others", "percent", "people"; or a
currency), their values or ranges ("9-10") do not overlap, and neither value appears anywhere in
the other claim (an outlet that gives both figures does not contradict one that gives one); a
hedge widens a value ("more than $1 million" meets "$1.1 million"). A day of a month conflicts
the same way; a weekday only when each claim gives one and the word just before it agrees (two
claims that date different things, "met on Friday" and "announced on Monday", do not disagree).
A speaker conflicts when each claim names one who said it, neither name occurs in the other
claim, and the two give one statement (their quotes share 60 % of their words); a name when a
short changed stretch is a proper name on both sides ("led by Anna Berg" vs "led by Tom Hale").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from framing.align import quoted_words
from framing.entities import name_kind
from framing.packaged import packaged_toml
from framing.types import Conflict, Document, Edit
from framing.wording import FUNCTION_WORDS

_WORD_NUMBERS = {w: i for i, w in enumerate(re.findall(r"\w+", "zero one two three four five six seven eight nine ten eleven twelve"))}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}
_MONTHS = re.findall(r"\w+", "january february march april may june july august september october november december")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?P<month>\b{_MONTH}\s+)?(?P<cur>[$£€¥]\s?)?(?<![\w/.,])(?P<num>{_DIGITS}|"
    rf"\b(?:{'|'.join(_WORD_NUMBERS)})\b)(?:\s*[-–—]\s*(?P<num2>{_DIGITS}))?"
    rf"(?![\w/]|[.,]\d)(?=(?P<after>\s*%|(?:\s+[\w'’-]+){{1,3}})?)",  # a look-ahead: "Five soldiers and two" leaves "two" to match
    re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_NAME_WORD = r"[A-Z][\w.-]*(?<![’'])(?:[’'][A-Za-z]\w+)?"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}"
_TITLE = r"(?:[a-z][\w-]+\s+){0,3}"
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "minister",
                     "prime", "chief", "governor", "judge", "sheriff", "mayor", "secretary", "director"})

Interval = tuple[float, float]


def _value(raw: str) -> float:
    """A written number's value: "1,300" -> 1300.0, "two" -> 2.0."""
    raw = raw.lower().replace(",", "")
    return float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw)


Quantity = tuple[str, tuple[float, float]]  # as written, and the values written (hedge not applied)


@lru_cache(maxsize=16_384)  # a claim's text meets every other outlet's in a report: read it once
def _quantities(text: str) -> dict[str, dict[Interval, Quantity]]:
    """Values (a range for "9-10") by what they count, each with how it was written:
    {"other": {(21, 21): ("21 others", (21, 21))}, "date:mar": {(5, 5): ("March 5", (5, 5))}}.
    A value whose counted word has a modifier ("900 planned operations") is also kept under its
    noun as ``head:operation``, which meets a bare "1,400 operations" but no other modifier."""
    found: dict[str, dict[Interval, Quantity]] = defaultdict(dict)
    for m in _NUMBER.finditer(text):
        low = _value(m.group("num"))
        high = _value(m.group("num2")) if m.group("num2") else low
        if m.group("month"):
            if high <= 31:
                found[f"date:{m.group('month').strip().lower()[:3]}"].setdefault((low, high), (_written(text, m), (low, high)))
            continue
        after = [w.lower() for w in (m.group("after") or "").split()]
        factor = _MULTIPLIERS[after.pop(0)] if after and after[0] in _MULTIPLIERS else 1
        low, high = low * factor, high * factor
        words = _counted_words(after)
        word = "percent" if after[:1] in (["%"], ["percent"], ["per"]) else (words[0] if words else None)
        if m.group("cur"):
            word = m.group("cur").strip()
        units: Sequence[tuple[str, str | None]]
        if word and not m.group("cur"):
            units = [(_counted(word, text, m), word)] + [  # "people died": a role, not a modified noun
                (f"head:{_counted(w, text, m)}", w) for w in words[1:] if not _role_of(w)]
        elif not m.group("cur") and (not after or after[0] in _LIST_WORDS) and not 1900 <= low <= 2100:
            role = _role(text, m.start(), m.start(), reach=2)  # "killed nine and ...": people unsaid
            units = [(f"people:{role}", None)] if role else []
        else:
            units = [(_unit(word), word)] if word else []
        if units and not (1900 <= low <= 2100 and not after):
            span, hedge = _hedged(text[:m.start()], *_rounded(m, factor))
            for unit, shown in units:
                found[unit].setdefault(span, (hedge + _written(text, m, shown), (low, high)))
    return dict(found)


def _counted_words(after: Sequence[str]) -> list[str]:
    """The counted word and the noun it modifies, if any: the content words right after a
    number, up to two ("planned operations"); none after a list word ("nine and forced")."""
    if after[:1] and after[0] in _LIST_WORDS:
        return []
    for i, word in enumerate(after):
        if word not in FUNCTION_WORDS:
            run = after[i:i + 2] if i + 1 < len(after) and after[i + 1] not in FUNCTION_WORDS else after[i:i + 1]
            return [w.strip("'’-") for w in run]
    return []


def _rounded(m: re.Match[str], factor: float) -> Interval:
    """The values a written number stands for: "2" is 1.51-2.49 (2.1 rounds to it), "33.8"
    33.751-33.849; so a rounding is no disagreement, a different figure is ("£80m", "£85m")."""
    ends = []
    for group, side in (("num", -1), ("num2" if m.group("num2") else "num", 1)):
        raw = m.group(group).lower().replace(",", "")
        value = _value(raw)
        if raw in _WORD_NUMBERS:
            half = 0.49
        elif "." in raw:
            half = 0.49 * 10 ** -len(raw.split(".")[1])
        else:
            half = 0.49
        ends.append((value + side * half) * factor)
    return ends[0], ends[1]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], dict[str, re.Pattern[str]]]:
    """The words that count people in general, and each role's words (``data/quantities.toml``)."""
    data = packaged_toml("quantities.toml")

    def pattern(words: Sequence[str]) -> re.Pattern[str]:
        alts = (re.escape(w[:-1]) + r"[\w'’-]*" if w.endswith("*") else re.escape(w) for w in words)
        return re.compile(rf"(?:{'|'.join(alts)})")

    return frozenset(data["people"]), {name: pattern(words) for name, words in data["roles"].items()}


def _role_of(word: str) -> str | None:
    """The role a word names ("killed" -> "death"), or None."""
    return next((name for name, p in _vocabulary()[1].items() if p.fullmatch(word.lower())), None)


def _counted(word: str, text: str, m: re.Match[str]) -> str:
    """What a number counts, keyed by what happened to it when a role word is near: "two dead"
    and "three people have died" both count ``people:death``; "killed two residents" counts
    ``resident:death``; a noun with no role word near is itself the key ("21 others": ``other``)."""
    own = _role_of(word)
    if own:  # the people left unsaid: "two dead", "12,000 to flee"
        return f"people:{own}"
    noun = "people" if word.lower() in _vocabulary()[0] else _unit(word)
    role = _role(text, m.start(), m.end("num2") if m.group("num2") else m.end("num"))
    return f"{noun}:{role}" if role else noun


def _role(text: str, start: int, end: int, reach: int = 4) -> str | None:
    """What happened to the people a number counts: the role of the nearest role word within
    ``reach`` words before the number or five after it, in its clause ("killed two residents",
    "three people have died")."""
    roles = _vocabulary()[1]
    before = _CLAUSE.split(text[max(0, start - 80):start])[-1]
    after = _CLAUSE.split(text[end:end + 80])[0]
    near = [(k, w) for k, w in enumerate(reversed(re.findall(r"[\w'’-]+", before.lower())[-reach:]))]
    near += [(k, w) for k, w in enumerate(re.findall(r"[\w'’-]+", after.lower())[:5])]
    for _, word in sorted(near, key=lambda kw: kw[0]):
        role = next((name for name, p in roles.items() if p.fullmatch(word)), None)
        if role:
            return role
    return None


_LIST_WORDS = frozenset({"and", "or", "but", "while", "as"})  # a number before one ends its noun phrase
_CLAUSE = re.compile(r"[;:()\[\]\"“”]|,(?!\d{3})|\.(?!\d)|\b(?:and|but|while|whereas|after|as)\b", re.IGNORECASE)


def _written(text: str, m: re.Match[str], word: str | None = None) -> str:
    """A value as the article wrote it, up to its counted word: "£85 million", "12,000 people"."""
    end = m.end("num2") if m.group("num2") else m.end("num")
    after = m.group("after") or ""
    if after.strip() == "%":
        end = m.end("after")
    elif word and not m.group("cur"):
        cut = after.lower().find(word.lower())
        end = m.start("after") + cut + len(word) if cut >= 0 else end
    elif after and after.split()[0].lower() in _MULTIPLIERS:
        end = m.start("after") + after.lower().find(after.split()[0].lower()) + len(after.split()[0])
    return " ".join(text[m.start():end].split())


_HEDGE = re.compile(r"\b(?:(?P<up>more than|over|at least|upwards of)|(?P<down>less than|under|up to|nearly|"
                    r"almost|fewer than|at most)|(?P<near>about|around|roughly|some|approximately|an estimated))$")


def _hedged(before: str, low: float, high: float) -> tuple[Interval, str]:
    """A value with the hedge before it: "more than 40" may be 41 or 400; "about 40" 39 to 41 (and a rounding: :func:`_rounded`);
    and the hedge as written ("about "), for messages."""
    m = _HEDGE.search(before[-24:].lower().rstrip(" $£€¥"))
    if not m:
        return (low, high), ""
    if m.group("up"):
        return (low, float("inf")), m.group() + " "
    if m.group("down"):
        return (0.0, high), m.group() + " "
    return (low * 0.98, high * 1.02), m.group() + " "


@lru_cache(maxsize=16_384)
def _all_values(text: str) -> frozenset[float]:
    """Every number a claim gives, whatever it counts (bare numbers too; "2 million" as 2,000,000)."""
    values = set()
    for m in _NUMBER.finditer(text):
        after = (m.group("after") or "").split()
        factor = _MULTIPLIERS.get(after[0].lower(), 1) if after else 1
        for group in ("num", "num2"):
            if m.group(group):
                values.update({_value(m.group(group)), _value(m.group(group)) * factor})
    return frozenset(values)


def _unit(word: str) -> str:
    """A counted word's key: lower-case, plural ending dropped."""
    word = word.strip("'’-").lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _overlap(a: set[Interval], b: set[Interval]) -> bool:
    """Whether some value or range of one side meets one of the other."""
    return any(x0 <= y1 and y0 <= x1 for x0, x1 in a for y0, y1 in b)


@lru_cache(maxsize=1)
def _speaker_pattern() -> re.Pattern[str]:
    """Who said it, from the verbs of ``data/speech.toml``: "said Jane Doe." / "said party chief
    Dan Kole," (the name ends the clause), "according to Lee", "Lee said" / "Lee of Ohio told",
    and a pronoun speaker ("she said", "said he."). The verbs that name a listener after them
    ("told X") count only with the speaker before; "said he ..." starts a reported clause."""
    data = packaged_toml("speech.toml")
    say = "|".join(re.escape(w) for w in data["verbs"])
    before = "|".join(re.escape(w) for w in data["verbs"] + data["before_only"])
    pronoun = "|".join(re.escape(w) for p in data["person_pronouns"] for w in (p, p.title()))
    end = r"\s*(?:[,.;:!?”\"')]|$)"  # the name ends the clause
    return re.compile(
        rf"\b(?:{say})\s+(?P<title>{_TITLE})(?P<after>{_NAME})(?={end}|\s+(?:of|who)\b)"
        rf"|\baccording\s+to\s+(?:the\s+)?(?P<source>{_NAME})"
        rf"|\b(?P<pronoun>{pronoun})\s+(?:{before})\b|\b(?:{say})\s+(?P<pronoun_after>{pronoun})(?={end})"
        rf"|(?P<before>{_NAME})(?:,?\s+(?:of|from)\s+{_NAME})?,?\s+(?:{before})\b")


@lru_cache(maxsize=16_384)
def _speakers(text: str, context: str = "") -> frozenset[str]:
    """Names given as who said something ("Smith said", "said Jane Doe.", "according to Lee");
    a pronoun ("..., she said.") stands for the person named in ``context`` (the sentences
    before it in its article, :func:`_antecedent`), and gives no name when there is none."""
    names = set()
    for m in _speaker_pattern().finditer(text):
        if m.group("pronoun") or m.group("pronoun_after"):
            name = _antecedent(context) or ""
        else:
            name = (m.group("after") or m.group("source") or m.group("before") or "").rstrip(".")
        if m.group("title") and set(m.group("title").split()) & FUNCTION_WORDS:
            continue
        if name and not _proper_stop(name):
            names.add(name)
    return frozenset(names)


def _antecedent(context: str) -> str | None:
    """Who a pronoun speaker stands for: the first person named in the nearest sentence before it
    that names one (a sentence's subject tends to come first: "Mary Lind, who married Ann Poe,
    wrote ..."), looking back at most :data:`CONTEXT_SENTENCES` sentences."""
    for sentence in reversed(_sentences(context)[-CONTEXT_SENTENCES:] if context else []):
        people = [(m.start(), name) for m in re.finditer(_NAME, sentence) if (name := _person(m.group()))]
        people += [(m.start(), name) for m in _speaker_pattern().finditer(sentence)
                   if (name := (m.group("before") or m.group("after") or "").rstrip(".")) and not _proper_stop(name)
                   and name_kind(name) != "organisation"]  # "Berg said" before: a surname that speaks
        if people:
            return min(people)[1]
    return None


def _person(name: str) -> str | None:
    """A capitalised run as a person's name ("Anna Berg", "Ms. Berg", "Mayor Tom Hale"; not "the
    Energy Safety Authority" nor a lone word), its leading function words left off."""
    words = name.split()
    while words and words[0].lower().rstrip(".") in FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 and name_kind(" ".join(words)) == "person" else None


def _proper_stop(name: str) -> bool:
    """Whether a would-be speaker is a pronoun, function word, month or weekday, not a name."""
    first = name.split()[0].lower().rstrip(".")
    return first in FUNCTION_WORDS or first in _MONTHS or bool(_WEEKDAY.fullmatch(first))


def _name_words(name: str) -> set[str]:
    """A name's own words, lower-case, titles and possessives dropped: "Mr. Ryan’s" -> {"ryan"}."""
    words = {re.sub(r"[’']s$", "", w.lower().rstrip(".")) for w in name.split()}
    return words - _TITLES - FUNCTION_WORDS


def _text_words(text: str) -> set[str]:
    """A text's words, lower-case, possessives dropped."""
    return {re.sub(r"[’']s$", "", w) for w in re.findall(r"[\w’']+", text.lower())}


def forget_texts() -> None:
    """Drop what was read from claim texts (their numbers, values and speakers, kept while one
    event's pairs are compared): memory then does not grow with the events of a report."""
    for read in (_quantities, _all_values, _speakers):
        read.cache_clear()


def find_conflicts(a: str, b: str, edits: Sequence[Edit] = (), *, context_a: str = "",
                   context_b: str = "") -> tuple[Conflict, ...]:
    """The facts on which two aligned claims disagree, numbers and dates first.

    Args:
        a: the claim's text in article A (all its aligned sentences).
        b: the claim's text in article B.
        edits: the word edits between them (a substituted proper name is a name conflict).
        context_a: the sentences just before the claim in article A (see :func:`context_before`):
            who "she" is in "..., she said."
        context_b: the same for article B.
    """
    qa, qb = _quantities(a), _quantities(b)
    all_a, all_b = _all_values(a), _all_values(b)
    out: list[Conflict] = []
    for ka, kb in _same_things(qa.keys(), qb.keys()):
        only_a = [w for s, (w, v) in qa[ka].items() if not _overlap({s}, set(qb[kb])) and not set(v) & all_b]
        only_b = [w for s, (w, v) in qb[kb].items() if not _overlap({s}, set(qa[ka])) and not set(v) & all_a]
        va, vb = ", ".join(only_a), ", ".join(only_b)
        if only_a and only_b and not any((c.a, c.b) == (va, vb) for c in out):
            out.append(Conflict("date" if ka.startswith("date:") else "number", va, vb, f"A says {va}, B says {vb}"))
    out.extend(_weekday_conflicts(a, b))
    out.extend(_name_conflicts((a, context_a), (b, context_b), edits))
    return tuple(out)


CONTEXT_SENTENCES = 2  # sentences before a claim that may name the person its pronoun stands for


def context_before(doc: Document, indices: Sequence[int]) -> str:
    """The article's sentences before a claim's last sentence, from :data:`CONTEXT_SENTENCES`
    before its first (the claim's own earlier sentences and those between them included), as
    one text: where the person a pronoun speaker stands for was named."""
    first, last = min(indices, default=0), max(indices, default=0)
    return " ".join(s.text for s in doc.sentences[max(0, first - CONTEXT_SENTENCES):last])


def _same_things(keys_a: Iterable[str], keys_b: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of keys that count one thing: the same key, or a modified noun's ``head:`` key and
    the same noun bare on the other side (never two modifiers: "3 Democratic senators" and
    "5 Republican senators" count different senators)."""
    set_a, set_b = set(keys_a), set(keys_b)
    pairs = [(k, k) for k in sorted(set_a & set_b) if not k.startswith("head:")]
    pairs += [(k, k[5:]) for k in sorted(set_a) if k.startswith("head:") and k[5:] in set_b]
    pairs += [(k[5:], k) for k in sorted(set_b) if k.startswith("head:") and k[5:] in set_a]
    return pairs


def _weekday_conflicts(a: str, b: str) -> list[Conflict]:
    """Different weekdays for one thing: each claim gives one, and the word before it agrees."""
    found = [list(_WEEKDAY.finditer(t)) for t in (a, b)]
    days = [{m.group().lower() for m in f} for f in found]
    if len(days[0]) != 1 or len(days[1]) != 1 or days[0] == days[1]:
        return []
    context = [_before(t, f[0].start()) for t, f in ((a, found[0]), (b, found[1]))]
    if not context[0] & context[1]:
        return []
    da, db = (next(iter(d)).title() for d in days)
    return [Conflict("date", da, db, f"A says {da}, B says {db}")]


_TIME_WORDS = frozenset("late early last next this night morning evening afternoon".split())


def _before(text: str, at: int) -> set[str]:
    """The content word just before a weekday, cut to five letters: "began" in "began on Monday"."""
    words = [w for w in re.findall(r"[a-z]+", text[:at].lower()) if w not in FUNCTION_WORDS | _TIME_WORDS]
    return {w[:5] for w in words[-1:]}


def _name_conflicts(a: tuple[str, str], b: tuple[str, str], edits: Sequence[Edit]) -> list[Conflict]:
    """Different speakers of one statement, and proper names substituted for one another
    (each claim as its text and the sentences before it)."""
    said_a, said_b = _attributions(*a), _attributions(*b)
    out = _attribution_conflicts(said_a, said_b, _one_statement(a[0], b[0]))
    spoken = {w for _, names, _ in said_a + said_b for n in names for w in _name_words(n)}
    for e in edits:
        if e.op == "replace" and _proper(e.a) and _proper(e.b) and not _name_words(e.a) & spoken:
            out.append(Conflict("name", e.a, e.b, f"A names {e.a}, B names {e.b}"))
    return out


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[“\"A-Z])")
_ABBREVIATION = re.compile(  # "Ms." / "J." / "U.S." / "Gov.": no sentence ends there
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rev|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Cllr|St|Mt|Jr|Sr|Co|Corp|Inc|No)\.$")


def _sentences(text: str) -> list[str]:
    """A claim's text (its sentences joined by spaces) split back into its sentences."""
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        if not _ABBREVIATION.search(text[start:m.start()]):
            out.append(text[start:m.end()].strip())
            start = m.end()
    return [*out, text[start:].strip()]

Attribution = tuple[frozenset[str], frozenset[str], frozenset[str]]  # words seen, speakers, quoted words


def _attributions(text: str, context: str) -> list[Attribution]:
    """Each sentence of a claim with the words it shows (with the sentences before it when its
    speaker is a pronoun named there), its speakers and the words it quotes: in a one-to-many
    match each sentence keeps its own speaker."""
    out, before = [], ""
    for sentence in _sentences(text):
        at = context.find(sentence) if sentence else -1
        before = context[:at] if at >= 0 else context if context else before  # the article's sentences before it
        context_now = " ".join(_sentences(before)[-CONTEXT_SENTENCES:]) if before.strip() else ""
        names, words = _speakers(sentence, context_now), _text_words(sentence)
        if any(not _name_words(n) & words for n in names):  # a pronoun stands for someone named before
            words |= _text_words(context_now)
        out.append((frozenset(words), names, quoted_words(sentence, least=3)))
        before = f"{before} {sentence}"
    return out


def _attribution_conflicts(said_a: list[Attribution], said_b: list[Attribution], one_statement: bool) -> list[Conflict]:
    """One statement given to two people: two sentences quote it (or, when none quotes a shared
    statement, the two claims as wholes give one) and each names one speaker, neither of whom
    the other side shows ("Ms. Berg" and "Anna Berg" are one speaker)."""
    quoted = _closest_quotes(said_a, said_b)
    if not quoted and one_statement and said_a and said_b:
        quoted = [(_whole(said_a), _whole(said_b))]
    out: list[Conflict] = []
    for (seen_a, names_a, _), (seen_b, names_b, _) in quoted:
        if len(names_a) != 1 or len(names_b) != 1:
            continue
        (speaker_a,), (speaker_b,) = names_a, names_b
        na, nb = _name_words(speaker_a), _name_words(speaker_b)
        if na and nb and not (na & nb or na & seen_b or nb & seen_a or _initials(speaker_a, speaker_b)) and \
                not any((c.a, c.b) == (speaker_a, speaker_b) for c in out):
            out.append(Conflict("attribution", speaker_a, speaker_b, f"A attributes it to {speaker_a}, B to {speaker_b}"))
    return out


def _whole(said: list[Attribution]) -> Attribution:
    """A claim's sentences as one: every word shown, every speaker named, no quotation."""
    return frozenset().union(*(w for w, _, _ in said)), frozenset().union(*(n for _, n, _ in said)), frozenset()


def _initials(x: str, y: str) -> bool:
    """Whether one name is the other's initials ("FO", "Foreign Office")."""
    short, long = sorted((x, y), key=len)
    caps = "".join(w[0] for w in long.split() if w[0].isupper())
    return short.replace(".", "").isupper() and short.replace(".", "") == caps


def _closest_quotes(said_a: list[Attribution], said_b: list[Attribution]) -> list[tuple[Attribution, Attribution]]:
    """Sentences of the two claims that quote one statement, each the other's closest quotation
    (a claim that repeats a quote and adds a shorter one pairs the repeated one only)."""
    share = np.array([[_share(x[2], y[2]) for y in said_b] for x in said_a]).reshape(len(said_a), len(said_b))
    return [(said_a[i], said_b[j]) for i, j in zip(*np.nonzero(share >= 0.6), strict=True)
            if share[i, j] == share[i].max() == share[:, j].max()]


def _share(x: frozenset[str], y: frozenset[str]) -> float:
    """The share of the shorter quotation's words the other repeats (0 when one quotes nothing)."""
    words = [x - FUNCTION_WORDS, y - FUNCTION_WORDS]
    shorter = min(len(words[0]), len(words[1]))
    return len(words[0] & words[1]) / shorter if shorter else 0.0


def _shared(x: frozenset[str], y: frozenset[str]) -> bool:
    """Whether two quotations give one statement: 60 % of the shorter's words in the other."""
    return _share(x, y) >= 0.6


def _one_statement(a: str, b: str) -> bool:
    """Whether two claims give one statement: their quotes (or, with none, their words) share
    at least 60 % of the content words of the shorter."""
    return _shared(*(quoted_words(text, least=3) or frozenset(_text_words(text)) for text in (a, b)))


def _proper(text: str) -> bool:
    """Whether a stretch is a proper name: every word capitalised, not a month or weekday."""
    parts = text.split()
    return bool(parts) and len(parts) <= 4 and all(p[0].isupper() for p in parts) and not any(
        p.lower().rstrip(".") in _MONTHS or _WEEKDAY.fullmatch(p) for p in parts)
