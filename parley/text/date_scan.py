"""Dates found in text, before resolution: absolute dates (ar/fa/en, Gregorian and Solar
Hijri) and the relative expressions a reference date resolves (parley.extract.dates).

Matching runs on the normalised copy of the text (parley.text.normalize) with the regexes of
parley.text.date_grammar; every span is mapped back to the original text. Absolute dates
are looked for only in windows around digits: every absolute form has one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick
import jdatetime

from parley.text.date_grammar import DateGrammar, default_date_grammar
from parley.text.normalize import Normalized, normalize

_YEARS = {"gregorian": range(1000, 3000), "solar_hijri": range(1200, 1600)}


@dataclass(frozen=True)
class DateMention:
    """A date found in text; start/end index the text as given (not normalised)."""

    start: int
    end: int
    date: dt.date | None  # None when relative and the reference is unknown
    precision: str  # "day" | "week" | "month" | "year" | "unknown"
    surface: str  # the words, as written
    relative: bool
    # a day and month written without a year and left unresolved: (calendar, month, day); day 0 for a
    # month named alone in a text without a reference date ('in June')
    no_year: tuple[str, int, int] | None = None


@dataclass(frozen=True)
class DateHit:
    """A match on the normalised text, before resolution."""

    start: int
    end: int
    kind: str  # abs / partial / invalid / rel / weekday / anaphoric / period / wordday
    date: dt.date | None = None
    precision: str = "day"
    calendar: str = "gregorian"
    month: int = 0
    day: int = 0
    weekday: int | None = None
    offset: int = 0
    unit: str = ""
    direction: int = 0
    prefixed: bool = False  # absolute date opened by a weekday ("الاثنين: 02 فبراير 2026")


def _key(s: str) -> str:
    return " ".join(s.split())


def to_gregorian(calendar: str, y: int, m: int, d: int) -> dt.date | None:
    """The Gregorian date, or None for an impossible one (31 February, 31 Esfand)."""
    if y not in _YEARS[calendar]:
        return None
    try:
        if calendar == "solar_hijri":
            g: dt.date = jdatetime.date(y, m, d).togregorian()
            return g
        return dt.date(y, m, d)
    except ValueError:
        return None


_DIGITS = re.compile(r"\d\d*")  # \d+, spelled so that the regex engine skips ahead to a digit
_SPACE = re.compile(r"\s")
_WINDOW = 80  # every absolute form has a digit, and no date is longer than this around it


def iter_windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text around digits, ending at a space: the only places a date can be.

    Disjoint and in text order, so no date found in one overlaps a date found in another.
    """
    n = len(text)
    cur: tuple[int, int] | None = None
    for m in _DIGITS.finditer(text):
        start = max(0, m.start() - _WINDOW)
        reach = m.end() + _WINDOW
        if cur is not None and start <= cur[1]:
            # The current window ends at a space (or the text's end) at or after ``reach``:
            # then so does this digit run's, no later, and the window stays as it is.
            if reach <= cur[1]:
                continue
            space = _SPACE.search(text, min(n, reach))
            cur = (cur[0], max(space.start() if space else n, cur[1]))
        else:
            if cur is not None:
                yield cur
            space = _SPACE.search(text, min(n, reach))
            cur = (start, space.start() if space else n)
    if cur is not None:
        yield cur


def _digit_windows(text: str) -> list[tuple[int, int]]:
    return list(iter_windows(text))


def absolute_hits(text: str, g: DateGrammar) -> list[DateHit]:
    """Every absolute-form match in the windows around digits, overlapping (select_hits picks)."""
    hits: list[DateHit] = []
    windows = _digit_windows(text)
    for form, rx in g.absolute:
        for start, end in windows:
            for m in rx.finditer(text, start, end):
                hit = _absolute_hit(form, m, g)
                if hit is not None:
                    hits.append(hit)
    return hits


def window_dates(text: str, start: int, end: int, g: DateGrammar) -> list[DateHit]:
    """The absolute dates of one digit window, as ``select_hits(absolute_hits(text))`` keeps them.

    Windows are disjoint, so selecting within one window gives the same hits as selecting
    over the whole text.
    """
    if g.absolute_hint.search(text, start, end) is None:  # cheap test first
        return []
    hits: list[DateHit] = []
    passed: dict[re.Pattern[str], bool] = {}
    for (form, rx), hint in zip(g.absolute, g.form_hints, strict=True):
        if hint not in passed:
            passed[hint] = hint.search(text, start, end) is not None
        if not passed[hint]:
            continue
        for m in rx.finditer(text, start, end):
            hit = _absolute_hit(form, m, g)
            if hit is not None:
                hits.append(hit)
    return [h for h in select_hits(hits) if h.kind == "abs"] if hits else []


