"""The views pages and briefings draw, read from the store and shaped by parley.analyze: the one
place where reads (parley.store) meet analysis. No Streamlit: parley.ui.store caches these.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Engine

from parley.analyze import network as net
from parley.analyze import timeline as tl
from parley.filters import Filters
from parley.store import timeline_queries as q


def timeline_view(engine: Engine, filters: Filters, by: tl.RowMode = "side",
                  happened_only: bool = False) -> tl.TimelineView:
    """The filtered events, articles and venues, shaped for the timeline page."""
    reports = q.load_event_reports(engine, filters)
    venue_rows = q.load_venues(engine, filters)
    ment, segs = q.load_venue_context(engine, venue_rows)
    only = filters.sides if by == "side" else filters.actors
    return tl.assemble_view(reports, q.load_actors(engine), q.load_places(engine), venue_rows, ment, segs,
                            _published_in_range(q.load_articles(engine, filters), filters), by=by, only=only,
                            happened_only=happened_only)


def _published_in_range(arts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The articles published inside the filters' dates: the publication track draws the period
    (an article kept for an event it dates in the range may be published after it)."""
    keep = pd.Series(True, index=arts.index)
    if filters.date_from is not None:
        keep &= arts["published"] >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        keep &= arts["published"] <= pd.Timestamp(filters.date_to)
    return arts[keep].reset_index(drop=True)


def base_network(engine: Engine, filters: Filters, days: int | None = None, level: net.Level = "actors",
                 country_of: Mapping[str, str] | None = None) -> net.BaseNetwork:
    """The network of the filtered articles in the window (the filters' dates, narrowed to the last
    ``days`` days), kept to the filters' sides; not yet focused on their actors."""
    window = net.window_for(filters, q.date_bounds(engine)[1], days)
    # the window lies inside the filters' dates, so the reads apply it (build_actor_graph applies
    # it again, which then keeps every row); the network reads every event of its articles
    scope = filters.replace(date_from=window[0], date_to=window[1])
    return net.base_network(q.load_mentions(engine, scope), q.load_event_reports(engine, scope, naming=False),
                            q.load_links(engine, scope, typed_only=True), q.load_actors(engine), window,
                            level=level, sides=filters.sides, country_of=country_of)


def network_view(engine: Engine, filters: Filters, days: int | None = None, level: net.Level = "actors",
                 country_of: Mapping[str, str] | None = None, *,
                 base: net.BaseNetwork | None = None) -> net.NetworkView:
    """The network of ``filters`` focused on their actors and neighbours, with its layout.
    ``base``: base_network of the same arguments when the caller has it cached."""
    if base is None:
        base = base_network(engine, filters, days, level, country_of)
    return net.network_view(base, filters.actors, level, country_of)
