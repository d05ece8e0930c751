#!/usr/bin/env bash
# Creates .venv and installs newsprism with every pinned dependency, plus the Debian packages the
# browser tests need (chromium, driven by Playwright through /usr/bin/chromium: never `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x /usr/bin/chromium ] && [ "${NEWSPRISM_NO_APT:-0}" != 1 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
