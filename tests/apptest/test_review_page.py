"""AppTest for /review: candidates with evidence; accept/reject write the status to the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of
from apptest.seeddb import SeededDb, build_seeded_db
from sqlalchemy import create_engine, select

from parley.store.schema import candidates

PAGE = "pages/review.py"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_page: RunPage) -> SeededDb:
    """A database of its own: these tests write (after run_page, so this URL wins)."""
    db = build_seeded_db(tmp_path / "review.db")
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    return db


def _statuses(url: str) -> dict[str, str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {s: st for s, st in conn.execute(select(candidates.c.surface, candidates.c.status))}
    engine.dispose()
    return out


def test_candidates_show_with_rtl_evidence(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE)
    assert not at.exception
    html = html_of(at)
    assert "هاكان فيدان" in html and 'dir="rtl" lang="ar"' in html
    assert f'href="/read?a={seeded.ids["003"]}"' in html


def test_accept_writes_the_status(fresh: SeededDb, run_page: RunPage) -> None:
    at = run_page(PAGE)
    cand = next(b for b in at.button if b.label == "Accepted")
    cand.click().run()
    assert not at.exception
    statuses = _statuses(fresh.url)
    assert sorted(statuses.values()) == ["accepted", "new"]
    assert len([b for b in at.button if b.label == "Accepted"]) == 1  # one left in "new"
    at.query_params["status"] = "accepted"
    at.run()
    assert sum(1 for b in at.button if b.label == "Reset") == 1


def test_status_param_filters(run_page: RunPage) -> None:
    at = run_page(PAGE, status="rejected")
    assert not at.exception and "0 rejected candidates" in at.caption[0].value


@pytest.mark.parametrize("evil", sorted(HOSTILE))
def test_hostile_status_gives_a_notice(run_page: RunPage, evil: str) -> None:
    at = run_page(PAGE, status=HOSTILE[evil])
    assert not at.exception and len(at.warning) == 1 and "<script" not in at.warning[0].value
