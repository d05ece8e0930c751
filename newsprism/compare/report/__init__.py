"""Comparison reports: terminal (rich), Markdown, JSON (docs/compare-schema.md), standalone HTML and the fact
matrix as CSV."""

from __future__ import annotations

from .csv_report import CSV_COLUMNS, facts_csv
from .html_report import render_html
from .json_report import SCHEMA_VERSION, comparison_to_dict
from .markdown import render_markdown
from .terminal import render_terminal

__all__ = ["SCHEMA_VERSION", "CSV_COLUMNS", "comparison_to_dict", "render_markdown", "render_html", "render_terminal",
           "facts_csv"]
