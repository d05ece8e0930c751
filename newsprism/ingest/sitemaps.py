"""Sitemaps: plain, Google News (news:news) and sitemap indexes, optionally gzipped.

XML is parsed without entity expansion or network access, with a cap on decompressed size.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field

from lxml import etree

from ..model import primary_language
from .feeds import FeedError
from .pages import Hints

__all__ = ["Sitemap", "SitemapUrl", "parse_sitemap", "MAX_SITEMAP_BYTES"]

# The sitemap protocol caps an uncompressed sitemap at 50 MB (50,000 URLs).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass
class SitemapUrl:
    url: str
    hints: Hints


@dataclass
class Sitemap:
    urls: list[SitemapUrl] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemaps listed by a sitemap index


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str, namespace: str | None = None) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and (namespace is None or str(child.tag).startswith(namespace)):
            return (child.text or "").strip() or None
    return None


def _gunzip(body: bytes, source: str) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, MAX_SITEMAP_BYTES + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise FeedError("bad-gzip", f"{source}: a broken gzip file ({exc}).", "", stage="sitemap") from exc
    if len(out) > MAX_SITEMAP_BYTES:
        raise FeedError("too-large", f"{source}: over {MAX_SITEMAP_BYTES:,} bytes uncompressed.",
                        "The sitemap protocol allows 50 MB; split the sitemap.", stage="sitemap")
    return out


def _url_entry(element: etree._Element) -> SitemapUrl | None:
    loc = _child_text(element, "loc")
    if not loc:
        return None
    news_published = _child_text(element, "publication_date", _NEWS)
    language = primary_language(_child_text(element, "language", _NEWS))
    hints = Hints(title=_child_text(element, "title", _NEWS), published=news_published,
                  outlet=_child_text(element, "name", _NEWS), language=language,
                  updated=_child_text(element, "lastmod") or news_published)
    return SitemapUrl(loc, hints)


def parse_sitemap(body: bytes, source: str) -> Sitemap:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(_gunzip(body, source), parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError("bad-xml", f"{source}: not a readable sitemap ({exc}).",
                        "The sitemap is broken at the source; it is tried again on the next pass.",
                        stage="sitemap") from exc
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return Sitemap(children=[loc for el in root if _local(el.tag) == "sitemap"
                                 if (loc := _child_text(el, "loc"))])
    if kind != "urlset":
        raise FeedError("not-a-sitemap", f"{source}: the root element is <{kind}>, not <urlset> or <sitemapindex>.",
                        "Give the URL of a sitemap (often /sitemap.xml or /news-sitemap.xml).", stage="sitemap")
    return Sitemap(urls=[u for el in root if _local(el.tag) == "url" if (u := _url_entry(el))])
