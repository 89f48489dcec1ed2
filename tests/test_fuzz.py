"""Fuzz every command with hostile inputs (issue 13): exit 0 or 2, one Error: line, no traceback,
nothing written outside -o.

The default suite runs a few derandomized examples per command; ``-m slow`` runs the long
session (``FRAMING_FUZZ_EXAMPLES`` per command and weight, 10,000+ inputs in all by default;
hypothesis stops early where a strategy has few distinct examples) and
writes its tally to ``$FRAMING_FUZZ_REPORT`` when set.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_A, SEED_B
from tests.fuzz_inputs import (
    ARTICLE_FILE,
    ENTITIES_TOML,
    FRAMES_TOML,
    GOOD_ARTICLE,
    JSON_VALUE,
    JSONL,
    LABELS_TOML,
    PROSE,
    Tally,
    as_bytes,
    check_run,
)

TALLY = Tally()
ENTITY = st.sampled_from(["Pakistan", "India", "", "  ", "x" * 300, "<b>", "Pak\x00istan"])
INPUT_FILE = st.one_of(ARTICLE_FILE, GOOD_ARTICLE, GOOD_ARTICLE)


@contextmanager
def workdir() -> Iterator[Path]:
    """A fresh folder with an ``in/`` folder for the inputs (one per example)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "in").mkdir()
        yield root


def put(root: Path, name: str, data: bytes) -> str:
    """Write one input under ``in/``; its path relative to the working folder."""
    path = root / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(Path("in") / name)


def put_corpus(root: Path, files: list[tuple[str, bytes]], manifest: bytes | None) -> str:
    """A corpus folder of numbered files, with an optional manifest."""
    for n, (suffix, data) in enumerate(files):
        put(root, f"corpus/a{n}{suffix}", data)
    if manifest is not None:
        put(root, "corpus/manifest.jsonl", manifest)
    (root / "in" / "corpus").mkdir(exist_ok=True)
    return str(Path("in") / "corpus")


def frame_opts(root: Path, frames: bytes | None, entity: str, entities: bytes | None = None) -> list[str]:
    """--entity and, sometimes, --frames and --entities with a random TOML."""
    opts = ["--entity", entity]
    if frames is not None:
        opts += ["--frames", put(root, "frames.toml", frames)]
    if entities is not None:
        opts += ["--entities", put(root, "entities.toml", entities)]
    return opts


MAYBE_TOML = st.one_of(st.none(), as_bytes(FRAMES_TOML))
MAYBE_ENTITIES = st.one_of(st.none(), as_bytes(ENTITIES_TOML))
CORPUS = st.lists(INPUT_FILE, min_size=0, max_size=5)
MANIFEST = st.one_of(st.none(), as_bytes(JSONL), st.lists(
    st.fixed_dictionaries({"file": st.sampled_from([f"a{n}.txt" for n in range(5)])},
                          optional={"event": JSON_VALUE, "id": JSON_VALUE, "syndication_group": JSON_VALUE}),
    max_size=5).map(lambda rows: "\n".join(map(json.dumps, rows)).encode()))


def case_sentences(file: tuple[str, bytes], fmt: str, stdin: bool) -> None:
    with workdir() as root:
        if stdin:
            check_run(root, ["sentences", "-", "--format", fmt], TALLY, stdin=file[1])
        else:
            check_run(root, ["sentences", put(root, f"a{file[0]}", file[1]), "--format", fmt], TALLY)


def case_sentences_dir(files: list[tuple[str, bytes]], manifest: bytes | None) -> None:
    with workdir() as root:
        check_run(root, ["sentences", put_corpus(root, files, manifest)], TALLY)


def case_compare(a: tuple[str, bytes], b: tuple[str, bytes], fmt: str, to_file: bool, entity: str,
                 frames: bytes | None, labels: bytes | None) -> None:
    with workdir() as root:
        args = ["compare", put(root, f"a{a[0]}", a[1]), put(root, f"b{b[0]}", b[1]), "--format", fmt,
                *frame_opts(root, frames, entity)]
        if labels is not None:
            args += ["--labels", put(root, "labels.toml", labels)]
        check_run(root, [*args, "-o", "out.txt"] if to_file else args, TALLY, output="out.txt")


