"""The downloaded briefing file in a real Chromium, opened from disk with the network blocked:
plotly charts render, Arabic and Persian blocks are right-to-left and start at the right edge,
English blocks are left-to-right at the left edge, and no request leaves the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.conftest import ARTIFACTS
from browser.rtl import MEASURE, TOLERANCE_PX

pytestmark = pytest.mark.browser





@pytest.fixture(scope="module")
def downloaded(server: str, browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML file as the page's "HTML file" download button serves it (filters lang=ar,fa)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(server + "/briefing?lang=ar,fa")
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
        button = page.get_by_role("button", name=re.compile("HTML file"))
        button.wait_for(timeout=60_000)
        with page.expect_download(timeout=120_000) as info:
            button.click()
        path = tmp_path_factory.mktemp("briefing") / "briefing.html"
        info.value.save_as(str(path))
        return path
    finally:
        context.close()


@pytest.fixture(scope="module")
def opened(downloaded: Path, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """The file opened from disk (file://), offline, every non-file request aborted and recorded."""
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, offline=True)
    attempted: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else attempted.append(r.url))
    page.goto(downloaded.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.wait_for_timeout(300)
    try:
        yield page, attempted
    finally:
        context.close()


def test_the_download_is_the_self_contained_file(downloaded: Path) -> None:
    html = downloaded.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert html.count('id="parley-plotlyjs"') == 1


def test_charts_render_with_no_network(opened: tuple[Any, list[str]]) -> None:
    page, attempted = opened
    charts = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".map(el => el.querySelectorAll('svg').length)")
    assert len(charts) == 2 and all(n > 0 for n in charts), charts
    points = page.evaluate("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length")
    assert points > 10
    assert attempted == []


def test_arabic_and_persian_blocks_start_at_the_right_edge(opened: tuple[Any, list[str]]) -> None:
    page, _ = opened
    blocks = page.evaluate(MEASURE, "main .parley-text")
    rtl = [b for b in blocks if b["lang"] in ("ar", "fa") and b["tag"] in ("P", "BLOCKQUOTE")]
    assert len([b for b in rtl if b["lang"] == "fa"]) >= 1 and len(rtl) >= 8, blocks
    for b in rtl:
        assert b["dir"] == "rtl" and b["direction"] == "rtl", b
        assert b["align"] in ("right", "start", "-webkit-right"), b
        assert re.match("[\u0600-\u06ff«\"(]", b["word"]["text"]), b
        assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b


def test_english_blocks_start_at_the_left_edge(opened: tuple[Any, list[str]]) -> None:
    page, _ = opened
    blocks = page.evaluate(MEASURE, "main .parley-text")
    english = [b for b in blocks if b["lang"] == "en" and b["tag"] in ("P", "H1", "H2")]
    assert any(b["text"].startswith("Sources by language") for b in english), blocks
    for b in english:
        assert b["dir"] == "ltr" and b["direction"] == "ltr", b
        assert abs(b["word"]["left"] - b["left"]) <= TOLERANCE_PX, b


def test_text_is_logical_order_and_a_screenshot(opened: tuple[Any, list[str]]) -> None:
    page, _ = opened
    text = page.evaluate("() => document.body.innerText")
    assert re.search("[\u0600-\u06ff]{3,}", text)
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)  # no presentation forms: never reshaped
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "briefing_file.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 20_000
