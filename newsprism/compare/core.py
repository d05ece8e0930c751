"""`compare_articles`: articles of one story -> a Comparison (fact matrix, quote ledger, framing, summary)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..analyze.aliases import entity_key, get_aliases
from ..embed import DEFAULT_ENCODER, Encoder, get_encoder
from ..errors import NewsprismError
from ..model import Article
from .align import (WordVectors, core_text, feature_matrix, score_pairs, signals_of, stems_of, weights_for,
                    word_vectors)
from .claims import Claim, claims_of
from .facts import FACT_THRESHOLD, WEAK_MATCH, Elaboration, Fact, aligned_edges, build_facts, edge_scores, surname
from .framing import FramingRow, build_framing
from .quotes import LedgerEntry, Quote, build_ledger, quotes_of, speaker_counts
from .summary import Summary, summarise

Edge = tuple[Claim, Claim, float]  # two aligned claims of different articles and their score

__all__ = ["Comparison", "compare_articles", "outlet_names", "analyze_if_available", "align_claims"]

# A sentence that says again in the speaker's own words what the sentence before it reported ('Putin said any
# zones should become no-fly areas if fighting stops entirely.' / '"If there is a de-escalation zone, then planes
# will not fly there on condition that ...," Putin said.') tells one statement twice: two adjacent sentences of
# one article, one reported speech and the other the speaker's quoted words, with the same canonical speaker,
# that align with each other at least this strongly (the fact matrix's strong match) join each other's shared
# facts, where they align with another outlet's claim of the fact. (Two quotations in a row are two things said:
# '"The president should listen to ..." / "And if we don't get it, there should be no deal."')
ELABORATION_MATCH = WEAK_MATCH
# Two claims that carry one utterance (the quote ledger's word or translation match: 'He also called Mr. Trump a
# "false prophet" who was misleading his followers.' / '"... see what is behind Trump, this false prophet that is
# just cheating everybody," he added.') report one statement, whatever else their sentences say: they align at
# least this strongly.
SHARED_QUOTE_MATCH = WEAK_MATCH
# ... when, in one language, the two claims' quoted words share at least this many word stems.
MIN_SHARED_QUOTE_STEMS = 2
# Cross-language quotes whose embeddings are this close are one utterance translated.
TRANSLATED_QUOTE_COSINE = 0.75
# Two quotes of one speaker are one utterance in other words when their sentences align at least this strongly.
# On BASIL (70 stories, three outlets each), 20 of the 22 links it made at 0.90 and above read right; between 0.80
# (the fact matrix's strong match) and 0.90, about half paired two statements of one person on one topic.
PARAPHRASE_MATCH = 0.9
# ... and each quote is at least this share of its sentence's words (not a clause beside the aligned part).
QUOTE_SHARE_OF_CLAIM = 0.5


@dataclass
class Comparison:
    articles: list[Article]
    names: dict[int, str]
    claims: list[Claim]
    facts: list[Fact]
    edges: list[tuple[Claim, Claim, float]]
    quotes: list[Quote]
    ledger: list[LedgerEntry]
    speakers: dict[int, Counter[str]]
    framing: list[FramingRow]
    summary: Summary
    analysis_used: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from .report.json_report import comparison_to_dict

        return comparison_to_dict(self)


def analyze_if_available(article: Article) -> bool:
    """Fill `article.analysis` with the analyze stage's payloads when this install has that stage and the
    article has none yet; False (and the light fallbacks) otherwise. A failed analysis is not fatal."""
    if article.analysis:
        return True
    try:
        from ..analyze import analyze_article  # type: ignore[attr-defined]
    except ImportError:
        return False
    try:
        result = analyze_article(article)
    except NewsprismError:
        return False
    article.analysis.update(result.analysis if isinstance(result, Article) else result or {})
    return bool(article.analysis)


def _story_people(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """Person entity id -> (story-level id, name) over the articles' entities payloads ({} without them)."""
    try:
        from ..analyze.entities import story_people
    except ImportError:  # an install without the analyze stage has no entities payloads either
        return {}
    names = {}
    for a in articles:
        payload = a.analysis.get("entities") or {}
        # Without a parser (German, Polish, ...) a person is a capitalised name of no known type: one who speaks
        # counts as a person too ('Richterin Ann Donnelly schrieb', '„...“, sagte Bocelli').
        speakers = {str(q.get("speaker_id")) for q in (a.analysis.get("quotes") or {}).get("quotes", [])
                    if q.get("speaker_id") and q.get("act", "speech") == "speech"}
        for e in payload.get("entities", []):
            name = str(e.get("name") or e.get("id"))
            if e.get("id") and (e.get("type") == "PERSON" or
                                e.get("type") == "MISC" and str(e["id"]) in speakers) and \
                    (names.get(str(e["id"]), "").isascii() or not name.isascii()):  # 'Calderón' over 'Calderon'
                names[str(e["id"])] = name
    return story_people(names)


