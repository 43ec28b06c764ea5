"""Analyst curation: corrections over extracted rows, checked against the vocabulary.

Each function records one correction (parley/store/curation.py keeps the record and applies it
over the extracted rows, for every read). Values are checked here against the data files
(topics, stances with their polarity, event kinds) and the fixed sides, kinds, roles and date
precisions; a bad value raises CurationError naming it. ``who`` is the analyst (an email when
signed in, PARLEY_USER or 'local' otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from parley.datafiles import load_yaml
from parley.errors import ParleyError
from parley.store import curation as store
from parley.store.curation import Span

SIDES = ("us", "iran", "mediator", "israel", "gulf", "europe", "media", "other")
ACTOR_KINDS = ("person", "state", "org", "media")
VENUE_ROLES = ("talks_venue", "proposed", "moved_from", "moved_to", "visit", "mentioned")
PRECISIONS = ("day", "month", "year", "unknown")
_ACTOR_ID = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


class CurationError(ParleyError):
    """A correction with a value the vocabulary does not have."""


@dataclass(frozen=True)
class Vocabulary:
    """What a correction may set: topics, stances (with polarity) and event kinds from the data
    files, and the fixed sides, actor kinds, venue roles and date precisions."""

    topics: tuple[str, ...]
    stances: dict[str, int]
    event_kinds: tuple[str, ...]
    sides: tuple[str, ...] = SIDES
    actor_kinds: tuple[str, ...] = ACTOR_KINDS
    venue_roles: tuple[str, ...] = VENUE_ROLES
    precisions: tuple[str, ...] = PRECISIONS


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, read once from data/gazetteer/ (topics.yaml, stances.yaml, event_cues.yaml)."""
    stances = {str(k): int(v.get("polarity", 0)) for k, v in (load_yaml("stances.yaml")["stances"]).items()}
    return Vocabulary(topics=tuple(str(t) for t in load_yaml("topics.yaml")["topics"]), stances=stances,
                      event_kinds=tuple(str(k) for k in load_yaml("event_cues.yaml")["events"]))


