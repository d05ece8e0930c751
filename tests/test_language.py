"""Language identification on real articles in several languages (SemEval 2022 Task 8 pairs)."""

from __future__ import annotations

import json
from collections import Counter

from newsprism.analyze.language import detect_language

from .conftest import DATA, SEEDS


def test_scraped_seed_with_menu_and_german_caption_is_english():
    text = (SEEDS / "000_b6d28b3d5f38a964.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"


def test_semeval_languages_are_identified():
    hits, total = Counter(), Counter()
    with (DATA / "semeval2022-task8" / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for lang, text in ((rec["lang1"], rec["text1"]), (rec["lang2"], rec["text2"])):
                if total[lang] < 15:
                    total[lang] += 1
                    hits[lang] += detect_language(text) == lang
    assert len(total) >= 7
    for lang, n in total.items():
        assert hits[lang] / n >= 0.85, (lang, hits[lang], n)


def test_too_short_to_tell():
    assert detect_language("OK") is None
