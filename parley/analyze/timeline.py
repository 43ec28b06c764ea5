"""Timeline tables: events grouped from their reports, placed on rows by side or actor, with
date spans that show precision; the article-publication track and the venue track.

Pure: pandas in, new pandas frames out, no Streamlit, no queries, no markup: the frames carry
the parts of each mark's hover (English names from the actors/places tables, the date label),
and parley.render.figures composes and escapes them.

The shaping walks each column once as a plain list, and works out a date's span and label
once per distinct date: per-row pandas access (records, Timestamps, small groupbys) cost
most of a 10,000-article page.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from parley.analyze.groups import happenings
from parley.extract.links import EdgeCues, cue_found, default_edge_cues
from parley.extract.records import ARTICLE_DATE
from parley.text.normalize import normalize

RowMode = Literal["side", "actor"]
VENUE_ROLES = ("proposed", "moved_from", "moved_to", "talks_venue")  # where talks were proposed/moved/held
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}

EVENT_COLUMNS = ("event_id", "date", "date_precision", "kind", "actor_ids", "place_id",
                 "n_reports", "article_ids", "status", "member_ids", "first_reported")
ROW_COLUMNS = ("event_id", "row", "kind", "start", "end", "mid", "date_precision", "status", "when",
               "actors_en", "place_en", "n_reports")
# One happening's reports may differ: done beats called off beats planned beats recalled context.
STATUS_ORDER = ("happened", "called_off", "planned", "background")
ARTICLE_TRACK_COLUMNS = ("article_id", "n", "start", "end", "mid", "date_precision", "lang", "when", "listed")
VENUE_TRACK_COLUMNS = ("place_id", "place_en", "role", "start", "end", "mid", "date_precision",
                       "asked_by", "article_id", "segment_idx", "role_en", "when")
ROLE_EN = {"proposed": "proposed", "moved_from": "moved from", "moved_to": "moved to",
           "talks_venue": "talks held", "planned": "talks to be held", "called_off": "talks called off",
           "visit": "visit", "mentioned": "mentioned"}
# The venue track reads the status of the sentence's event: talks at a venue that are only
# planned or were called off are not talks held there, and recalled background (earlier rounds)
# is not a step of this story's path.
VENUE_STATUS_ROLES = {"planned": "planned", "called_off": "called_off"}
TRACK_ORDER = ("proposed", "planned", "moved_from", "moved_to", "talks_venue", "called_off")


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


def _span_label(span: tuple[dt.date, dt.date] | None, precision: str) -> str:
    """date_label from a span already computed."""
    if span is None:
        return "undated"
    if precision == "month":
        return span[0].strftime("%B %Y")
    if precision == "year":
        return str(span[0].year)
    return span[0].isoformat()


def date_label(day: Any, precision: str) -> str:
    """A date as an analyst reads it: 2026-01-31, 'February 2026', '2026', or 'undated'."""
    return _span_label(date_span(day, precision), precision)


# A dated value placed on the axis: its span, the midpoint and the label (see _placements).
Placed = tuple[dt.date, dt.date, dt.date, str]


def _placements(days: list[Any], precisions: list[str]) -> list[Placed | None]:
    """(start, end, mid, label) of each (day, precision) pair, None when undated.

    A store holds a few hundred distinct dates for thousands of rows, and date_span costs a
    pandas Timestamp: each distinct pair is worked out once.
    """
    memo: dict[tuple[Any, str], Placed | None] = {}
    out: list[Placed | None] = []
    for key in zip(days, precisions, strict=True):
        if key not in memo:
            span = date_span(*key)
            memo[key] = None if span is None else (span[0], span[1], _mid(*span), _span_label(span, key[1]))
        out.append(memo[key])
    return out


def _column_map(df: pd.DataFrame, key: str, value: str) -> dict[str, Any]:
    """{df[key]: df[value]} as a plain dict (empty for an empty frame)."""
    if df.empty:
        return {}
    return {str(k): v for k, v in zip(df[key], df[value], strict=True)}


def _isna(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


def _str_list(values: pd.Series) -> list[str]:  # a list is cheaper to walk than the column
    return [str(v) for v in values.tolist()]


def _dates(values: pd.Series) -> list[dt.date | None]:
    """Each value as a date, None when missing. The store's reads give datetime columns, which
    numpy converts in one step; other columns (frames made by hand) go value by value."""
    if pd.api.types.is_datetime64_dtype(values.dtype):
        days: list[dt.date | None] = values.to_numpy().astype("datetime64[D]").tolist()
        return days
    return [None if _isna(v) else pd.Timestamp(v).date() for v in values.tolist()]


def _frame(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows (tuples) as a frame, each column's dtype inferred from its values."""
    return pd.DataFrame(rows, columns=list(columns))


