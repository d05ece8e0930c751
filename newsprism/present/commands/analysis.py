"""Analysis verbs: `newsprism analyze [IDS...]` re-runs analysis on stored articles; `render_analysis`
is what `newsprism show` prints for entities, quotes, places and dates."""

from __future__ import annotations

from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from ...analyze import COMPONENTS
from ...model import Article, quote_speaker
from ...pipeline import analyze_stage
from ..common import console, err_console, print_json, store_from

__all__ = ["analyze", "render_analysis", "COMMANDS"]


def _entities_table(payload: dict[str, Any]) -> Table:
    table = Table("entity", "type", "id", "mentions", title="Entities")
    for e in sorted(payload.get("entities", []), key=lambda e: -len(e["mentions"])):
        forms = sorted({m["text"] for m in e["mentions"]})
        table.add_row(escape(e["name"]), e["type"], escape(e["id"]),
                      f"{len(e['mentions'])}: " + escape(", ".join(forms)[:120]))
    return table


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _quotes_table(payload: dict[str, Any]) -> Table:
    table = Table("speaker", "as written", "cue", "kind", "quote", title="Quotes")
    for q in payload.get("quotes", []):
        table.add_row(escape(quote_speaker(q) or "?"), escape(q.get("speaker_text") or ""), escape(q.get("cue") or ""),
                      q["kind"], escape(_short(q["text"], 200)))
    return table


def _places_table(payload: dict[str, Any]) -> Table:
    table = Table("as written", "place", "country", "lat", "lon", "geonameid", title="Places")
    for p in payload.get("places", []):
        table.add_row(escape(p.get("text") or ""), escape(p["name"]), p["country"], f"{p['lat']:.4f}",
                      f"{p['lon']:.4f}", str(p.get("geonameid") or ""))
    return table


def _dates_table(payload: dict[str, Any]) -> Table:
    table = Table("as written", "date", "granularity", title=f"Dates (relative to {payload.get('reference')})")
    for d in payload.get("dates", []):
        table.add_row(escape(d["text"]), d["value"], d["granularity"])
    return table


def render_analysis(article: Article) -> None:
    """Print whichever analysis components the article has (nothing when it was never analysed)."""
    makers = {"entities": _entities_table, "quotes": _quotes_table, "places": _places_table, "dates": _dates_table}
    for name, make in makers.items():
        payload = article.analysis.get(name)
        if payload:
            console.print(make(payload))
    notes = dict.fromkeys(w for payload in article.analysis.values() if isinstance(payload, dict)
                          for w in payload.get("warnings") or [])
    for note in notes:
        console.print(f"[yellow]analysis note:[/] {escape(note)}")


def _targets(store, ids: tuple[str, ...]):
    if not ids:
        yield from store.iter_articles()
        return
    for article_id in ids:
        article = store.get_article(article_id)
        if article is None:
            err_console.print(f"[red]no article[/] {escape(article_id)}: `newsprism list` shows the ids.")
        yield article if article is not None else article_id


@click.command()
@click.argument("ids", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@click.pass_context
def analyze(ctx: click.Context, ids: tuple[str, ...], as_json: bool) -> None:
    """(Re-)run entities, quotes, places and dates on stored articles (all of them when no IDS).

    Failures are stored as rejected inputs with stage 'analyze'; exit code 1 if any article failed.
    """
    store = store_from(ctx)
    done, failed, missing = 0, 0, 0
    for article in list(_targets(store, ids)):
        if isinstance(article, str):
            missing += 1
            continue
        problem = analyze_stage(article)
        if problem is not None:
            store.add_rejected(problem)
            failed += 1
            err_console.print(f"[red]failed[/] {article.id} ({problem.reason}) {escape(problem.message)}")
            continue
        for component in COMPONENTS:
            payload = article.analysis[component]
            store.put_analysis(article.id, component, payload["version"], payload)
        done += 1
    summary = {"analyzed": done, "failed": failed, "not_found": missing}
    if as_json:
        print_json(summary)
    else:
        console.print(f"{done} analysed, {failed} failed, {missing} not found.")
    store.close()
    ctx.exit(0 if not failed and not missing else 1)


COMMANDS = [analyze]
