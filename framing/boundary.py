"""The boundary: every byte from outside is read, decoded and parsed here, within limits.

Files are read only when they are regular files (a FIFO or a device would block), never beyond
``LIMITS.bytes``. Article text is decoded robustly (a BOM names the encoding; else UTF-8; else a
fallback with a warning), structured files (JSON lines, CSV, TOML, gold files) strictly, since a
guessed encoding would silently change their values. Every failure is an
:class:`~framing.errors.InputError` naming the input, the line or field, and the fix.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import urllib.parse
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.limits import LIMITS, too_large, warn

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_bytes(path: Path, source: str | None = None) -> bytes:
    """The bytes of a regular file, refusing special files and files over the byte limit."""
    source = source or str(path)
    try:
        info = path.stat()
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror or err})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, "not a regular file (a pipe or device); use - to read standard input")
    if info.st_size > LIMITS.bytes:
        raise too_large(source, "bytes", f"file of {info.st_size} bytes is too large")
    try:
        with path.open("rb") as handle:
            data = handle.read(LIMITS.bytes + 1)
    except OSError as err:
        raise InputError(source, f"cannot read ({err.strerror or err})") from None
    if len(data) > LIMITS.bytes:
        raise too_large(source, "bytes", "file is too large")
    return data


def read_stream(stream: Any, source: str = "<stdin>") -> str:
    """Standard input as article text, within the byte limit."""
    buffer = getattr(stream, "buffer", None)
    data = buffer.read(LIMITS.bytes + 1) if buffer is not None else stream.read(LIMITS.bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > LIMITS.bytes:
        raise too_large(source, "bytes", "input is too large")
    return decode_text(data, source)


def _bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names and the mark's length."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes fall on one side, as in UTF-16 ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str) -> str:
    """Article bytes as text: BOM, else UTF-8, else UTF-16 by its NULs, else a fallback with a warning.

    Raises:
        InputError: the bytes are binary (NULs that are not UTF-16).
    """
    found = _bom(data)
    encoding, start = found if found else (_utf16_without_bom(data), 0)
    if encoding:
        text = data[start:].decode(encoding, errors="replace")
        if "\ufffd" in text and "\ufffd".encode(encoding) not in data:
            warn(source, f"invalid {encoding} bytes replaced by U+FFFD")
        return text
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first = err.start
    text = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in text):  # real UTF-8 with stray bytes
        warn(source, f"not valid UTF-8 (byte 0x{data[first]:02x} at offset {first}); invalid bytes "
             "replaced by U+FFFD")
        return text
    warn(source, f"not UTF-8 (byte 0x{data[first]:02x} at offset {first}); read as Windows-1252 "
         "(Latin-1); save it as UTF-8 to be sure")
    return data.decode("cp1252", errors="replace")


def decode_structured(data: bytes, source: str, *, utf8_only: bool = False) -> str:
    """Bytes of a structured file (JSON lines, CSV, TOML) as text: a BOM or strict UTF-8.

    Args:
        data: the file's bytes.
        source: the file's name, for messages.
        utf8_only: refuse UTF-16/32 too (for files that a later stage reads again as UTF-8).

    Raises:
        InputError: the bytes are not valid in their encoding (with the line and byte).
    """
    found = _bom(data)
    encoding, start = found if found else ("utf-8", 0)
    if utf8_only and encoding != "utf-8":
        raise InputError(source, f"{encoding.upper()} file (by its byte-order mark); save the file as UTF-8")
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError as err:
        at = start + err.start
        line = data[:at].count(b"\n") + 1
        raise InputError(f"{source}:{line}", f"not valid {encoding.upper()} (byte 0x{data[at]:02x} at "
                         f"offset {at}); save the file as UTF-8") from None
    if "\x00" in text:
        raise InputError(source, "binary file, not text")
    return text


def read_structured(path: Path, source: str | None = None, *, utf8_only: bool = False) -> str:
    """A structured file's text (see :func:`decode_structured`)."""
    source = source or str(path)
    return decode_structured(read_bytes(path, source), source, utf8_only=utf8_only)


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > LIMITS.number_digits:
        raise OverflowError(len(digits))
    return int(digits)


def _depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def parse_json(text: str, source: str, *, what: str = "JSON") -> Any:
    """One JSON value, refusing malformed JSON, deep nesting and numbers of absurd length."""
    try:
        value = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as err:
        raise InputError(source, f"malformed {what} ({err.msg})") from None
    except RecursionError:
        raise too_large(source, "json_depth", "JSON nested too deeply") from None
    except (OverflowError, ValueError):
        raise too_large(source, "number_digits", "JSON number with too many digits") from None
    if isinstance(value, (dict, list)) and _depth(value) > LIMITS.json_depth:
        raise too_large(source, "json_depth", "JSON nested too deeply")
    return value


def json_object_lines(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) of every non-blank line of a JSON-lines text; each must be an object."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            row = parse_json(line, f"{source}:{lineno}", what="JSON line")
            if not isinstance(row, dict):
                kind = type(row).__name__.replace("dict", "object").replace("list", "array")
                raise InputError(f"{source}:{lineno}", f"a JSON line must be an object {{...}}, not {kind}")
            rows.append((lineno, row))
    return rows


def field(row: dict[str, Any], name: str, kind: type | tuple[type, ...], source: str, *,
          required: bool = True) -> Any:
    """``row[name]`` checked against ``kind`` (bool is not an int); None when optional and absent."""
    if name not in row or row[name] is None:
        if required:
            raise InputError(source, f"field '{name}' is missing")
        return None
    value = row[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__.replace("str", "string").replace("int", "integer") for k in kinds)
        raise InputError(source, f"field '{name}' must be {names}, not {type(value).__name__}")
    return value


def check_url(url: str) -> str:
    """An http(s) URL with a host, or an error naming what is wrong with it."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as err:
        raise InputError(url, f"malformed URL ({err})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(url, "malformed URL (use http://host/path or https://host/path)")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InputError(url, "malformed URL (white space or control characters; quote them as %20)")
    return url


def check_path_spec(spec: str) -> Path:
    """A path given on the command line, refusing the empty string (it would mean '.')."""
    if not spec.strip():
        raise InputError(repr(spec), "empty path (name a file or directory)")
    if "\x00" in spec:
        raise InputError(repr(spec), "path contains a NUL character")
    return Path(spec)


def html_depth(raw: str) -> int:
    """Element nesting depth of an HTML page as lxml parses it (iteratively)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(raw.encode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; trafilatura decides then
        return 0
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node)
    return deepest


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def toml_tables(text: str, source: str, table: str, lists: tuple[str, ...]) -> list[dict[str, Any]]:
    """The ``[[table]]`` entries of a TOML text, checking that ``lists`` fields are lists of strings.

    Raises:
        InputError: invalid TOML, ``table`` not an array of tables, or a field of the wrong type.
    """
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as err:
        raise InputError(source, f"invalid TOML ({err})") from None
    entries = data.get(table, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(source, f"'{table}' must be an array of tables ([[{table}]])")
    for n, entry in enumerate(entries, 1):
        for name in lists:
            value = entry.get(name, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(source, f"[[{table}]] #{n}: '{name}' must be a list of strings")
    return entries
