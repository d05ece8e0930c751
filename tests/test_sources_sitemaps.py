"""News sitemaps (with an index and a gzipped child), OPML feed lists and the feeds/watch commands."""

from __future__ import annotations

import gzip
import json

from click.testing import CliRunner
from importlib import resources

from newsprism.ingest.feeds import parse_opml
from newsprism.present.cli import cli
from .test_sources_support import Route, Site, at, bench_pages, news_sitemap, rss, sitemap_index

LOOPBACK = ["--allow-private", "--delay", "0", "--timeout", "2", "--retries", "0"]


def test_fetch_sitemap_index_with_news_hints(tmp_path):
    pages = bench_pages(3, offset=40)
    db = str(tmp_path / "s.db")
    with Site() as site:
        for i, page in enumerate(pages):
            site.routes[f"/p{i}.html"] = Route(page.html.encode("utf-8"))
        site.routes["/news-sitemap.xml"] = Route(news_sitemap([(site.url("/p0.html"), "Sochi talks"),
                                                               (site.url("/p1.html"), "Second story")]),
                                                 content_type="application/xml")
        site.routes["/older.xml.gz"] = Route(gzip.compress(news_sitemap([(site.url("/p2.html"), "Older story")])),
                                             content_type="application/gzip")
        site.routes["/sitemap.xml"] = Route(sitemap_index([site.url("/news-sitemap.xml"), site.url("/older.xml.gz"),
                                                           site.url("/missing.xml")]), content_type="application/xml")
        result = CliRunner().invoke(cli, ["--db", db, "fetch", "--sitemap", site.url("/sitemap.xml"), *LOOPBACK,
                                          "--json"])
    summary = json.loads(result.output)
    assert summary["added"] == 3 and summary["rejected_by_reason"] == {"sitemap:http-404": 1}
    assert result.exit_code == 1  # one child sitemap failed, and the exit code says so
    listing = json.loads(CliRunner().invoke(cli, ["--db", db, "list", "--json"]).output)
    assert {r["title"] for r in listing} == {"Sochi talks", "Second story", "Older story"}
    assert {r["outlet"] for r in listing} == {"Loopback News"}
    assert {r["published"] for r in listing} == {"2017-05-03"}


def test_starter_opml_lists_many_outlets_across_languages():
    body = (resources.files("newsprism") / "data" / "feeds.opml").read_bytes()
    refs = parse_opml(body, "feeds.opml")
    assert len(refs) >= 40 and len({r.url for r in refs}) == len(refs)
    assert len({r.language for r in refs}) >= 12
    assert all(r.url.startswith("https://") and r.title for r in refs)


def test_feeds_add_list_and_watch_once(tmp_path):
    pages = bench_pages(2, offset=50)
    db = str(tmp_path / "f.db")
    runner = CliRunner()
    opml = tmp_path / "mine.opml"
    with Site() as site:
        for i, page in enumerate(pages):
            site.routes[f"/p{i}.html"] = Route(page.html.encode("utf-8"))
        site.routes["/feed.xml"] = Route(rss([(site.url(f"/p{i}.html"), f"Story {i}", at(i + 1)) for i in range(2)]),
                                         content_type="application/rss+xml", etag='"1"')
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Local">'
                        f'<outline text="Loopback" type="rss" xmlUrl="{site.url("/feed.xml")}"/>'
                        f'</outline></body></opml>', encoding="utf-8")
        added = runner.invoke(cli, ["--db", db, "feeds", "add", "--opml", str(opml), "ftp://x.example/feed"])
        assert added.exit_code == 1 and "1 feeds added" in added.output and "1 invalid" in added.output
        again = runner.invoke(cli, ["--db", db, "feeds", "add", site.url("/feed.xml") + "?utm_source=x"])
        assert "0 feeds added, 1 already there" in again.output
        first = runner.invoke(cli, ["--db", db, "watch", "--once", *LOOPBACK, "--json"])
        second = runner.invoke(cli, ["--db", db, "watch", "--passes", "1", "--interval", "0", *LOOPBACK, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["added"] == 2
    later = json.loads(second.output)
    assert (later["pass"], later["feeds_unchanged"], later["added"], later["known"]) == (1, 1, 0, 0)
    feeds = json.loads(runner.invoke(cli, ["--db", db, "feeds", "list", "--json"]).output)
    assert [(f["outlet"], f["last_status"], f["etag"]) for f in feeds] == [("Loopback", "not-modified", '"1"')]
    starter = runner.invoke(cli, ["--db", str(tmp_path / "g.db"), "feeds", "add", "--starter"])
    assert starter.exit_code == 0 and "feeds added, 0 already there, 0 invalid" in starter.output
    empty = runner.invoke(cli, ["--db", str(tmp_path / "h.db"), "watch", "--once"])
    assert empty.exit_code != 0 and "no feeds to watch" in empty.output
