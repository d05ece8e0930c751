"""Light, language-independent signals of *which* event an article reports, beyond its topic.

Two reports of one earthquake share places, names, numbers and dates that a report of another
earthquake does not. Without a named-entity tagger, capitalised words that do not open a sentence,
and tokens holding digits, are a cheap and multilingual stand-in for entities. When the analysis
stage has stored entities (`Article.analysis["entities"]`), those are used instead.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["latest_year", "entity_terms", "word_terms", "analysed_entity_terms", "terms_for", "TermSpace"]

_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"“”«»]\s*$")
_DIGIT = re.compile(r"\d")
# Capitalised words that open clauses or name weekdays and months: no help telling events apart.
_COMMON_CAPS = frozenset("""
the a an and but or if in on at to for of by with from as it its this that these those he she they we
i you his her their our there here when where while after before during since until what who why how
mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december der die das ein eine und le la les un une
el los las lo del il gli i uno
""".split())
_STOP = frozenset("""
the a an and but or if in on at to for of by with from as it its is was were be been are has have had
this that these those he she they we i you his her their our there here when where while after before
not no said says will would could should can may also than then them into about over more most other
some such only just who what which whom whose how why all any both each few many much own same so too
very one two new year years last first time people told according
""".split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def entity_terms(text: str) -> list[str]:
    """Capitalised words not opening a sentence, and numbers, lowercased (a stand-in for entities)."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        before = text[max(0, m.start() - 3):m.start()]
        if _DIGIT.search(token):
            out.append(token.lower())
        elif token[0].isupper() and len(token) > 1 and m.start() > 0 and not _SENTENCE_END.search(before):
            low = token.lower()
            if low not in _COMMON_CAPS:
                out.append(low)
    return out


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def latest_year(text: str) -> float:
    """The latest plausible year (1800-2099) a text mentions, nan when it mentions none."""
    years = [int(y) for y in _YEAR.findall(text)]
    return float(max(years)) if years else float("nan")


def word_terms(text: str) -> list[str]:
    """Content words, lowercased: the vocabulary two reports of one event share."""
    return [t for t in (w.lower() for w in _tokens(text)) if len(t) > 2 and t not in _STOP]


def analysed_entity_terms(analysis: dict[str, Any]) -> list[str] | None:
    """Entity names from the analysis stage, when it has run (the hook for better entities)."""
    entities = (analysis or {}).get("entities")
    if not isinstance(entities, dict):
        return None
    items = entities.get("entities") or entities.get("items") or []
    names = [str(e.get("text") or e.get("name") or "").lower() for e in items if isinstance(e, dict)]
    return [t for name in names for t in _tokens(name)] or None


def terms_for(text: str, analysis: dict[str, Any] | None = None) -> list[str]:
    return analysed_entity_terms(analysis or {}) or entity_terms(text)


class TermSpace:
    """Sublinear TF-IDF over a term extractor, rows L2-normalised (dot product = cosine)."""

    def __init__(self, min_df: int = 1) -> None:
        self.vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, min_df=min_df)

    def fit_transform(self, docs: Sequence[list[str]]) -> sparse.csr_matrix:
        try:
            return self.vectorizer.fit_transform(docs).astype(np.float32).tocsr()
        except ValueError:  # no terms at all, or none frequent enough: no overlap to measure
            return sparse.csr_matrix((len(docs), 1), dtype=np.float32)

    def transform(self, docs: Iterable[list[str]]) -> sparse.csr_matrix:
        return self.vectorizer.transform(list(docs)).astype(np.float32).tocsr()
