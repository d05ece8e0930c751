"""`newsprism eval speakers` on real BASIL articles: is a quote given to the person the annotators name?"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from .conftest import eval_on_bad_file
from newsprism.eval.speakers import command, gold_spans, person_label


def test_person_labels_are_people_and_groups_are_not():
    assert person_label("Ruth_Bader_Ginsburg") == "Ruth Bader Ginsburg"
    assert person_label("Obama_campaign") is None and person_label("Democratic_Lawmakers") is None
    assert person_label("other_anti") is None and person_label("NAACP") is None


def test_speakers_on_basil_articles(tmp_path, data_dir):
    """The first 20 BASIL articles with a quoted span that names its speaker: almost every span lies in a
    found quote, and the person the quote is given to is the annotators' one, "she said" included."""
    lines = (data_dir / "basil" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines if gold_spans(json.loads(line))[0]][:20]
    sample = tmp_path / "basil.jsonl"
    sample.write_text("\n".join(wanted), encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(command, ["--data", str(sample), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["articles"] == 20 and metrics["spans"] >= 40 and metrics["unlocated"] == 0
    assert metrics["quote_found"] >= 0.9 and metrics["speaker_accuracy"] >= 0.85
    assert metrics["by_form"]["pronoun"]["spans"] >= 10
    rows = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20
    span = rows[0]["spans"][0]
    assert {"start", "end", "speaker", "outcome"} <= set(span)
    text = json.loads(wanted[0])["text"]
    assert text[span["start"]:span["end"]].strip()


@pytest.mark.parametrize("content", ["not json\n", '{"id": "a", "text": "x", "bias_spans": []}\n'])
def test_bad_or_empty_data_gives_a_message_not_a_traceback(tmp_path, content):
    result = eval_on_bad_file(tmp_path, "speakers", content)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "bad.jsonl" in result.stderr


def test_a_label_cut_at_an_accent_or_a_misspelt_name_still_matches_its_person():
    from newsprism.eval.speakers import same_speaker
    assert same_speaker("Felipe Calder", "Felipe Calderón") and same_speaker("Vicente Fox", "Vincente Fox")
    assert not same_speaker("Felipe Calder", "Felipe Calderwood")
    assert not same_speaker("Bill Clinton", "Hillary Rodham Clinton") and not same_speaker("Donald Trump", "Melania Trump")
