"""Wording differences inside matched claims: word-level edits and the label words they touch."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from framing.errors import FrameSpecError
from framing.packaged import packaged_text
from framing.types import Edit, EditOp

MEMO_WORDS = 50_000  # words whose answer an entry remembers (bounded: a corpus has more)
MAX_LABELLED_WORDS = 8  # a longer edit rewrites the claim; its label words are not a word choice
_TOKEN = re.compile(r"\w+(?:[-–’'/]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class LabelEntry:
    """A family of framing-laden words ("terror vs militant")."""

    name: str
    words: tuple[str, ...]
    neutral: tuple[str, ...] = ()
    # answers of :meth:`marked` by word: the same words come back edit after edit
    _marked: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def marked(self, word: str) -> bool:
        """Whether one word is a marked (loaded) word of this entry, not a neutral one."""
        found = self._marked.get(word)
        if found is None:
            found = bool(self.patterns(word)) and not any(_hits(self.neutral, t) for t in _label_tokens(word))
            if len(self._marked) < MEMO_WORDS:
                self._marked[word] = found
        return found

    def matched(self, text: str) -> set[str]:
        """The words (or phrases) of this entry that ``text`` contains, lower-cased."""
        low = text.lower()
        found = {p.rstrip("*") for p in self.words if " " in p and p.rstrip("*") in low}
        return found | {tok for tok in _label_tokens(text) if _hits(self.words, tok)}

    def flags(self, old: str, new: str) -> bool:
        """Whether an edit from ``old`` to ``new`` changes this entry's words."""
        return self.matched(old) != self.matched(new)

    def patterns(self, text: str) -> set[str]:
        """The entry's words (patterns, so "terror*" for "terrorist" and "terrorism") in ``text``."""
        low = text.lower()
        found = {p for p in self.words if " " in p and p.rstrip("*") in low}
        for tok in set(_label_tokens(text)):
            found |= _hits(self.words, tok)
        return found


@lru_cache(maxsize=512)
def _matcher(patterns: tuple[str, ...]) -> tuple[dict[str, set[str]], tuple[tuple[str, str], ...],
                                                  tuple[tuple[str, str], ...], tuple[str, ...]]:
    """The one-word patterns of an entry, sorted once by kind: whole words (by word), ``prefix*``,
    ``*suffix`` and any other shell pattern (matched with ``fnmatch``)."""
    whole: dict[str, set[str]] = {}
    prefix, suffix, other = [], [], []
    for p in patterns:
        if " " in p:
            continue
        stem = p.strip("*")
        if any(c in stem for c in "*?["):
            other.append(p)
        elif p == stem:
            whole.setdefault(p, set()).add(p)
        elif p == stem + "*":
            prefix.append((stem, p))
        elif p == "*" + stem:
            suffix.append((stem, p))
        else:
            other.append(p)
    return whole, tuple(prefix), tuple(suffix), tuple(other)


def _hits(patterns: tuple[str, ...], token: str) -> set[str]:
    """The one-word patterns (shell-style, as ``fnmatch.fnmatchcase``) that ``token`` matches."""
    whole, prefix, suffix, other = _matcher(patterns)
    found = set(whole.get(token, ()))
    found.update(p for stem, p in prefix if token.startswith(stem))
    found.update(p for stem, p in suffix if token.endswith(stem))
    found.update(p for p in other if fnmatch.fnmatchcase(token, p))
    return found


def _label_tokens(text: str) -> list[str]:
    """Lower-cased tokens without a possessive ending ("regime's" is "regime")."""
    return [re.sub(r"['’]s$", "", t.lower()) for t in _TOKEN.findall(text)]


def load_labels(path: str | Path | None = None) -> tuple[LabelEntry, ...]:
    """The built-in label words, plus the entries of a user TOML file if given."""
    entries = list(_builtin_labels())
    if path is not None:
        entries.extend(_parse_labels(Path(path).read_text(encoding="utf-8"), str(path)))
    return tuple(entries)


