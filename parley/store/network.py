"""Reads for the actor network: the filtered articles' mentions (dated by their article) and
their typed links; or, when the filters allow, a window's counts kept at ingest."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, and_, select

from parley.filters import Filters
from parley.store import edge_summaries, summaries
from parley.store.db import store_errors
from parley.store.filters import conditions, where
from parley.store.reads import read_frame
from parley.store.schema import (
    articles,
    links,
    mentions,
)

DATED_MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "date")


LINK_COLUMNS = ("article_id", "segment_idx", "types")


def load_mentions(engine: Engine, f: Filters) -> pd.DataFrame:
    """Actor mentions in the filtered articles, with the article's publication date as ``date``.

    Two reads, not a join: the filtered articles' dates (one row per article), and the mentions
    whose article is among them (an IN subquery). Joining every mention to its article costs
    two index lookups per mention, twice the time on a hundred thousand mentions.
    """
    cond = where(f)
    dates = read_frame(engine, select(articles.c.id, articles.c.published).where(cond), ("id", "published"),
                  "cannot read the mentions")
    stmt = (select(mentions.c.article_id, mentions.c.segment_idx, mentions.c.actor_id)
            .where(mentions.c.article_id.in_(select(articles.c.id).where(cond)),
                   mentions.c.via != "demonym"))  # 'الضربات الأمريكية' names no one to tie to
    frame = read_frame(engine, stmt, DATED_MENTION_COLUMNS[:3], "cannot read the mentions")
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
    return read_frame(engine, stmt, LINK_COLUMNS, "cannot read the links")


def network_counts_allowed(f: Filters) -> bool:
    """Whether the network of ``f`` can come from the edge summaries: filters that keep every
    original article in a date range (the window), nothing narrower."""
    return not (f.langs or f.outlets or f.sides or f.actors or f.topics or f.articles)


def load_window_counts(engine: Engine, window: edge_summaries.Window | None
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    """The window's counts kept at ingest (edge_summaries: nodes, pairs, events), or None when
    the summaries do not account for the stored rows (then read the rows themselves)."""
    with store_errors("cannot read the network's counts"), engine.connect() as conn:
        if not summaries.usable(conn):
            return None
        return (edge_summaries.window_nodes(conn, window), edge_summaries.window_pairs(conn, window),
                edge_summaries.window_events(conn, window))
