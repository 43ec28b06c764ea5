"""Reads for the compare page: the rows of chosen articles, the articles of a group, the pickers.

Plain frames with the columns of parley.compare_columns (the stored tables' names); parley.views
builds the compared sources from them. Every read keeps to the articles of
parley.store.filters.where (the one filter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Connection, Engine, Table, select

from parley.compare_columns import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    POSITION_COLUMNS,
    QUOTE_COLUMNS,
    SEGMENT_COLUMNS,
    VENUE_COLUMNS,
)
from parley.filters import Filters
from parley.store.db import store_errors
from parley.store.filters import where
from parley.store.schema import (
    actors,
    articles,
    events,
    mentions,
    places,
    positions,
    quotes,
    segments,
    venues,
)

GroupBy = Literal["outlet", "side"]
CHOICE_COLUMNS = ("id", "title", "outlet", "lang", "published", "origin")
MAX_GROUP_ARTICLES = 200  # a group larger than this is cut (newest first) to keep the page quick


@dataclass(frozen=True)
class Frames:
    """Every table a comparison reads, for a set of articles (``articles`` also has ``origin``)."""

    articles: pd.DataFrame
    segments: pd.DataFrame
    mentions: pd.DataFrame
    venues: pd.DataFrame
    positions: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=list(columns))


def _table_rows(conn: Connection, table: Table, columns: Sequence[str], ids: Sequence[str]) -> pd.DataFrame:
    key = table.c.id if table is articles else table.c.article_id
    stmt = select(*[table.c[c] for c in columns]).where(key.in_(list(ids)))
    if "start" in table.c:
        stmt = stmt.order_by(table.c.start)
    return _frame(conn.execute(stmt).mappings().all(), columns)


def load_frames(engine: Engine, filters: Filters, article_ids: Sequence[str]) -> Frames:
    """The articles with ``article_ids`` that the filters keep, and their rows (others are absent)."""
    wanted = list(dict.fromkeys(article_ids))
    with store_errors("cannot read the articles to compare"), engine.connect() as conn:
        ids = [str(r) for (r,) in conn.execute(
            select(articles.c.id).where(articles.c.id.in_(wanted), where(filters)))]
        return Frames(
            articles=_table_rows(conn, articles, [*ARTICLE_COLUMNS, "origin"], ids),
            segments=_table_rows(conn, segments, SEGMENT_COLUMNS, ids),
            mentions=_table_rows(conn, mentions, MENTION_COLUMNS, ids),
            venues=_table_rows(conn, venues, VENUE_COLUMNS, ids),
            positions=_table_rows(conn, positions, POSITION_COLUMNS, ids),
            quotes=_table_rows(conn, quotes, QUOTE_COLUMNS, ids),
            events=_table_rows(conn, events, EVENT_COLUMNS, ids),
        )


def group_article_ids(engine: Engine, filters: Filters, by: GroupBy, value: str) -> list[str]:
    """The ids of the articles the filters keep that are of outlet ``value`` (or mention an actor of
    side ``value``): newest first, undated last, at most MAX_GROUP_ARTICLES."""
    c = articles.c
    if by == "outlet":
        member = c.outlet == value
    else:
        side_actors = select(actors.c.actor_id).where(actors.c.side == value)
        member = c.id.in_(select(mentions.c.article_id).where(mentions.c.actor_id.in_(side_actors)))
    stmt = (select(c.id).where(where(filters), member)
            .order_by(c.published.is_(None), c.published.desc(), c.id).limit(MAX_GROUP_ARTICLES))
    with store_errors(f"cannot list the articles of {by} {value}"), engine.connect() as conn:
        return [str(r) for (r,) in conn.execute(stmt)]


def side_members(engine: Engine, side: str) -> list[str]:
    """The ids of the actors of ``side``."""
    stmt = select(actors.c.actor_id).where(actors.c.side == side).order_by(actors.c.actor_id)
    with store_errors("cannot read the actors"), engine.connect() as conn:
        return [str(a) for (a,) in conn.execute(stmt)]


def reference_frames(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors (actor_id, name_en, kind, side) and places (place_id, name_en) tables."""
    with store_errors("cannot read actors and places"), engine.connect() as conn:
        acts = _frame(conn.execute(select(actors.c.actor_id, actors.c.name_en, actors.c.kind, actors.c.side))
                      .mappings().all(), ("actor_id", "name_en", "kind", "side"))
        plcs = _frame(conn.execute(select(places.c.place_id, places.c.name_en)).mappings().all(),
                      ("place_id", "name_en"))
    return acts, plcs


def article_choice_rows(engine: Engine, filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """The articles the filters keep, for the pickers: CHOICE_COLUMNS, newest first, undated last
    (the first ``limit``, if given)."""
    c = articles.c
    stmt = (select(*(c[k] for k in CHOICE_COLUMNS)).where(where(filters))
            .order_by(c.published.is_(None), c.published.desc(), c.origin, c.id).limit(limit))
    with store_errors("cannot list articles"), engine.connect() as conn:
        return _frame(conn.execute(stmt).mappings().all(), CHOICE_COLUMNS)


def group_choices(engine: Engine, filters: Filters) -> dict[str, list[str]]:
    """The outlets and sides the group-mode pickers offer: the outlets of the articles the filters
    keep when they name no outlet, and the sides of the actors those articles mention when they name
    no side (a picker offers more than what it has picked)."""
    by_outlet = select(articles.c.outlet).distinct().where(where(filters.replace(outlets=())))
    kept = select(articles.c.id).where(where(filters.replace(sides=())))
    mentioned = select(mentions.c.actor_id).where(mentions.c.article_id.in_(kept))
    by_side = select(actors.c.side).distinct().where(actors.c.actor_id.in_(mentioned))
    with store_errors("cannot list outlets and sides"), engine.connect() as conn:
        outlets = sorted({str(r) for (r,) in conn.execute(by_outlet) if r})
        sides = sorted({str(r) for (r,) in conn.execute(by_side) if r})
    return {"outlet": outlets, "side": sides}
