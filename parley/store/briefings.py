"""Saved briefings (a short random id, a title, analyst notes and the view's parameters), and
the reads a briefing makes beyond the pages' (sources, their provenance, quotes).

A briefing stores the *parameters* of a view (the shared filters, as query parameters), not
its rendered content, so ``?b=ID`` rebuilds the view from the store. Works on SQLite and
PostgreSQL; saving bumps the store version so cached id lists learn the new id at once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from parley.errors import StoreError
from parley.filters import Filters
from parley.store.db import bump_version, describe, init_db, store_errors
from parley.store.filters import where
from parley.store.schema import actors, articles, briefings, positions, quotes

ID_BYTES = 6  # token_urlsafe(6) -> 8 characters from [A-Za-z0-9_-]
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{6,16}$")
MAX_TITLE = 300
MAX_NOTES = 20_000
DEFAULT_TITLE = "Briefing"


@dataclass(frozen=True)
class Briefing:
    """One saved briefing; ``params`` are query parameters (see parley.filters.to_params)."""

    id: str
    title: str
    notes: str = ""
    params: dict[str, str] = field(default_factory=dict)
    created_at: dt.datetime | None = None


def new_id() -> str:
    """A short random URL-safe id (8 characters, about 48 bits)."""
    while True:
        value = secrets.token_urlsafe(ID_BYTES)
        if not value.startswith("-"):  # would read as an option on a command line
            return value


def _clean_params(params: Mapping[str, str]) -> dict[str, str]:
    """String keys and values only; the briefing id itself is never stored in its params."""
    return {str(k): str(v) for k, v in params.items() if k != "b" and v is not None and str(v) != ""}


def save_briefing(engine: Engine, title: str, notes: str, params: Mapping[str, str]) -> Briefing:
    """Store a new briefing and return it with its fresh id (StoreError on failure)."""
    title = (title or "").strip()[:MAX_TITLE] or DEFAULT_TITLE
    notes = (notes or "")[:MAX_NOTES]
    clean = _clean_params(params)
    created = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    init_db(engine)
    for _attempt in range(5):
        bid = new_id()
        try:
            with store_errors(f"cannot save the briefing in {describe(engine)}"), engine.begin() as conn:
                conn.execute(insert(briefings).values(
                    id=bid, title=title, notes=notes, params=json.dumps(clean, sort_keys=True),
                    created_at=created))
                bump_version(conn)
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                continue  # id collision: draw another
            raise
        return Briefing(id=bid, title=title, notes=notes, params=clean, created_at=created)
    raise StoreError("cannot save the briefing: no free id after 5 attempts")


def _params_of(raw: str) -> dict[str, str]:
    """The stored JSON back to a dict of strings; anything malformed reads as no parameters."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return _clean_params({str(k): str(v) for k, v in data.items() if isinstance(v, str | int | float)})


def load_briefing(engine: Engine, briefing_id: str) -> Briefing | None:
    """The briefing with ``briefing_id``, or None when there is none (or the id is malformed)."""
    if not ID_PATTERN.match(briefing_id or ""):
        return None
    with store_errors(f"cannot read briefing {briefing_id}"), engine.connect() as conn:
        if not engine.dialect.has_table(conn, briefings.name):
            return None
        row = conn.execute(select(briefings).where(briefings.c.id == briefing_id)).mappings().first()
    if row is None:
        return None
    return Briefing(id=row["id"], title=row["title"], notes=row["notes"] or "",
                    params=_params_of(row["params"]), created_at=row["created_at"])


def list_briefings(engine: Engine, limit: int = 50) -> list[Briefing]:
    """The most recent briefings, newest first."""
    with store_errors("cannot list the briefings"), engine.connect() as conn:
        if not engine.dialect.has_table(conn, briefings.name):
            return []
        rows = conn.execute(select(briefings).order_by(briefings.c.created_at.desc(), briefings.c.id)
                            .limit(max(1, int(limit)))).mappings().all()
    return [Briefing(id=r["id"], title=r["title"], notes=r["notes"] or "", params=_params_of(r["params"]),
                     created_at=r["created_at"]) for r in rows]


