"""Screenshots of the report at 1,400 px in headless Chromium, with the measurements that matter.

Runs the README's main command on the sample corpus, the same on ../shared/corpus/dev (when it
is there) and on a synthetic corpus of 40 outlets covering one event (recombined from the dev
texts of the 17th Joint Working Group, else from the two sample articles of one meeting); saves
full-page PNGs of each index and of its largest event page into out/screenshots/, prints each
page's width, height and size in bytes, and fails (exit 1) if a page scrolls sideways.

Usage: .venv/bin/python scripts/report_screenshots.py [--out out/screenshots] [--width 1400]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chrome, measure, screenshot
from tests.synthetic_outlets import write_corpus

DEV = ROOT.parent / "shared" / "corpus" / "dev"
FRAMING = ROOT / ".venv" / "bin" / "framing"


def _report(inputs: list[str], out: Path, *extra: str) -> None:
    """The README's main command on some inputs (its options, -o out --force)."""
    cmd = [str(FRAMING), "report", *inputs, "--entity", "Pakistan", "--frames", str(ROOT / "corpus" / "frames.toml"),
           "-o", str(out), "--force", *extra]
    subprocess.run(cmd, check=True, cwd=ROOT)


def _largest_event(report: Path) -> str:
    """The id of the event with the most articles."""
    events = json.loads((report / "report.json").read_text(encoding="utf-8"))["events"]
    return max(events, key=lambda e: (len(e["articles"]), -int(e["id"][1:])))["id"]


def _synthetic(work: Path) -> Path:
    """40 outlets on one event: recombined dev articles of one meeting, else the two sample ones."""
    if DEV.is_dir():
        rows = [json.loads(line) for line in (DEV / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line]
        texts = [(DEV / f"{r['id']}.txt").read_text(encoding="utf-8") for r in rows if r["event"] == "jwg17"]
    else:
        texts = [(ROOT / "corpus" / f).read_text(encoding="utf-8")
                 for f in ("000_241931a7261d106c.txt", "001_6dab095141be1bf5.txt")]
    write_corpus(texts, work / "forty", 40)
    return work / "forty"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots")
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="framing-shots-"))
    runs = {"sample": ["corpus"], "forty": [str(_synthetic(work))]}
    if DEV.is_dir():
        runs["dev"] = [str(DEV)]
    browser = chrome(work / "profile", args.width)
    if browser is None:
        print("chromium, chromedriver or selenium is missing (scripts/setup.sh installs them)", file=sys.stderr)
        return 2
    failed = False
    try:
        for name, inputs in runs.items():
            _report(inputs, work / name)
            for page in ("index.html", f"event-{_largest_event(work / name)}.html"):
                path = work / name / page
                size = measure(browser, path)
                screenshot(browser, args.out / f"report-{name}-{page.replace('.html', '.png')}", args.width, size["height"])
                wide = size["scroll"] > size["client"]
                failed |= wide
                print(f"{name}/{page}: width {size['scroll']} px in a {size['client']} px window"
                      f"{' (SCROLLS SIDEWAYS)' if wide else ''}, height {size['height']} px, {path.stat().st_size:,} bytes")
    finally:
        browser.quit()
    print(f"screenshots in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
