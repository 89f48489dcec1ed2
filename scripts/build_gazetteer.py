"""Build framing/data/gazetteer.json from the countryinfo package (run once; output committed).

Each country: name, aliases (official/alternative English names, demonym, capital, common short
forms). Two-letter codes and non-Latin spellings are left out: they collide with ordinary words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from countryinfo import all_countries

# Short forms that news uses and the source data lacks (extend freely).
EXTRA = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "American", "Americans", "Washington"],
    "United Kingdom": ["UK", "U.K.", "Britain", "British", "London"],
    "Pakistan": ["Pak", "Pakistanis", "Pakistani"],
    "India": ["Indian", "Indians", "New Delhi"],
    "China": ["Chinese", "Beijing", "PRC"],
    "Afghanistan": ["Afghan", "Afghans", "Kabul"],
    "United Arab Emirates": ["UAE", "Emirati"],
    "Russia": ["Russian", "Moscow"],
    "Iran": ["Iranian", "Tehran"],
}
PLAIN = re.compile(r"^[A-Za-z][A-Za-z .'’-]+$")


def _first(value: object) -> str:
    """The value, or its first item where the source gives a list."""
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def main() -> None:
    out = []
    for info in sorted(all_countries(), key=lambda c: c.name() or ""):
        common = _first(info.info().get("name")) or (info.name() or "").title()
        aliases = {_first(info.capital()), _first(info.demonym())}
        aliases |= {a for a in info.alt_spellings() or [] if len(a) > 3}
        aliases |= set(EXTRA.get(common, []))
        aliases = sorted(a for a in aliases if a and PLAIN.match(a) and a != common)
        out.append({"name": common, "aliases": aliases})
    path = Path(__file__).resolve().parent.parent / "framing" / "data" / "gazetteer.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(out)} countries -> {path}")


if __name__ == "__main__":
    main()
