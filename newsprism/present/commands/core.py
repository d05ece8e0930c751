"""Foundation verbs: ingest, list, show, search, stats, rejected, extract."""

from __future__ import annotations

import sys
from itertools import chain
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ...ingest.files import MAX_BYTES, iter_paths, read_path, read_stdin
from ...model import Article, RawPage, Rejected
from ...pipeline import ingest_pages, process
from ..common import console, err_console, print_json, store_from

# Show a progress bar only when there is enough work for it to matter.
PROGRESS_MIN_FILES = 20


def _pages(paths: tuple[str, ...], max_bytes: int):
    for item in iter_paths(paths):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_path(item, max_bytes)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--max-bytes", default=MAX_BYTES, show_default=True, help="Reject files larger than this.")
@click.option("--stdin-kind", type=click.Choice(["auto", "text", "html", "json"]), default="auto",
              help="What stdin holds when PATHS is '-'.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-stories", is_flag=True, help="Do not assign new articles to stories now "
              "(later: `newsprism cluster --new-only`).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], max_bytes: int, stdin_kind: str, quiet: bool,
           as_json: bool, no_stories: bool) -> None:
    """Ingest article files and folders (recursively), or '-' for stdin.

    Text as scraped from web pages, HTML (.html, .htm, .html.gz) and JSON/JSONL records. Re-ingesting
    adds nothing; an interrupted ingest resumes where it stopped. Exit code 1 if any input was rejected.
    """
    if not paths:
        raise click.UsageError("give at least one file or folder to ingest (or '-' for stdin).")
    store = store_from(ctx)
    files = [p for p in paths if p != "-"]
    sources = [read_stdin(stdin_kind)] if "-" in paths else []
    file_count = sum(1 for p in iter_paths(files) if not isinstance(p, Rejected))
    items = chain(*sources, _pages(tuple(files), max_bytes))

    show_bar = file_count >= PROGRESS_MIN_FILES and not quiet and err_console.is_terminal
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err_console, disable=not show_bar)
    task = progress.add_task("ingest", total=file_count or None)

    def on_item(item: RawPage | Rejected, result: Article | Rejected | None) -> None:
        if "#" not in item.source:
            progress.advance(task)
        if quiet:
            return
        if isinstance(result, Rejected):
            err_console.print(f"[red]rejected[/] {escape(result.source)} [dim]({result.stage}: {result.reason})"
                              f"[/] {escape(result.message)}")
        elif isinstance(result, Article):
            progress.console.print(f"[green]ok[/] {result.id} {escape(result.outlet or '?')}: "
                                   f"{escape((result.title or result.text[:60]).strip())}")

    with progress:
        report = ingest_pages(items, store, on_item)
    summary = report.as_dict()
    if report.added and not no_stories:
        from ...stories.service import StoryAssigner

        assigned = StoryAssigner(store).assign_ids(report.added)
        if not quiet and not as_json:
            err_console.print(f"{len(assigned)} assigned to stories ({sum(a.new_story for a in assigned)} new).")
    if as_json:
        print_json(summary)
    else:
        console.print(f"{summary['added']} added, {summary['duplicates']} already stored (same text), "
                      f"{summary['skipped']} skipped (seen before), {summary['rejected']} rejected.")
        if report.rejected:
            console.print("See [bold]newsprism rejected[/] for the reasons and what to do.")
    store.close()
    ctx.exit(0 if report.ok else 1)


@click.command("list")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--outlet", default=None, help="Only this outlet.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_(ctx: click.Context, limit: int, offset: int, outlet: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    rows = store_from(ctx).list_articles(limit, offset, outlet)
    if as_json:
        return print_json(rows)
    table = Table("id", "outlet", "published", "lang", "title")
    for r in rows:
        table.add_row(r["id"], escape(r["outlet"] or ""), r["published"] or "", r["language"] or "",
                      escape((r["title"] or "")[:80]))
    console.print(table)


def render_article(article: Article, removed: bool) -> None:
    meta = Table.grid(padding=(0, 2))
    for name in ("id", "title", "standfirst", "outlet", "published", "language", "url", "source", "extractor"):
        value = getattr(article, name)
        if value:
            meta.add_row(f"[bold]{name}[/]", escape(str(value)))
    meta.add_row("[bold]agencies[/]", escape(", ".join(article.agencies) or "none credited"))
    meta.add_row("[bold]sentences[/]", str(len(article.sentences)))
    console.print(meta)
    console.print()
    headings = {h.offset: h.text for h in article.headings}
    offset = 0
    for para in article.text.split("\n\n"):
        if offset in headings:
            console.print(f"[bold underline]{escape(headings[offset])}[/]")
        console.print(escape(para) + "\n")
        offset += len(para) + 2
    if removed:
        render_removed(article)


def render_removed(article: Article) -> None:
    table = Table("reason", "removed text", "why", title="Removed (not article body)")
    for r in article.removed:
        table.add_row(r.reason, escape(r.text), escape(r.detail or ""))
    console.print(table)


@click.command()
@click.argument("article_id")
@click.option("--removed", is_flag=True, help="Also show the removed-boilerplate audit.")
@click.option("--revisions", is_flag=True, help="List the article's revisions and what changed between them.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, article_id: str, removed: bool, revisions: bool, as_json: bool) -> None:
    """Show one stored article (an id or a unique prefix of one)."""
    store = store_from(ctx)
    article = store.get_article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id!r}. `newsprism list` shows the ids.")
    if revisions:
        from .sources import show_revisions

        return show_revisions(store, article, as_json)
    if as_json:
        return print_json(article.to_dict())
    render_article(article, removed)


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and bodies (words, "phrases", OR, NOT)."""
    rows = store_from(ctx).search(query, limit)
    if as_json:
        return print_json(rows)
    if not rows:
        console.print("No matches.")
    for r in rows:
        console.print(f"[bold]{r['id']}[/] {escape(r['outlet'] or '?')} {r['published'] or ''} "
                      f"{escape(r['title'] or '')}\n    {escape(r['snippet'])}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of articles, outlets, languages and rejected inputs."""
    data = store_from(ctx).stats()
    if as_json:
        return print_json(data)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        console.print(f"[bold]{key}[/]: {escape(str(value))}")


@click.command()
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def rejected(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Inputs that could not be ingested, with the stage, the reason and what to do."""
    rows = store_from(ctx).list_rejected(limit)
    if as_json:
        return print_json([r.__dict__ for r in rows])
    for r in rows:
        console.print(f"[red]{r.stage}:{r.reason}[/] {escape(r.source)}\n    {escape(r.message)}")
    if not rows:
        console.print("No rejected inputs.")


@click.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the whole Article as JSON.")
@click.option("--removed", is_flag=True, help="Also show the removed-boilerplate audit.")
def extract(file: str, as_json: bool, removed: bool) -> None:
    """Clean one file and print the article without storing it ('-' reads stdin)."""
    items = list(read_stdin() if file == "-" else read_path(Path(file)))
    if not Path(file).exists() and file != "-":
        raise click.ClickException(f"{file}: no such file. Check the path.")
    results = [it if isinstance(it, Rejected) else process(it) for it in items]
    failed = False
    for result in results:
        if isinstance(result, Rejected):
            err_console.print(f"[red]rejected[/] ({result.stage}: {result.reason}) {escape(result.message)}")
            failed = True
        elif as_json:
            print_json(result.to_dict())
        else:
            render_article(result, removed)
    sys.exit(1 if failed else 0)


COMMANDS = [ingest, list_, show, search, stats, rejected, extract]
