"""View functions: (request, store) -> JSON-able dict. The HTML templates render the same dicts."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any

from starlette.requests import Request

from ... import __version__
from ...errors import NewsprismError
from ...ingest.files import read_named_bytes, record_to_page
from ...model import Rejected
from ...pipeline import ingest_pages
from ...store import Store
from ...stories.service import story_articles
from .marks import Span, segments, spans_from_analysis
from .worldmap import story_map

__all__ = ["stories", "story", "articles", "article", "outlet", "search", "ingest_form", "ingest_records",
           "ingest_uploads", "openapi_spec"]

PAGE_SIZE = 50


def _int(request: Request, name: str, default: int, high: int = 10_000) -> int:
    try:
        return max(0, min(high, int(request.query_params.get(name, default))))
    except ValueError:
        raise NewsprismError("bad-request", f"query parameter {name!r} must be a whole number.") from None


def display_title(row: dict[str, Any]) -> str:
    """The title, or for untitled articles (many scraped texts) the opening words of the lead."""
    if row.get("title"):
        return row["title"]
    lead = " ".join((row.get("lead") or "").split())
    return (lead[:90].rsplit(" ", 1)[0] + " …") if len(lead) > 90 else lead or row["id"]


def _not_found(what: str) -> NewsprismError:
    return NewsprismError("not-found", f"no {what}.", "Go back to the story list.")


def stories(request: Request, store: Store) -> dict[str, Any]:
    limit, offset = _int(request, "limit", PAGE_SIZE, 500), _int(request, "offset", 0)
    query = request.query_params.get("q", "").strip()
    lister = getattr(store, "list_stories", None)
    if lister is None:
        rows = []
    elif query:  # stories whose articles match the full-text query, best match first
        ids = []
        for hit in store.search(query, 200):
            sid = store.story_of(hit["id"])
            if sid is not None and sid not in ids:
                ids.append(sid)
        rows = [r for r in (store.get_story(i) for i in ids[offset:offset + limit]) if r]
        rows = [{k: v for k, v in r.items() if k != "members"} for r in rows]
    else:
        rows = lister(limit=limit, offset=offset)
    return {"stories": rows, "query": query, "limit": limit, "offset": offset,
            "articles": store.stats()["articles"]}


# A story page compares its articles; comparisons are cached by the exact member list, so a story
# recomputes only when an article joins it.
_COMPARISONS: OrderedDict[tuple[str, ...], dict[str, Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 128


def _comparison(articles: list[Any], syndication: dict[str, str]) -> dict[str, Any] | None:
    if len(articles) < 2:
        return None
    key = tuple(a.id for a in articles)
    with _CACHE_LOCK:
        if key in _COMPARISONS:
            _COMPARISONS.move_to_end(key)
            return _COMPARISONS[key]
    from ...compare import compare_articles

    result = compare_articles(articles, syndication).to_dict()
    with _CACHE_LOCK:
        _COMPARISONS[key] = result
        while len(_COMPARISONS) > CACHE_SIZE:
            _COMPARISONS.popitem(last=False)
    return result


def _fact_spans(cmp: dict[str, Any]) -> dict[int, list[Span]]:
    """Evidence spans of facts carried by two or more outlets, per article index."""
    spans: dict[int, list[Span]] = {}
    for fact in cmp["facts"]:
        present = [c for c in fact["cells"].values() if c["status"] != "omitted"]
        if len(present) < 2:
            continue
        for cell in present:
            for ev in cell["evidence"]:
                index = int(str(ev["claim"]).split(":")[0])
                spans.setdefault(index, []).append(Span(ev["start"], ev["end"], "fact", fact["text"], fact["id"]))
    return spans


def _places(articles: list[Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for a in articles:
        for p in (a.analysis.get("places") or {}).get("places", []):
            entry = found.setdefault(p["name"], {"name": p["name"], "lat": p.get("lat"), "lon": p.get("lon"),
                                                 "kind": p.get("kind"), "outlets": []})
            if labels[a.id] not in entry["outlets"]:
                entry["outlets"].append(labels[a.id])
    return sorted(found.values(), key=lambda p: (-len(p["outlets"]), p["name"]))


def story(request: Request, store: Store) -> dict[str, Any]:
    raw_id = request.path_params["story_id"]
    found, members, articles = story_articles(store, int(raw_id)) if raw_id.isdigit() else (None, [], [])
    if not found:
        raise _not_found(f"story {raw_id!r}")
    cmp = _comparison(articles, _groups(members))
    labels = {a["id"]: a["outlet"] for a in cmp["articles"]} if cmp else {a.id: a.outlet or a.id for a in articles}
    outlets = [labels[a.id] for a in articles]
    spans = _fact_spans(cmp) if cmp else {}
    coverage = []
    for m in members:
        label = labels.get(m["id"])
        cells = [f["cells"].get(label, {}).get("status", "omitted") for f in (cmp or {}).get("facts", [])] if label else []
        only = sum(1 for f in (cmp or {}).get("facts", []) if label and f["cells"].get(label, {}).get("status") != "omitted"
                   and all(c["status"] == "omitted" for o, c in f["cells"].items() if o != label))
        coverage.append({**m, "title": display_title(m), "outlet": m["outlet"], "reported": sum(c != "omitted" for c in cells), "only": only,
                         "compared": label is not None,
                         "group": m["syndication_group"] if m["syndication_group"] != m["id"] else ""})
    sides = [{"outlet": labels[a.id], "id": a.id,
              "segments": [{"text": s.text, "fact": s.keys.split(" ")[0] if s.keys else ""}
                           for s in segments(a.text, spans.get(i, []))]} for i, a in enumerate(articles)]
    timeline = sorted(({"id": m["id"], "outlet": m["outlet"], "title": display_title(m), "published": m["published"]}
                       for m in members), key=lambda t: (t["published"] is None, t["published"] or ""))
    return {"story": found, "coverage": coverage, "outlets": outlets, "comparison": cmp, "sides": sides,
            "map": story_map(_places(articles, labels)), "timeline": timeline,
            "compared": len(articles), "members": len(members)}


def articles(request: Request, store: Store) -> dict[str, Any]:
    limit, offset = _int(request, "limit", PAGE_SIZE, 500), _int(request, "offset", 0)
    outlet_name = request.query_params.get("outlet") or None
    rows = [{**r, "title": display_title(r)} for r in store.list_articles(limit, offset, outlet_name)]
    return {"articles": rows, "limit": limit, "offset": offset,
            "outlet": outlet_name}


def article(request: Request, store: Store) -> dict[str, Any]:
    found = store.get_article(request.path_params["article_id"])
    if found is None:
        raise _not_found(f"article {request.path_params['article_id']!r}")
    data = found.to_dict()
    spans = spans_from_analysis(found.analysis)
    data["segments"] = [{"text": s.text, "kinds": s.kinds, "label": s.label, "keys": s.keys}
                        for s in segments(found.text, spans)]
    data["paragraphs"] = _paragraphs(found, data["segments"])
    # Many outlets' standfirst is also the first paragraph: show it once.
    data["show_standfirst"] = bool(found.standfirst) and not found.text.startswith(found.standfirst or "")
    return data


def _paragraphs(found: Any, segs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The marked segments regrouped by paragraph, each with the section heading that precedes it."""
    headings = {h.offset: h.text for h in found.headings}
    paragraphs: list[dict[str, Any]] = [{"heading": headings.get(0), "segments": []}]
    offset = 0
    for seg in segs:
        pieces = seg["text"].split("\n\n")
        for i, piece in enumerate(pieces):
            if i:
                offset += 2
                paragraphs.append({"heading": headings.get(offset), "segments": []})
            if piece:
                paragraphs[-1]["segments"].append({**seg, "text": piece})
            offset += len(piece)
    return [p for p in paragraphs if p["segments"]]


