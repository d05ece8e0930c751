"""`newsprism eval quotes` on a small real PolNeAR sample, and its scoring on gold-derived predictions."""

from __future__ import annotations

import json
from itertools import islice

import pytest
from click.testing import CliRunner

from .conftest import DATA, eval_on_bad_file
from newsprism.eval.quotes import _gold, _predicted, score
from newsprism.present.cli import cli

POLNEAR = DATA / "polnear" / "dev.jsonl"


def _records(n: int) -> list[dict]:
    with POLNEAR.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in islice(fh, n)]


def _gold_as_predictions(record: dict) -> list[dict]:
    out = []
    for rel in record["attributions"]:
        spans = (rel.get("content") or {}).get("offsets") or []
        source = (rel.get("source") or {}).get("offsets") or [[None, None]]
        if spans:
            out.append({"start": min(a for a, _ in spans), "end": max(b for _, b in spans), "kind": "direct",
                        "speaker_start": source[0][0], "speaker_end": source[0][1]})
    return out


def test_gold_spans_score_near_perfect_and_nothing_scores_zero():
    docs = [(_gold(r), _predicted(r["text"], _gold_as_predictions(r))) for r in _records(20)]
    perfect = score(docs)
    assert perfect["f1"] > 0.95 and perfect["speaker_accuracy"] > 0.95
    empty = score([(g, []) for g, _ in docs])
    assert empty["f1"] == 0.0 and empty["recall"] == 0.0


def test_eval_quotes_on_a_real_sample(tmp_path):
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in _records(25)), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["articles"] == 25 and metrics["errors"] == 0
    assert metrics["f1"] >= 0.45 and metrics["speaker_accuracy"] >= 0.7
    assert metrics["direct"]["f1"] > metrics["indirect"]["f1"] > 0
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 25 and {"start", "end", "speaker_start", "speaker_end", "speaker", "cue"} <= set(rows[0]["quotes"][0])


def test_eval_quotes_scores_the_half_the_cue_model_has_not_seen(tmp_path):
    """`--records odd` keeps the records at odd positions (unseen by `scripts/learn_cues.py --records even`)."""
    records = _records(8)
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(sample), "--records", "odd", "--limit", "3",
                                      "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["records"] == "odd" and metrics["articles"] == 3
    scored = [json.loads(line)["id"] for line in preds.read_text(encoding="utf-8").splitlines()]
    assert scored == [records[1]["id"], records[3]["id"], records[5]["id"]]


def test_eval_quotes_measures_the_parser_free_fallback(tmp_path):
    """`--no-parser` scores what languages without a spaCy pipeline get: direct quotes with the speaker beside
    the speech cue (before the cues of data/speech_verbs.json, 2 % of these had one), and a little reported
    speech ('X said that ...', '..., he said.')."""
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in _records(25)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--data", str(sample), "--no-parser"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["parser"] is False and metrics["articles"] == 25
    assert metrics["direct"]["f1"] >= 0.6 and metrics["direct"]["f1"] > 5 * metrics["indirect"]["f1"] > 0
    assert metrics["speaker_accuracy"] >= 0.35


@pytest.mark.parametrize("content", ["not json\n", '{"id": "a"}\n'])
def test_bad_data_file_gives_a_message_not_a_traceback(tmp_path, content):
    result = eval_on_bad_file(tmp_path, "quotes", content)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "bad.jsonl" in result.stderr
