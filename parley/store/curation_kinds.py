"""What each kind of correction does to the curated rows (registered in overlay.APPLIERS).

Every applier gets the overlay, the correction row, its target key and its ``after`` values, and
raises overlay.Flag when it cannot apply (its row or span is gone, an actor it names is unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parley.store.overlay import APPLIERS, Applier, Flag, Overlay, as_date, split_ids, without
from parley.store.schema import (
    extracted_candidates,
    extracted_events,
    extracted_mentions,
    extracted_positions,
    extracted_quotes,
)


def _kind(name: str) -> Callable[[Applier], Applier]:
    def register(fn: Applier) -> Applier:
        APPLIERS[name] = fn
        return fn

    return register


def _rows(o: Overlay, table: str, target: dict[str, Any]) -> list[Any]:
    rows = o.find(table, target)
    if not rows:
        raise Flag(f"the {table[:-1]} it corrects is no longer extracted")
    return rows


def _need_actor(o: Overlay, actor_id: Any) -> None:
    if not actor_id or not o.actor_exists(str(actor_id)):
        raise Flag(f"actor {actor_id!r} does not exist")


@_kind("position_edit")
def _position_edit(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    if "actor_id" in after:
        _need_actor(o, after["actor_id"])
    for r in _rows(o, "positions", target):
        r.values.update({k: after[k] for k in ("actor_id", "topic", "stance", "polarity") if k in after})
        r.by.append(c.id)


@_kind("position_delete")
def _position_delete(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    for r in _rows(o, "positions", target):
        r.deleted = True
        r.by.append(c.id)


@_kind("position_add")
def _position_add(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    evidence = o.check_span(c)
    _need_actor(o, after["actor_id"])
    o.add("positions", {"article_id": c.article_id, "segment_idx": int(after.get("segment_idx", 0)),
                        "actor_id": after["actor_id"], "topic": after["topic"], "stance": after["stance"],
                        "polarity": int(after.get("polarity", 0)), "condition": None, "cues": "",
                        "confidence": 1.0, "start": c.span_start, "end": c.span_end, "evidence": evidence},
          c.id)


_EVENT_FIELDS = ("kind", "place_id", "date_precision")


@_kind("event_edit")
def _event_edit(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    for r in _rows(o, "events", target):
        r.values.update({k: after[k] or None if k == "place_id" else after[k] for k in _EVENT_FIELDS
                         if k in after})
        if "date" in after:
            r.values["date"] = as_date(after["date"])
            r.values["date_basis"] = f"corrected by {c.who}"
            if r.values["date"] is None:
                r.values["date_precision"] = "unknown"
        r.by.append(c.id)


@_kind("event_add")
def _event_add(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    evidence = o.check_span(c)
    actors = split_ids(after.get("actor_ids"))
    for a in actors:
        _need_actor(o, a)
    day = as_date(after.get("date"))
    o.add("events", {"event_id": f"curated{c.id}", "article_id": c.article_id,
                     "segment_idx": int(after.get("segment_idx", 0)), "date": day,
                     "date_precision": after.get("date_precision") or ("day" if day else "unknown"),
                     "date_basis": f"added by {c.who}", "kind": after["kind"], "actor_ids": ";".join(actors),
                     "place_id": after.get("place_id") or None, "start": c.span_start, "end": c.span_end,
                     "evidence": evidence, "status": after.get("status") or "happened"}, c.id)


@_kind("venue_role")
def _venue_role(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    for r in _rows(o, "venues", target):
        r.values["role"] = after["role"]
        r.by.append(c.id)


@_kind("candidate_status")
def _candidate_status(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    for r in _rows(o, "candidates", target):
        r.values["status"] = after["status"]
        r.by.append(c.id)


@_kind("actor_side")
def _actor_side(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    rows = o.find("actors", target)
    if not rows:
        raise Flag(f"actor {target.get('actor_id')!r} does not exist")
    for r in rows:
        r.values["side"] = after["side"]
        r.by.append(c.id)


def _link_candidates(o: Overlay, c: Any, normalized: str, actor_id: str) -> None:
    """Every candidate of this normalised name becomes a mention of ``actor_id`` and is accepted."""
    rows = o.where_current("candidates", extracted_candidates.c.normalized == normalized,
                           lambda v: v["normalized"] == normalized)
    for r in rows:
        r.values["status"] = "accepted"
        r.by.append(c.id)
        v = r.values
        o.add("mentions", {"article_id": v["article_id"], "segment_idx": v["segment_idx"],
                           "actor_id": actor_id, "start": v["start"], "end": v["end"],
                           "surface": v["surface"], "via": "curated"}, c.id)


@_kind("actor_accept")
def _actor_accept(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    actor_id = str(after["actor_id"])
    if o.actor_exists(actor_id):
        raise Flag(f"actor {actor_id!r} exists already")
    o.add("actors", {"actor_id": actor_id, "name_en": after["name_en"],
                     "name_ar": after.get("name_ar") or None,
                     "name_fa": after.get("name_fa") or None, "kind": after.get("kind") or "person",
                     "side": after.get("side") or "other", "role": after.get("role") or None}, c.id)
    if target.get("normalized"):
        _link_candidates(o, c, str(target["normalized"]), actor_id)


@_kind("actor_alias")
def _actor_alias(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    _need_actor(o, after["actor_id"])
    _link_candidates(o, c, str(target["normalized"]), str(after["actor_id"]))


@_kind("actor_merge")
def _actor_merge(o: Overlay, c: Any, target: dict[str, Any], after: dict[str, Any]) -> None:
    old, new = str(target["actor_id"]), str(after["into"])
    if old == new:
        raise Flag("an actor cannot be merged into itself")
    gone = o.find("actors", {"actor_id": old})
    if not gone:
        raise Flag(f"actor {old!r} does not exist")
    _need_actor(o, new)
    for r in gone:
        r.deleted = True
        r.by.append(c.id)
    for table, col, base in (("mentions", "actor_id", extracted_mentions.c.actor_id),
                             ("positions", "actor_id", extracted_positions.c.actor_id),
                             ("quotes", "speaker_id", extracted_quotes.c.speaker_id)):
        def named(v: dict[str, Any], col: str = col) -> bool:
            return bool(v[col] == old)

        for r in o.where_current(table, base == old, named):
            r.values[col] = new
            r.by.append(c.id)
    ids = extracted_events.c.actor_ids
    for r in o.where_current("events", (";" + ids + ";").contains(f";{old};", autoescape=True),
                             lambda v: old in split_ids(v["actor_ids"])):
        r.values["actor_ids"] = without(split_ids(r.values["actor_ids"]), old, new)
        r.by.append(c.id)
