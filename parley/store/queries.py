"""Read queries for the pages: pure functions ``(engine, filters, ...) -> pandas.DataFrame``.

Column names are defined once here (the ``*_COLUMNS`` tuples) and every frame has exactly
those columns, in that order, even when empty. Filters apply in SQL: the articles through
parley.store.filters.where (the one filter), and inside them ``side`` keeps actor rows of those
sides, ``actor`` and ``topic`` keep the position rows of those actors and topics.

No Streamlit here: parley.ui.store wraps these in caches keyed by filters and store version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, Select, and_, func, select, update
from sqlalchemy.sql.elements import ColumnElement

from parley.errors import StoreError
from parley.filters import Filters, KnownIds, app_href, load_topic_ids
from parley.store.db import bump_version, store_errors
from parley.store.filters import where
from parley.store.schema import (
    actors,
    articles,
    briefings,
    candidates,
    mentions,
    positions,
    quotes,
    segments,
)

UNKNOWN_OUTLET = "(unknown outlet)"
UNDATED = "undated"

COUNT_COLUMNS: dict[str, tuple[str, ...]] = {
    "lang": ("lang", "articles"),
    "outlet": ("outlet", "articles"),
    "published": ("published", "articles"),
}
ARTICLE_COLUMNS = ("id", "title", "outlet", "lang", "published", "date_precision", "date_basis",
                   "origin", "chars_clean", "duplicate_of", "mentions", "link")
SEGMENT_COLUMNS = ("idx", "start", "end", "lang", "text")
MENTION_COLUMNS = ("segment_idx", "actor_id", "name_en", "side", "start", "end", "surface")
ACTOR_COLUMNS = ("actor_id", "name_en", "name_ar", "name_fa", "kind", "side", "role", "mentions", "articles")
PROFILE_POSITION_COLUMNS = ("topic", "stance", "polarity", "condition", "cues", "confidence", "evidence",
                            "lang", "article_id", "title", "published", "link")
QUOTE_COLUMNS = ("lang", "text", "cue", "article_id", "title", "published", "link")
PROFILE_ARTICLE_COLUMNS = ("article_id", "title", "outlet", "lang", "published", "mentions", "link")
GRID_COLUMNS = ("actor_id", "name_en", "side", "topic", "stances", "polarity", "positions")
EVIDENCE_COLUMNS = ("article_id", "segment_idx", "stance", "cues", "confidence", "condition", "evidence",
                    "lang", "title", "outlet", "published", "link")
CANDIDATE_COLUMNS = ("id", "surface", "normalized", "sign", "status", "evidence", "lang", "article_id",
                     "title", "link")
CANDIDATE_STATUSES = ("new", "accepted", "rejected")


def read_link(article_id: str) -> str:
    """The reading-view URL of an article (relative, query value encoded)."""
    return app_href("/read", {"a": article_id})


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` from SQLAlchemy rows (mappings)."""
    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=list(columns))


def _rows(engine: Engine, stmt: Select[Any], action: str) -> Sequence[Any]:
    with store_errors(action), engine.connect() as conn:
        return conn.execute(stmt).mappings().all()


def known_ids(engine: Engine) -> KnownIds:
    """The ids URL parameters may name: from the store, topics.yaml and the gazetteer's sides."""
    with store_errors("cannot read the known ids"), engine.connect() as conn:
        langs = {r for (r,) in conn.execute(select(articles.c.lang).distinct())}
        outlets = {r for (r,) in conn.execute(select(articles.c.outlet).distinct()) if r}
        article_ids = {r for (r,) in conn.execute(select(articles.c.id))}
        names = {a: n for a, n in conn.execute(select(actors.c.actor_id, actors.c.name_en))}
        topics = {r for (r,) in conn.execute(select(positions.c.topic).distinct())}
        briefing_ids = {r for (r,) in conn.execute(select(briefings.c.id))}
    return KnownIds(
        langs=frozenset(langs | {"ar", "fa", "en"}), outlets=frozenset(outlets),
        actors=frozenset(names), topics=frozenset(topics) | load_topic_ids(),
        articles=frozenset(article_ids), briefings=frozenset(briefing_ids), actor_names=names,
    )


CountBy = Literal["lang", "outlet", "published"]