@lru_cache(maxsize=1)
def _builtin_labels() -> tuple[LabelEntry, ...]:
    """The label words shipped in ``framing/data/label_words.toml``."""
    text = packaged_text("label_words.toml")
    return _parse_labels(text, "label_words.toml")


def _parse_labels(text: str, source: str) -> tuple[LabelEntry, ...]:
    """Parse ``[[label]]`` tables (name, words)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FrameSpecError(source, f"invalid TOML ({err})") from None
    entries = []
    for n, table in enumerate(data.get("label", []), 1):
        if not isinstance(table.get("name"), str) or not isinstance(table.get("words"), list):
            raise FrameSpecError(source, f"[[label]] #{n} needs a 'name' and a list of 'words'")
        neutral = table.get("neutral", [])
        if not isinstance(neutral, list):
            raise FrameSpecError(source, f"[[label]] #{n}: 'neutral' must be a list of words")
        entries.append(LabelEntry(table["name"], tuple(str(w).lower() for w in table["words"]),
                                  tuple(str(w).lower() for w in neutral)))
    return tuple(entries)


def tokens(text: str) -> list[str]:
    """Words (hyphenated compounds whole) and punctuation marks."""
    return _TOKEN.findall(text)


# Words that carry no claim of their own: a difference made only of these is not a wording
# difference. Negations and modal demands ("not", "never", "must") are kept: they change a claim.
FUNCTION_WORDS = frozenset(re.findall(r"\S+", """a an the of and or to in on at for by with from as is are was were be been
    being has have had that this these those it its their they them both also which who whom said says
    say will would shall should can could may might into under over than such other all any but if so
    very more most there here he she his her we our us i you your about against after before between
    during through up down out off then once only own same too just now do does did am what when where
    why how each few some because until while him himself herself itself themselves my me its one
    near across within among toward towards per via upon onto behind beyond above below since
    two sides side told tells according added adds""")) - {"not", "no", "nor", "never", "must"}
COMPOUND_PART = 6  # letters from which a word found inside another's compound counts as present
MAX_RUN = 3  # content words an added or dropped run may have and still be a choice of words
MAX_SWAP = 6  # words a side up to which a change is a substitution, not a rewrite
_WORD = re.compile(r"\d[\d,.]*\d|\w+(?:['’]\w+)?|%")


def _key(word: str) -> str:
    """What a word is compared by: case, possessives, plural/tense endings and digit grouping ignored."""
    w = word.lower().replace("’", "'")
    if w == "%":
        return "percent"
    if w[0].isdigit():
        return w.replace(",", "")
    w = re.sub(r"'s$", "", w)
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def _content(words: Sequence[re.Match[str]], elsewhere: set[str], other: str = "") -> list[re.Match[str]]:
    """The content words of a stretch that the other sentence does not have anywhere.

    A long word the other sentence has inside a compound ("corruption" in "anticorruption",
    "Anti Corruption" against "Anti-Corruption") is there too: hyphenation is no change.
    """
    compact = re.sub(r"[\s\-–]+", "", other.lower())
    return [m for m in words if m.group().lower() not in FUNCTION_WORDS and _key(m.group()) not in elsewhere
            and not (len(m.group()) >= COMPOUND_PART and m.group().lower() in compact)]


def _changes(a: str, b: str) -> list[tuple[list[re.Match[str]], list[re.Match[str]], bool]]:
    """The stretches that differ between two sentences: (words of a, words of b, a choice of words?).

    A stretch that is not a choice of words (a long added clause, a name) is kept with the
    flag False: only the label words inside it are reported.

    Words are compared case-, hyphen-, punctuation- and ending-blind; a word the other sentence
    has elsewhere moved rather than changed; a stretch of function words only is no change.
    """
    ma, mb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    ka, kb = [_key(m.group()) for m in ma], [_key(m.group()) for m in mb]
    out: list[tuple[list[re.Match[str]], list[re.Match[str]], bool]] = []
    for op in Levenshtein.opcodes(ka, kb):
        if op.tag == "equal":
            continue
        old, new = ma[op.src_start : op.src_end], mb[op.dest_start : op.dest_end]
        c_old, c_new = _content(old, set(kb), b), _content(new, set(ka), a)
        if not c_old and not c_new:
            continue
        if c_old and c_new and len(old) <= MAX_SWAP and len(new) <= MAX_SWAP:
            out.append((_trim(old, set(kb)), _trim(new, set(ka)), True))
            continue
        out.extend(((run, [], _wording(run)) for run in _runs(c_old, ma)) if c_old else [])
        out.extend((([], run, _wording(run)) for run in _runs(c_new, mb)) if c_new else [])
    return [(x, y, z) for x, y, z in out]


def _wording(run: Sequence[re.Match[str]]) -> bool:
    """Whether an added or dropped run is a choice of words, not more (or fewer) facts or names.

    Runs longer than ``MAX_RUN`` content words add information; runs of capitalised words
    only (names, titles, acronyms) add a detail of naming. Neither is a wording difference.
    """
    return len(run) <= MAX_RUN and not all(m.group()[0].isupper() or m.group()[0].isdigit() for m in run)


def _trim(words: Sequence[re.Match[str]], other: set[str]) -> list[re.Match[str]]:
    """A stretch without the words at its ends that the other sentence has too."""
    words = list(words)
    while words and _key(words[0].group()) in other:
        words.pop(0)
    while words and _key(words[-1].group()) in other:
        words.pop()
    return words


def _runs(words: Sequence[re.Match[str]], every: Sequence[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Content words grouped into runs of neighbours (only function words between them)."""
    position = {m.start(): k for k, m in enumerate(every)}
    runs: list[list[re.Match[str]]] = []
    for m in words:
        if runs and all(every[k].group().lower() in FUNCTION_WORDS
                        for k in range(position[runs[-1][-1].start()] + 1, position[m.start()])):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def content_overlap(a: str, b: str) -> tuple[float, float]:
    """Shares of the shorter and of the longer sentence's content words (by key) the other has too."""
    ka, kb = ({_key(m.group()) for m in _WORD.finditer(t) if m.group().lower() not in FUNCTION_WORDS}
              for t in (a, b))
    if not ka or not kb:
        return 0.0, 0.0
    shared = len(ka & kb)
    return shared / min(len(ka), len(kb)), shared / max(len(ka), len(kb))


