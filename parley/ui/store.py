"""The store as pages see it: one cached engine, the store version, and cached read queries.

Query results are cached with st.cache_data keyed by (database URL, store version, filters,
arguments). Every write bumps the store version, so a new ingest shows on the next rerun
without a restart, and an AppTest pointing PARLEY_DB_URL at another file gets its own cache.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from parley.filters import Filters, KnownIds
from parley.render import bars
from parley.store import actors as store_actors
from parley.store import articles as store_articles
from parley.store import audit as store_audit
from parley.store import candidates as store_candidates
from parley.store import events as store_events
from parley.store import positions as store_positions
from parley.store.db import count_articles, db_url, init_db, make_engine, store_version
from parley.ui import audit, auth
from parley.ui.boot import use_router

_TTL = 3600  # seconds; the version key already invalidates on writes


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    init_db(engine)
    return engine


def engine_for(db: str) -> Engine:
    """The engine of database URL ``db`` (cached): for cached functions keyed by the URL."""
    return _engine_for(db)


def url() -> str:
    """The database URL the app uses (PARLEY_DB_URL, else the SQLite file under data/)."""
    return db_url()


def engine() -> Engine:
    """The app's engine for PARLEY_DB_URL, created and initialised once per URL."""
    use_router()  # every page reads the store, so every page passes here first
    return _engine_for(url())


def version() -> int:
    """The store's write counter, read fresh on every run (cheap: one row)."""
    with engine().connect() as conn:
        return store_version(conn)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=16)
def _article_count(db: str, ver: int) -> int:
    return count_articles(_engine_for(db))


def article_count() -> int:
    """How many articles are stored, counted once per store version (every run of every page asks:
    a count over 100,000 rows each time)."""
    return _article_count(url(), version())


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=16)
def _known_ids(db: str, ver: int) -> KnownIds:
    return store_articles.known_ids(_engine_for(db))


def known_ids() -> KnownIds:
    """The ids URL parameters may name, cached per store version."""
    return _known_ids(url(), version())


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=256)
def _query(db: str, ver: int, name: str, filters: Filters, args: tuple[Any, ...]) -> Any:
    fn = _QUERIES[name]
    return fn(_engine_for(db), filters, *args)


_QUERIES: dict[str, Any] = {
    "corpus_counts": store_articles.corpus_counts,
    "articles_table": store_articles.articles_table,
    "count_matching": store_articles.count_matching,
    "actors_table": store_actors.actors_table,
    "actor_profile": store_actors.actor_profile,
    "positions_grid": store_positions.positions_grid,
    "position_evidence": store_positions.position_evidence,
    "candidates_table": store_candidates.candidates_table,
    "count_candidates": store_candidates.count_candidates,
}


def _cached(name: str, filters: Filters, *args: Any) -> Any:
    return _query(url(), version(), name, filters, args)


def corpus_counts(filters: Filters, by: store_articles.CountBy) -> pd.DataFrame:
    """Cached parley.store.articles.corpus_counts."""
    out: pd.DataFrame = _cached("corpus_counts", filters, by)
    return out


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=32)
def _corpus_bars(db: str, ver: int, filters: Filters, by: store_articles.CountBy, title: str) -> str:
    counts = _query(db, ver, "corpus_counts", filters, (by,))
    labels, n = [str(v) for v in counts[by].tolist()], [int(v) for v in counts["articles"].tolist()]
    return bars.day_columns(labels, n, title) if by == "published" else bars.row_bars(labels, n, title)


def corpus_bars(filters: Filters, by: store_articles.CountBy, title: str) -> str:
    """The overview's count chart of corpus_counts as HTML bars (render/bars.py), built once per
    store version and filters."""
    return _corpus_bars(url(), version(), filters, by, title)


