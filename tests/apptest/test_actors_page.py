"""AppTest for /actors: the table, ?actor=ID opens a profile, row selection writes the URL."""

from __future__ import annotations

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of
from apptest.seeddb import SeededDb

PAGE = "pages/actors.py"


def test_table_counts_mentions(run_page: RunPage) -> None:
    at = run_page(PAGE)
    assert not at.exception
    table = at.dataframe(key="actors_table").value.set_index("actor_id")
    assert table.loc["jd_vance", "mentions"] == 2 and table.loc["jd_vance", "articles"] == 1
    assert table.loc["marco_rubio", "side"] == "us"


def test_filters_narrow_the_counts(run_page: RunPage) -> None:
    at = run_page(PAGE, lang="fa")
    table = at.dataframe(key="actors_table").value
    assert set(table["actor_id"]) == {"marco_rubio", "donald_trump"}
    assert set(table["articles"]) == {1}


def test_actor_param_opens_a_profile(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE, actor="marco_rubio")
    assert not at.exception and not at.warning
    assert [h.value for h in at.main.header] == ["Marco Rubio"]
    html = html_of(at)
    assert 'dir="rtl" lang="fa"' in html and "ترامپ آماده است" in html  # the Persian quote, RTL
    assert f'href="/read?a={seeded.ids["001"]}"' in html
    assert "diplomacy: supports" in html


@pytest.mark.parametrize("evil", sorted(HOSTILE))
def test_hostile_actor_gives_a_notice(run_page: RunPage, evil: str) -> None:
    at = run_page(PAGE, actor=HOSTILE[evil], side=HOSTILE[evil])
    assert not at.exception
    assert len(at.warning) == 2 and not at.main.header
    assert len(at.dataframe(key="actors_table").value) == 3