def _text(source: str, words: Sequence[re.Match[str]]) -> str:
    """The source text from the first to the last of ``words``."""
    return source[words[0].start() : words[-1].end()] if words else ""


def word_edits(a: str, b: str, *, labels: Sequence[LabelEntry] | None = None) -> tuple[Edit, ...]:
    """Content-word substitutions, insertions and deletions that turn sentence ``a`` into ``b``.

    Case, hyphenation, punctuation, quote marks, number formatting, word endings and moved
    words are ignored, and so are stretches of function words. A short changed stretch with
    content words on both sides is one substitution ("the rebel-held town" → "the
    insurgent-controlled town"); a longer rewrite is reported as the content words each side
    lacks. Edits that touch label words come first, then those that change numbers or names,
    then the rest (largest first).
    """
    labels = load_labels() if labels is None else labels
    edits = []
    for old, new, choice in _changes(a, b):
        if not choice:
            edits.extend(_label_words(old, new, a, b, labels))
            continue
        text_old, text_new = _text(a, old), _text(b, new)
        kind: EditOp = "replace" if old and new else ("delete" if old else "insert")
        short = max(len(old), len(new)) <= MAX_LABELLED_WORDS
        names = tuple(e.name for e in labels if e.flags(text_old, text_new) and e.patterns(a) != e.patterns(b)
                      and any(e.marked(w) for w in (text_old + " " + text_new).split()))
        names = names if short else ()
        if kind == "replace" or names:  # an unlabelled added or dropped word is detail, not wording
            edits.append(Edit(op=kind, a=text_old, b=text_new, labels=names))
    return _distinct(edits)


