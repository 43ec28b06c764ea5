"""/compare (seeds 000+001, 003+004) and /read (001, 004) in a real Chromium.

Checks what only a browser shows: each passage's computed direction, where its first word
lands (Range.getBoundingClientRect on that word against the block's content box), that the
page gets unshaped text in logical order (no presentation forms; every passage equals its
stored segment), and screenshots in tests/artifacts/ to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from apptest.seeddb import SeededDb
from browser.conftest import screenshot
from browser.rtl import MEASURE, PRESENTATION_FORMS, TOLERANCE_PX
from sqlalchemy import select

from parley.store.db import make_engine
from parley.store.schema import segments

pytestmark = pytest.mark.browser



CELLS = "[data-testid=stApp] .parley-compare-cell .parley-para"


def _stored_segments(db: SeededDb, *prefixes: str) -> set[str]:
    engine = make_engine(db.url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(segments.c.text).where(
                segments.c.article_id.in_([db.ids[p] for p in prefixes]))).all()
    finally:
        engine.dispose()
    return {r for (r,) in rows}


def _check_blocks(blocks: list[dict[str, Any]]) -> None:
    """RTL blocks start at the right edge, LTR blocks at the left; directions match languages."""
    assert blocks
    for b in blocks:
        assert b["word"] is not None, b
        if b["lang"] in ("ar", "fa"):
            assert b["dir"] == "rtl" and b["direction"] == "rtl", b
            assert b["align"] in ("right", "start", "-webkit-right"), b
            assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b
        else:
            assert b["lang"] == "en", b
            assert b["dir"] == "ltr" and b["direction"] == "ltr", b
            assert abs(b["word"]["left"] - b["left"]) <= TOLERANCE_PX, b
        assert b["bidi"] != "bidi-override", b  # that would turn embedded English backwards


def _check_text(page: Any, blocks: list[dict[str, Any]], stored: set[str]) -> None:
    """No presentation forms anywhere; every passage is exactly a stored segment (logical order)."""
    text = page.evaluate("() => document.body.innerText")
    assert not PRESENTATION_FORMS.search(text)
    assert not any(PRESENTATION_FORMS.search(b["text"]) for b in blocks)
    missing = [b["text"][:60] for b in blocks if b["text"] not in stored]
    assert not missing, missing


@pytest.fixture
def compare(open_page: Callable[[str], Any], browser_db: SeededDb) -> Callable[..., Any]:
    def open_(*prefixes: str) -> Any:
        page = open_page("/compare?a=" + ",".join(browser_db.ids[p] for p in prefixes))
        page.wait_for_selector(CELLS, timeout=60_000)
        return page
    return open_


def test_compare_000_001_directions_geometry_and_text(compare: Callable[..., Any],
                                                      browser_db: SeededDb) -> None:
    page = compare("000", "001")
    blocks = page.evaluate(MEASURE, CELLS)
    langs = {(b["col"], b["lang"]) for b in blocks}
    assert {("0", "ar"), ("1", "fa"), ("1", "en"), ("0", "en")} <= langs, langs
    _check_blocks(blocks)
    _check_text(page, blocks, _stored_segments(browser_db, "000", "001"))
    # Aligned passages share a row: the Persian opening sits level with an Arabic passage.
    rows = page.evaluate("""() => [...document.querySelectorAll('.parley-compare-cell')].map(c =>
        ({row: c.dataset.row, col: c.dataset.col, top: c.getBoundingClientRect().top}))""")
    by_row: dict[str, list[dict[str, Any]]] = {}
    for c in rows:
        by_row.setdefault(c["row"], []).append(c)
    shared = [cs for cs in by_row.values() if len(cs) == 2]
    assert shared, "some passages should be aligned"
    assert all(abs(cs[0]["top"] - cs[1]["top"]) < 1 for cs in shared)
    assert "only in" in page.evaluate("() => document.querySelector('.parley-compare').innerText")
    heads = page.evaluate(MEASURE, "[data-testid=stApp] .parley-compare-head .parley-title")
    _check_blocks(heads)
    screenshot(page, "compare_000_001")
    facts = page.locator("[data-testid=stDataFrame]")
    facts.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot = screenshot(page, "compare_000_001_page").with_name("compare_000_001_facts.png")
    facts.screenshot(path=str(shot))


def test_compare_003_004_says_004_is_undated(compare: Callable[..., Any], browser_db: SeededDb) -> None:
    page = compare("003", "004")
    blocks = page.evaluate(MEASURE, CELLS)
    assert {b["lang"] for b in blocks} == {"ar"}
    _check_blocks(blocks)
    _check_text(page, blocks, _stored_segments(browser_db, "003", "004"))
    text = page.evaluate("() => document.querySelector('[data-testid=stMain]').innerText")
    assert "no date" in text
    witkoff = [b for b in blocks if "ويتكوف" in b["text"]]
    assert {b["col"] for b in witkoff} == {"0", "1"}, "Witkoff's planned meeting is in both columns"
    screenshot(page, "compare_003_004")


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_read_page_directions_geometry_and_text(open_page: Callable[[str], Any], browser_db: SeededDb,
                                                prefix: str) -> None:
    page = open_page(f"/read?a={browser_db.ids[prefix]}")
    page.wait_for_selector(".parley-para", timeout=60_000)
    blocks = page.evaluate(MEASURE, "[data-testid=stApp] .parley-para")
    _check_blocks(blocks)
    if prefix == "001":
        assert {"fa", "en"} <= {b["lang"] for b in blocks}
    text = page.evaluate("() => document.body.innerText")
    assert not PRESENTATION_FORMS.search(text)
    stored = _stored_segments(browser_db, prefix)
    # The reading view joins consecutive same-language segments of a line; each stored segment
    # must appear, unchanged and in logical order, inside one block.
    joined = "\n".join(b["text"] for b in blocks)
    assert all(s in joined for s in stored), [s[:40] for s in stored if s not in joined]
    screenshot(page, f"read_{prefix}")
