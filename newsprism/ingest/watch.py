"""`newsprism watch`: poll the stored feeds and sitemaps, ingest new articles, record revisions.

Each pass asks every feed conditionally (ETag / Last-Modified), so an unchanged feed costs one 304.
New entries are fetched; an entry whose "updated" marker changed is re-fetched conditionally and, when
its text changed, stored as a new revision of the same article. Every failure is recorded with its
stage and reason, and the pass goes on with the next entry or feed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..model import Rejected
from ..store.sources import SourceStore
from .feeds import FeedError, looks_like_sitemap, parse_feed
from .fetch import Fetcher, FetchError, Response
from .pages import SourceReport, ingest_url
from .sitemaps import parse_sitemap

__all__ = ["poll_feed", "run_pass", "watch", "ingest_sitemap", "MAX_CHILD_SITEMAPS"]

# A news sitemap index lists a handful of daily sitemaps; following more per pass would be a full crawl.
MAX_CHILD_SITEMAPS = 20


def _fetch_listing(url: str, fetcher: Fetcher, report: SourceReport, store: SourceStore, stage: str,
                   etag: str | None = None, last_modified: str | None = None) -> Response | None:
    try:
        response = fetcher.fetch(url, etag, last_modified)
    except FetchError as exc:
        report.reject(store, Rejected(url, stage if exc.stage == "fetch" else exc.stage, exc.reason, str(exc)))
        return None
    if response.status == 304 or 200 <= response.status < 300:
        return response
    report.reject(store, Rejected(url, stage, f"http-{response.status}",
                                  f"{url}: the server answered HTTP {response.status}.",
                                  sample=response.body[:120].decode("utf-8", "replace") or None))
    return None


def ingest_sitemap(url: str, store: SourceStore, fetcher: Fetcher, report: SourceReport, body: bytes | None = None,
                   outlet: str | None = None, depth: int = 0) -> None:
    """Fetch the pages a sitemap lists (following an index one level down)."""
    if body is None:
        response = _fetch_listing(url, fetcher, report, store, "sitemap")
        if response is None:
            return
        body = response.body
    try:
        sitemap = parse_sitemap(body, url)
    except FeedError as exc:
        report.reject(store, Rejected(url, exc.stage, exc.reason, str(exc)))
        return
    for child in sitemap.children[:MAX_CHILD_SITEMAPS] if depth == 0 else []:
        ingest_sitemap(child, store, fetcher, report, outlet=outlet, depth=depth + 1)
    for entry in sitemap.urls:
        entry.hints.outlet = entry.hints.outlet or outlet
        ingest_url(entry.url, store, fetcher, report, entry.hints)


def poll_feed(feed: dict[str, Any], store: SourceStore, fetcher: Fetcher, report: SourceReport) -> None:
    """One conditional poll of one feed (RSS, Atom or sitemap) and the new or updated entries in it."""
    url = feed["url"]
    report.feeds_polled += 1
    response = _fetch_listing(url, fetcher, report, store, "feed", feed.get("etag"), feed.get("last_modified"))
    if response is None:
        store.update_feed(url, "failed")
        return
    if response.status == 304:
        report.feeds_unchanged += 1
        store.update_feed(url, "not-modified")
        return
    _ingest_listing(response, feed, store, fetcher, report)
    store.update_feed(url, "ok", response.headers.get("etag"), response.headers.get("last-modified"))


def _ingest_listing(response: Response, feed: dict[str, Any], store: SourceStore, fetcher: Fetcher,
                    report: SourceReport) -> None:
    url = feed["url"]
    if looks_like_sitemap(response.body) or response.body[:2] == b"\x1f\x8b":
        ingest_sitemap(url, store, fetcher, report, response.body, feed.get("outlet"))
        return
    try:
        parsed = parse_feed(response.body, url, feed.get("outlet"), feed.get("language"))
    except FeedError as exc:
        report.reject(store, Rejected(url, exc.stage, exc.reason, str(exc)))
        return
    if parsed.problem:
        report.reject(store, Rejected(url, "feed", "malformed-xml", f"{url}: the feed's XML is broken "
                                      f"({parsed.problem}); {len(parsed.entries)} entries were recovered and read.",
                                      sample=response.body[:120].decode("utf-8", "replace")))
    for n, entry in enumerate(parsed.entries, 1):
        if entry.url:
            ingest_url(entry.url, store, fetcher, report, entry.hints)
        else:
            report.reject(store, Rejected(f"{url}#entry-{n}", "feed", "no-link", f"{url}: entry {n} "
                                          f"({entry.hints.title or 'untitled'!r}) has no valid link; skipped.",
                                          sample=entry.hints.title))


def run_pass(store: SourceStore, fetcher: Fetcher, feeds: list[dict[str, Any]] | None = None) -> SourceReport:
    report = SourceReport()
    for feed in feeds if feeds is not None else store.list_feeds():
        poll_feed(feed, store, fetcher, report)
    return report


def watch(store: SourceStore, fetcher: Fetcher, interval: float = 900.0, passes: int | None = None,
          on_pass: Callable[[int, SourceReport], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> list[SourceReport]:
    """Poll all feeds every `interval` seconds; `passes` bounds the loop (None: until interrupted)."""
    reports = []
    n = 0
    while passes is None or n < passes:
        started = time.monotonic()
        report = run_pass(store, fetcher)
        if passes is not None:  # an endless watch keeps no history in memory
            reports.append(report)
        n += 1
        if on_pass:
            on_pass(n, report)
        if passes is None or n < passes:
            sleep(max(0.0, interval - (time.monotonic() - started)))
    return reports
