"""The web app pointed at PostgreSQL (`newsprism --db postgresql://... serve`): ingest, browse, search."""

from __future__ import annotations

from starlette.testclient import TestClient

from newsprism.present.web import create_app
from newsprism.store import open_store
from newsprism.stories.service import recluster

from .conftest import SEEDS, pg_database_url

TOKEN = "pg-token-123"


def test_web_app_on_postgres(pg_server):
    url = pg_database_url(pg_server, "web")
    records = [{"text": p.read_text(encoding="utf-8"), "outlet": name}
               for p, name in zip(sorted(SEEDS.glob("*.txt")), ["DW", "TRT World"])]
    with TestClient(create_app(url, TOKEN)) as client:
        r = client.post("/api/ingest", json={"records": records}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json()["added"] == 2
        ids = r.json()["ids"]
        listed = client.get("/articles.json").json()["articles"]
        assert {a["id"] for a in listed} == set(ids) and {a["outlet"] for a in listed} == {"DW", "TRT World"}
        hits = client.get("/search.json?q=Ghouta").json()
        assert [h["id"] for h in hits["results"]] == [ids[0]]
        article = client.get(f"/article/{ids[1]}.json").json()
        assert article["outlet"] == "TRT World" and "Putin" in article["text"]
        store = open_store(url)
        try:
            recluster(store)  # `newsprism cluster` on the same database, from another connection
        finally:
            store.close()
        stories = client.get("/stories.json").json()["stories"]
        assert sum(s["articles"] for s in stories) == 2  # both seeds report one press conference
        assert len(stories) == 1
        assert client.get("/article/doesnotexist.json").status_code == 404
