"""`newsprism eval chance-alignment` on real BASIL stories: the fact matrix's alignments within a story
against those with the most similar article of another story."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from .conftest import eval_on_bad_file
from newsprism.compare.facts import FACT_THRESHOLD
from newsprism.eval.chance_alignment import BANDS, command


def test_chance_alignment_on_basil_stories(tmp_path, data_dir):
    path = data_dir / "basil" / "dev.jsonl"
    story_of = {r["id"]: r["story"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(path), "--limit", "8", "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    m = json.loads(result.output.strip().splitlines()[-1])
    assert m["stories"] == 8 and m["articles"] == 24 and m["same_story_pairs"] == 24
    assert 8 <= m["negative_pairs"] <= 24
    # reports of one story align far more often than an article and its closest other story
    assert m["alignments_per_pair"]["same"] > 3 * m["alignments_per_pair"]["negative"] > 0
    assert 0.5 < m["est_precision"] < 1.0
    assert len(m["bands"]) == len(BANDS)
    assert sum(b["same"] for b in m["bands"].values()) == m["same_story_alignments"]
    assert sum(b["negative"] for b in m["bands"].values()) == m["negative_alignments"]
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == m["same_story_alignments"] + m["negative_alignments"]
    for row in rows:
        assert row["score"] >= FACT_THRESHOLD and row["a_text"] and row["b_text"]
        assert (story_of[row["a"]] == story_of[row["b"]]) == (row["kind"] == "same")


@pytest.mark.parametrize("stories", [["s", "s", "s"], ["s1", "s2", "s3"]])  # one story; no story with two
def test_a_file_without_two_stories_and_a_story_pair_is_explained(tmp_path, stories):
    lines = "\n".join(json.dumps({"id": f"a{i}", "story": s, "text": "Officials said the bridge reopened today."})
                      for i, s in enumerate(stories))
    result = eval_on_bad_file(tmp_path, "chance-alignment", lines)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "two or more" in result.stdout + result.stderr