def articles_table(filters: Filters, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Cached parley.store.articles.articles_table (one page of it, with ``limit``)."""
    out: pd.DataFrame = _cached("articles_table", filters, limit, offset)
    return out


def count_matching(filters: Filters) -> int:
    """Cached parley.store.articles.count_matching: how many articles the filters keep."""
    out: int = _cached("count_matching", filters)
    return out


def actors_table(filters: Filters) -> pd.DataFrame:
    """Cached parley.store.actors.actors_table."""
    out: pd.DataFrame = _cached("actors_table", filters)
    return out


def actor_profile(filters: Filters, actor_id: str,
                  limit: int | None = None) -> store_actors.ActorProfile | None:
    """Cached parley.store.actors.actor_profile (each list cut to ``limit`` rows, if given)."""
    out: store_actors.ActorProfile | None = _cached("actor_profile", filters, actor_id, limit)
    return out


def positions_grid(filters: Filters) -> pd.DataFrame:
    """Cached parley.store.positions.positions_grid."""
    out: pd.DataFrame = _cached("positions_grid", filters)
    return out


def position_evidence(filters: Filters, actor_id: str, topic: str) -> pd.DataFrame:
    """Cached parley.store.positions.position_evidence."""
    out: pd.DataFrame = _cached("position_evidence", filters, actor_id, topic)
    return out


def candidates_table(filters: Filters, status: str | None = None, limit: int | None = None,
                     offset: int = 0) -> pd.DataFrame:
    """Cached parley.store.candidates.candidates_table (one page of it, with ``limit``)."""
    out: pd.DataFrame = _cached("candidates_table", filters, status, limit, offset)
    return out


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=64)
def _article_view(db: str, ver: int, article_id: str) -> store_articles.ArticleView | None:
    return store_articles.article_view(_engine_for(db), article_id)


def article_view(article_id: str) -> store_articles.ArticleView | None:
    """Cached parley.store.articles.article_view."""
    return _article_view(url(), version(), article_id)


def count_candidates(filters: Filters, status: str | None = None) -> int:
    """Cached parley.store.candidates.count_candidates."""
    out: int = _cached("count_candidates", filters, status)
    return out


def set_candidate_status(candidate_id: int, status: str) -> None:
    """Write a candidate's review status (analysts only; logged; the version bump refreshes every
    cache)."""
    access = auth.require_analyst("review candidates")
    from parley.ui.curation import who

    store_candidates.set_candidate_status(engine(), candidate_id, status, who(access))
    audit.record(engine(), access, "candidate_status", [candidate_id], status)


# --- timeline and network pages: cached views, keyed like the queries above ---
# The views hold a graph and frames that pages only read: st.cache_resource keeps them
# without the pickling round trip st.cache_data would pay on every run (a 500-actor graph).
import plotly.graph_objects as go  # noqa: E402

from parley import views  # noqa: E402
from parley.analyze import network as _network  # noqa: E402
from parley.analyze import timeline as _timeline  # noqa: E402
from parley.render import figures as _figures  # noqa: E402

TIMELINE_CAP = 1500  # event reports drawn at most: the newest period holding that many (a note says so)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=8)
def _timeline_view(db: str, ver: int, filters: Filters, by: _timeline.RowMode,
                   happened_only: bool, cap: int) -> _timeline.TimelineView:
    return views.timeline_view(_engine_for(db), filters, by, happened_only, cap=cap)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=8)
def _network_base(db: str, ver: int, filters: Filters, days: int | None,
                  level: _network.Level) -> _network.BaseNetwork:
    return views.base_network(_engine_for(db), filters, days, level)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=16)
def _network_view(db: str, ver: int, filters: Filters, days: int | None,
                  level: _network.Level) -> _network.NetworkView:
    base = _network_base(db, ver, filters, days, level)
    return views.network_view(_engine_for(db), filters, days, level, base=base)


def timeline_view(filters: Filters, by: _timeline.RowMode,
                  happened_only: bool = False) -> _timeline.TimelineView:
    """Cached parley.views.timeline_view (shared, read-only)."""
    return _timeline_view(url(), version(), filters, by, happened_only, TIMELINE_CAP)


def network_view(filters: Filters, days: int | None,
                 level: _network.Level = "actors") -> _network.NetworkView:
    """Cached parley.views.network_view: graph, metrics, layout (shared, read-only)."""
    return _network_view(url(), version(), filters, days, level)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=8)
def _timeline_chart(db: str, ver: int, filters: Filters, by: _timeline.RowMode,
                    happened_only: bool, cap: int) -> go.Figure:
    view = _timeline_view(db, ver, filters, by, happened_only, cap)
    return _figures.timeline_figure(view.rows, view.articles, view.venues)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=16)
def _network_chart(db: str, ver: int, filters: Filters, days: int | None, level: _network.Level,
                   label_top: int) -> go.Figure:
    view = _network_view(db, ver, filters, days, level)
    return _figures.network_figure(view.graph, view.positions, label_top=label_top, highlight=view.focus)


def timeline_chart(filters: Filters, by: _timeline.RowMode, happened_only: bool = False) -> go.Figure:
    """The timeline figure of timeline_view, built once per view (st.plotly_chart copies it)."""
    return _timeline_chart(url(), version(), filters, by, happened_only, TIMELINE_CAP)


def network_chart(filters: Filters, days: int | None, level: _network.Level = "actors",
                  label_top: int = 20) -> go.Figure:
    """The network figure of network_view, built once per view (st.plotly_chart copies it)."""
    return _network_chart(url(), version(), filters, days, level, label_top)


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=256)
def _event_evidence(db: str, ver: int, event_id: str) -> pd.DataFrame:
    return store_events.load_event_evidence(_engine_for(db), event_id)


def event_evidence(event_id: str) -> pd.DataFrame:
    """Cached reports of one event with their evidence sentences."""
    return _event_evidence(url(), version(), event_id)


def happening_evidence(member_ids: str) -> pd.DataFrame:
    """The reports of every event id merged into one happening (';'-separated), in order."""
    frames = [_event_evidence(url(), version(), m) for m in dict.fromkeys(member_ids.split(";")) if m]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else _event_evidence(url(), version(), "")


# --- compare page: cached sources, pickers and names, keyed like the queries above ---
# Sources hold frames the page only reads: st.cache_resource, as for the timeline views.
from collections.abc import Sequence  # noqa: E402

from parley.analyze.compare_model import Source as _Source  # noqa: E402
from parley.store import compare_queries as _cq  # noqa: E402

_QUERIES.update({
    "compare_article_choices": views.compare_article_choices,
    "compare_group_choices": _cq.group_choices,
})


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=32)
def _compare_article_sources(db: str, ver: int, filters: Filters,
                             ids: tuple[str, ...]) -> tuple[tuple[_Source, ...], tuple[str, ...]]:
    sources, missing = views.compare_article_sources(_engine_for(db), ids, filters)
    return tuple(sources), tuple(missing)


@st.cache_resource(show_spinner=False, ttl=_TTL, max_entries=16)
def _compare_group_sources(db: str, ver: int, filters: Filters, by: _cq.GroupBy,
                           values: tuple[str, ...]) -> tuple[_Source, ...]:
    return tuple(views.compare_group_sources(_engine_for(db), by, values, filters))


@st.cache_data(show_spinner=False, ttl=_TTL, max_entries=16)
def _compare_reference_frames(db: str, ver: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _cq.reference_frames(_engine_for(db))


def compare_article_sources(filters: Filters, ids: Sequence[str]) -> tuple[list[_Source], list[str]]:
    """Cached parley.views.compare_article_sources: the sources of the ids the filters keep, and the
    ids left out (shared, read-only)."""
    sources, missing = _compare_article_sources(url(), version(), filters, tuple(ids))
    return list(sources), list(missing)


def compare_group_sources(filters: Filters, by: _cq.GroupBy, values: Sequence[str]) -> list[_Source]:
    """Cached parley.views.compare_group_sources: one source per outlet or side (shared, read-only)."""
    return list(_compare_group_sources(url(), version(), filters, by, tuple(values)))


def compare_article_choices(filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """Cached parley.views.compare_article_choices: the articles the pickers offer, labelled."""
    out: pd.DataFrame = _cached("compare_article_choices", filters, limit)
    return out


def compare_group_choices(filters: Filters) -> dict[str, list[str]]:
    """Cached compare_queries.group_choices: the outlets and sides the group pickers offer."""
    out: dict[str, list[str]] = _cached("compare_group_choices", filters)
    return out


def compare_reference_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cached compare_queries.reference_frames: the actors and places tables (names, kinds, sides)."""
    return _compare_reference_frames(url(), version())


