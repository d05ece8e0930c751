"""Every kind of bad source gets a clear recorded reason, and the rest of the pass goes on."""

from __future__ import annotations

import gzip

import pytest

from newsprism.ingest.fetch import FetchError, HttpFetcher, PoliteFetcher, ReplayFetcher
from newsprism.ingest.watch import run_pass
from .test_sources_support import Route, Site, at, bench_pages, fast_fetcher, rss


def test_bad_sources_are_recorded_and_the_pass_goes_on(store):
    good, other = bench_pages(2, offset=3)
    big = good.html.encode("utf-8") * 40  # about 2-4 MB, over the 1 MB cap below
    with Site() as site:
        site.routes.update({
            "/good.html": Route(good.html.encode("utf-8")),
            "/to-metadata.html": Route(b"", 302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/to-private.html": Route(b"", 301, headers={"Location": "http://10.0.0.7/admin"}),
            "/big.html": Route(big),
            "/big-unsized.html": Route(big, omit_length=True),
            "/slow.html": Route(other.html.encode("utf-8"), delay=3.0),
            "/report.pdf": Route(b"%PDF-1.7 not an article", content_type="application/pdf"),
            "/gone.html": Route(b"gone", 404, "text/plain"),
            "/broken.xml": Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti',
                                 content_type="application/rss+xml"),
            "/homepage.html": Route(b"<!doctype html><html><body><p>Welcome</p></body></html>"),
        })
        links = ["/to-metadata.html", "/to-private.html", "/big.html", "/big-unsized.html", "/slow.html",
                 "/report.pdf", "/gone.html"]
        items = [(site.url(p), p, at(1)) for p in links]
        items += [("ftp://127.0.0.1/article.html", "ftp", at(1)), ("http://[::1/broken", "invalid", at(1)),
                  ("http://127.0.0.1:99999/a.html", "bad port", at(1)),
                  (site.url("/good.html"), "good", at(1))]
        site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml")
        for path in ("/broken.xml", "/homepage.html", "/feed.xml"):
            store.add_feed(site.url(path))
        fetcher = fast_fetcher(timeout=1.0, max_bytes=1024 * 1024)
        report = run_pass(store, fetcher)
        # Next pass: definite answers (not HTML, gone) are not asked again; a timeout is retried.
        run_pass(store, fetcher)
        again = {p: len(site.hits(p)) for p in ("/report.pdf", "/gone.html", "/slow.html", "/good.html")}

    reasons = {r.source.replace(site.base, ""): (r.stage, r.reason) for r in report.rejected}
    assert reasons == {
        "/to-metadata.html": ("fetch", "private-address"),
        "/to-private.html": ("fetch", "private-address"),
        "/big.html": ("fetch", "too-large"),
        "/big-unsized.html": ("fetch", "too-large"),
        "/slow.html": ("fetch", "timeout"),
        "/report.pdf": ("fetch", "non-html"),
        "/gone.html": ("fetch", "http-404"),
        "ftp://127.0.0.1/article.html": ("fetch", "bad-scheme"),
        "/feed.xml#entry-9": ("feed", "no-link"),  # feedparser could not resolve "http://[::1/broken"
        "http://127.0.0.1:99999/a.html": ("fetch", "invalid-url"),
        "/broken.xml": ("feed", "bad-xml"),
        "/homepage.html": ("feed", "not-a-feed"),
    }
    assert len(report.added) == 1  # the good page after all the bad ones
    stored = {(r.stage, r.reason) for r in store.list_rejected()}
    assert stored == set(reasons.values())
    messages = {r.reason: r.message for r in report.rejected}
    assert "169.254.169.254" in messages["private-address"] or "10.0.0.7" in messages["private-address"]
    assert "--allow-private" in messages["private-address"]
    assert "application/pdf" in messages["non-html"]
    assert again == {"/report.pdf": 1, "/gone.html": 1, "/slow.html": 2, "/good.html": 1}
    feeds = {f["url"].replace(site.base, ""): f["last_status"] for f in store.list_feeds()}
    assert feeds == {"/broken.xml": "ok", "/homepage.html": "ok", "/feed.xml": "ok"}


