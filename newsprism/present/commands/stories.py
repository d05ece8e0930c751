"""Story verbs: stories (list), story ID (one story), cluster (re-cluster, or assign new articles)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from ...compare import compare_articles
from ...stories.cluster import DEFAULT_SETTINGS, E5_SETTINGS, settings_for_encoder
from ..common import console, err_console, print_json, store_from
from .compare import REPORTS, emit, lexicon_option


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
@click.option("--json", "as_json", is_flag=True, help="The story and its members as JSON.")
@click.option("--report", type=click.Choice(REPORTS), default=None,
              help="Compare the story's articles, fact by fact (as `newsprism compare` does), in this format.")
@click.option("-o", "--output", type=click.Path(), help="Write the report to this file instead of stdout.")
@lexicon_option
@click.pass_context
def story(ctx: click.Context, story_id: int, as_json: bool, report: str | None, output: str | None,
          lexicon: str | None) -> None:
    """Show one story: its articles, outlets and wire-copy (syndication) groups; with --report, the
    comparison of its articles (one per wire-copy group first, at most 12)."""
    store = store_from(ctx)
    if report:
        return _story_report(store, story_id, report, output, lexicon)
    data = store.get_story(story_id)
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


def _story_report(store: Any, story_id: int, report: str, output: str | None, lexicon: str | None) -> None:
    from ...stories.service import MAX_COMPARED, story_articles

    found, members, articles = story_articles(store, story_id)
    if found is None:
        raise click.ClickException(f"no story with id {story_id}. `newsprism stories` lists them.")
    if len(articles) < 2:
        raise click.ClickException(f"story {story_id} has {len(articles)} stored article(s): a comparison needs two. "
                                   "Ingest more coverage of it, or compare files with `newsprism compare A B`.")
    if len(members) > len(articles):
        err_console.print(f"comparing {len(articles)} of the story's {len(members)} articles (one per wire-copy "
                          f"group first, at most {MAX_COMPARED}).")
    copies = {m["id"]: m["syndication_group"] for m in members}
    emit(compare_articles(articles, copies, lexicon=lexicon), report, output)


@click.command("cluster")
@click.option("--new-only", is_flag=True, help="Only assign articles not yet in a story (incremental).")
@click.option("--threshold", type=float, default=None,
              help=f"Similarity needed to join a story (default {DEFAULT_SETTINGS.threshold}; "
                   f"{E5_SETTINGS.threshold} with multilingual-e5-small).")
@click.option("--encoder", envvar="NEWSPRISM_ENCODER", default=None, metavar="NAME",
              help="Embedding model: use-multilingual-v3 (default, offline), multilingual-e5-small (offline, "
                   "about 4-5x slower to encode, better at telling events apart) or "
                   "st:<sentence-transformers model>.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def cluster(ctx: click.Context, new_only: bool, threshold: float | None, encoder: str | None,
            as_json: bool) -> None:
    """Re-cluster every stored article into stories (after a bulk import or a settings change)."""
    from ...embed import get_encoder
    from ...stories.service import assign_new, recluster

    model = get_encoder(encoder)
    settings = settings_for_encoder(model.name)
    if threshold is not None:
        settings = replace(settings, threshold=threshold)
    store = store_from(ctx)
    if new_only:
        done = assign_new(store, settings, model)
        result = {"assigned": len(done), "new_stories": sum(a.new_story for a in done)}
    else:
        result = recluster(store, settings, model)
    if as_json:
        return print_json(result)
    console.print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.items()) + ".")


COMMANDS = [stories, story, cluster]