# An outlet page compares at most this many of its shared stories (a first comparison costs ~1 s).
OUTLET_STORIES_COMPARED = 5


def _groups(members: list[dict[str, Any]]) -> dict[str, str]:
    return {m["id"]: m["syndication_group"] for m in members}


def _omissions(store: Store, name: str, story_ids: list[int]) -> list[dict[str, Any]]:
    """Facts other outlets report in stories this outlet covered, where this outlet's cell is omitted."""
    out = []
    for sid in story_ids[:OUTLET_STORIES_COMPARED]:
        found, members, articles = story_articles(store, sid)
        if found is None or found.get("outlets", 0) < 2:
            continue
        cmp = _comparison(articles, _groups(members))
        labels = {a["id"]: a["outlet"] for a in cmp["articles"]} if cmp else {}
        mine = {labels[a.id] for a in articles if a.outlet == name and a.id in labels}
        for fact in (cmp or {}).get("facts", []):
            cells = fact["cells"]
            if mine and all(cells.get(m, {}).get("status") == "omitted" for m in mine):
                others = [o for o, c in cells.items() if c["status"] != "omitted"]
                out.append({"text": fact["text"], "sources": fact["sources"], "reported_by": others,
                            "story_id": sid, "story_title": found.get("title")})
    return sorted(out, key=lambda f: -f["sources"])[:25]


def outlet(request: Request, store: Store) -> dict[str, Any]:
    name = request.path_params["outlet"]
    rows = [{**r, "title": display_title(r)} for r in store.list_articles(500, 0, name)]
    if not rows:
        raise _not_found(f"outlet {name!r}")
    quoted: Counter[str] = Counter()
    for row in rows[:200]:
        quotes = store.get_analysis(row["id"]).get("quotes", {}).get("quotes", [])
        quoted.update(q["speaker"] for q in quotes if q.get("speaker"))
    story_ids: list[int] = []
    if hasattr(store, "story_of"):
        for row in rows:
            sid = store.story_of(row["id"])
            if sid is not None and sid not in story_ids:
                story_ids.append(sid)
    stories_covered = [r for r in (store.get_story(i) for i in story_ids) if r]
    return {"outlet": name, "articles": rows, "quoted": quoted.most_common(25),
            "stories": [{k: v for k, v in r.items() if k != "members"} for r in stories_covered],
            "often_omits": _omissions(store, name, story_ids)}


def search(request: Request, store: Store) -> dict[str, Any]:
    query = request.query_params.get("q", "").strip()
    return {"query": query, "results": store.search(query, 50) if query else []}


def ingest_form(request: Request, store: Store) -> dict[str, Any]:
    return {"result": None}


def _summary(report: Any, store: Store) -> dict[str, Any]:
    """The ingest report; new articles join their stories right away, as with `newsprism ingest`."""
    if report.added:
        from ...stories.service import assign_new

        assign_new(store)
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
    return _summary(ingest_pages(pages, store), store)


def ingest_uploads(store: Store, uploads: list[tuple[str, bytes]], urls: list[str]) -> dict[str, Any]:
    """(client file name, bytes) pairs: the name only tells the type; nothing is written to disk."""
    items: list[Any] = []
    for name, data in uploads:
        items.extend(read_named_bytes(Path(name).name or "upload.txt", data, f"upload:{Path(name).name}"))
    return _summary(ingest_pages(items + _url_pages(urls), store), store)


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
            "/story/{story_id}.csv": get("One story's fact matrix as CSV, a row per fact and outlet", ["story_id"]),
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
