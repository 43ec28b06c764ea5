"""Reads of articles: the articles table and counts, one article for reading, the ids URL
parameters may name, the timeline's publication track and the stored date span. Every frame has
exactly its ``*_COLUMNS``, even when empty; every filtered read keeps to store.filters.where."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, func, select

from parley.filters import Filters, KnownIds, load_topic_ids
from parley.store import summaries
from parley.store.db import store_errors
from parley.store.filters import summary_conditions, where
from parley.store.reads import frame_of, read_frame, read_link, read_rows
from parley.store.schema import (
    actors,
    articles,
    briefings,
    mentions,
    positions,
    segments,
    summary_days,
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
    """Article counts grouped by language, outlet or published date (undated / unknown labelled).
    Read from the summary table when the filters allow it (language and outlet only) and it is
    up to date; else counted over the articles."""
    label = {"outlet": UNKNOWN_OUTLET, "published": UNDATED}.get(by, "?")
    sd = summary_days.c
    cond = summary_conditions(filters, sd.lang, sd.outlet)
    with store_errors("cannot count articles"), engine.connect() as conn:
        if cond is not None and summaries.usable(conn):
            col = {"lang": sd.lang, "outlet": sd.outlet, "published": sd.day}[by]
            # unknown ('') where the articles' NULL sorts: first on SQLite, last on PostgreSQL
            unknown_last = (col == "",) if conn.dialect.name == "postgresql" else ()
            stmt = (select(col.label(by), func.sum(sd.articles).label("articles")).where(*cond)
                    .group_by(col).order_by(*unknown_last, col))
            rows = conn.execute(stmt).mappings().all()
        else:
            c = articles.c[by]
            stmt = (select(c.label(by), func.count().label("articles")).where(where(filters))
                    .group_by(c).order_by(c))
            rows = conn.execute(stmt).mappings().all()
    out = [{by: (r[by].isoformat() if isinstance(r[by], dt.date) else r[by]) or label,
            "articles": int(r["articles"])} for r in rows]
    return frame_of(out, COUNT_COLUMNS[by])


def articles_table(engine: Engine, filters: Filters, limit: int | None = None,
                   offset: int = 0) -> pd.DataFrame:
    """The filtered articles, newest first (undated last), with mention counts and a /read link;
    with ``limit``, only that many from ``offset`` on (the page is cut in SQL, and only its rows
    are counted and sent)."""
    c = articles.c
    order = (c.published.is_(None), c.published.desc(), c.origin, c.id)
    chosen = select(c.id).where(where(filters)).order_by(*order)
    if limit is not None:
        chosen = chosen.limit(limit).offset(offset)
    page = chosen.subquery("page")
    n_mentions = (select(func.count()).where(mentions.c.article_id == c.id)
                  .correlate(articles).scalar_subquery().label("mentions"))
    stmt = (select(c.id, c.title, c.outlet, c.lang, c.published, c.date_precision, c.date_basis, c.origin,
                   c.chars_clean, c.duplicate_of, n_mentions)
            .join_from(articles, page, page.c.id == c.id)
            .order_by(*order))
    rows = [dict(r, link=read_link(r["id"])) for r in read_rows(engine, stmt, "cannot list articles")]
    return frame_of(rows, ARTICLE_COLUMNS)


def count_matching(engine: Engine, filters: Filters) -> int:
    """How many articles the filters keep."""
    stmt = select(func.count()).select_from(articles).where(where(filters))
    with store_errors("cannot count articles"), engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


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
    return ArticleView(dict(row), frame_of(segs, SEGMENT_COLUMNS), frame_of(named, MENTION_COLUMNS))


TRACK_ARTICLE_COLUMNS = ("id", "outlet", "title", "lang", "published", "date_precision")


def load_articles(engine: Engine, f: Filters) -> pd.DataFrame:
    """The filtered articles' id, outlet, title, lang, published and date_precision."""
    stmt = (select(*(articles.c[c] for c in TRACK_ARTICLE_COLUMNS))
            .where(where(f))
            .order_by(articles.c.published, articles.c.id))
    return read_frame(engine, stmt, TRACK_ARTICLE_COLUMNS, "cannot read the articles")


def date_bounds(engine: Engine) -> tuple[Any, Any]:
    """The earliest and latest publication dates stored (None, None when nothing is dated)."""
    with store_errors("cannot read the article dates"), engine.connect() as conn:
        row = conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))).one()
    return row[0], row[1]
