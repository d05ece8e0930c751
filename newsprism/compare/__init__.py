"""Compare coverage: align claims across articles into facts, the quote ledger, framing and a summary."""

from __future__ import annotations

from .core import Comparison, analyze_if_available, compare_articles

__all__ = ["Comparison", "compare_articles", "analyze_if_available"]
