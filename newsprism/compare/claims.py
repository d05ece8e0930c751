"""Claim units: body sentences, split into clauses where one sentence carries several facts.

A claim keeps character offsets into its article's text, so every fact in a comparison points at the
exact evidence span. Splitting is deliberately conservative: a sentence is only cut at a semicolon, at
", while" / ", and he" and the like, or before "but" ('Putin said tourists were returning but did not
give a date for lifting the restrictions': two facts, one only DW reports), when both sides are long
enough to be a statement of their own, and never inside quotation marks (a quote is one utterance,
whatever it contains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analyze.sentences import DATELINE, inside_quote, quoted_regions, split_sentences
from ..model import Article

__all__ = ["Claim", "claims_of", "split_clauses"]

# Clause cuts: a semicolon, a comma followed by a conjunction that starts a new statement (', where they
# discussed Syria'), or 'but' (not 'but not', which makes an exception of the same fact, nor 'all but').
_CUT = re.compile(r"""
    ;\s+
  | ,\s+(?=(?:while|whereas|where\s+(?:he|she|they|we|it)\b|and\s+(?:the|a|an|he|she|it|they|we|its|his|her|their)\b))
  | (?<!\ball)(?<!\bnothing)(?<!\banything)(?<!\beverything),?\s+(?=but\s(?!not\b))""", re.VERBOSE)
# A where-clause set off by commas inside the main clause, which goes on after it ('Republicans in the House,
# where they hold a majority, had been adamant ...'): an aside, not a second statement.
_WHERE_ASIDE = re.compile(r"where\b[^,;.]*,\s+(?:had|has|have|was|were|is|are|will|would|could|can|should|may|might|"
                          r"must|did|does|do)\b")
# Fewer words than this on either side and the cut would leave a fragment, not a claim.
MIN_CLAUSE_WORDS = 6
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


def split_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of one sentence (the whole sentence when it has one fact)."""
    spans, start = [], 0
    quoted = quoted_regions(text, unclosed=True)
    for m in _CUT.finditer(text):
        left, right = text[start:m.start()], text[m.end():]
        if inside_quote(m.start(), quoted) or _WHERE_ASIDE.match(right):
            continue
        if len(_WORD.findall(left)) >= MIN_CLAUSE_WORDS and len(_WORD.findall(right)) >= MIN_CLAUSE_WORDS:
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    return [(s.start, s.end) for s in split_sentences(article.text)]


def claims_of(article: Article, article_index: int) -> list[Claim]:
    out: list[Claim] = []
    for si, (s_start, s_end) in enumerate(_sentences(article)):
        dateline = DATELINE.match(article.text[s_start:s_end])
        if dateline and len(_WORD.findall(article.text[s_start + dateline.end():s_end])) >= MIN_CLAIM_WORDS:
            s_start += dateline.end()  # 'WASHINGTON -- In a bold ... attempt': the claim starts after the dateline
        sentence = article.text[s_start:s_end]
        if len(_WORD.findall(sentence)) < MIN_CLAIM_WORDS:
            continue
        for a, b in split_clauses(sentence):
            out.append(Claim(article_index, len(out), si, s_start + a, s_start + b, sentence[a:b]))
    return out
