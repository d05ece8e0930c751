"""HTTP fetching behind a one-method interface: `Fetcher.fetch(url, etag, last_modified) -> Response`.

`HttpFetcher` is the real one, and safe by default: only http/https, every hop's host resolved and
refused when it is private, loopback, link-local or reserved (SSRF), the connection pinned to the
checked address (no DNS rebinding between check and connect), size and time caps, retries with
backoff, conditional requests. `PoliteFetcher` wraps any fetcher with robots.txt and per-host delays.
`ReplayFetcher` serves saved responses, for tests and offline runs. Nothing here runs page scripts:
pages are bytes handed to the clean stage.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit

import urllib3

from .. import __version__
from ..errors import InputError
from .urls import clean_url

__all__ = ["Response", "Fetcher", "FetchError", "HttpFetcher", "PoliteFetcher", "ReplayFetcher",
           "USER_AGENT", "ROBOTS_AGENT", "check_address"]

USER_AGENT = f"newsprism/{__version__} (news coverage comparison; obeys robots.txt)"
ROBOTS_AGENT = "newsprism"
# 5 MB: the largest page of the extraction benchmark is ~1.5 MB; feeds and sitemaps of big outlets stay
# under 2 MB (sitemaps are capped at 50 MB by the protocol, but news sitemaps hold 1,000 URLs at most).
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
REDIRECT_CODES = {301, 302, 303, 307, 308}
RETRY_CODES = {429, 500, 502, 503, 504}
RETRYABLE_ERRORS = {"timeout", "connection-failed"}
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"
# robots.txt is cached for a day, the longest RFC 9309 asks crawlers to keep it.
ROBOTS_TTL_S = 24 * 3600
# An unreachable robots.txt is asked for again after 10 minutes rather than blocking the host for a day.
ROBOTS_RETRY_S = 600
# A pass visits hosts in turn: a host whose Crawl-delay asks for a longer wait than this is left for a
# later pass instead of stalling every other site.
MAX_HOST_WAIT_S = 60.0


class FetchError(InputError):
    """A URL could not be fetched; `reason` says why in a stable code (private-address, timeout, ...)."""

    def __init__(self, reason: str, message: str, hint: str = "", stage: str = "fetch") -> None:
        super().__init__(reason, message, hint, stage)


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


class Fetcher(Protocol):
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response: ...


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return ip.is_global and not ip.is_multicast


def check_address(address: str, allowed: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] = (),
                  allow_private: bool = False) -> bool:
    """True when newsprism may connect to `address`: a public one, or one the user allowed."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return allow_private or _is_public(ip) or any(ip in net for net in allowed if ip.version == net.version)


@dataclass
class _Target:
    scheme: str
    host: str
    port: int
    ip: str
    path: str