def _canonical_speakers(quotes: list[Quote], people: dict[str, tuple[str, str]]) -> None:
    """One id per speaker across the articles: a person however each outlet names them ('Hillary Rodham
    Clinton' = 'Hillary Clinton'), a seat of power as the country it speaks for ('the White House said' and
    'Washington said' are one speaker). A seat of power keeps its own name on display: a reader is told
    'White House', as the outlet wrote, not 'United States'."""
    metonyms = get_aliases().metonyms

    def canonical(speaker_id: str | None, name: str | None) -> tuple[str | None, str | None]:
        if speaker_id in people:
            return people[speaker_id]
        if speaker_id and name in metonyms:
            return entity_key(metonyms[name]), name
        return speaker_id, name

    for q in quotes:
        q.speaker_id, q.speaker = canonical(q.speaker_id, q.speaker)
        q.co_speakers = tuple((i, n or "") for i, n in (canonical(i, n) for i, n in q.co_speakers))


def _story_roles(articles: list[Article], quotes: list[Quote], people: dict[str, tuple[str, str]]) -> None:
    """'"...," the Texas governor continues' in an article that titled nobody so: the one person another
    article of the story titled so ('Texas Gov. Rick Perry'), when this article names that person too. A
    reader of the story knows who is meant; the article alone does not say."""
    try:
        from ..analyze.entities import bare_role, title_lead, titled_as
    except ImportError:  # an install without the analyze stage has no entities payloads either
        return
    persons = [[e for e in (a.analysis.get("entities") or {}).get("entities", []) if e.get("type") == "PERSON"
                and e.get("id")] for a in articles]

    def story_id(e: dict) -> tuple[str, str]:
        return people.get(str(e["id"]), (str(e["id"]), str(e.get("name") or e["id"])))

    for q in quotes:
        described = bare_role(q.speaker) if q.speaker and not q.speaker_id else None
        if described is None:
            continue
        role, former, place = described
        fitting = {story_id(e) for a, found in zip(articles, persons) for e in found
                   if any(m.get("how") in {"ner", "alias", "capitalised"} and isinstance(m.get("start"), int) and
                          titled_as(title_lead(a.text, m["start"], str(m.get("text") or "")), role, former, place)
                          for m in e.get("mentions", []))}
        named_here = {story_id(e)[0] for e in persons[q.article]}
        fitting = {f for f in fitting if f[0] in named_here}
        if len(fitting) == 1:
            q.speaker_id, q.speaker = fitting.pop()


def outlet_names(articles: list[Article]) -> dict[int, str]:
    """A short distinct label per article: the outlet, else the file name, else the id."""
    names: dict[int, str] = {}
    for i, a in enumerate(articles):
        base = a.outlet or (Path(a.source).stem if a.source and a.source != "stdin" else "") or a.id[:8]
        name, n = base, 2
        while name in names.values():
            name, n = f"{base} #{n}", n + 1
        names[i] = name
    return names


@dataclass
class ClaimScores:
    """The alignment score of every two claims of different articles: one matrix per pair of articles."""

    claims: list[Claim]
    blocks: dict[tuple[int, int], np.ndarray]  # (article a, article b), a < b -> scores[row in a, row in b]
    row: dict[str, int]  # claim key -> its row among its article's claims

    def between(self, x: Claim, y: Claim) -> float:
        if x.article > y.article:
            x, y = y, x
        return float(self.blocks[(x.article, y.article)][self.row[x.key], self.row[y.key]])

    def at_least(self, x: Claim, threshold: float) -> dict[str, float]:
        """Key -> score of the other articles' claims that x scores at least `threshold` with."""
        return {c.key: s for c in self.claims if c.article != x.article
                for s in [self.between(x, c)] if s >= threshold}


