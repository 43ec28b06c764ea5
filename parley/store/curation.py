"""Corrections: record one, revert one, read the history, and name a row by its stable key.

Every write runs in one transaction: the correction row, then the rebuild of the curated rows
(store/overlay.py), then the store version bump, so every page, briefing, export and the CLI sees
the curated tables on its next read. A correction that cannot apply when it is made (its row is
gone, the actor it names is unknown) is refused with the reason; one that stops applying after a
re-extraction stays in the record, flagged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Engine, func, insert, select, update

from parley.errors import StoreError
from parley.store.db import bump_version, store_errors
from parley.store.overlay import KEY_COLUMNS, rebuild, span_hash
from parley.store.reads import frame_of
from parley.store.schema import CURATED_VIEWS, articles, corrections, curated_actors
from parley.store.schema import actors as actors_view

if TYPE_CHECKING:  # frames come from reads.frame_of; ingest, which imports this module, needs none
    import pandas as pd

KINDS = ("actor_accept", "actor_alias", "actor_merge", "actor_side", "position_edit", "position_delete",
         "position_add", "event_edit", "event_add", "venue_role", "candidate_status", "revert")
HISTORY_COLUMNS = ("id", "at", "who", "kind", "target", "before", "after", "note", "reverted_by",
                   "article_id", "span_start", "span_end", "flag")
MAX_NOTE = 2_000
_VIEWS = {v.name: v for v in CURATED_VIEWS}


@dataclass(frozen=True)
class Span:
    """An evidence span: an article and character offsets of its clean text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Target:
    """A row as a correction names it: its stable key, the values shown, and its evidence span."""

    table: str
    key: dict[str, Any]
    current: dict[str, Any]
    span: Span | None


def now_utc() -> dt.datetime:
    """The current UTC time as the store keeps it (naive, whole seconds)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe values (dates as ISO strings)."""
    return {k: (v.isoformat()[:10] if isinstance(v, dt.date) else v) for k, v in values.items()}


def _span_row(conn: Connection, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"article_id": None, "span_start": None, "span_end": None, "span_hash": None}
    text = conn.execute(select(articles.c.text).where(articles.c.id == span.article_id)).scalar()
    if text is None or not 0 <= span.start < span.end <= len(text):
        raise StoreError(f"no span {span.start}-{span.end} in article {span.article_id}")
    return {"article_id": span.article_id, "span_start": span.start, "span_end": span.end,
            "span_hash": span_hash(text[span.start:span.end])}


def record(engine: Engine, who: str, kind: str, target: dict[str, Any], after: dict[str, Any], *,
           before: dict[str, Any] | None = None, note: str = "", span: Span | None = None,
           at: dt.datetime | None = None) -> int:
    """Record one correction and apply it; returns its id. StoreError (nothing written) when it
    cannot apply."""
    if kind not in KINDS or kind == "revert":
        raise StoreError(f"unknown correction kind {kind!r}")
    with store_errors(f"cannot record the correction ({kind})"), engine.begin() as conn:
        row = {"at": at or now_utc(), "who": (who or "unknown")[:320], "kind": kind,
               "target": json.dumps(_plain(target), ensure_ascii=False),
               "before": json.dumps(_plain(before or {}), ensure_ascii=False),
               "after": json.dumps(_plain(after), ensure_ascii=False), "note": (note or "")[:MAX_NOTE],
               "flag": "", **_span_row(conn, span)}
        cid = int(conn.execute(insert(corrections).values(**row).returning(corrections.c.id)).scalar_one())
        flags = rebuild(conn)
        if cid in flags:
            raise StoreError(f"the correction cannot apply: {flags[cid]}")
        bump_version(conn)
    return cid


def revert(engine: Engine, who: str, correction_id: int, note: str = "") -> int:
    """Undo correction ``correction_id`` (a revert of a revert puts the original back in force);
    the revert is itself a correction. Returns its id."""
    with store_errors(f"cannot revert correction {correction_id}"), engine.begin() as conn:
        old = conn.execute(select(corrections).where(corrections.c.id == int(correction_id))).first()
        if old is None:
            raise StoreError(f"no correction {correction_id}")
        if old.reverted_by is not None:
            raise StoreError(f"correction {correction_id} was already reverted by {old.reverted_by}")
        cid = int(conn.execute(insert(corrections).values(
            at=now_utc(), who=(who or "unknown")[:320], kind="revert",
            target=json.dumps({"correction_id": old.id}), before=old.after, after=old.before,
            note=(note or "")[:MAX_NOTE], flag="", article_id=old.article_id, span_start=old.span_start,
            span_end=old.span_end, span_hash=old.span_hash).returning(corrections.c.id)).scalar_one())
        conn.execute(update(corrections).where(corrections.c.id == old.id).values(reverted_by=cid))
        if old.kind == "revert":
            undone = json.loads(old.target).get("correction_id")
            conn.execute(update(corrections).where(corrections.c.id == int(undone)).values(reverted_by=None))
        rebuild(conn)
        bump_version(conn)
    return cid


