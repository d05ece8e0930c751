"""The comparison as Markdown: summary, fact matrix, quote ledger, framing table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..summary import SummaryLine, caveats, said_by

if TYPE_CHECKING:
    from ..core import Comparison
    from ..facts import Cell

__all__ = ["render_markdown", "STATUS_MARK"]

STATUS_MARK = {"reported": "✔ reported", "omitted": "· omitted", "qualified": "◐ qualified",
               "conflicting": "✖ conflicting"}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _by(line: "SummaryLine") -> str:
    return f" {_cell(said_by(line))}" if line.speaker else ""


def _summary(c: "Comparison") -> list[str]:
    out = ["## Summary", ""]
    for line in c.summary.consensus:
        out.append(f"- {_cell(line.text)}{_by(line)} [{'; '.join(c.names[i] for i in line.cites)}]"
                   f"{' ' + _cell(caveats(line, c.names)) if line.caveats else ''}")
    for i, lines in c.summary.only.items():
        if lines:
            out += ["", f"**Only {c.names[i]} reports:**", ""]
            out += [f"- {_cell(x.text)}{_by(x)} [{c.names[i]}]" for x in lines]
    return out + [""]


def _status(cell: "Cell") -> str:
    # 'omitted' always has one reason (no claim of the outlet aligns): the mark says it
    return STATUS_MARK[cell.status] if cell.status == "omitted" else f"{STATUS_MARK[cell.status]}: {_cell(cell.reason)}"


def _matrix(c: "Comparison") -> list[str]:
    names = [c.names[i] for i in range(len(c.articles))]
    dated = any(f.first is not None for f in c.facts)  # a 'first' column only where dates tell who was first
    out = ["## Fact matrix", "", "| fact | sources | " + ("first | " if dated else "") + " | ".join(names) + " |",
           "|---|---|" + ("---|" if dated else "") + "---|" * len(names)]
    for f in c.facts:
        cells = [_status(f.cells[i]) for i in range(len(c.articles))]
        first = (c.names[f.first] if f.first is not None else "") + " | " if dated else ""
        out.append(f"| **{f.id}** {_cell(f.text)} | {f.sources} | {first}" + " | ".join(cells) + " |")
    return out + [""] + _evidence(c)


def _evidence(c: "Comparison") -> list[str]:
    """What each outlet wrote, for the facts two or more carry: the alignment a reader should check."""
    shared = [f for f in c.facts if sum(cell.status != "omitted" for cell in f.cells.values()) > 1]
    if not shared:
        return []
    out = ["### Evidence: what each outlet wrote", ""]
    for f in shared:
        # as written, without marks of our own: a sentence that opens with a quotation would read ““...”
        said = [f"*{c.names[i]}:* {_cell(' … '.join(x.text for x in cell.evidence))}"
                for i, cell in sorted(f.cells.items()) if cell.status != "omitted" and cell.evidence]
        out.append(f"- **{f.id}** " + " · ".join(said))
    return out + [""]


NO_QUOTES = "No quotes found."
NO_FRAMING = "No differences in wording found."


def _quotes(c: "Comparison") -> list[str]:
    if not c.ledger:
        return ["## Quote ledger", "", NO_QUOTES, ""]
    out = ["## Quote ledger", "", "| quote | speaker | carried by |", "|---|---|---|"]
    for e in c.ledger:
        carriers = "; ".join(f"{c.names[k.quote.article]} ({k.label})" for k in e.carriers)
        out.append(f"| {e.id}: {_cell(e.display())} | {_cell(e.speaker or 'unattributed')} | {carriers} |")
    out += ["", "**Whom each outlet quotes:** " + "; ".join(
        f"{c.names[i]}: " + ", ".join(f"{s} ×{n}" for s, n in cnt.most_common()) for i, cnt in sorted(c.speakers.items()))]
    return out + [""]


def _framing(c: "Comparison") -> list[str]:
    if not c.framing:
        return ["## Framing", "", NO_FRAMING, ""]
    names = [c.names[i] for i in range(len(c.articles))]
    out = ["## Framing", "", "| referent | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for r in c.framing:
        cells = [_cell(", ".join(r.terms.get(i, [])) or "—") for i in range(len(c.articles))]
        out.append(f"| {_cell(r.referent)} | " + " | ".join(cells) + " |")
    return out + [""]


def render_markdown(c: "Comparison") -> str:
    head = [f"# Coverage comparison: {', '.join(c.names.values())}", ""]
    head += [f"- **{c.names[i]}**: {_cell(a.title or a.source)} ({a.published or 'date unknown'})"
             for i, a in enumerate(c.articles)] + [""]
    return "\n".join(head + _summary(c) + _matrix(c) + _quotes(c) + _framing(c))
