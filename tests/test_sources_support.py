"""A real HTTP server on 127.0.0.1 for the sources tests, and the benchmark pages it serves.

The pages are read from ../shared/data/article-extraction-benchmark at test time (never copied into
the repository); feeds and sitemaps are built around them per test.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from .conftest import DATA

BENCH = DATA / "article-extraction-benchmark"


@dataclass
class BenchPage:
    key: str
    html: str
    body: str  # the ground-truth article body
    lead: str  # a verbatim piece of the body that occurs in the HTML, to edit for revisions


def bench_pages(n: int, offset: int = 0) -> list[BenchPage]:
    """n benchmark pages with a long body whose first sentence occurs verbatim in the HTML."""
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    found: list[BenchPage] = []
    for key in sorted(truth)[offset:]:
        body = truth[key].get("articleBody") or ""
        path = BENCH / "html" / f"{key}.html.gz"
        if len(body) < 1500 or not path.is_file():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        lead = body.split("\n")[0][:80]
        if len(lead) >= 40 and html.count(lead) == 1:
            found.append(BenchPage(key, html, body, lead))
        if len(found) == n:
            break
    return found


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0  # seconds before answering (a slow server)
    omit_length: bool = False  # stream without Content-Length (chunked-like, read until close)
    drip: float = 0.0  # seconds between 100-byte pieces of the body (a stalling server)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


class Site:
    """Routes by path (query included); every request is logged with its time and answer status."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with site.lock:
                    site.log.append(hit)
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                route = route or Route(b"not found", 404, "text/plain")
                time.sleep(route.delay)
                if route.etag and hit.headers.get("if-none-match") == route.etag:
                    hit.status = 304
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                hit.status = route.status
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if not route.omit_length:
                    self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    if route.drip:
                        for i in range(0, len(route.body), 100):
                            self.wfile.write(route.body[i:i + 100])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap): that is the point of the test

        return Handler

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(items: list[tuple[str, str, datetime]], title: str = "Loopback News") -> bytes:
    """An RSS 2.0 feed of (link, title, updated) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>" for link, t, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><language>en</language>{entries}</channel></rss>").encode()


def news_sitemap(urls: list[tuple[str, str]], outlet: str = "Loopback News") -> bytes:
    body = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>{escape(outlet)}</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>2017-05-03"
        f"</news:publication_date><news:title>{escape(t)}</news:title></news:news></url>" for u, t in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>').encode()


def sitemap_index(children: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{escape(c)}</loc></sitemap>" for c in children)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>').encode()


def at(hour: int) -> datetime:
    return datetime(2017, 5, 3, hour, 0, tzinfo=timezone.utc)


def fast_fetcher(delay: float = 0.0, **kwargs: object):
    """The real guarded fetcher, allowed to reach 127.0.0.1 only, with test-sized timeouts."""
    from newsprism.ingest.fetch import HttpFetcher, PoliteFetcher

    options = {"timeout": 2.0, "retries": 0, "backoff": 0.01, "allowed_networks": ["127.0.0.1/32"], **kwargs}
    return PoliteFetcher(HttpFetcher(**options), delay=delay)  # type: ignore[arg-type]


__all__ = ["BenchPage", "bench_pages", "Route", "Site", "rss", "news_sitemap", "sitemap_index", "at",
           "fast_fetcher", "Path"]
