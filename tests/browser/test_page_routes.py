"""serve.py's page routes in a real server and Chromium: a page opened by its URL finds the server
on the first probe (no /PAGE/_stcore/health), still runs through the router with its parameters,
and the menu moves between pages; other paths keep Streamlit's own answers."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from apptest.seeddb import SeededDb
from browser.conftest import READY

from parley.ui.menu import URL_PATHS
from parley.ui.server import BASE_SCRIPT

pytestmark = pytest.mark.browser


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_each_page_path_answers_with_the_base_script(server: str) -> None:
    for path in URL_PATHS:
        status, html = _get(f"{server}/{path}?a=x")
        assert status == 200, path
        head = html.split("</head>", 1)[0]
        assert head.count(BASE_SCRIPT) == 1, path
        assert head.index(BASE_SCRIPT) < head.index('<script type="module"'), path  # before the app
    status, html = _get(server + "/")  # the root needs no hint: Streamlit's own page
    assert status == 200 and "<div id=\"root\">" in html and BASE_SCRIPT not in html
    assert _get(server + "/_stcore/health")[0] == 200
    assert _get(server + "/read/_stcore/health")[0] == 404  # Streamlit's answer, unchanged


@pytest.mark.parametrize(("path", "shows"), [
    ("/read?a=SEED000", ".parley-para"), ("/actors?actor=oman", "text=Positions ("),
    ("/timeline", "h1:has-text('Timeline')"), ("/network?actor=oman", "h1:has-text('Actor network')")])
def test_a_page_opened_by_its_url_connects_on_the_first_probe(
        path: str, shows: str, server: str, browser: Any, browser_db: SeededDb) -> None:
    url = server + path.replace("SEED000", browser_db.ids["000"])
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        probes: list[str] = []
        page.on("request", lambda r: probes.append(urlsplit(r.url).path) if "/health" in r.url else None)
        page.goto(url)
        page.wait_for_selector(READY, timeout=60_000)
        assert probes and set(probes) == {"/_stcore/health"}, probes
        assert page.url == url  # path and parameters kept
        page.wait_for_selector(f"[data-testid=stMain] >> {shows}", timeout=60_000)  # the page itself ran
        page.wait_for_selector(READY, timeout=60_000)
        assert page.query_selector("[data-testid=stSidebarNav]")  # through the router
        assert not page.query_selector("[data-testid=stException]")
    finally:
        context.close()


def test_the_menu_moves_between_pages_after_a_deep_link(open_page: Callable[[str], Any]) -> None:
    page = open_page("/actors")
    page.click("[data-testid=stSidebarNav] a[href$='/timeline']")
    page.wait_for_url("**/timeline**", timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stMain] h1')?.innerText"
                           ".includes('Timeline')", timeout=60_000)
    assert urlsplit(page.url).path == "/timeline"
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert "Timeline" in page.inner_text("[data-testid=stMain] h1")
