"""Hostile article text in a real Chromium: markup in an article shows as literal text and never runs.

A second server holds the seeds plus one article whose text carries a <script>, an
<img onerror> and an <svg onload>, each of which would set ``window.__pwned``. It is opened
on /read and on /compare (next to seed 000); the flag must stay undefined, the markup must be
visible as text, and no such element may exist in the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest
from apptest.seeddb import build_seeded_db
from browser.conftest import READY, _need_browser, running_server, screenshot

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<svg onload="window.__pwned=1">',
)
HOSTILE_TEXT = (
    f"أكد وزير الخارجية الأمريكي ماركو روبيو {PAYLOADS[0]} أن المحادثات مع إيران ستعقد في مسقط.\n"
    f"وقال عباس عراقجي {PAYLOADS[1]} إن الحوار مستمر في سلطنة عمان.\n"
    f"The envoy Steve Witkoff said {PAYLOADS[2]} talks will continue in Muscat.\n"
)
INJECTED = ("() => document.querySelectorAll('[data-testid=stMain] script, [data-testid=stMain] img[src=x], "
            "[data-testid=stMain] svg[onload], [onerror], [onload]').length")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A Streamlit server over the seeds plus the hostile article; yields (base URL, ids)."""
    _need_browser()
    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    tmp = tmp_path_factory.mktemp("hostile")
    db = build_seeded_db(tmp / "parley.db", full=True)
    article = tmp / "hostile_article.txt"
    article.write_text(HOSTILE_TEXT, encoding="utf-8")
    engine = make_engine(db.url)
    report = ingest_paths([article], engine)
    engine.dispose()
    assert report.ingested and not report.rejected, report.summary()
    from sqlalchemy import select

    from parley.store.schema import articles
    engine = make_engine(db.url)
    with engine.connect() as conn:
        hostile_id = conn.execute(select(articles.c.id).where(articles.c.origin.contains("hostile_article"))
                                  ).scalar_one()
        stored = conn.execute(select(articles.c.text).where(articles.c.id == hostile_id)).scalar_one()
    engine.dispose()
    assert all(p in stored for p in PAYLOADS), "the store keeps the markup as text"
    ids = {**db.ids, "hostile": hostile_id}

    with running_server(db.url, "streamlit-hostile-server") as base:
        yield base, ids


@pytest.fixture
def open_hostile(hostile_server: tuple[str, dict[str, str]], browser: Any) -> Iterator[Callable[[str], Any]]:
    base, _ = hostile_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    dialogs: list[str] = []

    def open_(path: str) -> Any:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + path)
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_timeout(300)
        page.wait_for_selector(READY, timeout=60_000)
        return page

    yield open_
    context.close()
    assert not dialogs, dialogs


def _assert_inert(page: Any) -> None:
    page.wait_for_timeout(500)  # an <img onerror> fires after its failed load: give it the chance
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.evaluate(INJECTED) == 0


def test_hostile_article_on_read_shows_markup_as_text(open_hostile: Callable[[str], Any],
                                                     hostile_server: tuple[str, dict[str, str]]) -> None:
    _, ids = hostile_server
    page = open_hostile(f"/read?a={ids['hostile']}")
    page.wait_for_selector(".parley-para", timeout=60_000)
    _assert_inert(page)
    text = page.evaluate("() => document.querySelector('[data-testid=stMain]').innerText")
    for payload in PAYLOADS:
        assert payload in text, payload
    screenshot(page, "hostile_read")


def test_hostile_article_on_compare_shows_markup_as_text(open_hostile: Callable[[str], Any],
                                                        hostile_server: tuple[str, dict[str, str]]) -> None:
    _, ids = hostile_server
    page = open_hostile(f"/compare?a={ids['hostile']},{ids['000']}")
    page.wait_for_selector(".parley-compare-cell .parley-para", timeout=60_000)
    _assert_inert(page)
    grid = page.evaluate("() => document.querySelector('.parley-compare').innerText")
    for payload in PAYLOADS:
        assert payload in grid, payload
    directions = page.evaluate("""() => [...document.querySelectorAll('.parley-compare-cell .parley-para')]
        .filter(el => el.textContent.includes('__pwned'))
        .map(el => [el.lang, getComputedStyle(el).direction])""")
    assert sorted(directions) == [["ar", "rtl"], ["ar", "rtl"], ["en", "ltr"]], directions
    screenshot(page, "hostile_compare")


@pytest.mark.parametrize("param", [PAYLOADS[1], "<script>window.__pwned=1</script>,x"])
def test_hostile_url_parameters_are_inert(open_hostile: Callable[[str], Any], param: str) -> None:
    page = open_hostile(f"/compare?a={quote(param)}")
    _assert_inert(page)
    assert "ignored" in page.evaluate("() => document.querySelector('[data-testid=stMain]').innerText")
