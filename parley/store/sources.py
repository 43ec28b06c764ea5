"""Live sources in the store: feeds, the items seen in them, and the canonical URLs of articles.

Writes here do not bump the store version: no article changes (the articles themselves go
through ingest, which bumps it). The Sources page reads these tables fresh. SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, and_, delete, func, select, update

from parley.store.db import describe, insert_ignore, insert_new, store_errors
from parley.store.reads import frame_of, read_link
from parley.store.schema import articles, feed_items, feeds, source_urls

FEED_COLUMNS = ("id", "url", "title", "added_at", "last_fetch", "status", "new_count", "articles",
                "item_errors", "error")
FEED_ARTICLE_COLUMNS = ("link", "title", "lang", "published", "date_basis", "url")
MAX_ERROR = 1_000


def now_utc() -> dt.datetime:
    """The current UTC time as the store keeps it (naive, whole seconds)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class FeedRow:
    """A stored feed, as a poll needs it."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class ItemSeen:
    """A feed item met before: its status, article (if stored) and attempts so far."""

    status: str
    article_id: str | None
    attempts: int


def add_feed(engine: Engine, url: str, title: str | None = None) -> bool:
    """Subscribe to the feed at canonical ``url``; False if it is already there."""
    row = {"url": url, "title": title, "added_at": now_utc(), "status": "new", "new_count": 0}
    with store_errors(f"cannot add a feed in {describe(engine)}"), engine.begin() as conn:
        return insert_new(conn, feeds, row)


def remove_feed(engine: Engine, url: str) -> bool:
    """Drop the feed at canonical ``url`` and its items seen (its articles stay); False if absent."""
    with store_errors(f"cannot remove a feed in {describe(engine)}"), engine.begin() as conn:
        fid = conn.execute(select(feeds.c.id).where(feeds.c.url == url)).scalar()
        if fid is None:
            return False
        conn.execute(delete(feed_items).where(feed_items.c.feed_id == fid))
        conn.execute(delete(feeds).where(feeds.c.id == fid))
        return True


def feed_rows(engine: Engine, urls: Sequence[str] | None = None) -> list[FeedRow]:
    """The stored feeds (those of ``urls`` only, if given), oldest first."""
    stmt = (select(feeds.c.id, feeds.c.url, feeds.c.title, feeds.c.etag, feeds.c.last_modified)
            .order_by(feeds.c.id))
    if urls is not None:
        stmt = stmt.where(feeds.c.url.in_(list(urls)))
    with store_errors("cannot read the feeds"), engine.connect() as conn:
        return [FeedRow(r.id, r.url, r.title, r.etag, r.last_modified) for r in conn.execute(stmt)]


def record_poll(engine: Engine, feed_id: int, *, status: str, error: str | None = None, new_count: int = 0,
                etag: str | None = None, last_modified: str | None = None, keep_validators: bool = True,
                title: str | None = None) -> None:
    """What one poll of a feed did. The ETag/Last-Modified kept are replaced only when the poll
    read the feed (``keep_validators`` False); a feed's title is set once, from the feed."""
    values: dict[str, object] = {"last_fetch": now_utc(), "status": status[:32], "new_count": new_count,
                                 "error": error[:MAX_ERROR] if error else None}
    if not keep_validators:
        values.update(etag=(etag or None) and etag[:500], last_modified=(last_modified or None)
                      and last_modified[:200])
    with store_errors("cannot record a feed poll"), engine.begin() as conn:
        conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))
        if title:
            conn.execute(update(feeds).where(feeds.c.id == feed_id, feeds.c.title.is_(None))
                         .values(title=title))


def items_seen(engine: Engine, feed_id: int, keys: Sequence[str]) -> dict[str, ItemSeen]:
    """The items of ``keys`` this feed has met before."""
    if not keys:
        return {}
    stmt = (select(feed_items.c.item_key, feed_items.c.status, feed_items.c.article_id, feed_items.c.attempts)
            .where(feed_items.c.feed_id == feed_id, feed_items.c.item_key.in_(list(dict.fromkeys(keys)))))
    with store_errors("cannot read the feed's items"), engine.connect() as conn:
        return {r.item_key: ItemSeen(r.status, r.article_id, r.attempts) for r in conn.execute(stmt)}