class HttpFetcher:
    """The real fetcher: SSRF-guarded, capped, retrying, conditional."""

    def __init__(self, *, user_agent: str = USER_AGENT, timeout: float = 20.0, max_bytes: int = MAX_RESPONSE_BYTES,
                 max_redirects: int = 5, retries: int = 2, backoff: float = 1.0, max_backoff: float = 60.0,
                 allow_private: bool = False, allowed_networks: Iterable[str] = (), ca_certs: str | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.user_agent, self.timeout, self.max_bytes = user_agent, timeout, max_bytes
        self.max_redirects, self.retries, self.backoff, self.max_backoff = max_redirects, retries, backoff, max_backoff
        self.allow_private = allow_private
        self.allowed_networks = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
        self.ca_certs, self.sleep = ca_certs, sleep

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        headers = _conditional_headers(etag, last_modified)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._follow(url, headers)
            except FetchError as exc:
                if last or exc.reason not in RETRYABLE_ERRORS:
                    raise
                self.sleep(min(self.backoff * 2 ** attempt, self.max_backoff))
                continue
            if last or response.status not in RETRY_CODES:
                return response
            self.sleep(min(max(self.backoff * 2 ** attempt, _retry_after(response)), self.max_backoff))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        start = time.monotonic()
        for _ in range(self.max_redirects + 1):
            response = self._request(self.resolve(url), url, headers, start)
            location = response.headers.get("location")
            if response.status not in REDIRECT_CODES or not location:
                return response
            url = urljoin(url, location.strip())
        raise FetchError("too-many-redirects", f"{url}: more than {self.max_redirects} redirects.",
                         "The site is probably in a redirect loop; try the final URL in a browser.")

    def resolve(self, url: str) -> _Target:
        """Check the URL and resolve its host; refuse schemes and addresses we must not reach."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError("invalid-url", f"{url!r} is not a valid URL ({exc}).", "Check the URL.") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError("bad-scheme", f"{url}: only http and https URLs are fetched, "
                             f"not {scheme or 'no scheme'!r}.",
                             "Give a full http(s):// URL; use `newsprism ingest` for local files.")
        if not parts.hostname:
            raise FetchError("invalid-url", f"{url!r} has no host name.", "Give a full URL like https://example.com/a.")
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise FetchError("invalid-url", f"{url!r}: {parts.hostname!r} is not a valid host name.",
                             "Check the URL.") from exc
        port = port or (443 if scheme == "https" else 80)
        ip = self._allowed_ip(url, host, port)
        # Spaces and non-ASCII characters percent-encoded; existing %XX escapes kept as they are.
        path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_URL_SAFE)
        return _Target(scheme, host, port, ip, path)

    def _allowed_ip(self, url: str, host: str, port: int) -> str:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError("dns-failed", f"{url}: cannot resolve host {host!r} ({exc}).",
                             "Check the host name and your network.") from exc
        addresses = [str(info[4][0]) for info in infos]
        refused = [a for a in addresses if not check_address(a, self.allowed_networks, self.allow_private)]
        if refused:
            raise FetchError("private-address", f"{url}: host {host!r} resolves to {refused[0]}, a private, loopback, "
                             "link-local or reserved address; newsprism does not fetch those (SSRF guard).",
                             "If this is your own server, pass --allow-private.")
        return addresses[0]

    def _request(self, target: _Target, url: str, extra: dict[str, str], start: float) -> Response:
        host = f"[{target.host}]" if ":" in target.host else target.host
        host_header = host if target.port in (80, 443) else f"{host}:{target.port}"
        headers = {"Host": host_header, "User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", **extra}
        try:
            with self._pool(target) as pool:
                raw = pool.urlopen("GET", target.path, headers=headers, redirect=False, retries=False,
                                   preload_content=False, decode_content=True)
                try:
                    body = self._read_capped(raw, url, start)
                finally:
                    raw.release_conn()
        except urllib3.exceptions.NewConnectionError as exc:  # a subclass of ConnectTimeoutError in urllib3 2
            raise FetchError("connection-failed", f"{url}: cannot connect ({exc.__cause__ or exc}).",
                             "The site may be down; newsprism retries on the next pass.") from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise self._timeout(url) from exc
        except urllib3.exceptions.SSLError as exc:
            raise FetchError("tls-error", f"{url}: TLS failed ({exc}).",
                             "The site's certificate is not valid for its name, or has expired.") from exc
        except (urllib3.exceptions.LocationParseError, ValueError) as exc:
            raise FetchError("invalid-url", f"{url!r} cannot be requested ({exc}).", "Check the URL.") from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError("connection-failed", f"{url}: connection failed ({type(exc).__name__}).",
                             "The site may be down; newsprism retries on the next pass.") from exc
        headers_out = {k.lower(): v for k, v in raw.headers.items()}
        return Response(url, raw.status, headers_out, body, time.monotonic() - start)

    def _pool(self, target: _Target) -> urllib3.HTTPConnectionPool:
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        if target.scheme == "http":
            return urllib3.HTTPConnectionPool(target.ip, target.port, timeout=timeout, maxsize=1)
        import certifi

        # Connect to the checked address, but verify the certificate against the host name (SNI too).
        return urllib3.HTTPSConnectionPool(target.ip, target.port, timeout=timeout, maxsize=1,
                                           server_hostname=target.host, assert_hostname=target.host,
                                           cert_reqs="CERT_REQUIRED", ca_certs=self.ca_certs or certifi.where())

    def _read_capped(self, raw: urllib3.BaseHTTPResponse, url: str, start: float) -> bytes:
        declared = raw.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(url, int(declared))
        body = bytearray()
        # read1 returns what has arrived: read(n) would wait for n bytes, and a server dripping a byte
        # at a time would then outlast the total-time cap.
        while chunk := raw.read1(64 * 1024):
            body += chunk
            if len(body) > self.max_bytes:
                raise self._too_large(url, len(body))
            if time.monotonic() - start > self.timeout:
                raise self._timeout(url)
        return bytes(body)

    def _too_large(self, url: str, size: int) -> FetchError:
        return FetchError("too-large", f"{url}: the response is over the {self.max_bytes:,}-byte limit "
                          f"({size:,} bytes so far).", "Raise the limit with --max-bytes if this page is real.")

    def _timeout(self, url: str) -> FetchError:
        return FetchError("timeout", f"{url}: no complete response within {self.timeout:g} s.",
                          "The site is slow or stalling; raise --timeout, or it is retried on the next pass.")


def _retry_after(response: Response) -> float:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    parsed = email.utils.parsedate_to_datetime(value) if value else None
    return max(0.0, parsed.timestamp() - time.time()) if parsed else 0.0


class PoliteFetcher:
    """Any fetcher plus robots.txt and a minimum delay between requests to the same host."""

    def __init__(self, inner: Fetcher, *, delay: float = 1.0, obey_robots: bool = True, agent: str = ROBOTS_AGENT,
                 max_wait: float = MAX_HOST_WAIT_S, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.inner, self.delay, self.obey_robots, self.agent = inner, delay, obey_robots, agent
        self.max_wait = max_wait
        self.clock, self.sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._unreachable: dict[str, str] = {}  # root -> why its robots.txt could not be read

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}".lower()
        if self.obey_robots and parts.scheme in ("http", "https"):
            try:
                self._check_robots(root, url)
            except FetchError as exc:  # say it about the page asked for, not about its robots.txt
                raise FetchError(exc.reason, exc.message.replace(root + "/robots.txt", url), exc.hint,
                                 exc.stage) from exc
        return self._timed(root, lambda: self.inner.fetch(url, etag, last_modified))

    def _check_robots(self, root: str, url: str) -> None:
        rules = self._rules(root)
        if root in self._unreachable:
            raise FetchError("robots-unreachable", f"{url}: the site's robots.txt could not be read "
                             f"({self._unreachable[root]}), which RFC 9309 says to treat as 'disallow all'.",
                             "It is tried again later; check that the site is up.", stage="robots")
        if not rules.can_fetch(self.agent, url):
            raise FetchError("robots-disallowed", f"{url}: the site's robots.txt disallows it for "
                             f"'{self.agent}'.", "newsprism respects robots.txt; ask the site, or skip this URL.",
                             stage="robots")

    def _timed(self, root: str, call: Callable[[], Response]) -> Response:
        host = urlsplit(root).hostname or root  # one delay per host, whatever the scheme or port
        wait = self._last.get(host, -1e18) + self.host_delay(root) - self.clock()
        if wait > self.max_wait:
            raise FetchError("deferred", f"{root}: its Crawl-delay of {self.host_delay(root):g} s leaves "
                             f"{wait:.0f} s to wait; deferred rather than holding up the other sites.",
                             "It is fetched on a later pass.", stage="politeness")
        if wait > 0:
            self.sleep(wait)
        try:
            return call()
        finally:
            self._last[host] = self.clock()

    def host_delay(self, root: str) -> float:
        cached = self._robots.get(root)
        crawl_delay = cached[1].crawl_delay(self.agent) if cached and self.obey_robots else None
        return max(self.delay, float(crawl_delay or 0))

    def _rules(self, root: str) -> urllib.robotparser.RobotFileParser:
        cached = self._robots.get(root)
        ttl = ROBOTS_RETRY_S if root in self._unreachable else ROBOTS_TTL_S
        if cached and self.clock() - cached[0] < ttl:
            return cached[1]
        rules = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        self._unreachable.pop(root, None)
        try:
            response = self._timed(root, lambda: self.inner.fetch(root + "/robots.txt"))
        except FetchError as exc:
            if exc.reason not in RETRYABLE_ERRORS | {"tls-error"}:
                raise  # refused by the guard: the page itself would be refused the same way
            self._unreachable[root] = exc.reason
            response = Response(root + "/robots.txt", 503)
        # RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one means "disallow all".
        if response.status >= 500:
            rules.parse(["User-agent: *", "Disallow: /"])
        elif 200 <= response.status < 300:
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        else:
            rules.parse([])
        self._robots[root] = (self.clock(), rules)
        return rules


class ReplayFetcher:
    """Saved responses keyed by URL (tracking parameters ignored); unknown URLs get a 404. Conditional
    requests are honoured, so it stands in for a real site in tests and offline runs."""

    def __init__(self, responses: Mapping[str, Response] | None = None) -> None:
        self.responses = {clean_url(u): r for u, r in (responses or {}).items()}
        self.requests: list[str] = []

    def add(self, url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
            etag: str | None = None) -> None:
        headers = {"content-type": content_type, **({"etag": etag} if etag else {})}
        self.responses[clean_url(url)] = Response(url, status, headers, body)

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        self.requests.append(url)
        saved = self.responses.get(clean_url(url))
        if saved is None:
            return Response(url, 404, {"content-type": "text/plain"}, b"not found")
        if etag and saved.headers.get("etag") == etag:
            return Response(saved.url, 304, dict(saved.headers))
        return saved
