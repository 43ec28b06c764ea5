"""The positions grid shaped for reading: one row per actor, one column per topic."""

from __future__ import annotations

from typing import Any

import pandas as pd

MATRIX_ACTOR = "actor"
CURATED_MARK = "✎"  # starts a cell an analyst's correction changed (README "Curation"), seen however narrow


def grid_matrix(grid: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The positions grid as a table: one row per actor, one column per topic holding
    "stances (count)", after CURATED_MARK when a correction made one of its positions;
    returns it with the actor id of each row.
    """
    topics = sorted(set(grid["topic"]))
    rows: dict[str, dict[str, Any]] = {}
    for r in grid.itertuples(index=False):
        row = rows.setdefault(str(r.actor_id), {MATRIX_ACTOR: f"{r.name_en} ({r.side})"})
        mark = f"{CURATED_MARK} " if getattr(r, "curated", False) else ""
        row[str(r.topic)] = f"{mark}{r.stances} ({r.positions})"
    ids = list(rows)
    frame = pd.DataFrame([rows[i] for i in ids], columns=[MATRIX_ACTOR, *topics]).fillna("")
    return frame, ids


def curated_cells(grid: pd.DataFrame) -> list[str]:
    """'Actor · topic' of every cell a correction made or changed, grid order."""
    if "curated" not in grid.columns:
        return []
    marked = grid[grid["curated"].astype(bool)]
    return [f"{n} · {t}" for n, t in zip(marked["name_en"], marked["topic"], strict=True)]
