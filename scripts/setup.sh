#!/usr/bin/env bash
# Creates .venv and installs newsprism with every pinned dependency (Python packages only; system
# packages the project needs are installed here too, when a later feature needs them).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip==24.3.1 >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
