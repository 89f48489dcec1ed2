"""Runtime: the default encoder backend, ONNX Runtime with int8 weights (no torch at run time).

A model is exported to ONNX once (with torch, by ``scripts/setup.sh`` or on first use), its
linear layers quantised to int8 per output channel (onnxruntime's dynamic quantisation), and
stored with the sha256 of the file in a manifest; every load checks that sha256. Exports live in
``$FRAMING_CACHE_DIR/onnx`` (made on first use) or in the environment's ``share/framing/onnx``
(made by setup), under a name derived from the source weights' fingerprint and the recipe.
Beside the model, the export keeps the vectors of the built-in frame prompts
(``prompts.npz``, its sha256 in ``prompts.json``), made by the same runner, so that a first
``compare`` or ``frames`` call does not embed them.

Each text runs on its own: no padding is computed, and since dynamic quantisation scales the
activations of a whole input tensor, a batch would make a sentence's vector depend on its
neighbours. Alone, a text gets the same vector whatever else is encoded with it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.cache import default_cache_dir
from framing.errors import ModelLoadError

if TYPE_CHECKING:
    from framing.models import ResolvedModel

RECIPE = "onnx-int8-per-channel-v1"  # bump when the export or quantisation changes
MODEL_FILE = "model.onnx"
MANIFEST = "manifest.json"
PROMPTS_FILE = "prompts.npz"  # the built-in frame prompts' vectors, made with the export
PROMPTS_MANIFEST = "prompts.json"  # their sha256
PROBES = ("The council and the union called on the company to act against the delays.", "Talks resumed.")
MIN_PROBE_COSINE = 0.95  # an export this far from the weights it came from is broken, not lossy


def export_roots() -> list[Path]:
    """Where exports are looked up, in order: the cache directory, then this environment's."""
    return [default_cache_dir() / "onnx", Path(sys.prefix) / "share" / "framing" / "onnx"]


def export_name(model: ResolvedModel) -> str:
    """The folder name of a model's export: its name and a hash of its weights and the recipe."""
    digest = hashlib.sha256(f"{model.fingerprint}|{RECIPE}".encode()).hexdigest()[:16]
    return f"{model.name}-{digest}"


def file_sha256(path: Path) -> str:
    """The sha256 of a file's content."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def find_export(model: ResolvedModel) -> Path | None:
    """The folder of an existing export of ``model``, if any."""
    for root in export_roots():
        folder = root / export_name(model)
        if (folder / MANIFEST).is_file():
            return folder
    return None


def ensure_export(model: ResolvedModel, *, root: Path | None = None) -> Path:
    """The folder of the model's export, exporting it first where there is none.

    Args:
        model: a local model (transformers layout) to export.
        root: where to export to (default: the cache directory); an export already there, or in
            any of :func:`export_roots` when ``root`` is None, is reused.
    """
    found = find_export(model) if root is None else None
    if root is not None and (root / export_name(model) / MANIFEST).is_file():
        found = root / export_name(model)
    return found or export(model, root or export_roots()[0])


def export(model: ResolvedModel, root: Path) -> Path:
    """Export and quantise ``model`` into ``root``; safe when several processes do it at once.

    The files are written to a temporary folder that is renamed into place at the end: a reader
    sees a whole export or none, and of two racing writers the second uses the first's.

    Raises:
        ModelLoadError: torch, transformers or onnx is missing, or the export is broken.
    """
    target = root / export_name(model)
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=root))
    tmp.chmod(0o755)  # mkdtemp makes it private; an export is shared like the environment
    try:
        reference = _export_fp32(model, tmp / "fp32.onnx")
        _quantise(tmp / "fp32.onnx", tmp / MODEL_FILE)
        (tmp / "fp32.onnx").unlink()
        runner = _check_probes(model, tmp, reference)
        write_prompts(tmp, runner)
        manifest = {"model": model.name, "source": model.fingerprint, "recipe": RECIPE,
                    "sha256": file_sha256(tmp / MODEL_FILE)}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        try:
            tmp.rename(target)
        except OSError:
            if not (target / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _export_fp32(model: ResolvedModel, path: Path) -> np.ndarray:
    """Trace the transformer to ONNX (fp32); returns its pooled vectors of :data:`PROBES`."""
    try:
        import torch

        from framing.models import load_transformer
    except ImportError:
        raise ModelLoadError(_no_exporter(model)) from None
    tokenizer, net = load_transformer(model, auto_class="AutoModel")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]

    class Hidden(torch.nn.Module):
        """The transformer's last hidden state from positional inputs (what the tracer needs)."""

        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, *inputs: Any) -> Any:
            return self.net(**dict(zip(names, inputs, strict=True))).last_hidden_state

    batch = tokenizer(list(PROBES[:1]), return_tensors="pt")
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]}
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")
        reference = [Hidden()(*[tokenizer([t], return_tensors="pt")[n] for n in names]).mean(1)[0].numpy()
                     for t in PROBES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Hidden().eval(), tuple(batch[n] for n in names), str(path), input_names=names,
                          output_names=["hidden"], dynamic_axes=axes, opset_version=17, dynamo=False)
    return np.stack([v / np.linalg.norm(v) for v in reference])


