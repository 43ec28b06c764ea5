"""Apply the corrections in force over the extracted rows: rebuild the curated_* tables.

The corrections table is the record; the curated tables are derived from it and from the current
extracted rows, so they are rebuilt (in the caller's transaction) after every correction or
revert and by the closing pass of every ingest and re-extraction. Corrections apply in the order
they were made. Each names its target by a stable key (article, span and the values extraction
gave it), so it finds its row again after re-extraction renumbers the rows; one that finds
nothing is flagged with the reason (History shows it), never dropped, and applies again when a
later extraction brings its row back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, func, insert, select, update

from parley.store.curated_views import refresh_view_forms
from parley.store.schema import (
    articles,
    corrections,
    curated_actors,
    curated_candidates,
    curated_events,
    curated_mentions,
    curated_positions,
    curated_quotes,
    curated_venues,
    extracted_candidates,
    extracted_events,
    extracted_mentions,
    extracted_positions,
    extracted_quotes,
    extracted_venues,
    gazetteer_actors,
)

_LOCK = 0x63757261  # PostgreSQL advisory lock ("cura"): one rebuild at a time
_BASES: dict[str, tuple[Table, Table]] = {
    "actors": (gazetteer_actors, curated_actors),
    "mentions": (extracted_mentions, curated_mentions),
    "venues": (extracted_venues, curated_venues),
    "positions": (extracted_positions, curated_positions),
    "quotes": (extracted_quotes, curated_quotes),
    "events": (extracted_events, curated_events),
    "candidates": (extracted_candidates, curated_candidates),
}
# The columns of each table that, with the article and span, identify an extracted row.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "positions": ("article_id", "start", "end", "actor_id", "topic", "stance"),
    "events": ("article_id", "start", "end", "kind", "actor_ids"),
    "venues": ("article_id", "start", "end", "place_id", "role"),
    "candidates": ("article_id", "start", "end", "normalized"),
    "actors": ("actor_id",),
}


def span_hash(text: str) -> str:
    """A short hash of an evidence span's text (to notice that a span is gone)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def split_ids(value: Any) -> list[str]:
    """The ids of a ';'-separated column."""
    return [p for p in str(value or "").split(";") if p]


class Flag(Exception):
    """A correction that cannot apply now; the message says why."""


@dataclass
class _Row:
    values: dict[str, Any]
    raw_id: Any = None  # the extracted row replaced; None for an added row
    deleted: bool = False
    by: list[int] = field(default_factory=list)


