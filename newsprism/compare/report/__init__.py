"""Comparison reports: terminal (rich), Markdown, JSON (docs/compare-schema.md) and standalone HTML."""

from __future__ import annotations


from .json_report import SCHEMA_VERSION, comparison_to_dict



__all__ = ["SCHEMA_VERSION", "comparison_to_dict", "render_markdown", "render_html", "render_terminal"]
