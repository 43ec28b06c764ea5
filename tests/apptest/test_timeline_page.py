"""AppTest for /timeline: parameters rebuild the filtered view; hostile parameters give notices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apptest.network_app import figure, open_app, run
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard on /timeline over the hand-made store of tests/network_data.py."""
    return open_app(sqlite_url, monkeypatch, "pages/timeline.py")


def _event_ids(fig: dict[str, Any]) -> set[str]:
    return {c[1] for t in fig["data"] for c in (t.get("customdata") or []) if c and c[0] == "event"}


def _rows(fig: dict[str, Any]) -> set[str]:
    return {y for t in fig["data"] if not t["name"].startswith(("venue", "article")) for y in t["y"] if y}


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_filters_and_selected_event_from_the_url(app: AppTest) -> None:
    at = run(app, side="mediator", **{"from": "2026-01-30", "to": "2026-02-01"}, event="ev_qatar_visit")
    fig = figure(at)
    assert _event_ids(fig) == {"ev_qatar_visit", "ev_sisi_call", "ev_fidan_host"}
    assert _rows(fig) == {"mediator"}
    hover = " ".join(h for t in fig["data"] for h in (t.get("hovertext") or []) if h)
    assert "Mohammed bin Abdulrahman Al Thani, Ali Larijani" in hover
    assert [s.value for s in at.subheader if s.value != "Filters"] == ["Visit, 2026-01-31"]
    body = _html(at)
    assert "زار طهران أمس السبت" in body
    assert 'dir="rtl" lang="ar"' in body
    assert 'href="/read?a=a003"' in body
    assert not at.warning


def test_rows_by_actor_and_month_spans(app: AppTest) -> None:
    at = run(app, rows="actor")
    fig = figure(at)
    assert {"Mohammed bin Abdulrahman Al Thani", "Ali Larijani", "United States"} <= _rows(fig)
    span = next(t for t in fig["data"] if t["name"].startswith("meeting (month"))
    assert span["type"] == "bar" and set(span["base"]) == {"2026-02-01"}  # bars across February
    venue = next(t for t in fig["data"] if t["name"] == "venue")
    by_date = [text for _, text in sorted(zip(venue["x"], venue["text"], strict=True))]
    # Muscat: mid-February (month); Istanbul, a day before the move's long label, is left to its hover
    assert by_date == ["Ankara", "", "Turkey → Muscat", "Muscat"]
    assert any("Istanbul" in h for h in venue["hovertext"])
    caption = " ".join(c.value for c in at.caption)
    assert "1 undated events not drawn" in caption
    assert "Ankara → Istanbul → Turkey → Muscat" in caption


def test_language_filter_leaves_only_its_articles(app: AppTest) -> None:
    at = run(app, lang="fa")
    fig = figure(at)
    assert _event_ids(fig) == set()
    arts = [c[1] for t in fig["data"] for c in (t.get("customdata") or []) if c and c[0] == "article"]
    assert arts == ["a001"]


@pytest.mark.parametrize("params", [
    {"rows": "<script>alert(1)</script>", "event": "../../etc/passwd"},
    {"from": "2026-13-45", "to": "yesterday", "side": "martians"},
    {"actor": "x" * 5000, "event": "ev_qatar_visit,ev_sisi_call"},
    {"lang": "ar\u202e", "outlet": "<img src=x onerror=alert(1)>", "event": "no_such_event"},
])
def test_hostile_parameters_give_a_notice_and_no_exception(app: AppTest, params: dict[str, str]) -> None:
    at = run(app, **params)
    assert at.warning, "a bad parameter must be reported"
    notices = " ".join(w.value for w in at.warning)
    assert "<script>" not in notices and "<img" not in notices and "passwd" not in notices.replace("?", "")
    assert "<script>" not in _html(at) and "<img" not in _html(at)
    fig = figure(at)  # the page still draws, with the bad values ignored
    assert _event_ids(fig)


def _plan_the_qatar_visit(sqlite_url: str) -> None:
    from sqlalchemy import update

    from parley.store.db import bump_version, make_engine
    from parley.store.schema import base_of, events

    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        base = base_of(events)
        conn.execute(update(base).where(base.c.event_id == "ev_qatar_visit").values(status="planned"))
        bump_version(conn)
    engine.dispose()


def test_plans_are_drawn_hollow(app: AppTest, sqlite_url: str) -> None:
    """A planned event is drawn open, named and hovered as planned."""
    _plan_the_qatar_visit(sqlite_url)
    fig = figure(run(app))
    planned = [t for t in fig["data"] if t["name"] == "visit (planned)"]
    assert planned and planned[0]["marker"]["symbol"].endswith("-open")
    assert "ev_qatar_visit" in _event_ids(fig)
    assert "<i>planned</i>" in " ".join(h for t in planned for h in t["hovertext"])


def test_show_happened_leaves_plans_out(app: AppTest, sqlite_url: str) -> None:
    _plan_the_qatar_visit(sqlite_url)
    fig = figure(run(app, show="happened"))
    assert "ev_qatar_visit" not in _event_ids(fig) and "ev_sisi_call" in _event_ids(fig)


def test_too_many_reports_draw_the_newest_period_with_a_note(app: AppTest, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """Over the cap, only the newest period holding at most that many reports is drawn, and the page
    says from when and how many there are; under the cap everything is drawn."""
    from parley.ui import store

    everything = _event_ids(figure(run(app)))
    monkeypatch.setattr(store, "TIMELINE_CAP", 3)
    at = run(app)
    note = " ".join(i.value for i in at.info)
    assert "Showing the newest events only: from 2026-" in note and "event reports in all" in note
    shown = _event_ids(figure(at))
    assert shown and shown < everything
    start = note.split("from ")[1][:10]
    fig = figure(at)
    days = [str(x)[:10] for t in fig["data"] if not t["name"].startswith(("venue", "article"))
            for x in (t.get("x") or t.get("base") or [])]
    assert days and min(days) >= start[:8]  # nothing drawn before the period (a month span starts on the 1st)
    monkeypatch.setattr(store, "TIMELINE_CAP", 1000)  # every report fits: everything, no note
    at = run(app)
    assert not [i for i in at.info if "newest events only" in i.value]
    assert _event_ids(figure(at)) == everything
