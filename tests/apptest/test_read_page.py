"""AppTest for /read: one article, each block with its own dir and lang, mentions highlighted."""

from __future__ import annotations

import re

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of
from apptest.seeddb import SeededDb

PAGE = "pages/read.py"


def test_reads_seed_000_with_directions_and_highlights(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE, a=seeded.ids["000"])
    assert not at.exception and not at.warning
    html = html_of(at)
    blocks = re.findall(r'<div class="parley-text parley-(\w+) parley-para" dir="(\w+)" lang="(\w+)"', html)
    assert ("rtl", "rtl", "ar") in blocks and ("ltr", "ltr", "en") in blocks
    assert all(d == ("rtl" if lang in ("ar", "fa") else "ltr") for _, d, lang in blocks)
    assert 'title="Marco Rubio">روبيو</mark>' in html  # a highlight on the real characters
    assert "published 2026-02-05" in html and "day precision" in html
    assert "The Iranian regime does not reflect" in html


def test_persian_article_is_fa(run_page: RunPage, seeded: SeededDb) -> None:
    html = html_of(run_page(PAGE, a=seeded.ids["001"]))
    assert 'dir="rtl" lang="fa"' in html and "ترامپ" in html


def test_undated_article_says_undated(run_page: RunPage, seeded: SeededDb) -> None:
    html = html_of(run_page(PAGE, a=seeded.ids["004"]))
    assert "undated" in html and "published 20" not in html


def test_raw_toggle_shows_the_raw_text(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE, a=seeded.ids["004"])
    assert "parley-raw\" dir" not in html_of(at)
    at.toggle(key="read_raw").set_value(True).run()
    html = html_of(at)
    assert "parley-raw\" dir" in html and "recent" in html  # the chrome the clean text dropped
    assert not at.exception


def test_no_article_gives_a_picker_that_sets_the_url(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE)
    picker = at.selectbox(key="read_pick")
    assert len(picker.options) == 5
    picker.set_value(seeded.ids["002"]).run()
    assert at.query_params["a"] == seeded.ids["002"]
    at.run()
    assert 'lang="ar"' in html_of(at) and not at.exception


@pytest.mark.parametrize("evil", sorted(HOSTILE))
def test_hostile_a_gives_a_notice(run_page: RunPage, evil: str) -> None:
    at = run_page(PAGE, a=HOSTILE[evil], **({"from": HOSTILE["date"]} if evil == "date" else {}))
    assert not at.exception
    assert at.warning and all("<script" not in w.value for w in at.warning)
    assert "<script" not in html_of(at)


def test_unknown_but_clean_id_gives_a_notice(run_page: RunPage) -> None:
    at = run_page(PAGE, a="0123456789abcdef")
    assert not at.exception and "unknown value" in at.warning[0].value