def test_malformed_feed_keeps_recovered_entries_and_says_so(store):
    page = bench_pages(1, offset=20)[0]
    with Site() as site:
        site.routes["/a.html"] = Route(page.html.encode("utf-8"))
        body = rss([(site.url("/a.html"), "A", at(1))], title="Loopback News")
        body = body.replace(b"Loopback News", b"Loopback&nbsp;News")  # an HTML entity XML does not define
        site.routes["/feed.xml"] = Route(body, content_type="application/rss+xml")
        store.add_feed(site.url("/feed.xml"))
        report = run_pass(store, fast_fetcher())
    assert len(report.added) == 1
    assert [(r.stage, r.reason) for r in report.rejected] == [("feed", "malformed-xml")]
    assert "1 entries were recovered" in report.rejected[0].message


def test_the_guard_refuses_loopback_unless_allowed():
    with Site() as site:
        site.routes["/a.html"] = Route(b"<html><body><p>hello</p></body></html>")
        with pytest.raises(FetchError) as refused:
            HttpFetcher(retries=0).fetch(site.url("/a.html"))
        assert refused.value.reason == "private-address" and not site.log
        assert HttpFetcher(retries=0, allow_private=True).fetch(site.url("/a.html")).status == 200
        with pytest.raises(FetchError) as localhost:
            HttpFetcher(retries=0).fetch(site.url("/a.html").replace("127.0.0.1", "localhost"))
        assert localhost.value.reason == "private-address"
    for url, reason in [("file:///etc/passwd", "bad-scheme"), ("gopher://127.0.0.1/", "bad-scheme"),
                        ("http://", "invalid-url"), ("http://example.com:99999/", "invalid-url")]:
        with pytest.raises(FetchError) as exc:
            HttpFetcher(retries=0).fetch(url)
        assert exc.value.reason == reason, url


def test_retries_with_backoff_then_succeeds():
    sleeps: list[float] = []
    with Site() as site:
        site.routes["/flaky.html"] = Route(b"busy", 503, "text/plain", headers={"Retry-After": "0"})
        fetcher = HttpFetcher(retries=2, backoff=0.05, allowed_networks=["127.0.0.1/32"],
                              sleep=lambda s: (sleeps.append(s), _recover(site)))
        response = fetcher.fetch(site.url("/flaky.html"))
    assert response.status == 200 and response.body == b"<p>ok</p>"
    assert [h.status for h in site.hits("/flaky.html")] == [503, 200]
    assert sleeps == [0.05]


def _recover(site: Site) -> None:
    site.routes["/flaky.html"] = Route(b"<p>ok</p>")


def test_gives_up_after_retries_with_growing_backoff():
    sleeps: list[float] = []
    with Site() as site:
        site.routes["/down.html"] = Route(b"down", 503, "text/plain")
        fetcher = HttpFetcher(retries=2, backoff=0.01, allowed_networks=["127.0.0.1/32"], sleep=sleeps.append)
        assert fetcher.fetch(site.url("/down.html")).status == 503
    assert len(site.hits("/down.html")) == 3 and sleeps == [0.01, 0.02]


def test_gzip_bodies_are_decoded_and_capped_after_decoding():
    html = b"<html><body>" + b"<p>news</p>" * 50000 + b"</body></html>"
    with Site() as site:
        site.routes["/z.html"] = Route(gzip.compress(html), headers={"Content-Encoding": "gzip"})
        fetcher = HttpFetcher(retries=0, allowed_networks=["127.0.0.1/32"])
        assert fetcher.fetch(site.url("/z.html")).body == html
        with pytest.raises(FetchError) as bomb:  # 2.5 KB on the wire, 550 KB decoded
            HttpFetcher(retries=0, max_bytes=100_000, allowed_networks=["127.0.0.1/32"]).fetch(site.url("/z.html"))
        assert bomb.value.reason == "too-large"


