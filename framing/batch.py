"""Batch: the per-article stages (segment → embed → frames) over a whole corpus.

The stages run on batches of articles (one embedding call each), with a progress bar on stderr;
no ``datasets`` import on this path (it costs seconds and is only needed for its output format).
Each finished batch is stored at once in a result
cache (``framing.cache.ResultCache``) under keys made of each article and of every setting that
shapes its result (framing's code and data files, the encoder, the classifier, the entities and
frames asked for). So a re-run reuses the work of unchanged articles, and a run that was
interrupted resumes after the last batch it finished.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar, overload

from framing.cache import ResultCache, code_fingerprint
from framing.compare import FrameOptions, embed_documents
from framing.frames import detect_frames, parse_ahead
from framing.models import Encoder
from framing.segment import segment
from framing.types import Article, Document, Evidence, FrameResult, Sentence

BATCH_SIZE = 32  # articles per batch: one embedding call, one cache write
LOOKUP = 1000  # articles looked up in the result cache at a time
T = TypeVar("T")
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


@dataclass(frozen=True)
class Analysis:
    """The per-article results of a corpus, in the order of its articles (kept compact: see
    :class:`CompactDocs` and :class:`CompactFrames`)."""

    docs: Sequence[Document]
    frames: Sequence[tuple[FrameResult, ...]]
    reused: int  # articles whose result came from the cache


class _Compact(Sequence[T]):
    """A read-only sequence whose items are rebuilt from a compact form on each access."""

    def __init__(self, articles: Sequence[Article], keys: Sequence[str], store: dict[str, Any]) -> None:
        self.articles, self.keys, self.store = articles, keys, store

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, k: int) -> T: ...
    @overload
    def __getitem__(self, k: slice) -> list[T]: ...
    def __getitem__(self, k: int | slice) -> T | list[T]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return self._item(self.articles[k], self.store[self.keys[k]])

    def __iter__(self) -> Iterator[T]:
        return (self[k] for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    @property
    def ids(self) -> list[str]:
        """The articles' ids (without rebuilding any item)."""
        return [a.id for a in self.articles]

    def _item(self, article: Article, stored: Any) -> T:
        raise NotImplementedError


