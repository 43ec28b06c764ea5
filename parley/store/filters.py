"""The one translation of the shared ``Filters`` into SQL: which articles a view reads.

Every read of every page, the CLI and briefings selects its articles through ``where``, so the
same link shows the same article set everywhere. An article is kept when:

- it is not stored as a duplicate of another (``duplicate_of`` is empty);
- ``from`` / ``to``: it was published in the range, or it reports an event dated in the range
  (a report on the day after the talks belongs to the talks' period). An undated article is
  kept by a range only through its dated events; with no event dated in the range it drops
  out as soon as either bound is set (with no range set, every article stays);
- ``lang`` / ``outlet`` / ``a``: its language, outlet or id is among those named (an article
  with no known outlet never matches an outlet filter);
- ``actor``: it mentions one of these actors;
- ``side``: it mentions an actor of one of these sides;
- ``topic``: it has a position on one of these topics.

Reads may narrow their rows further inside that set (the positions grid keeps the named
topics' cells, the timeline an event's own date in the range and the events naming the actors),
but never read an article outside it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, or_, select

from parley.filters import Filters
from parley.store.db import store_errors
from parley.store.schema import actors, articles, events, mentions, positions


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The filters as WHERE clauses on ``articles`` (see the module docstring)."""
    c = articles.c
    cond: list[ColumnElement[bool]] = [c.duplicate_of.is_(None)]
    if f.date_from is not None or f.date_to is not None:
        cond.append(or_(_in_range(c.published, f), exists().where(
            events.c.article_id == c.id, _in_range(events.c.date, f)).correlate(articles)))
    if f.langs:
        cond.append(c.lang.in_(f.langs))
    if f.outlets:
        cond.append(c.outlet.in_(f.outlets))
    if f.articles:
        cond.append(c.id.in_(f.articles))
    # aliases, correlated to articles only: a read that joins mentions, actors or positions
    # itself must not have its own rows pulled into these subqueries
    m, a = mentions.alias("filter_mentions"), actors.alias("filter_actors")
    p = positions.alias("filter_positions")
    if f.actors:
        cond.append(exists().where(m.c.article_id == c.id, m.c.actor_id.in_(f.actors)).correlate(articles))
    if f.sides:
        cond.append(exists().where(m.c.article_id == c.id, m.c.actor_id == a.c.actor_id,
                                   a.c.side.in_(f.sides)).correlate(articles))
    if f.topics:
        cond.append(exists().where(p.c.article_id == c.id, p.c.topic.in_(f.topics)).correlate(articles))
    return cond


def _in_range(column: ColumnElement[Any], f: Filters) -> ColumnElement[bool]:
    """``column`` lies in the filters' date range (NULL never does)."""
    bounds: list[ColumnElement[bool]] = []
    if f.date_from is not None:
        bounds.append(column >= f.date_from)
    if f.date_to is not None:
        bounds.append(column <= f.date_to)
    return and_(*bounds)


def actor_side_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Inside the filtered articles, ``side`` also keeps only actor rows of those sides (for reads
    that join ``actors``)."""
    return [actors.c.side.in_(f.sides)] if f.sides else []


def summary_conditions(f: Filters, lang: ColumnElement[Any],
                       outlet: ColumnElement[Any]) -> list[ColumnElement[bool]] | None:
    """The filters as WHERE clauses on a summary table (parley/store/summaries.py) with these
    language and outlet columns, which counts the articles ``where(Filters())`` keeps; None when
    the filters need more than the language and outlet (dates, ids, actors, sides, topics)."""
    if (f.date_from is not None or f.date_to is not None or f.articles or f.actors or f.sides
            or f.topics):
        return None
    cond: list[ColumnElement[bool]] = []
    if f.langs:
        cond.append(lang.in_(f.langs))
    if f.outlets:  # '' (no known outlet) never matches an outlet filter
        cond.append(outlet.in_(f.outlets))
    return cond


def where(f: Filters) -> ColumnElement[bool]:
    """One clause on ``articles``: true for the articles the filters keep."""
    return and_(True, *conditions(f))


def article_ids(engine: Engine, f: Filters) -> set[str]:
    """The ids of the articles the filters keep."""
    with store_errors("cannot read the filtered articles"), engine.connect() as conn:
        return {str(r) for (r,) in conn.execute(select(articles.c.id).where(where(f)))}
