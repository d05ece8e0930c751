#!/usr/bin/env bash
# The demo: ingest the two seed articles (DW and TRT World on the same press conference) into a fresh
# store and print what was found and what was removed from each.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEWSPRISM_DB=${NEWSPRISM_DB:-.newsprism/demo.db}
rm -f "$NEWSPRISM_DB" "$NEWSPRISM_DB-wal" "$NEWSPRISM_DB-shm"
NP=.venv/bin/newsprism
$NP ingest examples/
for id in $($NP list --json | .venv/bin/python -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'); do
  echo
  echo "================================================================================"
  $NP show "$id" --removed
done
echo
echo "================================================================================"
# The comparison report of the two seeds: terminal tables here, the standalone HTML beside the store.
$NP compare examples/*.txt
$NP compare examples/*.txt --report html -o .newsprism/seeds-comparison.html
echo
echo "================================================================================"
# Last, the web app over the demo store: the seeds' story with its fact matrix, texts side by side,
# quote ledger and map. NEWSPRISM_DEMO_SERVE=0 stops here instead (for scripted runs).
if [ "${NEWSPRISM_DEMO_SERVE:-1}" != 0 ]; then
  PORT=${PORT:-8000}
  echo "Serving the demo store on http://127.0.0.1:$PORT/  (the seeds' story is the first in the list; Ctrl-C stops)"
  exec $NP serve --port "$PORT"
fi
