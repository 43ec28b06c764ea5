"""The facts table of a comparison: which source carries which actor, venue, position, quote and
event, and where the sources disagree (different dates, venues or stances).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from parley.analyze.compare_model import (
    AlignedRow,
    Source,
    display_name,
    empty_frame,
    frame_rows,
    iso_day,
    split_ids,
)
from parley.analyze.groups import DisjointSets

CURRENT_VENUE_ROLES = frozenset({"talks_venue", "moved_to"})
FACT_COLUMNS = ("kind", "key", "fact", "carried_by", "only_in", "disagreement", "note")
FACT_KINDS = ("published", "actor", "venue", "position", "quote", "event")


Report = tuple[str, dict[str, object]]  # (source key, one events row)


def _event_clusters(sources: Sequence[Source], kinds: Mapping[str, str],
                    rows: Sequence[AlignedRow] = ()) -> list[list[Report]]:
    """Group event reports across sources into one development each.

    Two reports are the same development when they share an event_id, or have the same kind
    and either sit in passages aligned on one row, or name the same people (a shared Trump
    alone is not enough: he is in most reports).
    """
    reports = [(s.key, e) for s in sources for e in frame_rows(s.events)]
    row_of = {(src, ref.article_id, ref.idx): i for i, r in enumerate(rows) for src, ref in r.cells.items()}

    def row(key: str, e: Mapping[str, object]) -> int | None:
        return row_of.get((key, str(e.get("article_id")), int(str(e.get("segment_idx")))))
    sets = DisjointSets(len(reports))

    def people(e: Mapping[str, object]) -> frozenset[str]:
        return frozenset(a for a in split_ids(e.get("actor_ids")) if kinds.get(a, "person") == "person")

    for i, (ki, ei) in enumerate(reports):
        for j in range(i + 1, len(reports)):
            kj, ej = reports[j]
            if ki == kj:
                continue  # two reports in one source stay two facts unless extraction merged them
            same_id = bool(ei.get("event_id")) and ei.get("event_id") == ej.get("event_id")
            same_kind = ei.get("kind") == ej.get("kind")
            ri = row(ki, ei)
            same_row = ri is not None and ri == row(kj, ej)
            same_people = bool(people(ei)) and people(ei) == people(ej)
            if same_id or (same_kind and (same_row or same_people)):
                sets.union(j, i)
    return [[reports[i] for i in members] for members in sets.groups().values()]


def facts_table(sources: Sequence[Source], *, actors: pd.DataFrame | None = None,
                places: pd.DataFrame | None = None, rows: Sequence[AlignedRow] = ()) -> pd.DataFrame:
    """One row per fact with which sources carry it; ``disagreement`` where they differ.

    Columns: FACT_COLUMNS, then one column per source label holding that source's cell
    ("yes", a date, "no date", a count of quotes, or "" when the source lacks the fact).
    """
    names = name_map(actors, places)
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True)) if actors is not None and \
        not actors.empty else {}
    labels = {s.key: s.label for s in sources}
    out: list[dict[str, object]] = []

    def add(kind: str, key: str, fact: str, cells: Mapping[str, str], disagreement: bool = False,
            note: str = "") -> None:
        carried = tuple(k for k in labels if cells.get(k))
        row: dict[str, object] = {
            "kind": kind, "key": key, "fact": fact, "carried_by": ", ".join(labels[k] for k in carried),
            "only_in": labels[carried[0]] if len(carried) == 1 and len(labels) > 1 else "",
            "disagreement": disagreement, "note": note,
        }
        row.update({labels[k]: cells.get(k, "") for k in labels})
        out.append(row)

    # Publication dates: an undated source says so, it is never given today's date.
    if not any(s.is_group for s in sources):
        cells = {}
        for s in sources:
            art = next(iter(frame_rows(s.articles)), {})
            cells[s.key] = iso_day(art.get("published")) or "no date"
        days = {v for v in cells.values() if v != "no date"}
        undated = [labels[k] for k, v in cells.items() if v == "no date"]
        note = ("no date: " + ", ".join(undated)) if undated else ("different days" if len(days) > 1 else "")
        add("published", "published", "publication date", cells, note=note)

    # Actors.
    seen: dict[str, dict[str, int]] = defaultdict(dict)
    for s in sources:
        for m in frame_rows(s.mentions):
            aid = str(m["actor_id"])
            seen[aid][s.key] = seen[aid].get(s.key, 0) + 1
    for aid in sorted(seen, key=lambda a: (-len(seen[a]), display_name(names, a))):
        add("actor", aid, display_name(names, aid), {k: "yes" for k in seen[aid]})

    # Venues: (place, role). Sources naming different current venues disagree.
    venue_cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    current: dict[str, set[str]] = defaultdict(set)
    for s in sources:
        for v in frame_rows(s.venues):
            pid, role = str(v["place_id"]), str(v["role"])
            venue_cells[(pid, role)][s.key] = "yes"
            if role in CURRENT_VENUE_ROLES:
                current[s.key].add(pid)
    named = [k for k in labels if current.get(k)]
    venue_clash = any(current[a].isdisjoint(current[b]) for i, a in enumerate(named) for b in named[i + 1:])
    for (pid, role), cells in sorted(venue_cells.items()):
        clash = venue_clash and role in CURRENT_VENUE_ROLES
        note = ("sources name different talks venues: " + "; ".join(
            f"{labels[k]}: {', '.join(display_name(names, p) for p in sorted(current[k]))}" for k in named)
        ) if clash else ""
        add("venue", f"{pid}/{role}", f"{display_name(names, pid)} ({role})", cells, clash, note)

    # Positions: (actor, topic, stance); the same actor and topic with other stances disagree.
    pos_cells: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    stances: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in sources:
        for p in frame_rows(s.positions):
            a, t, st = str(p["actor_id"]), str(p["topic"]), str(p["stance"])
            pos_cells[(a, t, st)][s.key] = "yes"
            stances[(a, t)][s.key].add(st)
    for (a, t, st), cells in sorted(pos_cells.items()):
        per = stances[(a, t)]
        clash = len(per) > 1 and any(per[x].isdisjoint(per[y]) for x in per for y in per if x < y)
        note = "stances differ: " + "; ".join(f"{labels[k]}: {', '.join(sorted(v))}"
                                              for k, v in per.items()) if clash else ""
        add("position", f"{a}/{t}/{st}", f"{display_name(names, a)}: {st} on {t}", cells, clash, note)

    # Quotes, by speaker.
    quoted: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sources:
        for q in frame_rows(s.quotes):
            sp = q.get("speaker_id")
            quoted[sp if isinstance(sp, str) and sp else "unattributed"][s.key] += 1
    for sp in sorted(quoted, key=lambda x: (-len(quoted[x]), x)):
        cnt = quoted[sp]
        add("quote", sp, f"quoted: {display_name(names, sp)}",
            {k: f"{n} quote{'s' if n > 1 else ''}" for k, n in cnt.items()})

    # Events: the same development across sources; different dates or places disagree.
    for cluster in _event_clusters(sources, kinds, rows):
        dates: dict[str, set[str]] = defaultdict(set)
        where: dict[str, set[str]] = defaultdict(set)
        present: set[str] = set()
        actor_ids: Counter[str] = Counter()
        kind = str(cluster[0][1].get("kind", "event"))
        for key, e in cluster:
            present.add(key)
            day = iso_day(e.get("date"))
            if day:
                dates[key].add(day)
            if isinstance(e.get("place_id"), str) and e["place_id"]:
                where[key].add(str(e["place_id"]))
            actor_ids.update(split_ids(e.get("actor_ids")))
        cells = {k: ", ".join(sorted(dates[k])) if dates.get(k) else "no date" for k in present}
        dated = [k for k in present if dates.get(k)]
        date_clash = any(dates[a].isdisjoint(dates[b]) for i, a in enumerate(dated) for b in dated[i + 1:])
        placed = [k for k in present if where.get(k)]
        place_clash = any(where[a].isdisjoint(where[b]) for i, a in enumerate(placed) for b in placed[i + 1:])
        notes = []
        if date_clash:
            notes.append("different dates")
        if place_clash:
            notes.append("different places: " + "; ".join(
                f"{labels[k]}: {', '.join(display_name(names, p) for p in sorted(where[k]))}"
                for k in placed))
        undated = [labels[k] for k in present if not dates.get(k)]
        if undated:
            notes.append("no date in " + ", ".join(undated))
        who = ", ".join(display_name(names, a) for a, _ in actor_ids.most_common(3))
        places_all = sorted({p for ps in where.values() for p in ps})
        at = f" in {', '.join(display_name(names, p) for p in places_all)}" if places_all else ""
        add("event", f"{kind}/{'+'.join(sorted(actor_ids))}", f"{kind}: {who}{at}".strip(),
            cells, date_clash or place_clash, "; ".join(notes))

    columns = [*FACT_COLUMNS, *labels.values()]
    if not out:
        return empty_frame(columns)
    return pd.DataFrame(out, columns=columns)


def name_map(actors: pd.DataFrame | None, places: pd.DataFrame | None) -> dict[str, str]:
    """Canonical id -> English name, from the actors and places tables."""
    out: dict[str, str] = {}
    for frame, key in ((places, "place_id"), (actors, "actor_id")):
        if frame is not None and not frame.empty:
            out.update(zip(frame[key].astype(str), frame["name_en"].astype(str), strict=True))
    return out
