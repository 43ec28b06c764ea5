"""AppTest for / (corpus overview): filters from the URL narrow the table; hostile params -> notices."""

from __future__ import annotations

import pytest
from apptest.conftest import HOSTILE, RunPage
from apptest.seeddb import SeededDb

PAGE = "pages/home.py"


def test_overview_lists_all_seeds(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE)
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["id"]) == set(seeded.ids.values())
    assert set(table["link"]) == {f"/read?a={i}" for i in seeded.ids.values()}
    assert len(at.get("plotly_chart")) == 3
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
