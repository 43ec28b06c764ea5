"""AppTest for /compare: URL parameters rebuild the comparison; hostile parameters give notices."""

from __future__ import annotations

import re

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of, texts
from apptest.seeddb import SeededDb
from streamlit.testing.v1 import AppTest

PAGE = "pages/compare.py"


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def test_two_articles_side_by_side(run_page: RunPage, seeded: SeededDb) -> None:
    at = _ok(run_page(PAGE, a=f"{seeded.ids['000']},{seeded.ids['001']}"))
    html = html_of(at)
    assert 'class="parley-compare"' in html
    # Each column's passages carry their own language's direction.
    cells = re.findall(r'class="parley-compare-cell" data-row="\d+" data-col="(\d)"[^>]*>'
                       r'(?:<div class="parley-meta parley-badge"[^>]*>[^<]*</div>)?'
                       r'<div class="[^"]*" dir="(\w+)" lang="(\w+)"', html)
    assert {("0", "rtl", "ar"), ("1", "rtl", "fa"), ("1", "ltr", "en")} <= set(cells), cells
    assert 'dir="rtl" lang="fa"' in html and 'dir="ltr" lang="en"' in html
    assert "only in " in html
    (facts,) = at.dataframe
    assert {"kind", "fact", "only_in", "disagreement"} <= set(facts.value.columns)
    assert len(at.get("download_button")) == 1
    picker = at.multiselect(key="compare_pick")
    assert picker.value == [seeded.ids["000"], seeded.ids["001"]]


def test_undated_article_is_said_to_be_undated(run_page: RunPage, seeded: SeededDb) -> None:
    at = _ok(run_page(PAGE, a=f"{seeded.ids['003']},{seeded.ids['004']}"))
    notes = texts(at, "info")
    assert "no date" in notes, notes
    assert "no date" in html_of(at)


def test_fewer_than_two_articles_asks_for_more(run_page: RunPage, seeded: SeededDb) -> None:
    at = _ok(run_page(PAGE, a=seeded.ids["000"]))
    assert "Pick two or three" in texts(at, "info")
    at = _ok(run_page(PAGE))
    assert "Pick two or three" in texts(at, "info")


def test_more_than_three_articles_are_cut_with_a_notice(run_page: RunPage, seeded: SeededDb) -> None:
    at = _ok(run_page(PAGE, a=",".join(seeded.ids[p] for p in ("000", "001", "002", "003"))))
    assert "Only 3 articles" in texts(at, "warning")
    assert html_of(at).count('class="parley-compare-head"') == 3


@pytest.mark.parametrize("value", [*HOSTILE.values(), "nosuchid,alsonot", "<img src=x onerror=alert(1)>"])
def test_hostile_article_ids_give_a_notice_not_a_crash(run_page: RunPage, seeded: SeededDb,
                                                       value: str) -> None:
    at = _ok(run_page(PAGE, a=f"{seeded.ids['000']},{value}"))
    shown = texts(at, "warning") + texts(at, "info")
    assert shown, "a bad id should be reported"
    html = html_of(at)
    assert "<script" not in html and "onerror=alert" not in html


@pytest.mark.parametrize("mode", ["bogus", "<script>x</script>", "side,outlet"])
def test_bad_mode_falls_back_to_articles(run_page: RunPage, seeded: SeededDb, mode: str) -> None:
    at = _ok(run_page(PAGE, mode=mode, a=f"{seeded.ids['000']},{seeded.ids['001']}"))
    assert "ignored" in texts(at, "warning")
    assert 'class="parley-compare"' in html_of(at)


def test_two_outlets_over_a_date_range(run_page: RunPage) -> None:
    at = _ok(run_page(PAGE, mode="outlet", outlet="Gate,خبرني", **{"from": "2026-01-01", "to": "2026-02-28"}))
    (facts,) = at.dataframe
    assert "outlet: Gate (1 articles)" in facts.value.columns
    assert "outlet: Gate" in html_of(at)
    assert at.multiselect(key="compare_outlet").value == ["Gate", "خبرني"]


def test_group_mode_with_one_group_asks_for_more(run_page: RunPage) -> None:
    # The fixture store names US actors only: a side without actors is not offered.
    at = _ok(run_page(PAGE, mode="side", side="us,iran"))
    assert "Pick two or three" in texts(at, "info")
    at = _ok(run_page(PAGE, mode="outlet", outlet="Gate"))
    assert "Pick two or three" in texts(at, "info")
