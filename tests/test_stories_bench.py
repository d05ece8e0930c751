"""The stories benchmark runs on a short perturbed stream and reports what it promises."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.bench.stories import command, perturbed_stream, real_signals


@pytest.mark.slow
def test_bench_stories_on_a_short_stream(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(command, ["--articles", "1200", "--real", "150", "--slices", "4",
                                          "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["articles"] == 1200 and report["real_articles"] == 150
    assert [p["articles"] for p in report["slices"]] == [300, 600, 900, 1200]
    # each perturbed copy is a different event: the story count keeps growing along the stream
    stories = [p["stories"] for p in report["slices"]]
    assert stories == sorted(stories) and stories[-1] > stories[0]
    assert report["assign_articles_per_s"] > 0 and report["peak_rss_mb"] > 0


def test_perturbed_copies_differ_from_their_original(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    real = real_signals(data_dir, limit=5)
    stream = list(perturbed_stream(real, 10))
    original, copy = stream[0], stream[5]
    assert copy.id == f"{original.id}~1"
    assert 0.8 < float(original.embed @ copy.embed) < 0.999
    assert not set(original.entity) & set(copy.entity)
    assert (original.minhash != copy.minhash).all()


@pytest.mark.slow
def test_bench_stories_runs_on_the_chosen_encoder(tmp_path, monkeypatch, data_dir):
    """$NEWSPRISM_ENCODER=multilingual-e5-small: e5's 384-d vectors and its settings (a 512-d index for the
    USE's vectors once failed here)."""
    from newsprism.embed import get_encoder

    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSPRISM_ENCODER", "multilingual-e5-small")
    get_encoder.cache_clear()  # loaded once per process: load it under the setting
    try:
        result = CliRunner().invoke(command, ["--articles", "400", "--real", "60", "--slices", "2",
                                              "--data", str(data_dir)])
    finally:
        monkeypatch.delenv("NEWSPRISM_ENCODER")
        get_encoder.cache_clear()
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["encoder"] == "multilingual-e5-small" and report["stories"] > 60
