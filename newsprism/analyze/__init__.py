"""Analysis stage: sentences and language (from cleaning), then entities, quotes, places and dates.

`analyze_article(article)` returns {component: payload}; every payload is JSON-able, carries its
`version`, and gives spans as character offsets into `article.text`.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Article
from .dates import find_dates
from .entities import find_entities
from .language import detect_language
from .nlp import parse_text
from .places import find_places
from .quotes import find_quotes

__all__ = ["analyze_article", "analyze_text", "COMPONENTS"]

COMPONENTS = ("entities", "quotes", "places", "dates")


def analyze_text(text: str, language: str | None = None, published: str | None = None,
                 parser: bool = True) -> dict[str, Any]:
    """Analyse a text as given (offsets into exactly this string). `parser=False` runs what languages
    without a spaCy pipeline get (capitalised names, the gazetteer, quotation marks and speech cues)."""
    if not text.strip():
        raise InputError("no-text", "the article has no text to analyse.",
                         "Re-ingest the source; cleaning left nothing.", stage="analyze")
    language = language or detect_language(text) or "en"
    parsed = parse_text(text, language, parser)
    index = find_entities(parsed)
    result: dict[str, Any] = {
        "entities": index.payload(),
        "quotes": find_quotes(parsed, index),
        "places": find_places(text, index),
        "dates": find_dates(text, published, language),
    }
    for payload in result.values():
        payload["language"] = language
        if parsed.warnings:
            payload["warnings"] = parsed.warnings
    return result


def analyze_article(article: Article) -> dict[str, Any]:
    """Raises InputError(stage='analyze') for an article that cannot be analysed (no text)."""
    if not article.sentences and not article.text.strip():
        raise InputError("no-sentences", f"article {article.id} has no sentences to analyse.",
                         "Check the cleaned text with `newsprism show ID`.", stage="analyze")
    return analyze_text(article.text, article.language, article.published)
