"""The seed pair forms one story; a re-post of the DW text joins it without adding a source."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.model import Article, RawPage
from newsprism.pipeline import process
from newsprism.present.cli import cli
from newsprism.stories.service import StoryAssigner, recluster

from conftest import ROOT

DW = (ROOT / "examples" / "dw_putin_erdogan_sochi.txt").read_text(encoding="utf-8")
TRT = (ROOT / "examples" / "trt_putin_erdogan_sochi.txt").read_text(encoding="utf-8")


def _repost_of_dw() -> str:
    """The DW body under another site's navigation, with a credit line added at the end."""
    body = DW.split("Putin: Syria no fly zones", 1)[1]
    return ("1. Home\n  2. World\n  3. Opinion\n\nPutin: Syria no fly zones" + body
            + "\n\nThis article first appeared on dw.com and is republished with permission.")


def _store_article(store, content: str, outlet: str, source: str) -> Article:
    article = process(RawPage(source=source, kind="text", content=content, outlet=outlet))
    assert isinstance(article, Article)
    assert store.add_article(article)
    return article


@pytest.fixture
def seeded(store):
    dw = _store_article(store, DW, "DW", "dw.txt")
    trt = _store_article(store, TRT, "TRT World", "trt.txt")
    assigner = StoryAssigner(store)
    assigned = assigner.assign_ids([dw.id, trt.id])
    return store, assigner, dw, trt, assigned


def test_seed_articles_form_one_story_with_two_independent_sources(seeded):
    store, _, dw, trt, assigned = seeded
    assert [a.new_story for a in assigned] == [True, False]
    story = store.get_story(assigned[0].story)
    assert {m["id"] for m in story["members"]} == {dw.id, trt.id}
    assert (story["articles"], story["outlets"], story["independent_sources"]) == (2, 2, 2)


def test_repost_of_dw_text_joins_without_raising_independent_sources(seeded):
    store, assigner, dw, _, assigned = seeded
    repost = _store_article(store, _repost_of_dw(), "World News Mirror", "mirror.txt")
    assert repost.id != dw.id  # a different text, not a stored duplicate
    result = assigner.assign(repost)
    assert result is not None and result.story == assigned[0].story
    assert result.syndication_group == dw.id
    story = store.get_story(result.story)
    assert (story["articles"], story["outlets"], story["independent_sources"]) == (3, 3, 2)


def test_a_fresh_assigner_rebuilds_from_the_store(seeded):
    store, _, dw, _, assigned = seeded
    repost = _store_article(store, _repost_of_dw(), "World News Mirror", "mirror.txt")
    result = StoryAssigner(store).assign(repost)
    assert result is not None and (result.story, result.syndication_group) == (assigned[0].story, dw.id)


def test_recluster_gives_the_same_story(seeded):
    store, *_ = seeded
    _store_article(store, _repost_of_dw(), "World News Mirror", "mirror.txt")
    summary = recluster(store)
    assert summary == {"articles": 3, "stories": 1, "syndicated": 1}
    (row,) = store.list_stories()
    assert (row["articles"], row["outlets"], row["independent_sources"]) == (3, 3, 2)
    assert row["title"]


def test_cli_lists_and_shows_stories(seeded, tmp_path):
    store, _, dw, trt, assigned = seeded
    db = store.path
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", db, "stories", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [r["id"] for r in json.loads(listed.output)] == [assigned[0].story]
    shown = runner.invoke(cli, ["--db", db, "story", str(assigned[0].story), "--json"])
    assert {m["id"] for m in json.loads(shown.output)["members"]} == {dw.id, trt.id}
    missing = runner.invoke(cli, ["--db", db, "story", "999"])
    assert missing.exit_code != 0 and "newsprism stories" in missing.output
    reclustered = runner.invoke(cli, ["--db", db, "cluster", "--json"])
    assert json.loads(reclustered.output)["stories"] == 1


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        from newsprism.embed import get_encoder

        self.inner = get_encoder()
        self.name, self.dim, self.texts = self.inner.name, self.inner.dim, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


def test_articles_are_embedded_once_and_stored(store):
    dw = _store_article(store, DW, "DW", "dw.txt")
    trt = _store_article(store, TRT, "TRT World", "trt.txt")
    encoder = CountingEncoder()
    StoryAssigner(store, encoder=encoder).assign_ids([dw.id, trt.id])
    assert encoder.texts == 2
    assert set(store.get_embeddings(encoder.name, [dw.id, trt.id])) == {dw.id, trt.id}
    recluster(store, encoder=encoder)
    StoryAssigner(store, encoder=encoder).assign_ids([dw.id, trt.id])  # already assigned: nothing to do
    assert encoder.texts == 2


def test_analysed_entities_replace_the_capitalised_word_stand_in(store):
    from newsprism.embed import get_encoder
    from newsprism.stories.service import signals_for

    dw = _store_article(store, DW, "DW", "dw.txt")
    (before,) = signals_for(store, store.story_inputs([dw.id]), get_encoder())
    assert "erdogan" in before.entity and "sochi" in before.entity
    store.put_analysis(dw.id, "entities", "1", {"version": "1", "entities": [
        {"text": "Vladimir Putin", "label": "PER"}, {"text": "Idlib", "label": "LOC"}]})
    (after,) = signals_for(store, store.story_inputs([dw.id]), get_encoder())
    assert after.entity == ["vladimir", "putin", "idlib"]
