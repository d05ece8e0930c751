"""Read local files, folders and stdin into RawPages (or Rejected records, never exceptions).

Supported: scraped plain text (.txt, .text, .md, no extension), HTML (.html, .htm, .xhtml and any of
them .gz-compressed), and JSON / JSONL records with `text` or `html` plus optional `title`, `url`,
`outlet`, `published` (or `date`), `language`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import RawPage, Rejected

__all__ = ["MAX_BYTES", "iter_paths", "read_path", "read_named_bytes", "read_bytes", "read_stream", "read_stdin",
           "record_to_page", "decode_bytes", "TEXT_EXT", "HTML_EXT"]

# 10 MB: the largest page in the extraction benchmark is ~1.5 MB of HTML; a news article above this is
# almost certainly a dump or a binary that slipped through.
MAX_BYTES = 10 * 1024 * 1024
TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def _reject(source: str, reason: str, message: str, sample: bytes | str | None = None) -> Rejected:
    if isinstance(sample, bytes):
        sample = sample[:120].decode("utf-8", "replace")
    return Rejected(source=source, stage="ingest", reason=reason, message=message, sample=sample)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Files under the given paths, folders walked recursively in sorted (deterministic) order."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name not in SKIP_NAMES and not name.startswith("."):
                        yield Path(root) / name
        elif p.is_file():
            yield p
        else:
            yield _reject(str(p), "not-found", f"{p}: no such file or folder. Check the path.")


def _kind_of(path: Path) -> tuple[str, bool]:
    """(kind, gzipped) from the file name: kind is text, html, json or unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    ext = (suffixes[-2] if gz and len(suffixes) > 1 else "") if gz else path.suffix.lower()
    if ext in HTML_EXT:
        return "html", gz
    if ext in JSON_EXT:
        return "json", gz
    if ext in TEXT_EXT and not (ext == "" and gz):
        return "text", gz
    return "unknown", gz