def _quantise(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the weights, one scale per output channel."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        raise ModelLoadError("cannot quantise the ONNX export: pip install onnx onnxruntime") from None
    import logging

    logging.getLogger().setLevel(logging.ERROR)  # the quantiser's advice to pre-process is noise here
    quantize_dynamic(str(source), str(target), per_channel=True, weight_type=QuantType.QInt8)


def _check_probes(model: ResolvedModel, folder: Path, reference: np.ndarray) -> OnnxRunner:
    """Refuse an export whose vectors are far from those of the weights it came from; the
    checked runner otherwise."""
    runner = _runner(model, folder)
    cosine = (np.stack(runner.embed(list(PROBES))) * reference).sum(axis=1)
    if cosine.min() < MIN_PROBE_COSINE:
        raise ModelLoadError(f"model '{model.name}': the ONNX export is broken (cosine {cosine.min():.3f} "
                             "to the original on a probe sentence); use --precision fp32")
    return runner


def _runner(model: ResolvedModel, folder: Path) -> OnnxRunner:
    """A one-thread runner of the export in ``folder`` (what export-time vectors are made with)."""
    return OnnxRunner(folder / MODEL_FILE, Path(model.location) / "tokenizer.json",
                      max_length=model.spec.max_length if model.spec else 256)


def builtin_prompts() -> list[str]:
    """The constant prompts of the built-in frames: the Media Frames' hypotheses and examples,
    and the classifier's null hypotheses (what every ``frames``/``compare`` call scores)."""
    from framing.classify import NULL_HYPOTHESES
    from framing.frames import media_frames

    prompts = [p for f in media_frames() for p in (*f.hypotheses, *f.examples)] + list(NULL_HYPOTHESES)
    return sorted(set(prompts), key=lambda t: (len(t), t))


def write_prompts(folder: Path, runner: OnnxRunner) -> None:
    """Store the vectors of :func:`builtin_prompts` beside the export, with their sha256, so
    that a first call does not embed them (a later change to a prompt only misses: the file
    maps text to vector)."""
    texts = builtin_prompts()
    vectors = np.stack(runner.embed(texts)).astype(np.float32)
    tmp = folder / f".{PROMPTS_FILE}"
    with tmp.open("wb") as handle:
        np.savez(handle, texts=np.array(texts), vectors=vectors)
    tmp.replace(folder / PROMPTS_FILE)
    manifest = {"sha256": file_sha256(folder / PROMPTS_FILE), "count": len(texts)}
    (folder / PROMPTS_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def ensure_prompts(model: ResolvedModel, folder: Path) -> None:
    """Add the built-in prompts' vectors to an export that lacks them, whose file changed, or
    whose prompts are not today's (a new version edited a built-in frame): setup refreshes them."""
    path = shipped_prompts_file(folder)
    if path is not None:
        with np.load(path) as data:
            if set(data["texts"].tolist()) == set(builtin_prompts()):
                return
    write_prompts(folder, _runner(model, folder))


def shipped_prompts_file(folder: Path) -> Path | None:
    """The export's prompt vectors file if its sha256 is the one recorded. Like the embedding
    caches, the vectors are keyed by the export (weights and recipe), not by the runtime's version."""
    try:
        manifest = json.loads((folder / PROMPTS_MANIFEST).read_text())
        path = folder / PROMPTS_FILE
        if file_sha256(path) == manifest.get("sha256"):
            return path
    except (OSError, ValueError):
        pass
    return None


def shipped_prompts(model: ResolvedModel) -> dict[str, np.ndarray]:
    """The built-in prompts' vectors stored with the model's export (empty where there are none,
    or where they do not match their manifest: they are then embedded as any other prompt)."""
    folder = find_export(model)
    path = shipped_prompts_file(folder) if folder else None
    if path is None:
        return {}
    with np.load(path) as data:
        return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))


