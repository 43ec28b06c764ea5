"""Reads of events and venues: the event reports of the filtered articles (dated in the range;
with actor or side filters, those naming them), one event's evidence, the venue rows and their
sentences' mentions and text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, func, or_, select

from parley.filters import Filters
from parley.store.db import store_errors
from parley.store.filters import conditions, where
from parley.store.reads import frame_of_tuples, read_frame
from parley.store.schema import (
    actors,
    articles,
    events,
    mentions,
    segments,
    venues,
)

EVENT_REPORT_COLUMNS = ("id", "event_id", "article_id", "segment_idx", "date", "date_precision",
                        "date_basis", "kind", "actor_ids", "place_id", "evidence", "status", "published")


EVENT_EVIDENCE_COLUMNS = ("event_id", "article_id", "outlet", "title", "published", "date_basis",
                    "lang", "evidence")


VENUE_COLUMNS = ("article_id", "segment_idx", "place_id", "role", "start", "end", "evidence",
                 "published", "article_precision")


VENUE_SEGMENT_COLUMNS = ("article_id", "segment_idx", "start", "lang", "text")


SPAN_MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "start", "end", "date")


VENUE_ROLES = ("proposed", "moved_from", "moved_to", "talks_venue")


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
            return frame_of_tuples([], EVENT_REPORT_COLUMNS)
        cond.append(_names_any(events.c.actor_ids, ids))
    stmt = (select(*(events.c[c] for c in EVENT_REPORT_COLUMNS if c != "published"), articles.c.published)
            .join(articles, articles.c.id == events.c.article_id)
            .where(and_(*cond)).order_by(events.c.date, events.c.event_id, events.c.id))
    return read_frame(engine, stmt, EVENT_REPORT_COLUMNS, "cannot read the events")


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
    return read_frame(engine, stmt, EVENT_EVIDENCE_COLUMNS, f"cannot read the reports of event {event_id}")


def load_venues(engine: Engine, f: Filters) -> pd.DataFrame:
    """Venue rows where talks were proposed, moved or held, with their article's date."""
    stmt = (select(venues.c.article_id, venues.c.segment_idx, venues.c.place_id, venues.c.role,
                   venues.c.start, venues.c.end, venues.c.evidence, articles.c.published,
                   articles.c.date_precision)
            .join(articles, articles.c.id == venues.c.article_id)
            .where(venues.c.role.in_(VENUE_ROLES), where(f))
            .order_by(articles.c.published, venues.c.article_id, venues.c.start))
    return read_frame(engine, stmt, VENUE_COLUMNS, "cannot read the venues")


def load_venue_context(engine: Engine, venue_rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions and sentences of the venue rows' segments (to say who asked for a venue)."""
    keys = sorted({(str(a), int(s)) for a, s in zip(venue_rows["article_id"], venue_rows["segment_idx"],
                                                      strict=True)})
    if not keys:
        return frame_of_tuples([], SPAN_MENTION_COLUMNS), frame_of_tuples([], VENUE_SEGMENT_COLUMNS)
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
    return frame_of_tuples(ment, SPAN_MENTION_COLUMNS), frame_of_tuples(segs, VENUE_SEGMENT_COLUMNS)


def report_day_counts(engine: Engine, f: Filters) -> list[tuple[Any, int]]:
    """How many event reports load_event_reports(f, naming=False) reads, per event date (None:
    undated), counted in SQL: the timeline chooses from them how much to draw."""
    cond = conditions(f)
    if f.date_from is not None:
        cond.append(events.c.date >= f.date_from)
    if f.date_to is not None:
        cond.append(events.c.date <= f.date_to)
    stmt = (select(events.c.date, func.count()).join(articles, articles.c.id == events.c.article_id)
            .where(and_(*cond)).group_by(events.c.date).order_by(events.c.date))
    with store_errors("cannot count the events"), engine.connect() as conn:
        return [(d, int(n)) for d, n in conn.execute(stmt)]
