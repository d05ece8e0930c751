"""WARC files (warcio), e.g. Common Crawl News: HTML response records become RawPages.

Request, metadata and revisit records are not pages and are passed over; a response that is not a
successful HTML page becomes a Rejected record with the reason, so nothing vanishes unexplained.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..model import RawPage, Rejected
from .fetch import Response
from .files import MAX_BYTES
from .pages import Hints, page_from_response

__all__ = ["iter_warc", "write_warc", "WARC_SUFFIXES"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def _reject(source: str, reason: str, message: str) -> Rejected:
    return Rejected(source, "warc", reason, message)


def _response(record: object, uri: str, max_bytes: int) -> Response | Rejected:
    http = record.http_headers  # type: ignore[attr-defined]
    status = int(http.get_statuscode() or 0) if http else 0
    headers = {k.lower(): v for k, v in (http.headers if http else [])}
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return _reject(uri, "too-large",
                       f"{uri}: a {int(declared):,}-byte record is over the {max_bytes:,}-byte limit.")
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return _reject(uri, "too-large", f"{uri}: the record is over the {max_bytes:,}-byte limit.")
    # warcio hands back whatever a cut-off gzip member held; only the declared length shows it is partial
    # (an encoded payload is decoded, so its length is only comparable when there was no encoding).
    if declared.isdigit() and len(body) < int(declared) and "content-encoding" not in headers:
        return _reject(uri, "truncated", f"{uri}: the record holds {len(body):,} of {int(declared):,} bytes; "
                       "the WARC file is probably truncated (an interrupted download). Download it again.")
    return Response(uri, status, headers, body)


def _looks_like_warc(path: str | Path) -> bool:
    """warcio reads almost anything as records; a real WARC/ARC file starts with its version line."""
    with open(path, "rb") as stream:
        head = stream.read(64 * 1024)
    if head[:2] == b"\x1f\x8b":
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    return head.startswith((b"WARC/", b"filedesc://"))


def iter_warc(path: str | Path, max_bytes: int = MAX_BYTES) -> Iterator[RawPage | Rejected]:
    """HTML pages of the response records of a WARC (or ARC) file, gzipped or not."""
    source = str(path)
    try:
        if not _looks_like_warc(path):
            yield _reject(source, "not-warc", f"{source}: this is not a WARC or ARC file (it does not start "
                          "with a WARC/ version line). Give a .warc or .warc.gz file.")
            return
        with open(path, "rb") as stream:
            records = iter(ArchiveIterator(stream, arc2warc=True))
            count = 0
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    break
                except Exception as exc:  # warcio's parser fails in many ways on a malformed record
                    yield _reject(source, "unreadable", f"{source}: record {count + 1} is malformed "
                                  f"({type(exc).__name__}: {exc}); the {count} records before it were read. "
                                  "Check that the file is a complete, valid WARC; re-download or re-write it.")
                    return
                count += 1
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#record{count}"
                yield _page(record, uri, max_bytes)
    except (OSError, ArchiveLoadFailed, ValueError, zlib.error) as exc:
        yield _reject(source, "unreadable", f"{source}: cannot read the WARC file ({exc}). "
                      "Check that it is a complete .warc or .warc.gz file; a truncated download stops here.")


def _page(record: object, uri: str, max_bytes: int) -> RawPage | Rejected:
    response = _response(record, uri, max_bytes)
    if isinstance(response, Rejected):
        return response
    page = page_from_response(response, Hints(), uri)
    if isinstance(page, Rejected):
        return Rejected(uri, "warc", page.reason, page.message.replace("the server", "the archived server"))
    page.extra["crawled"] = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    return page


def write_warc(path: str | Path, pages: Iterable[tuple[str, bytes]], content_type: str = "text/html; charset=utf-8",
               gzipped: bool = True) -> int:
    """Write (url, body) pairs as WARC response records; returns how many were written."""
    count = 0
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
            count += 1
    return count
