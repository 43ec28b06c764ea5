"""Reads for the timeline and network pages: SQLAlchemy Core selects -> pandas DataFrames.

Every read keeps to the articles of parley.store.filters.where (the one filter). Inside them,
the date range also applies to an event's own date, and sides and actors keep the events
naming them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Select, and_, func, or_, select

from parley.filters import Filters
from parley.store.db import store_errors
from parley.store.filters import conditions, where
from parley.store.schema import (
    actors,
    articles,
    events,
    links,
    mentions,
    places,
    segments,
    venues,
)

ACTOR_COLUMNS = ("actor_id", "name_en", "name_ar", "name_fa", "kind", "side")
PLACE_COLUMNS = ("place_id", "name_en", "name_ar", "name_fa")
EVENT_REPORT_COLUMNS = ("id", "event_id", "article_id", "segment_idx", "date", "date_precision",
                        "date_basis", "kind", "actor_ids", "place_id", "evidence", "status", "published")
EVIDENCE_COLUMNS = ("event_id", "article_id", "outlet", "title", "published", "date_basis",
                    "lang", "evidence")
ARTICLE_COLUMNS = ("id", "outlet", "title", "lang", "published", "date_precision")
MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "date")
SPAN_MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "start", "end", "date")
VENUE_COLUMNS = ("article_id", "segment_idx", "place_id", "role", "start", "end", "evidence",
                 "published", "article_precision")
SEGMENT_COLUMNS = ("article_id", "segment_idx", "start", "lang", "text")
LINK_COLUMNS = ("article_id", "segment_idx", "types")
VENUE_ROLES = ("proposed", "moved_from", "moved_to", "talks_venue")


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


DATE_COLUMNS = frozenset({"date", "published"})


def _read(engine: Engine, stmt: Select[Any], columns: Sequence[str], action: str) -> pd.DataFrame:
    """Run ``stmt`` and return its rows as a frame; date columns become pandas datetimes (NaT
    when unknown) whatever the backend returns (SQLite: ISO strings, PostgreSQL: dates).

    Rows are fetched from the DBAPI cursor directly: SQLAlchemy's per-row processing costs
    three times as much on a hundred thousand mentions, and the dates are converted here anyway.
    """
    with store_errors(action), engine.connect() as conn:
        result = conn.execute(stmt)
        rows = result.cursor.fetchall() if result.cursor is not None else []
    frame = _frame(rows, columns)
    for col in DATE_COLUMNS & set(columns):
        frame[col] = pd.to_datetime(frame[col], errors="coerce")
    return frame


def load_actors(engine: Engine) -> pd.DataFrame:
    """Every canonical actor: actor_id, names (en/ar/fa), kind, side."""
    stmt = select(*(actors.c[c] for c in ACTOR_COLUMNS)).order_by(actors.c.actor_id)
    return _read(engine, stmt, ACTOR_COLUMNS, "cannot read the actors")


def load_places(engine: Engine) -> pd.DataFrame:
    """Every canonical place: place_id and names (en/ar/fa)."""
    stmt = select(*(places.c[c] for c in PLACE_COLUMNS)).order_by(places.c.place_id)
    return _read(engine, stmt, PLACE_COLUMNS, "cannot read the places")


def _actor_ids_for(engine: Engine, f: Filters) -> tuple[str, ...]:
    """The actor ids the actor and side filters name (sides expand to their actors)."""
    ids = list(f.actors)
    if f.sides:
        with store_errors("cannot read the actors"), engine.connect() as conn:
            ids += [r[0] for r in conn.execute(select(actors.c.actor_id).where(actors.c.side.in_(f.sides)))]
    return tuple(dict.fromkeys(ids))


def _names_any(column: Any, ids: Sequence[str]) -> ColumnElement[bool]:
    """A ';'-separated id column names any of ``ids`` (exact ids, not substrings)."""
    wrapped = ";" + column + ";"
    return or_(*(wrapped.contains(f";{i};", autoescape=True) for i in ids))


def load_event_reports(engine: Engine, f: Filters, *, naming: bool = True) -> pd.DataFrame:
    """Event reports (one row per article reporting an event) of the filtered articles, dated in
    the filters' range; with ``naming``, only the events naming an actor of the actor and side
    filters (the timeline's rows; the network reads every event of its articles)."""
    cond = conditions(f)
    if f.date_from is not None:
        cond.append(events.c.date >= f.date_from)
    if f.date_to is not None:
        cond.append(events.c.date <= f.date_to)
    if naming and (f.actors or f.sides):
        ids = _actor_ids_for(engine, f)
        if not ids:
            return _frame([], EVENT_REPORT_COLUMNS)
        cond.append(_names_any(events.c.actor_ids, ids))
    stmt = (select(*(events.c[c] for c in EVENT_REPORT_COLUMNS if c != "published"), articles.c.published)
            .join(articles, articles.c.id == events.c.article_id)
            .where(and_(*cond)).order_by(events.c.date, events.c.event_id, events.c.id))
    return _read(engine, stmt, EVENT_REPORT_COLUMNS, "cannot read the events")


def load_event_evidence(engine: Engine, event_id: str) -> pd.DataFrame:
    """Each report of ``event_id``: its article (outlet, title, date) and evidence sentence with
    the sentence's language (falling back to the article's)."""
    lang = func.coalesce(segments.c.lang, articles.c.lang)
    stmt = (select(events.c.event_id, events.c.article_id, articles.c.outlet, articles.c.title,
                   articles.c.published, events.c.date_basis, lang, events.c.evidence)
            .join(articles, articles.c.id == events.c.article_id)
            .outerjoin(segments, and_(segments.c.article_id == events.c.article_id,
                                      segments.c.idx == events.c.segment_idx))
            .where(events.c.event_id == event_id)
            .order_by(articles.c.published, events.c.article_id, events.c.id))
    return _read(engine, stmt, EVIDENCE_COLUMNS, f"cannot read the reports of event {event_id}")


def load_articles(engine: Engine, f: Filters) -> pd.DataFrame:
    """The filtered articles' id, outlet, title, lang, published and date_precision."""
    stmt = (select(*(articles.c[c] for c in ARTICLE_COLUMNS))
            .where(where(f))
            .order_by(articles.c.published, articles.c.id))
    return _read(engine, stmt, ARTICLE_COLUMNS, "cannot read the articles")


def load_mentions(engine: Engine, f: Filters) -> pd.DataFrame:
    """Actor mentions in the filtered articles, with the article's publication date as ``date``.

    Two reads, not a join: the filtered articles' dates (one row per article), and the mentions
    whose article is among them (an IN subquery). Joining every mention to its article costs
    two index lookups per mention, twice the time on a hundred thousand mentions.
    """
    cond = where(f)
    dates = _read(engine, select(articles.c.id, articles.c.published).where(cond), ("id", "published"),
                  "cannot read the mentions")
    stmt = (select(mentions.c.article_id, mentions.c.segment_idx, mentions.c.actor_id)
            .where(mentions.c.article_id.in_(select(articles.c.id).where(cond))))
    frame = _read(engine, stmt, MENTION_COLUMNS[:3], "cannot read the mentions")
    if frame.empty:  # mapping an empty column through an empty date index fails in pandas
        frame["date"] = pd.Series(dtype="datetime64[ns]")
        return frame
    published = pd.Series(dates["published"].to_numpy(), index=dates["id"].astype(str).to_numpy())
    frame["date"] = pd.to_datetime(frame["article_id"].map(published), errors="coerce")
    return frame


def load_links(engine: Engine, f: Filters, *, typed_only: bool = False) -> pd.DataFrame:
    """The stored links (sentences naming two or more actors, typed by cue words at ingest) of the
    filtered articles: article_id, segment_idx, types (';'-separated, '' when none; ``typed_only``
    leaves those out). The date range is not applied: a link's date is its mention's or event's,
    which the network applies itself."""
    cond = conditions(f)
    if typed_only:
        cond.append(links.c.types != "")
    stmt = (select(links.c.article_id, links.c.segment_idx, links.c.types)
            .join(articles, articles.c.id == links.c.article_id)
            .where(and_(*cond)))
    return _read(engine, stmt, LINK_COLUMNS, "cannot read the links")


def load_venues(engine: Engine, f: Filters) -> pd.DataFrame:
    """Venue rows where talks were proposed, moved or held, with their article's date."""
    stmt = (select(venues.c.article_id, venues.c.segment_idx, venues.c.place_id, venues.c.role,
                   venues.c.start, venues.c.end, venues.c.evidence, articles.c.published,
                   articles.c.date_precision)
            .join(articles, articles.c.id == venues.c.article_id)
            .where(venues.c.role.in_(VENUE_ROLES), where(f))
            .order_by(articles.c.published, venues.c.article_id, venues.c.start))
    return _read(engine, stmt, VENUE_COLUMNS, "cannot read the venues")


def load_venue_context(engine: Engine, venue_rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions and sentences of the venue rows' segments (to say who asked for a venue)."""
    keys = sorted({(str(a), int(s)) for a, s in zip(venue_rows["article_id"], venue_rows["segment_idx"],
                                                      strict=True)})
    if not keys:
        return _frame([], SPAN_MENTION_COLUMNS), _frame([], SEGMENT_COLUMNS)
    ment: list[Any] = []
    segs: list[Any] = []
    with store_errors("cannot read the venue sentences"), engine.connect() as conn:
        for i in range(0, len(keys), 400):  # bounded IN lists
            chunk = keys[i:i + 400]
            arts = sorted({a for a, _ in chunk})
            # the sentence numbers narrow the read in SQL (an article has many sentences, a venue
            # names one or two); the exact (article, sentence) pairs are picked here
            idxs = sorted({s for _, s in chunk})
            wanted = set(chunk)
            ment += [r for r in conn.execute(
                select(mentions.c.article_id, mentions.c.segment_idx, mentions.c.actor_id,
                       mentions.c.start, mentions.c.end, articles.c.published)
                .join(articles, articles.c.id == mentions.c.article_id)
                .where(mentions.c.article_id.in_(arts), mentions.c.segment_idx.in_(idxs))).all()
                if (r[0], r[1]) in wanted]
            segs += [s for s in conn.execute(
                select(segments.c.article_id, segments.c.idx, segments.c.start, segments.c.lang,
                       segments.c.text)
                .where(segments.c.article_id.in_(arts), segments.c.idx.in_(idxs))).all()
                if (s[0], s[1]) in wanted]
    return _frame(ment, SPAN_MENTION_COLUMNS), _frame(segs, SEGMENT_COLUMNS)


def date_bounds(engine: Engine) -> tuple[Any, Any]:
    """The earliest and latest publication dates stored (None, None when nothing is dated)."""
    with store_errors("cannot read the article dates"), engine.connect() as conn:
        row = conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))).one()
    return row[0], row[1]