def reapply(conn: Connection) -> dict[int, str]:
    """Rebuild the curated rows in the caller's transaction (the closing pass of an ingest or a
    re-extraction); returns the flagged corrections."""
    return rebuild(conn)


def history(engine: Engine, *, who: Sequence[str] = (), kinds: Sequence[str] = (),
            since: dt.date | None = None, until: dt.date | None = None, ids: Sequence[int] = (),
            flagged: bool = False, limit: int = 500) -> pd.DataFrame:
    """Corrections, newest first, filtered by who, kind, day range (UTC), ids or flag."""
    c = corrections.c
    cond: list[ColumnElement[bool]] = []
    if who:
        cond.append(c.who.in_(list(who)))
    if kinds:
        cond.append(c.kind.in_(list(kinds)))
    if since is not None:
        cond.append(c.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        cond.append(c.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    if ids:
        cond.append(c.id.in_([int(i) for i in ids]))
    if flagged:
        cond.append(c.flag != "")
    stmt = (select(*(corrections.c[n] for n in HISTORY_COLUMNS)).where(*cond)
            .order_by(c.id.desc()).limit(max(1, int(limit))))
    with store_errors("cannot read the corrections"), engine.connect() as conn:
        return frame_of(conn.execute(stmt).mappings().all(), HISTORY_COLUMNS)


def correctors(engine: Engine) -> list[str]:
    """Everyone who made a correction (for the History filter)."""
    with store_errors("cannot read the corrections"), engine.connect() as conn:
        stmt = select(corrections.c.who).distinct().order_by(corrections.c.who)
        return [str(w) for (w,) in conn.execute(stmt)]


def count(engine: Engine, *, flagged: bool = False) -> int:
    """How many corrections are recorded (or flagged)."""
    stmt = select(func.count()).select_from(corrections)
    if flagged:
        stmt = stmt.where(corrections.c.flag != "", corrections.c.reverted_by.is_(None))
    with store_errors("cannot count the corrections"), engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def target_of(engine: Engine, table: str, row_id: int) -> Target:
    """The stable key of the row ``row_id`` of curated view ``table`` (positions, events, venues,
    candidates): an extracted row by its extracted values, an added row by the correction that
    added it; with the values shown now and the row's span."""
    view = _VIEWS[table]
    base, cur = CURATED_VIEWS[view]
    with store_errors(f"cannot read {table} row {row_id}"), engine.connect() as conn:
        current = conn.execute(select(view).where(view.c.id == int(row_id))).mappings().first()
        if current is None:
            raise StoreError(f"no {table} row {row_id}")
        if int(row_id) > 0:
            raw = conn.execute(select(base).where(base.c.id == int(row_id))).mappings().first()
            if raw is None:
                raise StoreError(f"no extracted {table} row {row_id}")
            key = {k: raw[k] for k in KEY_COLUMNS[table]}
        else:
            ids = conn.execute(select(cur.c.correction_ids).where(cur.c.id == -int(row_id))).scalar()
            key = {"added_by": int(str(ids).split(";")[0])}
    values = {k: v for k, v in current.items() if k not in ("curated", "correction_ids")}
    return Target(table, _plain(key), _plain(values),
                  Span(str(current["article_id"]), int(current["start"]), int(current["end"])))


def actor_row(engine: Engine, actor_id: str) -> dict[str, Any] | None:
    """The actor as it stands (gazetteer or accepted; curated values), or None."""
    with store_errors(f"cannot read actor {actor_id}"), engine.connect() as conn:
        row = conn.execute(select(actors_view).where(actors_view.c.actor_id == actor_id)).mappings().first()
    return dict(row) if row is not None else None


def accepted_actors(engine: Engine) -> list[dict[str, Any]]:
    """Actors analysts added (not in the gazetteer), as they stand."""
    with store_errors("cannot read the accepted actors"), engine.connect() as conn:
        rows = conn.execute(select(curated_actors).where(curated_actors.c.raw_id.is_(None),
                                                         curated_actors.c.deleted == 0)
                            .order_by(curated_actors.c.actor_id)).mappings().all()
    return [dict(r) for r in rows]


def all_corrections(engine: Engine) -> list[dict[str, Any]]:
    """Every correction, oldest first, as stored (for export)."""
    with store_errors("cannot read the corrections"), engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(corrections).order_by(corrections.c.id)).mappings()]


