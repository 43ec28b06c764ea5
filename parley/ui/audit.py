"""The audit log as the UI keeps it: a row after every write the dashboard makes, and the newest
rows for the Review page (read fresh, never cached: the log changes without a version bump)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine

from parley.store import audit as store_audit
from parley.ui.auth import Access


def record(engine: Engine, access: Access, action: str, ids: Iterable[object] = (), detail: str = "") -> None:
    """Log one write by ``access.who`` (an email, or "local" in open mode)."""
    store_audit.record_write(engine, access.who, action, ids, detail)


def recent(engine: Engine, limit: int = 100, offset: int = 0) -> pd.DataFrame:
    """The newest writes, most recent first (at, who, action, ids, detail)."""
    return store_audit.recent_writes(engine, limit, offset)


def count(engine: Engine) -> int:
    """How many writes are logged."""
    return store_audit.count_writes(engine)
