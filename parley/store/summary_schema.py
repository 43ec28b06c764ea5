"""The network's summary tables (parley/store/edge_summaries.py), on the store's metadata."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from parley.store.schema import metadata

# Edge weights by day (parley/store/edge_summaries.py): the actor network's links counted at ingest.
# Per day ('' undated), pair of actors (actor_a < actor_b) and the context's stored link types, how
# many contexts (article, sentence) name both; contexts whose actors carry several dates, or whose
# event date the closing pass may change, kept per context with the span of each pair's dates.
summary_edge_weights = Table(
    "summary_edge_weights",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("actor_a", String(64), primary_key=True),
    Column("actor_b", String(64), primary_key=True),
    Column("types", Text, primary_key=True),
    Column("weight", Integer, nullable=False),
)

summary_edge_totals = Table(  # the same over every date (the whole network's window)
    "summary_edge_totals",
    metadata,
    Column("actor_a", String(64), primary_key=True),
    Column("actor_b", String(64), primary_key=True),
    Column("types", Text, primary_key=True),
    Column("weight", Integer, nullable=False),
)

summary_edge_spans = Table(
    "summary_edge_spans",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("segment_idx", Integer, primary_key=True),
    Column("actor_a", String(64), primary_key=True),
    Column("actor_b", String(64), primary_key=True),
    Column("lo", String(10), primary_key=True),  # '' when either date is unknown
    Column("hi", String(10), primary_key=True),
    Column("types", Text, nullable=False),
    Index("ix_summary_edge_spans_lo", "lo"),
)

summary_actor_days = Table(  # mentions per publication day and actor (demonyms left out)
    "summary_actor_days",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("actor_id", String(64), primary_key=True),
    Column("mentions", Integer, nullable=False),
)

summary_event_dates = Table(  # the dates the spans counted for events whose date may change
    "summary_event_dates",
    metadata,
    Column("event_row", Integer, primary_key=True, autoincrement=False),
    Column("article_id", String(32), nullable=False),
    Column("day", String(10), nullable=False),
    Index("ix_summary_event_dates_article", "article_id"),
)
