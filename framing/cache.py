"""Content-hash caches on disk (SQLite): sentence embeddings and per-article results.

Embeddings are keyed by (encoder key, sha256 of the text): the same sentence under the same
model is encoded once, whatever article or run it comes from. Article results (see
``framing.batch``) are keyed by a hash of the article and of every setting that shapes the
result; the entity detectors' findings (``framing.syntax.remembered``) by the article, the
entity, the parser's version and framing's code. ``FRAMING_CACHE_DIR`` moves them all.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

CACHE_ENV = "FRAMING_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$FRAMING_CACHE_DIR``, else ``$XDG_CACHE_HOME/framing``, else ``~/.cache/framing``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing"


def text_hash(text: str) -> str:
    """The cache key of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of framing's own code and data files: a new version never reuses old results."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".toml", ".json", ".html"}):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _connect(path: Path, schema: str, *, fast: bool = False) -> sqlite3.Connection:
    """Open (and create) a cache database with its one table; ``fast``: commits are not flushed
    to disk one by one (write-ahead log; a crash may lose the last entries, never corrupt)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    if fast:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(schema)
    return conn


class EmbeddingCache:
    """Vectors by (model key, text hash) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None

    def __getstate__(self) -> dict[str, object]:
        """Sent to another process (a Ray worker), the cache opens its own connection there."""
        return {**self.__dict__, "_conn": None}

    def _db(self) -> sqlite3.Connection:
        """Open (and create) the database on first use."""
        if self._conn is None:
            self._conn = _connect(self.path, "CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, "
                                  "dim INTEGER, data BLOB, PRIMARY KEY (model, hash))")
        return self._conn

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those ``texts`` that are cached."""
        wanted = {text_hash(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db().execute(
                f"SELECT hash, data FROM vectors WHERE model = ? AND hash IN ({marks})",
                [model, *chunk],
            )
            for digest, data in rows:
                found[wanted[digest]] = np.frombuffer(data, dtype=np.float32)
        self.hits += len(found)
        self.misses += len(set(texts)) - len(found)
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors by text."""
        rows = [
            (model, text_hash(t), int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in vectors.items()
        ]
        with self._db() as conn:
            conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)


class ResultCache:
    """JSON results by key in one SQLite file; each ``put_many`` is committed at once (``fast``:
    without a flush to disk each time, for many small writes)."""

    def __init__(self, path: Path, *, fast: bool = False) -> None:
        self.path = path
        self.fast = fast
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = _connect(self.path, "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data TEXT)",
                                  fast=self.fast)
        return self._conn

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored results of those ``keys`` that are stored."""
        found: dict[str, str] = {}
        keys = list(dict.fromkeys(keys))
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db().execute(f"SELECT key, data FROM results WHERE key IN ({marks})", chunk))
        return found

    def put_many(self, results: Mapping[str, str]) -> None:
        """Store results by key."""
        with self._db() as conn:
            conn.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", list(results.items()))
