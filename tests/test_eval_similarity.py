"""Similarity evaluator on a real SemEval-2022 Task 8 sample."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from newsprism.eval.similarity import by_language_pair, command, pearson


def test_pearson_and_language_pairs():
    pred, gold = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 4.0, 6.0, 8.5])
    assert pearson(pred, gold) > 0.99
    assert pearson(np.ones(4), gold) is None  # constant predictions: undefined, not a crash
    groups = by_language_pair(["en-en", "de-en", "de-en", "en-en"], pred, gold)
    assert groups["cross-language"]["pairs"] == 2 and groups["en-en"]["pairs"] == 2


@pytest.mark.slow
def test_eval_similarity_on_english_pairs(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    lines = (data_dir / "semeval2022-task8" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    english = [line for line in lines if '"lang1": "en", "lang2": "en"' in line][:25]
    sample = tmp_path / "pairs.jsonl"
    sample.write_text("\n".join(english), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["pairs"] == 25
    assert metrics["pearson"] >= 0.75
    assert set(json.loads(preds.read_text().splitlines()[0])) == {"pair_id", "score"}


@pytest.mark.slow
def test_lead_word_match_carries_german_english_pairs(tmp_path, monkeypatch, data_dir):
    """On real de-en pairs the lead word match and the e5 cosine each correlate with the gold, and `--fit` reports
    out-of-fold Pearson beside the in-sample one."""
    from newsprism.stories.similarity import FEATURES, lead_words

    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    lines = (data_dir / "semeval2022-task8" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    cross = [line for line in lines if '"lang1": "de", "lang2": "en"' in line][:60]
    sample = tmp_path / "pairs.jsonl"
    sample.write_text("\n".join(cross), encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(sample), "--fit"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["pairs"] == 60 and metrics["cv_pearson"] is not None and metrics["pearson"] >= metrics["cv_pearson"]

    from newsprism.stories.embeddings import FileVectorCache
    from newsprism.stories.similarity import pair_features

    records = [json.loads(x) for x in cross]
    features = pair_features([(r["text1"], r["text2"]) for r in records], FileVectorCache())  # the run's vectors
    gold = -np.array([float(r["Overall"]) for r in records])
    assert pearson(features[:, FEATURES.index("lead_word_match")], gold) > 0.4
    # The second encoder (e5-small) sees across languages on its own too.
    assert pearson(features[:, FEATURES.index("e5_text_cosine")], gold) > 0.4
    assert not {"der", "die", "und", "the"} & lead_words(records[0]["text1"])


def test_non_numeric_gold_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"pair_id": "1_2", "text1": "a", "text2": "b", "Overall": "n/a"}) + "\n")
    result = CliRunner().invoke(command, ["--data", str(bad)])
    assert result.exit_code != 0 and "non-numeric Overall" in str(result.exception)
