"""newsprism: see how different outlets cover the same story."""

from .model import Article, Heading, RawPage, Rejected, RemovedSpan, Sentence

__version__ = "0.1.0"

__all__ = ["Article", "Heading", "RawPage", "Rejected", "RemovedSpan", "Sentence", "__version__"]
