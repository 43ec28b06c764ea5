"""Turning SQL results into frames: shared by the store's read modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Select

from parley.filters import app_href
from parley.store.db import store_errors

if TYPE_CHECKING:  # imported where a frame is built: ingest reaches this module and never needs it
    import pandas as pd

DATE_COLUMNS = frozenset({"date", "published"})


def frame_of(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` from SQLAlchemy rows (mappings)."""
    import pandas as pd

    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=list(columns))


def frame_of_tuples(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` from rows in column order."""
    import pandas as pd

    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def read_link(article_id: str) -> str:
    """The reading-view URL of an article (relative, query value encoded)."""
    return app_href("/read", {"a": article_id})


def read_rows(engine: Engine, stmt: Select[Any], action: str) -> Sequence[Any]:
    """The rows of ``stmt`` as mappings; a database error becomes a StoreError naming ``action``."""
    with store_errors(action), engine.connect() as conn:
        return conn.execute(stmt).mappings().all()


def read_frame(engine: Engine, stmt: Select[Any], columns: Sequence[str], action: str) -> pd.DataFrame:
    """Run ``stmt`` and return its rows as a frame; date columns become pandas datetimes (NaT
    when unknown) whatever the backend returns (SQLite: ISO strings, PostgreSQL: dates).

    Rows are fetched from the DBAPI cursor directly: SQLAlchemy's per-row processing costs
    three times as much on a hundred thousand mentions, and the dates are converted here anyway.
    """
    with store_errors(action), engine.connect() as conn:
        result = conn.execute(stmt)
        rows = result.cursor.fetchall() if result.cursor is not None else []
    frame = frame_of_tuples(rows, columns)
    import pandas as pd

    for col in DATE_COLUMNS & set(columns):
        frame[col] = pd.to_datetime(frame[col], errors="coerce")
    return frame
