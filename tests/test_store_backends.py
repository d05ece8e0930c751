"""One store contract, run on SQLite and on a real PostgreSQL server, with real articles."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest

from newsprism.errors import StoreError
from newsprism.ingest.files import read_path
from newsprism.model import Article, RawPage, Rejected
from newsprism.pipeline import ingest_pages, process
from newsprism.store.sqlite import migrations

from .conftest import DATA, SEEDS, pg_database_url


def _seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        (page,) = list(read_path(path))
        article = process(page)
        assert isinstance(article, Article), article
        out.append(article)
    return out


def _basil(n: int) -> list[dict]:
    with open(DATA / "basil" / "dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(n), fh)]


def test_migrations_record_the_same_versions_on_both_backends(any_store):
    assert [v for v, _ in any_store.schema_versions()] == [v for v, _, _ in migrations("sqlite")]
    assert any_store.schema_versions() == [(v, n) for v, n, _ in migrations("postgres")]
    assert any_store.migrate() == []  # idempotent


def test_articles_round_trip_and_dedupe(any_store):
    dw, trt = _seed_articles()
    assert any_store.add_article(dw) is True
    assert any_store.add_article(trt) is True
    assert any_store.add_article(replace(dw, source="elsewhere.txt")) is False
    assert any_store.count_articles() == 2
    back = any_store.get_article(dw.id[:8])
    assert back is not None and back.text == dw.text and back.sentences == dw.sentences
    assert back.removed == dw.removed
    assert any_store.has_input(dw.raw_hash) and not any_store.has_input("0" * 16)
    assert [a.id for a in any_store.iter_articles()] == [dw.id, trt.id]
    listed = any_store.list_articles(limit=10)
    assert {r["id"] for r in listed} == {dw.id, trt.id}
    assert all(r["chars"] > 500 for r in listed)


def test_ingest_pipeline_skips_seen_inputs_and_stores_rejects(any_store):
    records = _basil(12)
    pages = [RawPage(source=f"basil#{i}", kind="text", content=r["text"], title=r["title"], outlet=r["outlet"],
                     published=r["date"]) for i, r in enumerate(records)]
    bad = RawPage(source="empty.txt", kind="text", content="   \n")
    first = ingest_pages([*pages, bad], any_store)
    assert len(first.added) == 12 and len(first.rejected) == 1
    again = ingest_pages(pages, any_store)
    assert again.skipped == 12 and not again.added
    (rej,) = any_store.list_rejected()
    assert rej.source == "empty.txt" and rej.stage in {"clean", "ingest"}
    stats = any_store.stats()
    assert stats["articles"] == 12 and stats["rejected"] == 1
    assert set(stats["outlets"]) == {r["outlet"] for r in records}


def test_search_words_phrases_or_not(any_store):
    dw, trt = _seed_articles()
    any_store.add_article(dw)
    any_store.add_article(trt)
    both = {r["id"] for r in any_store.search("Putin")}
    assert both == {dw.id, trt.id}
    # "Ghouta" is in the DW text only, "Aleppo" in the TRT text only.
    assert [r["id"] for r in any_store.search("Putin NOT Aleppo")] == [dw.id]
    assert {r["id"] for r in any_store.search("Ghouta OR Aleppo")} == {dw.id, trt.id}
    assert [r["id"] for r in any_store.search('"Eastern Ghouta"')] == [dw.id]
    assert any_store.search("zzqqxxnothing") == []
    # what people type into a search box: an unclosed quote, a dangling operator
    assert [r["id"] for r in any_store.search('"Eastern Ghouta')] == [dw.id]
    assert [r["id"] for r in any_store.search("Ghouta OR")] == [dw.id]
    for nothing in ('"', "", "AND"):
        with pytest.raises(StoreError, match="no words"):
            any_store.search(nothing)
    assert any("[" in r["snippet"] for r in any_store.search("Putin"))


def test_rejected_is_upserted_by_source_stage_reason(any_store):
    rej = Rejected("a.html", "ingest", "empty", "first", sample="x\x00y")
    any_store.add_rejected(rej)
    any_store.add_rejected(replace(rej, message="second"))
    (stored,) = any_store.list_rejected()
    assert stored.message == "second"


def test_analysis_payloads(any_store):
    (dw, _) = _seed_articles()
    dw.analysis = {"entities": {"version": "1", "items": [{"text": "Putin", "label": "PER"}]}}
    any_store.add_article(dw)
    any_store.put_analysis(dw.id, "places", "2", {"version": "2", "items": ["Sochi"]})
    any_store.put_analysis(dw.id, "places", "3", {"version": "3", "items": ["Sochi", "Russia"]})
    got = any_store.get_analysis(dw.id)
    assert got["entities"]["items"][0]["text"] == "Putin"
    assert got["places"] == {"version": "3", "items": ["Sochi", "Russia"]}


def test_sources_methods(any_store):
    dw, trt = _seed_articles()
    any_store.add_article(dw)
    assert any_store.add_feed("https://www.dw.com/rss", "DW", "dw.com", "en") is True
    assert any_store.add_feed("https://www.dw.com/rss") is False
    any_store.update_feed("https://www.dw.com/rss", "200", etag='"abc"')
    (feed,) = any_store.list_feeds()
    assert feed["etag"] == '"abc"' and feed["last_status"] == "200" and feed["last_polled"]
    any_store.record_fetch("dw.com/a", "https://dw.com/a", dw.id, etag="e1")
    any_store.record_fetch("dw.com/a", "https://dw.com/a?x", None, last_modified="yesterday")
    fetched = any_store.get_fetched("dw.com/a")
    assert fetched["article_id"] == dw.id and fetched["etag"] == "e1" and fetched["last_modified"] == "yesterday"
    assert any_store.add_revision(dw.id, replace(trt, id=dw.id)) == 2
    revisions = any_store.list_revisions(dw.id)
    assert [r["revision"] for r in revisions] == [1, 2] and revisions[1]["text"] == trt.text
    assert any_store.get_article(dw.id).text == trt.text
    assert any_store.remove_feed("https://www.dw.com/rss") is True


def test_concurrent_writers_lose_nothing(any_store):
    records = _basil(24)
    articles = [process(RawPage(source=f"basil#{i}", kind="text", content=r["text"], title=r["title"]))
                for i, r in enumerate(records)]
    errors: list[BaseException] = []

    def write(chunk: list[Article]) -> None:
        try:
            for a in chunk:
                any_store.add_article(a)
                any_store.add_article(a)  # the same article from two writers at once adds it once
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(articles[i::3],)) for i in range(3)]
    threads += [threading.Thread(target=write, args=(articles[::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert any_store.count_articles() == len({a.id for a in articles})


def test_bad_postgres_url_is_a_clear_error():
    from newsprism.errors import StoreError
    from newsprism.store import open_store

    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody@127.0.0.1:1/nothing")
    assert "cannot connect" in str(info.value) and info.value.hint


def test_story_service_gives_the_same_stories_on_both_backends(tmp_path, pg_server):
    from newsprism.store import open_store
    from newsprism.stories.service import assign_new, recluster

    records = _basil(15)
    pages = [RawPage(source=f"basil#{i}", kind="text", content=r["text"], title=r["title"], outlet=r["outlet"],
                     published=r["date"]) for i, r in enumerate(records)]
    results = []
    for location in (str(tmp_path / "s.db"), pg_database_url(pg_server, "stories")):
        store = open_store(location)
        try:
            ingest_pages(pages[:12], store)
            summary = recluster(store)
            ingest_pages(pages[12:], store)
            assign_new(store)
            stories = store.list_stories(limit=100)
            partition = {frozenset(m["id"] for m in store.get_story(s["id"])["members"]) for s in stories}
            assert sum(len(p) for p in partition) == 15 and not store.unassigned_article_ids()
            results.append((summary, partition, sorted(s["title"] or "" for s in stories)))
        finally:
            store.close()
    assert results[0] == results[1]
    # BASIL triplets: three outlets reporting one event end up mostly in one story
    story_of = {i: next(p for p in results[0][1] if i in p) for p in results[0][1] for i in p}
    by_event: dict[str, set] = {}
    for page, r in zip(pages, records):
        by_event.setdefault(r["story"], set()).add(process(page).id)
    together = sum(len({story_of[i] for i in ids}) == 1 for ids in by_event.values())
    assert together >= len(by_event) // 2
