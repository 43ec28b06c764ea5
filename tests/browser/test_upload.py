"""Uploads on /library in a real Chromium: good files are ingested, bad ones rejected with a
reason, a hostile file name stays inert text, and the new article reads right to left."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apptest.seeddb import build_seeded_db
from browser.conftest import READY, _need_browser, running_server, screenshot
from browser.rtl import MEASURE, TOLERANCE_PX

from parley.load.article import article_id

pytestmark = pytest.mark.browser

# A new Arabic article (not a seed), written for this test.
NEW_ARTICLE = (
    "قال وزير الخارجية العماني بدر البوسعيدي إن جولة جديدة من المحادثات بين الولايات المتحدة "
    "وإيران ستعقد في مسقط الأسبوع المقبل.\n"
    "وأضاف أن بلاده مستعدة لمواصلة الوساطة بين الجانبين.\n"
)
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">.txt'
HOSTILE_BODY = "The envoy Steve Witkoff said talks with Iran would resume in Muscat next week.\n"


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over its own copy of the seeded store, so uploads touch no other test."""
    _need_browser()
    db = build_seeded_db(tmp_path_factory.mktemp("upload") / "parley.db", full=True)
    with running_server(db.url, "streamlit-upload-server") as base:
        yield base


def _open(browser: Any, url: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    return page


def test_upload_ingests_rejects_and_reads_back(upload_server: str, browser: Any) -> None:
    page = _open(browser, upload_server + "/library")
    page.locator("input[type=file]").set_input_files([
        {"name": "new_article.txt", "mimeType": "text/plain", "buffer": NEW_ARTICLE.encode("utf-8")},
        {"name": "broken.txt", "mimeType": "text/plain", "buffer": b"\x00\x01\x02binary\x00" * 50},
        {"name": HOSTILE_NAME, "mimeType": "text/plain", "buffer": HOSTILE_BODY.encode("utf-8")},
    ])
    page.get_by_role("button", name="Ingest 3 file(s)").click(timeout=60_000)
    summary = page.get_by_text("ingested 2, duplicates 0, already stored 0, rejected 1")
    summary.wait_for(timeout=120_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(500)  # an <img onerror> would fire after its failed load
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.get_by_text("Rejected", exact=True).is_visible()
    screenshot(page, "library_upload")

    read = _open(browser, upload_server + f"/read?a={article_id(NEW_ARTICLE)}")
    read.wait_for_selector(".parley-para", timeout=60_000)
    blocks = read.evaluate(MEASURE, "[data-testid=stApp] .parley-para")
    arabic = [b for b in blocks if b["lang"] == "ar"]
    assert arabic and "البوسعيدي" in arabic[0]["text"]
    for b in arabic:
        assert b["direction"] == "rtl" and b["dir"] == "rtl", b
        assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b
    screenshot(read, "library_upload_read")
