"""AppTest for /search: ranked hits with snippets in their own direction and marked matches, the
shared filters, hostile and empty queries; the sidebar box on another page lands on /search; /read
highlights the hit span it is given."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from apptest.conftest import HOSTILE, RunPage, html_of
from apptest.seeddb import SeededDb
from sqlalchemy import select

from parley.store.db import make_engine
from parley.store.schema import articles
from parley.text.normalize import normalize_text

PAGE = "pages/search.py"
SNIPPET = re.compile(r'<div class="parley-text parley-(\w+) parley-snippet" dir="(\w+)" lang="(\w+)"[^>]*>'
                     r"(.*?)</div>")
MARK = re.compile(r"<mark[^>]*>(.*?)</mark>")


def hit_links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'<a href="([^"]+)" target="_self">', html)]


def test_hits_have_rtl_snippets_with_marked_clitic_forms(run_page: RunPage, seeded: SeededDb) -> None:
    at = run_page(PAGE, q="ايران")
    assert not at.exception and not at.warning
    html = html_of(at)
    snippets = SNIPPET.findall(html)
    assert len(snippets) >= 3
    assert all(d == ("rtl" if lang in ("ar", "fa") else "ltr") for _cls, d, lang, _body in snippets)
    assert {lang for _c, _d, lang, _b in snippets} >= {"ar", "fa"}
    marked = {m for *_rest, body in snippets for m in MARK.findall(body)}
    assert marked & {"وإيران", "لإيران", "بإيران"}, marked  # the clitic forms of the word typed
    assert marked & {"إيران", "ایران"}
    links = hit_links(html)
    assert len(links) == len(snippets)
    engine = make_engine(seeded.url)
    with engine.connect() as conn:
        texts = dict(conn.execute(select(articles.c.id, articles.c.text)).all())
    engine.dispose()
    for href in links:
        parts = urlsplit(href)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert parts.path == "/read" and params["a"] in texts
        word = texts[params["a"]][int(params["s"]):int(params["e"])]
        assert "ايران" in word.replace("إ", "ا").replace("ی", "ي")


def test_hits_keep_to_the_filters(run_page: RunPage) -> None:
    every = SNIPPET.findall(html_of(run_page(PAGE, q="ايران")))
    persian = SNIPPET.findall(html_of(run_page(PAGE, q="ايران", lang="fa")))
    assert persian and len(persian) < len(every)
    assert {lang for _c, _d, lang, _b in persian} == {"fa"}


def test_empty_query_explains_the_syntax(run_page: RunPage) -> None:
    at = run_page(PAGE)
    assert not at.exception and not at.warning
    assert "phrase" in at.info[0].value and not SNIPPET.findall(html_of(at))


def test_no_match_says_so(run_page: RunPage) -> None:
    at = run_page(PAGE, q="zzqqxx")
    assert not at.exception and "No article matches" in at.info[0].value


@pytest.mark.parametrize(("q", "says"), [
    ('"المحادثات في', "closing quote"),
    ("NOT Iran", "NOT needs"),
    ("(Iran", "not closed"),
    (HOSTILE["long"], "too long"),
    (HOSTILE["script"], None),
    ("'; DROP TABLE articles; --", None),
    ("stems : * NEAR(", None),
])
def test_hostile_queries_never_break_the_page(run_page: RunPage, q: str, says: str | None) -> None:
    at = run_page(PAGE, q=q)
    assert not at.exception and not at.error
    html = html_of(at)
    assert "<script" not in html
    if says:
        assert any(says in w.value for w in at.warning)


@pytest.mark.parametrize("page", ["pages/home.py", "pages/read.py", "pages/timeline.py", PAGE])
def test_every_page_has_the_sidebar_search_box(run_page: RunPage, page: str) -> None:
    """(Submitting it is tested in a real browser, tests/browser/test_search_rtl.py: AppTest runs a
    page's later reruns without the router that draws the box.)"""
    at = run_page(page)
    assert not at.exception
    box = at.sidebar.text_input(key="parley_search_box")
    assert box.label == "Search articles"
    assert any(b.label == "Search" for b in at.sidebar.button)


def test_read_highlights_the_hit_span(run_page: RunPage, seeded: SeededDb) -> None:
    href = hit_links(html_of(run_page(PAGE, q="روبيو")))[0]
    params = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
    at = run_page("pages/read.py", **params)
    assert not at.exception and not at.warning
    html = html_of(at)
    hit = re.findall(r'<mark class="parley-hit" id="parley-hit"[^>]*>(.*?)</mark>', html)
    assert hit and normalize_text(hit[0]) == normalize_text("روبيو")
    assert "getElementById('parley-hit')" in html


@pytest.mark.parametrize(("s", "e"), [("5", "2"), ("-1", "4"), ("0", "99999999"), ("x", "3"), ("3", "")])
def test_read_ignores_a_bad_hit_span(run_page: RunPage, seeded: SeededDb, s: str, e: str) -> None:
    at = run_page("pages/read.py", a=seeded.ids["000"], s=s, e=e)
    assert not at.exception and at.warning
    assert 'id="parley-hit"' not in html_of(at)