def case_frames(files: list[tuple[str, bytes]], fmt: str, entity: str, frames: bytes | None,
                entities: bytes | None) -> None:
    with workdir() as root:
        check_run(root, ["frames", put_corpus(root, files, None), "--format", fmt,
                         *frame_opts(root, frames, entity, entities)], TALLY)


def case_report(files: list[tuple[str, bytes]], manifest: bytes | None, fmt: str, entity: str,
                no_cache: bool) -> None:
    with workdir() as root:
        args = ["report", put_corpus(root, files, manifest), "-o", "out", "--format", fmt, "--entity", entity]
        check_run(root, [*args, "--no-cache"] if no_cache else args, TALLY, output="out")


def case_exercises(files: list[tuple[str, bytes]], types: str, event: str | None, items: int) -> None:
    with workdir() as root:
        args = ["exercises", *[put(root, f"a{n}{s}", d) for n, (s, d) in enumerate(files)], "-o", "out",
                "--types", types, "--items", str(items), "--entity", "Pakistan"]
        check_run(root, [*args, "--event", event] if event is not None else args, TALLY, output="out")


def _gold_pair(rows: list[Any]) -> bytes:
    return "\n".join(json.dumps(r) for r in rows).encode()


GOLD_ALIGN = st.one_of(as_bytes(JSONL), st.lists(st.fixed_dictionaries(
    {"a": st.sampled_from(["a0", "a1", "zz", 0]), "b": st.sampled_from(["a1", "a2", "a0"])},
    optional={"a_sentences": st.one_of(st.lists(PROSE, max_size=3), JSON_VALUE),
              "b_sentences": st.one_of(st.lists(PROSE, max_size=3), JSON_VALUE),
              "links": st.one_of(st.lists(st.fixed_dictionaries({"a": st.integers(-2, 4), "b": st.integers(-2, 4)},
                                                                 optional={"note": JSON_VALUE}), max_size=3),
                                 JSON_VALUE)}), max_size=3).map(_gold_pair))
GOLD_FRAMES = st.one_of(as_bytes(JSONL), st.lists(st.fixed_dictionaries(
    {}, optional={"id": st.sampled_from(["a0", "a1", "nope", 3]), "file": JSON_VALUE,
                  "names_pakistan": st.booleans(), "highlights_omission": st.booleans(),
                  "mentions_x": JSON_VALUE, "calls_on_": st.booleans()}), max_size=3).map(_gold_pair))


GOLD_ENTITIES = st.one_of(as_bytes(JSONL), st.lists(st.fixed_dictionaries(
    {}, optional={"sentence": st.one_of(PROSE, JSON_VALUE), "entity": st.sampled_from(["Pakistan", "", "x", 5]),
                  "names_entity": JSON_VALUE, "calls_on_entity": st.booleans(),
                  "highlights_omission": st.booleans()}), max_size=4).map(_gold_pair))


def case_eval(which: str, files: list[tuple[str, bytes]], gold: bytes, manifest: bytes | None) -> None:
    with workdir() as root:
        corpus = put_corpus(root, files, manifest)
        if which == "events":
            args = ["eval", "events", corpus]
        elif which == "entities":
            args = ["eval", "entities", put(root, "gold.jsonl", gold)]
        else:
            args = ["eval", which, put(root, "gold.jsonl", gold), "--corpus", corpus]
        check_run(root, args, TALLY)


def case_odd_paths(command: str, path: str) -> None:
    with workdir() as root:
        (root / "a_file").write_text("x")
        extra = {"report": ["-o", "out"], "exercises": ["-o", "out"]}.get(command, [])
        args = [command, path, *extra] if command != "compare" else [command, path, path]
        check_run(root, args, TALLY, output="out")


