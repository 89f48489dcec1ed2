"""Outlets: the country and group of each article's outlet, for the report's coverage bars.

An outlet is known by its domain: the host of the article's URL, else its ``outlet`` field when
that looks like a domain. The packaged ``framing/data/outlets.toml`` (and a user file given with
``--outlets``, whose entries win) lists outlets with a name, country, group and lean; an outlet
not listed gets its country from its top-level domain (``.in``, ``.pk``, ``.co.uk``). The group
is what coverage bars and blindspots count: the entry's ``group``, else the country.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.types import Article, Outlet

UNKNOWN = "Unknown country"
FIELDS = ("domain", "name", "country", "group", "lean")


@dataclass(frozen=True)
class OutletBook:
    """Known outlets by domain, and countries by top-level domain."""

    outlets: dict[str, Outlet] = field(default_factory=dict)
    tlds: dict[str, str] = field(default_factory=dict)

    def outlet(self, article: Article) -> Outlet:
        """The outlet of an article: listed by domain (or a parent domain), else by its TLD.

        Both the ``outlet`` field (when it is a domain) and the URL's host are tried, the outlet
        field first: a URL may be a link shortener's or a mirror's.
        """
        domains = list(dict.fromkeys(d for d in (_domain(article.outlet), _domain(article.url, url=True)) if d))
        name = article.outlet or (domains[0] if domains else article.id)
        for domain in domains:
            parts = domain.split(".")
            for k in range(len(parts) - 1):
                known = self.outlets.get(".".join(parts[k:]))
                if known is not None:
                    return known
        country = next((c for d in domains if (c := self.tlds.get(d.rsplit(".", 1)[-1]))), None)
        return Outlet(domain=domains[0] if domains else None, name=name, country=country, group=country or UNKNOWN)


def _domain(value: str | None, *, url: bool = False) -> str | None:
    """The domain (without ``www.``) of a URL, or of an outlet field that is a domain name."""
    if not value:
        return None
    if url:
        host = urllib.parse.urlsplit(value.strip()).hostname
    else:
        host = value.strip().lower() if "." in value and not any(c in value.strip() for c in " /:") else None
    if not host:
        return None
    return host.lower().rstrip(".").removeprefix("www.")


def load_outlets(path: str | None = None) -> OutletBook:
    """The packaged outlet list, with a user's TOML file (same shape) layered over it.

    Raises:
        InputError: the user file is unreadable, not TOML, or has an entry of the wrong shape.
    """
    text = resources.files("framing").joinpath("data/outlets.toml").read_text(encoding="utf-8")
    book = _parse(text, "framing/data/outlets.toml")
    if path is None:
        return book
    from framing.boundary import read_structured

    if not Path(path).is_file():
        raise InputError(path, "no such file")
    mine = _parse(read_structured(Path(path), path, utf8_only=True), path)
    return OutletBook(outlets={**book.outlets, **mine.outlets}, tlds={**book.tlds, **mine.tlds})


def _parse(text: str, source: str) -> OutletBook:
    """An outlets TOML text: ``[tld]`` (suffix = country) and ``[[outlet]]`` entries."""
    import tomllib

    from framing.boundary import toml_tables

    entries = toml_tables(text, source, "outlet", ())  # checks the TOML first
    data = tomllib.loads(text)
    tlds = data.get("tld", {})
    if not isinstance(tlds, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                             for k, v in tlds.items()):
        raise InputError(source, "[tld] must map top-level domains to country names (in = \"India\")")
    unknown = set(data) - {"tld", "outlet"}
    if unknown:
        raise InputError(source, f"unknown table '{min(unknown)}' (use [tld] and [[outlet]])")
    outlets = {}
    for n, entry in enumerate(entries, 1):
        outlet = _entry(entry, n, source)
        outlets[outlet.domain or ""] = outlet
    return OutletBook(outlets=outlets, tlds={k.lower().lstrip("."): v.strip() for k, v in tlds.items()})


def _entry(entry: dict[str, Any], n: int, source: str) -> Outlet:
    """One ``[[outlet]]`` entry, checked: a domain, and optional string fields."""
    extra = sorted(set(entry) - set(FIELDS))
    if extra:
        raise InputError(source, f"[[outlet]] #{n}: unknown field '{extra[0]}' (use {', '.join(FIELDS)})")
    for name in FIELDS:
        if name in entry and (not isinstance(entry[name], str) or not entry[name].strip()):
            raise InputError(source, f"[[outlet]] #{n}: '{name}' must be a non-empty string")
    domain = str(entry.get("domain", "")).strip().lower().removeprefix("www.")
    if not domain or "." not in domain or any(c in domain for c in " /:"):
        raise InputError(source, f"[[outlet]] #{n}: 'domain' must be a domain name such as \"example.com\"")
    country = entry.get("country")
    group = entry.get("group") or country or UNKNOWN
    return Outlet(domain=domain, name=entry.get("name", domain), country=country, group=group,
                  lean=entry.get("lean"))