def copy_edits(a: str, b: str) -> tuple[Edit, ...]:
    """Every content-word change an outlet made to a wire sentence: substitutions, and added or
    dropped words even when they carry no framing ("+ a whistleblower"), in text order. Form-only
    changes (case, hyphens, punctuation, endings) are ignored as in :func:`word_edits`."""
    edits = []
    for old, new, _choice in _changes(a, b):
        kind: EditOp = "replace" if old and new else ("delete" if old else "insert")
        edits.append(Edit(op=kind, a=_text(a, old), b=_text(b, new)))
    return tuple(edits)


def loaded_words(a: str, b: str, *, labels: Sequence[LabelEntry] | None = None) -> tuple[Edit, ...]:
    """Label words one claim has and the other lacks (with its whole word family), as edits.

    For aligned claims worded too differently to diff word by word (a short quote standing for
    a long sentence): the loaded words still show.
    """
    labels = load_labels() if labels is None else labels
    ma = _content(list(_WORD.finditer(a)), _keys(b), b)
    mb = _content(list(_WORD.finditer(b)), _keys(a), a)
    return _distinct(_label_words(ma, mb, a, b, labels))


def _label_words(old: Sequence[re.Match[str]], new: Sequence[re.Match[str]], a: str, b: str,
                 labels: Sequence[LabelEntry]) -> list[Edit]:
    """One edit per word of ``old`` (dropped) or ``new`` (added) whose label family differs."""
    out = []
    differs: dict[int, bool] = {}  # per entry: do the two claims use different words of it?

    def changed(k: int) -> bool:
        if k not in differs:
            differs[k] = labels[k].patterns(a) != labels[k].patterns(b)
        return differs[k]

    for words, side in ((old, "a"), (new, "b")):
        for m in words:
            names = tuple(e.name for k, e in enumerate(labels) if e.marked(m.group()) and changed(k))
            if names:
                op: EditOp = "delete" if side == "a" else "insert"
                out.append(Edit(op=op, a=m.group() if side == "a" else "", b=m.group() if side == "b" else "",
                                labels=names))
    return out


def _keys(text: str) -> set[str]:
    """The comparison keys of every word of ``text``."""
    return {_key(m.group()) for m in _WORD.finditer(text)}


def _distinct(edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """The edits ranked, a word repeated (in any case) counted once."""
    seen: dict[tuple[str, str, str], Edit] = {}
    for e in edits:
        seen.setdefault((e.op, e.a.lower(), e.b.lower()), e)
    return tuple(sorted(seen.values(), key=_weight))


def _weight(edit: Edit) -> tuple[int, int, int]:
    """Sort key: labelled edits first, then numbers and names, then longer changes."""
    text = edit.a + " " + edit.b
    specific = bool(re.search(r"\d|\b[A-Z][a-z]", text))
    return (0 if edit.labels else 1, 0 if specific else 1, -len(text.split()))


def summarize(edit: Edit) -> str:
    """One line for an edit: "“rebel-held” → “insurgent-controlled” [terror vs militant]"."""
    if edit.op == "replace":
        text = f"“{edit.a}” → “{edit.b}”"
    elif edit.op == "insert":
        text = f"+ “{edit.b}”"
    else:
        text = f"− “{edit.a}”"
    return f"{text} [{', '.join(edit.labels)}]" if edit.labels else text


def changed_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the changed words of ``a`` and of ``b`` (adjacent ones merged)."""
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for old, new, _swap in _changes(a, b):
        if old:
            spans_a.append(_whole(a, old[0].start(), old[-1].end()))
        if new:
            spans_b.append(_whole(b, new[0].start(), new[-1].end()))
    return _merge_spans(a, sorted(spans_a)), _merge_spans(b, sorted(spans_b))


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to whole whitespace-delimited chunks (a mark never splits "<tag>" or "U.S.")."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans separated only by spaces or punctuation."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not re.search(r"\w", text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def wrap_spans(text: str, spans: Sequence[tuple[int, int]], wrap: Callable[[str], str], escape: Callable[[str], str]) -> str:
    """``text`` with every span passed through ``wrap`` and everything through ``escape``."""
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(wrap(escape(text[start:end])))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
