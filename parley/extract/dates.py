"""Dates of an article's text for extraction: its absolute dates, and its relative ones
(أمس، دیروز، yesterday, السبت، قبل ذلك بيوم, last week, خرداد ماه ...) resolved against a
reference date, in text order.

Unknown stays unknown: a relative expression without a usable reference date gets
``date=None`` and precision "unknown", and an undated article is never given today's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

import jdatetime

from parley.extract.records import ARTICLE_DATE, Event
from parley.text.date_grammar import DateGrammar, default_date_grammar
from parley.text.date_scan import (
    DateHit,
    DateMention,
    absolute_hits,
    original_span,
    relative_hits,
    select_hits,
    to_gregorian,
)
from parley.text.normalize import Normalized, normalize

# Finer first: a reference date of precision P can resolve expressions of unit U when P <= U.
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 9}


def date_mentions(text: str, ref: dt.date | None, ref_precision: str = "day",
                  ref_words: tuple[str, int, int] | None = None) -> list[DateMention]:
    """Absolute and relative dates together, in text order, normalising and scanning once.

    The same as ``find_dates(text) + resolve_relative(text, ref, ref_precision)`` sorted by
    position, at about half the cost: extraction calls this once per article. Without ``ref``,
    ``ref_words`` (a day and month without a year: an undated article's latest) is the day that
    'today' and 'yesterday' count from, and they stay without a year too.
    """
    if ref_precision not in _RANK:
        raise ValueError(f"ref_precision must be one of {', '.join(_RANK)}, not {ref_precision!r}")
    g = default_date_grammar()
    norm = normalize(text)
    absolute = absolute_hits(norm.text, g)
    chosen = select_hits(absolute + relative_hits(norm.text, g))
    # a date in words ('دوم مهرماه ۱۴۰۴') holds the absolute 'مهرماه ۱۴۰۴': the longer one stands
    words = [h for h in chosen if h.kind == "wordday"]
    out: list[DateMention] = []
    for h in select_hits(absolute):
        if h.kind == "abs" and not any(w.start < h.end and h.start < w.end for w in words):
            s, e = original_span(norm, h.start, h.end)
            out.append(DateMention(s, e, h.date, h.precision, text[s:e], relative=False))
    out += _resolved(text, norm, chosen, ref, ref_precision, None if ref else ref_words)
    return sorted(out, key=lambda d: (d.start, d.end))


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nearest_partial(h: DateHit, ref: dt.date) -> dt.date | None:
    """Day and month without a year: the reading nearest to the reference date."""
    base = jdatetime.date.fromgregorian(date=ref).year if h.calendar == "solar_hijri" else ref.year
    found = [d for y in (base - 1, base, base + 1) if (d := to_gregorian(h.calendar, y, h.month, h.day))]
    return min(found, key=lambda d: abs((d - ref).days)) if found else None


_WEEKDAY_YEARS = 7  # a weekday fixes a day-month's year within this many years of today


def _year_of_weekday(h: DateHit, weekday: int, today: dt.date | None = None) -> dt.date | None:
    """A day and month without a year, named with its weekday ('Friday 27 June'): the reading
    on that weekday nearest today, within a few years (the weekday repeats only every 5-11)."""
    today = today or dt.date.today()
    base = jdatetime.date.fromgregorian(date=today).year if h.calendar == "solar_hijri" else today.year
    found = [d for y in range(base - _WEEKDAY_YEARS, base + 2)
             if (d := to_gregorian(h.calendar, y, h.month, h.day)) and d.weekday() == weekday]
    return min(found, key=lambda d: abs((d - today).days)) if found else None


def _resolve(h: DateHit, ref: dt.date | None, ref_precision: str, last: dt.date | None,
             future: bool = False, nearest: bool = False) -> tuple[dt.date | None, str]:
    """The date and precision of one relative hit; (None, "unknown") without a usable reference."""
    day_ref = ref if ref is not None and ref_precision == "day" else None
    if h.kind == "wordday":  # a full date in words: it needs no reference
        return h.date, "day"
    if h.kind == "partial":
        if ref is None and h.weekday is not None:  # 'روز جمعه ۲۷ ژوئن' in an undated article
            date = _year_of_weekday(h, h.weekday)
            return (date, "day") if date else (None, "unknown")
        if ref is None or _RANK[ref_precision] > _RANK["month"]:
            return None, "unknown"
        date = _nearest_partial(h, ref)
        return (date, "day") if date else (None, "unknown")
    if h.kind == "month":
        if ref is None or _RANK[ref_precision] > _RANK["month"]:
            return None, "unknown"
        return _bare_month(h, ref, future), "month"
    if h.kind == "anaphoric":
        base = last or day_ref
        return (base + dt.timedelta(days=h.offset), "day") if base else (None, "unknown")
    if h.kind == "period":
        if ref is None or _RANK[ref_precision] > _RANK[h.unit]:
            return None, "unknown"
        if h.unit == "week":
            return ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=h.offset), "week"
        if h.unit == "month":
            return _shift_month(ref, h.offset), "month"
        return dt.date(ref.year + h.offset, 1, 1), "year"
    if day_ref is None:
        return None, "unknown"
    if h.kind == "rel":
        anchor = day_ref + dt.timedelta(days=h.offset)
        if h.weekday is None:
            return anchor, "day"
        if h.offset > 0:
            return _weekday_on_or_after(anchor, h.weekday), "day"
        return _weekday_on_or_before(anchor, h.weekday), "day"  # أمس السبت: the Saturday before
    assert h.weekday is not None  # a weekday, bare or with a modifier
    if h.direction < 0:
        return _weekday_on_or_before(day_ref - dt.timedelta(days=1), h.weekday), "day"
    if h.direction > 0 or future:  # 'next Friday', or 'will meet on Friday'
        return _weekday_on_or_after(day_ref + dt.timedelta(days=1), h.weekday), "day"
    before = _weekday_on_or_before(day_ref, h.weekday)
    if nearest:  # 'was scheduled for Tuesday': the Tuesday nearest the report, the last one on a tie
        after = _weekday_on_or_after(day_ref + dt.timedelta(days=1), h.weekday)
        return (after if (after - day_ref) < (day_ref - before) else before), "day"
    return before, "day"


def _bare_month(h: DateHit, ref: dt.date, future: bool) -> dt.date:
    """The first day of the named month nearest ``ref``: the last one (this month included), or
    strictly before/after it with 'last'/'next', or the coming one (this month included) in a future
    sentence. A Solar Hijri month is chosen in its own calendar (آذر read on 6 Azar is this Azar) and
    placed by its middle day (خرداد -> June)."""
    if h.calendar == "solar_hijri":
        r = jdatetime.date.fromgregorian(date=ref)
        this = (r.year, r.month)
    else:
        this = (ref.year, ref.month)
    candidates = sorted((this[0] + k, h.month) for k in (-1, 0, 1))
    if h.direction < 0:
        year, month = max(c for c in candidates if c < this)
    elif h.direction > 0:
        year, month = min(c for c in candidates if c > this)
    elif future:  # 'will be held in May', written in May: this May
        year, month = min(c for c in candidates if c >= this)
    else:
        year, month = max(c for c in candidates if c <= this)
    if h.calendar == "solar_hijri":
        mid = jdatetime.date(year, month, 15).togregorian()
        return dt.date(mid.year, mid.month, 1)
    return dt.date(year, month, 1)


_TENSE_BEFORE = 120  # characters before a bare weekday searched for a future marker ...
_TENSE_AFTER = 40  # ... and after it ('on Friday the two sides will meet')
_SENTENCE_END = re.compile(r"[.!?\u061f\n]")


_SAID_BEFORE = 16  # characters: 'said on', 'قال يوم'
_SAID_AFTER = 12  # 'روز دوشنبه گفت'


def _in_future(nt: str, g: DateGrammar, start: int, end: int) -> bool:
    """True when a future marker stands in the same sentence near [start, end), and no past speech
    verb stands right beside it ('saying Friday', 'روز دوشنبه گفت')."""
    if g.past_speech.search(nt, max(0, start - _SAID_BEFORE), start) \
            or g.past_speech.search(nt, end, min(len(nt), end + _SAID_AFTER)):
        return False
    lo = max(0, start - _TENSE_BEFORE)
    ends = [m.end() for m in _SENTENCE_END.finditer(nt, lo, start)]
    lo = ends[-1] if ends else lo
    stop = _SENTENCE_END.search(nt, end, end + _TENSE_AFTER)
    hi = stop.start() if stop else min(len(nt), end + _TENSE_AFTER)
    said = g.tense_stop.search(nt, end, hi)  # 'announced on Monday that they will meet': a past Monday
    hi = said.start() if said else hi
    # not the date itself: 'in May' holds the marker 'may'; nor a future that a past speech verb
    # closes before the date ('the ministers will come,” said Anwar at a briefing on Wednesday')
    before = [m.end() for m in g.future.finditer(nt, lo, start)]
    if before and g.past_speech.search(nt, before[-1], start) is None:
        return True
    return g.future.search(nt, end, hi) is not None


def _told_plan(nt: str, g: DateGrammar, start: int, end: int) -> bool:
    """True when a plan told in the past ('was scheduled', 'كان من المقرر', 'قرار بود') stands before
    [start, end) in its sentence, and no past speech verb stands right beside it."""
    if g.past_speech.search(nt, max(0, start - _SAID_BEFORE), start) \
            or g.past_speech.search(nt, end, min(len(nt), end + _SAID_AFTER)):
        return False
    lo = max(0, start - _TENSE_BEFORE)
    ends = [m.end() for m in _SENTENCE_END.finditer(nt, lo, start)]
    return g.future_in_past.search(nt, ends[-1] if ends else lo, start) is not None


def resolve_relative(text: str, ref: dt.date | None, ref_precision: str = "day") -> list[DateMention]:
    """Relative dates (أمس، دیروز، yesterday, السبت، قبل ذلك بيوم ...) resolved against ``ref``.

    Returns only relative mentions, in text order. Without a reference fine enough for the
    expression (ref None, or a month-precision ref for a day word) date is None and precision
    "unknown". Day-month dates without a year ("5 فبراير") are resolved here too, to the
    reading nearest ``ref``. 'قبل ذلك بيوم' counts from the date mentioned just before it.
    """
    if ref_precision not in _RANK:
        raise ValueError(f"ref_precision must be one of {', '.join(_RANK)}, not {ref_precision!r}")
    g = default_date_grammar()
    norm = normalize(text)
    hits = select_hits(absolute_hits(norm.text, g) + relative_hits(norm.text, g))
    return _resolved(text, norm, hits, ref, ref_precision)


def _resolved(text: str, norm: Normalized, hits: list[DateHit], ref: dt.date | None,
              ref_precision: str, ref_words: tuple[str, int, int] | None = None) -> list[DateMention]:
    """The relative hits as DateMentions, resolved against ``ref`` and earlier dates."""
    g = default_date_grammar()
    out: list[DateMention] = []
    last: dt.date | None = None  # the last day-precision date seen, for anaphora
    last_words: tuple[str, int, int] | None = None  # ... or the last day and month left without a year
    for h in hits:
        if h.kind == "invalid":
            continue
        if h.kind == "month" and _uncapitalised(text, norm, h):
            continue  # 'an early march through town': an English month is written with its capital
        if h.kind == "abs":
            if h.precision == "day":
                last, last_words = h.date, None
            continue
        told = h.kind == "weekday" and h.direction == 0 and _told_plan(norm.text, g, h.start, h.end)
        future = h.kind in ("weekday", "month") and h.direction == 0 and not told \
            and _in_future(norm.text, g, h.start, h.end)
        date, precision = _resolve(h, ref, ref_precision, last, future, told)
        no_year: tuple[str, int, int] | None = None
        if h.kind == "partial" and date is None:
            no_year = (h.calendar, h.month, h.day)
        elif h.kind == "month" and date is None and ref is None and h.direction == 0:
            no_year = (h.calendar, h.month, 0)  # 'in June' in an undated article: day 0, the month alone
        elif h.kind == "anaphoric" and last is None and last_words is not None:
            no_year = shift_day_month(last_words, h.offset)  # 'July 28 ... the next day'
        elif h.kind == "rel" and h.weekday is None and date is None and ref_words is not None:
            no_year = shift_day_month(ref_words, h.offset)  # 'earlier in the day', said on July 28
        if date is not None and precision == "day":
            last, last_words = date, None
        elif no_year is not None and no_year[2]:
            last, last_words = None, no_year
        s, e = original_span(norm, h.start, h.end)
        out.append(DateMention(s, e, date, precision, text[s:e], relative=True, no_year=no_year))
    return out


def _uncapitalised(text: str, norm: Normalized, h: DateHit) -> bool:
    """A month hit in Latin letters with no capital in its original words ('early march')."""
    s, e = original_span(norm, h.start, h.end)
    words = text[s:e]
    return words.isascii() and words.lower() == words


_LEAP = {"solar_hijri": 1403, "gregorian": 2024}  # a year in which every real day and month exists


def shift_day_month(words: tuple[str, int, int], days: int) -> tuple[str, int, int] | None:
    """A day and month without a year ('28 July', '۲۳ فروردین') moved by ``days`` in its calendar:
    what 'the next day' after it names, still without a year; None for an impossible day."""
    calendar, month, day = words
    start = to_gregorian(calendar, _LEAP[calendar], month, day)
    if start is None:
        return None
    moved = start + dt.timedelta(days=days)
    if calendar == "solar_hijri":
        j = jdatetime.date.fromgregorian(date=moved)
        return calendar, j.month, j.day
    return calendar, moved.month, moved.day


def latest_named_day(mentions: list[DateMention]) -> DateMention | None:
    """For an undated article, the latest day its words name: a full date, else a day and month
    without a year (latest in its calendar's year), else None. Its own words are the best evidence
    of when it was written, and a day and month still lets other articles give the year."""
    explicit = [d for d in mentions if d.date is not None and d.precision == "day"]
    if explicit:
        return max(explicit, key=lambda d: (d.date or dt.date.min, d.start))
    words = [(d, k) for d in mentions if d.no_year is not None
             and (k := to_gregorian(d.no_year[0], _LEAP[d.no_year[0]], *d.no_year[1:])) is not None]
    return max(words, key=lambda dk: (dk[1], dk[0].start))[0] if words else None


# A wire dateline: a place and a comma, then the date, then the agency or the story
# ('ISTANBUL, May 16. /TASS/.', 'PUTRAJAYA, Malaysia, July 28 (TNA) –', 'طهران، 3 يونيو (رويترز) -').
_DATELINE_HEAD = re.compile(r"(?:^|\n)[^\n,،]{1,40}(?:[,،][^\n,،]{1,30})?[,،]\s*$")
_DATELINE_TAIL = re.compile(r"\s*[.(/\-\u2013\u2014:]")


def datelines(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions that are a paragraph's dateline, in text order: a day, with or without a year,
    after a place and a comma at the start of a line, before the agency or a dash."""
    return [d for d in mentions if ((d.date is not None and d.precision == "day") or d.no_year is not None)
            and _DATELINE_HEAD.search(text, max(0, d.start - 80), d.start)
            and _DATELINE_TAIL.match(text, d.end)]


def beside_a_day(text: str, start: int, end: int) -> bool:
    """The word at [start, end) has a day number right beside it: a month ('May 30', '30 May'), not
    the modal 'may'."""
    return text[end:end + 2].strip()[:1].isdigit() or text[max(0, start - 3):start].strip()[-1:].isdigit()


def last_before(lines: list[DateMention], pos: int) -> DateMention | None:
    """The last of ``lines`` (in text order) starting at or before ``pos``."""
    i = bisect.bisect_right([d.start for d in lines], pos) - 1 if lines else -1
    return lines[i] if i >= 0 else None


def dated_by_its_report(found: list[Event], ident: Callable[[Event], str]) -> list[Event]:
    """An event its own sentence does not date (the article's day, a dateline) takes the day of the
    same happening reported, dated, in another sentence of the article: same kind and place, actors
    in common, both happened ('The White House on Saturday said the talks in Muscat were positive.
    … Witkoff held talks with Araghchi in Muscat'). Its basis names that sentence's words; ``ident``
    gives the re-dated event its id."""
    told = [e for e in found if e.date_basis.startswith("'") and e.date is not None
            and e.date_precision == "day" and e.place_id is not None and e.status == "happened"]
    if not told:
        return found
    out: list[Event] = []
    for e in found:
        if e.status == "happened" and e.place_id is not None \
                and (e.date_basis == ARTICLE_DATE or e.date_basis.startswith("dateline")):
            mine = set(e.actor_ids.split(";"))
            o = next((o for o in told if o.kind == e.kind and o.place_id == e.place_id
                      and mine & set(o.actor_ids.split(";"))), None)
            if o is not None and o.date != e.date:
                e = replace(e, date=o.date, date_precision="day",
                            date_basis=f"the same {e.kind} dated in another sentence: {o.date_basis}")
                e = replace(e, event_id=ident(e))
        out.append(e)
    return out


def not_since(found: list[DateMention], since: list[tuple[int, int]], offsets: tuple[int, ...],
              text: str) -> list[DateMention]:
    """The mentions not inside what a 'since' names (``since``: its normalised spans, ``offsets`` the
    map to ``text``): 'the first trip since taking office last week' is not dated by the office's
    week. A date right after the 'since' stays: it is when what the sentence reports began ('since
    12 April, the two sides held two rounds')."""
    if not since:
        return found
    spans = [(offsets[a - 1] + 1, offsets[min(b, len(offsets) - 1)]) for a, b in since]
    return [d for d in found if not any(a <= d.start <= b and text[a:d.start].strip() for a, b in spans)]


def nearest_mention(found: list[DateMention], at: int, after_first: bool) -> DateMention:
    """The mention nearest ``at`` that names a day (or any, when none does); with ``after_first``, one
    after ``at`` first: an earlier one is dated by what follows its word ('follows previous encounters
    in Baku in late July', not 'Tuesday's meeting')."""
    return min(found, key=lambda d: (after_first and d.start < at, d.date is None, abs(d.start - at)))
