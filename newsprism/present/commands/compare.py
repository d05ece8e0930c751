"""`newsprism compare A B [C ...]`: compare how articles (files or stored ids) cover one story."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from ...compare import Comparison, analyze_if_available, compare_articles
from ...compare.report import comparison_to_dict, facts_csv, render_html, render_markdown, render_terminal
from ...ingest.files import read_path
from ...model import Article, Rejected
from ...pipeline import process
from ..common import console, err_console, store_from

__all__ = ["compare", "COMMANDS", "load_inputs", "REPORTS", "REPORT_HELP"]

REPORTS = ["text", "md", "json", "html", "csv"]
REPORT_HELP = ("Terminal tables, Markdown, JSON (docs/compare-schema.md), one standalone HTML file, or the fact "
               "matrix as CSV (one row per fact and outlet).")


def _from_file(path: Path) -> list[Article | Rejected]:
    results = [item if isinstance(item, Rejected) else process(item) for item in read_path(path)]
    for result in results:
        if isinstance(result, Article):
            analyze_if_available(result)  # stored articles carry theirs; files get it here when available
    return results


def load_inputs(ctx: click.Context, inputs: tuple[str, ...]) -> tuple[list[Article], list[Rejected]]:
    """Files are cleaned on the fly (no ingest needed); anything else is looked up as a stored article id."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item in inputs:
        path = Path(item)
        if path.is_file():
            for result in _from_file(path):
                (rejected if isinstance(result, Rejected) else articles).append(result)  # type: ignore[arg-type]
            continue
        stored = store_from(ctx).get_article(item)
        if stored is None:
            rejected.append(Rejected(item, "compare", "not-found",
                                     f"{item}: neither a file nor a stored article id. Check the path, or run "
                                     "`newsprism list` for the ids."))
        else:
            articles.append(stored)
    return articles, rejected


def _syndication(path: str | None) -> dict[str, Any] | None:
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot read the syndication map ({exc}). "
                                   'It must be a JSON object {"article id": "copy group", ...}.') from exc
    if not isinstance(data, dict):
        raise click.ClickException(f'{path}: the syndication map must be a JSON object {{"article id": "group"}}.')
    return data


def render(comparison: Comparison, report: str) -> str | None:
    if report == "json":
        return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    if report == "md":
        return render_markdown(comparison)
    if report == "html":
        return render_html(comparison)
    if report == "csv":
        return facts_csv(comparison_to_dict(comparison))
    return None


lexicon_option = click.option("--lexicon", type=click.Path(),
                              help="Extra loaded terms (same shape as newsprism/data/loaded_terms.json).")


def emit(comparison: Comparison, report: str, output: str | None) -> None:
    """The report to `output` (a text report is written there as Markdown), else to the terminal."""
    text = render(comparison, report)
    if output:
        Path(output).write_text(text if text is not None else render_markdown(comparison), encoding="utf-8")
        err_console.print(f"wrote {escape(output)}")
    elif text is None:
        render_terminal(comparison, console)
    else:
        sys.stdout.write(text)


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--report", type=click.Choice(REPORTS), default="text", show_default=True, help=REPORT_HELP)
@click.option("-o", "--output", type=click.Path(), help="Write the report to this file instead of stdout (text reports are written as Markdown).")
@lexicon_option
@click.option("--syndication", type=click.Path(), help='JSON {"article id": "copy group"}: copies count as one source.')
@click.pass_context
def compare(ctx: click.Context, inputs: tuple[str, ...], report: str, output: str | None, lexicon: str | None,
            syndication: str | None) -> None:
    """Compare how two or more articles cover one story, fact by fact.

    INPUTS are article files (text, HTML or JSON, cleaned on the fly: no ingest needed) or stored article
    ids. Exit code 1 if an input could not be used (the comparison still runs on the rest).
    """
    articles, rejected = load_inputs(ctx, inputs)
    for r in rejected:
        err_console.print(f"[red]skipped[/] {escape(r.source)} [dim]({r.stage}: {r.reason})[/] {escape(r.message)}")
    if len(articles) < 2:
        raise click.ClickException(f"a comparison needs at least two articles; got {len(articles)} usable "
                                   "input(s). Pass two or more article files or stored ids.")
    emit(compare_articles(articles, _syndication(syndication), lexicon=lexicon), report, output)
    sys.exit(1 if rejected else 0)


COMMANDS = [compare]
