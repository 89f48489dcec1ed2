"""The typed nouns that travel between stages. All frozen: a stage returns new values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Relation = Literal["same", "partial"]
EditOp = Literal["replace", "insert", "delete"]
Voice = Literal["outlet", "quoted", "attributed"]


@dataclass(frozen=True)
class Article:
    """One news article after ingest: cleaned text plus whatever metadata came with it."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    event: str | None = None
    truncated: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence with character offsets into its article's cleaned text."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An article with its sentences: the unit every stage after segmentation works on."""

    article: Article
    sentences: tuple[Sentence, ...]
    cut_off: bool = False

    @property
    def id(self) -> str:
        return self.article.id


def outlet_name(doc: Document) -> str:
    """How to call an article's outlet in prose: its outlet, else its id."""
    return doc.article.outlet or doc.article.id


@dataclass(frozen=True)
class Edit:
    """One word-level change between two aligned sentences."""

    op: EditOp
    a: str
    b: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """A fact two aligned claims disagree on: a number, a date, a name or who said it."""

    kind: Literal["number", "date", "name", "attribution"]
    a: str
    b: str
    summary: str


@dataclass(frozen=True)
class Alignment:
    """Sentences of A and B that report the same claim."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    score: float
    edits: tuple[Edit, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a frame decision."""

    sentence: int
    text: str
    voice: Voice = "outlet"
    score: float = 1.0


@dataclass(frozen=True)
class FrameResult:
    """Whether one frame (optionally about one entity) is present in one article."""

    frame: str
    entity: str | None
    present: bool
    score: float
    evidence: tuple[Evidence, ...] = ()
    label: str | None = None


@dataclass(frozen=True)
class FrameDifference:
    """A frame on which two articles differ, with a plain-language summary."""

    frame: str
    entity: str | None
    a: bool
    b: bool
    summary: str
    evidence_a: tuple[Evidence, ...] = ()
    evidence_b: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Notice:
    """What a reader must know before trusting a comparison ("different_events", "same_text", "cut_off")."""

    kind: str
    message: str


@dataclass(frozen=True)
class Comparison:
    """Everything ``framing compare`` reports about two articles."""

    a: Document
    b: Document
    alignments: tuple[Alignment, ...]
    only_in_a: tuple[int, ...]
    only_in_b: tuple[int, ...]
    cut_off_a: tuple[int, ...] = ()
    cut_off_b: tuple[int, ...] = ()
    frames_a: tuple[FrameResult, ...] = ()
    frames_b: tuple[FrameResult, ...] = ()
    differences: tuple[FrameDifference, ...] = field(default_factory=tuple)
    notices: tuple[Notice, ...] = ()
    # each sentence's best pair score with any sentence of the other article, aligned or not
    nearest_a: tuple[float, ...] = ()
    nearest_b: tuple[float, ...] = ()


@dataclass(frozen=True)
class Item:
    """One exercise with its answer and evidence."""

    type: str
    question: str
    answer: str
    choices: tuple[str, ...] = ()
    evidence: tuple[tuple[str, int, str], ...] = ()  # (article id, sentence index, text)
    explanation: str = ""


@dataclass(frozen=True)
class ExerciseSet:
    """A worksheet: the articles it is about and its items."""

    seed: int
    grade: str
    docs: tuple[Document, ...]
    items: tuple[Item, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Claim:
    """One claim of an event: the aligned sentences of every article that reports it."""

    id: str
    text: str
    sentences: tuple[tuple[str, tuple[int, ...]], ...]  # (article id, sentence indices)

    @property
    def reported_by(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.sentences)


@dataclass(frozen=True)
class Event:
    """A group of articles about one event, with what each reported and left out."""

    id: str
    label: str
    articles: tuple[str, ...]
    claims: tuple[Claim, ...] = ()
    omissions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (article id, claim ids)
    cut_off: tuple[tuple[str, tuple[str, ...]], ...] = ()  # claims possibly past an excerpt's end


@dataclass(frozen=True)
class Outlet:
    """A news outlet as the report groups it: its domain, name, country and group (or lean)."""

    domain: str | None
    name: str
    country: str | None
    group: str
    lean: str | None = None
