"""Dates an event borrows from other articles, in the ingest's closing pass (``borrow_dates``).

- ``date_from_other_articles``: an undated event that dated articles also report (same kind, same
  place, actors in common) takes the date most of them give.
- ``year_from_other_articles``: an undated article's event whose words name a day and month but
  no year ('on 15 June', '۲۳ فروردین') takes the year in which dated articles report the same
  kind of event, with actors in common, on that day and month of its calendar (a month alone,
  'in June', the year the store's coverage of that month points to).
- ``background_by_latest_day``: an undated article's happening dated (by its own words or
  borrowed) a week or more before the latest day its own happenings name is background.

Each records its basis ('from other articles: …') and is reconsidered on every pass, so a new
report can correct it and an event whose sources are gone is undated again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import jdatetime
from sqlalchemy import Connection, and_, or_, select, update

from parley.extract.records import (
    BACKGROUND_DAYS,
    NO_YEAR,
    RECAP,
    no_year_key,
    no_year_words,
    older_than_report,
)
from parley.store.schema import articles, gazetteer_actors
from parley.store.schema import extracted_events as events

FROM_OTHERS = "from other articles: "  # the basis of a date borrowed from other reports


def borrow_dates(conn: Connection) -> None:
    """The closing pass's dates, in order: the background marks of the last pass undone, dates
    and years borrowed afresh, and the undated articles' old happenings marked again."""
    unmark_background(conn)
    date_from_other_articles(conn)
    year_from_other_articles(conn)
    background_by_latest_day(conn)
def _set(conn: Connection, u: Any, date: dt.date | None, precision: str, basis: str) -> int:
    """Write an event's date and basis when they changed; 1 when written."""
    if (u.date, u.date_basis) == (date, basis):
        return 0
    conn.execute(update(events).where(events.c.id == u.id)
                 .values(date=date, date_precision=precision, date_basis=basis))
    return 1


def _reporters(same: list[Any], date: dt.date) -> str:
    """Up to three of the outlets (or titles) of the reports that give ``date``."""
    return ", ".join(sorted({d.outlet or d.title or d.article_id for d in same if d.date == date})[:3])


_FIRST_YEAR = 1990  # the earliest year a day and month without one is read in
_AROUND_DAYS = 30  # a day and month with no report of its event: the year of the articles this near it
_AROUND_MIN = 3  # ... when at least this many, and more than in any other year
_BROAD_SIDES = ("other", "media")  # sides too broad to say two reports name the same parties


def date_from_other_articles(conn: Connection) -> int:
    """Date the undated events that dated articles also report: same kind, same place, and
    actors in common (one side's actors all among the other's). The date most reports give
    (the earliest on a tie) wins, with the basis 'from other articles: …'. Dates borrowed
    earlier are reconsidered, so a new report can correct them. Returns how many changed.
    Events whose words give a day and month are left to ``year_from_other_articles``."""
    undated = conn.execute(
        select(events.c.id, events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids,
               events.c.date, events.c.date_basis)
        .where(events.c.place_id.is_not(None), ~events.c.date_basis.contains(NO_YEAR),
               events.c.date_basis != RECAP,
               or_(events.c.date.is_(None), events.c.date_basis.startswith(FROM_OTHERS)))
        .order_by(events.c.id)).all()  # updated in id order, whoever runs the pass
    if not undated:
        return 0
    own = _own_days(conn, {u.article_id for u in undated})
    kinds = {u.kind for u in undated}
    dated = conn.execute(
        select(events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids, events.c.date,
               events.c.date_precision, articles.c.outlet, articles.c.title)
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(and_(events.c.date.is_not(None), events.c.kind.in_(kinds), events.c.place_id.is_not(None),
                    ~events.c.date_basis.startswith(FROM_OTHERS), articles.c.duplicate_of.is_(None)))).all()
    # the dated reports by (kind, place), in the order read, each with its actors as a set: an
    # undated event is compared with its own group only (all of them grew as the square)
    groups: dict[tuple[str, str], list[tuple[Any, frozenset[str]]]] = {}
    for d in dated:
        groups.setdefault((d.kind, d.place_id), []).append((d, frozenset(d.actor_ids.split(";"))))
    changed = 0
    for u in undated:
        mine = set(u.actor_ids.split(";"))
        same = [d for d, theirs in groups.get((u.kind, u.place_id), ())
                if d.article_id != u.article_id and (mine <= theirs or theirs <= mine)
                and _near(d.date, own.get(u.article_id))]
        if not same:
            if u.date is not None:  # its sources are gone: undated again
                changed += _set(conn, u, None, "unknown", "undated article")
            continue
        votes = Counter((d.date, d.date_precision) for d in same)
        (date, precision), n = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0]))
        if _split(votes, date, n):  # the reports tell of different happenings: which one is not known
            if u.date is not None:
                changed += _set(conn, u, None, "unknown", "undated article")
            continue
        changed += _set(conn, u, date, precision,
                        f"{FROM_OTHERS}{n} report(s) of the same {u.kind} ({_reporters(same, date)})")
    return changed