def record_items(engine: Engine, feed_id: int,
                 outcomes: Iterable[tuple[str, str, str | None, str | None]]) -> None:
    """Record (item key, url, article id or None, error or None) per item polled: a stored item is
    final; a failed one counts an attempt."""
    rows = list(outcomes)
    if not rows:
        return
    at = now_utc()
    with store_errors("cannot record the feed's items"), engine.begin() as conn:
        for key, url, article_id, error in rows:
            status = "stored" if article_id else "error"
            row = {"feed_id": feed_id, "item_key": key, "url": url, "article_id": article_id,
                   "status": status, "error": error[:MAX_ERROR] if error else None, "attempts": 1,
                   "first_seen": at}
            if not insert_new(conn, feed_items, row):
                conn.execute(update(feed_items)
                             .where(feed_items.c.feed_id == feed_id, feed_items.c.item_key == key)
                             .values(article_id=article_id, status=status, error=row["error"],
                                     attempts=feed_items.c.attempts + 1))


def known_urls(engine: Engine, urls: Iterable[str]) -> dict[str, str]:
    """Canonical URL -> article id, for those of ``urls`` an article came from."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    with store_errors("cannot read the source URLs"), engine.connect() as conn:
        rows = conn.execute(select(source_urls.c.url, source_urls.c.article_id)
                            .where(source_urls.c.url.in_(wanted))).all()
    return {r.url: r.article_id for r in rows}


def record_urls(engine: Engine, rows: Iterable[tuple[str, str, int | None]]) -> None:
    """Remember (canonical URL, article id, feed id or None): the first article of a URL stays."""
    at = now_utc()
    unique = {url: (article_id, feed_id) for url, article_id, feed_id in rows}
    with store_errors("cannot record the source URLs"), engine.begin() as conn:
        insert_ignore(conn, source_urls, [{"url": u, "article_id": a, "feed_id": f, "fetched_at": at}
                                          for u, (a, f) in unique.items()])


def feeds_table(engine: Engine) -> pd.DataFrame:
    """Every feed with its last poll: columns FEED_COLUMNS (articles: stored from it in all;
    item_errors: items that failed and are still retried)."""
    stored = (select(feed_items.c.feed_id, func.count().label("n")).where(feed_items.c.status == "stored")
              .group_by(feed_items.c.feed_id).subquery())
    failed = (select(feed_items.c.feed_id, func.count().label("n")).where(feed_items.c.status == "error")
              .group_by(feed_items.c.feed_id).subquery())
    f = feeds.c
    stmt = (select(f.id, f.url, f.title, f.added_at, f.last_fetch, f.status, f.new_count,
                   func.coalesce(stored.c.n, 0).label("articles"),
                   func.coalesce(failed.c.n, 0).label("item_errors"), feeds.c.error)
            .select_from(feeds.outerjoin(stored, stored.c.feed_id == feeds.c.id)
                         .outerjoin(failed, failed.c.feed_id == feeds.c.id))
            .order_by(feeds.c.id))
    with store_errors("cannot read the feeds"), engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return frame_of(rows, FEED_COLUMNS)


def feed_articles(engine: Engine, feed_id: int, limit: int = 50) -> pd.DataFrame:
    """The newest articles stored from a feed: columns FEED_ARTICLE_COLUMNS (link: /read)."""
    a = articles.c
    stmt = (select(a.id, a.title, a.lang, a.published, a.date_basis, feed_items.c.url)
            .select_from(feed_items.join(articles, articles.c.id == feed_items.c.article_id))
            .where(and_(feed_items.c.feed_id == feed_id, feed_items.c.status == "stored"))
            .order_by(feed_items.c.first_seen.desc(), articles.c.id).limit(max(1, int(limit))))
    with store_errors("cannot read the feed's articles"), engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return frame_of([{**r, "link": read_link(r["id"])} for r in rows], FEED_ARTICLE_COLUMNS)
