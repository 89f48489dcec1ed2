"""Ingest: every input form of CONTRACT.md becomes an :class:`~framing.types.Article`.

Files (.txt, .md, .html/.htm, .jsonl, .csv), directories (recursively, with ``manifest.jsonl``),
http(s) URLs and ``-`` for standard input.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from framing.boundary import (
    check_path_spec,
    check_url,
    decode_structured,
    decode_text,
    field,
    html_depth,
    json_object_lines,
    read_bytes,
    read_stream,
)
from framing.clean import clean_text, normalize_text, split_title
from framing.errors import InputError
from framing.limits import LIMITS, too_large, warn
from framing.types import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
META_FIELDS = ("title", "outlet", "url", "date", "event")
MANIFEST = "manifest.jsonl"
DOC_STEMS = {"README", "LICENSE", "LICENCE", "CHANGELOG"}  # names of a folder's documentation
FETCH_TIMEOUT = 20.0
FETCH_MAX_BYTES = 5 * 1024 * 1024

ErrorHandler = Callable[[InputError], None]


def text_id(text: str) -> str:
    """A stable id for an article that has no other: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load_articles(
    inputs: Sequence[str],
    *,
    stdin: TextIO | None = None,
    on_skip: ErrorHandler | None = None,
) -> list[Article]:
    """Read every input into articles, in the order given.

    Args:
        inputs: paths, directories, http(s) URLs, or ``-`` for standard input.
        stdin: the stream ``-`` reads (default ``sys.stdin``).
        on_skip: called with the error of each bad file inside a directory, which is skipped;
            a bad input named directly raises instead.

    Raises:
        InputError: an input named directly is missing, unreadable or empty.
    """
    articles: list[Article] = []
    for spec in inputs:
        articles.extend(_load_one(spec, stdin=stdin, on_skip=on_skip))
        if len(articles) > LIMITS.articles:
            raise too_large(spec, "articles", f"more than {LIMITS.articles} articles in one run")
    return unique_ids(articles)


def unique_ids(articles: Sequence[Article]) -> list[Article]:
    """The articles with a warning and a suffix for every id already taken (none disappears)."""
    taken: dict[str, str] = {}
    out = []
    for art in articles:
        ident, n = art.id, 1
        while ident in taken:
            n += 1
            ident = f"{art.id}-{n}"
        if ident != art.id:
            warn(art.source, f"article id '{art.id}' is also the id of {taken[art.id]}; renamed '{ident}'")
            art = dataclasses.replace(art, id=ident)
        taken[ident] = art.source
        out.append(art)
    return out


def load_article(spec: str, *, stdin: TextIO | None = None) -> Article:
    """Read exactly one article (for ``compare``).

    Raises:
        InputError: the input holds no article, or more than one (a directory, a JSONL or CSV
            file of several rows): ``compare`` compares two articles and will not pick one.
    """
    articles = load_articles([spec], stdin=stdin)
    if len(articles) > 1:
        raise InputError(spec, f"compare needs one article per input; this holds {len(articles)} "
                         "(compare two files, or use `framing report` for a corpus)")
    return articles[0]


def corpus_files(inputs: Sequence[str]) -> list[tuple[str, str, bool]]:
    """The files a corpus of paths is read from, in reading order, for engines that read them
    apart (``framing.engine_ray``): (input named, file, whether found in a directory).

    Raises:
        InputError: an input is missing, or not a path (standard input, a URL).
    """
    files = []
    for spec in inputs:
        if spec == "-" or re.match(r"^https?://", spec, re.IGNORECASE):
            raise InputError(spec, "this engine reads files and directories only")
        path = check_path_spec(spec)
        if not path.exists():
            raise InputError(spec, "no such file or directory")
        found = [(spec, str(f), True) for f in _article_files(path)] if path.is_dir() else [(spec, str(path), False)]
        if not found:
            raise InputError(spec, "no readable article in this directory")
        files.extend(found)
    return files


def read_file(path: str, *, in_dir: bool) -> list[Article]:
    """The articles of one file of :func:`corpus_files`, as :func:`load_articles` reads them."""
    return _load_file(Path(path), meta=_manifest_for(Path(path)), in_dir=in_dir)


def _load_one(spec: str, *, stdin: TextIO | None, on_skip: ErrorHandler | None) -> list[Article]:
    """Dispatch one input by its form."""
    if spec == "-":
        raw = read_stream(stdin or sys.stdin)
        return [_from_text(raw, source="<stdin>", stem="stdin", meta={})]
    if re.match(r"^https?://", spec, re.IGNORECASE):
        return [fetch_url(check_url(spec))]
    path = check_path_spec(spec)
    if not path.exists():
        raise InputError(spec, "no such file or directory")
    if path.is_dir():
        return _load_dir(path, on_skip=on_skip)
    return _load_file(path, meta=_manifest_for(path))


