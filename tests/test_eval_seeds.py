"""`newsprism eval seeds` on the real seed files and gold.json."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from .conftest import SEEDS
from newsprism.present.cli import cli


@pytest.fixture(scope="module")
def metrics(tmp_path_factory) -> tuple[dict, dict]:
    out = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    result = CliRunner().invoke(cli, ["eval", "seeds", "--gold", str(SEEDS / "gold.json"), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1]), json.loads(out.read_text())


@pytest.mark.slow
def test_qualified_cells_quote_the_condition_and_the_exception(metrics):
    m, _ = metrics
    no_fly, trade = m["qualified"]["no-fly:trt"], m["qualified"]["trade:trt"]
    assert no_fly["status"] == "qualified"
    assert any(q.startswith("on condition that no military activity") for q in no_fly["quoted"])
    assert trade["status"] == "qualified"
    assert "except those on exports of Turkish tomatoes into Russia" in trade["quoted"]


@pytest.mark.slow
def test_alignment_statuses_and_omissions_hold_their_measured_floor(metrics):
    m, prediction = metrics
    # Floors a little under the values measured when this was last raised (F1 0.70, status 1.0/0.90, 13/13,
    # strict 12/13): a regression shows here; the targets (F1 0.90, 13/13) are reported by the evaluator,
    # not assumed.
    assert m["alignment"]["f1"] >= 0.6
    assert min(m["status_accuracy"].values()) >= 0.85
    assert m["omissions"]["gold"] == 13 and m["omissions"]["found_unique"] >= 12
    # The relaxed count only forgives sentences that also carry a shared fact, so it can never be lower.
    assert m["omissions"]["found_unique"] >= m["omissions"]["found_unique_strict"] >= 11
    assert prediction["schema"].startswith("newsprism.comparison/")


@pytest.mark.slow
def test_coverage_is_null_without_analysis_and_the_fallback_is_reported(metrics):
    m, _ = metrics
    if m["quotes_coverage"] is None:
        assert m["fallback_quotes_coverage"]["quotes"] >= 0.9
        assert m["fallback_labels_coverage"] >= 0.9
    else:
        assert m["quotes_coverage"]["quotes"] >= 0.9


def test_missing_article_files_get_a_clear_message(tmp_path):
    shutil.copy(SEEDS / "gold.json", tmp_path / "gold.json")
    result = CliRunner().invoke(cli, ["eval", "seeds", "--gold", str(tmp_path / "gold.json")])
    assert result.exit_code != 0
    assert "could not be read or cleaned" in str(result.exception) + result.output


def test_not_a_gold_file(tmp_path):
    (tmp_path / "gold.json").write_text("[]")
    result = CliRunner().invoke(cli, ["eval", "seeds", "--gold", str(tmp_path / "gold.json")])
    assert result.exit_code != 0 and "no `articles` and `facts`" in str(result.exception) + result.output
