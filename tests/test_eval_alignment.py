"""`newsprism eval alignment` on a small real ECB+ sample, and its metric functions."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest
from click.testing import CliRunner

from .conftest import DATA
from newsprism.eval.alignment import average_precision, roc_auc
from newsprism.present.cli import cli


def test_roc_auc_and_average_precision_by_hand():
    gold = np.array([True, False, True, False])
    assert roc_auc(np.array([0.9, 0.1, 0.8, 0.2]), gold) == 1.0
    assert roc_auc(np.array([0.1, 0.9, 0.2, 0.8]), gold) == 0.0
    assert roc_auc(np.array([0.5, 0.5, 0.5, 0.5]), gold) == 0.5  # ties count half
    assert average_precision(np.array([0.9, 0.8, 0.7, 0.1]), np.array([True, False, True, False])) == \
        pytest.approx((1 + 2 / 3) / 2)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Every article of the three stories with most event sentences among the file's first 150 lines."""
    lines = (DATA / "ecbplus" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    records = [json.loads(x) for x in lines]
    weight = Counter(r["story"] for r in records for s in r["sentences"] if s["events"])
    keep = {s for s, _ in weight.most_common(3)}
    path = tmp_path_factory.mktemp("ecb") / "sample.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records if r["story"] in keep) + "\n")
    return path


@pytest.mark.slow
def test_alignment_on_a_real_sample(sample, tmp_path):
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(cli, ["eval", "alignment", "--data", str(sample), "--predictions", str(pred)])
    assert result.exit_code == 0, result.output
    m = json.loads(result.stdout.strip().splitlines()[-1])
    rows = [json.loads(x) for x in pred.read_text().splitlines()]
    assert m["pairs"] == len(rows) > 50
    assert set(rows[0]) == {"story", "a", "a_n", "b", "b_n", "score", "aligned"}
    assert all(r["a"] != r["b"] for r in rows)
    assert m["roc_auc"] > 0.6 and m["roc_auc"] >= m["cosine_roc_auc"] - 0.05
    # The soft word match ranks same-event sentence pairs better than the sentence cosine does.
    assert m["feature_roc_auc"]["soft_words"] > m["feature_roc_auc"]["cosine"]


def test_soft_word_match_meets_translations_and_synonyms():
    from newsprism.compare.align import Signals, WordVectors, content_words, soft_word_match
    from newsprism.embed import get_encoder

    def sig(text: str, language: str) -> Signals:
        return Signals(frozenset(), frozenset(), frozenset(), content_words(text, language))

    claim = [sig("Russia lifted the trade restrictions on Turkish imports.", "en")]
    others = [sig("Russland hob die Handelsbeschränkungen für türkische Importe auf.", "de"),
              sig("Moscow removed sanctions on goods from Turkey.", "en"),
              sig("The football club signed a new goalkeeper on Friday.", "en"),
              sig("Der Fußballverein verpflichtete am Freitag einen neuen Torwart.", "de")]
    scores = soft_word_match(claim, others, WordVectors(get_encoder()))[0]
    assert min(scores[:2]) > max(scores[2:])
    assert "die" not in content_words("Russland hob die Beschränkungen auf", "de")


def test_bad_lines_are_reported_with_their_number(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "story": "s", "sentences": []}\nnot json\n')
    result = CliRunner().invoke(cli, ["eval", "alignment", "--data", str(bad)])
    assert result.exit_code != 0 and "line 2" in str(result.exception) + result.output


def test_grouped_cv_keeps_stories_apart_and_scores_a_separable_signal():
    from newsprism.eval.alignment import grouped_cv

    rng = np.random.default_rng(1)
    gold = rng.random(400) < 0.5
    signal = gold + rng.normal(0, 0.5, 400)
    m = grouped_cv(np.c_[signal, rng.random(400)], gold, np.repeat(np.arange(20), 20))
    assert m["cv_roc_auc"] > 0.9 and m["cv_f1"] > 0.8
    noise = grouped_cv(rng.random((400, 2)), gold, np.repeat(np.arange(20), 20))
    assert noise["cv_roc_auc"] < 0.65
