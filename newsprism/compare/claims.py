"""Claim units: body sentences, split into clauses where one sentence carries several facts.

A claim keeps character offsets into its article's text, so every fact in a comparison points at the
exact evidence span. Splitting is deliberately conservative: a sentence is only cut at a semicolon or
at ", while" / ", and" / "; but" when both sides are long enough to be a statement of their own, and
never inside quotation marks (a quote is one utterance, whatever it contains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analyze.sentences import split_sentences
from ..model import Article

__all__ = ["Claim", "claims_of", "split_clauses"]

# Clause cuts: a semicolon, or a comma followed by a conjunction that starts a new statement, or by a
# non-restrictive "where"/"with" clause that adds a fact of its own ("..., where they discussed Syria").
_CUT = re.compile(r";\s+|,\s+(?=(?:while|whereas|where|with|and\s+(?:the|a|an|he|she|it|they|we|its|his|her|their)\b))")
# A second predicate of the same subject: "discussed Syria and agreed to restore trade ties". The
# past-tense verb after "and" is what tells it from a coordinated noun ("trade and tourism").
_PREDICATE = re.compile(r"\s+and\s+(?=(?:also\s+)?[a-z]{3,}ed\s)")
# Fewer words than this on either side and the cut would leave a fragment, not a claim.
MIN_CLAUSE_WORDS = 6
# A coordinated predicate is a statement in few words ("agreed to restore trade ties").
MIN_PREDICATE_WORDS = 3
# Shorter than this is a heading, a list number or page furniture, not a statement of fact.
MIN_CLAIM_WORDS = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Claim:
    article: int  # index of the article in the comparison
    index: int  # position among the article's claims
    sentence: int  # index of the sentence it comes from
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.article}:{self.index}"


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")


def _cuts(text: str) -> list[tuple[int, int, int]]:
    """(cut start, cut end, minimum words each side) for every candidate cut, in text order."""
    found = [(m.start(), m.end(), MIN_CLAUSE_WORDS) for m in _CUT.finditer(text)]
    found += [(m.start(), m.end(), MIN_PREDICATE_WORDS) for m in _PREDICATE.finditer(text)]
    return sorted(found)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of one sentence (the whole sentence when it has one fact)."""
    spans, start = [], 0
    for cut_start, cut_end, minimum in _cuts(text):
        if cut_start < start or _inside_quotes(text, cut_start):
            continue
        left, right = text[start:cut_start], text[cut_end:]
        if len(_WORD.findall(left)) >= minimum and len(_WORD.findall(right)) >= minimum:
            spans.append((start, cut_start))
            start = cut_end
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    return [(s.start, s.end) for s in split_sentences(article.text)]


def claims_of(article: Article, article_index: int) -> list[Claim]:
    out: list[Claim] = []
    for si, (s_start, s_end) in enumerate(_sentences(article)):
        sentence = article.text[s_start:s_end]
        if len(_WORD.findall(sentence)) < MIN_CLAIM_WORDS:
            continue
        for a, b in split_clauses(sentence):
            out.append(Claim(article_index, len(out), si, s_start + a, s_start + b, sentence[a:b]))
    return out
