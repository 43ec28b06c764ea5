"""Selectable tables whose selection lives in the URL (st.dataframe on_select + query params)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st


def _picker(key: str, ids: Sequence[str], on_pick: Callable[[str | None], None]) -> Callable[[], None]:
    def pick() -> None:
        rows = st.session_state[key]["selection"]["rows"]
        on_pick(ids[rows[0]] if rows and 0 <= rows[0] < len(ids) else None)

    return pick


def selectable_table(frame: pd.DataFrame, *, key: str, id_column: str, selected: str | None,
                     on_pick: Callable[[str | None], None], columns: Sequence[str],
                     column_config: Mapping[str, Any] | None = None) -> None:
    """A single-row-select table: the row whose ``id_column`` is ``selected`` starts selected,
    and picking a row calls ``on_pick(id)`` (None when cleared) before the rerun.
    """
    ids = [str(v) for v in frame[id_column]]
    default: Any = {"selection": {"rows": [ids.index(selected)], "columns": []}} if selected in ids else None
    st.dataframe(frame, key=key, hide_index=True, column_order=list(columns), column_config=column_config,
                 on_select=_picker(key, ids, on_pick), selection_mode="single-row",
                 selection_default=default)


def _cell_picker(key: str, row_ids: Sequence[str], on_pick: Callable[[str, str], None]) -> Callable[[], None]:
    def pick() -> None:
        cells = st.session_state[key]["selection"]["cells"]
        if cells:
            row, column = cells[0]
            if 0 <= row < len(row_ids):
                on_pick(row_ids[row], str(column))

    return pick


def cell_table(frame: pd.DataFrame, *, key: str, row_ids: Sequence[str],
               on_pick: Callable[[str, str], None], column_config: Mapping[str, Any] | None = None) -> None:
    """A single-cell-select table: picking a cell calls ``on_pick(row id, column name)``."""
    st.dataframe(frame, key=key, hide_index=True, column_config=column_config,
                 on_select=_cell_picker(key, row_ids, on_pick), selection_mode="single-cell")
