"""Curation in a real browser: change a stance on /positions, see the cell marked, open its history
and revert it; History lists both. Screenshots: tests/artifacts/curation_cell.png (the curated cell
with its history open) and tests/artifacts/curation_history.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest.seeddb import build_seeded_db
from browser.conftest import READY, _need_browser, running_server, screenshot
from sqlalchemy import select

from parley.store import curation as store
from parley.store import schema as S
from parley.store.db import make_engine

TIMEOUT = 30_000


@pytest.fixture
def curation_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A server of its own on the seeds with the real extraction (this test writes)."""
    _need_browser()
    db = build_seeded_db(tmp_path / "curation.db", full=True)
    with running_server(db.url, "streamlit-curation") as base:
        yield base, db.url


def _ready(page: Any) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=60_000)


def test_change_a_stance_see_the_mark_open_its_history_and_revert(browser: Any,
                                                                   curation_server: tuple[str, str]) -> None:
    base, url = curation_server
    engine = make_engine(url)
    with engine.connect() as conn:
        p = conn.execute(select(S.positions).order_by(S.positions.c.id)).mappings().first()
    assert p is not None
    new = "rejects" if p["stance"] != "rejects" else "supports"
    context = browser.new_context(viewport={"width": 1400, "height": 2600}, locale="en-US")
    page = context.new_page()
    page.goto(f"{base}/positions?actor={p['actor_id']}&topic={p['topic']}")
    page.wait_for_selector(READY, timeout=60_000)
    _ready(page)
    box = page.locator(f".st-key-position_{p['id']}")
    box.get_by_text("Correct this position").click()
    opener = box.locator(f".st-key-pos_{p['id']}_stance").get_by_role("button", name="Open")
    opener.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(300)  # the expander's opening animation
    opener.click()
    page.locator("[role=listbox] [role=option]").filter(has_text=new).first.click()
    box.get_by_role("button", name="Save").click()
    _ready(page)
    marked = page.get_by_text("✎ Curated: history (1)")
    marked.wait_for(timeout=TIMEOUT)
    assert "✎ curated" in page.locator(".parley-meta, blockquote, div").filter(has_text="✎ curated").first \
        .inner_text()
    # the grid draws on a canvas (its cell reads "<stance> (1) ✎" in the screenshot); the caption
    # under it names the marked cells in the DOM
    page.get_by_text("✎ Curated cells:").wait_for(timeout=TIMEOUT)
    marked.click()  # its history, one click away
    box.get_by_text("edit a position").wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_timeout(500)  # the expander's opening animation
    shot = screenshot(page, "curation_cell")
    assert shot.stat().st_size > 10_000
    assert store.history(engine).iloc[0]["kind"] == "position_edit"

    page.locator(f".st-key-position_{p['id']}").get_by_role("button", name="Revert").click()
    _ready(page)
    page.get_by_text("✎ Curated: history (1)").wait_for(state="detached", timeout=TIMEOUT)
    assert page.get_by_text("✎ Curated cells:").count() == 0
    hist = store.history(engine)
    assert list(hist["kind"]) == ["revert", "position_edit"]
    assert int(hist.iloc[1]["reverted_by"]) == int(hist.iloc[0]["id"])
    with engine.connect() as conn:
        assert conn.execute(select(S.positions.c.stance).where(S.positions.c.id == p["id"])).scalar() == \
            p["stance"]

    page.goto(f"{base}/history")
    page.wait_for_selector(READY, timeout=60_000)
    _ready(page)
    page.get_by_text("revert a correction").first.wait_for(timeout=TIMEOUT)
    page.get_by_text("edit a position").first.wait_for(timeout=TIMEOUT)
    screenshot(page, "curation_history")
    context.close()
    engine.dispose()