def _load_dir(root: Path, *, on_skip: ErrorHandler | None) -> list[Article]:
    """Read every supported file below ``root``; report and skip the bad ones."""
    articles: list[Article] = []
    for path in _article_files(root):
        if len(articles) > LIMITS.articles:
            raise too_large(str(root), "articles", f"more than {LIMITS.articles} articles")
        try:
            articles.extend(_load_file(path, meta=_manifest_for(path), in_dir=True))
        except InputError as err:
            if on_skip is None:
                log.warning("skipped %s", err)
            else:
                on_skip(err)
    if not articles:
        raise InputError(str(root), "no readable article in this directory")
    return articles


def _article_files(root: Path) -> list[Path]:
    """Supported regular files below ``root``, sorted; hidden folders (.git, .venv) are not entered.

    Every one is read (CONTRACT.md); a text or HTML file that looks like the folder's
    documentation rather than an article (named README, LICENSE or CHANGELOG, or left out of a
    ``manifest.jsonl`` that lists the folder's other files) is named on stderr, so a stray
    document is seen before it is grouped as news.
    """
    found = []
    for folder, dirs, names in os.walk(root):  # symlinked folders are not followed: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths = [p for name in names if (p := Path(folder) / name).suffix.lower() in SUPPORTED
                 and name != MANIFEST and p.is_file()]
        listed = _listed(Path(folder), paths)
        for path in paths:
            if path.suffix.lower() not in TABLE_SUFFIXES and (path not in listed or path.stem.upper() in DOC_STEMS):
                log.warning("%s is read as an article but looks like the folder's documentation (a README, or not "
                            "in its %s); move it out of the folder if it is not news", path, MANIFEST)
            found.append(path)
    return sorted(found)


def _listed(folder: Path, paths: list[Path]) -> set[Path]:
    """The files the folder's manifest lists, or all of them when it lists none (or is absent)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return set(paths)
    try:
        rows = _read_manifest(str(manifest), manifest.stat().st_mtime_ns)
    except InputError:  # reported for each file as it is read
        return set(paths)
    listed = {p for p in paths if p.name in rows or p.stem in rows}
    return listed or set(paths)


def _manifest_for(path: Path) -> dict[str, Any]:
    """Metadata for ``path`` from a ``manifest.jsonl`` beside it, keyed by id (stem) or file."""
    manifest = path.parent / MANIFEST
    if not manifest.is_file():
        return {}
    rows = _read_manifest(str(manifest), manifest.stat().st_mtime_ns)
    return rows.get(path.name) or rows.get(path.stem) or {}


@functools.lru_cache(maxsize=64)
def _read_manifest(manifest: str, mtime_ns: int) -> dict[str, dict[str, Any]]:
    """Rows of a manifest by file name and by id; a malformed manifest is an input error."""
    rows: dict[str, dict[str, Any]] = {}
    for lineno, row in json_object_lines(decode_structured(read_bytes(Path(manifest)), manifest), manifest):
        for name in ("file", "id"):
            key = field(row, name, (str, int), f"{manifest}:{lineno}", required=False)
            if key is not None:
                rows[str(key)] = row
    return rows


def _load_file(path: Path, *, meta: dict[str, Any], in_dir: bool = False) -> list[Article]:
    """Read one file by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(
            str(path), f"unsupported file type '{suffix or path.name}' "
            "(use .txt, .md, .html, .htm, .jsonl or .csv)"
        )
    data = read_bytes(path)
    if suffix in HTML_SUFFIXES:
        return [_from_html(decode_text(data, str(path)), source=str(path), stem=path.stem, meta=meta)]
    if suffix in TEXT_SUFFIXES:
        return [_from_text(decode_text(data, str(path)), source=str(path), stem=path.stem, meta=meta)]
    raw = decode_structured(data, str(path))
    rows = json_object_lines(raw, str(path)) if suffix == ".jsonl" else _csv_rows(raw, path)
    return _from_rows(rows, path, in_dir=in_dir)


