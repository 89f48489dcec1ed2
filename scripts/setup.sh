#!/usr/bin/env bash
# Set up framing in ./.venv: the CPU build of torch first (on an ordinary Linux machine a bare
# `pip install torch` resolves to a multi-GB CUDA build), then the package with its test and ray extras,
# then the int8 ONNX export of the default encoder (what `framing` runs by default, without
# torch) with the vectors of the built-in frame prompts beside it (so a first call does not
# embed them). Safe to run again: it only installs or exports what is missing.
#
# FRAMING_TORCH_INDEX overrides the CPU-only wheel index; PYTHON the interpreter for the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "framing setup: $*" >&2; }
PY=${PYTHON:-python3}
TORCH=torch==2.13.0
TORCH_INDEX=${FRAMING_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi
PIP=(.venv/bin/python -m pip)
"${PIP[@]}" install -q --upgrade pip >/dev/null 2>&1 || say "could not upgrade pip; going on with $("${PIP[@]}" --version | cut -d' ' -f1-2)"

if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  say "installing the CPU build of $TORCH from the PyTorch CPU-only index ($TORCH_INDEX)"
  if ! "${PIP[@]}" install -q --retries 1 --timeout 15 --index-url "$TORCH_INDEX" "$TORCH" 2>/dev/null; then
    say "that index is unreachable from here: installing $TORCH with this machine's own pip configuration"
    "${PIP[@]}" install -q "$TORCH"
  fi
fi
if [ "$(.venv/bin/python -W ignore -c 'import torch; print(torch.version.cuda or "cpu")' 2>/dev/null)" != cpu ]; then
  say "warning: the installed torch is a CUDA build (several GB); framing only needs the CPU build"
fi

# The ray extra too: the test suite checks that `--engine ray` gives the local engine's answers.
# FRAMING_EXTRAS=test installs without it (about 270 MB less).
EXTRAS=${FRAMING_EXTRAS:-test,ray}
say "installing framing (editable) with its extras: $EXTRAS"
"${PIP[@]}" install -q -e ".[$EXTRAS]"

say "exporting the default encoder to int8 ONNX, with its built-in prompt vectors (once; checked by sha256 on every load)"
.venv/bin/python -m framing.runtime --to .venv/share/framing/onnx >/dev/null \
  || say "could not export it now; framing will export it on first use"

# The browser tests need Chromium (Debian's package); install it where we may (root, apt).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "installing chromium for the browser tests"
  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || say "could not install chromium; browser tests will skip"
fi
say "done: .venv/bin/framing, .venv/bin/python -m pytest"
