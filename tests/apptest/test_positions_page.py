"""AppTest for /positions: the actor × topic grid; ?actor=ID&topic=T shows the cell's evidence."""

from __future__ import annotations

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of
from apptest.seeddb import SeededDb

PAGE = "pages/positions.py"


def test_grid_has_a_row_per_actor_and_a_column_per_topic(run_page: RunPage) -> None:
    at = run_page(PAGE)
    assert not at.exception
    grid = at.dataframe(key="positions_grid").value.set_index("actor")
    assert grid.loc["Marco Rubio (us)", "diplomacy"] == "supports (1)"
    assert grid.loc["Marco Rubio (us)", "ballistic_missiles"] == "demands (1)"
    assert grid.loc["JD Vance (us)", "military_force"] == "warns (1)"
    assert grid.loc["JD Vance (us)", "diplomacy"] == ""


def test_side_and_language_filters_apply(run_page: RunPage) -> None:
    at = run_page(PAGE, lang="fa")
    grid = at.dataframe(key="positions_grid").value
    assert list(grid["actor"]) == ["Donald Trump (us)"] and list(grid.columns) == ["actor", "diplomacy"]
    at = run_page(PAGE, side="iran")
    assert at.dataframe(key="positions_grid").value.empty


def test_cell_params_show_evidence_in_the_original_language(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE, actor="donald_trump", topic="diplomacy")
    assert not at.exception and not at.warning
    assert [s.value for s in at.main.subheader] == ["Donald Trump on diplomacy"]
    html = html_of(at)
    assert '<blockquote class="parley-text parley-rtl" dir="rtl" lang="fa"' in html
    assert "text-align: right" in html and "آماده است" in html
    assert f'href="/read?a={seeded.ids["001"]}"' in html
    assert len(at.dataframe(key="positions_grid").value) == 3  # the grid is not narrowed by the pick


@pytest.mark.parametrize("evil", sorted(HOSTILE))
def test_hostile_cell_gives_notices(run_page: RunPage, evil: str) -> None:
    at = run_page(PAGE, actor=HOSTILE[evil], topic=HOSTILE[evil])
    assert not at.exception and len(at.warning) == 2 and not at.main.subheader
