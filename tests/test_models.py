"""The model registry, the offline default encoder, its integrity checks, and the embedding cache."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.errors import ModelLoadError, UnknownModelError
from framing.models import (
    Encoder,
    ModelSpec,
    describe_models,
    find_spec,
    get_encoder,
    resolve,
    verify_files,
)
from tests.conftest import CORPUS, ROOT, SEED_A


def test_registry_lists_the_offline_default() -> None:
    rows = {r["name"]: r for r in describe_models()}
    assert rows["minilm"]["offline"] is True
    assert rows["deberta-zeroshot"]["kind"] == "nli"
    assert find_spec("all-MiniLM-L6-v2").name == "minilm"


def test_registry_hashes_every_file_of_the_packaged_model() -> None:
    spec = find_spec("minilm")
    folder = spec.local_path()
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == {name for name, _ in spec.files}


def test_default_encoder_is_int8_onnx(encoder: Encoder) -> None:
    assert encoder.precision == "int8"
    encoder.encode(["A sentence that is not cached yet, about the int8 encoder."])
    assert encoder._runner is not None and encoder._net is None


def test_paraphrases_are_closer_than_unrelated(encoder: Encoder) -> None:
    vecs = encoder.encode([
        "India and the US urged Pakistan to act against terror groups.",
        "Washington and New Delhi called on Islamabad to take action against militants.",
        "The bakery sells fresh bread every morning.",
    ])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.3


def _news_sentences() -> list[str]:
    from framing.ingest import load_articles
    from framing.segment import segment

    articles = load_articles([str(p) for p in sorted(CORPUS.glob("*.txt"))])
    return [s.text for a in articles for s in segment(a).sentences]


def test_int8_is_close_to_torch_fp32_on_news_sentences(encoder: Encoder) -> None:
    texts = _news_sentences()
    assert len(texts) >= 50
    fp32 = get_encoder(precision="fp32", cache=False).encode(texts)
    int8 = get_encoder(precision="int8", cache=False).encode(texts)
    cosine = (fp32 * int8).sum(axis=1)
    assert cosine.mean() >= 0.99 and cosine.min() >= 0.95


_VECTORS_SCRIPT = """
import hashlib, sys
from framing.models import get_encoder
from framing.ingest import load_articles
from framing.segment import segment
docs = [segment(a) for a in load_articles(sys.argv[1:])]
alone = get_encoder(cache=False).encode([s.text for s in docs[0].sentences])
together = get_encoder(cache=False).encode([s.text for d in docs for s in d.sentences])
print(hashlib.sha256(alone.tobytes()).hexdigest(), hashlib.sha256(together[:len(alone)].tobytes()).hexdigest())
"""


def test_vectors_do_not_depend_on_the_batch_or_the_hash_seed() -> None:
    files = [str(SEED_A), *sorted(str(p) for p in CORPUS.glob("*.txt") if p != SEED_A)]
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _VECTORS_SCRIPT, *files], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True)
        digests.update(run.stdout.split())
    assert len(digests) == 1  # alone == inside the corpus, under both seeds


def test_cache_is_hit_on_a_second_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    texts = ["A first sentence about dialogue.", "A second one about sanctions."]
    first = get_encoder()
    v1 = first.encode(texts)
    assert first.cache.misses == 2 and (tmp_path / "embeddings.sqlite").exists()
    second = get_encoder()  # a new run: a new encoder, the same cache file
    v2 = second.encode(texts)
    assert second.cache.hits == 2 and not second.loaded  # nothing re-encoded, model not loaded
    assert np.allclose(v1, v2)


def test_unknown_model_message() -> None:
    with pytest.raises(UnknownModelError, match="unknown model 'nope'"):
        resolve("nope")
    with pytest.raises(UnknownModelError, match="not available offline: pass --allow-download"):
        resolve("mpnet")


def test_local_directory_model(encoder: Encoder) -> None:
    local = get_encoder(encoder.model.location, cache=False, precision="fp32")
    assert local.model.local and local.model.spec is None
    assert local.encode(["One sentence."]).shape == (1, 384)


def test_a_folder_in_the_cwd_does_not_shadow_a_registry_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "minilm").mkdir()
    monkeypatch.chdir(tmp_path)
    assert resolve("minilm").spec is not None and resolve("minilm").spec.name == "minilm"
    explicit = resolve("./minilm")
    assert explicit.spec is None and Path(explicit.location).resolve() == tmp_path / "minilm"


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the packaged model folder the tests may damage."""
    target = tmp_path_factory.mktemp("model") / "model"
    shutil.copytree(find_spec("minilm").local_path(), target)
    return target


def test_every_file_is_checked_not_only_the_weights(model_copy: Path) -> None:
    spec = find_spec("minilm")
    verify_files(spec, model_copy)  # intact
    config = model_copy / "config.json"
    original = config.read_text()
    config.write_text(original.replace('"num_hidden_layers": 6', '"num_hidden_layers": 3'))
    try:
        with pytest.raises(ModelLoadError, match=r"sha256 of .*config\.json is .* expected 953f9c"):
            verify_files(spec, model_copy)
    finally:
        config.write_text(original)