def decode_bytes(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first, then charset detection; None when the bytes are not text."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    # A decoding that needs many control characters is binary data in disguise.
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return None if controls > 8 else text


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in text[:20000].lower()


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[RawPage | Rejected]:
    """The pages of one file, or why it was rejected. A reader's unexpected failure becomes a rejected
    input too, after any pages already read, so a batch goes on with its other files."""
    try:
        yield from _read_path(path, max_bytes)
    except Exception as exc:  # a bug must not stop a batch: record it with enough to reproduce
        yield _reject(str(path), "internal-error", f"{path.name}: unexpected {type(exc).__name__} while reading: "
                      f"{exc}. The other inputs go on; please report this file to the newsprism issue tracker.")


def _read_path(path: Path, max_bytes: int) -> Iterator[RawPage | Rejected]:
    if path.name.lower().endswith((".warc", ".warc.gz")):  # many pages: read record by record, no file cap
        from .warc import iter_warc

        yield from iter_warc(path, max_bytes)
        return
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield _reject(source, "too-large",
                          f"{path.name}: {size:,} bytes is over the {max_bytes:,}-byte limit. "
                          "Split the file, or raise the limit with --max-bytes.")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(source, "unreadable", f"{path.name}: cannot read the file ({exc}). Check permissions.")
        return
    yield from read_named_bytes(path.name, data, source, max_bytes)


def read_named_bytes(name: str, data: bytes, source: str, max_bytes: int = MAX_BYTES) -> Iterator[RawPage | Rejected]:
    """Bytes whose type is told by a file name (a file on disk, an upload)."""
    kind, gz = _kind_of(Path(name))
    if kind == "unknown":
        yield _reject(source, "unknown-extension",
                      f"{name}: unknown file type '{''.join(Path(name).suffixes) or '(none)'}'. "
                      "newsprism reads .txt, .html/.htm (optionally .gz), .json and .jsonl; "
                      "rename the file or convert it to one of these.")
        return
    if gz:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            yield _reject(source, "unreadable", f"{name}: cannot decompress ({exc}). The file is probably "
                          "truncated: download it again.")
            return
    yield from read_bytes(data, source, kind, max_bytes)


def read_bytes(data: bytes, source: str, kind: str, max_bytes: int = MAX_BYTES) -> Iterator[RawPage | Rejected]:
    if len(data) > max_bytes:
        yield _reject(source, "too-large", f"{source}: {len(data):,} bytes is over the {max_bytes:,}-byte "
                      "limit. Split the input, or raise the limit with --max-bytes.")
        return
    if not data.strip():
        yield _reject(source, "empty", f"{source}: the input is empty. Nothing to ingest; remove it "
                      "or re-save the article.")
        return
    text = decode_bytes(data)
    if text is None:
        reason = "binary" if b"\x00" in data[:8192] else "undecodable"
        yield _reject(source, reason, f"{source}: this is not text ({reason} bytes). newsprism needs the "
                      "article as text, HTML or JSON; convert PDFs or images to text first.", sample=data)
        return
    if kind == "json":
        yield from read_json_records(text, source)
        return
    if kind == "text" and _looks_like_html(text):
        kind = "html"
    yield RawPage(source=source, kind=kind, content=text)


_FIELDS = ("title", "url", "outlet", "published", "language")


def record_to_page(record: object, source: str) -> RawPage | Rejected:
    if not isinstance(record, dict):
        return Rejected(source, "ingest", "bad-record", f"{source}: a record must be a JSON object with "
                        "'text' or 'html'; got {type(record).__name__}.")
    html, text = record.get("html"), record.get("text")
    content, kind = (html, "html") if isinstance(html, str) and html.strip() else (text, "text")
    if not isinstance(content, str) or not content.strip():
        return Rejected(source, "ingest", "no-content", f"{source}: the record has no 'text' or 'html' "
                        "field with content. Add the article text under 'text' (or the page under 'html').")
    hints = {k: record.get(k) for k in _FIELDS if isinstance(record.get(k), str) and record.get(k)}
    if "published" not in hints and isinstance(record.get("date"), str):
        hints["published"] = record["date"]
    if "outlet" not in hints and isinstance(record.get("source"), str):
        hints["outlet"] = record["source"]
    extra = {k: v for k, v in record.items() if k in ("id", "story")}
    return RawPage(source=source, kind=kind, content=content, extra=extra, **hints)


def read_json_records(text: str, source: str) -> Iterator[RawPage | Rejected]:
    """A JSON array, a single JSON object, or JSON Lines (one object a line; bad lines rejected alone)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield _reject(source, "bad-json", f"{source}: not valid JSON ({exc}). Fix the file or write "
                          "one object per line (JSONL).", sample=text)
            return
        for i, rec in enumerate(records):
            yield record_to_page(rec, f"{source}#{i + 1}")
        return
    lines = text.splitlines()
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            if i == 1 and len(lines) > 1 and stripped.startswith("{"):
                try:  # a pretty-printed single object
                    yield record_to_page(json.loads(text), source)
                    return
                except json.JSONDecodeError:
                    pass
            yield _reject(f"{source}#{i}", "bad-json", f"{source} line {i}: not valid JSON ({exc.msg} at "
                          f"column {exc.colno}). Fix or remove this line; the other lines were read.",
                          sample=line)
            continue
        yield record_to_page(rec, f"{source}#{i}")


def read_stream(stream: BinaryIO, kind: str = "text", source: str = "stdin") -> Iterator[RawPage | Rejected]:
    data = stream.read(MAX_BYTES + 1)
    if kind == "auto":
        head = data[:64].lstrip()
        kind = "json" if head[:1] in (b"{", b"[") else "text"
    yield from read_bytes(data, source, kind)


def read_stdin(kind: str = "auto") -> Iterator[RawPage | Rejected]:
    yield from read_stream(sys.stdin.buffer, kind)
