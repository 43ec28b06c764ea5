"""The reading view in a real Chromium: Arabic blocks are right-to-left and start at the right edge,
the embedded English post is left-to-right and starts at the left edge, and the browser gets
unshaped text in logical order (no presentation forms)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from apptest.seeddb import SeededDb
from browser.conftest import screenshot
from browser.rtl import MEASURE, TOLERANCE_PX

pytestmark = pytest.mark.browser





@pytest.fixture
def read_000(open_page: Callable[[str], Any], browser_db: SeededDb) -> Any:
    page = open_page(f"/read?a={browser_db.ids['000']}")
    page.wait_for_selector(".parley-para", timeout=60_000)
    return page


def test_arabic_blocks_are_rtl_and_start_at_the_right_edge(read_000: Any) -> None:
    blocks = read_000.evaluate(MEASURE, "[data-testid=stApp] .parley-para")
    arabic = [b for b in blocks if b["lang"] == "ar"]
    assert len(arabic) >= 10, blocks
    for b in arabic:
        assert b["dir"] == "rtl" and b["direction"] == "rtl", b
        assert b["align"] in ("right", "start", "-webkit-right"), b
        assert b["word"] is not None, b
        assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b
    first = arabic[0]["word"]["text"]
    assert re.match("[\u0600-\u06ff]", first), first  # the first word is Arabic, not a stray mark


def test_embedded_english_post_is_ltr_at_the_left_edge(read_000: Any) -> None:
    blocks = read_000.evaluate(MEASURE, "[data-testid=stApp] .parley-para")
    english = [b for b in blocks if b["lang"] == "en"]
    assert any("Iranian regime" in b["text"] for b in english), blocks
    for b in english:
        assert b["dir"] == "ltr" and b["direction"] == "ltr", b
        assert abs(b["word"]["left"] - b["left"]) <= TOLERANCE_PX, b


def test_the_router_ran_for_a_deep_link(read_000: Any) -> None:
    """A first request straight to /read still goes through dashboard.py (menu, stylesheet)."""
    menu = read_000.evaluate("() => [...document.querySelectorAll('[data-testid=stSidebarNav] a')]"
                             ".map(a => a.innerText.trim().split('\\n').pop())")
    assert {"Overview", "Read", "Library", "Actors", "Positions", "Review"} <= set(menu), menu
    assert read_000.evaluate("() => [...document.querySelectorAll('style')]"
                             ".some(s => s.textContent.includes('.parley-rtl'))")
    assert "a=" in read_000.url


def test_no_presentation_forms_and_a_screenshot(read_000: Any) -> None:
    text = read_000.evaluate("() => document.body.innerText")
    assert "روبيو" in text  # logical-order text reached the page
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    assert "<script" not in text
    path = screenshot(read_000, "read_000")
    assert path.stat().st_size > 10_000
