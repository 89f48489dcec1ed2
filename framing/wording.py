"""Wording differences inside matched claims: word-level edits and the label words they touch."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from framing.errors import FrameSpecError
from framing.types import Edit

MAX_LABELLED_WORDS = 8  # a longer edit rewrites the claim; its label words are not a word choice
_TOKEN = re.compile(r"\w+(?:[-–’'/]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class LabelEntry:
    """A family of framing-laden words ("terror vs militant")."""

    name: str
    words: tuple[str, ...]

    def matched(self, text: str) -> set[str]:
        """The words (or phrases) of this entry that ``text`` contains, lower-cased."""
        low = text.lower()
        found = {p.rstrip("*") for p in self.words if " " in p and p.rstrip("*") in low}
        for tok in (t.lower() for t in _TOKEN.findall(text)):
            found |= {tok for p in self.words if " " not in p and fnmatch.fnmatchcase(tok, p)}
        return found

    def flags(self, old: str, new: str) -> bool:
        """Whether an edit from ``old`` to ``new`` changes this entry's words."""
        return self.matched(old) != self.matched(new)


def load_labels(path: str | Path | None = None) -> tuple[LabelEntry, ...]:
    """The built-in label words, plus the entries of a user TOML file if given."""
    entries = list(_builtin_labels())
    if path is not None:
        entries.extend(_parse_labels(Path(path).read_text(encoding="utf-8"), str(path)))
    return tuple(entries)


@lru_cache(maxsize=1)
def _builtin_labels() -> tuple[LabelEntry, ...]:
    """The label words shipped in ``framing/data/label_words.toml``."""
    text = files("framing").joinpath("data/label_words.toml").read_text(encoding="utf-8")
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
        entries.append(LabelEntry(table["name"], tuple(str(w).lower() for w in table["words"])))
    return tuple(entries)


def tokens(text: str) -> list[str]:
    """Words (hyphenated compounds whole) and punctuation marks."""
    return _TOKEN.findall(text)


def word_edits(a: str, b: str, *, labels: Sequence[LabelEntry] | None = None) -> tuple[Edit, ...]:
    """Word-level edits that turn sentence ``a`` into sentence ``b``.

    Levenshtein opcodes over word lists group contiguous changes into phrase-level
    substitutions ("Pakistan-based terror" → "South Asia–focused militant"); punctuation-only
    changes are dropped.
    """
    labels = load_labels() if labels is None else labels
    ta, tb = tokens(a), tokens(b)
    ops = Levenshtein.opcodes([t.lower() for t in ta], [t.lower() for t in tb])
    edits: list[Edit] = []
    for op in ops:
        if op.tag == "equal":
            continue
        old, new = " ".join(ta[op.src_start : op.src_end]), " ".join(tb[op.dest_start : op.dest_end])
        if not re.search(r"\w", old + new):
            continue
        kind = "replace" if old and new else ("delete" if old else "insert")
        short = max(len(old.split()), len(new.split())) <= MAX_LABELLED_WORDS
        names = tuple(e.name for e in labels if e.flags(old, new)) if short else ()
        edits.append(Edit(op=kind, a=_detok(old), b=_detok(new), labels=names))
    return tuple(edits)


def _detok(text: str) -> str:
    """Undo the spaces that joining tokens put before punctuation."""
    return re.sub(r"\s+([,.;:!?)\]”’])", r"\1", re.sub(r"([(\[“‘])\s+", r"\1", text))



def summarize(edit: Edit) -> str:
    """One line for an edit: "Pakistan-based terror → South Asia–focused militant"."""
    if edit.op == "replace":
        text = f"“{edit.a}” → “{edit.b}”"
    elif edit.op == "insert":
        text = f"+ “{edit.b}”"
    else:
        text = f"− “{edit.a}”"
    return f"{text} [{', '.join(edit.labels)}]" if edit.labels else text


def changed_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the changed words of ``a`` and of ``b`` (adjacent ones merged)."""
    ma, mb = list(_TOKEN.finditer(a)), list(_TOKEN.finditer(b))
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    ops = Levenshtein.opcodes([m.group().lower() for m in ma], [m.group().lower() for m in mb])
    for op in ops:
        if op.tag == "equal":
            continue
        if op.src_end > op.src_start:
            spans_a.append((ma[op.src_start].start(), ma[op.src_end - 1].end()))
        if op.dest_end > op.dest_start:
            spans_b.append((mb[op.dest_start].start(), mb[op.dest_end - 1].end()))
    return _merge_spans(a, spans_a), _merge_spans(b, spans_b)


def _merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans separated only by spaces or punctuation."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not re.search(r"\w", text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
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
