"""Ingest: real files in, articles stored once, every bad input rejected with a stage and a reason."""

from __future__ import annotations

import gzip
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsprism.ingest.files as files
from newsprism.ingest.files import iter_paths, read_path, read_stream
from newsprism.model import RawPage, Rejected
from newsprism.present.cli import cli
from newsprism.pipeline import ingest_pages

from .conftest import DATA, ROOT, SEEDS


def _ingest(paths, store, max_bytes=None):
    def pages():
        for item in iter_paths(paths):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from (read_path(item, max_bytes) if max_bytes else read_path(item))
    return ingest_pages(pages(), store)


def _benchmark_pages(dest: Path, n: int) -> list[Path]:
    html_dir = DATA / "article-extraction-benchmark" / "html"
    out = []
    for src in sorted(html_dir.glob("*.html.gz"))[:n]:
        target = dest / src.name
        shutil.copy(src, target)
        out.append(target)
    return out


def test_seed_folder_twice_stores_each_article_once(store, tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    first = _ingest([tmp_path], store)
    assert len(first.added) == 2 and first.ok
    second = _ingest([tmp_path], store)
    assert second.added == [] and second.skipped == 2
    assert store.stats()["articles"] == 2


def test_same_article_under_another_name_is_not_stored_twice(store, tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(seed, tmp_path / "a" / "copy1.txt")
    # Same article, different bytes (Windows newlines): the content hash of the cleaned body matches.
    (tmp_path / "b" / "copy2.txt").write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))
    report = _ingest([tmp_path], store)
    assert len(report.added) == 1 and len(report.duplicates) + report.skipped == 1
    assert store.stats()["articles"] == 1


def test_html_gz_pages_are_extracted_and_searchable(store, tmp_path):
    _benchmark_pages(tmp_path, 6)
    report = _ingest([tmp_path], store)
    assert len(report.added) + len(report.rejected) == 6
    assert len(report.added) >= 5
    truth = json.loads((DATA / "article-extraction-benchmark" / "ground-truth.json").read_text())
    article = store.get_article(report.added[0])
    key = Path(article.source).name.removesuffix(".html.gz")
    words = [w for w in truth[key]["articleBody"].split() if w.isalpha() and len(w) > 6][:1]
    assert words and any(r["id"] == article.id for r in store.search(words[0], limit=50))


def test_jsonl_records_keep_their_metadata_and_bad_lines_are_rejected_alone(store, tmp_path):
    body = (SEEDS / "000_b6d28b3d5f38a964.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"text": body, "title": "T1", "outlet": "Deutsche Welle", "published": "2017-05-03",
                    "url": "https://www.dw.com/en/x/a-1"}),
        "{this is not json",
        json.dumps({"title": "no text at all"}),
        json.dumps({"html": "<html><body><article><p>" + "Text of a small article. " * 20
                    + "</p></article></body></html>", "outlet": "Example"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = _ingest([path], store)
    assert len(report.added) == 2
    reasons = sorted(r.reason for r in report.rejected)
    assert reasons == ["bad-json", "no-content"]
    assert any(r.source.endswith("#2") for r in report.rejected)  # the line number is in the source
    stored = {a["title"]: a for a in store.list_articles()}
    assert stored["T1"]["outlet"] == "Deutsche Welle" and stored["T1"]["published"] == "2017-05-03"


def _bad_inputs(folder: Path) -> dict[str, str]:
    """file name -> the rejection reason it must get."""
    (folder / "empty.txt").write_text("   \n\n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    random.seed(7)
    (folder / "noise.txt").write_bytes(bytes(random.randrange(1, 256) for _ in range(4000)))
    (folder / "huge.txt").write_text("A long line of text. " * 2000)
    (folder / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not an article")
    (folder / "broken.html.gz").write_bytes(b"\x1f\x8b\x08 truncated")
    return {"empty.txt": "empty", "image.txt": "binary", "noise.txt": "undecodable",
            "huge.txt": "too-large", "nav-only.html": "no-article", "slides.pptx": "unknown-extension",
            "broken.html.gz": "unreadable"}


def test_each_kind_of_bad_input_is_rejected_with_a_reason_and_the_batch_goes_on(store, tmp_path):
    expected = _bad_inputs(tmp_path)
    shutil.copy(SEEDS / "002_e2b5d6b51d6234c6.txt", tmp_path / "zz_good.txt")
    report = _ingest([tmp_path], store, max_bytes=20_000)
    assert len(report.added) == 1  # the good file after all the bad ones
    got = {Path(r.source).name: r.reason for r in report.rejected}
    assert got == expected
    stored = {Path(r.source).name: r for r in store.list_rejected()}
    assert set(stored) == set(expected)
    assert stored["nav-only.html"].stage == "clean" and stored["empty.txt"].stage == "ingest"
    for r in stored.values():  # every message says what to do, in words
        assert len(r.message) > 40 and r.message[0] != "<"


def test_legacy_encodings_are_decoded_not_rejected(store, tmp_path):
    text = ("Die Präsidenten Putin und Erdoğan trafen sich in Sotschi. " * 3).replace("ğ", "g")
    (tmp_path / "latin1.txt").write_bytes(text.encode("cp1252"))
    report = _ingest([tmp_path], store)
    assert report.ok and "Präsidenten" in store.get_article(report.added[0]).text


def test_stdin_json_and_text():
    record = json.dumps({"text": "Some article text that is long enough to keep. " * 3, "title": "x"})
    pages = list(read_stream(io.BytesIO(record.encode()), kind="auto"))
    assert isinstance(pages[0], RawPage) and pages[0].title == "x"
    pages = list(read_stream(io.BytesIO(b"Plain scraped text.\n"), kind="auto"))
    assert pages[0].kind == "text"


def test_gzip_html_is_read(tmp_path):
    src = sorted((DATA / "article-extraction-benchmark" / "html").glob("*.html.gz"))[0]
    pages = list(read_path(src))
    assert isinstance(pages[0], RawPage) and pages[0].kind == "html"
    assert "<" in pages[0].content and len(pages[0].content) == len(gzip.decompress(src.read_bytes()).decode(
        "utf-8", "replace"))


def test_missing_path_is_reported():
    items = list(iter_paths([ROOT / "does-not-exist"]))
    assert isinstance(items[0], Rejected) and items[0].reason == "not-found"


def test_a_reader_failing_on_one_file_rejects_it_and_the_batch_goes_on(tmp_path, data_dir, monkeypatch):
    """Whatever a file reader raises (a bug, a library's surprise), the file is stored as rejected with the
    error, and the files after it are still read."""
    real = files.read_named_bytes

    def reader(name, data, source, max_bytes):
        if name.startswith("a_"):
            raise RuntimeError("simulated reader bug")
        return real(name, data, source, max_bytes)

    monkeypatch.setattr(files, "read_named_bytes", reader)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, seed in zip(("a_first.txt", "b_second.txt"), sorted((data_dir / "seeds").glob("00*.txt"))):
        (folder / name).write_bytes(seed.read_bytes())
    db = str(tmp_path / "i.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder), "--quiet", "--json", "--no-analyze"])
    assert result.exit_code == 1 and json.loads(result.stdout)["added"] == 1, result.output
    rejected = json.loads(CliRunner().invoke(cli, ["--db", db, "rejected", "--json"]).stdout)
    assert [(r["stage"], r["reason"]) for r in rejected] == [("ingest", "internal-error")]
    assert "simulated reader bug" in rejected[0]["message"] and rejected[0]["source"].endswith("a_first.txt")