def _one_of(what: str, value: Any, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise CurationError(f"{what} must be one of {', '.join(allowed)}, not {str(value)[:40]!r}")
    return str(value)


def _changed(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    after = {k: v for k, v in wanted.items() if v is not None and current.get(k) != v}
    if not after:
        raise CurationError("nothing to change: the values are the ones shown")
    return after


# --- positions ------------------------------------------------------------------------------

def edit_position(engine: Engine, who: str, row_id: int, *, actor_id: str | None = None,
                  topic: str | None = None, stance: str | None = None, note: str = "") -> int:
    """Change a position's actor, topic or stance (row_id: the positions row shown)."""
    v = vocabulary()
    if topic is not None:
        _one_of("topic", topic, v.topics)
    if stance is not None:
        _one_of("stance", stance, tuple(v.stances))
    t = store.target_of(engine, "positions", row_id)
    after = _changed(t.current, {"actor_id": actor_id, "topic": topic, "stance": stance})
    if "stance" in after:
        after["polarity"] = v.stances[after["stance"]]
    before = {k: t.current[k] for k in after}
    return store.record(engine, who, "position_edit", t.key, after, before=before, note=note, span=t.span)


def delete_position(engine: Engine, who: str, row_id: int, note: str = "") -> int:
    """Delete a position (it stays in the record and can be reverted)."""
    t = store.target_of(engine, "positions", row_id)
    before = {k: t.current[k] for k in ("actor_id", "topic", "stance")}
    return store.record(engine, who, "position_delete", t.key, {}, before=before, note=note, span=t.span)


def add_position(engine: Engine, who: str, span: Span, segment_idx: int, *, actor_id: str, topic: str,
                 stance: str, note: str = "") -> int:
    """Add a position with its evidence span (a sentence selected in /read)."""
    v = vocabulary()
    after = {"actor_id": actor_id, "topic": _one_of("topic", topic, v.topics),
             "stance": _one_of("stance", stance, tuple(v.stances)), "polarity": v.stances[stance],
             "segment_idx": int(segment_idx)}
    return store.record(engine, who, "position_add", {}, after, note=note, span=span)


# --- events and venues ------------------------------------------------------------------------

def edit_event(engine: Engine, who: str, row_id: int, *, date: dt.date | str | None = "",
               precision: str | None = None, place_id: str | None = None, kind: str | None = None,
               note: str = "") -> int:
    """Correct an event report's date (with precision), place or kind (date '' leaves it; None
    makes it undated; place '' removes it)."""
    v = vocabulary()
    if kind is not None:
        _one_of("kind", kind, v.event_kinds)
    if precision is not None:
        _one_of("date precision", precision, v.precisions)
    t = store.target_of(engine, "events", row_id)
    wanted: dict[str, Any] = {"kind": kind, "date_precision": precision, "place_id": place_id}
    after = {k: val for k, val in wanted.items() if val is not None and t.current.get(k) != val}
    if date != "":
        day = date.isoformat() if isinstance(date, dt.date) else None
        if day != t.current.get("date"):
            after["date"] = day
    if not after:
        raise CurationError("nothing to change: the values are the ones shown")
    before = {k: t.current.get(k) for k in after}
    return store.record(engine, who, "event_edit", t.key, after, before=before, note=note, span=t.span)


def add_event(engine: Engine, who: str, span: Span, segment_idx: int, *, kind: str, date: dt.date | None,
              precision: str, actor_ids: Sequence[str], place_id: str | None = None, note: str = "") -> int:
    """Add an event with its evidence span."""
    v = vocabulary()
    after = {"kind": _one_of("kind", kind, v.event_kinds), "date": date.isoformat() if date else None,
             "date_precision": _one_of("date precision", precision if date else "unknown", v.precisions),
             "actor_ids": ";".join(actor_ids), "place_id": place_id or None, "segment_idx": int(segment_idx)}
    return store.record(engine, who, "event_add", {}, after, note=note, span=span)


def set_venue_role(engine: Engine, who: str, row_id: int, role: str, note: str = "") -> int:
    """Change a venue row's role (talks venue, proposed, moved from/to, visit, mentioned)."""
    _one_of("role", role, VENUE_ROLES)
    t = store.target_of(engine, "venues", row_id)
    after = _changed(t.current, {"role": role})
    return store.record(engine, who, "venue_role", t.key, after, before={"role": t.current["role"]},
                        note=note, span=t.span)


# --- actors -----------------------------------------------------------------------------------

def set_actor_side(engine: Engine, who: str, actor_id: str, side: str, note: str = "") -> int:
    """Change an actor's side."""
    _one_of("side", side, SIDES)
    actor = store.actor_row(engine, actor_id)
    if actor is None:
        raise CurationError(f"no actor {actor_id!r}")
    after = _changed(actor, {"side": side})
    return store.record(engine, who, "actor_side", {"actor_id": actor_id}, after,
                        before={"side": actor["side"]}, note=note)


def merge_actors(engine: Engine, who: str, actor_id: str, into: str, note: str = "") -> int:
    """Merge ``actor_id`` into ``into``: its mentions, positions, quotes and events become theirs."""
    if store.actor_row(engine, actor_id) is None or store.actor_row(engine, into) is None:
        raise CurationError(f"both actors must exist ({actor_id!r}, {into!r})")
    return store.record(engine, who, "actor_merge", {"actor_id": actor_id}, {"into": into},
                        before={"actor_id": actor_id}, note=note)


def _candidate(engine: Engine, candidate_id: int) -> store.Target:
    return store.target_of(engine, "candidates", candidate_id)


def accept_candidate(engine: Engine, who: str, candidate_id: int, *, actor_id: str, name_en: str,
                     name_ar: str = "", name_fa: str = "", kind: str = "person", side: str = "other",
                     lang: str = "", note: str = "") -> int:
    """Accept a candidate name as a new actor; every candidate of that name becomes its mention."""
    if not _ACTOR_ID.match(actor_id):
        raise CurationError("an actor id is lower-case ASCII letters, digits and '_' (2-63), "
                            "e.g. hakan_fidan")
    if not name_en.strip():
        raise CurationError("a new actor needs an English name")
    c = _candidate(engine, candidate_id)
    after = {"actor_id": actor_id, "name_en": name_en.strip()[:200], "name_ar": name_ar.strip()[:200],
             "name_fa": name_fa.strip()[:200], "kind": _one_of("kind", kind, ACTOR_KINDS),
             "side": _one_of("side", side, SIDES), "surface": c.current["surface"], "lang": lang}
    return store.record(engine, who, "actor_accept", {"normalized": c.current["normalized"]}, after,
                        before={"status": c.current["status"]}, note=note, span=c.span)


def alias_candidate(engine: Engine, who: str, candidate_id: int, actor_id: str, *, lang: str = "",
                    note: str = "") -> int:
    """Accept a candidate name as another name of an existing actor."""
    c = _candidate(engine, candidate_id)
    if store.actor_row(engine, actor_id) is None:
        raise CurationError(f"no actor {actor_id!r}")
    after = {"actor_id": actor_id, "surface": c.current["surface"], "lang": lang}
    return store.record(engine, who, "actor_alias", {"normalized": c.current["normalized"]}, after,
                        before={"status": c.current["status"]}, note=note, span=c.span)


def revert(engine: Engine, who: str, correction_id: int, note: str = "") -> int:
    """Undo a correction (recorded as a correction of kind 'revert')."""
    return store.revert(engine, who, correction_id, note)


__all__ = ["CurationError", "Span", "Vocabulary", "accept_candidate", "add_event", "add_position",
           "alias_candidate", "delete_position", "edit_event", "edit_position", "merge_actors", "revert",
           "set_actor_side", "set_venue_role", "vocabulary"]