def _absolute_hit(form: str, m: re.Match[str], g: DateGrammar) -> DateHit | None:
    gd = m.groupdict()
    y = int(gd["y"]) if gd.get("y") else None
    prefixed = bool(gd.get("wd"))
    if form in ("dmy", "mdy", "my"):
        cal, month = g.months[_key(gd["mon"])]
        if form == "my":
            assert y is not None
            day, prec = 1, "month"
        else:
            day, prec = int(gd["d"]), "day"
        if y is None:  # "5 فبراير": the year comes from the reference date
            leap_year = 1403 if cal == "solar_hijri" else 2024  # a year where every real day exists
            if to_gregorian(cal, leap_year, month, day) is None:
                return DateHit(m.start(), m.end(), "invalid")
            weekday = g.weekdays.get(_key(gd["wd"])) if prefixed else None  # it fixes the year
            return DateHit(m.start(), m.end(), "partial", None, "day", cal, month, day, weekday=weekday,
                           prefixed=prefixed)
        date = to_gregorian(cal, y, month, day)
        if date is None:  # kept as "invalid" so '31 فبراير 2026' does not leave 'فبراير 2026' behind
            return DateHit(m.start(), m.end(), "invalid")
        return DateHit(m.start(), m.end(), "abs", date, prec, cal, month, day, prefixed=prefixed)
    if form == "year":
        assert y is not None
        if y not in range(1800, 2200):
            return None
        return DateHit(m.start(), m.end(), "abs", dt.date(y, 1, 1), "year")
    assert y is not None
    if form == "iso":
        cal = "solar_hijri" if y in _YEARS["solar_hijri"] else "gregorian"  # ۱۴۰۴/۱۱/۱۵
        date = to_gregorian(cal, y, int(gd["m"]), int(gd["d"]))
    else:  # DD/MM/YYYY; MM/DD/YYYY only when the day-first reading is impossible
        a, b = int(gd["a"]), int(gd["b"])
        cal = "solar_hijri" if y in _YEARS["solar_hijri"] else "gregorian"
        date = to_gregorian(cal, y, b, a) or to_gregorian(cal, y, a, b)
    if date is None:
        return DateHit(m.start(), m.end(), "invalid")
    return DateHit(m.start(), m.end(), "abs", date, "day", cal)


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*(\w+)", text[end:end + 40])
    return m.group(1) if m else ""


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\s*$", text[max(0, start - 40):start])
    return m.group(1) if m else ""


_STARTS: dict[int, tuple[DateGrammar, ahocorasick.Automaton]] = {}


def _start_finder(g: DateGrammar) -> ahocorasick.Automaton:
    """One automaton over every relative form's first words (g.relative_starts), built once per grammar."""
    hit = _STARTS.get(id(g))
    if hit is not None and hit[0] is g:
        return hit[1]
    words: dict[str, set[int]] = {}
    for i, starts in enumerate(g.relative_starts):
        for w in starts:
            words.setdefault(w, set()).add(i)
    auto = ahocorasick.Automaton()
    for w, forms in words.items():
        auto.add_word(w, (len(w), tuple(sorted(forms))))
    if words:
        auto.make_automaton()
    if len(_STARTS) > 4:
        _STARTS.clear()
    _STARTS[id(g)] = (g, auto)
    return auto


def _relative_matches(text: str, g: DateGrammar, only: str | None) -> list[list[re.Match[str]]]:
    """Per relative form (only form ``only``, if given), what ``rx.finditer(text)`` yields, found
    by trying the regex only where one of the words it can begin with stands: finditer tries
    every position, and a match can start nowhere else, so the first match at or after each
    point is the same (none is empty: every form holds a word)."""
    found: list[list[int]] = [[] for _ in g.relative]
    auto = _start_finder(g)
    if len(auto):
        for last, (length, forms) in auto.iter(text):
            for i in forms:
                found[i].append(last - length + 1)
    out: list[list[re.Match[str]]] = []
    for (form, rx), starts in zip(g.relative, found, strict=True):
        matches: list[re.Match[str]] = []
        if only is not None and form != only:
            out.append(matches)
            continue
        pos = 0
        for p in sorted(set(starts)):
            if p < pos:
                continue
            m = rx.match(text, p)
            if m is not None and m.end() > p:  # every form has a word: never an empty match
                matches.append(m)
                pos = m.end()
        out.append(matches)
    return out