class CompactDocs(_Compact[Document]):
    """The corpus's documents, kept as each article's sentence offsets (the sentences are
    rebuilt from the article's text on access): a corpus of documents costs little more memory
    than its articles."""

    def _item(self, article: Article, stored: tuple[array, bool, bytes]) -> Document:
        spans, cut_off, _ = stored
        sentences = tuple(Sentence(index=i, text=article.text[spans[2 * i] : spans[2 * i + 1]], start=spans[2 * i],
                                   end=spans[2 * i + 1]) for i in range(len(spans) // 2))
        return Document(article=article, sentences=sentences, cut_off=cut_off)


class CompactFrames(_Compact[tuple[FrameResult, ...]]):
    """The corpus's frame results, kept as each article's compressed JSON."""

    def _item(self, article: Article, stored: tuple[array, bool, bytes]) -> tuple[FrameResult, ...]:
        return _frames(json.loads(zlib.decompress(stored[2])))


def compact_result(data: str) -> tuple[array, bool, bytes]:
    """An :func:`encode_result` JSON as kept in memory: sentence offsets, cut-off flag, frames."""
    raw = json.loads(data)
    frames = zlib.compress(json.dumps(raw["frames"], separators=(",", ":")).encode(), 1)
    return array("q", [x for span in raw["spans"] for x in span]), raw["cut_off"], frames


def settings_key(encoder: Encoder, options: FrameOptions) -> str | None:
    """Identifies everything besides the article that shapes its result (None: not cacheable,
    for a classifier that does not say which model it runs)."""
    classifier = "none" if options.classifier is None else getattr(options.classifier, "key", None)
    if classifier is None:
        return None
    parts = [code_fingerprint(), encoder.key, classifier, repr(options.entities), repr(options.frames),
             str(options.inventory)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def article_key(article: Article, settings: str) -> str:
    """The result cache key of one article: its text and title under these settings."""
    return hashlib.sha256(f"{settings}\x1f{article.title}\x1f{article.text}".encode()).hexdigest()


def encode_result(doc: Document, frames: Sequence[FrameResult]) -> str:
    """An article's result as JSON: sentence offsets, cut-off flag and frames."""
    return json.dumps({"cut_off": doc.cut_off, "spans": [[s.start, s.end] for s in doc.sentences],
                       "frames": [asdict(f) for f in frames]})


def decode_result(article: Article, data: str) -> tuple[Document, tuple[FrameResult, ...]]:
    """The inverse of :func:`encode_result`, given the article it belongs to."""
    raw = json.loads(data)
    sentences = tuple(Sentence(index=i, text=article.text[start:end], start=start, end=end)
                      for i, (start, end) in enumerate(raw["spans"]))
    return Document(article=article, sentences=sentences, cut_off=raw["cut_off"]), _frames(raw["frames"])


def _frames(raw: list[dict[str, Any]]) -> tuple[FrameResult, ...]:
    """Frame results from their JSON form."""
    return tuple(FrameResult(**{**f, "evidence": tuple(Evidence(**e) for e in f["evidence"])}) for f in raw)


def analyse(articles: Sequence[Article], *, encoder: Encoder, options: FrameOptions,
            cache: ResultCache | None = None, batch_size: int = BATCH_SIZE, progress: bool = False) -> Analysis:
    """Segment, embed and detect the frames of every article, in batches.

    Args:
        articles: the corpus.
        encoder: the sentence encoder (its own cache keeps the sentence embeddings).
        options: entities, user frames, classifier and inventory for the frame detector.
        cache: where finished articles are stored and looked up (None: compute everything).
        batch_size: articles per batch.
        progress: show a progress bar on stderr.
    """
    settings = settings_key(encoder, options)
    if settings is None:
        cache = None
    keys = [article_key(a, settings or "") for a in articles]
    store: dict[str, tuple[array, bool, bytes]] = {}  # each distinct article's result, compact
    for start in range(0, len(keys), LOOKUP):
        if cache:
            store.update((key, compact_result(data)) for key, data in cache.get_many(keys[start : start + LOOKUP]).items())
    reused = sum(key in store for key in keys)
    first = {key: k for k, key in reversed(list(enumerate(keys)))}  # a duplicate article runs once
    todo = sorted(k for key, k in first.items() if key not in store)
    with _progress(progress, len(todo)) as advance:
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            fresh = _run_batch([articles[k] for k in chunk], [keys[k] for k in chunk], encoder, options)
            store.update((key, compact_result(data)) for key, data in fresh.items())
            if cache and fresh:
                cache.put_many(fresh)
            advance(len(chunk))
    return Analysis(docs=CompactDocs(articles, keys, store), frames=CompactFrames(articles, keys, store), reused=reused)


def _run_batch(articles: Sequence[Article], keys: Sequence[str], encoder: Encoder,
               options: FrameOptions) -> dict[str, str]:
    """Segment, embed (one call for the batch) and detect the frames of some articles."""
    docs = [segment(a) for a in articles]
    parse_ahead(docs, options.entities)
    fresh = {}
    for key, doc, vectors in zip(keys, docs, embed_documents(docs, encoder), strict=True):
        frames = detect_frames(doc, classifier=options.classifier, entities=options.entities,
                               frames=options.frames, inventory=options.inventory, vectors=vectors)
        fresh[key] = encode_result(doc, frames)
    return fresh


def run_batch(articles: Sequence[Article], encoder: Encoder, options: FrameOptions) -> list[str]:
    """The per-article stages of one batch, uncached: each article's :func:`encode_result` JSON.

    The unit of work other engines distribute (``framing.engine_ray``): the same code as
    :func:`analyse`, so the same results.
    """
    fresh = _run_batch(articles, [str(k) for k in range(len(articles))], encoder, options)
    return [fresh[str(k)] for k in range(len(articles))]


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[int], None]]:
    """Progress over articles on stderr: a rich bar on a terminal, else a line per batch."""
    if not show or total == 0:
        yield lambda n: None
        return
    if not sys.stderr.isatty():
        done = [0]

        def line(n: int) -> None:
            done[0] += n
            sys.stderr.write(f"articles: {100 * done[0] // total}% {done[0]}/{total}\n")

        yield line
        return
    from rich.console import Console
    from rich.progress import Progress

    from framing.output.progress import bar_columns

    with Progress(*bar_columns(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("articles", total=total)
        yield lambda n: bar.advance(task, n)