def corpus_counts(engine: Engine, filters: Filters, by: CountBy) -> pd.DataFrame:
    """Article counts grouped by language, outlet or published date (undated / unknown labelled)."""
    col = articles.c[by]
    n = func.count().label("articles")
    stmt = select(col.label(by), n).where(where(filters)).group_by(col).order_by(col)
    rows = _rows(engine, stmt, "cannot count articles")
    label = {"outlet": UNKNOWN_OUTLET, "published": UNDATED}.get(by, "?")
    out = [{by: (r[by].isoformat() if isinstance(r[by], dt.date) else r[by]) or label,
            "articles": int(r["articles"])} for r in rows]
    return _frame(out, COUNT_COLUMNS[by])


def articles_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    """The filtered articles, newest first (undated last), with mention counts and a /read link."""
    c = articles.c
    n_mentions = (select(func.count()).where(mentions.c.article_id == c.id)
                  .correlate(articles).scalar_subquery().label("mentions"))
    stmt = (select(c.id, c.title, c.outlet, c.lang, c.published, c.date_precision, c.date_basis, c.origin,
                   c.chars_clean, c.duplicate_of, n_mentions)
            .where(where(filters))
            .order_by(c.published.is_(None), c.published.desc(), c.origin))
    rows = [dict(r, link=read_link(r["id"])) for r in _rows(engine, stmt, "cannot list articles")]
    return _frame(rows, ARTICLE_COLUMNS)


@dataclass(frozen=True)
class ArticleView:
    """One article for the reading view: its row, its segments and its actor mentions."""

    article: dict[str, Any]
    segments: pd.DataFrame  # SEGMENT_COLUMNS
    mentions: pd.DataFrame  # MENTION_COLUMNS


def article_view(engine: Engine, article_id: str) -> ArticleView | None:
    """The article with ``article_id`` and its segments and mentions, or None if not stored."""
    with store_errors(f"cannot read article {article_id}"), engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            return None
        segs = conn.execute(select(segments).where(segments.c.article_id == article_id)
                            .order_by(segments.c.idx)).mappings().all()
        ments = conn.execute(
            select(mentions.c.segment_idx, mentions.c.actor_id, actors.c.name_en, actors.c.side,
                   mentions.c.start, mentions.c.end, mentions.c.surface)
            .select_from(mentions.outerjoin(actors, actors.c.actor_id == mentions.c.actor_id))
            .where(mentions.c.article_id == article_id)
            .order_by(mentions.c.start)).mappings().all()
    named = [dict(m, name_en=m["name_en"] or m["actor_id"], side=m["side"] or "other") for m in ments]
    return ArticleView(dict(row), _frame(segs, SEGMENT_COLUMNS), _frame(named, MENTION_COLUMNS))


def _actor_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if filters.sides:
        cond.append(actors.c.side.in_(filters.sides))
    return cond


