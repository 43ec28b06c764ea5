"""AppTest for /sources and /library "Add by URL", against a real HTTP server on loopback.

The done-when test of issue 14: add a fixture feed on the Sources page, poll it once, see its
new articles on / ; poll again: nothing new.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest.conftest import REPO, RunPage, texts
from apptest.seeddb import build_seeded_db
from apptest.test_auth_roles import AUTH
from sources_site import ARTICLES, Route, Site, article_html, atom, rss
from streamlit.testing.v1 import AppTest

from parley.store.audit import recent_writes
from parley.store.db import make_engine

ANALYST, VIEWER = "ana@example.org", "vic@example.org"
TEAM: dict[str, Any] = {"analysts": [ANALYST], "viewers": [VIEWER], "auth": AUTH}


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_page: RunPage) -> str:
    """A database of its own (these tests write), the fetcher allowed on loopback, no host delay."""
    db = build_seeded_db(tmp_path / "sources.db")
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    monkeypatch.setenv("PARLEY_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("PARLEY_FETCH_DELAY", "0")
    for name in ("PARLEY_ANALYSTS", "PARLEY_VIEWERS", "PARLEY_REQUIRE_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    return db.url


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        for key in ("ar-muscat", "fa-muscat", "en-muscat", "en-geneva"):
            s.routes[f"/{key}"] = Route(article_html(key))
        s.routes["/news.xml"] = Route(
            rss("<b>Loopback</b> أخبار", [(s.url("/ar-muscat"), "ar", "Mon, 02 Mar 2026 08:00:00 GMT"),
                                          (s.url("/fa-muscat"), "fa", None),
                                          (s.url("/en-muscat"), "en", "Thu, 05 Mar 2026 08:00:00 GMT"),
                                          (s.url("/ar-muscat"), "ar again", None)]),
            content_type="application/rss+xml", etag='"n1"')
        s.routes["/atom.xml"] = Route(atom("Atom", [("/en-geneva", "Geneva", None)]),
                                      content_type="application/atom+xml")
        yield s


def _summary(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.success, *at.warning, *at.info])


# st.dataframe keeps no key without a selection: a table is told by its columns
_COLUMNS = {"sources_feeds": "new_count", "sources_feed_articles": "date_basis", "articles": "mentions",
            "sources_new": "title", "library_url_new": "title", "sources_errors": "reason",
            "library_url_errors": "reason"}


def _frame(at: AppTest, key: str) -> Any:
    found = [df.value for df in at.dataframe if _COLUMNS[key] in df.value.columns]
    if key in ("sources_new", "library_url_new"):  # the new-articles table: link, title, url
        found = [f for f in found if list(f.columns) == ["link", "title", "url"]]
    assert found, f"no table {key}"
    return found[0]


def _title(key: str) -> str:
    """A fixture article's title as stored: as written, ZWNJ included (parley/load/html.py carries
    it through trafilatura)."""
    return ARTICLES[key][1]


def _add_feed(at: AppTest, url: str) -> AppTest:
    at.text_area(key="sources_urls").input(url).run()
    return at.button(key="sources_add").click().run()


def test_add_a_feed_poll_it_see_its_articles_on_home_then_nothing_new(fresh: str, site: Site,
                                                                      run_page: RunPage) -> None:
    at = run_page("pages/sources.py")
    assert not at.exception and at.title[0].value == "Sources"
    assert "No feeds yet" in texts(at, "caption")
    at = _add_feed(at, site.url("/news.xml") + "\nnot-a-url\nfile:///etc/passwd")
    assert not at.exception
    assert "added 1, already there 0, errors 2" in texts(at, "info")
    feeds = _frame(at, "sources_feeds")
    assert list(feeds["url"]) == [site.url("/news.xml")] and list(feeds["status"]) == ["new"]

    at.button(key="sources_poll").click().run()
    assert not at.exception
    assert "new 3, duplicates 0, already stored 0, errors 0" in _summary(at)
    new = _frame(at, "sources_new")
    assert sorted(new["title"]) == sorted(_title(k) for k in ("ar-muscat", "fa-muscat", "en-muscat"))
    assert all(link.startswith("/read?a=") for link in new["link"])
    feeds = _frame(at, "sources_feeds")
    assert (feeds["status"].iloc[0], feeds["new_count"].iloc[0], feeds["articles"].iloc[0]) == ("ok", 3, 3)
    assert feeds["title"].iloc[0] == "<b>Loopback</b> أخبار"  # shown in a data grid, never as HTML
    articles = _frame(at, "sources_feed_articles")
    basis = dict(zip(articles["title"], articles["date_basis"], strict=True))
    assert "the feed item says 2026-03-05" in basis[_title("en-muscat")]  # the text's own date wins
    assert "feed item date" in basis[_title("ar-muscat")]  # the text has none: the feed's date

    home = run_page("pages/home.py")
    assert not home.exception
    table = _frame(home, "articles")
    for key in ("ar-muscat", "fa-muscat", "en-muscat"):
        assert _title(key) in set(table["title"]), key
    assert len(table) == 5 + 3

    at.button(key="sources_poll").click().run()
    assert "polled 1 feed(s) (1 not modified): new 0" in _summary(at)
    assert _frame(at, "sources_feeds")["new_count"].iloc[0] == 0
    assert len(_frame(run_page("pages/home.py"), "articles")) == 8
    actions = list(recent_writes(make_engine(fresh))["action"])
    assert actions[:3] == ["poll", "poll", "feed_add"]


def test_an_opml_list_adds_its_feeds_and_a_feed_can_be_removed(fresh: str, site: Site,
                                                               run_page: RunPage) -> None:
    at = run_page("pages/sources.py")
    opml = (f'<opml version="2.0"><body><outline text="News" xmlUrl="{site.url("/news.xml")}"/>'
            f'<outline text="Atom" xmlUrl="{site.url("/atom.xml")}"/></body></opml>').encode()
    at.get("file_uploader")[0].set_value([("subs.opml", opml, "text/x-opml")]).run()
    at.button(key="sources_add_opml").click().run()
    assert not at.exception and "added 2, already there 0, errors 0" in texts(at, "info")
    assert len(_frame(at, "sources_feeds")) == 2
    at.selectbox(key="sources_feed").select_index(1).run()
    at.button(key="sources_remove").click().run()
    assert not at.exception
    assert list(_frame(at, "sources_feeds")["url"]) == [site.url("/news.xml")]


def test_a_broken_feed_shows_its_error(fresh: str, site: Site, run_page: RunPage) -> None:
    site.routes["/bad.xml"] = Route(b"<rss><channel><item><title>x</link>",
                                    content_type="application/rss+xml")
    at = _add_feed(run_page("pages/sources.py"), site.url("/bad.xml") + " " + site.url("/missing.xml"))
    at.button(key="sources_poll").click().run()
    assert not at.exception and "errors 2" in _summary(at)
    feeds = _frame(at, "sources_feeds").set_index("url")
    assert "not a readable RSS or Atom feed" in feeds.loc[site.url("/bad.xml"), "error"]
    assert feeds.loc[site.url("/missing.xml"), "error"] == "HTTP 404"
    assert set(_frame(at, "sources_errors")["url"]) == {site.url("/bad.xml"), site.url("/missing.xml")}


def test_library_adds_articles_by_url(fresh: str, site: Site, run_page: RunPage) -> None:
    at = run_page("pages/library.py")
    assert not at.exception and "Add by URL" in [str(s.value) for s in at.subheader]
    urls = [site.url("/fa-muscat?utm_source=tg"), site.url("/missing"), "file:///etc/passwd",
            site.url("/fa-muscat#comments")]
    at.text_area(key="library_urls").input("\n".join(urls)).run()
    at.button(key="library_fetch").click().run()
    assert not at.exception
    assert "new 1, duplicates 0, already stored 0, errors 2" in texts(at, "warning")
    assert list(_frame(at, "library_url_new")["title"]) == [_title("fa-muscat")]
    reasons = dict(zip(*(_frame(at, "library_url_errors")[c] for c in ("url", "reason")), strict=True))
    assert reasons[site.url("/missing")] == "HTTP 404" and "file://" in reasons["file:///etc/passwd"]
    at.button(key="library_fetch").click().run()  # the same URLs again: stored once
    assert "new 0, duplicates 0, already stored 1, errors 2" in texts(at, "warning")
    assert site.paths().count("/fa-muscat?utm_source=tg") == 1


def test_without_allow_private_the_app_refuses_loopback(fresh: str, site: Site, run_page: RunPage,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_ALLOW_PRIVATE_URLS")
    at = run_page("pages/library.py")
    at.text_area(key="library_urls").input(site.url("/en-muscat")).run()
    at.button(key="library_fetch").click().run()
    reason = _frame(at, "library_url_errors")["reason"].iloc[0]
    assert "private, loopback or local address" in reason and site.hits == []


def _as(user: str, page: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.secrets.update(TEAM)
    at.user = {"is_logged_in": True, "email": user}
    at.switch_page(page)
    return at.run()


def test_viewers_see_the_feeds_but_cannot_change_them(fresh: str, site: Site) -> None:
    analyst = _as(ANALYST, "pages/sources.py")
    _add_feed(analyst, site.url("/news.xml"))
    viewer = _as(VIEWER, "pages/sources.py")
    assert not viewer.exception
    assert "for analysts" in texts(viewer, "info")
    assert not viewer.text_area and not viewer.get("file_uploader")
    labels = [str(b.label) for b in viewer.button]
    assert not {"Add feeds", "Poll now", "Remove this feed"} & set(labels)
    assert list(_frame(viewer, "sources_feeds")["url"]) == [site.url("/news.xml")]
    lib = _as(VIEWER, "pages/library.py")
    assert not lib.text_area and "Fetch and ingest" not in [str(b.label) for b in lib.button]


def test_a_viewers_fetch_or_poll_is_refused_by_the_ui_layer(fresh: str, site: Site) -> None:
    def script() -> None:
        import streamlit as st

        from parley.ui import sources
        from parley.ui.auth import NotAuthorised

        for name, write in (("fetch", lambda: sources.fetch(["http://127.0.0.1:9/x"])),
                            ("poll", sources.poll_now),
                            ("add", lambda: sources.add_feeds(["http://127.0.0.1:9/f"])),
                            ("remove", lambda: sources.remove_feed("http://127.0.0.1:9/f"))):
            try:
                write()
                st.write(f"{name}: written")
            except NotAuthorised as exc:
                st.write(f"{name}: refused: {exc}")

    at = AppTest.from_function(script, default_timeout=60)
    at.secrets.update(TEAM)
    at.user = {"is_logged_in": True, "email": VIEWER}
    at.run()
    assert not at.exception
    out = texts(at)
    assert out.count("refused: only analysts may") == 4 and "written" not in out
