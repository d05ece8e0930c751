"""Browser tests: Playwright drives Debian's chromium (/usr/bin/chromium) against the real app on loopback.

Clicks story -> article -> outlet and saves a screenshot of each page under out/screenshots/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "out" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from newsprism.present.web import create_app
    from newsprism.pipeline import ingest_pages
    from newsprism.ingest.files import iter_paths, read_path
    from newsprism.store import open_store
    from newsprism.stories.service import assign_new

    folder = tmp_path_factory.mktemp("app")
    db = str(folder / "browser.db")
    inputs = folder / "in"
    inputs.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, inputs / f.name)
    store = open_store(db)
    ingest_pages((page for path in iter_paths([inputs]) for page in read_path(path)), store)
    assign_new(store)
    store.close()
    port = _free_port()
    config = uvicorn.Config(create_app(db, "browser-token"), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run scripts/setup.sh (make setup) to install it")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_click_through_story_article_outlet(server, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Stories"
    page.screenshot(path=str(SHOTS / "stories.png"), full_page=True)

    page.locator("table.list a").first.click()
    page.wait_for_selector("table.matrix")
    cells = page.locator("table.matrix td.cell")
    assert cells.count() >= 10
    statuses = {c.strip() for c in page.locator("table.matrix td.cell").all_inner_texts()}
    assert {"reported", "omitted"} <= {s.split()[0] for s in statuses}
    assert page.locator(".side section").count() == 2
    assert page.locator(".side span.fact").count() >= 4
    assert page.locator("table.ledger tbody tr").count() >= 5
    ledger = page.locator("table.ledger").inner_text()
    assert "partial quote" in ledger and "paraphrased, reported speech" in ledger  # how each outlet carries it
    assert page.locator("svg.map circle.place").count() >= 5
    cells.first.click()  # the evidence opens in place
    assert page.locator("td.cell.open .evidence").first.is_visible()
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)

    page.locator("table.coverage td:nth-child(2) a").first.click()
    page.wait_for_selector("article.article")
    assert page.locator(".body span.quote").count() >= 1
    assert page.locator("table.audit tbody tr").count() >= 1
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)

    page.locator("dl.meta a").first.click()
    page.wait_for_selector("h2:has-text('Whom it quotes')")
    page.screenshot(path=str(SHOTS / "outlet.png"), full_page=True)

    assert page.errors == []  # type: ignore[attr-defined]  (CSP violations would show here)
    assert all(u.startswith(server) for u in requests), [u for u in requests if not u.startswith(server)]