def _most_common(items: list[Any]) -> Any:
    """The most frequent item, the first seen among equals (a dict: cheaper than a Counter)."""
    if len(items) == 1:
        return items[0]
    counts: dict[Any, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return max(counts, key=counts.__getitem__)  # max keeps the first of equal counts


def merge_reports(events: pd.DataFrame) -> pd.DataFrame:
    """One row per happening (see groups.happenings) from its reports: the most precise (then most
    reported) date, the most reported kind and place, all actors, the reporting articles, the
    status any report of it being done makes 'happened', and its reports' event ids.

    Plain Python over the columns: a pandas groupby costs ~1 ms per group, far too much for
    thousands of events. Most events have a single report, which needs no counting.
    """
    if events.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    ids = _str_list(events["event_id"])
    days = _dates(events["date"])
    precs = _str_list(events["date_precision"])
    ranks = [PRECISION_RANK.get(p, 3) for p in precs]
    kinds = _str_list(events["kind"])
    actor_ids = events["actor_ids"].tolist()
    place_ids = events["place_id"].tolist()
    article_ids = _str_list(events["article_id"])
    statuses = _str_list(events["status"]) if "status" in events.columns else ["happened"] * len(ids)
    published = _dates(events["published"]) if "published" in events.columns else [None] * len(ids)
    by_report = _str_list(events["date_basis"]) if "date_basis" in events.columns else [""] * len(ids)
    groups = happenings(ids, kinds, place_ids, days, precs, actor_ids,
                         [(a, b == ARTICLE_DATE) for a, b in zip(article_ids, by_report, strict=True)],
                         statuses)
    rows: list[tuple[Any, ...]] = []
    for eid, idx in groups.items():
        if len(idx) == 1:
            i = idx[0]
            day = days[i]
            place = place_ids[i]
            rows.append((eid, day, "unknown" if day is None else precs[i], kinds[i],
                         ";".join(_ids(actor_ids[i])), place if isinstance(place, str) and place else None,
                         1, article_ids[i], statuses[i], eid, published[i]))
            continue
        dated = [i for i in idx if days[i] is not None]
        if dated:
            best = min(ranks[i] for i in dated)
            day, prec = _most_common([(days[i], precs[i]) for i in dated if ranks[i] == best])
        else:
            day, prec = None, "unknown"
        actors: list[str] = []
        for i in idx:
            actors += [a for a in _ids(actor_ids[i]) if a not in actors]
        places = [str(place_ids[i]) for i in idx if isinstance(place_ids[i], str) and place_ids[i]]
        status = min((statuses[i] for i in idx),
                     key=lambda st: STATUS_ORDER.index(st) if st in STATUS_ORDER else len(STATUS_ORDER))
        rows.append((eid, day, prec, _most_common([kinds[i] for i in idx]), ";".join(actors),
                     _most_common(places) if places else None, len(idx),
                     ";".join(dict.fromkeys([article_ids[i] for i in idx])), status,
                     ";".join(dict.fromkeys(ids[i] for i in idx)),
                     min([d for d in (published[i] for i in idx) if d is not None], default=None)))
    out = _frame(rows, EVENT_COLUMNS)
    return out.sort_values(["date", "event_id"], na_position="last").reset_index(drop=True)


def _names(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(a, a) for a in ids)


def _mid(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def timeline_rows(events: pd.DataFrame, actors: pd.DataFrame, places: pd.DataFrame | None = None,
                  *, by: RowMode = "side", only: tuple[str, ...] = (),
                  happened_only: bool = False) -> pd.DataFrame:
    """Merged events placed on rows (a side, or an actor's English name); one row per (event, row).

    ``only`` limits the rows to these sides (by="side") or actor ids (by="actor"); with
    ``happened_only``, plans, called-off events and recalled background are left out. Undated
    events are left out (the page counts them).
    """
    name_en = {k: str(v) for k, v in _column_map(actors, "actor_id", "name_en").items()}
    side_of = {k: str(v) for k, v in _column_map(actors, "actor_id", "side").items()}
    place_en = _column_map(places, "place_id", "name_en") if places is not None else {}
    precs = _str_list(events["date_precision"])
    rows: list[tuple[Any, ...]] = []
    statuses = _str_list(events["status"]) if "status" in events.columns else ["happened"] * len(precs)
    for eid, placed, prec, kind, actor_ids, place_id, n_reports, status in zip(
            events["event_id"].tolist(), _placements(events["date"].tolist(), precs), precs,
            _str_list(events["kind"]), events["actor_ids"].tolist(), events["place_id"].tolist(),
            events["n_reports"].tolist(), statuses, strict=True):
        if placed is None or (happened_only and status != "happened"):
            continue
        ids = _ids(actor_ids)
        if by == "side":
            keys = list(dict.fromkeys([side_of.get(a, "other") for a in ids])) or ["other"]
        else:
            keys = ids or ["(no actor)"]
        if only:
            keys = [k for k in keys if k in only]
        if not keys:
            continue
        labels = keys if by == "side" else [name_en.get(a, a) for a in keys]  # the rows' names
        place = str(place_en.get(str(place_id), place_id)) if not _isna(place_id) else ""
        n = int(n_reports)
        start, end, mid, when = placed
        named = _names(ids, name_en)
        rows += [(eid, row, kind, start, end, mid, prec, status, when, named, place, n) for row in labels]
    return _frame(rows, ROW_COLUMNS)


def article_track(articles: pd.DataFrame, *, listed: int = 3) -> pd.DataFrame:
    """Dated articles on their own track, one mark per publication date (a point for a day, a
    span for a month or year) with the count; the hover names the first ``listed`` articles."""
    precs = _str_list(articles["date_precision"])
    groups: dict[tuple[dt.date, dt.date, str], list[int]] = {}
    for i, (placed, prec) in enumerate(zip(_placements(_dates(articles["published"]), precs), precs,
                                           strict=True)):
        if placed is not None:
            groups.setdefault((placed[0], placed[1], prec), []).append(i)
    ids, titles = articles["id"].tolist(), articles["title"].tolist()
    outlets, langs = articles["outlet"].tolist(), articles["lang"].tolist()
    rows: list[tuple[Any, ...]] = []
    for (start, end, prec), arts in sorted(groups.items()):
        shown = tuple((("unknown outlet" if _isna(outlets[i]) else str(outlets[i])), str(langs[i]),
                       str(ids[i] if _isna(titles[i]) else titles[i])[:80]) for i in arts[:listed])
        rows.append((ids[arts[0]], len(arts), start, end, _mid(start, end), prec,
                     _most_common([str(langs[i]) for i in arts]), _span_label((start, end), prec), shown))
    return _frame(rows, ARTICLE_TRACK_COLUMNS)


Cue = tuple[bool, int, int]  # (the actor is named after the cue?, cue start, cue end) in the sentence


def _request_cues(seg_text: str, cues: EdgeCues) -> list[Cue]:
    """Where the sentence has a request cue ('بناءً على طلب', 'على تنظيم'), in the order _askers
    reads them; offsets into ``seg_text``."""
    norm = normalize(seg_text)
    found: list[Cue] = []
    for after, table in ((True, cues.request_after), (False, cues.request_before)):
        for lang, words in table.items():
            for w in words:
                at = norm.text.find(w)
                if at < 0 or not cue_found(norm.text, lang, w):
                    continue
                found.append((after, *norm.span(at, at + len(w))))
    return found


def _askers(found_cues: list[Cue], seg_start: int, seg_mentions: list[tuple[int, int, str]],
            names: dict[str, str]) -> list[str]:
    """Actors the sentence says asked for the venue: named right after an 'after' cue
    ('بناءً على طلب إيران'), or right before a 'before' cue ('مصر وتركيا وقطر على تنظيم').
    ``seg_mentions``: (start, end, actor_id) of the sentence's mentions, in article offsets."""
    found: list[str] = []
    spans = sorted(seg_mentions)
    for after, c0, c1 in found_cues:
        c0, c1 = c0 + seg_start, c1 + seg_start
        if after:
            named = [(s, a) for s, _e, a in spans if c1 <= s <= c1 + 30]
            if named:
                found.append(min(named)[1])
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
    ev_status: dict[tuple[str, int], str] = {}  # the sentence's events' status, happened first
    if len(events):
        statuses = _str_list(events["status"]) if "status" in events.columns else ["happened"] * len(events)
        for art, seg, day, prec, status in zip(events["article_id"].tolist(), events["segment_idx"].tolist(),
                                               _dates(events["date"]), events["date_precision"].tolist(),
                                               statuses, strict=True):
            key = (str(art), int(seg))
            if day is not None:
                ev_date.setdefault(key, (day, str(prec)))
            known = ev_status.get(key)
            if known is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(known):
                ev_status[key] = status if status in STATUS_ORDER else "happened"
    seg_info: dict[tuple[str, int], tuple[str, int]] = {}
    if len(segments):
        seg_info = {(str(a), int(s)): (str(t), int(st)) for a, s, t, st in zip(
            segments["article_id"].tolist(), segments["segment_idx"].tolist(), segments["text"].tolist(),
            segments["start"].tolist(), strict=True)}
    by_seg: dict[tuple[str, int], list[tuple[int, int, str]]] = {}  # a sentence's mentions
    if len(mentions):
        for art, seg, start, end, actor in zip(
                mentions["article_id"].tolist(), mentions["segment_idx"].tolist(), mentions["start"].tolist(),
                mentions["end"].tolist(), mentions["actor_id"].tolist(), strict=True):
            by_seg.setdefault((str(art), int(seg)), []).append((start, end, actor))
    keys = [(str(a), int(s)) for a, s in zip(v["article_id"].tolist(), v["segment_idx"].tolist(),
                                             strict=True)]
    dated = [ev_date.get(key, (pub, str(prec))) for key, pub, prec in zip(
        keys, _dates(v["published"]), v["article_precision"].tolist(), strict=True)]
    precs = [prec for _, prec in dated]
    cues_in: dict[str, list[Cue]] = {}  # a sentence's cues, found once per text
    rows: list[tuple[Any, ...]] = []
    for key, prec, placed, place_id, role_id in zip(
            keys, precs, _placements([day for day, _ in dated], precs), v["place_id"].tolist(),
            v["role"].tolist(), strict=True):
        status = ev_status.get(key, "happened")
        if placed is None or status == "background":
            continue
        if role_id == "talks_venue":
            role_id = VENUE_STATUS_ROLES.get(status, role_id)
        asked: list[str] = []
        if key in seg_info and key in by_seg:
            text, seg_start = seg_info[key]
            if text not in cues_in:
                cues_in[text] = _request_cues(text, c)
            asked = _askers(cues_in[text], seg_start, by_seg[key], names)
        # a place the gazetteer lacks (extract/new_places.py) is named from its id: 'bellevue_palace'
        place = str(place_en.get(str(place_id)) or str(place_id).replace("_", " ").title())
        role = ROLE_EN.get(str(role_id), str(role_id))
        rows.append((place_id, place, str(role_id), placed[0], placed[1], placed[2], prec,
                     ", ".join(asked), key[0], key[1], role, placed[3]))
    out = _frame(rows, VENUE_TRACK_COLUMNS)
    order = {role: i for i, role in enumerate(TRACK_ORDER)}
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
    shown_from: dt.date | None = None  # set when only the reports from this day on are drawn (cap_start)
    total_reports: int = 0  # then: how many reports the filters keep, all dates


def cap_start(day_counts: list[tuple[Any, int]], cap: int) -> dt.date | None:
    """The earliest day from which at most ``cap`` dated reports remain (the newest day at least),
    or None when every report fits; ``day_counts``: (date or None, reports), dates ascending."""
    dated = [(d, n) for d, n in day_counts if d is not None]
    if sum(n for _, n in day_counts) <= cap or not dated:
        return None
    kept, start = 0, dated[-1][0]
    for day, n in reversed(dated):
        if kept + n > cap and kept:
            break
        kept, start = kept + n, day
    return start if isinstance(start, dt.date) else dt.date.fromisoformat(str(start)[:10])


def assemble_view(reports: pd.DataFrame, actors: pd.DataFrame, places: pd.DataFrame,
                  venue_rows: pd.DataFrame, venue_mentions: pd.DataFrame, venue_segments: pd.DataFrame,
                  articles: pd.DataFrame, *, by: RowMode = "side", only: tuple[str, ...] = (),
                  happened_only: bool = False) -> TimelineView:
    """The timeline page's view from the filtered reads: event reports, the actors and places
    tables, the venue rows with their sentences' mentions and text, and the articles."""
    merged = merge_reports(reports)
    rows = timeline_rows(merged, actors, places, by=by, only=only, happened_only=happened_only)
    venues = venue_track(venue_rows, reports, venue_mentions, venue_segments, actors, places)
    return TimelineView(
        events=merged, rows=rows, articles=article_track(articles), venues=venues,
        undated=int(merged["date"].isna().sum()) if len(merged) else 0, path=tuple(venue_path(venues)))
