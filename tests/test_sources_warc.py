"""WARC ingest: a WARC written at test time from benchmark pages, with records that are not articles."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsprism.ingest.pages import SourceReport, store_page
from newsprism.ingest.revisions import get_revisions
from newsprism.ingest.warc import iter_warc, write_warc
from newsprism.model import RawPage, Rejected
from newsprism.present.cli import cli
from .test_sources_support import bench_pages

CORRECTION = "Update: the officials later corrected several of the figures given here."


def _warc(path, pages, extra=()):
    records = [(f"https://news.example/{p.key[:10]}.html?utm_source=cc", p.html.encode("utf-8")) for p in pages]
    return write_warc(path, list(records) + list(extra))


def test_iter_warc_yields_html_pages_and_rejects_the_rest(tmp_path):
    pages = bench_pages(4, offset=30)
    path = tmp_path / "crawl.warc.gz"
    _warc(path, pages)
    write_warc(tmp_path / "image.warc", [("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n")], "image/png",
               gzipped=False)
    items = list(iter_warc(path)) + list(iter_warc(tmp_path / "image.warc"))
    html = [i for i in items if isinstance(i, RawPage)]
    assert [p.content for p in html] == [p.html for p in pages]
    assert all(p.url.startswith("https://news.example/") and p.extra["crawled"] for p in html)
    assert [(r.stage, r.reason) for r in items if isinstance(r, Rejected)] == [("warc", "non-html")]


def test_truncated_warc_is_reported_with_what_to_do(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _warc(path, bench_pages(2, offset=30))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])
    items = list(iter_warc(path))
    assert items and all(isinstance(i, Rejected) for i in items)
    assert items[0].reason == "truncated" and "Download it again" in items[0].message
    path.write_bytes(b"this is not a WARC file at all\n" * 10)
    assert [(r.stage, r.reason) for r in iter_warc(path)] == [("warc", "not-warc")]


def test_ingest_warc_cli_then_a_recrawl_with_a_changed_page_is_a_revision(tmp_path):
    pages = bench_pages(5, offset=30)
    db, first, second = str(tmp_path / "w.db"), tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    _warc(first, pages)
    changed = [(f"https://news.example/{pages[0].key[:10]}.html#top",
                pages[0].html.replace(pages[0].lead, CORRECTION + " " + pages[0].lead).encode("utf-8"))]
    write_warc(second, changed + [(f"https://news.example/{p.key[:10]}.html", p.html.encode("utf-8"))
                                  for p in pages[1:]])
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "ingest-warc", str(first), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["added"] == 5
    again = json.loads(runner.invoke(cli, ["--db", db, "ingest-warc", str(second), "--json"]).output)
    assert again["added"] == 0 and again["revised"] == 1 and again["unchanged"] == 4
    missing = runner.invoke(cli, ["--db", db, "ingest-warc", str(tmp_path / "nope.warc.gz")])
    assert missing.exit_code == 1 and "no such file" in missing.output + (missing.stderr or "")


def test_same_text_under_a_new_url_is_one_article(store):
    page = bench_pages(1, offset=30)[0]
    report = SourceReport()
    for url in ("https://news.example/a.html", "https://mirror.example/copy.html"):
        store_page(RawPage(url, "html", page.html, url=url), store, report)
    assert len(report.added) == 1 and report.duplicates == 1
    assert store.get_fetched("mirror.example/copy.html")["article_id"] == report.added[0]
    assert get_revisions(store, report.added[0]) == []


def test_plain_ingest_reads_warc_files_too(tmp_path):
    pages = bench_pages(3, offset=70)
    path = tmp_path / "crawl.warc.gz"
    _warc(path, pages)
    db = str(tmp_path / "i.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(path), "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 3


def test_a_malformed_warc_record_is_rejected_and_the_batch_goes_on(tmp_path, data_dir):
    """A response record without a target URI makes warcio's parser raise: the pages before it are kept,
    the file is rejected with where it broke, and the other files of the batch are still ingested."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "crawl.warc"
    write_warc(path, [(f"https://news.example/{p.key[:10]}.html", p.html.encode("utf-8"))
                      for p in bench_pages(2, offset=90)], gzipped=False)
    with open(path, "ab") as out:
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>")
    seed = next((data_dir / "seeds").glob("000_*.txt"))
    (folder / "z_article.txt").write_bytes(seed.read_bytes())
    db = str(tmp_path / "i.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder), "--quiet", "--json", "--no-analyze"])
    assert result.exit_code == 1, result.output  # one input rejected
    assert json.loads(result.stdout)["added"] == 3  # both archived pages and the text file after the archive
    listed = CliRunner().invoke(cli, ["--db", db, "rejected", "--json"])
    rejected = [r for r in json.loads(listed.stdout) if r["source"].endswith("crawl.warc")]
    assert [(r["stage"], r["reason"]) for r in rejected] == [("warc", "unreadable")]
    assert "record 3 is malformed" in rejected[0]["message"] and "Traceback" not in result.output