def score_claims(articles: list[Article], claims: list[Claim], vectors: np.ndarray, words: WordVectors) -> ClaimScores:
    """Scores of the claims of every two articles (`vectors`: the claims' core-text embeddings, in order)."""
    signals = [signals_of(articles[c.article], c) for c in claims]
    by_article: dict[int, list[int]] = {}
    for k, c in enumerate(claims):
        by_article.setdefault(c.article, []).append(k)
    blocks = {}
    for a, b in itertools.combinations(sorted(by_article), 2):
        ia, ib = by_article[a], by_article[b]
        features = feature_matrix(vectors[ia], vectors[ib], [signals[k] for k in ia], [signals[k] for k in ib],
                                  words)
        blocks[(a, b)] = score_pairs(features, *weights_for(articles[a].language, articles[b].language))
    row = {claims[k].key: n for rows in by_article.values() for n, k in enumerate(rows)}
    return ClaimScores(claims, blocks, row)


def aligned_pairs(scores: ClaimScores) -> list[Edge]:
    """The aligned claim pairs of every two articles, with their scores: what the fact matrix groups into facts."""
    by_article: dict[int, list[Claim]] = {}
    for c in scores.claims:
        by_article.setdefault(c.article, []).append(c)
    return [(by_article[a][i], by_article[b][j], s) for (a, b), block in scores.blocks.items()
            for i, j, s in aligned_edges(block)]


def align_claims(articles: list[Article], claims: list[Claim], vectors: np.ndarray,
                 words: WordVectors) -> list[Edge]:
    """The aligned claim pairs of every two articles (`vectors`: the claims' core-text embeddings, in order),
    with their scores."""
    return aligned_pairs(score_claims(articles, claims, vectors, words))


def _restates(a: Claim, b: Claim, quotes: list[Quote]) -> bool:
    """One claim reports what a speaker said, the other quotes the same speaker's words."""
    def spoken(claim: Claim) -> list[Quote]:
        return [q for q in quotes if q.article == claim.article and q.act == "speech" and q.speaker_ids
                and q.start < claim.end and claim.start < q.end]
    return any(x.speaker_ids & y.speaker_ids and {x.kind == "indirect", y.kind == "indirect"} == {True, False}
               for x in spoken(a) for y in spoken(b))


def elaborations(articles: list[Article], claims: list[Claim], vectors: np.ndarray, words: WordVectors,
                 quotes: list[Quote], scores: ClaimScores) -> list[Elaboration]:
    """Adjacent sentences of one article that state one statement of one speaker twice, reported and quoted,
    each with the claims of the other articles it aligns with (score at least FACT_THRESHOLD)."""
    out = []
    for i, article in enumerate(articles):
        rows = [k for k, c in enumerate(claims) if c.article == i]
        pairs = [(a, b) for a, b in zip(rows, rows[1:]) if claims[b].sentence == claims[a].sentence + 1
                 and _restates(claims[a], claims[b], quotes)]
        if not pairs:
            continue
        first, second = [a for a, _ in pairs], [b for _, b in pairs]
        features = feature_matrix(vectors[first], vectors[second], [signals_of(article, claims[k]) for k in first],
                                  [signals_of(article, claims[k]) for k in second], words)
        within = np.diag(score_pairs(features, *weights_for(article.language, article.language)))
        for (a, b), s in zip(pairs, within):
            if s >= ELABORATION_MATCH:
                out.append(Elaboration(claims[a], claims[b], {claims[k].key: scores.at_least(claims[k], FACT_THRESHOLD)
                                                              for k in (a, b)}))
    return out


def _overlapping(claims: list[Claim], article: int, start: int, end: int) -> list[Claim]:
    return [c for c in claims if c.article == article and c.start < end and start < c.end]


# A date used as the name of an event ('the Sept. 11 attacks', 'the Jan. 6 riot', '9/11 victims').
_EVENT_AFTER_DATE = re.compile(r"[\s-]+(?:terror(?:ist)?\s+)?(?:attacks?|hijackers|victims|families|anniversary|"
                               r"bombings?|massacre|riots?|shootings?|commission|memorial)\b", re.I)