def test_replay_fetcher_serves_saved_pages_conditionally():
    page = bench_pages(1)[0]
    replay = ReplayFetcher()
    replay.add("https://news.example/a.html", page.html.encode("utf-8"), etag='"v1"')
    polite = PoliteFetcher(replay, delay=0, obey_robots=True)
    assert polite.fetch("https://news.example/a.html?utm_source=x").status == 200
    assert polite.fetch("https://news.example/a.html", etag='"v1"').status == 304
    assert replay.requests[0] == "https://news.example/robots.txt"  # 404 there: everything allowed
    assert replay.fetch("https://news.example/missing").status == 404


def test_unreachable_robots_txt_means_disallow_all_for_a_while(store):
    from newsprism.ingest.pages import SourceReport, ingest_url

    page = bench_pages(1, offset=60)[0]
    with Site() as site:
        site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain", delay=1.0)
        site.routes["/a.html"] = Route(page.html.encode("utf-8"))
        site.routes["/b.html"] = Route(page.html.encode("utf-8"))
        report, fetcher = SourceReport(), fast_fetcher(timeout=0.3)
        for path in ("/a.html", "/b.html"):
            ingest_url(site.url(path), store, fetcher, report)
    assert [(r.stage, r.reason) for r in report.rejected] == [("robots", "robots-unreachable")] * 2
    assert "robots.txt could not be read (timeout)" in report.rejected[0].message
    assert report.rejected[0].source.endswith("/a.html") and "/a.html:" in report.rejected[0].message
    assert len(site.hits("/robots.txt")) == 1 and not site.hits("/a.html") and not site.hits("/b.html")


def _self_signed(tmp_path):
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_https_is_verified_against_the_host_name_while_pinned_to_the_checked_address(tmp_path):
    import ssl

    cert, key = _self_signed(tmp_path)
    with Site() as site:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
        site.routes["/a.html"] = Route(b"<html><body><p>over TLS</p></body></html>")
        https = site.url("/a.html").replace("http://127.0.0.1", "https://localhost")
        trusted = HttpFetcher(retries=0, timeout=2, allow_private=True, ca_certs=str(cert))
        assert trusted.fetch(https).body == b"<html><body><p>over TLS</p></body></html>"
        assert site.log[-1].headers["host"] == https.split("/")[2]
        with pytest.raises(FetchError) as untrusted:  # the public CA bundle does not know this certificate
            HttpFetcher(retries=0, timeout=2, allow_private=True).fetch(https)
        with pytest.raises(FetchError) as wrong_name:  # the certificate is for localhost, not 127.0.0.1
            trusted.fetch(https.replace("localhost", "127.0.0.1"))
    assert untrusted.value.reason == "tls-error" and wrong_name.value.reason == "tls-error"


def test_a_server_that_drips_its_body_hits_the_total_time_cap():
    import time

    with Site() as site:
        site.routes["/drip.html"] = Route(b"<p>" + b"x" * 6000 + b"</p>", drip=0.1)  # 61 pieces, ~6 s
        start = time.monotonic()
        with pytest.raises(FetchError) as exc:
            HttpFetcher(retries=0, timeout=0.6, allowed_networks=["127.0.0.1/32"]).fetch(site.url("/drip.html"))
        took = time.monotonic() - start
    assert exc.value.reason == "timeout" and took < 2.5, took


def test_non_ascii_and_spaces_in_paths_are_percent_encoded_once():
    with Site() as site:
        site.routes["/caf%C3%A9%20x.html"] = Route(b"<p>ok</p>")
        fetcher = HttpFetcher(retries=0, allowed_networks=["127.0.0.1/32"])
        assert fetcher.fetch(site.url("/café x.html")).status == 200
        assert fetcher.fetch(site.url("/caf%C3%A9%20x.html")).status == 200
    assert [h.path for h in site.log] == ["/caf%C3%A9%20x.html"] * 2
