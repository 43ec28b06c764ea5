"""Timeline tables: events grouped from their reports, placed on rows by side or actor, with
date spans that show precision; the article-publication track and the venue track.

Pure: pandas in, new pandas frames out, no Streamlit. Hover texts are English (names from
the actors/places tables); article-derived strings in hovers are escaped (plotly reads
HTML entities and a few tags in its labels).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine

from parley.extract.links import EdgeCues, cue_found, default_edge_cues
from parley.filters import Filters
from parley.render.html import esc
from parley.store import timeline_queries as q
from parley.text.normalize import normalize

RowMode = Literal["side", "actor"]
VENUE_ROLES = ("proposed", "moved_from", "moved_to", "talks_venue")  # where talks were proposed/moved/held
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}

EVENT_COLUMNS = ("event_id", "date", "date_precision", "kind", "actor_ids", "place_id",
                 "n_reports", "article_ids")
ROW_COLUMNS = ("event_id", "row", "kind", "start", "end", "mid", "date_precision", "hover")
ARTICLE_TRACK_COLUMNS = ("article_id", "n", "start", "end", "mid", "date_precision", "lang", "hover")
VENUE_TRACK_COLUMNS = ("place_id", "place_en", "role", "start", "end", "mid", "date_precision",
                       "asked_by", "article_id", "segment_idx", "hover")
ROLE_EN = {"proposed": "proposed", "moved_from": "moved from", "moved_to": "moved to",
           "talks_venue": "talks held", "visit": "visit", "mentioned": "mentioned"}


def date_span(day: Any, precision: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date of ``precision`` may mean (a month is its whole month)."""
    if _isna(day):
        return None
    day = pd.Timestamp(day).date()
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return dt.date(day.year, day.month, 1), dt.date(day.year, day.month, last)
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def date_label(day: Any, precision: str) -> str:
    """A date as an analyst reads it: 2026-01-31, 'February 2026', '2026', or 'undated'."""
    span = date_span(day, precision)
    if span is None:
        return "undated"
    if precision == "month":
        return span[0].strftime("%B %Y")
    if precision == "year":
        return str(span[0].year)
    return span[0].isoformat()


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``df`` as plain dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def _column_map(df: pd.DataFrame, key: str, value: str) -> dict[str, Any]:
    """{df[key]: df[value]} as a plain dict (empty for an empty frame)."""
    if df.empty:
        return {}
    return {str(k): v for k, v in zip(df[key], df[value], strict=True)}


