"""Edge weights by day: the actor network's links counted at ingest, so that a network over
100,000 articles reads its window's sums instead of every mention, event and link.

The network (parley/analyze/network.py) links two actors once per context (article, sentence)
naming both, through a mention (dated by its article's publication) or an event's participants
(dated by the event). Everything a context gives depends on its own article's rows, so the counts
decompose by article, and are added batch by batch in the batch's transaction (``add_batch``,
registered in writes.AFTER_WRITE, as summaries.add_batch).

- A context whose actors all carry one date (or are all undated) is counted in ``summary_edges``:
  per day ('' undated), pair and the context's stored link types, how many contexts.
- A context with several dates (an event reported on a later day) is kept per context in
  ``summary_edge_spans``: for each pair and each pair of the two actors' dates, the span they
  cover; a bounded window counts the context when one span lies inside it. So are contexts with
  an event whose date the closing pass may change (store/borrowed_dates.py: an event with
  a place, undated or dated from other reports, or dated by a day and month without a year);
  ``summary_event_dates`` remembers the dates they were counted with, and ``refresh`` counts the
  articles whose dates changed again.
- Every context once, whatever its dates, in ``summary_edge_totals``: the whole network's window.
- Mentions per day and actor (node sizes) in ``summary_actor_days``.

Event kinds (met, called...) and event-only actors are read from the events themselves: few rows.
Readers use the tables only through ``summaries.usable`` (the same trust rule as the counts).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select

from parley.extract.records import NO_YEAR
from parley.store.borrowed_dates import FROM_OTHERS
from parley.store.schema import articles, events, links, mentions
from parley.store.summary_schema import (
    summary_actor_days,
    summary_edge_spans,
    summary_edge_totals,
    summary_edge_weights,
    summary_event_dates,
)

if TYPE_CHECKING:  # pandas only for the readers below: ingest, which imports this, never loads it
    import pandas as pd

PAIR_COLUMNS = ("actor_a", "actor_b", "types", "weight")  # what a window reads: one row per pair and types
NODE_COLUMNS = ("actor_id", "mentions")
EVENT_COLUMNS = ("date", "kind", "actor_ids", "status")
_CHUNK = 2000  # articles per read when counting afresh (bounded memory; rows fetched at once per read)

Window = tuple[dt.date | None, dt.date | None]
Counted = tuple[Counter[tuple[str, str, str, str]], set[tuple[str, int, str, str, str, str, str]],
                Counter[tuple[str, str]], dict[int, tuple[str, str]], Counter[tuple[str, str, str]]]


def _day(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def _split(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


def _volatile(place_id: Any, date: Any, basis: Any) -> bool:
    """An event whose date the closing pass may set or change (store/borrowed_dates.py)."""
    text = str(basis or "")
    return (place_id is not None and (date is None or text.startswith(FROM_OTHERS))) or NO_YEAR in text


def _count(conn: Connection, ids: Sequence[str] | None) -> Counted:
    """The contributions of the articles ``ids`` (None: all) kept as originals: (day, a, b, types)
    context counts, span rows, (day, actor) mention counts, and the volatile events' dates."""
    a, m, e, k = articles.c, mentions.c, events.c, links.c

    def among(col: Any) -> list[Any]:
        return [col.in_(list(ids))] if ids is not None else []

    published = {str(i): _day(p) for i, p in conn.execute(
        select(a.id, a.published).where(a.duplicate_of.is_(None), *among(a.id))).all()}
    tokens: dict[tuple[str, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    nodes: Counter[tuple[str, str]] = Counter()
    for art, seg, actor in conn.execute(select(m.article_id, m.segment_idx, m.actor_id)
                                        .where(m.via != "demonym", *among(m.article_id))).all():
        day = published.get(str(art))
        if day is None:
            continue  # a duplicate's rows
        tokens[(str(art), int(seg))][str(actor)].add(day)
        nodes[(day, str(actor))] += 1
    volatile: set[tuple[str, int]] = set()
    dates: dict[int, tuple[str, str]] = {}
    for eid, art, seg, date, basis, place, ids_ in conn.execute(
            select(e.id, e.article_id, e.segment_idx, e.date, e.date_basis, e.place_id, e.actor_ids)
            .where(*among(e.article_id))).all():
        if str(art) not in published:
            continue
        ctx, day = (str(art), int(seg)), _day(date)
        for actor in _split(ids_):
            tokens[ctx][actor].add(day)
        if _volatile(place, date, basis):
            volatile.add(ctx)
            dates[int(eid)] = (str(art), day)
    types = {(str(art), int(seg)): ";".join(sorted(set(_split(t)))) for art, seg, t in conn.execute(
        select(k.article_id, k.segment_idx, k.types).where(k.types != "", *among(k.article_id))).all()}
    weights: Counter[tuple[str, str, str, str]] = Counter()
    totals: Counter[tuple[str, str, str]] = Counter()  # every date, undated included
    spans: set[tuple[str, int, str, str, str, str, str]] = set()
    for ctx, named in tokens.items():
        if len(named) < 2:
            continue
        typed = types.get(ctx, "")
        days = set().union(*named.values())
        for x, y in combinations(sorted(named), 2):
            totals[(x, y, typed)] += 1
            if len(days) == 1 and ctx not in volatile:
                weights[(next(iter(days)), x, y, typed)] += 1
                continue
            for dx in named[x]:
                for dy in named[y]:
                    lo, hi = ("", "") if "" in (dx, dy) else (min(dx, dy), max(dx, dy))
                    spans.add((ctx[0], ctx[1], x, y, lo, hi, typed))
    return weights, spans, nodes, dates, totals


def _add(conn: Connection, counted: Counted, *, spans_only: bool = False) -> None:
    from parley.store.summaries import upsert_add  # summaries imports this module

    weights, spans, nodes, dates, totals = counted
    if not spans_only:  # a context's share of the totals does not depend on its dates
        upsert_add(conn, summary_edge_totals, [{"actor_a": x, "actor_b": y, "types": t, "weight": n}
                                               for (x, y, t), n in sorted(totals.items())], ["weight"])
        upsert_add(conn, summary_edge_weights, [
            {"day": d, "actor_a": x, "actor_b": y, "types": t, "weight": n}
            for (d, x, y, t), n in sorted(weights.items())], ["weight"])
        upsert_add(conn, summary_actor_days, [{"day": d, "actor_id": x, "mentions": n}
                                              for (d, x), n in sorted(nodes.items())], ["mentions"])
    if spans:
        conn.execute(insert(summary_edge_spans), [
            {"article_id": art, "segment_idx": seg, "actor_a": x, "actor_b": y, "lo": lo, "hi": hi,
             "types": t}
            for art, seg, x, y, lo, hi, t in sorted(spans)])
    if dates:
        conn.execute(insert(summary_event_dates), [{"event_row": i, "article_id": art, "day": d}
                                                   for i, (art, d) in sorted(dates.items())])


def add_articles(conn: Connection, ids: Sequence[str]) -> None:
    """Add the edge counts of just-stored articles (inside the caller's transaction)."""
    for i in range(0, len(ids), _CHUNK):
        _add(conn, _count(conn, ids[i:i + _CHUNK]))


def rebuild(conn: Connection) -> None:
    """Count the edge summaries afresh from every stored article (inside the caller's transaction)."""
    for table in (summary_edge_weights, summary_edge_totals, summary_edge_spans, summary_actor_days,
                  summary_event_dates):
        conn.execute(table.delete())
    ids = [str(i) for i in conn.execute(select(articles.c.id).where(articles.c.duplicate_of.is_(None))
                                        .order_by(articles.c.id)).scalars()]
    add_articles(conn, ids)


def refresh(conn: Connection) -> int:
    """After the closing pass: count again the spans of the articles whose volatile events' dates
    changed (or that gained or lost one); returns how many articles were counted again."""
    e, s = events.c, summary_event_dates.c
    now = {int(i): (str(art), _day(d)) for i, art, d, basis, place in conn.execute(
        select(e.id, e.article_id, e.date, e.date_basis, e.place_id)
        .join(articles, articles.c.id == e.article_id)
        .where(articles.c.duplicate_of.is_(None),
               or_(and_(e.place_id.is_not(None), or_(e.date.is_(None), e.date_basis.startswith(FROM_OTHERS))),
                   e.date_basis.contains(NO_YEAR))))
        if _volatile(place, d, basis)}
    was = {int(i): (str(art), str(d)) for i, art, d in conn.execute(select(s.event_row, s.article_id, s.day))}
    changed = sorted({v[0] for i, v in now.items() if was.get(i) != v}
                     | {v[0] for i, v in was.items() if now.get(i) != v})
    for i in range(0, len(changed), _CHUNK):
        part = changed[i:i + _CHUNK]
        conn.execute(delete(summary_edge_spans).where(summary_edge_spans.c.article_id.in_(part)))
        conn.execute(delete(summary_event_dates).where(s.article_id.in_(part)))
        _add(conn, _count(conn, part), spans_only=True)
    return len(changed)


def _bounded(window: Window | None) -> bool:
    return window is not None and (window[0] is not None or window[1] is not None)


def _day_in(column: Any, window: Window | None) -> list[Any]:
    """``column`` (an ISO day, '' undated) inside the window; undated days fall out of a bounded one."""
    if not _bounded(window):
        return []
    assert window is not None
    cond = [column != ""]
    if window[0] is not None:
        cond.append(column >= window[0].isoformat())
    if window[1] is not None:
        cond.append(column <= window[1].isoformat())
    return cond


def _types_of(conn: Connection, column: Any) -> Any:
    """The distinct link-type strings of a group, joined by ','."""
    if conn.dialect.name == "postgresql":
        return func.string_agg(column.distinct(), ",")
    return func.group_concat(column.distinct())  # SQLite: ',' between, no separator with DISTINCT


def window_pairs(conn: Connection, window: Window | None) -> pd.DataFrame:
    """PAIR_COLUMNS: per pair of actors (actor_a < actor_b), how many contexts in the window name
    both, and their stored link types (';'-separated, repeats possible); a pair may come in two
    rows, one of the daily counts and one of the spans (window None or (None, None): every date,
    undated included)."""
    if not _bounded(window):  # every date: the totals
        t = summary_edge_totals.c
        rows = conn.execute(select(t.actor_a, t.actor_b, _types_of(conn, t.types), func.sum(t.weight))
                            .group_by(t.actor_a, t.actor_b)).all()
        return _pair_frame(rows)
    w = summary_edge_weights.c
    rows = list(conn.execute(select(w.actor_a, w.actor_b, _types_of(conn, w.types), func.sum(w.weight))
                             .where(*_day_in(w.day, window)).group_by(w.actor_a, w.actor_b)))
    s = summary_edge_spans.c
    inside = _day_in(s.lo, window) + _day_in(s.hi, window)
    contexts = (select(s.article_id, s.segment_idx, s.actor_a, s.actor_b, s.types).where(and_(True, *inside))
                .distinct().subquery())
    c = contexts.c
    rows += conn.execute(select(c.actor_a, c.actor_b, _types_of(conn, c.types), func.count())
                         .group_by(c.actor_a, c.actor_b)).all()
    return _pair_frame(rows)


def _pair_frame(rows: Sequence[Any]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame([(a, b, str(t or "").replace(",", ";"), n) for a, b, t, n in rows],
                         columns=list(PAIR_COLUMNS))
    frame["weight"] = frame["weight"].astype("int64")
    return frame


def window_nodes(conn: Connection, window: Window | None) -> pd.DataFrame:
    """NODE_COLUMNS: mentions per actor in the window (demonyms left out, as the network does)."""
    d = summary_actor_days.c
    rows = conn.execute(select(d.actor_id, func.sum(d.mentions)).where(*_day_in(d.day, window))
                        .group_by(d.actor_id)).all()
    import pandas as pd

    frame = pd.DataFrame([tuple(r) for r in rows], columns=list(NODE_COLUMNS))
    frame["mentions"] = frame["mentions"].astype("int64")
    return frame


def window_events(conn: Connection, window: Window | None) -> pd.DataFrame:
    """EVENT_COLUMNS of the events of the articles kept as originals, dated in the window."""
    e = events.c
    cond: list[Any] = [articles.c.duplicate_of.is_(None)]
    if _bounded(window):
        assert window is not None
        if window[0] is not None:
            cond.append(e.date >= window[0])
        if window[1] is not None:
            cond.append(e.date <= window[1])
    stmt = (select(e.date, e.kind, e.actor_ids, e.status).join(articles, articles.c.id == e.article_id)
            .where(*cond).order_by(e.id))
    import pandas as pd

    return pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=list(EVENT_COLUMNS))


def table_names() -> Iterable[str]:
    """The tables this module keeps (for tests and the fingerprint)."""
    return tuple(t.name for t in (summary_edge_weights, summary_edge_totals, summary_edge_spans,
                                  summary_actor_days, summary_event_dates))
