"""/sources in a real Chromium: add a feed served by a loopback site, poll it, read a new Arabic
article right to left; a hostile feed title stays inert text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apptest.seeddb import build_seeded_db
from browser.conftest import ARTIFACTS, READY, _need_browser, running_server, screenshot
from browser.rtl import MEASURE, TOLERANCE_PX
from sources_site import Route, Site, article_html, rss
from sqlalchemy import select

from parley.store.db import make_engine
from parley.store.schema import articles

pytestmark = pytest.mark.browser

HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> أخبار مسقط'


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with Site() as s:
        for key in ("ar-muscat", "fa-muscat", "en-muscat"):
            s.routes[f"/{key}"] = Route(article_html(key))
        s.routes["/news.xml"] = Route(
            rss(HOSTILE_TITLE, [(s.url("/ar-muscat"), "ar", "Mon, 02 Mar 2026 08:00:00 GMT"),
                                (s.url("/fa-muscat"), "fa", "Tue, 03 Mar 2026 08:00:00 GMT"),
                                (s.url("/en-muscat"), "en", "Thu, 05 Mar 2026 08:00:00 GMT")], lang="ar"),
            content_type="application/rss+xml", etag='"b1"')
        yield s


@pytest.fixture(scope="module")
def sources_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server over its own store, allowed to fetch from loopback, with no host delay."""
    _need_browser()
    db = build_seeded_db(tmp_path_factory.mktemp("sources") / "parley.db", full=True)
    env = {"PARLEY_ALLOW_PRIVATE_URLS": "1", "PARLEY_FETCH_DELAY": "0"}
    with running_server(db.url, "streamlit-sources-server", env=env) as base:
        yield base, db.url


def _open(browser: Any, url: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    return page


def test_add_poll_and_read_a_feed_article(sources_server: tuple[str, str], site: Site, browser: Any) -> None:
    base, db_url = sources_server
    page = _open(browser, base + "/sources")
    page.get_by_label("Feed URLs, one per line").fill(site.url("/news.xml"))
    page.get_by_label("Feed URLs, one per line").press("Control+Enter")  # commit the text area
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_role("button", name="Add feeds").click()
    page.get_by_text("added 1, already there 0, errors 0").wait_for(timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.get_by_role("button", name="Poll now").click()
    page.get_by_text("new 3, duplicates 0, already stored 0, errors 0").wait_for(timeout=120_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(500)  # an <img onerror> would fire after its failed load
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.get_by_text("Feeds (1)").is_visible()
    screenshot(page, "sources_polled")
    page.locator("[data-testid=stDataFrame]").last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "sources_feed_articles.png"))  # the viewport, scrolled to the table

    page.get_by_role("button", name="Poll now").click()
    page.get_by_text("polled 1 feed(s) (1 not modified): new 0").wait_for(timeout=60_000)

    with make_engine(db_url).connect() as conn:
        ar_id = conn.execute(select(articles.c.id)
                             .where(articles.c.url == site.url("/ar-muscat"))).scalar_one()
    read = _open(browser, base + f"/read?a={ar_id}")
    read.wait_for_selector(".parley-para", timeout=60_000)
    blocks = [b for b in read.evaluate(MEASURE, "[data-testid=stApp] .parley-para") if b["lang"] == "ar"]
    assert any("البوسعيدي" in b["text"] for b in blocks)
    for b in blocks:
        assert b["direction"] == "rtl" and b["dir"] == "rtl", b
        assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b
    # the date's basis names the feed (the line may draw after the paragraphs on a loaded machine)
    read.get_by_text("feed item date").first.wait_for(timeout=60_000)
    screenshot(read, "sources_read_ar")
