"""The web load benchmark end to end on a small real store: a real server on loopback, no errors.

(Two of the first 60 corpus records may share one text: the store keeps identical bodies once.)
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import DATA, ROOT


def test_bench_web_small_run_serves_every_request():
    proc = subprocess.run([sys.executable, "-m", "newsprism.present.cli", "bench", "web", "--data", str(DATA),
                           "--articles", "60", "--requests", "30", "--stories", "5", "--clients", "2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["requests"] == 30 and result["errors"] == 0
    assert 50 <= result["articles_stored"] <= 60 and result["stories_requested"] >= 1
    assert result["story_p95_ms"] > 0 and result["requests_per_s"] > 0