def relative_hits(text: str, g: DateGrammar, only: str | None = None) -> list[DateHit]:
    """Relative hits (of form ``only``, else all) in ``text``."""
    hits: list[DateHit] = []
    for (form, _rx), found in zip(g.relative, _relative_matches(text, g, only), strict=True):
        if only is not None and form != only:
            continue
        for m in found:
            gd = m.groupdict()
            if form == "rel":
                word = _key(gd["rel"])
                wd_word = gd.get("wd") or gd.get("wdp")
                if not wd_word and _word_after(text, m.end()) in g.rel_not_before.get(word, ()):
                    continue
                wd = g.weekdays[_key(wd_word)] if wd_word else None
                hits.append(DateHit(m.start(), m.end(), "rel", weekday=wd, offset=g.rel_days[word]))
            elif form == "weekday":
                wd = g.weekdays[_key(gd["wd"])]
                if _word_before(text, m.start()) in g.weekday_not_after.get(wd, ()):
                    continue
                mod = gd.get("pre") or gd.get("post")
                direction = g.modifiers[_key(mod)] if mod else 0
                hits.append(DateHit(m.start(), m.end(), "weekday", weekday=wd, direction=direction))
            elif form == "month":
                cal, mon_no = g.months[_key(gd.get("gm") or gd.get("gmp") or gd["sm"])]
                mod = gd.get("pre") or gd.get("post")
                direction = g.modifiers[_key(mod)] if mod else 0
                hits.append(DateHit(m.start(), m.end(), "month", precision="month", calendar=cal,
                                    month=mon_no, direction=direction))
            elif form == "counted":  # 'three weeks ago', 'قبل شهرين', 'دو ماه پیش'
                if _word_after(text, m.end()) in g.counted_not_before:
                    continue  # 'یک روز پیش از سفر': a day before the trip, not a day ago
                word = gd.get("dual") or gd.get("u") or gd["au"]
                unit = g.units[_key(word)]
                num = gd.get("n") or gd.get("an")
                digits = gd.get("nd") or gd.get("and")
                n = 2 if gd.get("dual") else g.numbers[_key(num)] if num else int(digits or 0)
                if not 1 <= n <= 99:
                    continue
                if unit == "day":
                    hits.append(DateHit(m.start(), m.end(), "rel", offset=-n))
                else:
                    hits.append(DateHit(m.start(), m.end(), "period", precision=unit, unit=unit, offset=-n))
            elif form == "ordinal":  # 'دوم مهرماه ۱۴۰۴': with a year a day; without, a day-month
                cal, mon_no = g.months[_key(gd["mon"])]
                day = g.ordinals[_key(gd.get("ow") or gd["owl"])]
                wd = g.weekdays.get(_key(gd["wd"])) if gd.get("wd") else None
                if gd.get("y"):
                    date = to_gregorian(cal, int(gd["y"]), mon_no, day)
                    if date is not None:
                        hits.append(DateHit(m.start(), m.end(), "wordday", date, "day", cal, mon_no, day))
                elif to_gregorian(cal, 1403 if cal == "solar_hijri" else 2024, mon_no, day) is not None:
                    hits.append(DateHit(m.start(), m.end(), "partial", None, "day", cal, mon_no, day,
                                        weekday=wd, prefixed=wd is not None))
            elif form == "anaphoric":
                hits.append(DateHit(m.start(), m.end(), "anaphoric", offset=g.anaphoric[_key(gd["a"])]))
            else:
                unit, off = g.periods[_key(gd["p"])]
                hits.append(DateHit(m.start(), m.end(), "period", precision=unit, unit=unit, offset=off))
    return hits


def select_hits(hits: list[DateHit]) -> list[DateHit]:
    """Non-overlapping hits, the longest winning (ties: absolute before relative), in text order."""
    order = {"abs": 0, "invalid": 0, "partial": 1}
    chosen: list[DateHit] = []
    # the characters the chosen hits cover (and those strictly inside one, for an empty hit):
    # a hit is tested against them, not against every hit chosen so far
    size = max((h.end for h in hits), default=0) + 1
    taken, inner = bytearray(size), bytearray(size)
    for h in sorted(hits, key=lambda h: (h.start - h.end, order.get(h.kind, 2), h.start)):
        free = taken.find(1, h.start, h.end) == -1 if h.start < h.end else not inner[h.start]
        if free:
            chosen.append(h)
            taken[h.start:h.end] = b"\x01" * (h.end - h.start)
            inner[h.start + 1:h.end] = b"\x01" * max(h.end - h.start - 1, 0)
    return sorted(chosen, key=lambda h: h.start)


def original_span(norm: Normalized, start: int, end: int) -> tuple[int, int]:
    """The original span, with the diacritics that follow its last letter (غداً, not غدا)."""
    s, e = norm.span(start, end)
    while e < len(norm.original) and unicodedata.category(norm.original[e]) == "Mn":
        e += 1
    return s, e




def find_dates(text: str) -> list[DateMention]:
    """Absolute dates (ar/fa/en, Gregorian and Solar Hijri) in text order; [] if none."""
    norm = normalize(text)
    out: list[DateMention] = []
    for h in select_hits(absolute_hits(norm.text, default_date_grammar())):
        if h.kind == "abs":
            s, e = original_span(norm, h.start, h.end)
            out.append(DateMention(s, e, h.date, h.precision, text[s:e], relative=False))
    return sorted(out, key=lambda d: (d.start, d.end))