# --- library and review: ingest uploads, candidate statuses ---------------------------------
from contextlib import suppress  # noqa: E402

from parley.errors import ParleyError  # noqa: E402
from parley.ingest import IngestReport, Progress, ingest_uploads, safe_name  # noqa: E402
from parley.store.candidates import CANDIDATE_STATUSES  # noqa: E402

__all__ = ["CANDIDATE_STATUSES", "IngestReport"]


def ingest_files(files: list[tuple[str, bytes]], progress: Progress | None = None) -> IngestReport:
    """Ingest uploaded (name, bytes) files into the app's store (analysts only; logged with the ids
    of the articles stored); the version bump refreshes pages."""
    access = auth.require_analyst("upload articles")
    started = store_audit.now_utc()
    try:
        report = ingest_uploads(files, engine(), progress=progress)
    except Exception as exc:  # a batch that fails part-way is logged with what it stored
        with suppress(ParleyError):  # the batch's own error is the one to show
            origins = [safe_name(n) for n, _ in files]
            stored_ids = store_audit.stored_ids_of_origins(engine(), origins, started)
            audit.record(engine(), access, "upload", stored_ids,
                         f"{len(files)} file(s): failed after storing {len(stored_ids)}: {exc}")
        raise
    stored = [*report.ingested, *(origin for origin, _ in report.duplicates)]
    detail = (f"{len(files)} file(s): ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
              f"already stored {len(report.already)}, rejected {len(report.rejected)}")
    ids = store_audit.stored_ids_of_origins(engine(), stored, started)
    audit.record(engine(), access, "upload", ids, detail)
    return report


def audit_log(limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """The newest writes of the audit log, most recent first (read fresh)."""
    return audit.recent(engine(), limit, offset)


def audit_count() -> int:
    """How many writes the audit log holds."""
    return audit.count(engine())