def claim_tags(articles: list[Article], claims: list[Claim], quotes: list[Quote]) -> dict[str, dict[str, set[str]]]:
    """Canonical speakers (quotes payload), the people named (entities payload, by surname) and date values (dates
    payload) per claim, for the conflict checks.
    Free-text fallback speakers ("the Russian leader") are left out: they cannot be compared safely."""
    tags: dict[str, dict[str, set[str]]] = {}
    metonyms = get_aliases().metonyms
    for q in quotes:
        if q.speaker_id and q.act == "speech":  # who holds a view or backs a plan is not whom words are put to
            # 'White House' speaks for the US; each speaker of a joint statement states it
            names = {metonyms.get(n or "", n) or i for i, n in [(q.speaker_id, q.speaker), *q.co_speakers] if i}
            for c in _overlapping(claims, q.article, q.start, q.end):
                tags.setdefault(c.key, {}).setdefault("speaker", set()).update(names)
    for i, article in enumerate(articles):
        # the people a claim is about, by surname (named in full in one outlet, by surname in another)
        for e in (article.analysis.get("entities") or {}).get("entities", []):
            name = surname(str(e.get("name") or "")) if e.get("type") == "PERSON" else ""
            for m in e.get("mentions", []) if name else []:
                for c in _overlapping(claims, i, int(m.get("start", -1)), int(m.get("end", -1))):
                    tags.setdefault(c.key, {}).setdefault("people", set()).add(name)
    quoted = [(q.article, q.start, q.end) for q in quotes if q.kind != "indirect"]
    for i, article in enumerate(articles):
        for d in (article.analysis.get("dates") or {}).get("dates", []):
            if not ("start" in d and "end" in d):
                continue
            # 'yesterday' or 'Tuesday' in someone's quoted words counts from when they spoke, not from the
            # article's date: left out
            if not any(ch.isdigit() for ch in str(d.get("text") or "")) and \
                    any(k == i and a <= int(d["start"]) and int(d["end"]) <= b for k, a, b in quoted):
                continue
            if _EVENT_AFTER_DATE.match(article.text, int(d["end"])):
                continue  # 'the Sept. 11 attacks': the date names an event, not when this fact happened
            if d.get("granularity", "day") == "day" and d.get("value"):
                for c in _overlapping(claims, i, int(d["start"]), int(d["end"])):
                    tags.setdefault(c.key, {}).setdefault("date", set()).add(str(d["value"]))
    return tags


def _translated_pairs(articles: list[Article], quotes: list[Quote], encoder: Encoder) -> dict[tuple[int, int], bool]:
    langs = {articles[q.article].language for q in quotes}
    if len(langs - {None}) < 2 or not quotes:
        return {}
    vectors = encoder.encode([q.text for q in quotes])
    sims = vectors @ vectors.T
    return {(id(a), id(b)): bool(sims[i, j] >= TRANSLATED_QUOTE_COSINE)
            for (i, a), (j, b) in itertools.permutations(enumerate(quotes), 2)
            if articles[a.article].language != articles[b.article].language}


def _paraphrase_pairs(claims: list[Claim], edges: list[tuple[Claim, Claim, float]], facts: list[Fact],
                      quotes: list[Quote]) -> set[tuple[int, int]]:
    """(id(a), id(b)) for quotes of one canonical speaker whose claims align strongly in a fact where no outlet
    conflicts: 'Putin added that the zones would prevent military flights' and '"... planes will not fly there on
    condition that ...," Putin said' report one utterance, though they share few words."""
    calm = {c.key for f in facts if all(cell.status != "conflicting" for cell in f.cells.values()) for c in f.claims}
    strong = {(a.key, b.key) for a, b, s in edges if s >= PARAPHRASE_MATCH and a.key in calm and b.key in calm}
    strong |= {(b, a) for a, b in strong}
    spoken = [q for q in quotes if q.act == "speech" and q.speaker_ids]
    covers: dict[int, list[str]] = {}
    for q in spoken:
        covers[id(q)] = [c.key for c in _overlapping(claims, q.article, q.start, q.end)
                         if min(q.end, c.end) - max(q.start, c.start) >= QUOTE_SHARE_OF_CLAIM * (c.end - c.start)]
    return {(id(a), id(b)) for a, b in itertools.permutations(spoken, 2)
            if a.article != b.article and a.speaker_ids & b.speaker_ids
            and any((x, y) in strong for x in covers[id(a)] for y in covers[id(b)])}


