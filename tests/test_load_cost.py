"""The load-time cuts of a first call give the same parser and the same vectors.

- the int8 export's graph, optimised by ONNX Runtime once and saved beside it, loads without
  being optimised again and gives the export's vectors bit for bit; it is checked by its own
  sha256 and used only by the runtime that made it;
- spaCy loads with pydantic's v1 API hidden and with its registries' entry points looked up by
  group from an index: the same entry points, the same parse.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from framing import models, runtime
from framing.errors import ModelLoadError
from tests.conftest import ROOT

NEWS = [
    "The ministry said on Tuesday that talks with the union would resume next week.",
    "Critics accused the regulator of ignoring warnings about the dam for years.",
    "Prices rose 3.2% in March, the fastest pace since 2008, official figures showed.",
    "\u201cWe will not be intimidated,\u201d the mayor told reporters outside city hall.",
]


@pytest.fixture()
def export_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[models.ResolvedModel, Path]:
    """A copy of the default encoder's export, without a saved optimised graph, looked up first."""
    model = models.resolve("minilm")
    source = runtime.find_export(model) or runtime.ensure_export(model)
    copy = tmp_path / "onnx" / source.name
    shutil.copytree(source, copy)
    for name in (runtime.OPTIMISED_FILE, runtime.OPTIMISED_MANIFEST):
        (copy / name).unlink(missing_ok=True)
    monkeypatch.setattr(runtime, "export_roots", lambda: [tmp_path / "onnx"])
    return model, copy


def test_the_saved_optimised_graph_gives_the_exports_vectors_bit_for_bit(export_copy: tuple) -> None:
    model, folder = export_copy
    plain = runtime.load_export(model)  # no saved graph: the export, optimised on load
    assert plain.session._model_path.endswith(runtime.MODEL_FILE)  # noqa: SLF001
    runtime.ensure_optimised(model, folder)
    record = json.loads((folder / runtime.OPTIMISED_MANIFEST).read_text())
    assert record["from"] == json.loads((folder / runtime.MANIFEST).read_text())["sha256"]
    assert record["sha256"] == runtime.file_sha256(folder / runtime.OPTIMISED_FILE)
    saved = runtime.load_export(model)
    assert saved.session._model_path.endswith(runtime.OPTIMISED_FILE)  # noqa: SLF001
    for a, b in zip(plain.embed(NEWS), saved.embed(NEWS), strict=True):
        assert np.array_equal(a, b)


def test_a_graph_saved_by_another_runtime_or_from_another_export_is_not_used(export_copy: tuple) -> None:
    model, folder = export_copy
    runtime.ensure_optimised(model, folder)
    path = folder / runtime.OPTIMISED_MANIFEST
    record = json.loads(path.read_text())
    for key, value in (("runtime", "onnxruntime 0.0.1 x86_64"), ("from", "0" * 64)):
        path.write_text(json.dumps({**record, key: value}))
        runner = runtime.load_export(model)
        assert runner.session._model_path.endswith(runtime.MODEL_FILE)  # noqa: SLF001
    runtime.ensure_optimised(model, folder)  # remade for this runtime
    assert json.loads(path.read_text())["runtime"] == record["runtime"]


def test_a_damaged_saved_graph_is_refused(export_copy: tuple) -> None:
    model, folder = export_copy
    runtime.ensure_optimised(model, folder)
    data = bytearray((folder / runtime.OPTIMISED_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / runtime.OPTIMISED_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match=r"sha256 of .*model\.opt\.onnx is .* \(recorded at export\)"):
        runtime.load_export(model)


def test_an_unwritable_export_folder_only_means_optimising_on_load(export_copy: tuple,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    model, folder = export_copy

    def refused(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(target))

    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", refused)  # as in a read-only environment folder
        runtime.ensure_optimised(model, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [runtime.MANIFEST, runtime.MODEL_FILE, runtime.PROMPTS_FILE, runtime.PROMPTS_MANIFEST])  # nothing left
    assert runtime.load_export(model).session._model_path.endswith(runtime.MODEL_FILE)  # noqa: SLF001


def test_entry_points_by_group_are_those_of_the_full_list() -> None:
    import importlib.metadata as metadata

    from framing import syntax

    syntax.parser()
    import catalogue

    indexed, full = catalogue.AVAILABLE_ENTRY_POINTS, metadata.entry_points()
    assert type(indexed).__name__ == "ByGroup"
    groups = set(dict.keys(full)) if isinstance(full, dict) else {ep.group for ep in full}
    assert "console_scripts" in groups
    for group in sorted(groups) + ["spacy_factories", "no such group"]:
        assert list(indexed.select(group=group)) == list(full.select(group=group)), group
    name = next(iter(full.select(group="console_scripts"))).name
    assert list(indexed.select(group="console_scripts", name=name)) == list(full.select(group="console_scripts", name=name))


_PARSE = """
import json, sys
from framing import syntax
if sys.argv[1] == "plain":  # spaCy as it loads without the cuts
    syntax._HIDDEN = ("torch",)
    syntax._index_entry_points = lambda: None
doc = syntax.parse([sys.argv[2]])[0]
print(json.dumps({"v1": "pydantic.v1" in sys.modules,
                  "tokens": [[t.text, t.lemma_, t.tag_, t.pos_, t.dep_, t.head.i] for t in doc]}))
"""


def test_the_parser_loaded_with_the_cuts_parses_as_before() -> None:
    text = "Officials did not name the country, but urged Pakistan's government to act against the groups."
    runs = {side: json.loads(subprocess.run([sys.executable, "-c", _PARSE, side, text], cwd=ROOT, check=True,
                                            capture_output=True, text=True).stdout) for side in ("plain", "cut")}
    assert runs["plain"]["v1"] and not runs["cut"]["v1"]
    assert runs["cut"]["tokens"] == runs["plain"]["tokens"]


def test_parse_ahead_parses_a_batch_of_articles_at_once_and_nothing_remembered(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from framing import frames, syntax
    from framing.segment import segment
    from framing.types import Article

    texts = ["Officials urged Pakistan to act against the groups. The talks resumed on Monday.",
             "Pakistan denied the charge. The statement did not name any country. Rain fell.",
             "The talks resumed on Monday without the envoy."]
    docs = [segment(Article(id=str(k), source=f"{k}.txt", text=t)) for k, t in enumerate(texts)]
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(syntax, "_CACHE", {})
    batches: list[list[str]] = []
    real_pipe = syntax.parser().pipe
    monkeypatch.setattr(syntax, "parser", lambda: type("P", (), {"pipe": lambda self, t, **k: (
        batches.append(list(t)) or real_pipe(t, **k))})())
    frames.parse_ahead(docs, ["Pakistan"])
    assert batches == [["Officials urged Pakistan to act against the groups.", "Pakistan denied the charge.",
                        "The statement did not name any country."]]  # one batch; the third names no one
    found = [frames.detect_frames(d, entities=["Pakistan"]) for d in docs]
    assert len(batches) == 1  # the detectors read the parses made ahead
    monkeypatch.setattr(syntax, "_CACHE", {})
    frames.parse_ahead(docs, ["Pakistan"])  # the findings are stored now: nothing to parse
    assert len(batches) == 1
    assert [frames.detect_frames(d, entities=["Pakistan"]) for d in docs] == found
    calls = {f.frame: f.present for f in found[0] if f.entity}
    assert calls["calls_on_entity"] and found[1][0].present  # names_entity in the second
