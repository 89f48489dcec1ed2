#!/usr/bin/env bash
# Set up framing in ./.venv: the CPU torch wheel first (a bare `torch` requirement would pull a
# multi-GB CUDA build), then the package with its test extras. Safe to run again: it only installs
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  echo "framing setup: installing the CPU build of torch" >&2
  .venv/bin/python -m pip install -q "torch==2.13.0"
fi
.venv/bin/python -m pip install -q -e ".[test]"
# The browser tests need Chromium (Debian's package); install it where we may (root, apt).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "framing setup: installing chromium for the browser tests" >&2
  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || echo "framing setup: could not install chromium; browser tests will skip" >&2
fi
