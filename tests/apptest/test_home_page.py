"""AppTest for / (corpus overview): filters from the URL narrow the table; hostile params -> notices."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from apptest.conftest import HOSTILE, REPO, RunPage
from apptest.seeddb import SeededDb
from streamlit.testing.v1 import AppTest

from parley.ingest import ingest_paths
from parley.store.db import make_engine

PAGE = "pages/home.py"


def test_overview_lists_all_seeds(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE)
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["id"]) == set(seeded.ids.values())
    assert set(table["link"]) == {f"/read?a={i}" for i in seeded.ids.values()}
    bars = [str(h.proto.body) for h in at.main.get("html") if 'class="parley-bars"' in str(h.proto.body)]
    assert len(bars) == 3 and not at.get("plotly_chart")  # HTML bars: no plotly on the overview
    by_lang = dict(re.findall(r'<div class="parley-bar-row" title="(\w+): (\d+)">', bars[0]))
    assert sum(int(n) for n in by_lang.values()) == len(seeded.ids) and set(by_lang) <= {"ar", "fa", "en"}
    days = re.findall(r'class="parley-col" style="height: [\d.]+%" title="(\d{4}-\d\d-\d\d): \d+"', bars[2])
    assert days == sorted(days) and days
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lang": "fa"}, {"001"}),
        ({"from": "2026-02-04"}, {"000", "001"}),
        ({"to": "2026-02-01"}, {"002", "003"}),
        ({"actor": "jd_vance"}, {"000"}),
        ({"topic": "diplomacy"}, {"000", "001"}),
        ({"lang": "ar", "actor": "donald_trump"}, {"000", "003", "004"}),
    ],
)
def test_url_filters_narrow_the_table(run_page: RunPage, seeded: SeededDb, params: dict[str, str],
                                      expected: set[str]) -> None:
    at = run_page(PAGE, **params)
    assert not at.exception and not at.warning
    assert set(at.dataframe[0].value["id"]) == {seeded.ids[p] for p in expected}
    for name, value in params.items():  # the sidebar shows what the URL says
        assert at.query_params[name] == value


@pytest.mark.parametrize("name", ["a", "from", "actor", "outlet", "topic"])
@pytest.mark.parametrize("evil", sorted(HOSTILE))
def test_hostile_params_give_a_notice_not_a_crash(run_page: RunPage, name: str, evil: str) -> None:
    at = run_page(PAGE, **{name: HOSTILE[evil]})
    assert not at.exception
    assert len(at.warning) == 1 and f"'{name}'" in at.warning[0].value
    assert "<script" not in at.warning[0].value
    assert name not in at.query_params  # the URL no longer carries the bad value
    assert len(at.dataframe[0].value) == 5  # the filter was dropped, not applied


def test_a_large_store_shows_a_count_and_one_page_of_rows(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """250 articles: the caption counts them all, the table holds one page (100 rows, newest
    first), ?p=3 holds the last 50, and the page number goes back into the URL."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(250):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        (folder / f"{i:03d}.json").write_text(json.dumps({
            "text": f"Report {i}: Abbas Araghchi said the talks continue.", "title": f"Report {i}",
            "published": day.isoformat(), "outlet": "Wire"}), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'many.db'}"
    engine = make_engine(url)
    try:
        assert len(ingest_paths([folder], engine, extract=False).ingested) == 250
    finally:
        engine.dispose()
    monkeypatch.setenv("PARLEY_DB_URL", url)

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
        at.switch_page(PAGE)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    at = run()
    assert not at.exception and "250 articles match the filters." in [c.value for c in at.caption]
    first = at.dataframe[0].value
    assert len(first) == 100 and first["title"].iloc[0] == "Report 249"
    last = run(p="3")
    assert not last.exception and not last.warning
    rows = last.dataframe[0].value
    assert len(rows) == 50 and list(rows["title"])[-1] == "Report 0"
    assert last.number_input[0].value == 3
    last.number_input[0].set_value(2).run()
    assert last.query_params["p"] == "2" and last.dataframe[0].value["title"].iloc[0] == "Report 149"
    assert run(p="99").dataframe[0].value["title"].iloc[0] == "Report 249"  # out of range: page 1


def _sidebar_captions(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.sidebar.caption).replace("\\", "")


def test_the_filter_panel_is_drawn_only_while_open(run_page: RunPage) -> None:
    """Closed (the default): no filter widgets, the label counts the filters in force and a summary
    names them. Open: the widgets show the URL's filters, and a change goes back to the URL."""
    at = run_page(PAGE, lang="fa", actor="jd_vance", to="2026-02-06")
    assert not at.exception
    assert not at.sidebar.multiselect and not at.sidebar.date_input
    assert at.sidebar.expander[0].label == "Filters (3 set)"
    summary = _sidebar_captions(at)
    assert "Dates: … to 2026-02-06" in summary and "Languages: Persian (fa)" in summary
    assert "Actors: JD Vance" in summary or "Actors: J.D. Vance" in summary, summary

    at.session_state["parley_filters_panel"] = True  # as a click on the panel does
    at.run()
    assert not at.exception
    assert [w.label for w in at.sidebar.multiselect] == ["Languages", "Outlets", "Sides", "Actors", "Topics"]
    assert [w.value for w in at.sidebar.date_input] == [None, dt.date(2026, 2, 6)]
    assert at.sidebar.multiselect(key="parley_f_langs").value == ["fa"]
    assert at.sidebar.multiselect(key="parley_f_actors").value == ["jd_vance"]
    assert "Languages: Persian" not in _sidebar_captions(at)  # the widgets say it now

    at.sidebar.multiselect(key="parley_f_langs").select("ar").run()
    assert not at.exception
    assert at.query_params["lang"] == "fa,ar", at.query_params
    assert set(at.dataframe[0].value["lang"]) <= {"fa", "ar"}


def test_no_filters_no_summary(run_page: RunPage) -> None:
    at = run_page(PAGE)
    assert at.sidebar.expander[0].label == "Filters"
    assert "Languages:" not in _sidebar_captions(at) and "Dates:" not in _sidebar_captions(at)