def import_corrections(engine: Engine, rows: Sequence[dict[str, Any]]) -> tuple[int, int, dict[int, str]]:
    """Add corrections made in another store (oldest first, as ``all_corrections`` gives them),
    keeping who, when, what and the revert links (their ids renumbered); one already here (same
    time, analyst, kind, target and values) is skipped. Then apply them. Returns (added, skipped,
    the flagged {new id: why}) — a correction whose row or span this store lacks is kept, flagged."""
    added = skipped = 0
    with store_errors("cannot import the corrections"), engine.begin() as conn:
        c = corrections.c
        known = {(r.at, r.who, r.kind, r.target, r.after): r.id
                 for r in conn.execute(select(c.id, c.at, c.who, c.kind, c.target, c.after))}
        new_id: dict[int, int] = {}
        for row in rows:
            target = _remap(json.loads(row.get("target") or "{}"), new_id)
            values = {"at": row["at"], "who": str(row["who"])[:320], "kind": str(row["kind"]),
                      "target": json.dumps(target, ensure_ascii=False), "before": row.get("before") or "{}",
                      "after": row.get("after") or "{}", "note": str(row.get("note") or "")[:MAX_NOTE],
                      "flag": "", "article_id": row.get("article_id"), "span_start": row.get("span_start"),
                      "span_end": row.get("span_end"), "span_hash": row.get("span_hash")}
            if values["kind"] not in KINDS:
                raise StoreError(f"correction {row.get('id')}: unknown kind {values['kind']!r}")
            same = known.get((values["at"], values["who"], values["kind"], values["target"], values["after"]))
            if same is not None:
                new_id[int(row["id"])] = same
                skipped += 1
                continue
            new_id[int(row["id"])] = int(conn.execute(insert(corrections).values(**values)
                                                      .returning(c.id)).scalar_one())
            added += 1
        for row in rows:  # the revert links, renumbered
            if row.get("reverted_by") is not None and int(row["reverted_by"]) in new_id:
                conn.execute(update(corrections).where(c.id == new_id[int(row["id"])])
                             .values(reverted_by=new_id[int(row["reverted_by"])]))
        flags = rebuild(conn)
        bump_version(conn)
    return added, skipped, flags


def _remap(target: dict[str, Any], new_id: dict[int, int]) -> dict[str, Any]:
    """A target naming a correction (an added row, a reverted correction) by its new id."""
    out = dict(target)
    for key in ("added_by", "correction_id"):
        if key in out and int(out[key]) in new_id:
            out[key] = new_id[int(out[key])]
    return out


ARTICLE_POSITION_COLUMNS = ("id", "segment_idx", "actor_id", "topic", "stance", "start", "end", "curated",
                            "correction_ids")
ARTICLE_EVENT_COLUMNS = ("id", "segment_idx", "kind", "date", "date_precision", "actor_ids", "place_id",
                         "status", "start", "end", "curated", "correction_ids")
ARTICLE_VENUE_COLUMNS = ("id", "segment_idx", "place_id", "role", "start", "end", "curated", "correction_ids")


def article_rows(engine: Engine, article_id: str) -> dict[str, pd.DataFrame]:
    """One article's positions, events and venues as they stand (curated), with their view ids,
    for correcting them beside the text."""
    out: dict[str, pd.DataFrame] = {}
    with store_errors(f"cannot read the rows of article {article_id}"), engine.connect() as conn:
        for name, cols in (("positions", ARTICLE_POSITION_COLUMNS), ("events", ARTICLE_EVENT_COLUMNS),
                           ("venues", ARTICLE_VENUE_COLUMNS)):
            view = _VIEWS[name]
            rows = conn.execute(select(*(view.c[c] for c in cols)).where(view.c.article_id == article_id)
                                .order_by(view.c.start, view.c.id)).mappings().all()
            frame = frame_of([{**r, **({"date": _plain({"d": r["date"]})["d"]} if "date" in r else {})}
                              for r in rows], cols)
            out[name] = frame.astype(object).replace({float("nan"): None})  # None stays None, not NaN
    return out


def curated_counts(engine: Engine, article_cond: ColumnElement[bool]) -> dict[str, int]:
    """How many curated rows of each table belong to the articles ``article_cond`` keeps (a
    briefing's items that analysts corrected or added)."""
    out: dict[str, int] = {}
    with store_errors("cannot count the curated rows"), engine.connect() as conn:
        for name in ("positions", "events", "venues", "quotes"):
            view = _VIEWS[name]
            out[name] = int(conn.execute(select(func.count()).select_from(
                view.join(articles, articles.c.id == view.c.article_id))
                .where(view.c.curated == 1, article_cond)).scalar() or 0)
    return out
