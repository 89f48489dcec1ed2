"""What the per-call cost cuts must not change: the same tokens, the same vectors, the same output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from framing import models, runtime
from framing.models import get_encoder


def test_the_parser_tokenizes_as_the_package_saved_it() -> None:
    """syntax.parser() skips reading the saved tokenizer; it must equal the one it would read."""
    from framing import syntax

    ours = syntax.parser()  # first: it imports spaCy without torch
    import spacy

    saved = spacy.load(syntax.PARSER_PACKAGE, exclude=["ner", "senter"])
    # the rules, exceptions and patterns (the vocabulary grows with every text parsed before)
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == saved.tokenizer.to_bytes(exclude=["vocab"])
    text = "U.S. officials didn't say whether Gen. Smith's visit on Jan. 5 was \"cancelled\" -- or postponed."
    assert [t.text for t in syntax.parser()(text)] == [t.text for t in saved(text)]


def _export_copy(tmp_path: Path) -> tuple[models.ResolvedModel, Path]:
    model = models.resolve("minilm")
    source = runtime.find_export(model) or runtime.ensure_export(model)
    copy = tmp_path / "onnx" / source.name
    shutil.copytree(source, copy)
    return model, copy


def test_shipped_prompt_vectors_are_those_the_encoder_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model, folder = _export_copy(tmp_path)
    monkeypatch.setattr(runtime, "export_roots", lambda: [tmp_path / "onnx"])
    runtime.ensure_prompts(model, folder)
    shipped = runtime.shipped_prompts(model)
    texts = runtime.builtin_prompts()
    assert sorted(shipped) == sorted(texts) and len(texts) > 20
    fresh = get_encoder(cache=False)._embed(texts)
    assert all(np.array_equal(shipped[t], v) for t, v in zip(texts, fresh, strict=True))


def test_a_first_call_reads_the_shipped_prompts_without_loading_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from framing.classify import EmbeddingClassifier
    from framing.frames import media_frames

    model, folder = _export_copy(tmp_path)
    monkeypatch.setattr(runtime, "export_roots", lambda: [tmp_path / "onnx"])
    runtime.ensure_prompts(model, folder)
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(models, "_CONSTANTS", {})
    sentence = ["The minister announced new tariffs on steel imports."]
    vectors = np.stack(get_encoder(cache=False)._embed(sentence))
    encoder = get_encoder(cache=False)
    scores = EmbeddingClassifier(encoder).scores(sentence, media_frames(), vectors=vectors)
    assert not encoder.loaded
    monkeypatch.setattr(models, "_CONSTANTS", {})
    monkeypatch.setattr(runtime, "shipped_prompts", lambda _: {})  # nothing shipped: embedded
    (tmp_path / "cache" / "prompts.sqlite").unlink()
    embedded = get_encoder(cache=False)
    assert np.array_equal(EmbeddingClassifier(embedded).scores(sentence, media_frames(), vectors=vectors), scores)
    assert embedded.loaded


def test_a_changed_prompt_file_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model, folder = _export_copy(tmp_path)
    monkeypatch.setattr(runtime, "export_roots", lambda: [tmp_path / "onnx"])
    runtime.ensure_prompts(model, folder)
    assert runtime.shipped_prompts(model)
    data = bytearray((folder / runtime.PROMPTS_FILE).read_bytes())
    data[-100] ^= 0xFF
    (folder / runtime.PROMPTS_FILE).write_bytes(bytes(data))
    assert runtime.shipped_prompts(model) == {}
    manifest = json.loads((folder / runtime.PROMPTS_MANIFEST).read_text())
    runtime.ensure_prompts(model, folder)  # setup run again: written anew
    assert json.loads((folder / runtime.PROMPTS_MANIFEST).read_text())["sha256"] == manifest["sha256"]
    assert runtime.shipped_prompts(model)


def test_the_parser_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    from framing import syntax

    assert syntax.parser_version() == f"{syntax.PARSER_PACKAGE} {version(syntax.PARSER_PACKAGE)}"


def test_the_console_script_exits_with_its_code_and_all_its_output(tmp_path: Path) -> None:
    """cli.main() leaves without the interpreter's teardown: nothing written may be lost."""
    import subprocess
    import sys

    from click.testing import CliRunner

    from framing.cli import cli
    from tests.conftest import CORPUS

    env = {"FRAMING_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "framing", "sentences", str(CORPUS)], capture_output=True,
                         text=True, env=env)
    assert run.returncode == 0
    assert run.stdout == CliRunner().invoke(cli, ["sentences", str(CORPUS)], env=env).stdout
    assert len(run.stdout) > 16_384  # more than a pipe buffer: flushed at exit
    bad = subprocess.run([sys.executable, "-m", "framing", "sentences", str(tmp_path / "missing.txt")],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("Error: ") and bad.stderr.count("\n") == 1