class Overlay:
    """The curated rows being built: replaced extracted rows by table and raw id, and added rows."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.replaced: dict[str, dict[Any, _Row]] = {t: {} for t in _BASES}
        self.added: dict[str, list[_Row]] = {t: [] for t in _BASES}
        self._texts: dict[str, str | None] = {}

    # --- reading rows as they stand -----------------------------------------------------------
    def _raw_key(self, table: str) -> str:
        return "actor_id" if table == "actors" else "id"

    def _own(self, table: str, raw: dict[str, Any]) -> _Row:
        key = raw[self._raw_key(table)]
        row = self.replaced[table].get(key)
        if row is None:
            values = {k: v for k, v in raw.items() if k != "id"}
            row = self.replaced[table][key] = _Row(values, raw_id=key)
        return row

    def find(self, table: str, target: dict[str, Any]) -> list[_Row]:
        """The rows (live, to change) a stable key names: extracted rows by their extracted
        values, or the row added by correction ``added_by``."""
        if "added_by" in target:
            cid = int(target["added_by"])
            return [r for r in self.added[table] if r.by and r.by[0] == cid and not r.deleted]
        cols = KEY_COLUMNS[table]
        missing = [c for c in cols if c not in target]
        if missing:
            raise Flag(f"the target lacks {', '.join(missing)}")
        base = _BASES[table][0]
        cond = [base.c[c] == target[c] for c in cols]
        found = [self._own(table, dict(r)) for r in self.conn.execute(select(base).where(*cond)).mappings()]
        if table == "actors":
            found += [r for r in self.added["actors"] if r.values["actor_id"] == target["actor_id"]]
        return [r for r in found if not r.deleted]

    def where_current(self, table: str, sql: ColumnElement[bool],
                      test: Callable[[dict[str, Any]], bool]) -> list[_Row]:
        """Every row whose current values pass ``test``: extracted rows found by ``sql`` (on their
        extracted values; ``test`` re-checks what corrections changed), replaced and added rows."""
        base = _BASES[table][0]
        for r in self.conn.execute(select(base).where(sql)).mappings():
            self._own(table, dict(r))  # replaced rows are checked below on their current values
        rows = [*self.replaced[table].values(), *self.added[table]]
        return [r for r in rows if not r.deleted and test(r.values)]

    def actor_exists(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is an actor now (in the gazetteer or accepted, and not merged away)."""
        return bool(self.find("actors", {"actor_id": actor_id}))

    def article_text(self, article_id: str) -> str | None:
        if article_id not in self._texts:
            self._texts[article_id] = self.conn.execute(
                select(articles.c.text).where(articles.c.id == article_id)).scalar()
        return self._texts[article_id]

    def check_span(self, c: Any) -> str:
        """The evidence text of correction ``c``'s span; Flag when the span no longer exists."""
        text = self.article_text(c.article_id) if c.article_id else None
        if text is None:
            raise Flag("its article is no longer stored")
        start, end = int(c.span_start), int(c.span_end)
        if not 0 <= start < end <= len(text) or (c.span_hash and span_hash(text[start:end]) != c.span_hash):
            raise Flag("its evidence span no longer exists in the article")
        return text[start:end]

    def add(self, table: str, values: dict[str, Any], cid: int) -> _Row:
        row = _Row(values, by=[cid])
        self.added[table].append(row)
        return row

    # --- writing -----------------------------------------------------------------------------
    def write(self) -> None:
        """Replace the curated tables' rows with the ones built."""
        for name, (_base, cur) in _BASES.items():
            self.conn.execute(delete(cur))
            rows = [self._out(cur, r) for r in [*self.replaced[name].values(), *self.added[name]]
                    if r.by]  # a row looked at but never changed stays extracted
            if rows:
                self.conn.execute(insert(cur), rows)

    @staticmethod
    def _out(cur: Table, r: _Row) -> dict[str, Any]:
        row = {c.name: r.values.get(c.name) for c in cur.columns if c.name not in ("id", "raw_id", "deleted",
                                                                                   "correction_ids")}
        return {**row, "raw_id": r.raw_id, "deleted": int(r.deleted),
                "correction_ids": ";".join(str(i) for i in dict.fromkeys(r.by))}


Applier = Callable[[Overlay, Any, dict[str, Any], dict[str, Any]], None]
APPLIERS: dict[str, Applier] = {}  # kind -> how it changes the overlay (store/curation_kinds.py)


def active_corrections(conn: Connection) -> list[Any]:
    """The corrections in force (not reverted, not reverts themselves), oldest first."""
    return list(conn.execute(select(corrections).where(corrections.c.reverted_by.is_(None),
                                                       corrections.c.kind != "revert")
                             .order_by(corrections.c.id)))


def lock(conn: Connection) -> None:
    """One rebuild at a time (SQLite serialises writers already)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_LOCK)))


def rebuild(conn: Connection) -> dict[int, str]:
    """Rebuild the curated tables from the corrections in force; returns {id: flag} of those that
    could not apply (their ``flag`` column says why; it is cleared for the ones that apply)."""
    import parley.store.curation_kinds  # noqa: F401  (fills APPLIERS)

    lock(conn)
    overlay = Overlay(conn)
    flags: dict[int, str] = {}
    for c in active_corrections(conn):
        try:
            APPLIERS[c.kind](overlay, c, _json(c.target), _json(c.after))
        except Flag as exc:
            flags[c.id] = str(exc)
        except KeyError as exc:
            flags[c.id] = f"unknown correction kind or missing value {exc}"
    overlay.write()
    refresh_view_forms(conn)
    _write_flags(conn, flags)
    return flags


def _write_flags(conn: Connection, flags: dict[int, str]) -> None:
    stale = corrections.c.id.not_in(list(flags) or [0])
    conn.execute(update(corrections).where(corrections.c.flag != "", stale).values(flag=""))
    for cid, reason in flags.items():
        conn.execute(update(corrections).where(corrections.c.id == cid).values(flag=reason[:500]))


def _json(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def as_date(value: Any) -> dt.date | None:
    """A date from an ISO string (or None)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def without(ids: Iterable[str], old: str, new: str) -> str:
    """A ';'-separated id list with ``old`` replaced by ``new`` (once, order kept)."""
    return ";".join(dict.fromkeys(new if i == old else i for i in ids))
