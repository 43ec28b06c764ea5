"""Candidate names the gazetteer lacks: the review table and its status writes."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, func, select

from parley.errors import StoreError
from parley.filters import Filters
from parley.store import curation
from parley.store.db import store_errors
from parley.store.filters import where
from parley.store.reads import frame_of, read_link, read_rows
from parley.store.schema import (
    articles,
    candidates,
    segments,
)

CANDIDATE_COLUMNS = ("id", "surface", "normalized", "sign", "status", "evidence", "lang", "article_id",
                     "title", "link")


CANDIDATE_STATUSES = ("new", "accepted", "rejected")


def candidates_table(engine: Engine, filters: Filters, status: str | None = None,
                     limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Candidate names awaiting review (or of ``status``), with their evidence sentence; with
    ``limit``, that many from ``offset`` on (cut in SQL)."""
    cond: list[ColumnElement[bool]] = [where(filters)]
    if status is not None:
        cond.append(candidates.c.status == status)
    stmt = (select(candidates.c.id, candidates.c.surface, candidates.c.normalized, candidates.c.sign,
                   candidates.c.status, candidates.c.evidence,
                   func.coalesce(segments.c.lang, articles.c.lang).label("lang"),
                   articles.c.id.label("article_id"), articles.c.title)
            .select_from(candidates.join(articles, articles.c.id == candidates.c.article_id)
                         .outerjoin(segments, and_(segments.c.article_id == candidates.c.article_id,
                                                   segments.c.idx == candidates.c.segment_idx)))
            .where(*cond)
            .order_by(candidates.c.normalized, candidates.c.id))
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = [dict(r, link=read_link(r["article_id"]))
            for r in read_rows(engine, stmt, "cannot list candidates")]
    return frame_of(rows, CANDIDATE_COLUMNS)


def count_candidates(engine: Engine, filters: Filters, status: str | None = None) -> int:
    """How many candidates candidates_table lists in all."""
    cond: list[ColumnElement[bool]] = [where(filters)]
    if status is not None:
        cond.append(candidates.c.status == status)
    joined = candidates.join(articles, articles.c.id == candidates.c.article_id)
    stmt = select(func.count()).select_from(joined).where(*cond)
    with store_errors("cannot count candidates"), engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def set_candidate_status(engine: Engine, candidate_id: int, status: str, who: str = "local") -> int:
    """Mark a candidate new, accepted or rejected: a correction (kept through re-extraction, in
    History); returns its id."""
    if status not in CANDIDATE_STATUSES:
        raise StoreError(f"candidate status must be one of {', '.join(CANDIDATE_STATUSES)}, not {status!r}")
    target = curation.target_of(engine, "candidates", int(candidate_id))
    return curation.record(engine, who, "candidate_status", target.key, {"status": status},
                           before={"status": target.current["status"]}, span=target.span)
