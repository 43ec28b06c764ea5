"""The audit log: one row per write made through the dashboard (who, when, what, which ids).

The UI records a row after each write it makes (uploads, candidate statuses, saved briefings);
the Review page reads the newest rows. Recording does not bump the store version: the log is
read fresh, never from a page cache. Works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from parley.store.db import describe, store_errors
from parley.store.reads import frame_of
from parley.store.schema import articles, audit_log

AUDIT_COLUMNS = ("at", "who", "action", "ids", "detail")
MAX_IDS_TEXT = 4_000  # characters of ids kept per row; a huge upload notes how many were cut
MAX_DETAIL = 2_000


def now_utc() -> dt.datetime:
    """The current UTC time as the store keeps it (naive, whole seconds)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _ids_text(ids: Iterable[object]) -> str:
    listed = [str(i) for i in ids]
    text = ",".join(listed)
    if len(text) <= MAX_IDS_TEXT:
        return text
    kept: list[str] = []
    used = 0
    for i in listed:
        if used + len(i) + 1 > MAX_IDS_TEXT - 40:
            break
        kept.append(i)
        used += len(i) + 1
    return ",".join(kept) + f",… ({len(listed) - len(kept)} more)"


def record_write(engine: Engine, who: str, action: str, ids: Iterable[object] = (), detail: str = "",
                 *, at: dt.datetime | None = None) -> None:
    """Add one row to the audit log (StoreError on failure)."""
    row = dict(at=at or now_utc(), who=(who or "unknown")[:320], action=action[:32], ids=_ids_text(ids),
               detail=(detail or "")[:MAX_DETAIL])
    with store_errors(f"cannot write the audit log in {describe(engine)}"), engine.begin() as conn:
        conn.execute(insert(audit_log).values(**row))


def recent_writes(engine: Engine, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """The newest ``limit`` rows of the log after skipping ``offset`` (columns AUDIT_COLUMNS)."""
    stmt = (select(*(audit_log.c[c] for c in AUDIT_COLUMNS))
            .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
            .limit(max(0, int(limit))).offset(max(0, int(offset))))
    with store_errors("cannot read the audit log"), engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return frame_of(rows, AUDIT_COLUMNS)


def count_writes(engine: Engine) -> int:
    """How many rows the audit log holds."""
    with store_errors("cannot read the audit log"), engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar() or 0)


def stored_ids_of_origins(engine: Engine, origins: Sequence[str], since: dt.datetime) -> list[str]:
    """The ids of articles stored from ``origins`` at or after ``since`` (an upload's articles,
    duplicates included), in the order of ``origins``."""
    if not origins:
        return []
    stmt = (select(articles.c.id, articles.c.origin)
            .where(articles.c.origin.in_(list(dict.fromkeys(origins))), articles.c.ingested_at >= since))
    with store_errors("cannot read the uploaded articles"), engine.connect() as conn:
        rows = conn.execute(stmt).all()
    order = {o: i for i, o in enumerate(origins)}
    return [r.id for r in sorted(rows, key=lambda r: (order.get(r.origin, len(order)), r.id))]