def _no_exporter(model: ResolvedModel) -> str:
    """Why an export cannot be made here, and the fix."""
    return (f"model '{model.name}': no int8 ONNX export in {' or '.join(map(str, export_roots()))}, and "
            "torch/transformers are not installed to make one: run scripts/setup.sh (or pip install "
            "torch transformers onnx)")


def load_export(model: ResolvedModel, *, threads: int = 1, max_length: int = 256) -> OnnxRunner:
    """The model's int8 export, checked against the sha256 recorded when it was made.

    Raises:
        ModelLoadError: the export cannot be made, or its file does not match its checksum.
    """
    tokenizer = Path(model.location) / "tokenizer.json"
    if not tokenizer.is_file():
        raise ModelLoadError(f"model '{model.name}': no tokenizer.json in {model.location} for the ONNX "
                             "encoder; use --precision fp32")
    folder = ensure_export(model)
    manifest = json.loads((folder / MANIFEST).read_text())
    onnx_file = folder / MODEL_FILE
    actual = file_sha256(onnx_file) if onnx_file.is_file() else "missing"
    if actual != manifest.get("sha256"):
        raise ModelLoadError(
            f"model '{model.name}': sha256 of {onnx_file} is {actual}, expected {manifest.get('sha256')} "
            f"(recorded at export); delete {folder} and it is exported again on next use")
    return OnnxRunner(onnx_file, tokenizer, max_length=max_length, threads=threads)


class OnnxRunner:
    """An ONNX transformer and its tokenizer: mean-pooled, L2-normalised vectors, one text a run."""

    def __init__(self, model_file: Path, tokenizer_file: Path, *, max_length: int, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = onnxruntime.InferenceSession(str(model_file), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as err:  # noqa: BLE001 - onnxruntime raises its own classes for a corrupt file
            raise ModelLoadError(f"cannot load the ONNX model {model_file}: {err}") from None
        self.inputs = [i.name for i in self.session.get_inputs()]

    def embed(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Unit vectors (float32) of ``texts``, each computed alone."""
        out = []
        for enc in self.tokenizer.encode_batch(list(texts)):
            ids = np.array([enc.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                    "token_type_ids": np.array([enc.type_ids], dtype=np.int64)}
            hidden = self.session.run(None, {n: feed[n] for n in self.inputs})[0][0]
            vector = hidden.mean(axis=0, dtype=np.float32)
            out.append((vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32))
        return out


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framing.runtime [MODEL] [--to DIR]``: export a model now (used by setup)."""
    import argparse

    from framing.models import DEFAULT_ENCODER, resolve

    parser = argparse.ArgumentParser(prog="python -m framing.runtime", description=main.__doc__)
    parser.add_argument("model", nargs="?", default=DEFAULT_ENCODER)
    parser.add_argument("--to", type=Path, default=None, help="export root (default: the cache directory)")
    args = parser.parse_args(argv)
    try:
        model = resolve(args.model)
        folder = ensure_export(model, root=args.to)
        ensure_prompts(model, folder)
    except (ModelLoadError, OSError) as err:
        sys.stderr.write(f"Error: {args.model}: {err}\n")
        return 2
    sys.stdout.write(f"{folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
