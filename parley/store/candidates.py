"""Candidate names the gazetteer lacks: the review table and its status writes."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, func, select, update

from parley.errors import StoreError
from parley.filters import Filters
from parley.store.db import bump_version, store_errors
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


def candidates_table(engine: Engine, filters: Filters, status: str | None = None) -> pd.DataFrame:
    """Candidate names awaiting review (or of ``status``), with their evidence sentence."""
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
    rows = [dict(r, link=read_link(r["article_id"]))
            for r in read_rows(engine, stmt, "cannot list candidates")]
    return frame_of(rows, CANDIDATE_COLUMNS)


def set_candidate_status(engine: Engine, candidate_id: int, status: str) -> None:
    """Mark a candidate new, accepted or rejected (bumps the store version so pages refresh)."""
    if status not in CANDIDATE_STATUSES:
        raise StoreError(f"candidate status must be one of {', '.join(CANDIDATE_STATUSES)}, not {status!r}")
    with store_errors(f"cannot update candidate {candidate_id}"), engine.begin() as conn:
        stmt = update(candidates).where(candidates.c.id == int(candidate_id)).values(status=status)
        res = conn.execute(stmt)
        if res.rowcount == 0:
            raise StoreError(f"no candidate with id {candidate_id}")
        bump_version(conn)