# (case, its strategies, weight in the long run)
CASES: list[tuple[Callable[..., None], dict[str, st.SearchStrategy[Any]], int]] = [
    (case_sentences, {"file": INPUT_FILE, "fmt": st.sampled_from(["text", "json", "jsonl"]),
                      "stdin": st.booleans()}, 6),
    (case_sentences_dir, {"files": CORPUS, "manifest": MANIFEST}, 2),
    (case_compare, {"a": INPUT_FILE, "b": INPUT_FILE, "fmt": st.sampled_from(["text", "json", "markdown", "html"]),
                    "to_file": st.booleans(), "entity": ENTITY, "frames": MAYBE_TOML,
                    "labels": st.one_of(st.none(), as_bytes(LABELS_TOML))}, 4),
    (case_frames, {"files": CORPUS, "fmt": st.sampled_from(["text", "json", "jsonl", "csv"]), "entity": ENTITY,
                   "frames": MAYBE_TOML, "entities": MAYBE_ENTITIES}, 3),
    (case_report, {"files": CORPUS, "manifest": MANIFEST, "fmt": st.sampled_from(["json", "html", "csv", "html"]),
                   "entity": ENTITY, "no_cache": st.booleans()}, 2),
    (case_exercises, {"files": st.lists(INPUT_FILE, min_size=1, max_size=3),
                      "types": st.sampled_from(["", ",", "omission", "word_choice,discussion", "nope",
                                                "omission,word_choice,name_check,frame_match,discussion"]),
                      "event": st.one_of(st.none(), st.text(max_size=8), st.just("e" + "9" * 5000)),
                      "items": st.integers(1, 12)}, 2),
    (case_eval, {"which": st.sampled_from(["align", "frames", "events", "entities"]), "files": CORPUS,
                 "gold": st.one_of(GOLD_ALIGN, GOLD_FRAMES, GOLD_ENTITIES), "manifest": MANIFEST}, 3),
    (case_odd_paths, {"command": st.sampled_from(["sentences", "frames", "report", "exercises", "compare"]),
                      "path": st.sampled_from(["", " ", ".", "a_file/x", "a_file", "http://[::1", "https://",
                                               "http://x:99999/", "ftp://x", "\t", "in/../in"])}, 1),
]
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example]


def fuzzed(case: Callable[..., None], strategies: dict[str, st.SearchStrategy[Any]], examples: int,
           *, derandomize: bool) -> Callable[[], None]:
    """The case as a hypothesis test with ``examples`` examples."""
    return settings(max_examples=examples, deadline=None, derandomize=derandomize, database=None,
                    suppress_health_check=HEALTH)(given(**strategies)(case))


@pytest.mark.parametrize("case", CASES, ids=[c[0].__name__ for c in CASES])
def test_fuzz(case: tuple[Callable[..., None], dict[str, st.SearchStrategy[Any]], int]) -> None:
    """A few fixed examples per command: fast enough for every run of the suite."""
    body, strategies, weight = case
    fuzzed(body, strategies, 4 * weight, derandomize=True)()


@pytest.mark.slow
def test_fuzz_long() -> None:
    """The long session: ``FRAMING_FUZZ_EXAMPLES`` (default 500) x weight inputs per command."""
    per = int(os.environ.get("FRAMING_FUZZ_EXAMPLES", "500"))
    with workdir() as root:  # load the models once, outside the tally: the 30 s bound is per input
        check_run(root, ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan"], Tally())
    start = TALLY.runs
    TALLY.collect = True
    try:
        for body, strategies, weight in CASES:
            fuzzed(body, strategies, per * weight, derandomize=False)()
    finally:
        summary = {"runs": TALLY.runs - start, "exit_codes": TALLY.codes, "slowest_s": round(TALLY.slowest, 2),
                   "over_30s": TALLY.over_30s, "failures": TALLY.failures, "over_10s": TALLY.slow_runs}
        if os.environ.get("FRAMING_FUZZ_REPORT"):
            Path(os.environ["FRAMING_FUZZ_REPORT"]).write_text(json.dumps(summary, indent=2))
        print(json.dumps(summary, indent=2))
    assert TALLY.over_30s == 0 and not TALLY.failures
