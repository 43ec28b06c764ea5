"""Export the stored tables as CSV files (UTF-8 with BOM, so spreadsheet programs read Arabic).

One file per table; extracted rows carry the article's origin and English names beside ids. The
tables are the curated ones (README "Curation"); ``curated`` is 1 on a row an analyst corrected or added.
The big tables (articles, segments) are streamed in chunks, never held whole in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, func, select

from parley.errors import StoreError
from parley.store.db import describe, init_db, store_errors
from parley.store.schema import (
    actors,
    articles,
    candidates,
    mentions,
    places,
    positions,
    quotes,
    segments,
    venues,
)

ENCODING = "utf-8-sig"
CHUNK = 20_000

ARTICLE_COLUMNS = ["id", "origin", "outlet", "title", "url", "lang", "published", "date_precision",
                   "date_basis", "chars_raw", "chars_clean", "duplicate_of", "ingested_at"]
SEGMENT_COLUMNS = ["article_id", "origin", "idx", "start", "end", "lang", "text"]
ACTOR_COLUMNS = ["article_id", "origin", "actor_id", "name_en", "kind", "side", "mentions"]
VENUE_COLUMNS = ["article_id", "origin", "place_id", "name_en", "role", "evidence", "curated"]
POSITION_COLUMNS = ["article_id", "origin", "actor_id", "name_en", "topic", "stance", "confidence",
                    "evidence", "curated"]
QUOTE_COLUMNS = ["article_id", "origin", "speaker_id", "speaker_en", "lang", "text"]
EVENT_COLUMNS = ["event_id", "date", "date_precision", "kind", "actors_en", "place_en", "article_ids",
                 "evidence", "status", "reported_by", "first_reported"]
CANDIDATE_COLUMNS = ["article_id", "origin", "surface", "normalized", "sign", "status", "evidence"]



def _iso(value: Any) -> str:
    """YYYY-MM-DD for a date (or datetime), empty for null."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return str(value)[:10]


def _frames(conn: Connection, stmt: Select[Any], columns: list[str]) -> Iterator[pd.DataFrame]:
    """The rows of ``stmt`` as DataFrames of at most CHUNK rows (at least one, maybe empty)."""
    result = conn.execution_options(stream_results=True).execute(stmt)
    empty = True
    while True:
        rows = result.fetchmany(CHUNK)
        if not rows:
            break
        empty = False
        yield pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)
    if empty:
        yield pd.DataFrame(columns=columns, dtype=object)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula ('=HYPERLINK(...)') with '.

    Article text is untrusted and these files are meant for Excel; numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write(path: Path, frames: Iterable[pd.DataFrame]) -> Path:
    """Write frames to one CSV: the BOM and header once, then the rows of every chunk."""
    first = True
    for frame in frames:
        frame = frame.map(defuse_formula)
        if first:
            frame.to_csv(path, index=False, encoding=ENCODING)
            first = False
        else:
            frame.to_csv(path, index=False, header=False, mode="a", encoding="utf-8")
    return path


def _with_dates(frames: Iterable[pd.DataFrame], *cols: str) -> Iterator[pd.DataFrame]:
    for frame in frames:
        for col in cols:
            frame[col] = frame[col].map(_iso)
        yield frame


def export_csv(engine: Engine, out_dir: Path, events_table: pd.DataFrame) -> list[Path]:
    """Write one CSV per table into ``out_dir`` (created if needed); returns the files written.
    ``events_table`` (EVENT_COLUMNS, one row per happening) is parley.views.events_table's:
    merging reports into happenings is analysis, not a read."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {out_dir}: {exc.strerror}") from exc
    init_db(engine)
    a = articles
    written: list[Path] = []
    try:
        with store_errors(f"cannot export from {describe(engine)}"), engine.connect() as conn:
            stmt_articles = select(*(a.c[c] for c in ARTICLE_COLUMNS)).order_by(a.c.origin, a.c.id)
            written.append(_write(out_dir / "articles.csv", _with_dates(
                _frames(conn, stmt_articles, ARTICLE_COLUMNS), "published")))

            s = segments
            stmt_segments = (select(s.c.article_id, a.c.origin, s.c.idx, s.c.start, s.c.end, s.c.lang,
                                    s.c.text)
                             .join_from(s, a, s.c.article_id == a.c.id)
                             .order_by(a.c.origin, s.c.article_id, s.c.idx))
            written.append(_write(out_dir / "segments.csv",
                                  _frames(conn, stmt_segments, SEGMENT_COLUMNS)))

            m = mentions
            stmt_actors = (select(m.c.article_id, a.c.origin, m.c.actor_id, actors.c.name_en,
                                  actors.c.kind, actors.c.side, func.count().label("mentions"))
                           .join_from(m, a, m.c.article_id == a.c.id)
                           .outerjoin(actors, actors.c.actor_id == m.c.actor_id)
                           .group_by(m.c.article_id, a.c.origin, m.c.actor_id, actors.c.name_en,
                                     actors.c.kind, actors.c.side)
                           .order_by(a.c.origin, m.c.article_id, func.count().desc(), m.c.actor_id))
            written.append(_write(out_dir / "actors.csv", _frames(conn, stmt_actors, ACTOR_COLUMNS)))

            v = venues
            stmt_venues = (select(v.c.article_id, a.c.origin, v.c.place_id, places.c.name_en, v.c.role,
                                  v.c.evidence, v.c.curated)
                           .join_from(v, a, v.c.article_id == a.c.id)
                           .outerjoin(places, places.c.place_id == v.c.place_id)
                           .order_by(a.c.origin, v.c.article_id, v.c.start, v.c.id))
            written.append(_write(out_dir / "venues.csv", _frames(conn, stmt_venues, VENUE_COLUMNS)))

            p = positions
            stmt_positions = (select(p.c.article_id, a.c.origin, p.c.actor_id, actors.c.name_en,
                                     p.c.topic, p.c.stance, p.c.confidence, p.c.evidence, p.c.curated)
                              .join_from(p, a, p.c.article_id == a.c.id)
                              .outerjoin(actors, actors.c.actor_id == p.c.actor_id)
                              .order_by(a.c.origin, p.c.article_id, p.c.start, p.c.id))
            written.append(_write(out_dir / "positions.csv",
                                  _frames(conn, stmt_positions, POSITION_COLUMNS)))

            q = quotes
            stmt_quotes = (select(q.c.article_id, a.c.origin, q.c.speaker_id, actors.c.name_en,
                                  q.c.lang, q.c.text)
                           .join_from(q, a, q.c.article_id == a.c.id)
                           .outerjoin(actors, actors.c.actor_id == q.c.speaker_id)
                           .order_by(a.c.origin, q.c.article_id, q.c.start, q.c.id))
            written.append(_write(out_dir / "quotes.csv", _frames(conn, stmt_quotes, QUOTE_COLUMNS)))

            events_frame = events_table.reindex(columns=EVENT_COLUMNS).astype(object)
            written.append(_write(out_dir / "events.csv",
                                  _with_dates([events_frame], "date", "first_reported")))

            c = candidates
            stmt_candidates = (select(c.c.article_id, a.c.origin, c.c.surface, c.c.normalized, c.c.sign,
                                      c.c.status, c.c.evidence)
                               .join_from(c, a, c.c.article_id == a.c.id)
                               .order_by(a.c.origin, c.c.article_id, c.c.start, c.c.id))
            written.append(_write(out_dir / "candidates.csv",
                                  _frames(conn, stmt_candidates, CANDIDATE_COLUMNS)))
    except OSError as exc:
        raise StoreError(f"cannot write into {out_dir}: {exc.strerror or exc}") from exc
    return written
