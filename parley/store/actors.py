"""Reads of actors and places: the actors table, one actor's profile, and the reference tables
(every actor and place with its names)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, and_, func, select

from parley.filters import Filters
from parley.store import summaries
from parley.store.db import store_errors
from parley.store.filters import actor_side_conditions, summary_conditions, where
from parley.store.reads import frame_of, read_frame, read_link, read_rows
from parley.store.schema import (
    actors,
    articles,
    mentions,
    places,
    positions,
    quotes,
    segments,
    summary_actors,
)

ACTOR_COLUMNS = ("actor_id", "name_en", "name_ar", "name_fa", "kind", "side", "role", "mentions", "articles")


PROFILE_POSITION_COLUMNS = ("topic", "stance", "polarity", "condition", "cues", "confidence", "evidence",
                            "lang", "article_id", "title", "published", "link")


QUOTE_COLUMNS = ("lang", "text", "cue", "article_id", "title", "published", "link")


PROFILE_ARTICLE_COLUMNS = ("article_id", "title", "outlet", "lang", "published", "mentions", "link")


def actors_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Actors mentioned in the filtered articles: mentions, distinct articles, side, role.

    Within the filtered articles (with ``actor``: those mentioning the actor, so the table lists
    who appears around them), ``side`` also keeps only actors of those sides.
    """
    sa = summary_actors.c
    if summary_conditions(filters, sa.actor_id, sa.actor_id) == []:  # no filter: the summary counts
        with store_errors("cannot list actors"), engine.connect() as conn:
            if summaries.usable(conn):
                stmt = (select(actors.c.actor_id, actors.c.name_en, actors.c.name_ar, actors.c.name_fa,
                               actors.c.kind, actors.c.side, actors.c.role, sa.mentions, sa.articles)
                        .select_from(summary_actors.join(actors, actors.c.actor_id == sa.actor_id))
                        .where(sa.mentions > 0)
                        .order_by(sa.mentions.desc(), actors.c.name_en))
                return frame_of(conn.execute(stmt).mappings().all(), ACTOR_COLUMNS)
    stmt = (select(actors.c.actor_id, actors.c.name_en, actors.c.name_ar, actors.c.name_fa, actors.c.kind,
                   actors.c.side, actors.c.role, func.count().label("mentions"),
                   func.count(func.distinct(mentions.c.article_id)).label("articles"))
            .select_from(mentions.join(actors, actors.c.actor_id == mentions.c.actor_id))
            # the filtered ids first, then their mentions (by the article index): joining every
            # mention to its article and testing the filter per mention was 4x slower at 100k
            .where(mentions.c.article_id.in_(select(articles.c.id).where(where(filters))),
                   *actor_side_conditions(filters))
            .group_by(actors.c.actor_id, actors.c.name_en, actors.c.name_ar, actors.c.name_fa, actors.c.kind,
                      actors.c.side, actors.c.role)
            .order_by(func.count().desc(), actors.c.name_en))
    return frame_of(read_rows(engine, stmt, "cannot list actors"), ACTOR_COLUMNS)


@dataclass(frozen=True)
class ActorProfile:
    """One actor: the gazetteer row, positions, quotes and the articles that mention them."""

    actor: dict[str, Any]
    positions: pd.DataFrame  # PROFILE_POSITION_COLUMNS
    quotes: pd.DataFrame  # QUOTE_COLUMNS
    articles: pd.DataFrame  # PROFILE_ARTICLE_COLUMNS
    # How many positions, quotes and articles there are in all (the frames may hold the first few).
    totals: tuple[int, int, int] = (0, 0, 0)


def actor_profile(engine: Engine, filters: Filters, actor_id: str,
                  limit: int | None = None) -> ActorProfile | None:
    """The profile of ``actor_id`` within the filtered articles, or None if the actor is unknown;
    with ``limit``, each list holds its first ``limit`` rows (cut in SQL) and ``totals`` counts all."""
    art = where(filters)
    with store_errors(f"cannot read actor {actor_id}"), engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.actor_id == actor_id)).mappings().first()
        if row is None:
            return None
        pos_stmt = (
            select(positions.c.topic, positions.c.stance, positions.c.polarity, positions.c.condition,
                   positions.c.cues, positions.c.confidence, positions.c.evidence,
                   func.coalesce(segments.c.lang, articles.c.lang).label("lang"),
                   articles.c.id.label("article_id"), articles.c.title, articles.c.published)
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(segments, and_(segments.c.article_id == positions.c.article_id,
                                                   segments.c.idx == positions.c.segment_idx)))
            .where(positions.c.actor_id == actor_id, art,
                   *([positions.c.topic.in_(filters.topics)] if filters.topics else []))
            .order_by(positions.c.topic, positions.c.confidence.desc()))
        q_stmt = (select(quotes.c.lang, quotes.c.text, quotes.c.cue, articles.c.id.label("article_id"),
                         articles.c.title, articles.c.published)
                  .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
                  .where(quotes.c.speaker_id == actor_id, art)
                  .order_by(articles.c.published, quotes.c.start))
        a_stmt = (select(articles.c.id.label("article_id"), articles.c.title, articles.c.outlet,
                         articles.c.lang, articles.c.published, func.count().label("mentions"))
                  .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
                  .where(mentions.c.actor_id == actor_id, art)
                  .group_by(articles.c.id, articles.c.title, articles.c.outlet, articles.c.lang,
                            articles.c.published)
                  .order_by(func.count().desc(), articles.c.id))
        totals = []
        rows_of = []
        for stmt in (pos_stmt, q_stmt, a_stmt):
            if limit is None:
                rows_of.append(conn.execute(stmt).mappings().all())
                totals.append(len(rows_of[-1]))
            else:
                rows_of.append(conn.execute(stmt.limit(limit)).mappings().all())
                counted = select(func.count()).select_from(stmt.order_by(None).subquery())
                totals.append(int(conn.execute(counted).scalar() or 0))
        pos, qs, arts = rows_of

    def linked(rows: Sequence[Any]) -> list[dict[str, Any]]:
        return [dict(r, link=read_link(r["article_id"])) for r in rows]

    return ActorProfile(dict(row), frame_of(linked(pos), PROFILE_POSITION_COLUMNS),
                        frame_of(linked(qs), QUOTE_COLUMNS), frame_of(linked(arts), PROFILE_ARTICLE_COLUMNS),
                        (totals[0], totals[1], totals[2]))


REFERENCE_ACTOR_COLUMNS = ("actor_id", "name_en", "name_ar", "name_fa", "kind", "side")


PLACE_COLUMNS = ("place_id", "name_en", "name_ar", "name_fa")


def load_actors(engine: Engine) -> pd.DataFrame:
    """Every canonical actor: actor_id, names (en/ar/fa), kind, side."""
    stmt = select(*(actors.c[c] for c in REFERENCE_ACTOR_COLUMNS)).order_by(actors.c.actor_id)
    return read_frame(engine, stmt, REFERENCE_ACTOR_COLUMNS, "cannot read the actors")


def load_places(engine: Engine) -> pd.DataFrame:
    """Every canonical place: place_id and names (en/ar/fa)."""
    stmt = select(*(places.c[c] for c in PLACE_COLUMNS)).order_by(places.c.place_id)
    return read_frame(engine, stmt, PLACE_COLUMNS, "cannot read the places")
