"""The WARC benchmark runs on a small real sample and reports pages/s as JSON on its last line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsprism.present.cli import cli
from .test_sources_support import BENCH


def test_bench_warc_reports_pages_per_second():
    result = CliRunner().invoke(cli, ["bench", "warc", "--data", str(BENCH), "--limit", "8", "--rounds", "1"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["task"] == "bench-warc" and metrics["pages"] == 8
    assert metrics["added"] + metrics["duplicates"] + metrics["rejected"] == 8 and metrics["added"] >= 7
    assert metrics["ingest_pages_per_s"] > 0 and metrics["read_pages_per_s"] > metrics["ingest_pages_per_s"]
