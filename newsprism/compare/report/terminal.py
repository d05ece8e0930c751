"""The comparison in the terminal (rich): summary, fact matrix, quote ledger, framing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..summary import caveats, said_by
from .markdown import NO_FRAMING, NO_QUOTES

if TYPE_CHECKING:
    from ..core import Comparison

__all__ = ["render_terminal"]

STYLE = {"reported": "green", "omitted": "dim", "qualified": "yellow", "conflicting": "bold red"}


def _matrix(c: "Comparison") -> Table:
    table = Table("fact", "src", *[escape(c.names[i]) for i in range(len(c.articles))], title="Fact matrix",
                  show_lines=True)
    for f in c.facts:
        cells = [f"[{STYLE[f.cells[i].status]}]{f.cells[i].status}[/]\n[dim]{escape(f.cells[i].reason)}[/]"
                 for i in range(len(c.articles))]
        first = f"\n[dim]first: {escape(c.names[f.first])}[/]" if f.first is not None else ""
        table.add_row(f"[bold]{f.id}[/] {escape(f.text)}{first}", str(f.sources), *cells)
    return table


def _ledger(c: "Comparison") -> Table:
    table = Table("quote", "speaker", "carried by", title="Quote ledger")
    for e in c.ledger:
        table.add_row(f"{e.id} {escape(e.display())}", escape(e.speaker or "unattributed"),
                      ", ".join(f"{escape(c.names[k.quote.article])} ({k.label})" for k in e.carriers))
    return table


def _framing(c: "Comparison") -> Table:
    table = Table("referent", *[escape(c.names[i]) for i in range(len(c.articles))], title="Framing")
    for r in c.framing:
        table.add_row(escape(r.referent), *[escape(", ".join(r.terms.get(i, [])) or "—")
                                            for i in range(len(c.articles))])
    return table


def render_terminal(c: "Comparison", console: Console) -> None:
    console.print(f"[bold]Summary[/] ({escape(', '.join(c.names.values()))})")
    for line in c.summary.consensus:
        console.print(f"  • {escape(line.text)}{escape(said_by(line))} [cyan]\\[{escape('; '.join(c.names[i] for i in line.cites))}][/]"
                      f"[yellow]{escape(caveats(line, c.names))}[/]")
    for i, lines in c.summary.only.items():
        for line in lines:
            console.print(f"  • [dim]only {escape(c.names[i])}:[/] {escape(line.text)}{escape(said_by(line))}")
    console.print()
    console.print(_matrix(c))
    console.print(_ledger(c) if c.ledger else f"[bold]Quote ledger[/]: {NO_QUOTES}")
    console.print(_framing(c) if c.framing else f"[bold]Framing[/]: {NO_FRAMING}")
