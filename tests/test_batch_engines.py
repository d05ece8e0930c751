"""`newsprism batch` on real articles through the in-process engine and a real Dask cluster (a scheduler
and two worker processes on loopback): both must give the same articles, syndication groups and stories."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsprism.batch.executor import LocalExecutor
from newsprism.batch.run import run_batch
from newsprism.ingest.files import read_path
from newsprism.model import Article, RawPage, Rejected
from newsprism.pipeline import process

from .conftest import DATA, pg_database_url

pytestmark = pytest.mark.slow

FILES = 6
PER_FILE = 40


def _records() -> list[dict]:
    """Dated BASIL articles (so there are several time windows) and undated AllSides leads."""
    out = []
    with open(DATA / "basil" / "dev.jsonl", encoding="utf-8") as fh:
        for _, line in zip(range(120), fh):
            r = json.loads(line)
            out.append({"text": r["text"], "title": r["title"], "outlet": r["outlet"], "published": r["date"],
                        "event": r["story"]})
    with open(DATA / "allsides-triplets" / "dev.jsonl", encoding="utf-8") as fh:
        for _, line in zip(range(FILES * PER_FILE - len(out)), fh):
            r = json.loads(line)
            out.append({"text": r["text"], "title": r["title"]})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """A manifest of JSONL files from real articles, with planted re-posts and bad inputs."""
    root = tmp_path_factory.mktemp("batch-in")
    records = _records()
    files = [records[i::FILES] for i in range(FILES)]
    planted = []
    # A re-post in another file: the same text without its last paragraph (a near duplicate).
    for k, source in enumerate([files[0][0], files[1][1], files[2][2]]):
        paragraphs = source["text"].split("\n\n")
        assert len(paragraphs) > 4
        copy = dict(source, text="\n\n".join(paragraphs[:-1]), outlet=f"reposter{k}")
        files[(k + 3) % FILES].append(copy)
        planted.append((source["title"], copy["outlet"]))
    # The exact same record again in a later file: one article, not two.
    files[5].append(dict(files[0][5]))
    files[4].append({"text": "", "title": "empty"})
    for i, chunk in enumerate(files):
        with open(root / f"part{i}.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in chunk)
    manifest = root / "manifest.txt"
    manifest.write_text("# inputs\n" + "".join(f"part{i}.jsonl\n" for i in range(FILES)) + "gone.jsonl\n")
    return {"manifest": manifest, "planted": planted, "records": sum(len(f) for f in files)}


def _result(out: Path) -> dict:
    arts = pq.read_table(out / "tables" / "articles.parquet", columns=["id", "title", "outlet"]).to_pylist()
    stories = pq.read_table(out / "tables" / "stories.parquet").to_pylist()
    groups: dict[str, set] = {}
    members: dict[str, set] = {}
    for row in stories:
        groups.setdefault(row["syndication_group"], set()).add(row["article_id"])
        members.setdefault(row["story"], set()).add(row["article_id"])
    return {"ids": sorted(a["id"] for a in arts), "articles": arts,
            "groups": {frozenset(g) for g in groups.values() if len(g) > 1},
            "stories": {frozenset(s) for s in members.values()}}


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("batch-local")
    report = run_batch(corpus["manifest"], out, LocalExecutor())
    return {"out": out, "report": report, **_result(out)}


@pytest.fixture(scope="module")
def dask_cluster():
    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0")
    yield cluster
    cluster.close()


def test_local_batch_finds_articles_copies_and_rejects(corpus, local_run):
    report = local_run["report"]
    # the same articles and rejects as the one-at-a-time ingest path, plus the missing file rejected
    ids, rejects = [], 0
    for path in sorted(corpus["manifest"].parent.glob("part*.jsonl")):
        for page in read_path(path):
            result = page if isinstance(page, Rejected) else process(page)
            (ids.append(result.id) if isinstance(result, Article) else None)
            rejects += isinstance(result, Rejected)
    assert local_run["ids"] == sorted(set(ids))
    assert report["exact_duplicates"] == len(ids) - len(set(ids)) >= 1
    assert report["rejected"] == rejects + 1 and rejects >= 1
    rejected = pq.read_table(local_run["out"] / "tables" / "rejected.parquet").to_pylist()
    assert {r["reason"] for r in rejected} >= {"not-found"} and all(r["stage"] for r in rejected)
    by_id = {a["id"]: a for a in local_run["articles"]}
    found = {frozenset((by_id[i]["title"], by_id[i]["outlet"]) for i in g) for g in local_run["groups"]}
    for title, outlet in corpus["planted"]:
        assert any((title, outlet) in g and len(g) == 2 for g in found), title
    assert len(local_run["groups"]) <= len(corpus["planted"]) + 2  # independent reports are not copies
    # every article is in exactly one story, and re-posts share their original's story
    assert sum(len(s) for s in local_run["stories"]) == report["articles"]
    for group in local_run["groups"]:
        assert any(group <= story for story in local_run["stories"])
    tables = local_run["out"] / "tables"
    # BASIL: Fox, NYT and HuffPost reports of one event mostly end up in one story
    event_ids: dict[str, set] = {}
    for path in sorted(corpus["manifest"].parent.glob("part*.jsonl")):
        for line, page in zip(path.read_text(encoding="utf-8").splitlines(), read_path(path)):
            event = json.loads(line).get("event")
            if event and isinstance(page, RawPage):
                event_ids.setdefault(event, set()).add(process(page).id)
    story_of = {i: s for s in local_run["stories"] for i in s}
    events = [ids for ids in event_ids.values() if len(ids) > 1]
    assert len(events) >= 20
    assert sum(len({story_of[i] for i in ids}) == 1 for ids in events) >= 0.5 * len(events)
    sentences = pq.read_table(tables / "sentences.parquet")
    assert set(sentences.column("article_id").to_pylist()) <= set(local_run["ids"])
    assert sentences.num_rows > 5 * report["articles"]
    assert pq.read_table(tables / "embeddings.parquet").num_rows == report["articles"]
    # the analysis stage ran: entity mentions, quotes and places point at spans of their article's text
    text_of = {a["id"]: a["text"] for a in pq.read_table(tables / "articles.parquet",
                                                        columns=["id", "text"]).to_pylist()}
    entities = pq.read_table(tables / "entities.parquet").to_pylist()
    quotes = pq.read_table(tables / "quotes.parquet").to_pylist()
    places = pq.read_table(tables / "places.parquet").to_pylist()
    assert len({e["article_id"] for e in entities}) > 0.9 * report["articles"]
    assert len(quotes) > 50 and len(places) > 50
    for row in entities + quotes + places:
        assert text_of[row["article_id"]][row["start"]:row["end"]] == row["text"], row
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    assert sum(bool(p["country"]) for p in places) > 0.8 * len(places)  # regions (Middle East) have none
    assert {q["kind"] for q in quotes} >= {"direct", "indirect"}
    # every quote names who speaks in `speakers`: its speaker, or all of a joint statement's
    assert all(q["speakers"] == q["speaker"] or " and " in q["speakers"] for q in quotes if q["speaker"])


def test_dask_cluster_gives_the_same_articles_groups_and_stories(corpus, local_run, dask_cluster, tmp_path):
    from newsprism.present.cli import cli

    out = tmp_path / "dask-out"
    result = CliRunner().invoke(cli, ["batch", str(corpus["manifest"]), "--engine", "dask", "--scheduler",
                                      dask_cluster.scheduler_address, "--out", str(out), "-q"])
    assert result.exit_code == 1, result.output  # the planted bad inputs and the missing file: rejected
    report = json.loads(result.stdout)
    assert report["rejected"] > 0 and "rejected.parquet" in result.stderr
    assert report["engine"] == "dask" and report["files_processed"] == FILES
    dask_run = _result(out)
    assert dask_run["ids"] == local_run["ids"]
    assert dask_run["groups"] == local_run["groups"]
    assert dask_run["stories"] == local_run["stories"]
    for table in ("entities", "quotes", "places"):
        rows = {tuple(r.values()) for r in pq.read_table(out / "tables" / f"{table}.parquet").to_pylist()}
        assert rows and rows == {tuple(r.values()) for r in
                                 pq.read_table(local_run["out"] / "tables" / f"{table}.parquet").to_pylist()}
    assert len(dask_cluster.workers) == 2


def test_killed_batch_resumes_from_unfinished_files(corpus, local_run, tmp_path):
    out = tmp_path / "resumed"

    def die_after_two(event: str, data: dict) -> None:
        if event == "file":
            die_after_two.done += 1
            if die_after_two.done == 2:
                raise KeyboardInterrupt

    die_after_two.done = 0
    with pytest.raises(KeyboardInterrupt):
        run_batch(corpus["manifest"], out, LocalExecutor(), progress=die_after_two)
    assert len(list((out / "done").glob("*.json"))) == 2
    report = run_batch(corpus["manifest"], out, LocalExecutor())
    assert report["files_resumed"] == 2 and report["files_processed"] == FILES - 2
    again = _result(out)
    assert (again["ids"], again["groups"], again["stories"]) == (
        local_run["ids"], local_run["groups"], local_run["stories"])


def test_tables_load_into_postgres_with_vector_search(local_run, pg_server):
    from newsprism.batch.tables import load_into_store
    from newsprism.store import open_store
    from newsprism.store.vectors import open_vector_index

    store = open_store(pg_database_url(pg_server, "batch_load"))
    try:
        loaded = load_into_store(local_run["out"], store)
        assert loaded["articles_added"] == local_run["report"]["articles"]
        assert store.count_articles() == loaded["articles_added"] == loaded["vectors"]
        assert load_into_store(local_run["out"], store)["articles_added"] == 0  # loading twice adds nothing
        some = local_run["ids"][7]
        assert store.get_analysis(some)["batch_story"]["story"].startswith("s-")
        emb = pq.read_table(local_run["out"] / "tables" / "embeddings.parquet").to_pylist()
        index = open_vector_index(store, len(emb[0]["vector"]))
        assert index.kind == "pgvector"
        row = next(e for e in emb if e["article_id"] == some)
        assert index.search(row["vector"], 3)[0][0] == some
    finally:
        store.close()


def test_bad_manifest_is_a_clear_message(tmp_path):
    import subprocess
    import sys

    (tmp_path / "m.txt").write_text("# nothing here\n")
    result = subprocess.run([sys.executable, "-m", "newsprism.present.cli", "batch", str(tmp_path / "m.txt"),
                             "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "lists no inputs" in result.stderr and "Traceback" not in result.stderr


def test_time_windows_cut_only_between_days():
    from newsprism.batch.stories import time_windows

    records = [{"id": str(i), "published": f"2024-01-{1 + i // 3:02d}T10:00:00"} for i in range(12)]
    records.append({"id": "x", "published": None})
    windows = time_windows(records, size=4)
    assert windows["undated"] == [records[-1]]
    dated = [w for k, w in windows.items() if k != "undated"]
    assert sum(len(w) for w in dated) == 12 and all(len(w) == 6 for w in dated)  # 3 a day, cut after day 2
    assert list(windows)[0] == "2024-01-01..2024-01-02"


def test_three_thousand_articles_same_on_both_engines(dask_cluster, tmp_path):
    """A few thousand real articles (AllSides leads, 3 reports of each story from different outlets)
    without the analysis stage: the in-process and Dask runs agree on everything, and the stories they
    find keep most triplets together."""
    from newsprism.batch.executor import DaskExecutor

    rows = []
    with open(DATA / "allsides-triplets" / "dev.jsonl", encoding="utf-8") as fh:
        for _, line in zip(range(3000), fh):
            r = json.loads(line)
            rows.append({"text": r["text"], "title": r["title"], "story": r["story"]})
    names = []
    for i in range(6):
        names.append(f"p{i}.jsonl")
        with open(tmp_path / names[-1], "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"text": r["text"], "title": r["title"]}) + "\n" for r in rows[i::6])
    manifest = tmp_path / "manifest.txt"
    manifest.write_text("\n".join(names) + "\n")
    local = run_batch(manifest, tmp_path / "local", LocalExecutor(), analyze=False)
    executor = DaskExecutor(dask_cluster.scheduler_address)
    try:
        dask = run_batch(manifest, tmp_path / "dask", executor, analyze=False)
    finally:
        executor.close()
    assert local["articles"] == dask["articles"] > 2900
    a, b = _result(tmp_path / "local"), _result(tmp_path / "dask")
    assert (a["ids"], a["groups"], a["stories"]) == (b["ids"], b["groups"], b["stories"])
    assert pq.read_table(tmp_path / "local" / "tables" / "entities.parquet").num_rows == 0  # --no-analyze
    # the gold story of each article (from its text) against the predicted stories: pairwise recall
    by_text = {(r["title"], r["text"]): r["story"] for r in rows}
    arts = pq.read_table(tmp_path / "local" / "tables" / "articles.parquet", columns=["id", "title"]).to_pylist()
    gold_of = {}
    for row in arts:
        matches = [s for (title, _), s in by_text.items() if title == row["title"]]
        if len(matches) == 1:
            gold_of[row["id"]] = matches[0]
    story_of = {i: s for s in a["stories"] for i in s}
    members: dict[str, list] = {}
    for article_id, gold in gold_of.items():
        members.setdefault(gold, []).append(article_id)
    pairs = [(x, y) for ids in members.values() for k, x in enumerate(ids) for y in ids[k + 1:]]
    assert len(pairs) > 1000
    assert sum(story_of[x] == story_of[y] for x, y in pairs) > 0.5 * len(pairs)


def _emit_words(line: str):
    return [(word, i) for i, word in enumerate(line.split())]


def _positions(word, values):
    return [(word, sorted(values))]


def test_dask_shuffle_groups_like_the_local_one(dask_cluster):
    """group_reduce is the shuffle the MinHash banding runs through: string and integer keys from many
    sources must meet in one reducer on every engine (str hashes differ between worker processes)."""
    from newsprism.batch.executor import DaskExecutor

    sources = [f"a b {i % 3} c {i} a" for i in range(30)] + ["7 8 9 7"]
    local = sorted(LocalExecutor().group_reduce(sources, _emit_words, _positions))
    executor = DaskExecutor(dask_cluster.scheduler_address)
    try:
        remote = sorted(executor.group_reduce(sources, _emit_words, _positions))
    finally:
        executor.client.close()
    assert remote == local
    assert dict(remote)["a"] == sorted([0, 5] * 30)
    assert len(remote) == len({w for s in sources for w in s.split()})


def test_a_batch_with_another_encoder_clusters_with_that_encoders_settings(corpus, tmp_path):
    """`batch --encoder multilingual-e5-small`: a window clusters the e5 vectors with e5's settings, as
    `newsprism cluster --encoder multilingual-e5-small` would (they were once clustered with the USE's
    settings, which merge more: 26 stories for 40 undated AllSides leads, against 36)."""
    from newsprism.embed import get_encoder
    from newsprism.stories.corpus import CorpusArticle, cluster_corpus
    from newsprism.stories.embeddings import MemoryVectorCache

    manifest = tmp_path / "two-files.txt"  # two of the six files: e5 encodes every article once more
    manifest.write_text("".join(f"{corpus['manifest'].parent / f'part{i}.jsonl'}\n" for i in range(2)))
    out = tmp_path / "e5"
    run_batch(manifest, out, LocalExecutor(), encoder="multilingual-e5-small", analyze=False)
    rows = pq.read_table(out / "tables" / "articles.parquet", columns=["id", "title", "text", "published"]).to_pylist()
    undated = [r for r in rows if not r["published"]]
    window = {frozenset(s) for s in _result(out)["stories"] if s <= {r["id"] for r in undated}}
    labels = cluster_corpus([CorpusArticle(r["id"], r["text"], r["title"]) for r in undated], cache=MemoryVectorCache(),
                            encoder=get_encoder("multilingual-e5-small"))
    alone = {}
    for r, label in zip(undated, labels):
        alone.setdefault(int(label), set()).add(r["id"])
    assert len(undated) > 30 and window == {frozenset(s) for s in alone.values()}
