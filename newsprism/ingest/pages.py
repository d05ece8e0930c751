"""Fetched pages -> stored articles, one article per normalised URL, changed texts kept as revisions.

`ingest_url` fetches one article URL (conditionally, when it was fetched before) and stores it;
`store_page` stores a page from any source with a URL (feeds, sitemaps, WARC files). Failures become
Rejected records with their stage and reason, stored, and the batch goes on.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, RawPage, Rejected, normalize_for_hash
from ..pipeline import process
from ..store.base import Store
from ..store.sources import SourceStore
from .fetch import Fetcher, FetchError, Response
from .files import decode_bytes
from .urls import clean_url, url_key

__all__ = ["SourceReport", "Hints", "ingest_url", "store_page", "page_from_response", "HTML_TYPES"]

HTML_TYPES = {"text/html", "application/xhtml+xml", ""}


@dataclass
class Hints:
    """What a feed or sitemap says about an entry; the page's own metadata wins where the clean stage finds it."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    updated: str | None = None  # the entry's "updated" marker: a change means the page may have changed


@dataclass
class SourceReport:
    added: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: int = 0  # re-fetched (or 304) with the same text
    known: int = 0  # already fetched and not due for a re-fetch
    duplicates: int = 0  # a new URL whose text is already stored
    feeds_polled: int = 0
    feeds_unchanged: int = 0  # 304 Not Modified
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def as_dict(self) -> dict[str, Any]:
        return {"added": len(self.added), "revised": len(self.revised), "unchanged": self.unchanged,
                "known": self.known, "duplicates": self.duplicates, "feeds_polled": self.feeds_polled,
                "feeds_unchanged": self.feeds_unchanged, "rejected": len(self.rejected),
                "rejected_by_reason": _count_reasons(self.rejected)}

    def reject(self, store: SourceStore, rejected: Rejected) -> None:
        store.add_rejected(rejected)
        self.rejected.append(rejected)


def _count_reasons(rejected: list[Rejected]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rejected:
        counts[f"{r.stage}:{r.reason}"] = counts.get(f"{r.stage}:{r.reason}", 0) + 1
    return counts


def rejected_from(exc: FetchError, url: str) -> Rejected:
    return Rejected(url, exc.stage, exc.reason, str(exc))


def decode_body(response: Response) -> str | None:
    charset = response.charset
    if charset:
        try:
            codecs.lookup(charset)
            return response.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # servers often declare the wrong charset; detect it instead
    return decode_bytes(response.body)


def page_from_response(response: Response, hints: Hints, source_url: str) -> RawPage | Rejected:
    """A fetched article page as a RawPage, or why it is not one (HTTP error, not HTML, not text)."""
    final = response.url or source_url
    if not 200 <= response.status < 300:
        return Rejected(source_url, "fetch", f"http-{response.status}",
                        f"{source_url}: the server answered HTTP {response.status}.",
                        sample=response.body[:120].decode("utf-8", "replace") or None)
    if response.content_type not in HTML_TYPES:
        return Rejected(source_url, "fetch", "non-html", f"{final}: the server sent {response.content_type!r}, "
                        "not an HTML page.", sample=None)
    text = decode_body(response)
    if text is None or not text.strip():
        return Rejected(source_url, "fetch", "undecodable" if text is None else "empty",
                        f"{final}: the page has no readable text.")
    return RawPage(source=final, kind="html", content=text, url=final, title=hints.title,
                   published=hints.published, outlet=hints.outlet, language=hints.language,
                   extra={"url_key": url_key(final)})


def ingest_url(url: str, store: SourceStore, fetcher: Fetcher, report: SourceReport, hints: Hints | None = None,
               force: bool = False) -> None:
    """Fetch one article URL unless it is known and unchanged, and store the result."""
    hints = hints or Hints()
    try:
        key, target = url_key(url), clean_url(url)
    except ValueError as exc:
        report.reject(store, Rejected(url, "fetch", "invalid-url", f"{url!r} is not a valid URL ({exc}). "
                                      "Check the URL."))
        return
    known = store.get_fetched(key)
    if known and not force and (hints.updated is None or hints.updated == known["entry_updated"]):
        report.known += 1
        return
    try:
        response = fetcher.fetch(target, *((known["etag"], known["last_modified"]) if known else (None, None)))
    except FetchError as exc:
        report.reject(store, rejected_from(exc, url))
        return
    if response.status == 304 and known:
        store.record_fetch(key, target, None, entry_updated=hints.updated)
        report.unchanged += 1
        return
    page = page_from_response(response, hints, url)
    if isinstance(page, Rejected):
        report.reject(store, page)
        if _final_answer(response.status):  # remembered, so the next pass does not ask again
            store.record_fetch(key, target, None, entry_updated=hints.updated)
        return
    store_page(page, store, report, keys={key}, response=response, entry_updated=hints.updated)


def store_page(page: RawPage, store: SourceStore, report: SourceReport, keys: set[str] | None = None,
               response: Response | None = None, entry_updated: str | None = None) -> None:
    """Clean and store a page that has a URL: new article, duplicate, unchanged or a new revision."""
    keys = set(keys or ()) | ({url_key(page.url)} if page.url else set())
    known_id = _known_article(store, keys)
    if known_id and store.has_input(page.raw_hash):  # the very same page again (a re-crawl): nothing to redo
        report.unchanged += 1
        return
    result = process(page)
    article_id = None
    if isinstance(result, Rejected):
        report.reject(store, result)  # e.g. a video or index page: recorded as fetched, not asked again
    else:
        article_id = _store_article(store, result, known_id, report)
    etag = response.headers.get("etag") if response else None
    modified = response.headers.get("last-modified") if response else None
    for key in sorted(keys):
        store.record_fetch(key, page.url or page.source, article_id, etag, modified, entry_updated)


def _final_answer(status: int) -> bool:
    """A definite answer about the page (not HTML, gone): worth remembering, unlike 429 or 5xx."""
    return 200 <= status < 300 or (400 <= status < 500 and status not in (408, 425, 429))


def _known_article(store: SourceStore, keys: set[str]) -> str | None:
    for key in sorted(keys):
        known = store.get_fetched(key)
        if known and known["article_id"] and store.get_article(known["article_id"]) is not None:
            return known["article_id"]
    return None


def _store_article(store: SourceStore, article: Article, known_id: str | None, report: SourceReport) -> str:
    if known_id is None:
        if store.add_article(article):
            report.added.append(article.id)
        else:
            report.duplicates += 1
        return article.id
    current = store.get_article(known_id)
    if current is not None and normalize_for_hash(current.text) == normalize_for_hash(article.text):
        report.unchanged += 1
    else:
        store.add_revision(known_id, article)
        report.revised.append(known_id)
    return known_id
