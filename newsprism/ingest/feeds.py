"""RSS/Atom feeds (feedparser) and OPML lists of feeds, parsed from bytes we fetched ourselves.

feedparser is only ever given bytes: given a string it would fetch URLs itself, bypassing the guarded,
polite fetcher.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import feedparser
from lxml import etree

from ..errors import InputError
from ..model import primary_language
from .pages import Hints

__all__ = ["FeedError", "FeedEntry", "Feed", "FeedRef", "parse_feed", "parse_opml", "looks_like_sitemap"]

# The most entries taken from one feed per pass: big outlets' feeds hold 20-100 items; a feed with
# thousands is an archive dump that `newsprism fetch` or a sitemap handles better.
MAX_ENTRIES = 500


class FeedError(InputError):
    def __init__(self, reason: str, message: str, hint: str = "", stage: str = "feed") -> None:
        super().__init__(reason, message, hint, stage)


@dataclass
class FeedEntry:
    url: str
    hints: Hints


@dataclass
class Feed:
    title: str | None
    language: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None  # set when the XML was broken and feedparser recovered what it could


@dataclass
class FeedRef:
    url: str
    title: str | None = None
    language: str | None = None


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _entry(entry: feedparser.FeedParserDict, outlet: str | None, language: str | None) -> FeedEntry:
    """An entry with its link ("" when feedparser found none it could resolve: reported, not dropped)."""
    link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), "")
    # dict.get: FeedParserDict.get("updated_parsed") silently falls back to the published date.
    updated_parsed = dict.get(entry, "updated_parsed")
    published = _iso(dict.get(entry, "published_parsed")) or _iso(updated_parsed)
    updated = _iso(updated_parsed) or dict.get(entry, "updated") or published
    hints = Hints(title=(entry.get("title") or "").strip() or None, published=published, outlet=outlet,
                  language=language, updated=updated)
    return FeedEntry(link.strip(), hints)


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in body[:20000].lower()


def _problem(parsed: feedparser.FeedParserDict) -> str | None:
    """The XML error feedparser recovered from, if any (encoding and content-type notes are harmless)."""
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or exc is None or isinstance(exc, feedparser.ThingsNobodyCaresAboutButMe):
        return None
    return str(exc)


def parse_feed(body: bytes, source: str, outlet: str | None = None, language: str | None = None) -> Feed:
    """Entries of an RSS or Atom feed; FeedError when it is no feed at all."""
    parsed = feedparser.parse(body, response_headers={"content-location": source}, sanitize_html=False)
    problem = _problem(parsed)
    raw_entries = parsed.entries[:MAX_ENTRIES]
    if not raw_entries and (problem or not parsed.get("version")):
        if _looks_like_html(body):
            raise FeedError("not-a-feed", f"{source}: this is an HTML page, not an RSS or Atom feed.",
                            "Give the feed's URL (look for an RSS link on the page), or fetch the page itself.")
        raise FeedError("bad-xml", f"{source}: not a readable RSS/Atom feed ({problem or 'no feed elements'}).",
                        "The feed is broken at the source; it is tried again on the next pass.")
    # Only a language the user gave applies to every entry: a feed's channel language is often the
    # site's default (an "en" feed of a multilingual site), so the clean stage detects it per article.
    entries = [_entry(r, outlet, primary_language(language)) for r in raw_entries]
    return Feed(parsed.feed.get("title"), primary_language(parsed.feed.get("language")), entries, problem)


def _opml_root(body: bytes, source: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError("bad-opml", f"{source}: not valid OPML ({exc}).", "Fix the XML, or export it again.",
                        stage="opml") from exc


def parse_opml(body: bytes, source: str) -> list[FeedRef]:
    """Feeds listed in an OPML file (outline elements with xmlUrl), nested categories flattened."""
    root = _opml_root(body, source)
    refs = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            title = outline.get("title") or outline.get("text")
            refs.append(FeedRef(url, title, outline.get("language") or None))
    if not refs:
        raise FeedError("empty-opml", f"{source}: no <outline xmlUrl=...> feeds in this OPML file.",
                        "Check that it is an OPML list of feeds.", stage="opml")
    return refs


def looks_like_sitemap(body: bytes) -> bool:
    head = body[:4096]
    return b"<urlset" in head or b"<sitemapindex" in head
