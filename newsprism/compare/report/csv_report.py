"""The fact matrix as CSV, one row per fact and outlet (a tidy table for spreadsheets, pandas or R).

Columns: fact, fact_text, sources, first, outlet, article_id, status, reason, evidence (the outlet's claims,
joined by " | "), spans ("start-end" offsets into the article's text, ";"-separated) and quoted (the
condition, exception or number a status rests on, " | "-joined). Every cell is text the comparison holds;
the csv module quotes it, so commas, quotation marks and line breaks in article text stay inside their cell.
"""

from __future__ import annotations

import csv
import io
from typing import Any

__all__ = ["CSV_COLUMNS", "facts_csv"]

CSV_COLUMNS = ["fact", "fact_text", "sources", "first", "outlet", "article_id", "status", "reason", "evidence",
               "spans", "quoted", "match"]
# Spreadsheets run a cell that opens with one of these as a formula (CSV injection): such a cell gets a
# leading apostrophe, which they show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def facts_csv(comparison: dict[str, Any]) -> str:
    """The fact matrix of a comparison in its JSON form (`comparison_to_dict`, docs/compare-schema.md), which
    the command line and the web app's cached comparisons share."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    articles = comparison.get("articles") or []
    for f in comparison.get("facts") or []:
        for a in articles:
            cell = f["cells"].get(a["outlet"]) or {}
            evidence = cell.get("evidence") or []
            row = [f["id"], f["text"], f["sources"], f.get("first") or "", a["outlet"], a["id"], cell.get("status"),
                   cell.get("reason"), " | ".join(x["text"] for x in evidence),
                   ";".join(f"{x['start']}-{x['end']}" for x in evidence), " | ".join(cell.get("quoted") or []),
                   "" if cell.get("match") is None else cell["match"]]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