def _csv_rows(raw: str, path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, row) of a CSV file with a header line."""
    try:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        return [(n, {k: v for k, v in row.items() if isinstance(k, str)}) for n, row in enumerate(reader, 2)]
    except csv.Error as err:
        raise InputError(str(path), f"malformed CSV ({err})") from None


def _from_rows(
    rows: Iterable[tuple[int, dict[str, Any]]], path: Path, *, in_dir: bool
) -> list[Article]:
    """Articles from table rows; each needs a ``text``."""
    rows = list(rows)
    if not rows:
        raise InputError(str(path), "no rows")
    if not any("text" in row for _, row in rows):
        if in_dir:  # a metadata table (gold labels, notes) beside the articles
            log.debug("%s has no 'text' column: not an article file", path)
            return []
        raise InputError(str(path), "no 'text' column: each row needs the article text")
    articles = []
    for lineno, row in rows:
        source = f"{path}:{lineno}"
        text = row.get("text")
        if not isinstance(text, str):
            raise InputError(source, "'text' is missing or not a string")
        meta = {k: field(row, k, (str, int, float), source, required=False) for k in ("id", *META_FIELDS)}
        articles.append(_from_text(text, source=source, stem=None, meta=meta))
    return articles


def _from_text(raw: str, *, source: str, stem: str | None, meta: dict[str, Any]) -> Article:
    """An article from plain text: furniture dropped, headline kept as title."""
    text, title = clean_text(_short_lines(raw, source))
    return _article(text, title, source=source, stem=stem, meta=meta)


def _from_html(raw: str, *, source: str, stem: str | None, meta: dict[str, Any]) -> Article:
    """An article from an HTML page: main text extracted with trafilatura."""
    if html_depth(raw) > LIMITS.html_depth:
        raise too_large(source, "html_depth", "HTML elements nested too deeply")
    doc = _extract(raw, source)
    body = getattr(doc, "text", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    if not body:
        raise InputError(source, "no article text found in this HTML page")
    text, _ = clean_text(_short_lines(body, source))
    if title:
        title = split_title(normalize_text(title))
        if text and not text.startswith(title):
            text = f"{title}\n{text}"
    meta = {"outlet": getattr(doc, "sitename", None), **{k: v for k, v in meta.items() if v}}
    return _article(text, title, source=source, stem=stem, meta=meta)


def _extract(raw: str, source: str) -> Any:
    """trafilatura's extraction; its internal failures on odd markup become an input error."""
    import trafilatura  # slow import: only where HTML is read

    try:
        return trafilatura.bare_extraction(raw, include_comments=False, with_metadata=True)
    except Exception as err:  # noqa: BLE001 - a third-party parser's own bugs (AssertionError on '<math><meta><p>')
        raise InputError(source, f"cannot extract text from this HTML ({type(err).__name__} in the "
                         "extractor); save the article as .txt") from None


def _short_lines(raw: str, source: str) -> str:
    """The text with every line cut at ``LIMITS.line_chars`` characters (with a warning)."""
    limit = LIMITS.line_chars
    if len(raw) <= limit or all(len(line) <= limit for line in raw.split("\n")):
        return raw
    warn(source, f"lines longer than {limit} characters truncated (raise with framing --limit line_chars=N)")
    return "\n".join(line[:limit] for line in raw.split("\n"))


def _printable(value: str) -> str:
    """A metadata value without control characters (no terminal escape sequence reaches a view)."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in value)


def _article(
    text: str, title: str | None, *, source: str, stem: str | None, meta: dict[str, Any]
) -> Article:
    """Build the article, refusing an empty one."""
    if not text.strip():
        raise InputError(source, "empty article (no text after removing page furniture)")
    ident = _printable(str(meta.get("id") or stem or "")) or text_id(text)
    fields: dict[str, Any] = {k: (_printable(str(meta[k])) if meta.get(k) not in (None, "") else None) for k in META_FIELDS}
    fields["title"] = fields["title"] or title
    return Article(id=str(ident), source=source, text=_headed(text, fields["title"], title), **fields)


def _headed(text: str, title: str | None, own: str | None) -> str:
    """The text with its headline as first line, whatever the input format.

    A title given beside the text (a table's ``title`` column, a manifest) heads a text that has
    no headline line of its own (``own`` is None), so a headline is always sentence 0 and the
    first paragraph is never taken for one (it would be kept whole, unsplit).
    """
    if not title or own is not None or text.startswith(title):
        return text
    return f"{title}\n{text}"


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int | None = None) -> Article:
    """Fetch an http(s) page and extract its main text.

    Raises:
        InputError: the page cannot be fetched in time, is too large, or has no article text.
    """
    import http.client  # only here: with urllib.request, about 30 ms of imports
    import urllib.error
    import urllib.request

    max_bytes = max_bytes or min(FETCH_MAX_BYTES, LIMITS.bytes)
    request = urllib.request.Request(check_url(url), headers={"User-Agent": "framing/0.1 (+news comparison)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            ctype = response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        raise InputError(url, f"HTTP error {err.code} ({err.reason})") from None
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise InputError(url, f"cannot fetch ({reason})") from None
    if len(data) > max_bytes:
        raise InputError(url, f"page larger than {max_bytes // (1024 * 1024)} MiB")
    raw = decode_text(data, url) if ctype.startswith("text/plain") else _decode_html(data)
    meta = {"url": url}
    if ctype.startswith("text/plain"):
        return _from_text(raw, source=url, stem=None, meta=meta)
    return _from_html(raw, source=url, stem=None, meta=meta)


def _decode_html(data: bytes) -> str:
    """HTML bytes as text; pages declare many encodings, so decode leniently."""
    return data.decode("utf-8", errors="replace")
