"""`newsprism eval entity-overlap` on a real SemEval-2022 Task 8 sample: entities in every language."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from .conftest import eval_on_bad_file
from newsprism.eval.entity_overlap import command


def test_entity_overlap_follows_the_entities_rating(tmp_path, data_dir):
    """German and Spanish pairs (no spaCy pipeline: the fallback) and English ones (spaCy): the overlap of
    the two articles' entity names correlates with the annotators' rating of shared entities."""
    lines = (data_dir / "semeval2022-task8" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines if json.loads(line)["lang1"] in {"de", "es"}][:70]
    sample = tmp_path / "pairs.jsonl"
    sample.write_text("\n".join(wanted), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["pairs"] == 70 and metrics["pearson"] >= 0.2
    for lang in ("de", "es"):
        assert metrics["entities_per_article"][lang]["mean"] >= 3
        assert metrics["entities_per_article"][lang]["share_with_none"] <= 0.05
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 70 and {"pair_id", "overlap", "names1", "names2", "place_overlap", "places1",
                                "places2"} == set(rows[0])


def test_place_overlap_follows_the_geography_rating_without_capitals_too(tmp_path, data_dir):
    """Arabic (no capital letters) and Turkish (case endings after an apostrophe) pairs: most articles get
    places, and the overlap of the two articles' places follows the annotators' Geography rating."""
    lines = (data_dir / "semeval2022-task8" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines if json.loads(line)["lang1"] == "ar"][:30] + \
        [line for line in lines if json.loads(line)["lang1"] == "tr"][:30]
    sample = tmp_path / "pairs.jsonl"
    sample.write_text("\n".join(wanted), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    geography = json.loads(result.output.strip().splitlines()[-1])["geography"]
    assert geography["pearson"] >= 0.1
    for lang in ("ar", "tr"):
        assert geography["places_per_article"][lang]["share_with_none"] <= 0.5
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert any("country:SY" in r["places1"] for r in rows) and all("place_overlap" in r for r in rows)


@pytest.mark.parametrize("content", ["not json\n", '{"pair_id": "a", "lang1": "en"}\n'])
def test_bad_data_file_gives_a_message_not_a_traceback(tmp_path, content):
    result = eval_on_bad_file(tmp_path, "entity-overlap", content)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "bad.jsonl" in result.stderr
