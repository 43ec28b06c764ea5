"""Curation in the dashboard: who corrects, the guarded writes, and the widgets pages share (a
correction form's note, a curated row's history with its revert buttons).

Identity: the signed-in email (st.user) when sign-in is on; otherwise env PARLEY_USER, else 'local'.
Only analysts write (parley/ui/access.py); every correction is also a row of the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from parley.curation import edits
from parley.store import curation as store_curation
from parley.store.curation import Span
from parley.ui import audit, auth, store
from parley.ui.html import md_text

ENV_USER = "PARLEY_USER"
KIND_LABELS = {
    "actor_accept": "accept a name as a new actor", "actor_alias": "accept a name as an alias",
    "actor_merge": "merge actors", "actor_side": "change an actor's side", "position_edit": "edit a position",
    "position_delete": "delete a position", "position_add": "add a position", "event_edit": "edit an event",
    "event_add": "add an event", "venue_role": "change a venue's role",
    "candidate_status": "review a candidate name", "revert": "revert a correction",
}
__all__ = ["KIND_LABELS", "Span", "can_curate", "correct", "history", "show_history", "vocabulary", "who"]


def who(access: auth.Access | None = None) -> str:
    """The analyst's name for the record: st.user's email when signed in, else PARLEY_USER, else 'local'."""
    access = access or auth.current()
    if access.screen == "app" and access.who:
        return access.who
    return os.environ.get(ENV_USER, "").strip()[:320] or auth.LOCAL


def can_curate() -> bool:
    """Whether this run may correct (analysts; anyone in open mode)."""
    return auth.current().can_write


def vocabulary() -> edits.Vocabulary:
    """Topics, stances, kinds, sides, roles and precisions a correction may set."""
    return edits.vocabulary()


def correct(action: str, fn: Callable[..., int], *args: Any, **kwargs: Any) -> int:
    """Run one correction of parley.curation.edits as this run's analyst (analysts only; logged)."""
    access = auth.require_analyst(action)
    cid = fn(store.engine(), who(access), *args, **kwargs)
    audit.record(store.engine(), access, "correction", [cid], action)
    return cid


def revert(correction_id: int, note: str = "") -> int:
    """Revert a correction as this run's analyst (analysts only; logged)."""
    return correct(f"revert correction {correction_id}", edits.revert, int(correction_id), note)


def history(*, who: Sequence[str] = (), kinds: Sequence[str] = (), since: dt.date | None = None,
            until: dt.date | None = None, ids: Sequence[int] = (), flagged: bool = False) -> pd.DataFrame:
    """The corrections, newest first (read fresh)."""
    return store_curation.history(store.engine(), who=who, kinds=kinds, since=since, until=until, ids=ids,
                                  flagged=flagged)


def correctors() -> list[str]:
    """Everyone who made a correction."""
    return store_curation.correctors(store.engine())


def flagged_count() -> int:
    """Corrections in force that no longer apply (their row or span is gone)."""
    return store_curation.count(store.engine(), flagged=True)


def article_rows(article_id: str) -> dict[str, pd.DataFrame]:
    """One article's positions, events and venues as they stand, with their ids."""
    return store_curation.article_rows(store.engine(), article_id)


def _values(text: Any) -> str:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return str(text)
    return ", ".join(f"{k}: {v}" for k, v in data.items()) if isinstance(data, dict) else str(data)


def describe(row: Any) -> str:
    """One line for a correction: when, who, what, before → after, and its flag."""
    when = pd.Timestamp(row["at"]).strftime("%Y-%m-%d %H:%M")
    line = f"#{row['id']} · {when} UTC · {row['who']} · {KIND_LABELS.get(row['kind'], row['kind'])}"
    target = json.loads(row["target"] or "{}") if row["kind"] != "revert" else {}
    what = [str(v) for k, v in target.items()
            if k not in ("article_id", "start", "end") and v not in (None, "")]
    if what:
        line += f" ({' · '.join(what)[:120]})"
    change = f"{_values(row['before']) or '—'} → {_values(row['after']) or '—'}"
    if row["kind"] == "revert":
        change = f"undoes #{json.loads(row['target']).get('correction_id')}"
    line += f": {change}"
    if row["note"]:
        line += f" · note: {row['note']}"
    if not pd.isna(row["reverted_by"]):
        line += f" · reverted by #{int(row['reverted_by'])}"
    if row["flag"]:
        line += f" · FLAGGED: {row['flag']}"
    return line


def show_history(correction_ids: str, *, key: str) -> None:
    """The corrections of one curated row, each with a Revert button (analysts), and a link to
    History."""
    ids = [int(i) for i in str(correction_ids or "").split(";") if i]
    if not ids:
        return
    frame = history(ids=ids)
    for row in frame.to_dict("records"):
        st.markdown(md_text(describe(row)))
        if can_curate() and pd.isna(row["reverted_by"]) and st.button(
                "Revert", key=f"{key}_revert_{row['id']}", icon=":material/undo:"):
            revert(int(row["id"]))
            st.rerun()
    st.page_link("pages/history.py", label="Open in History", icon=":material/history:",
                 query_params={"c": ",".join(str(i) for i in ids)})


def note_input(key: str) -> str:
    """The optional 'why' of a correction."""
    return str(st.text_input("Note (why; optional)", key=key, max_chars=500) or "")