def _corrupt_in_place(path: Path) -> None:
    """Flip bytes in the middle of a file, keeping its size and modification time."""
    stat = path.stat()
    with path.open("r+b") as handle:
        handle.seek(stat.st_size // 2)
        handle.write(b"\xff" * 64)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_weights_corrupted_in_place_are_an_error_exit_2(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.cli import cli

    weights = model_copy / "model.safetensors"
    backup = weights.read_bytes()
    spec = find_spec("minilm")
    verify_files(spec, model_copy)  # checked once: no marker may excuse the next check
    _corrupt_in_place(weights)
    monkeypatch.setattr(ModelSpec, "local_path", lambda self: model_copy if self.name == "minilm" else None)
    try:
        result = CliRunner().invoke(cli, ["sentences", str(SEED_A)])  # no model: still fine
        assert result.exit_code == 0
        result = CliRunner().invoke(cli, ["frames", str(SEED_A), "--precision", "fp32"],
                                    env={"FRAMING_CACHE_DIR": str(model_copy.parent / "cache")})
        assert result.exit_code == 2
        assert result.output.startswith("Error: ") and "model.safetensors is" in result.output
        assert "Traceback" not in result.output
    finally:
        weights.write_bytes(backup)


def test_a_corrupted_onnx_export_is_an_error_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing import runtime
    from framing.cli import cli

    model = resolve("minilm")
    source = runtime.find_export(model) or runtime.ensure_export(model)
    copy = tmp_path / "onnx" / source.name
    shutil.copytree(source, copy)
    _corrupt_in_place(copy / runtime.MODEL_FILE)
    monkeypatch.setattr(runtime, "export_roots", lambda: [tmp_path / "onnx"])
    result = CliRunner().invoke(cli, ["frames", str(SEED_A), "--no-inventory"], env={"FRAMING_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "expected" in result.output and "(recorded at export)" in result.output


def test_checksum_mismatch_is_refused(encoder: Encoder) -> None:
    spec = dataclasses.replace(encoder.model.spec, files=(("config.json", "0" * 64),))
    with pytest.raises(ModelLoadError, match="sha256 of .* expected 0000"):
        verify_files(spec, Path(encoder.model.location))


_NO_TORCH = """
import sys
from pathlib import Path
for name in ("torch", "transformers"):
    sys.modules[name] = None  # as if not installed
from framing import runtime
from framing.errors import ModelLoadError
from framing.models import get_encoder
runtime.export_roots = lambda: [Path(sys.argv[1])]
try:
    get_encoder(cache=False).encode(["One sentence."])
except ModelLoadError as err:
    print(err)
"""


def test_no_export_and_no_torch_is_a_clean_error(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-c", _NO_TORCH, str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert "no int8 ONNX export in" in run.stdout and "run scripts/setup.sh" in run.stdout


@pytest.mark.slow
def test_two_processes_exporting_at_once_share_one_export(tmp_path: Path) -> None:
    script = ("import sys; from pathlib import Path; from framing.runtime import ensure_export; "
              "from framing.models import resolve; print(ensure_export(resolve('minilm'), root=Path(sys.argv[1])))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = {p.communicate()[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs) and len(outs) == 1
    assert [p.name for p in tmp_path.iterdir()] == [Path(outs.pop()).name]  # no temporary folder left


def test_frame_hypotheses_are_embedded_once_per_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing import models
    from framing.classify import EmbeddingClassifier
    from framing.frames import media_frames

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(models, "_CONSTANTS", {})
    sentence = ["The minister announced new tariffs on steel imports."]
    first = get_encoder(cache=False)
    scores = EmbeddingClassifier(first).scores(sentence, media_frames(), vectors=first.encode(sentence))
    assert (tmp_path / "prompts.sqlite").is_file()
    later = get_encoder(cache=False)  # another call in this process: prompts from memory
    again = EmbeddingClassifier(later).scores(sentence, media_frames(), vectors=first.encode(sentence))
    assert not later.loaded and np.array_equal(scores, again)
    monkeypatch.setattr(models, "_CONSTANTS", {})  # a new process: prompts from the disk cache
    fresh = get_encoder(cache=False)
    assert np.array_equal(EmbeddingClassifier(fresh).scores(sentence, media_frames(),
                                                            vectors=first.encode(sentence)), scores)
    assert not fresh.loaded


def test_setup_refreshes_the_prompt_vectors_when_a_built_in_prompt_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from framing import runtime

    class Runner:
        def embed(self, texts):  # noqa: ANN001, ANN202
            return [np.full(3, len(t), dtype=np.float32) for t in texts]

    monkeypatch.setattr(runtime, "_runner", lambda model, folder: Runner())
    monkeypatch.setattr(runtime, "builtin_prompts", lambda: ["old prompt", "kept"])
    runtime.ensure_prompts(None, tmp_path)  # type: ignore[arg-type]
    before = (tmp_path / runtime.PROMPTS_FILE).read_bytes()
    runtime.ensure_prompts(None, tmp_path)  # type: ignore[arg-type]
    assert (tmp_path / runtime.PROMPTS_FILE).read_bytes() == before  # up to date: not rewritten
    monkeypatch.setattr(runtime, "builtin_prompts", lambda: ["a new prompt", "kept"])
    runtime.ensure_prompts(None, tmp_path)  # type: ignore[arg-type]
    with np.load(tmp_path / runtime.PROMPTS_FILE) as data:
        assert sorted(data["texts"].tolist()) == ["a new prompt", "kept"]
