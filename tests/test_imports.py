"""The default path of every command imports no heavy library: torch, transformers, datasets, scipy.

Each command runs in a fresh interpreter (what a user's first call pays), then the test looks at
``sys.modules``. The ONNX encoder export must exist (setup makes it, or the first use does).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, SEED_A, SEED_B

HEAVY = ("torch", "transformers", "datasets", "scipy")
SCRIPT = """
import json, sys
from framing.cli import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
except SystemExit as stop:
    if stop.code:
        raise
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})), file=sys.stderr)
"""


def _imported(args: list[str], cache: Path, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """Heavy modules imported by ``framing ARGS`` in a fresh interpreter."""
    env = {"FRAMING_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-c", SCRIPT.format(heavy=set(heavy)), *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stderr.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module; the ONNX export exists before the commands run."""
    from framing.models import resolve
    from framing.runtime import ensure_export, find_export

    model = resolve("minilm")
    if find_export(model) is None:
        ensure_export(model)
    return tmp_path_factory.mktemp("imports-cache")


@pytest.mark.parametrize("args", [
    ["compare", str(SEED_A), str(SEED_B), "--entity", "Pakistan", "--frames", str(CORPUS / "frames.toml")],
    ["frames", str(SEED_A), "--entity", "Pakistan"],
    ["sentences", str(SEED_A)],
], ids=["compare", "frames", "sentences"])
def test_article_commands_import_nothing_heavy(args: list[str], cache: Path) -> None:
    assert _imported(args, cache) == []


def test_corpus_commands_import_nothing_heavy(cache: Path, tmp_path: Path) -> None:
    # nor the plotting library the charts once needed, nor pandas (pyarrow asks for it on list conversion)
    report = _imported(["report", str(CORPUS), "--entity", "Pakistan", "-o", str(tmp_path / "report")], cache,
                       (*HEAVY, "matplotlib", "pandas"))
    exercises = _imported(["exercises", str(CORPUS), "-o", str(tmp_path / "ex")], cache)
    assert (tmp_path / "report" / "dataset" / "state.json").is_file()  # written without datasets
    assert report == exercises == []  # the event grouping's tf-idf is numpy (framing.sparse), not scipy


def test_dataset_folder_loads_with_datasets(cache: Path, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    # without an --entity no sentence needs a parse: spaCy is not even imported
    assert _imported(["report", str(CORPUS), "-o", str(tmp_path / "r")], cache, ("spacy", "thinc")) == []
    loaded = datasets.load_from_disk(str(tmp_path / "r" / "dataset"))
    parquet = datasets.Dataset.from_parquet(str(tmp_path / "r" / "articles.parquet"))
    assert loaded.num_rows == parquet.num_rows == len(list(CORPUS.glob("*.txt")))
    assert loaded.to_list() == parquet.to_list()
    assert loaded.features["sentences"] == parquet.features["sentences"]
