"""RawPage -> Article: main text, boilerplate audit, metadata, language and sentences."""

from __future__ import annotations

from ..analyze.language import detect_language
from ..analyze.sentences import split_sentences
from ..errors import InputError
from ..model import Article, Heading, RawPage, RemovedSpan, content_id, normalize_for_hash
from .html import EXTRACTOR as HTML_EXTRACTOR
from .html import extract_html
from .metadata import clean_title, find_agencies, find_date, find_outlet
from .text import clean_scraped_text

__all__ = ["clean", "TEXT_EXTRACTOR"]

TEXT_EXTRACTOR = "newsprism-text-2"
# Fewer letters than this after cleaning is not an article (a login wall, an index page, a 404).
MIN_BODY_LETTERS = 40


def _assemble(paragraphs: list[str], headings: list[tuple[str, int]]) -> tuple[str, list[Heading]]:
    text, offsets = "", []
    for p in paragraphs:
        if text:
            text += "\n\n"
        offsets.append(len(text))
        text += p
    out = [Heading(h, offsets[i] if i < len(offsets) else len(text)) for h, i in headings]
    return text, out


def _lone_line_is_body(given_title: str | None, line: str | None) -> bool:
    """The one line left, read as a headline, is the body when the input gave its own, different title."""
    def folded(text: str) -> str:
        return normalize_for_hash(text).casefold().rstrip(".")
    return bool(given_title and line and sum(ch.isalpha() for ch in line) >= MIN_BODY_LETTERS
                and folded(given_title) != folded(line))


def clean(raw: RawPage) -> Article:
    """Raises InputError(stage='clean') when no article text is left."""
    url, sitename, date, title = raw.url, None, None, raw.title
    removed: list[RemovedSpan] = []
    extractor = TEXT_EXTRACTOR
    content = raw.content
    if raw.kind == "html":
        doc = extract_html(content, url)
        if doc is None:
            raise InputError("no-article", f"{raw.source}: no article text found in this HTML page.",
                             "It may be an index, login or error page; pass the article page itself, or its "
                             "text as a .txt file.", stage="clean")
        content, url, sitename, date = doc.text, url or doc.url, doc.sitename, doc.date
        title = title or doc.title
        extractor = f"{HTML_EXTRACTOR}+{TEXT_EXTRACTOR}"
    hints = [name for name in (raw.outlet, find_outlet(url, sitename, "", [])) if name]
    result = clean_scraped_text(content, from_html=raw.kind == "html", outlet_hints=hints)
    paragraphs, removed_here, headline = result.paragraphs, result.removed, result.title
    if not paragraphs and headline and _lone_line_is_body(raw.title, headline):
        # a one-line item whose title came with it (a feed summary, a roundup's lead): the line is its body
        paragraphs = [headline]
        removed_here = [r for r in removed_here if not (r.reason == "title" and r.text.strip() == headline)]
        headline = None
    removed.extend(removed_here)
    body, headings = _assemble(paragraphs, result.headings)
    if sum(ch.isalpha() for ch in body) < MIN_BODY_LETTERS:
        raise InputError("no-article", f"{raw.source}: no article body left after cleaning "
                         f"({len(body)} characters).", "Check that the input holds the article text itself.",
                         stage="clean")
    outlet = raw.outlet or find_outlet(url, sitename, content, removed)
    title = clean_title(title or headline, (raw.outlet, sitename, outlet))
    published = raw.published or date or find_date(result.date, body, removed)
    return Article(
        id=content_id(body),
        text=body,
        source=raw.source,
        title=title,
        standfirst=result.standfirst,
        url=url,
        outlet=outlet,
        published=published,
        language=raw.language or detect_language(body),
        agencies=find_agencies(result.signoff, body, removed),
        headings=headings,
        removed=removed,
        sentences=split_sentences(body),
        raw_hash=raw.raw_hash,
        extractor=extractor,
    )
