"""Source verbs: fetch URLs and sitemaps, manage feeds, watch them, ingest WARC files."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, cast

import click
from rich.markup import escape

from ...ingest.feeds import FeedError, parse_opml
from ...ingest.fetch import MAX_RESPONSE_BYTES, USER_AGENT, HttpFetcher, PoliteFetcher
from ...ingest.pages import SourceReport, ingest_url, store_page
from ...ingest.revisions import get_revisions, revision_summary
from ...ingest.urls import clean_url
from ...ingest.warc import iter_warc
from ...ingest.watch import ingest_sitemap, run_pass, watch as watch_loop
from ...model import Article, Rejected
from ...store.sources import SourceStore
from ..common import console, err_console, print_json, store_from

__all__ = ["COMMANDS", "show_revisions"]


def _store(ctx: click.Context) -> SourceStore:
    return cast(SourceStore, store_from(ctx))


def fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The fetcher's knobs, shared by fetch and watch."""
    options = [
        click.option("--allow-private", is_flag=True,
                     help="Allow private, loopback and link-local addresses (your own servers; off by default "
                          "to prevent SSRF)."),
        click.option("--timeout", default=20.0, show_default=True, help="Seconds per response, redirects included."),
        click.option("--max-bytes", default=MAX_RESPONSE_BYTES, show_default=True, help="Largest response accepted."),
        click.option("--delay", default=1.0, show_default=True,
                     help="Seconds between requests to the same host (robots.txt Crawl-delay wins if longer)."),
        click.option("--retries", default=2, show_default=True, help="Retries after timeouts, 429 and 5xx."),
        click.option("--user-agent", default=USER_AGENT, show_default=True,
                     help="User-Agent header; add a contact address for large crawls."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_fetcher(allow_private: bool, timeout: float, max_bytes: int, delay: float, retries: int,
                 user_agent: str) -> PoliteFetcher:
    inner = HttpFetcher(user_agent=user_agent, timeout=timeout, max_bytes=max_bytes, retries=retries,
                        allow_private=allow_private)
    return PoliteFetcher(inner, delay=delay)


def _print_rejected(report: SourceReport, start: int = 0) -> None:
    for r in report.rejected[start:]:
        err_console.print(f"[red]rejected[/] {escape(r.source)} [dim]({r.stage}: {r.reason})[/] {escape(r.message)}")


def _summary_line(report: SourceReport) -> str:
    counts = {k: v for k, v in report.as_dict().items() if not isinstance(v, dict)}
    if not report.feeds_polled:
        counts = {k: v for k, v in counts.items() if not k.startswith("feeds")}
    return ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())


def _finish(ctx: click.Context, report: SourceReport, as_json: bool, quiet: bool) -> None:
    if as_json:
        print_json(report.as_dict())
    else:
        if not quiet:
            _print_rejected(report)
        console.print(_summary_line(report) + ".")
        if report.rejected:
            console.print("See [bold]newsprism rejected[/] for the reasons and what to do.")
    ctx.exit(0 if report.ok else 1)


def _read_url_list(path: str) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--urls-file", type=click.Path(exists=True, dir_okay=False), help="A file of URLs, one a line.")
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap (or sitemap index) whose pages to fetch.")
@fetch_options
@click.option("--quiet", "-q", is_flag=True)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def fetch(ctx: click.Context, urls: tuple[str, ...], urls_file: str | None, sitemaps: tuple[str, ...],
          quiet: bool, as_json: bool, **fetch_args: Any) -> None:
    """Fetch article pages by URL (or from sitemaps) and ingest them.

    A URL fetched before is asked for again conditionally; when its text changed, the new text becomes
    a revision of the same article (see `newsprism show ID --revisions`). Exit code 1 if any URL failed.
    """
    targets = list(urls) + (_read_url_list(urls_file) if urls_file else [])
    if not targets and not sitemaps:
        raise click.UsageError("give at least one URL, --urls-file or --sitemap.")
    store, fetcher, report = _store(ctx), make_fetcher(**fetch_args), SourceReport()
    for sitemap in sitemaps:
        ingest_sitemap(sitemap, store, fetcher, report)
    for url in targets:
        ingest_url(url, store, fetcher, report, force=True)
    _finish(ctx, report, as_json, quiet)


@click.group()
def feeds() -> None:
    """The feeds and sitemaps `newsprism watch` polls."""


def _valid_feed_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://")) and len(url) > 10


@feeds.command("add")
@click.argument("urls", nargs=-1)
@click.option("--opml", "opml_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Add every feed of an OPML file.")
@click.option("--starter", is_flag=True, help="Add newsprism's starter list of international outlets' feeds.")
@click.option("--outlet", default=None, help="The outlet name to give articles from these feeds.")
@click.option("--language", default=None, help="The feeds' language (ISO 639-1), when they do not say.")
@click.pass_context
def feeds_add(ctx: click.Context, urls: tuple[str, ...], opml_files: tuple[str, ...], starter: bool,
              outlet: str | None, language: str | None) -> None:
    """Add feed or sitemap URLs (RSS, Atom, news sitemaps), or the feeds of OPML files."""
    refs: list[tuple[str, str | None, str | None]] = [(u, outlet, language) for u in urls]
    sources = [(Path(p).read_bytes(), p) for p in opml_files]
    if starter:
        sources.append(((resources.files("newsprism") / "data" / "feeds.opml").read_bytes(), "starter feeds.opml"))
    for body, name in sources:
        try:
            refs += [(r.url, outlet or r.title, language or r.language) for r in parse_opml(body, name)]
        except FeedError as exc:
            raise click.ClickException(str(exc)) from exc
    if not refs:
        raise click.UsageError("give feed URLs, --opml FILE or --starter.")
    store, added, bad = _store(ctx), 0, 0
    for url, feed_outlet, lang in refs:
        if not _valid_feed_url(url):
            err_console.print(f"[red]skipped[/] {escape(url)}: not an http(s) URL.")
            bad += 1
            continue
        added += store.add_feed(clean_url(url), None, feed_outlet, lang)
    console.print(f"{added} feeds added, {len(refs) - added - bad} already there, {bad} invalid.")
    ctx.exit(1 if bad else 0)


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def feeds_list(ctx: click.Context, as_json: bool) -> None:
    """The feeds being watched, with when each was last polled and how it went."""
    rows = _store(ctx).list_feeds()
    if as_json:
        return print_json(rows)
    for r in rows:
        console.print(f"{escape(r['url'])} [dim]{escape(r['outlet'] or '')} {r['language'] or ''} "
                      f"last polled {r['last_polled'] or 'never'} ({r['last_status'] or '-'})[/]")
    if not rows:
        console.print("No feeds. Add some with `newsprism feeds add URL` or `newsprism feeds add --starter`.")


@feeds.command("remove")
@click.argument("urls", nargs=-1, required=True)
@click.pass_context
def feeds_remove(ctx: click.Context, urls: tuple[str, ...]) -> None:
    """Stop watching feeds (their articles stay stored)."""
    store = _store(ctx)
    removed = sum(store.remove_feed(clean_url(u)) for u in urls)
    console.print(f"{removed} feeds removed.")


@click.command()
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.option("--interval", default=900.0, show_default=True, help="Seconds between passes.")
@click.option("--passes", type=int, default=None, help="Stop after this many passes.")
@fetch_options
@click.option("--quiet", "-q", is_flag=True)
@click.option("--json", "as_json", is_flag=True, help="Print each pass's summary as JSON.")
@click.pass_context
def watch(ctx: click.Context, once: bool, interval: float, passes: int | None, quiet: bool, as_json: bool,
          **fetch_args: Any) -> None:
    """Poll the feeds on a schedule and ingest new and changed articles.

    Feeds are asked conditionally (ETag / Last-Modified), robots.txt is obeyed and each host gets a
    delay between requests. Stop with Ctrl-C; everything stored so far is kept.
    """
    store = _store(ctx)
    if not store.list_feeds():
        raise click.ClickException("no feeds to watch. Add some with `newsprism feeds add URL` or "
                                   "`newsprism feeds add --starter`.")
    fetcher = make_fetcher(**fetch_args)
    if once:
        return _finish(ctx, run_pass(store, fetcher), as_json, quiet)

    def on_pass(n: int, report: SourceReport) -> None:
        if as_json:
            print_json({"pass": n, **report.as_dict()})
            return
        if not quiet:
            _print_rejected(report)
        console.print(f"pass {n}: {_summary_line(report)}")

    reports = watch_loop(store, fetcher, interval, passes, on_pass)
    ctx.exit(0 if all(r.ok for r in reports) else 1)


@click.command("ingest-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest_warc(ctx: click.Context, files: tuple[str, ...], quiet: bool, as_json: bool) -> None:
    """Ingest the HTML pages of WARC files (.warc, .warc.gz; e.g. Common Crawl News).

    Pages are keyed by their normalised URL, so a page captured twice with changed text becomes a
    revision of one article. Exit code 1 if any record was rejected.
    """
    store, report = _store(ctx), SourceReport()
    for path in files:
        if not Path(path).is_file():
            report.reject(store, Rejected(path, "warc", "not-found", f"{path}: no such file. Check the path."))
            continue
        for item in iter_warc(path):
            if isinstance(item, Rejected):
                report.reject(store, item)
            else:
                store_page(item, store, report)
    _finish(ctx, report, as_json, quiet)


def show_revisions(store: SourceStore, article: Article, as_json: bool) -> None:
    """The revisions of an article and a sentence diff between each and the next."""
    revisions = get_revisions(store, article.id)
    changes = [revision_summary(a, b) for a, b in zip(revisions, revisions[1:])]
    if as_json:
        return print_json({"id": article.id, "revisions": [{k: v for k, v in r.__dict__.items() if k != "text"}
                                                           for r in revisions], "changes": changes})
    if not revisions:
        console.print(f"{article.id} has one revision: its text has not changed since it was stored.")
        return
    for rev in revisions:
        console.print(f"[bold]revision {rev.number}[/] {rev.fetched_at} {escape(rev.title or '')} "
                      f"[dim]{rev.text_hash}[/]")
    for change in changes:
        console.print(f"\n[bold]{change['from']} → {change['to']}[/]: {change['sentences_added']} sentences added, "
                      f"{change['sentences_removed']} removed")
        for line in change["diff"]:
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
            console.print(f"[{style}]{escape(line)}[/]")


COMMANDS = [fetch, feeds, watch, ingest_warc]