def _split(votes: Counter[tuple[dt.date, str]], date: dt.date, n: int) -> bool:
    """Whether the reports' dates tell of more than one happening with none clearly the one:
    another date over a week from the winner's has more than half the winner's votes."""
    return any(abs((d - date).days) > BACKGROUND_DAYS and 2 * m > n for (d, _), m in votes.items())


_NEAR_DAYS = 21  # a report of the same happening is this near a day its article names


def _own_days(conn: Connection, article_ids: set[str]) -> dict[str, list[dt.date]]:
    """The days the articles' own words date their events with (none borrowed), and their own
    publication day."""
    out: dict[str, list[dt.date]] = {}
    ids = sorted(article_ids)
    for i in range(0, len(ids), 500):
        for art, day in conn.execute(select(articles.c.id, articles.c.published).where(
                articles.c.id.in_(ids[i:i + 500]), articles.c.published.is_not(None))):
            out.setdefault(str(art), []).append(day)
        for art, day in conn.execute(
                select(events.c.article_id, events.c.date)
                .where(events.c.article_id.in_(ids[i:i + 500]), events.c.date.is_not(None),
                       events.c.date_precision == "day", ~events.c.date_basis.startswith(FROM_OTHERS))):
            out.setdefault(str(art), []).append(day)
    return out


def _near(day: dt.date, own: list[dt.date] | None) -> bool:
    """Whether a report's day can be that of an article whose own days are ``own``: an article
    that names days of its own is about their time (within _NEAR_DAYS); one that names none
    says nothing against any day."""
    return not own or any(abs((day - o).days) <= _NEAR_DAYS for o in own)


def _readings(calendar: str, month: int, day: int, today: dt.date) -> set[dt.date]:
    """Every Gregorian day a day and month of ``calendar`` falls on, from 1990 to next year (for a
    month alone, day 0, its middle day)."""
    out: set[dt.date] = set()
    day = day or 15
    if calendar == "solar_hijri":
        first, last = _FIRST_YEAR - 621, jdatetime.date.fromgregorian(date=today).year + 1
    else:
        first, last = _FIRST_YEAR, today.year + 1
    for y in range(first, last + 1):
        try:
            g = jdatetime.date(y, month, day).togregorian() if calendar == "solar_hijri" \
                else dt.date(y, month, day)
        except ValueError:  # 29 February, 31 Esfand
            continue
        out.add(g)
    return out


