"""`newsprism ingest` analyses, `newsprism show` lists the analysis, `newsprism analyze` re-runs it,
`newsprism bench analysis` reports speed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from .conftest import DATA, SEEDS
from newsprism.present.cli import cli


def test_ingest_show_and_reanalyze(tmp_path):
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    ingest = runner.invoke(cli, ["--db", db, "ingest", "--json", str(SEEDS / "002_e2b5d6b51d6234c6.txt")])
    assert ingest.exit_code == 0, ingest.output
    listed = json.loads(runner.invoke(cli, ["--db", db, "list", "--json"]).output)
    article_id = listed[0]["id"]
    shown = runner.invoke(cli, ["--db", db, "show", article_id])
    assert shown.exit_code == 0
    for title in ("Entities", "Quotes", "Places", "Dates"):
        assert title in shown.output
    assert "Recep Tayyip Erdogan" in shown.output and "Khān Shaykhūn" in shown.output
    again = runner.invoke(cli, ["--db", db, "analyze", "--json", article_id, "nosuchid"])
    assert again.exit_code == 1
    assert json.loads(again.output[again.output.index("{"):]) == {"analyzed": 1, "failed": 0, "not_found": 1}


def test_ingest_can_skip_analysis(tmp_path):
    db = str(tmp_path / "b.db")
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "ingest", "--no-analyze", str(SEEDS / "000_b6d28b3d5f38a964.txt")])
    article_id = json.loads(runner.invoke(cli, ["--db", db, "list", "--json"]).output)[0]["id"]
    shown = json.loads(runner.invoke(cli, ["--db", db, "show", "--json", article_id]).output)
    assert shown["analysis"] == {}


def test_bench_analysis_reports_articles_per_second():
    result = CliRunner().invoke(cli, ["bench", "analysis", "--data", str(DATA / "polnear" / "dev.jsonl"),
                                      "--limit", "5"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["articles"] == 5 and metrics["failures"] == 0 and metrics["articles_per_s"] > 0
    # the peer in the same run: spaCy parsing the same texts alone, which is part of the analysis
    assert metrics["parse_only_articles_per_s"] > metrics["articles_per_s"] and 0 < metrics["parse_share"] < 1