def _isna(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


def merge_reports(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event_id from its reports: the most precise (then most reported) date, the
    most reported kind and place, all actors, and the reporting articles.

    Plain Python over the columns: a pandas groupby costs ~1 ms per group, far too much for
    thousands of events.
    """
    if events.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    groups: dict[str, list[int]] = {}
    ids = [str(x) for x in events["event_id"].tolist()]
    for i, eid in enumerate(ids):
        groups.setdefault(eid, []).append(i)
    dates = events["date"].tolist()
    precs = [str(p) for p in events["date_precision"].tolist()]
    kinds = [str(k) for k in events["kind"].tolist()]
    actor_ids = events["actor_ids"].tolist()
    place_ids = events["place_id"].tolist()
    article_ids = [str(a) for a in events["article_id"].tolist()]
    rows = []
    for eid, idx in groups.items():
        dated = [i for i in idx if not _isna(dates[i])]
        if dated:
            best = min(PRECISION_RANK.get(precs[i], 3) for i in dated)
            pairs = Counter((pd.Timestamp(dates[i]).date(), precs[i]) for i in dated
                            if PRECISION_RANK.get(precs[i], 3) == best)
            (day, prec), _ = pairs.most_common(1)[0]
        else:
            day, prec = None, "unknown"
        actors: list[str] = []
        for i in idx:
            actors += [a for a in _ids(actor_ids[i]) if a not in actors]
        places = [str(place_ids[i]) for i in idx if isinstance(place_ids[i], str) and place_ids[i]]
        rows.append({
            "event_id": eid, "date": day, "date_precision": prec,
            "kind": Counter(kinds[i] for i in idx).most_common(1)[0][0],
            "actor_ids": ";".join(actors),
            "place_id": Counter(places).most_common(1)[0][0] if places else None,
            "n_reports": len(idx),
            "article_ids": ";".join(dict.fromkeys(article_ids[i] for i in idx)),
        })
    out = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    return out.sort_values(["date", "event_id"], na_position="last").reset_index(drop=True)


def _names(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(a, a) for a in ids)


def _mid(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def timeline_rows(events: pd.DataFrame, actors: pd.DataFrame, places: pd.DataFrame | None = None,
                  *, by: RowMode = "side", only: tuple[str, ...] = ()) -> pd.DataFrame:
    """Merged events placed on rows (a side, or an actor's English name); one row per (event, row).

    ``only`` limits the rows to these sides (by="side") or actor ids (by="actor"). Undated
    events are left out (the page counts them).
    """
    name_en = {k: str(v) for k, v in _column_map(actors, "actor_id", "name_en").items()}
    side_of = {k: str(v) for k, v in _column_map(actors, "actor_id", "side").items()}
    place_en = _column_map(places, "place_id", "name_en") if places is not None else {}
    rows = []
    for ev in _records(events):
        prec = str(ev["date_precision"])
        span = date_span(ev["date"], prec)
        if span is None:
            continue
        ids = _ids(ev["actor_ids"])
        if by == "side":
            keys = list(dict.fromkeys(side_of.get(a, "other") for a in ids)) or ["other"]
            labels = dict(zip(keys, keys, strict=True))
        else:
            keys = ids or ["(no actor)"]
            labels = {a: name_en.get(a, a) for a in keys}
        if only:
            keys = [k for k in keys if k in only]
        place = str(place_en.get(str(ev["place_id"]), ev["place_id"])) if not _isna(ev["place_id"]) else ""
        n = int(ev["n_reports"])
        hover = (f"<b>{esc(str(ev['kind']).capitalize())}</b><br>{date_label(ev['date'], prec)}"
                 f" ({esc(prec)} precision)<br>{esc(_names(ids, name_en)) or 'no actor named'}"
                 + (f"<br>in {esc(place)}" if place else "")
                 + f"<br>{n} report{'s' if n != 1 else ''}")
        for k in keys:
            rows.append({"event_id": ev["event_id"], "row": labels[k], "kind": str(ev["kind"]),
                         "start": span[0], "end": span[1], "mid": _mid(*span),
                         "date_precision": prec, "hover": hover})
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def article_track(articles: pd.DataFrame, *, listed: int = 3) -> pd.DataFrame:
    """Dated articles on their own track, one mark per publication date (a point for a day, a
    span for a month or year) with the count; the hover names the first ``listed`` articles."""
    groups: dict[tuple[dt.date, dt.date, str], list[dict[str, Any]]] = {}
    for a in _records(articles):
        prec = str(a["date_precision"])
        span = date_span(a["published"], prec)
        if span is not None:
            groups.setdefault((span[0], span[1], prec), []).append(a)
    rows = []
    for (start, end, prec), arts in sorted(groups.items()):
        lines = []
        for a in arts[:listed]:
            title = str(a["id"] if _isna(a["title"]) else a["title"])
            outlet = "unknown outlet" if _isna(a["outlet"]) else str(a["outlet"])
            lines.append(f"<b>{esc(outlet)}</b> ({esc(a['lang'])}): {esc(title[:80])}")
        more = f"<br>and {len(arts) - listed} more" if len(arts) > listed else ""
        n = len(arts)
        hover = (f"{n} article{'s' if n != 1 else ''} published {date_label(start, prec)}<br>"
                 + "<br>".join(lines) + more)
        rows.append({"article_id": arts[0]["id"], "n": n, "start": start, "end": end,
                     "mid": _mid(start, end), "date_precision": prec,
                     "lang": Counter(str(a["lang"]) for a in arts).most_common(1)[0][0], "hover": hover})
    return pd.DataFrame(rows, columns=list(ARTICLE_TRACK_COLUMNS))


def _askers(seg_text: str, seg_start: int, seg_mentions: pd.DataFrame, cues: EdgeCues,
            names: dict[str, str]) -> list[str]:
    """Actors the sentence says asked for the venue: named right after an 'after' cue
    ('بناءً على طلب إيران'), or right before a 'before' cue ('مصر وتركيا وقطر على تنظيم')."""
    norm = normalize(seg_text)
    found: list[str] = []
    spans = sorted(zip(seg_mentions["start"], seg_mentions["end"], seg_mentions["actor_id"], strict=True))
    for side, table in (("after", cues.request_after), ("before", cues.request_before)):
        for lang, words in table.items():
            for w in words:
                at = norm.text.find(w)
                if at < 0 or not cue_found(norm.text, lang, w):
                    continue
                c0, c1 = norm.span(at, at + len(w))
                c0, c1 = c0 + seg_start, c1 + seg_start
                if side == "after":
                    after = [(s, a) for s, _e, a in spans if c1 <= s <= c1 + 30]
                    if after:
                        found.append(min(after)[1])
                else:
                    found += [a for s, e, a in spans if e <= c0 and c0 - e <= 40]
    return [names.get(a, a) for a in dict.fromkeys(found)]


def venue_track(venues: pd.DataFrame, events: pd.DataFrame, mentions: pd.DataFrame,
                segments: pd.DataFrame, actors: pd.DataFrame, places: pd.DataFrame,
                cues: EdgeCues | None = None) -> pd.DataFrame:
    """Where talks were proposed, moved or held, dated and with who asked, in date order.

    venues: article_id, segment_idx, place_id, role, published, article_precision.
    A venue takes the date of an event reported in the same sentence, else its article's date.
    mentions (article_id, segment_idx, actor_id, start, end) and segments (article_id,
    segment_idx, start, text) give who asked.
    """
    c = cues or default_edge_cues()
    v = venues[venues["role"].isin(VENUE_ROLES)] if len(venues) else venues
    if v.empty:
        return pd.DataFrame(columns=list(VENUE_TRACK_COLUMNS))
    names = {k: str(x) for k, x in _column_map(actors, "actor_id", "name_en").items()}
    place_en = _column_map(places, "place_id", "name_en")
    ev_date: dict[tuple[str, int], tuple[Any, str]] = {}
    for e in _records(events):
        if not _isna(e["date"]):
            key = (str(e["article_id"]), int(e["segment_idx"]))
            ev_date.setdefault(key, (e["date"], str(e["date_precision"])))
    seg_info = {(str(s["article_id"]), int(s["segment_idx"])): (str(s["text"]), int(s["start"]))
                for s in _records(segments)}
    by_seg: dict[tuple[str, int], pd.DataFrame] = {}
    if len(mentions):
        for keys, grp in mentions.groupby(["article_id", "segment_idx"]):
            art, seg = tuple(keys)
            by_seg[(str(art), int(str(seg)))] = grp
    rows = []
    for r in _records(v):
        key = (str(r["article_id"]), int(r["segment_idx"]))
        day, prec = ev_date.get(key, (r["published"], str(r["article_precision"])))
        span = date_span(day, prec)
        if span is None:
            continue
        asked: list[str] = []
        if key in seg_info and key in by_seg:
            asked = _askers(*seg_info[key], by_seg[key], c, names)
        place = str(place_en.get(str(r["place_id"]), r["place_id"]))
        role = ROLE_EN.get(str(r["role"]), str(r["role"]))
        hover = (f"<b>{esc(place)}</b>: {esc(role)}<br>{date_label(day, prec)} ({esc(prec)} precision)"
                 + (f"<br>asked by {esc(', '.join(asked))}" if asked else ""))
        rows.append({"place_id": r["place_id"], "place_en": place, "role": str(r["role"]),
                     "start": span[0], "end": span[1], "mid": _mid(*span), "date_precision": prec,
                     "asked_by": ", ".join(asked), "article_id": key[0],
                     "segment_idx": key[1], "hover": hover})
    out = pd.DataFrame(rows, columns=list(VENUE_TRACK_COLUMNS))
    order = {role: i for i, role in enumerate(("proposed", "moved_from", "moved_to", "talks_venue"))}
    out["_o"] = out["role"].map(order)
    return out.sort_values(["mid", "_o", "place_id"]).drop(columns="_o").reset_index(drop=True)


def venue_path(track: pd.DataFrame) -> list[str]:
    """The venues in the order the story moved through them (Ankara → Istanbul → Muscat)."""
    path: list[str] = []
    for place in track["place_en"]:
        if not path or path[-1] != place:
            path.append(str(place))
    # A place named again later (moved_from after it was proposed) keeps its first position.
    return list(dict.fromkeys(path))


@dataclass(frozen=True)
class TimelineView:
    """Everything the timeline page draws: event rows, article and venue tracks, counts."""

    events: pd.DataFrame  # merged events (EVENT_COLUMNS), undated included
    rows: pd.DataFrame  # ROW_COLUMNS
    articles: pd.DataFrame  # ARTICLE_TRACK_COLUMNS
    venues: pd.DataFrame  # VENUE_TRACK_COLUMNS
    undated: int  # events with no date (not drawn)
    path: tuple[str, ...]  # the venues in story order


def timeline_view(engine: Engine, filters: Filters, by: RowMode = "side") -> TimelineView:
    """Read and shape the filtered events, articles and venues for the timeline page."""
    reports = q.load_event_reports(engine, filters)
    actors = q.load_actors(engine)
    places = q.load_places(engine)
    merged = merge_reports(reports)
    only = filters.sides if by == "side" else filters.actors
    rows = timeline_rows(merged, actors, places, by=by, only=only)
    venue_rows = q.load_venues(engine, filters)
    ment, segs = q.load_venue_context(engine, venue_rows)
    venues = venue_track(venue_rows, reports, ment, segs, actors, places)
    return TimelineView(
        events=merged, rows=rows, articles=article_track(q.load_articles(engine, filters)), venues=venues,
        undated=int(merged["date"].isna().sum()) if len(merged) else 0, path=tuple(venue_path(venues)))
