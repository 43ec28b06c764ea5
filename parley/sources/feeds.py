"""RSS/Atom feeds (feedparser) and OPML lists of feeds (lxml, no entities, no network).

Feeds and OPML files are untrusted input: their bytes are bounded by the fetcher (or the
upload), a feed that parses to no items and a parse error is rejected with a reason, and an
OPML file is parsed with entity resolution, DTD loading and network access off.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from parley.errors import LoadError
from parley.sources.urls import canonical_url

MAX_ITEMS = 500  # items read from one feed document
MAX_OPML_FEEDS = 1_000
MAX_TITLE = 300


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: its link (canonical), its key (the guid, else the link), title, date."""

    key: str
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 (UTC), from the entry's published or updated date


@dataclass
class Feed:
    """A parsed feed document: its title and its items in document order, repeats dropped."""

    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some entries were left out


def _text(value: Any, limit: int = MAX_TITLE) -> str | None:
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    return s[:limit] or None


def _iso(parsed: Any) -> str | None:
    """A feedparser time tuple (UTC) as an ISO date-time, or None."""
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(url: str, data: bytes) -> Feed:
    """The items of an RSS or Atom document fetched from ``url``; LoadError if it has none."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or [])
    if not entries and not parsed.get("bozo") and not parsed.get("version"):
        raise LoadError(url, "not an RSS or Atom feed")
    feed = Feed(title=_text(parsed.get("feed", {}).get("title")))
    seen: set[str] = set()
    for i, entry in enumerate(entries[:MAX_ITEMS], 1):
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            feed.skipped.append(f"item {i}: no link")
            continue
        try:
            item_url = canonical_url(urljoin(url, link.strip()))
        except LoadError as exc:
            feed.skipped.append(f"item {i}: {exc.reason}")
            continue
        guid = entry.get("id")
        key = _text(guid, 1000) or item_url
        if key in seen or item_url in seen:
            continue
        seen.update((key, item_url))
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        feed.items.append(FeedItem(key, item_url, _text(entry.get("title")), published))
    if not feed.items and parsed.get("bozo"):  # a broken document that yields nothing usable
        why = _text(str(parsed.get("bozo_exception")), 160) or "parse error"
        raise LoadError(url, f"not a readable RSS or Atom feed ({why})")
    if len(entries) > MAX_ITEMS:
        feed.skipped.append(f"{len(entries) - MAX_ITEMS} items after the first {MAX_ITEMS}")
    return feed


@dataclass(frozen=True)
class OpmlFeed:
    """One feed listed in an OPML file."""

    url: str
    title: str | None


def parse_opml(name: str, data: bytes) -> list[OpmlFeed]:
    """The feeds (xmlUrl of each outline) of an OPML file; LoadError if it is not one or lists none."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise LoadError(name, f"not a readable OPML file ({_text(str(exc), 160)})") from exc
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise LoadError(name, "not an OPML file (no <opml> root)")
    out: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        raw = outline.get("xmlUrl") or outline.get("xmlurl")
        if not raw:
            continue
        try:
            url = canonical_url(raw)
        except LoadError:
            continue
        if url in seen:
            continue
        seen.add(url)
        out.append(OpmlFeed(url, _text(outline.get("title") or outline.get("text"))))
        if len(out) >= MAX_OPML_FEEDS:
            break
    if not out:
        raise LoadError(name, "the OPML file lists no http(s) feeds (outline xmlUrl)")
    return out
