"""Reads of positions: the actor × topic grid and one cell's evidence sentences."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, func, select

from parley.filters import Filters
from parley.store.filters import actor_side_conditions, where
from parley.store.reads import frame_of, read_link, read_rows
from parley.store.schema import (
    actors,
    articles,
    positions,
    segments,
)

GRID_COLUMNS = ("actor_id", "name_en", "side", "topic", "stances", "polarity", "positions", "curated")


EVIDENCE_COLUMNS = ("article_id", "segment_idx", "stance", "cues", "confidence", "condition", "evidence",
                    "lang", "title", "outlet", "published", "link", "id", "curated", "correction_ids")


def positions_grid(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Actor × topic cells: the stances taken (most frequent first), mean polarity, count."""
    art = where(filters)
    cond: list[ColumnElement[bool]] = [art, *actor_side_conditions(filters)]
    if filters.actors:
        cond.append(positions.c.actor_id.in_(filters.actors))
    if filters.topics:
        cond.append(positions.c.topic.in_(filters.topics))
    name = func.coalesce(actors.c.name_en, positions.c.actor_id).label("name_en")
    stmt = (select(positions.c.actor_id, name,
                   func.coalesce(actors.c.side, "other").label("side"), positions.c.topic, positions.c.stance,
                   func.count().label("n"), func.avg(positions.c.polarity).label("polarity"),
                   func.max(positions.c.curated).label("curated"))
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(actors, actors.c.actor_id == positions.c.actor_id))
            .where(*cond)
            .group_by(positions.c.actor_id, actors.c.name_en, actors.c.side, positions.c.topic,
                      positions.c.stance))
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for r in read_rows(engine, stmt, "cannot read positions"):
        cell = cells.setdefault((r["actor_id"], r["topic"]), {
            "actor_id": r["actor_id"], "name_en": r["name_en"], "side": r["side"], "topic": r["topic"],
            "_stances": [], "_pol": 0.0, "positions": 0, "curated": False})
        cell["_stances"].append((-int(r["n"]), r["stance"]))
        cell["_pol"] += float(r["polarity"] or 0) * int(r["n"])
        cell["positions"] += int(r["n"])
        cell["curated"] = cell["curated"] or bool(r["curated"])
    out = []
    for cell in sorted(cells.values(), key=lambda c: (-c["positions"], c["name_en"], c["topic"])):
        out.append({**cell, "stances": ", ".join(s for _, s in sorted(cell["_stances"])),
                    "polarity": round(cell["_pol"] / cell["positions"], 2)})
    return frame_of(out, GRID_COLUMNS)


def position_evidence(engine: Engine, filters: Filters, actor_id: str, topic: str) -> pd.DataFrame:
    """The evidence sentences of one actor × topic cell, in the original language, best first."""
    art = where(filters)
    stmt = (select(positions.c.article_id, positions.c.segment_idx, positions.c.stance, positions.c.cues,
                   positions.c.confidence, positions.c.condition, positions.c.evidence,
                   func.coalesce(segments.c.lang, articles.c.lang).label("lang"),
                   articles.c.title, articles.c.outlet, articles.c.published, positions.c.id,
                   positions.c.curated, positions.c.correction_ids)
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(segments, and_(segments.c.article_id == positions.c.article_id,
                                                   segments.c.idx == positions.c.segment_idx)))
            .where(positions.c.actor_id == actor_id, positions.c.topic == topic, art)
            .order_by(positions.c.confidence.desc(), articles.c.published, positions.c.start))
    rows = [dict(r, link=read_link(r["article_id"])) for r in read_rows(engine, stmt, "cannot read evidence")]
    # object columns keep a missing outlet or title None (a string column makes it NaN, shown 'nan')
    return frame_of(rows, EVIDENCE_COLUMNS).astype(object).replace({float("nan"): None})
