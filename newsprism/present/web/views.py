"""View functions: (request, store) -> JSON-able dict. The HTML templates render the same dicts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from starlette.requests import Request

from ... import __version__
from ...errors import NewsprismError
from ...ingest.files import read_named_bytes, record_to_page
from ...model import Rejected
from ...pipeline import ingest_pages
from ...store import Store
from .marks import segments, spans_from_analysis

__all__ = ["stories", "story", "articles", "article", "outlet", "search", "ingest_form", "ingest_records",
           "ingest_uploads", "openapi_spec"]

PAGE_SIZE = 50


def _int(request: Request, name: str, default: int, high: int = 10_000) -> int:
    try:
        return max(0, min(high, int(request.query_params.get(name, default))))
    except ValueError:
        raise NewsprismError("bad-request", f"query parameter {name!r} must be a whole number.") from None


def _not_found(what: str) -> NewsprismError:
    return NewsprismError("not-found", f"no {what}.", "Go back to the story list.")


def stories(request: Request, store: Store) -> dict[str, Any]:
    limit, offset = _int(request, "limit", PAGE_SIZE, 500), _int(request, "offset", 0)
    query = request.query_params.get("q", "").strip()
    lister = getattr(store, "list_stories", None)
    rows = lister(limit=limit, offset=offset, query=query or None) if lister else []
    return {"stories": rows, "query": query, "limit": limit, "offset": offset,
            "articles": store.stats()["articles"]}


def story(request: Request, store: Store) -> dict[str, Any]:
    getter = getattr(store, "get_story", None)
    data = getter(request.path_params["story_id"]) if getter else None
    if not data:
        raise _not_found(f"story {request.path_params['story_id']!r}")
    return data


def articles(request: Request, store: Store) -> dict[str, Any]:
    limit, offset = _int(request, "limit", PAGE_SIZE, 500), _int(request, "offset", 0)
    outlet_name = request.query_params.get("outlet") or None
    return {"articles": store.list_articles(limit, offset, outlet_name), "limit": limit, "offset": offset,
            "outlet": outlet_name}


def article(request: Request, store: Store) -> dict[str, Any]:
    found = store.get_article(request.path_params["article_id"])
    if found is None:
        raise _not_found(f"article {request.path_params['article_id']!r}")
    data = found.to_dict()
    spans = spans_from_analysis(found.analysis)
    data["segments"] = [{"text": s.text, "kinds": s.kinds, "label": s.label, "keys": s.keys}
                        for s in segments(found.text, spans)]
    return data


def outlet(request: Request, store: Store) -> dict[str, Any]:
    name = request.path_params["outlet"]
    rows = store.list_articles(500, 0, name)
    if not rows:
        raise _not_found(f"outlet {name!r}")
    quoted: Counter[str] = Counter()
    for row in rows[:200]:
        quotes = store.get_analysis(row["id"]).get("quotes", {}).get("quotes", [])
        quoted.update(q["speaker"] for q in quotes if q.get("speaker"))
    outlet_stories = getattr(store, "outlet_stories", None)
    omissions = getattr(store, "outlet_omissions", None)
    return {"outlet": name, "articles": rows, "quoted": quoted.most_common(25),
            "stories": outlet_stories(name) if outlet_stories else [],
            "often_omits": omissions(name) if omissions else []}


def search(request: Request, store: Store) -> dict[str, Any]:
    query = request.query_params.get("q", "").strip()
    return {"query": query, "results": store.search(query, 50) if query else []}


def ingest_form(request: Request, store: Store) -> dict[str, Any]:
    return {"result": None}


def _summary(report: Any) -> dict[str, Any]:
    return {**report.as_dict(), "ids": report.added,
            "rejected": [{"source": r.source, "stage": r.stage, "reason": r.reason, "message": r.message}
                         for r in report.rejected]}


def _url_pages(urls: list[str]) -> list[Any]:
    try:
        from ...ingest import sources  # the fetcher, when this installation has it
    except ImportError:
        return [Rejected(u, "fetch", "not-supported", f"{u}: fetching URLs is not available in this build; "
                         "upload the page as a file instead.") for u in urls]
    return list(sources.pages_from_urls(urls))


def ingest_records(store: Store, records: list[Any], urls: list[str]) -> dict[str, Any]:
    pages = [record_to_page(rec, f"api#{i + 1}") for i, rec in enumerate(records)] + _url_pages(urls)
    return _summary(ingest_pages(pages, store))


def ingest_uploads(store: Store, uploads: list[tuple[str, bytes]], urls: list[str]) -> dict[str, Any]:
    """(client file name, bytes) pairs: the name only tells the type; nothing is written to disk."""
    items: list[Any] = []
    for name, data in uploads:
        items.extend(read_named_bytes(Path(name).name or "upload.txt", data, f"upload:{Path(name).name}"))
    return _summary(ingest_pages(items + _url_pages(urls), store))


def openapi_spec() -> dict[str, Any]:
    def get(summary: str, params: list[str] = ()) -> dict[str, Any]:
        return {"get": {"summary": summary, "parameters": [
            {"name": p, "in": "path" if p in ("story_id", "article_id", "outlet") else "query",
             "required": p in ("story_id", "article_id", "outlet"), "schema": {"type": "string"}}
            for p in params], "responses": {"200": {"description": "OK"},
                                            "404": {"$ref": "#/components/responses/Error"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsprism", "version": __version__,
                 "description": "Every HTML page is also JSON at the same path + .json."},
        "paths": {
            "/stories.json": get("Stories, newest and biggest first", ["q", "limit", "offset"]),
            "/story/{story_id}.json": get("One story: coverage, fact matrix, quotes, framing", ["story_id"]),
            "/articles.json": get("Stored articles", ["outlet", "limit", "offset"]),
            "/article/{article_id}.json": get("One article with its analysis and audit", ["article_id"]),
            "/outlet/{outlet}.json": get("An outlet's articles, whom it quotes, what it omits", ["outlet"]),
            "/search.json": get("Full-text search", ["q"]),
            "/api/ingest": {"post": {
                "summary": "Ingest records, URLs or uploaded files (needs the token)",
                "security": [{"token": []}],
                "requestBody": {"content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "records": {"type": "array", "items": {"type": "object"}},
                        "urls": {"type": "array", "items": {"type": "string"}}}}},
                    "multipart/form-data": {"schema": {"type": "object", "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "urls": {"type": "string"}, "token": {"type": "string"}}}}}},
                "responses": {"200": {"description": "all stored"}, "207": {"description": "some rejected"},
                              "401": {"$ref": "#/components/responses/Error"},
                              "413": {"$ref": "#/components/responses/Error"}}}},
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": {"description": "One error shape for every failure", "content": {
                "application/json": {"schema": {"type": "object", "properties": {"error": {
                    "type": "object", "required": ["status", "code", "message"], "properties": {
                        "status": {"type": "integer"}, "code": {"type": "string"},
                        "message": {"type": "string"}}}}}}}}},
        },
    }
