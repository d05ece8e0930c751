"""Story clustering evaluator: the metrics on hand-checked cases, and a real run on an ECB+ sample."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from newsprism.eval.stories import bcubed, command, detect_format, pairwise


def test_bcubed_and_pairwise_on_a_hand_worked_example():
    gold = ["a", "a", "a", "b", "b"]
    pred = [1, 1, 2, 2, 2]
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    assert bcubed(gold, pred) == {"precision": 0.7333, "recall": 0.7333, "f1": 0.7333}
    # predicted pairs: (0,1) (2,3) (2,4) (3,4); gold pairs: (0,1) (0,2) (1,2) (3,4) -> tp 2
    assert pairwise(gold, pred) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert bcubed(gold, gold)["f1"] == 1.0


def _sample(path, stories: int, tmp_path, name: str):
    """The articles of the first `stories` gold stories of a corpus, shuffled by id (not in file order)."""
    by_story = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_story[rec["story"]].append(rec)
    chosen = [r for s in list(by_story)[:stories] for r in by_story[s]]
    out = tmp_path / name
    out.write_text("\n".join(json.dumps(r) for r in sorted(chosen, key=lambda r: r["id"])), encoding="utf-8")
    return out, len(chosen)


@pytest.mark.slow
def test_eval_stories_on_an_ecbplus_sample(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    sample, n = _sample(data_dir / "ecbplus" / "dev.jsonl", 4, tmp_path, "ecb.jsonl")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["format"] == "ecbplus" and metrics["articles"] == n
    assert metrics["bcubed"]["f1"] >= 0.75
    rows = [json.loads(line) for line in preds.read_text().splitlines()]
    assert len(rows) == n and set(rows[0]) == {"id", "story_pred"}


def test_eval_stories_rejects_bad_records_with_a_hint(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "no story field"}\n', encoding="utf-8")
    result = CliRunner().invoke(command, ["--data", str(bad)])
    assert result.exit_code != 0
    assert "missing field(s) story" in str(result.exception)


def test_format_is_detected_from_the_records():
    assert detect_format({"id": "1", "story": "s", "text": "t", "sentences": []}) == "ecbplus"
    assert detect_format({"id": "1", "story": "s", "text": "t", "title": "T"}) == "allsides-triplets"
