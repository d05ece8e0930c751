"""`newsprism eval entities --gold seeds/gold.json`: the seed targets."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from .conftest import SEEDS
from newsprism.present.cli import cli


def test_seed_quotes_referents_and_places(tmp_path):
    preds = tmp_path / "seeds.jsonl"
    result = CliRunner().invoke(cli, ["eval", "entities", "--gold", str(SEEDS / "gold.json"),
                                      "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert metrics["quotes_gold"] == 10 and metrics["quotes_right_speaker"] == 10
    assert metrics["groups_merged"] == metrics["groups_gold"] == 6
    assert metrics["places_gold"] == 17 and metrics["places_right"] >= 15
    assert len(preds.read_text(encoding="utf-8").splitlines()) == 2


def test_missing_gold_file_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsprism.present.cli", "eval", "entities", "--gold",
                             str(tmp_path / "nope.json")], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "nope.json" in result.stderr
