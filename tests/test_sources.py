"""Fetching URLs and polling feeds into a real store (SQLite file and PostgreSQL), from a loopback site.

Everything goes through the one ingest (parley.ingest.ingest_documents): the content dedupe
works as for files, and the canonical-URL dedupe saves the requests themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sources_site import Route, Site, article_html, atom, rss
from sqlalchemy import Engine, select

from parley.sources.fetch import Fetcher, Limits
from parley.sources.poll import MAX_ATTEMPTS, fetch_urls, poll_feeds
from parley.store import sources as store
from parley.store.db import init_db, store_version
from parley.store.schema import articles

FAST = Limits(host_delay=0, read_timeout=2, total_timeout=5)
RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, limits=FAST) as f:
        yield f


@pytest.fixture
def db(engine: Engine) -> Engine:
    init_db(engine)
    return engine


def _articles(engine: Engine) -> dict[str, dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.url, articles.c.origin, articles.c.lang,
                                   articles.c.published, articles.c.date_basis, articles.c.duplicate_of,
                                   articles.c.title)).mappings().all()
    return {str(r["url"]): dict(r) for r in rows}


def test_urls_are_fetched_once_by_canonical_url_and_once_by_content(db: Engine, site: Site,
                                                                    fetcher: Fetcher) -> None:
    site.routes["/en"] = Route(article_html("en-muscat"))
    site.routes["/copy"] = Route(article_html("en-muscat").replace(b"Loopback News", b"Another Mirror"))
    site.routes["/alias"] = Route(article_html("en-muscat", canonical="/en", extra_head="<!-- v2 -->"))
    first = fetch_urls([site.url("/en?utm_source=rss#top"), "file:///etc/passwd"], db, fetcher)
    assert [a.url for a in first.new] == [site.url("/en?utm_source=rss#top")]
    assert first.new[0].title == "Oman sets date for next round of US-Iran talks"
    assert first.errors == [("file:///etc/passwd", "only http and https URLs are fetched, not file://")]
    stored = _articles(db)
    assert list(stored) == [site.url("/en")]  # the canonical URL is the article's url
    assert stored[site.url("/en")]["lang"] == "en"
    before = len(site.hits)
    again = fetch_urls([site.url("/en#again"), site.base.upper().replace("HTTP", "http") + "/en"], db,
                       fetcher)
    assert len(again.already) == 1 and not again.new and len(site.hits) == before  # no request at all
    alias = fetch_urls([site.url("/alias")], db, fetcher)
    assert [u for u, _ in alias.already] == [site.url("/alias")]  # its rel=canonical names a stored URL
    copy = fetch_urls([site.url("/copy")], db, fetcher)
    # the same text under another site's chrome: the content dedupe, as for files
    assert not copy.new and copy.already == [(site.url("/copy"), stored[site.url("/en")]["id"])]
    assert store.known_urls(db, [site.url("/alias"), site.url("/copy")]).keys() == {site.url("/alias"),
                                                                                 site.url("/copy")}


def test_pages_without_an_article_are_rejected_with_reasons(db: Engine, site: Site, fetcher: Fetcher) -> None:
    site.routes["/img"] = Route(b"\x89PNG\r\n\x1a\n", content_type="image/png")
    site.routes["/menu"] = Route(b"<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav>"
                                 b"</body></html>")
    report = fetch_urls([site.url("/img"), site.url("/menu"), site.url("/missing")], db, fetcher)
    reasons = dict(report.errors)
    assert "not an article page (content type image/png)" in reasons[site.url("/img")]
    assert "no main text" in reasons[site.url("/menu")]
    assert reasons[site.url("/missing")] == "HTTP 404"
    assert not report.new and not _articles(db)


def _news_site(site: Site) -> dict[str, str]:
    """Four feeds: RSS in Arabic, Persian and English, and an Atom feed."""
    for key in ("ar-muscat", "fa-muscat", "en-muscat", "en-geneva", "en-doha"):
        site.routes[f"/{key}"] = Route(article_html(key))
    feeds = {
        "ar": rss("أخبار", [(site.url("/ar-muscat"), "مسقط", None)], lang="ar"),
        "fa": rss("خبرها", [(site.url("/fa-muscat"), "مسقط", "Tue, 03 Mar 2026 07:00:00 GMT")], lang="fa"),
        # The text says March 2; the feed says March 5: the text wins, the disagreement is kept.
        "en": rss("News", [(site.url("/en-muscat?utm_medium=rss"), "Oman", "Thu, 05 Mar 2026 07:00:00 GMT"),
                           (site.url("/en-geneva"), "Geneva", "Tue, 03 Mar 2026 12:00:00 GMT")]),
        "atom": atom("Atom", [("/en-doha", "Doha", "2026-03-04T06:00:00Z")]),
    }
    urls = {}
    for name, body in feeds.items():
        site.routes[f"/{name}.xml"] = Route(body, content_type=RSS, etag=f'"{name}-1"')
        urls[name] = site.url(f"/{name}.xml")
    return urls


def test_feeds_are_polled_and_a_second_poll_adds_nothing(db: Engine, site: Site, fetcher: Fetcher) -> None:
    urls = _news_site(site)
    for url in urls.values():
        assert store.add_feed(db, url)
    assert not store.add_feed(db, urls["ar"])  # subscribed once
    report = poll_feeds(db, fetcher)
    assert report.feeds == 4 and not report.errors, report.errors
    assert len(report.new) == 5
    stored = _articles(db)
    assert {str(a["lang"]) for a in stored.values()} == {"ar", "fa", "en"}
    ar = stored[site.url("/ar-muscat")]
    assert ar["published"] is None and "feed item" not in str(ar["date_basis"])  # no date anywhere: unknown
    fa = stored[site.url("/fa-muscat")]
    assert str(fa["published"]) == "2026-03-03" and "feed item date" in str(fa["date_basis"])
    en = stored[site.url("/en-muscat")]
    assert str(en["published"]) == "2026-03-02"
    assert "the feed item says 2026-03-05" in str(en["date_basis"]) and "disagree" in str(en["date_basis"])
    table = store.feeds_table(db).set_index("url")
    assert list(table.loc[list(urls.values()), "status"]) == ["ok"] * 4
    assert table.loc[urls["en"], "new_count"] == 2 and table.loc[urls["en"], "articles"] == 2
    assert table.loc[urls["ar"], "title"] == "أخبار"
    version = _version(db)

    hits = len(site.hits)
    second = poll_feeds(db, fetcher)
    assert (len(second.new), second.not_modified, len(second.errors)) == (0, 4, 0)
    assert len(site.hits) == hits + 4  # one conditional GET per feed, no page fetched
    assert all(h[1].get("If-None-Match") for h in site.hits[-4:])
    assert list(store.feeds_table(db)["new_count"]) == [0, 0, 0, 0]
    assert _version(db) == version and len(_articles(db)) == 5
    assert len(store.feed_articles(db, int(table.loc[urls["en"], "id"]))) == 2


def _version(engine: Engine) -> int:
    with engine.connect() as conn:
        return store_version(conn)


def test_repeated_items_are_fetched_once(db: Engine, site: Site, fetcher: Fetcher) -> None:
    for key in ("en-muscat", "en-geneva", "en-doha"):
        site.routes[f"/{key}"] = Route(article_html(key))
    a, b, c = (site.url(f"/{k}") for k in ("en-muscat", "en-geneva", "en-doha"))
    site.routes["/feed"] = Route(rss("R", [(a, "A", None), (b, "B", None), (a, "A", None)]), content_type=RSS,
                                 etag='"1"')
    store.add_feed(db, site.url("/feed"))
    assert len(poll_feeds(db, fetcher).new) == 2
    site.routes["/feed"] = Route(rss("R", [(c, "C", None), (b, "B", None), (a, "A", None)]), content_type=RSS,
                                 etag='"2"')
    again = poll_feeds(db, fetcher)
    assert [n.url for n in again.new] == [c]
    pages = [p for p in site.paths() if p.startswith("/en-")]
    assert sorted(pages) == ["/en-doha", "/en-geneva", "/en-muscat"]  # each page fetched once


def test_broken_feeds_and_failing_items_are_reported(db: Engine, site: Site, fetcher: Fetcher) -> None:
    site.routes["/broken.xml"] = Route(b"<rss><channel><title>x</title><item><title>y</link>",
                                       content_type=RSS)
    site.routes["/ok"] = Route(article_html("en-doha"))
    items = [(site.url("/gone"), "Gone", None), (site.url("/ok"), "OK", None)]
    site.routes["/items.xml"] = Route(rss("Items", items), content_type=RSS, etag='"e1"')
    for path in ("/broken.xml", "/nofeed.xml", "/items.xml"):
        store.add_feed(db, site.url(path))
    report = poll_feeds(db, fetcher)
    errors = dict(report.errors)
    assert "not a readable RSS or Atom feed" in errors[site.url("/broken.xml")]
    assert errors[site.url("/nofeed.xml")] == "HTTP 404"
    assert errors[site.url("/gone")] == "HTTP 404" and len(report.new) == 1
    table = store.feeds_table(db).set_index("url")
    assert table.loc[site.url("/broken.xml"), "status"] == "error"
    items = table.loc[site.url("/items.xml")]
    assert items["status"] == "ok" and items["item_errors"] == 1 and "HTTP 404" in items["error"]
    feed = store.feed_rows(db, [site.url("/items.xml")])[0]
    assert feed.etag is None  # a failing item waits for the next poll: no 304 may hide it
    for _ in range(MAX_ATTEMPTS - 1):
        poll_feeds(db, fetcher)
    assert site.paths().count("/gone") == MAX_ATTEMPTS  # retried, then left alone
    poll_feeds(db, fetcher)
    assert site.paths().count("/gone") == MAX_ATTEMPTS
    assert store.feed_rows(db, [site.url("/items.xml")])[0].etag == '"e1"'


def test_removing_a_feed_keeps_its_articles(db: Engine, site: Site, fetcher: Fetcher) -> None:
    site.routes["/ok"] = Route(article_html("fa-muscat"))
    site.routes["/f.xml"] = Route(rss("F", [(site.url("/ok"), "ok", None)], lang="fa"), content_type=RSS)
    store.add_feed(db, site.url("/f.xml"))
    poll_feeds(db, fetcher)
    assert store.remove_feed(db, site.url("/f.xml")) and not store.remove_feed(db, site.url("/f.xml"))
    assert store.feeds_table(db).empty and len(_articles(db)) == 1
    store.add_feed(db, site.url("/f.xml"))  # subscribed again: its item is known by URL, not fetched again
    again = poll_feeds(db, fetcher)
    assert not again.new and len(again.already) == 1 and site.paths().count("/ok") == 1
