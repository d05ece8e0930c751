"""`newsprism eval cleaning` as a user runs it, and the cleaner's effect on HTML extraction quality."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.eval.extraction import extract_for_benchmark, load_benchmark, score_pages

from .conftest import DATA, ROOT, SEEDS

# Pages of the article-extraction benchmark used here: every 12th key, a spread of sites and layouts.
BENCH_STEP = 12
# Allowed F1 gap to trafilatura alone on those pages (the full-benchmark target is 0.958 against
# trafilatura's 0.964: the same 0.006).
F1_MARGIN = 0.006


def run_eval(*args: str) -> tuple[int, dict, str]:
    proc = subprocess.run([sys.executable, "-m", "newsprism.present.cli", "eval", "cleaning", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    lines = proc.stdout.strip().splitlines()
    return proc.returncode, (json.loads(lines[-1]) if lines else {}), proc.stderr


def test_seed_gold_is_met_in_full(data_dir, tmp_path):
    rc, metrics, _ = run_eval("--gold", str(SEEDS / "gold.json"), "--predictions", str(tmp_path / "p.jsonl"))
    assert rc == 0 and metrics["task"] == "cleaning" and metrics["articles"] == 2
    for name in ("body_kept", "not_body_removed", "not_body_classified", "title_found", "date_found",
                 "outlet_found", "agencies_found"):
        assert metrics[name] == 1.0, (name, metrics["misses"])
    assert metrics["false_body_sentences"] == 0
    assert set(metrics["not_body_classified_by_category"].values()) == {1.0}
    rows = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert {r["gold_key"] for r in rows} == {"dw", "trt"} and all(r["text"] and r["removed"] for r in rows)


def test_scores_drop_when_the_gold_disagrees(data_dir, tmp_path):
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    for article in gold["articles"].values():
        article["file"] = str(SEEDS / article["file"])
    dw = gold["articles"]["dw"]
    dw["title"] = "Some other title"
    dw["body_sentences"]["extra"] = "A sentence that is not in the article."
    del dw["body_sentences"]["dw7"]
    dw["not_body"]["navigation"].append("Putin added that the zones would prevent military flights")
    gold["articles"]["missing"] = {"file": str(tmp_path / "nope.txt"), "body_sentences": {"x": "Gone."}}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    rc, metrics, _ = run_eval("--data", str(path))
    assert rc == 0 and metrics["articles"] == 3 and len(metrics["rejected"]) == 1
    assert metrics["title_found"] == 0.5
    assert metrics["body_kept"] == pytest.approx(37 / 39, abs=1e-4)
    assert metrics["not_body_removed"] < 1.0 and metrics["false_body_sentences"] == 1


@pytest.mark.parametrize("content, needle", [
    (None, "no such gold file"),
    ("{not json", "not valid JSON"),
    ('{"articles": {"a": {"body_sentences": {}}}}', "have no 'file'"),
    ('{"articles": {"a": {"file": "x.txt", "not_body": {"promo": "one"}}}}', "malformed"),
    ('[1, 2]', "no 'articles' object"),
])
def test_bad_gold_files_get_a_clear_message(tmp_path, content, needle):
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    rc, _, err = run_eval("--gold", str(path))
    assert rc == 2 and needle in err


@pytest.mark.slow
def test_cleaner_does_not_hurt_html_extraction(data_dir):
    pages = load_benchmark(DATA / "article-extraction-benchmark")[::BENCH_STEP]
    ours = score_pages([(truth, extract_for_benchmark(html, url)) for _, html, truth, url in pages])
    alone = score_pages([(truth, extract_for_benchmark(html, url, "trafilatura")) for _, html, truth, url in pages])
    assert len(pages) >= 15
    assert ours["f1"] >= alone["f1"] - F1_MARGIN, (ours, alone)
