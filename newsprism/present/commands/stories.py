"""Story verbs: stories (list), story ID (one story), cluster (re-cluster, or assign new articles)."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from ...stories.cluster import DEFAULT_SETTINGS, ClusterSettings
from ..common import console, print_json, store_from


@click.command("stories")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stories(ctx: click.Context, limit: int, offset: int, as_json: bool) -> None:
    """List stories, newest and biggest first, with their independent-source counts."""
    rows = store_from(ctx).list_stories(limit, offset)
    if as_json:
        return print_json(rows)
    if not rows:
        console.print("No stories yet. Ingest articles, or run `newsprism cluster` after a bulk import.")
        return
    table = Table("id", "from", "to", "articles", "outlets", "independent", "title")
    for r in rows:
        table.add_row(str(r["id"]), r["first_published"] or "", r["last_published"] or "", str(r["articles"]),
                      str(r["outlets"]), str(r["independent_sources"]), escape((r["title"] or "")[:80]))
    console.print(table)


@click.command("story")
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def story(ctx: click.Context, story_id: int, as_json: bool) -> None:
    """Show one story: its articles, outlets and wire-copy (syndication) groups."""
    data = store_from(ctx).get_story(story_id)
    if data is None:
        raise click.ClickException(f"no story with id {story_id}. `newsprism stories` lists them.")
    if as_json:
        return print_json(data)
    console.print(f"[bold]{escape(data['title'] or '(untitled)')}[/]  story {data['id']}")
    console.print(f"{data['first_published'] or '?'} – {data['last_published'] or '?'}: {data['articles']} "
                  f"articles, {data['outlets']} outlets, {data['independent_sources']} independent sources")
    table = Table("article", "outlet", "published", "lang", "copy of", "title")
    for m in data["members"]:
        copy = "" if m["syndication_group"] == m["id"] else m["syndication_group"]
        table.add_row(m["id"], escape(m["outlet"] or "?"), m["published"] or "", m["language"] or "", copy,
                      escape((m["title"] or m["lead"] or "").strip().split("\n")[0][:70]))
    console.print(table)


@click.command("cluster")
@click.option("--new-only", is_flag=True, help="Only assign articles not yet in a story (incremental).")
@click.option("--threshold", type=float, default=None,
              help=f"Similarity needed to join a story (default {DEFAULT_SETTINGS.threshold}).")
@click.option("--encoder", envvar="NEWSPRISM_ENCODER", default=None, metavar="NAME",
              help="Embedding model: use-multilingual-v3 (default, offline) or st:<sentence-transformers model>.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def cluster(ctx: click.Context, new_only: bool, threshold: float | None, encoder: str | None,
            as_json: bool) -> None:
    """Re-cluster every stored article into stories (after a bulk import or a settings change)."""
    from ...embed import get_encoder
    from ...stories.service import assign_new, recluster

    settings = DEFAULT_SETTINGS if threshold is None else ClusterSettings(
        **{**DEFAULT_SETTINGS.__dict__, "threshold": threshold})
    store = store_from(ctx)
    if new_only:
        done = assign_new(store, settings, get_encoder(encoder))
        result = {"assigned": len(done), "new_stories": sum(a.new_story for a in done)}
    else:
        result = recluster(store, settings, get_encoder(encoder))
    if as_json:
        return print_json(result)
    console.print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.items()) + ".")


COMMANDS = [stories, story, cluster]
