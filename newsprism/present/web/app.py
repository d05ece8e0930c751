"""ASGI app (Starlette) over the store. Reading is open; writing needs the token set at start.

Every page has a JSON twin at the same route + `.json` (datasette's convention), built from the same
view function, so the HTML and the API cannot drift apart. Errors have one JSON shape:
{"error": {"status": int, "code": str, "message": str}}.
"""

from __future__ import annotations

import hmac
import json
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ...compare.quotes import carrier_label, cue_phrase
from ...compare.report import facts_csv
from ...errors import NewsprismError
from ...store import Store, open_store
from . import views

__all__ = ["create_app", "MAX_UPLOAD_BYTES", "CSP"]

HERE = Path(__file__).parent
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# No inline script, nothing from outside the machine.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

View = Callable[[Request, Store], dict[str, Any]]


class ApiError(HTTPException):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, message)
        self.code = code


def _error_payload(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/") or \
        "application/json" in request.headers.get("accept", "") and "text/html" not in request.headers.get("accept", "")


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
            response: Response = JSONResponse(_error_payload(413, "too-large",
                                              f"request body over {MAX_UPLOAD_BYTES} bytes"), status_code=413)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def create_app(db: str | None = None, token: str | None = None) -> Starlette:
    store = open_store(db)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals["carrier_label"] = carrier_label
    templates.env.globals["cue_phrase"] = cue_phrase
    write_token = token or secrets.token_urlsafe(24)

    def page(template: str, view: View) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            # Views do blocking work (SQLite, a first comparison of a story): a worker thread keeps the
            # event loop free for the other requests meanwhile.
            data = await run_in_threadpool(view, request, store)
            if request.url.path.endswith(".json"):
                return JSONResponse(json.loads(json.dumps(data, default=str)))
            return templates.TemplateResponse(request, template, {"data": data, "path": request.url.path})
        return endpoint

    def json_and_html(path: str, template: str, view: View) -> list[Route]:
        return [Route(path + ".json", page(template, view)), Route(path, page(template, view))]

    async def ingest(request: Request) -> Response:
        supplied = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        form = None
        if not supplied and request.headers.get("content-type", "").startswith("multipart/form-data"):
            form = await request.form(max_files=100, max_fields=20)
            supplied = str(form.get("token") or "")
        if not supplied or not hmac.compare_digest(supplied, write_token):
            raise ApiError(401, "unauthorized", "writing needs the token given to `newsprism serve --token` "
                           "(Authorization: Bearer TOKEN)")
        if form is None and request.headers.get("content-type", "").startswith("multipart/form-data"):
            form = await request.form(max_files=100, max_fields=20)
        if form is not None:
            uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            urls = [u for u in str(form.get("urls") or "").split() if u]
            result = await _ingest_uploads(store, uploads, urls)
        else:
            try:
                body = json.loads(await request.body() or b"{}")
            except json.JSONDecodeError as exc:
                raise ApiError(400, "bad-json", f"the request body is not valid JSON: {exc.msg}") from exc
            if not isinstance(body, dict):
                raise ApiError(400, "bad-request", "send a JSON object with 'records' and/or 'urls'")
            result = views.ingest_records(store, body.get("records") or [], body.get("urls") or [])
        if not _wants_json(request) and form is not None:
            return templates.TemplateResponse(request, "ingest.html", {"data": {"result": result}, "path": "/ingest"})
        return JSONResponse(result, status_code=200 if not result["rejected"] else 207)

    async def story_csv(request: Request) -> Response:
        data = await run_in_threadpool(views.story, request, store)
        if not data["comparison"]:
            raise ApiError(404, "no-comparison", f"story {request.path_params['story_id']} has one article: there is "
                           "no fact matrix to download until a second outlet's article joins it")
        name = f"story-{request.path_params['story_id']}-facts.csv"
        return Response(facts_csv(data["comparison"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def openapi(request: Request) -> Response:
        return JSONResponse(views.openapi_spec())

    async def favicon(request: Request) -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    async def home(request: Request) -> Response:
        return RedirectResponse("/stories", status_code=307)

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, ApiError):
            status, code, message = exc.status_code, exc.code, exc.detail
        elif isinstance(exc, NewsprismError):
            status, code, message = (404 if exc.reason == "not-found" else 400), exc.reason, str(exc)
        elif isinstance(exc, HTTPException):
            status, code = exc.status_code, {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "error")
            message = exc.detail if exc.status_code != 404 else f"nothing at {request.url.path}"
        else:
            status, code, message = 500, "internal-error", f"{type(exc).__name__}: {exc}"
        payload = _error_payload(status, code, str(message))
        if _wants_json(request):
            return JSONResponse(payload, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"data": payload["error"], "path": ""},
                                          status_code=status)

    routes = [
        Route("/", home),
        *json_and_html("/stories", "stories.html", views.stories),
        Route("/story/{story_id}.csv", story_csv),
        *json_and_html("/story/{story_id}", "story.html", views.story),
        *json_and_html("/articles", "articles.html", views.articles),
        *json_and_html("/article/{article_id}", "article.html", views.article),
        *json_and_html("/outlet/{outlet}", "outlet.html", views.outlet),
        *json_and_html("/search", "search.html", views.search),
        *json_and_html("/ingest", "ingest.html", views.ingest_form),
        Route("/api/ingest", ingest, methods=["POST"]),
        Route("/openapi.json", openapi),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                    exception_handlers={Exception: on_error, NewsprismError: on_error, HTTPException: on_error, 404: on_error,
                                        405: on_error, 500: on_error})
    app.state.store = store
    app.state.token = write_token
    return app


async def _ingest_uploads(store: Store, uploads: list[UploadFile], urls: list[str]) -> dict[str, Any]:
    files = []
    for upload in uploads:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "too-large", f"{upload.filename}: over {MAX_UPLOAD_BYTES} bytes")
        files.append((upload.filename or "upload.txt", data))
    return views.ingest_uploads(store, files, urls)