def year_from_other_articles(conn: Connection, today: dt.date | None = None) -> int:
    """Give a year to the undated articles' events dated by a day and month only (their basis
    ends with 'day and month without a year: …'): the day, in the year when dated articles report
    the same kind of event, with actors or camps in common (gazetteer sides, not 'other' or
    'media'), on that day and month (and at the same place when both name one). The day most
    reports give (the earliest on a tie) wins, with the basis 'from other articles: the year of …'
    followed by the words' own basis. Without such reports, the year the store's dated articles
    around that day come from, when they point one way (_coverage_year); else it stays undated.
    A month alone ('in June', basis 'month without a year: …') takes the year of that coverage
    only, at month precision. Reconsidered on every pass. Returns how many changed."""
    rows = conn.execute(
        select(events.c.id, events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids,
               events.c.date, events.c.date_basis)
        .where(events.c.date_basis.contains(NO_YEAR)).order_by(events.c.id)).all()
    keyed = [(u, k) for u in rows if (k := no_year_key(u.date_basis)) is not None]
    if not keyed:
        return 0
    today = today or dt.date.today()
    readings = {k: _readings(*k, today) for k in {k for _u, k in keyed}}
    days = sorted({d for r in readings.values() for d in r})
    dated = conn.execute(
        select(events.c.article_id, events.c.kind, events.c.place_id, events.c.actor_ids, events.c.date,
               articles.c.outlet, articles.c.title)
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(events.c.date.in_(days), events.c.date_precision == "day",
               events.c.kind.in_({u.kind for u, _k in keyed}),
               ~events.c.date_basis.startswith(FROM_OTHERS), articles.c.duplicate_of.is_(None))).all()
    side = {str(a): str(s) for a, s in conn.execute(
        select(gazetteer_actors.c.actor_id, gazetteer_actors.c.side)
        .where(gazetteer_actors.c.side.not_in(_BROAD_SIDES)))}

    def parties(actor_ids: str) -> set[str]:  # its actors and their camps ('abbas_araghchi' is 'iran')
        ids = actor_ids.split(";")
        return set(ids) | {f"side:{side[a]}" for a in ids if a in side}

    theirs = [(d, parties(d.actor_ids)) for d in dated]
    changed = 0
    around: dict[tuple[str, int, int], tuple[dt.date, int] | None] = {}
    for u, key in keyed:
        mine = parties(u.actor_ids)
        month_only = key[2] == 0  # 'in June': only the coverage can give its year
        same = [d for d, ps in theirs if d.kind == u.kind and d.article_id != u.article_id
                and d.date in readings[key] and mine & ps and not month_only
                and (u.place_id is None or d.place_id is None or d.place_id == u.place_id)]
        words = no_year_words(u.date_basis)
        date: dt.date | None = None
        if same:
            votes = Counter(d.date for d in same)
            date, n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            basis = (f"{FROM_OTHERS}the year of {n} report(s) of the same {u.kind} "
                     f"({_reporters(same, date)}); {words}")
        else:  # no report of it: the year the store's coverage of those days comes from
            if key not in around:
                around[key] = _coverage_year(conn, readings[key])
            hit = around[key]
            if hit is not None:
                date, n = hit
                basis = (f"{FROM_OTHERS}the year of {n} dated article(s) within {_AROUND_DAYS} days of "
                         f"that {'month' if month_only else 'day'}; {words}")
        if date is None:
            if u.date is not None:  # its sources are gone: without a year again
                changed += _set(conn, u, None, "unknown", words)
            continue
        if month_only:  # placed by its middle day, as a month of the article's own year is
            changed += _set(conn, u, date.replace(day=1), "month", basis)
        else:
            changed += _set(conn, u, date, "day", basis)
    return changed


def _coverage_year(conn: Connection, readings: set[dt.date]) -> tuple[dt.date, int] | None:
    """The reading of a day and month whose year the store's dated articles cover most densely
    within _AROUND_DAYS of it (originals only), with that count; None when no year has
    _AROUND_MIN such articles or two years tie: an undated article is read as part of the coverage
    it was collected with, and only when that coverage points one way."""
    span = dt.timedelta(days=_AROUND_DAYS)
    near = or_(*(articles.c.published.between(d - span, d + span) for d in readings))
    published = conn.execute(select(articles.c.published)
                             .where(articles.c.duplicate_of.is_(None), near)).scalars().all()
    counts = Counter(d for d in readings for p in published
                     if p is not None and abs((p - d).days) <= _AROUND_DAYS)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _AROUND_MIN or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0]


BEFORE_LATEST = "; a week or more before the latest day its article names"  # a basis suffix


def unmark_background(conn: Connection) -> None:
    """Undo background_by_latest_day's marks (happened again, the basis without its suffix)."""
    marked = conn.execute(select(events.c.id, events.c.date_basis)
                          .where(events.c.date_basis.endswith(BEFORE_LATEST))).all()
    for r in marked:
        conn.execute(update(events).where(events.c.id == r.id)
                     .values(status="happened", date_basis=str(r.date_basis)[:-len(BEFORE_LATEST)]))


def background_by_latest_day(conn: Connection) -> int:
    """An undated article's event read as happened is background when its date, its own or
    borrowed (above), is a week or more before the latest day the article's happenings name (a
    plan's or a called-off meeting's day is none): the article's best date, as extraction reads it.
    The mark is a suffix of the basis, so that every pass first undoes it (unmark_background) and
    decides again. Returns how many it marked."""
    rows = conn.execute(
        select(events.c.id, events.c.article_id, events.c.date, events.c.date_precision, events.c.status,
               events.c.date_basis)
        .join(articles, articles.c.id == events.c.article_id)
        .where(articles.c.published.is_(None), articles.c.duplicate_of.is_(None))
        .order_by(events.c.id)).all()
    latest: dict[str, dt.date] = {}
    for r in rows:
        if r.date is not None and r.date_precision == "day" and r.status in ("happened", "background"):
            latest[r.article_id] = max(r.date, latest.get(r.article_id, r.date))
    changed = 0
    for r in rows:
        basis = str(r.date_basis)
        if r.status != "happened":
            continue
        if older_than_report(r.date, r.date_precision, latest.get(r.article_id)):
            conn.execute(update(events).where(events.c.id == r.id)
                         .values(status="background", date_basis=basis + BEFORE_LATEST))
            changed += 1
    return changed
