"""Live sources as the pages use them: "Add by URL" on /library, and the feeds of /sources.

Writes (fetching URLs, adding and removing feeds, polling) are for analysts and are logged in the
audit log; reads are fresh, not cached: the feeds change without a store version bump. The app
fetches with the default limits; PARLEY_ALLOW_PRIVATE_URLS=1 lets it reach private and loopback
addresses, PARLEY_FETCH_DELAY sets the per-host delay (README "Live sources").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from parley.errors import LoadError
from parley.sources.feeds import parse_opml
from parley.sources.fetch import Fetcher, limits_from_env
from parley.sources.poll import SourcesReport, fetch_urls, poll_feeds
from parley.sources.urls import allow_private_from_env, canonical_url
from parley.store import sources as store_sources
from parley.store.reads import read_link
from parley.ui import audit, auth
from parley.ui.store import engine

MAX_URLS = 50  # URLs taken from one text box; the rest are reported, not fetched
MAX_OPML_BYTES = 1024 * 1024
# How report_tables' columns are shown (st.dataframe column_config).
REPORT_COLUMNS = {"link": st.column_config.LinkColumn("Read", display_text="open"),
                  "title": st.column_config.TextColumn("Title", width="large"), "url": "URL",
                  "duplicate of": "Duplicate of", "article": "Article", "reason": "Reason"}

__all__ = ["MAX_URLS", "REPORT_COLUMNS", "FeedChange", "SourcesReport", "add_feeds", "add_opml",
           "feed_articles", "feeds_table", "fetch", "poll_now", "remove_feed", "report_tables", "url_lines"]


@dataclass
class FeedChange:
    """What adding feeds did: feeds added, already there, and (url, reason) errors."""

    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def url_lines(text: str) -> tuple[list[str], int]:
    """The URLs of a text box (one per line or separated by spaces), repeats dropped, at most
    MAX_URLS; and how many more there were."""
    found = list(dict.fromkeys(u for u in re.split(r"\s+", text or "") if u))
    return found[:MAX_URLS], max(0, len(found) - MAX_URLS)


def _fetcher() -> Fetcher:
    return Fetcher(allow_private=allow_private_from_env(), limits=limits_from_env())


def fetch(urls: list[str]) -> SourcesReport:
    """Fetch article URLs into the app's store (analysts only; logged with the new articles' ids)."""
    access = auth.require_analyst("add articles by URL")
    with _fetcher() as fetcher:
        report = fetch_urls(urls, engine(), fetcher)
    audit.record(engine(), access, "fetch", [a.article_id for a in report.new],
                 f"{len(urls)} URL(s): {report.summary()}")
    return report


def add_feeds(urls: list[str]) -> FeedChange:
    """Subscribe to feeds by URL (analysts only; logged)."""
    access = auth.require_analyst("add feeds")
    change = FeedChange()
    for url in urls:
        _add(url, None, change)
    _log_change(access, change)
    return change


def add_opml(name: str, data: bytes) -> FeedChange:
    """Subscribe to every feed an OPML file lists (analysts only; logged)."""
    access = auth.require_analyst("add feeds")
    change = FeedChange()
    if len(data) > MAX_OPML_BYTES:
        change.errors.append((name, f"larger than {MAX_OPML_BYTES} bytes"))
        return change
    try:
        listed = parse_opml(name, data)
    except LoadError as exc:
        change.errors.append((name, exc.reason))
        return change
    for feed in listed:
        _add(feed.url, feed.title, change)
    _log_change(access, change)
    return change


def _add(url: str, title: str | None, change: FeedChange) -> None:
    try:
        canon = canonical_url(url)
    except LoadError as exc:
        change.errors.append((url[:200], exc.reason))
        return
    (change.added if store_sources.add_feed(engine(), canon, title) else change.already).append(canon)


def _log_change(access: auth.Access, change: FeedChange) -> None:
    if change.added:
        audit.record(engine(), access, "feed_add", change.added, f"added {len(change.added)}")


def remove_feed(url: str) -> bool:
    """Unsubscribe (its articles stay; analysts only; logged). False if it was not stored."""
    access = auth.require_analyst("remove feeds")
    removed = store_sources.remove_feed(engine(), url)
    if removed:
        audit.record(engine(), access, "feed_remove", [url])
    return removed


def poll_now() -> SourcesReport:
    """Poll every feed once (analysts only; logged with the new articles' ids)."""
    access = auth.require_analyst("poll feeds")
    with _fetcher() as fetcher:
        report = poll_feeds(engine(), fetcher)
    audit.record(engine(), access, "poll", [a.article_id for a in report.new], report.summary())
    return report


def feeds_table() -> pd.DataFrame:
    """The feeds with their last poll (read fresh)."""
    return store_sources.feeds_table(engine())


def feed_articles(feed_id: int) -> pd.DataFrame:
    """The newest articles from one feed, with their date basis (read fresh)."""
    return store_sources.feed_articles(engine(), feed_id)


def report_tables(report: SourcesReport) -> dict[str, pd.DataFrame]:
    """A fetch's or a poll's lists as small tables (for st.dataframe, which never runs HTML)."""
    return {
        "New articles": pd.DataFrame(
            [(read_link(a.article_id), a.title or "", a.url) for a in report.new],
            columns=["link", "title", "url"]),
        "Duplicates (same body as a stored article)": pd.DataFrame(report.duplicates,
                                                                   columns=["url", "duplicate of"]),
        "Already stored": pd.DataFrame(report.already, columns=["url", "article"]),
        "Errors": pd.DataFrame(report.errors, columns=["url", "reason"]),
    }
