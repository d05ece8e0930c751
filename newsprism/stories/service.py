"""The stories verbs over a store: assign new articles, re-cluster everything, summarise a story."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..embed import Encoder, get_encoder
from ..model import Article, Rejected, majority_language, primary_language
from .cluster import ClusterSettings, Features, cluster_batch, settings_for_encoder
from .corpus import day_number, language_codes
from .embeddings import article_embedding_text
from .features import TermSpace, analysed_entity_terms, entity_terms, latest_year, word_terms
from .incremental import ArticleSignals, Assignment, StoryIndex
from .wire import NearDuplicateIndex, credited_agencies, minhash, same_source

__all__ = ["SIGNALS_VERSION", "StoryAssigner", "recluster", "story_summary", "refresh_story", "signals_for", "assign_new",
           "MAX_COMPARED", "members_to_compare", "story_articles"]

SIGNALS_VERSION = "1"
TITLE_CANDIDATES = 200  # members read to choose a story title


def _settings_tag(settings: ClusterSettings) -> str:
    return f"v{settings.version}:{settings.threshold}"


def _vectors(store: Any, rows: Sequence[dict[str, Any]], encoder: Encoder) -> dict[str, np.ndarray]:
    """Stored article embeddings; the missing ones are computed once and stored."""
    ids = [r["id"] for r in rows]
    found = store.get_embeddings(encoder.name, ids)
    missing = [r for r in rows if r["id"] not in found]
    for i in range(0, len(missing), 256):
        chunk = missing[i:i + 256]
        vectors = encoder.encode([article_embedding_text(r["title"], r["text"]) for r in chunk])
        new = {r["id"]: v for r, v in zip(chunk, vectors)}
        store.put_embeddings(encoder.name, new)
        found.update(new)
    return found


def _signals(store: Any, rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Stored story signals, recomputed when the analysis stage has added entities since."""
    stored = store.get_story_signals([r["id"] for r in rows])
    found = {}
    for r in rows:
        analysed = analysed_entity_terms(store.get_analysis(r["id"]))
        version = SIGNALS_VERSION + ("+entities" if analysed else "")
        if r["id"] in stored and stored[r["id"]]["version"] == version:
            found[r["id"]] = stored[r["id"]]
            continue
        full = f"{r['title']}\n{r['text']}" if r["title"] else r["text"]
        sig = {"entity": analysed or entity_terms(full), "words": word_terms(full), "minhash": minhash(r["text"]),
               "agencies": credited_agencies(r["text"], r["agencies"])}
        store.put_story_signals(r["id"], version, sig["entity"], sig["words"], sig["minhash"], sig["agencies"])
        found[r["id"]] = sig
    return found


def signals_for(store: Any, rows: Sequence[dict[str, Any]], encoder: Encoder) -> list[ArticleSignals]:
    vectors, sigs = _vectors(store, rows, encoder), _signals(store, rows)
    return [ArticleSignals(id=r["id"], embed=vectors[r["id"]], entity=sigs[r["id"]]["entity"],
                           words=sigs[r["id"]]["words"], minhash=sigs[r["id"]]["minhash"],
                           day=day_number(r["published"]), agencies=sigs[r["id"]]["agencies"],
                           outlet=r["outlet"], language=r.get("language"),
                           year=latest_year(f"{r['title'] or ''}\n{r['text']}")) for r in rows]


def story_summary(members: Sequence[dict[str, Any]], vectors: dict[str, np.ndarray]) -> dict[str, Any]:
    """Title (the member title nearest the story's centre, among those in the story's main language), time
    span and source counts."""
    dates = sorted(m["published"] for m in members if m.get("published"))
    outlets = {m["outlet"] or f"unknown:{m['id']}" for m in members}
    titled = [m for m in members[:TITLE_CANDIDATES] if m.get("title") and m["id"] in vectors]
    # A story reported in several languages is titled in the one most of its articles use (English on a tie).
    language = majority_language([m.get("language") for m in titled])
    titled = [m for m in titled if primary_language(m.get("language")) == language] or titled
    title = None
    if titled:
        centre = np.mean([vectors[m["id"]] for m in titled], axis=0)
        title = max(titled, key=lambda m: (float(vectors[m["id"]] @ centre), m["id"]))["title"]
    elif members:
        title = members[0].get("title") or _headline_from_lead(members[0].get("lead") or "")
    return {"title": title, "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None, "articles": len(members), "outlets": len(outlets),
            "independent_sources": len({m["syndication_group"] for m in members})}


# A fact matrix of more articles than this is unreadable and slow: a story's comparison takes the earliest
# article of each syndication group (then the other copies) up to this many, and says so.
MAX_COMPARED = 12


def members_to_compare(members: Sequence[dict[str, Any]], limit: int = MAX_COMPARED) -> list[dict[str, Any]]:
    """The members a story's comparison reads: one per syndication group first, in publication order."""
    chosen, groups = [], set()
    for m in members:  # members come in publication order
        if m["syndication_group"] not in groups:
            groups.add(m["syndication_group"])
            chosen.append(m)
    rest = [m for m in members if m not in chosen]
    return (chosen + rest)[:limit]


