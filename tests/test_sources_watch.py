"""Watch mode against a real HTTP server on loopback serving benchmark pages, an RSS feed and robots.txt."""

from __future__ import annotations

from click.testing import CliRunner

from newsprism.ingest.revisions import get_revisions
from newsprism.ingest.watch import run_pass
from newsprism.present.cli import cli
from .test_sources_support import Route, Site, at, bench_pages, fast_fetcher, rss

CORRECTION = "Update: the officials later corrected several of the figures given here."


def _serve_articles(site: Site, pages) -> list[str]:
    paths = []
    for page in pages:
        path = f"/news/{page.key[:10]}.html"
        site.routes[path] = Route(page.html.encode("utf-8"), etag=f'"{page.key[:8]}-v1"')
        paths.append(path)
    return paths


def test_watch_new_items_304_and_revisions(store, tmp_path):
    pages = bench_pages(3)
    with Site() as site:
        paths = _serve_articles(site, pages)
        # Feed links carry tracking parameters: the stored key must not depend on them.
        items = [(site.url(p) + "?utm_source=rss&utm_medium=feed", f"Story {i}", at(i + 1))
                 for i, p in enumerate(paths[:2])]
        site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml", etag='"feed-1"')
        store.add_feed(site.url("/feed.xml"), outlet="Loopback News")
        fetcher = fast_fetcher()

        first = run_pass(store, fetcher)
        assert len(first.added) == 2 and first.ok, first.rejected
        assert {a["outlet"] for a in store.list_articles()} == {"Loopback News"}  # the feed's outlet hint
        assert store.list_feeds()[0]["etag"] == '"feed-1"'

        # Unchanged feed: one conditional request answered 304, no article fetched again.
        before = len(site.log)
        second = run_pass(store, fetcher)
        assert second.feeds_unchanged == 1 and not second.added
        assert [h.path for h in site.log[before:]] == ["/feed.xml"]
        assert site.log[-1].headers.get("if-none-match") == '"feed-1"' and site.log[-1].status == 304

        # A new item appears: only it is fetched; the known items are not asked for again.
        items.append((site.url(paths[2]) + "#comments", "Story 2", at(3)))
        site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml", etag='"feed-2"')
        before = len(site.log)
        third = run_pass(store, fetcher)
        assert len(third.added) == 1 and third.known == 2
        assert sorted(h.path for h in site.log[before:]) == sorted(["/feed.xml", paths[2]])

        # The first article changes and its feed entry says so: a new revision of the same article.
        article_id = store.get_fetched(_key(site.url(paths[0])))["article_id"]
        changed = pages[0].html.replace(pages[0].lead, CORRECTION + " " + pages[0].lead)
        site.routes[paths[0]] = Route(changed.encode("utf-8"), etag=f'"{pages[0].key[:8]}-v2"')
        items[0] = (items[0][0], "Story 0", at(9))
        site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml", etag='"feed-3"')
        fourth = run_pass(store, fetcher)
        assert fourth.revised == [article_id] and not fourth.added
        assert site.hits(paths[0])[-1].headers.get("if-none-match") == f'"{pages[0].key[:8]}-v1"'
        revisions = get_revisions(store, article_id)
        assert [r.number for r in revisions] == [1, 2]
        assert CORRECTION not in revisions[0].text and CORRECTION in revisions[1].text
        assert CORRECTION in store.get_article(article_id).text
        assert store.count_articles() == 3


def _key(url: str) -> str:
    from newsprism.ingest.urls import url_key

    return url_key(url)


def test_show_revisions_cli_shows_the_changed_sentence(tmp_path):
    page = bench_pages(1, offset=5)[0]
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    with Site() as site:
        site.routes["/a.html"] = Route(page.html.encode("utf-8"))
        args = ["--db", db, "fetch", site.url("/a.html"), "--allow-private", "--delay", "0", "--timeout", "2"]
        assert runner.invoke(cli, args).exit_code == 0
        # Same text again: nothing new. Changed text: a revision.
        result = runner.invoke(cli, args + ["--json"])
        assert '"unchanged": 1' in result.output
        site.routes["/a.html"] = Route(page.html.replace(page.lead, CORRECTION + " " + page.lead).encode("utf-8"))
        result = runner.invoke(cli, args + ["--json"])
        assert result.exit_code == 0 and '"revised": 1' in result.output
    listing = runner.invoke(cli, ["--db", db, "list", "--json"])
    article_id = listing.output.split('"id": "')[1].split('"')[0]
    shown = runner.invoke(cli, ["--db", db, "show", article_id, "--revisions"])
    assert shown.exit_code == 0
    assert "revision 1" in shown.output and "revision 2" in shown.output
    added = [line for line in shown.output.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any(CORRECTION in line for line in added)


def test_robots_txt_and_per_host_delay(store):
    pages = bench_pages(2, offset=8)
    with Site() as site:
        paths = _serve_articles(site, pages)
        site.routes["/private/secret.html"] = Route(pages[0].html.encode("utf-8"))
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        items = [(site.url(p), f"Story {i}", at(1)) for i, p in enumerate(paths + ["/private/secret.html"])]
        site.routes["/feed.xml"] = Route(rss(items), content_type="application/rss+xml")
        store.add_feed(site.url("/feed.xml"))
        delay = 0.3
        report = run_pass(store, fast_fetcher(delay=delay))

    assert len(report.added) == 2
    assert [(r.stage, r.reason) for r in report.rejected] == [("robots", "robots-disallowed")]
    assert not site.hits("/private/secret.html")
    assert len(site.hits("/robots.txt")) == 1  # fetched once per host and cached
    times = [h.at for h in site.log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 4 and min(gaps) >= delay * 0.95, gaps
    stored = {(r.stage, r.reason) for r in store.list_rejected()}
    assert ("robots", "robots-disallowed") in stored


def test_crawl_delay_in_robots_txt_wins_over_a_shorter_delay(store):
    pages = bench_pages(2, offset=12)
    with Site() as site:
        paths = _serve_articles(site, pages)
        site.routes["/robots.txt"] = Route(b"User-agent: newsprism\nCrawl-delay: 1\n", content_type="text/plain")
        report = _fetch_all(store, [site.url(p) for p in paths], fast_fetcher(delay=0.0))
    assert len(report.added) == 2
    article_hits = [h.at for p in paths for h in site.hits(p)]
    assert article_hits[1] - article_hits[0] >= 0.95


def _fetch_all(store, urls, fetcher):
    from newsprism.ingest.pages import SourceReport, ingest_url

    report = SourceReport()
    for url in urls:
        ingest_url(url, store, fetcher, report)
    return report


def test_a_crawl_delay_longer_than_the_wait_cap_defers_the_page(store):
    pages = bench_pages(2, offset=14)
    with Site() as site:
        paths = _serve_articles(site, pages)
        site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 120\n", content_type="text/plain")
        from newsprism.ingest.fetch import HttpFetcher, PoliteFetcher

        fetcher = PoliteFetcher(HttpFetcher(timeout=2, retries=0, allowed_networks=["127.0.0.1/32"]), delay=0,
                                max_wait=0.5)
        report = _fetch_all(store, [site.url(p) for p in paths], fetcher)
    assert [(r.stage, r.reason) for r in report.rejected] == [("politeness", "deferred")] * 2
    assert "Crawl-delay of 120 s" in report.rejected[0].message
    assert not any(site.hits(p) for p in paths)  # robots.txt itself was read, then nothing more
    assert store.get_fetched(_key(site.url(paths[0]))) is None  # so a later pass fetches it
