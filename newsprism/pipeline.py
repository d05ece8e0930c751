"""Ingest: inputs -> RawPages -> cleaned Articles -> store, keeping going past bad inputs.

Each article is committed on its own, and every processed input is recorded by its content hash, so an
interrupted run loses nothing already stored and a re-run skips what it has seen (no duplicates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .clean import clean
from .errors import InputError
from .model import Article, RawPage, Rejected
from .store.base import Store

__all__ = ["IngestReport", "process", "analyze_stage", "ingest_pages"]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # new article ids
    duplicates: list[str] = field(default_factory=list)  # sources whose article was already stored
    skipped: int = 0  # inputs already processed in an earlier run
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def as_dict(self) -> dict[str, object]:
        return {"added": len(self.added), "duplicates": len(self.duplicates), "skipped": self.skipped,
                "rejected": len(self.rejected)}


def analyze_stage(article: Article) -> Rejected | None:
    """Run the analysis stage into `article.analysis`; a failure is returned as a Rejected record (the
    article itself stays good and is stored without analysis)."""
    from .analyze import analyze_article

    try:
        article.analysis.update(analyze_article(article))
        return None
    except InputError as exc:
        return Rejected(article.source, "analyze", exc.reason, str(exc), article.raw_hash, article.text[:120])
    except Exception as exc:  # a bug must not stop a batch: record it with enough to reproduce
        return Rejected(article.source, "analyze", "internal-error",
                        f"{article.source}: analysis failed with {type(exc).__name__}: {exc}. The article is "
                        "stored without analysis; please report this input.", article.raw_hash, article.text[:120])


def process(raw: RawPage, analyze: bool = False) -> Article | Rejected:
    """Clean one page (and analyse it when asked); every cleaning failure becomes a Rejected record with
    its stage and reason. Analysis failures leave the article without analysis: ingest records them."""
    try:
        article = clean(raw)
        if analyze:
            analyze_stage(article)
        return article
    except InputError as exc:
        return Rejected(raw.source, exc.stage, exc.reason, str(exc), raw.raw_hash, raw.content[:120])
    except Exception as exc:  # a bug must not stop a batch: record it with enough to reproduce
        return Rejected(raw.source, "clean", "internal-error",
                        f"{raw.source}: unexpected {type(exc).__name__}: {exc}. Please report this input "
                        "to the newsprism issue tracker.", raw.raw_hash, raw.content[:120])


def ingest_pages(items: Iterable[RawPage | Rejected], store: Store,
                 on_item: Callable[[RawPage | Rejected, Article | Rejected | None], None] | None = None,
                 analyze: bool = True) -> IngestReport:
    report = IngestReport()
    for item in items:
        result: Article | Rejected | None
        failed_analysis = None
        if isinstance(item, Rejected):
            result = item
        elif store.has_input(item.raw_hash):
            report.skipped += 1
            result = None
        else:
            result = process(item)
            if analyze and isinstance(result, Article):
                failed_analysis = analyze_stage(result)
        if failed_analysis is not None:
            store.add_rejected(failed_analysis)
            report.rejected.append(failed_analysis)
        if isinstance(result, Rejected):
            store.add_rejected(result)
            report.rejected.append(result)
        elif isinstance(result, Article):
            (report.added.append(result.id) if store.add_article(result)
             else report.duplicates.append(result.source))
        if on_item:
            on_item(item, result)
    return report