def story_articles(store: Any, story_id: int) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[Article]]:
    """(story row without its members, the members, the stored articles its comparison reads)."""
    found = store.get_story(story_id) if hasattr(store, "get_story") else None
    if not found:
        return None, [], []
    members = found.pop("members")
    articles = [a for a in (store.get_article(m["id"]) for m in members_to_compare(members)) if a is not None]
    return found, members, articles


def _headline_from_lead(lead: str) -> str | None:
    """An untitled article's first line that reads like prose (navigation lines are short or numbered)."""
    lines = [line.strip() for line in lead.splitlines() if line.strip()]
    prose = [line for line in lines if len(line.split()) >= 6 and not re.match(r"\d+\.\s", line)]
    return ((prose or lines or [""])[0][:120]) or None


def refresh_story(store: Any, story_id: int, encoder_name: str) -> dict[str, Any]:
    members = store.story_member_rows(story_id)
    vectors = store.get_embeddings(encoder_name, [m["id"] for m in members[:TITLE_CANDIDATES]])
    summary = story_summary(members, vectors)
    store.update_story_summary(story_id, summary)
    return summary


@dataclass
class StoryAssigner:
    """Assigns articles to stories one at a time; the index is rebuilt from the store on first use."""

    store: Any
    settings: ClusterSettings | None = None  # None: those calibrated for the encoder
    encoder: Encoder | None = None
    index: StoryIndex | None = None

    def _ready(self) -> StoryIndex:
        if self.index is None:
            self.encoder = self.encoder or get_encoder()
            self.settings = self.settings or settings_for_encoder(self.encoder.name)
            self.index = StoryIndex(self.settings, dim=self.encoder.dim)
            done = self.store.members_in_order()
            rows = {r["id"]: r for r in self.store.story_inputs([m["article_id"] for m in done])}
            known = [m for m in done if m["article_id"] in rows]
            signals = signals_for(self.store, [rows[m["article_id"]] for m in known], self.encoder)
            for m, sig in zip(known, signals):
                self.index.restore(sig, m["story_id"], m["syndication_group"])
        return self.index

    def assign_ids(self, article_ids: Sequence[str]) -> list[Assignment]:
        index = self._ready()
        assert self.encoder is not None
        out = []
        for row in self.store.story_inputs(article_ids):
            if self.store.story_of(row["id"]) is not None:
                continue
            try:
                (sig,) = signals_for(self.store, [row], self.encoder)
                a = index.add(sig)
            except Exception as exc:  # one bad article must not stop the batch: record it and go on
                self.store.add_rejected(Rejected(
                    source=row["id"], stage="stories", reason="assign-failed",
                    message=f"article {row['id']} could not be assigned to a story ({type(exc).__name__}: {exc}). "
                            "Run `newsprism cluster --new-only` to retry; report it if it persists."))
                continue
            self.store.put_member(a.article_id, a.story, a.score, a.syndication_group, _settings_tag(index.settings))
            refresh_story(self.store, a.story, self.encoder.name)
            out.append(a)
        return out

    def assign(self, article: Article) -> Assignment | None:
        found = self.assign_ids([article.id])
        return found[0] if found else None


def _syndication_groups(labels: np.ndarray, signals: Sequence[ArticleSignals]) -> list[str]:
    """Per article, the id of the earliest same-story article it is a copy or rewrite of (else its own)."""
    index, groups = NearDuplicateIndex(), []
    for i, sig in enumerate(signals):
        group = sig.id
        for key in index.candidates(sig.minhash):
            j = int(key)
            if labels[j] == labels[i] and same_source(sig.minhash, index.hashes[key], sig.agencies,
                                                      signals[j].agencies):
                group = groups[j]
                break
        index.add(str(i), sig.minhash)
        groups.append(group)
    return groups


def _features(signals: Sequence[ArticleSignals]) -> Features:
    embed = np.vstack([s.embed for s in signals]).astype(np.float32)
    entity = TermSpace().fit_transform([s.entity for s in signals])
    words = TermSpace().fit_transform([s.words for s in signals])
    return Features(embed, entity, words, np.array([s.day for s in signals]),
                    language=language_codes([s.language for s in signals]), years=np.array([s.year for s in signals]))


def recluster(store: Any, settings: ClusterSettings | None = None, encoder: Encoder | None = None,
              on_progress: Any = None) -> dict[str, Any]:
    """Every stored article into stories in one batch run; replaces the stories there were. `settings`
    default to those calibrated for the encoder."""
    encoder = encoder or get_encoder()
    settings = settings or settings_for_encoder(encoder.name)
    rows = store.story_inputs()
    signals = signals_for(store, rows, encoder)
    labels = cluster_batch(_features(signals), settings) if signals else np.zeros(0, dtype=int)
    groups = _syndication_groups(labels, signals)
    store.clear_stories()
    tag = _settings_tag(settings)
    for sig, label, group in zip(signals, labels, groups):
        store.put_member(sig.id, int(label) + 1, 1.0, group, tag)
    for story_id in store.story_ids():
        refresh_story(store, story_id, encoder.name)
    return {"articles": len(signals), "stories": int(len(set(labels.tolist()))),
            "syndicated": sum(1 for s, g in zip(signals, groups) if s.id != g)}


def assign_new(store: Any, settings: ClusterSettings | None = None,
               encoder: Encoder | None = None) -> list[Assignment]:
    return StoryAssigner(store, settings, encoder).assign_ids(store.unassigned_article_ids())