# --- what a briefing reads ----------------------------------------------------------------------

SOURCE_COLUMNS = ("article_id", "outlet", "lang", "published", "date_precision", "title", "url")
REF_COLUMNS = ("id", "outlet", "published", "date_precision", "url", "lang", "title")
QUOTE_ROW_COLUMNS = ("quote_id", "speaker_id", "speaker", "side", "lang", "text", "cue", "article_id")


def article_refs(engine: Engine, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Provenance rows (REF_COLUMNS) of the given articles, whatever the filters."""
    wanted = sorted({str(a) for a in article_ids if a})
    out: list[dict[str, Any]] = []
    with store_errors("cannot read the briefing's sources"), engine.connect() as conn:
        for i in range(0, len(wanted), 400):
            stmt = select(*(articles.c[c] for c in REF_COLUMNS)).where(articles.c.id.in_(wanted[i:i + 400]))
            out += [dict(r) for r in conn.execute(stmt).mappings()]
    return out


def source_rows(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """The filtered articles (SOURCE_COLUMNS), dated first in date order."""
    c = articles.c
    stmt = (select(c.id.label("article_id"), c.outlet, c.lang, c.published, c.date_precision, c.title, c.url)
            .where(where(filters))
            .order_by(c.published.is_(None), c.published, c.outlet, c.id))
    with store_errors("cannot read the briefing's sources"), engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def position_articles(engine: Engine, filters: Filters) -> dict[tuple[str, str], list[str]]:
    """(actor, topic) -> the filtered articles its positions come from (the grid's rows: actors of
    the ``side`` filter, the ``actor`` and ``topic`` filters' cells)."""
    cond: list[ColumnElement[bool]] = [where(filters)]
    if filters.sides:
        cond.append(actors.c.side.in_(filters.sides))
    if filters.actors:
        cond.append(positions.c.actor_id.in_(filters.actors))
    if filters.topics:
        cond.append(positions.c.topic.in_(filters.topics))
    stmt = (select(positions.c.actor_id, positions.c.topic, positions.c.article_id)
            .select_from(positions.join(articles, articles.c.id == positions.c.article_id)
                         .outerjoin(actors, actors.c.actor_id == positions.c.actor_id))
            .where(*cond).distinct()
            .order_by(positions.c.actor_id, positions.c.topic, positions.c.article_id))
    out: dict[tuple[str, str], list[str]] = {}
    with store_errors("cannot read the positions' sources"), engine.connect() as conn:
        for actor_id, topic, article_id in conn.execute(stmt):
            out.setdefault((str(actor_id), str(topic)), []).append(str(article_id))
    return out


def quote_rows(engine: Engine, filters: Filters, limit: int) -> list[dict[str, Any]]:
    """Quotes in the filtered articles (QUOTE_ROW_COLUMNS; speakers narrowed by the actor and
    side filters), attributed first, then by date and place in the article; at most ``limit``."""
    cond: list[ColumnElement[bool]] = [where(filters)]
    if filters.actors:
        cond.append(quotes.c.speaker_id.in_(filters.actors))
    if filters.sides:
        cond.append(actors.c.side.in_(filters.sides))
    stmt = (select(quotes.c.id.label("quote_id"), quotes.c.speaker_id,
                   func.coalesce(actors.c.name_en, quotes.c.speaker_id).label("speaker"),
                   func.coalesce(actors.c.side, "other").label("side"), quotes.c.lang, quotes.c.text,
                   quotes.c.cue, quotes.c.article_id)
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                         .outerjoin(actors, actors.c.actor_id == quotes.c.speaker_id))
            .where(*cond)
            .order_by(quotes.c.speaker_id.is_(None), articles.c.published.is_(None), articles.c.published,
                      quotes.c.article_id, quotes.c.start)
            .limit(limit))
    with store_errors("cannot read the quotes"), engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]