def _quote_edges(articles: list[Article], claims: list[Claim], scores: ClaimScores, ledger: list[LedgerEntry],
                 edges: list[Edge]) -> list[Edge]:
    """`edges` plus, for every two outlets' carriers of one ledger utterance with a canonical speaker both name,
    the pair of their claims that hold the most of its shared words (one pair: a long quotation spans several
    claims, a trimmed one a single claim), scored at least SHARED_QUOTE_MATCH."""
    have = set(edge_scores(edges))
    out = list(edges)
    for entry in ledger:
        for x, y in itertools.combinations([k.quote for k in entry.carriers], 2):
            if x.article == y.article or not x.speaker_ids & y.speaker_ids:
                continue  # one outlet's pieces, or words the ledger joined without a speaker both name
            x, y = (x, y) if x.article < y.article else (y, x)
            pairs = [(cx, cy) for cx in _overlapping(claims, x.article, x.start, x.end)
                     for cy in _overlapping(claims, y.article, y.start, y.end)]
            if not pairs or any((cx.key, cy.key) in have for cx, cy in pairs):
                continue
            a, b = articles[x.article], articles[y.article]
            shared = [len(_quoted_stems(a, cx, x) & _quoted_stems(b, cy, y)) for cx, cy in pairs]
            k = max(range(len(pairs)), key=lambda i: (shared[i], scores.between(*pairs[i])))
            if a.language == b.language and shared[k] < MIN_SHARED_QUOTE_STEMS:
                continue  # the utterance's shared words lie in no one claim of each (or the quote is one word)
            cx, cy = pairs[k]
            out.append((cx, cy, max(scores.between(cx, cy), SHARED_QUOTE_MATCH)))
            have |= {(cx.key, cy.key), (cy.key, cx.key)}
    return out


def _quoted_stems(article: Article, claim: Claim, quote: Quote) -> set[str]:
    """The word stems of the part of a quote that lies in a claim."""
    return stems_of(article.text[max(claim.start, quote.start):min(claim.end, quote.end)])


def encode_by_length(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Encode in length order (batches pad to their longest text), rows returned in the given order."""
    if not texts:
        return np.zeros((0, encoder.dim), np.float32)
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    vectors = encoder.encode([texts[k] for k in order])
    out = np.empty_like(vectors)
    out[order] = vectors
    return out


def compare_articles(articles: list[Article], syndication: dict[str, Any] | None = None,
                     encoder: Encoder | None = None, lexicon: str | None = None) -> Comparison:
    """Compare the articles of one story. `syndication` maps article id -> copy group (wire copies of one
    story count as one independent source); without it every article is independent."""
    if len(articles) < 2:
        raise NewsprismError("too-few-articles", f"a comparison needs at least two articles, got {len(articles)}.",
                             "Pass two or more article files or stored ids.")
    encoder = encoder or get_encoder(DEFAULT_ENCODER)  # the alignment weights are calibrated on it
    names = outlet_names(articles)
    claims = [c for i, a in enumerate(articles) for c in claims_of(a, i)]
    vectors = encode_by_length(encoder, [core_text(c.text) for c in claims])
    words = word_vectors(encoder)
    scores = score_claims(articles, claims, vectors, words)
    edges = aligned_pairs(scores)
    people = _story_people(articles)
    quotes = [q for i, a in enumerate(articles) for q in quotes_of(a, i)]
    _canonical_speakers(quotes, people)
    _story_roles(articles, quotes, people)
    tags = claim_tags(articles, claims, quotes)
    languages = {i: a.language for i, a in enumerate(articles)}
    translated = _translated_pairs(articles, quotes, encoder)
    edges = _quote_edges(articles, claims, scores, build_ledger(quotes, languages, translated), edges)
    facts = build_facts(articles, claims, edges, names, tags, syndication,
                        elaborations(articles, claims, vectors, words, quotes, scores))
    ledger = build_ledger(quotes, languages, translated, _paraphrase_pairs(claims, edges, facts, quotes))
    used = {k: any(a.analysis.get(k) for a in articles) for k in ("entities", "quotes", "places", "dates")}
    return Comparison(articles, names, claims, facts, edges, quotes, ledger, speaker_counts(quotes),
                      build_framing(articles, lexicon, people),
                      summarise(facts, len(articles), _unnamed_speaker(quotes), set(edge_scores(edges))), used)


def _unnamed_speaker(quotes: list[Quote]) -> Callable[[Fact], str | None]:
    """For a summary line: the speaker of the quotation its sentence is, when the sentence does not name
    them ('"I wish I didn't have to do it," he said.', a paragraph that is only a quote)."""
    def speaker_of(fact: Fact) -> str | None:
        head = fact.central
        if head is None:
            return None
        quote = next((q for q in quotes if q.article == head.article and q.kind == "direct" and q.speaker
                      and q.start < head.end and head.start < q.end), None)
        if quote is None:
            return None
        names = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", quote.speaker)}
        said = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", head.text)}
        return None if names & said else quote.speaker_label
    return speaker_of