def actors_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Actors mentioned in the filtered articles: mentions, distinct articles, side, role.

    Within the filtered articles (with ``actor``: those mentioning the actor, so the table lists
    who appears around them), ``side`` also keeps only actors of those sides.
    """
    stmt = (select(actors.c.actor_id, actors.c.name_en, actors.c.name_ar, actors.c.name_fa, actors.c.kind,
                   actors.c.side, actors.c.role, func.count().label("mentions"),
                   func.count(func.distinct(mentions.c.article_id)).label("articles"))
            .select_from(mentions.join(actors, actors.c.actor_id == mentions.c.actor_id)
                         .join(articles, articles.c.id == mentions.c.article_id))
            .where(where(filters), *_actor_conditions(filters))
            .group_by(actors.c.actor_id, actors.c.name_en, actors.c.name_ar, actors.c.name_fa, actors.c.kind,
                      actors.c.side, actors.c.role)
            .order_by(func.count().desc(), actors.c.name_en))
    return _frame(_rows(engine, stmt, "cannot list actors"), ACTOR_COLUMNS)


@dataclass(frozen=True)
class ActorProfile:
    """One actor: the gazetteer row, positions, quotes and the articles that mention them."""

    actor: dict[str, Any]
    positions: pd.DataFrame  # PROFILE_POSITION_COLUMNS
    quotes: pd.DataFrame  # QUOTE_COLUMNS
    articles: pd.DataFrame  # PROFILE_ARTICLE_COLUMNS


def actor_profile(engine: Engine, filters: Filters, actor_id: str) -> ActorProfile | None:
    """The profile of ``actor_id`` within the filtered articles, or None if the actor is unknown."""
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
        pos = conn.execute(pos_stmt).mappings().all()
        q_stmt = (select(quotes.c.lang, quotes.c.text, quotes.c.cue, articles.c.id.label("article_id"),
                         articles.c.title, articles.c.published)
                  .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
                  .where(quotes.c.speaker_id == actor_id, art)
                  .order_by(articles.c.published, quotes.c.start))
        qs = conn.execute(q_stmt).mappings().all()
        a_stmt = (select(articles.c.id.label("article_id"), articles.c.title, articles.c.outlet,
                         articles.c.lang, articles.c.published, func.count().label("mentions"))
                  .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
                  .where(mentions.c.actor_id == actor_id, art)
                  .group_by(articles.c.id, articles.c.title, articles.c.outlet, articles.c.lang,
                            articles.c.published)
                  .order_by(func.count().desc(), articles.c.id))
        arts = conn.execute(a_stmt).mappings().all()

    def linked(rows: Sequence[Any]) -> list[dict[str, Any]]:
        return [dict(r, link=read_link(r["article_id"])) for r in rows]

    return ActorProfile(dict(row), _frame(linked(pos), PROFILE_POSITION_COLUMNS),
                        _frame(linked(qs), QUOTE_COLUMNS), _frame(linked(arts), PROFILE_ARTICLE_COLUMNS))


def positions_grid(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Actor × topic cells: the stances taken (most frequent first), mean polarity, count."""
    art = where(filters)
    cond: list[ColumnElement[bool]] = [art, *_actor_conditions(filters)]
    if filters.actors:
        cond.append(positions.c.actor_id.in_(filters.actors))
    if filters.topics:
        cond.append(positions.c.topic.in_(filters.topics))
    name = func.coalesce(actors.c.name_en, positions.c.actor_id).label("name_en")
    stmt = (select(positions.c.actor_id, name,
                   func.coalesce(actors.c.side, "other").label("side"), positions.c.topic, positions.c.stance,
                   func.count().label("n"), func.avg(positions.c.polarity).label("polarity"))
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(actors, actors.c.actor_id == positions.c.actor_id))
            .where(*cond)
            .group_by(positions.c.actor_id, actors.c.name_en, actors.c.side, positions.c.topic,
                      positions.c.stance))
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _rows(engine, stmt, "cannot read positions"):
        cell = cells.setdefault((r["actor_id"], r["topic"]), {
            "actor_id": r["actor_id"], "name_en": r["name_en"], "side": r["side"], "topic": r["topic"],
            "_stances": [], "_pol": 0.0, "positions": 0})
        cell["_stances"].append((-int(r["n"]), r["stance"]))
        cell["_pol"] += float(r["polarity"] or 0) * int(r["n"])
        cell["positions"] += int(r["n"])
    out = []
    for cell in sorted(cells.values(), key=lambda c: (-c["positions"], c["name_en"], c["topic"])):
        out.append({**cell, "stances": ", ".join(s for _, s in sorted(cell["_stances"])),
                    "polarity": round(cell["_pol"] / cell["positions"], 2)})
    return _frame(out, GRID_COLUMNS)


def position_evidence(engine: Engine, filters: Filters, actor_id: str, topic: str) -> pd.DataFrame:
    """The evidence sentences of one actor × topic cell, in the original language, best first."""
    art = where(filters)
    stmt = (select(positions.c.article_id, positions.c.segment_idx, positions.c.stance, positions.c.cues,
                   positions.c.confidence, positions.c.condition, positions.c.evidence,
                   func.coalesce(segments.c.lang, articles.c.lang).label("lang"),
                   articles.c.title, articles.c.outlet, articles.c.published)
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(segments, and_(segments.c.article_id == positions.c.article_id,
                                                   segments.c.idx == positions.c.segment_idx)))
            .where(positions.c.actor_id == actor_id, positions.c.topic == topic, art)
            .order_by(positions.c.confidence.desc(), articles.c.published, positions.c.start))
    rows = [dict(r, link=read_link(r["article_id"])) for r in _rows(engine, stmt, "cannot read evidence")]
    # object columns keep a missing outlet or title None (a string column makes it NaN, shown 'nan')
    return _frame(rows, EVIDENCE_COLUMNS).astype(object).replace({float("nan"): None})


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
    rows = [dict(r, link=read_link(r["article_id"])) for r in _rows(engine, stmt, "cannot list candidates")]
    return _frame(rows, CANDIDATE_COLUMNS)


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
