"""Dates in Arabic, Persian and English text: absolute, Solar Hijri, relative, published.

A small table-driven parser: the regexes are compiled once from the language data in
data/gazetteer/months.yaml and date_words.yaml (validated on load). Matching runs on the
normalised copy (parley.text.normalize: letters folded, digits ASCII, diacritics, tatweel
and ZWNJ removed, ASCII lower-cased); every span is mapped back to the original text.

Unknown stays unknown: a relative expression without a usable reference date gets
``date=None`` and precision "unknown", and an undated article is never given today's date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jdatetime

from parley.datafiles import load_yaml
from parley.errors import GazetteerError
from parley.records import Precision, Published
from parley.text.normalize import Normalized, normalize, normalize_text

LANGS = ("en", "ar", "fa")
CALENDARS = ("gregorian", "solar_hijri")
UNITS = ("week", "month", "year")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_YEARS = {"gregorian": range(1000, 3000), "solar_hijri": range(1200, 1600)}
# Finer first: a reference date of precision P can resolve expressions of unit U when P <= U.
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 9}
_PUBLISHED_PRECISION: dict[str, Precision] = {"day": "day", "month": "month", "year": "year"}

HEAD_LINES = 8  # site chrome and bylines live in the first non-empty lines ...
HEAD_CHARS = 600  # ... and in the first characters of the raw text
OPENING_CHARS = 300  # a date this close to the start of the text dates the article
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
# An embedded social-media post signs off with "(@handle) February 5, 2026".
_POST_SIGNATURE = re.compile(r"@\w{1,30}\)?\s*[-\u2013\u2014,]?\s*$")
# The same, unanchored: a date right after a signature starts inside one of these matches
# or at its end (each part is greedy, so a match ends as far as a signature can reach).
_POST_HANDLE = re.compile(r"@\w{1,30}\)?\s*[-\u2013\u2014,]?\s*")


@dataclass(frozen=True)
class DateMention:
    """A date found in text; start/end index the text as given (not normalised)."""

    start: int
    end: int
    date: dt.date | None  # None when relative and the reference is unknown
    precision: str  # "day" | "week" | "month" | "year" | "unknown"
    surface: str  # the words, as written
    relative: bool


# --------------------------------------------------------------------------- data


def _err(file: str, entry: str, msg: str) -> GazetteerError:
    return GazetteerError(f"data/gazetteer/{file}: entry '{entry}': {msg}")


def _norm_word(word: str) -> str:
    return " ".join(normalize_text(word).split())


def _lang_words(file: str, entry: str, value: Any) -> dict[str, tuple[str, ...]]:
    """A mapping lang -> list of words, validated and normalised for matching."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _err(file, entry, "expected a mapping keyed by en/ar/fa")
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in value.items():
        if lang not in LANGS:
            raise _err(file, entry, f"unknown language '{lang}' (use {', '.join(LANGS)})")
        items = [words] if isinstance(words, str) else words
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            raise _err(file, entry, f"'{lang}' must be a list of non-empty strings")
        out[lang] = tuple(dict.fromkeys(_norm_word(w) for w in items))
    return out


def _all(words: dict[str, tuple[str, ...]]) -> list[str]:
    return [w for ws in words.values() for w in ws]


def _entries(file: str, data: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise GazetteerError(f"data/gazetteer/{file}: needs '{key}: [...]'")
    seen: set[str] = set()
    for i, e in enumerate(data[key]):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
            raise _err(file, f"{key}#{i}", "each entry needs a lower-case ASCII 'id'")
        if e["id"] in seen:
            raise _err(file, e["id"], "duplicate id")
        seen.add(e["id"])
        if not _lang_words(file, e["id"], e.get("names")):
            raise _err(file, e["id"], "needs 'names' in at least one language")
    entries: list[dict[str, Any]] = data[key]
    return entries


def _int(file: str, entry: str, value: Any, lo: int, hi: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise _err(file, entry, f"'{what}' must be an integer in {lo}..{hi}, not {value!r}")
    return value


def _index(file: str, table: dict[str, Any], entry: str, words: Iterable[str], value: Any) -> None:
    """Add words -> value, refusing a word that already means something else."""
    for w in words:
        if w in table and table[w] != value:
            raise _err(file, entry, f"'{w}' (normalised) already means {table[w]!r}")
        table[w] = value


def _opt(pattern: str) -> str:
    """``(?:pattern)?`` as an alternation with an empty branch: the same matches, tried in the
    same order, but the regex engine runs a branch far faster than a repeat, and these
    optional prefixes are tried at every position of the text."""
    return f"(?:{pattern}|)"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of normalised words, longest first, spaces as \\s+."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    if not uniq:
        return "(?!)"
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in uniq)


def _month_start(clitics: str, enders: tuple[str, ...]) -> str:
    """Lookbehinds true where a month name may start: after a non-letter (a digit counts as
    one), after one of the two-letter ``enders`` (an ordinal, 'of') or after a clitic.

    The same test as (?<![^\\W\\d])|(?<=st|nd|...)|(?<=[clitics]), as a chain of negative
    lookbehinds: most positions fail the first, cheaply, where the alternation tried all three.
    """
    firsts: dict[str, str] = {}  # last letter of an ender -> the letters it may follow
    for e in enders:
        if e[1] not in clitics:
            firsts[e[1]] = firsts.get(e[1], "") + e[0]
    lasts = "".join(firsts)
    out = rf"(?<![^\W\d{clitics}{lasts}])"  # not after a letter, unless a clitic or an ender's end
    out += "".join(rf"(?<![^{before}]{last})" for last, before in firsts.items())
    return out + (rf"(?<!^[{lasts}])" if lasts else "")  # an ender's last letter opening the text


@dataclass(frozen=True)
class DateGrammar:
    """Lookup tables and compiled regexes built from months.yaml and date_words.yaml."""

    months: dict[str, tuple[str, int]]  # normalised name -> (calendar, month)
    weekdays: dict[str, int]
    weekday_not_after: dict[int, tuple[str, ...]]
    rel_days: dict[str, int]
    rel_not_before: dict[str, tuple[str, ...]]
    modifiers: dict[str, int]  # weekday modifier -> direction
    anaphoric: dict[str, int]
    periods: dict[str, tuple[str, int]]
    precision_words: frozenset[str]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]  # (form, regex)
    relative: tuple[tuple[str, re.Pattern[str]], ...]
    header_marker: re.Pattern[str]
    future: re.Pattern[str]  # a future marker: a bare weekday near it is the coming one
    # A 'today' word then a weekday: found wherever a 'today, <weekday>' relative hit can be.
    today_weekday: re.Pattern[str]
    # What every absolute date contains (a month name, a year noun + year, or 'digit sep
    # digit'): a stretch of text without it holds no absolute date.
    absolute_hint: re.Pattern[str]
    # Per absolute form, in the order of ``absolute``: what that form contains (a stretch
    # without it holds no date of that form), so a window runs only the forms it can match.
    form_hints: tuple[re.Pattern[str], ...]


def load_date_grammar() -> DateGrammar:
    """Read and validate the date data files; raises GazetteerError naming file and entry."""
    mf, wf = "months.yaml", "date_words.yaml"
    mdata, wdata = load_yaml(mf), load_yaml(wf)

    months: dict[str, tuple[str, int]] = {}
    en_months: list[str] = []
    for e in _entries(mf, mdata, "months"):
        if e.get("calendar") not in CALENDARS:
            raise _err(mf, e["id"], f"calendar must be one of {', '.join(CALENDARS)}")
        key = (str(e["calendar"]), _int(mf, e["id"], e.get("month"), 1, 12, "month"))
        names = _lang_words(mf, e["id"], e.get("names"))
        _index(mf, months, e["id"], _all(names), key)
        en_months += names.get("en", ())

    if not isinstance(wdata, dict):
        raise GazetteerError(f"data/gazetteer/{wf}: top level must be a mapping")

    def section(key: str) -> dict[str, tuple[str, ...]]:
        return _lang_words(wf, key, wdata.get(key))

    weekdays: dict[str, int] = {}
    not_after: dict[int, tuple[str, ...]] = {}
    for e in _entries(wf, wdata, "weekdays"):
        wd = _int(wf, e["id"], e.get("weekday"), 0, 6, "weekday")
        _index(wf, weekdays, e["id"], _all(_lang_words(wf, e["id"], e["names"])), wd)
        not_after[wd] = tuple(_all(_lang_words(wf, e["id"], e.get("not_after"))))
    if sorted(set(weekdays.values())) != list(range(7)):
        raise _err(wf, "weekdays", "needs all seven weekdays 0..6")

    rel_days: dict[str, int] = {}
    not_before: dict[str, tuple[str, ...]] = {}
    for e in _entries(wf, wdata, "relative_days"):
        off = _int(wf, e["id"], e.get("offset"), -7, 7, "offset")
        words = _all(_lang_words(wf, e["id"], e["names"]))
        _index(wf, rel_days, e["id"], words, off)
        blockers = tuple(_all(_lang_words(wf, e["id"], e.get("not_before"))))
        for w in words:
            not_before[w] = blockers

    anaphoric: dict[str, int] = {}
    for e in _entries(wf, wdata, "anaphoric"):
        off = _int(wf, e["id"], e.get("offset"), -30, 30, "offset")
        _index(wf, anaphoric, e["id"], _all(_lang_words(wf, e["id"], e["names"])), off)

    periods: dict[str, tuple[str, int]] = {}
    for e in _entries(wf, wdata, "periods"):
        if e.get("unit") not in UNITS:
            raise _err(wf, e["id"], f"unit must be one of {', '.join(UNITS)}")
        off = _int(wf, e["id"], e.get("offset"), -12, 12, "offset")
        _index(wf, periods, e["id"], _all(_lang_words(wf, e["id"], e["names"])), (e["unit"], off))

    mods_before: dict[str, int] = {}
    mods_after: dict[str, int] = {}
    raw_mods = wdata.get("weekday_modifiers")
    if not isinstance(raw_mods, list):
        raise GazetteerError(f"data/gazetteer/{wf}: needs 'weekday_modifiers: [...]'")
    for i, e in enumerate(raw_mods):
        eid = str(e.get("id", f"weekday_modifiers#{i}")) if isinstance(e, dict) else f"#{i}"
        if not isinstance(e, dict) or e.get("direction") not in (-1, 1):
            raise _err(wf, eid, "each modifier needs 'direction: -1' or 'direction: 1'")
        _index(wf, mods_before, eid, _all(_lang_words(wf, eid, e.get("before"))), e["direction"])
        _index(wf, mods_after, eid, _all(_lang_words(wf, eid, e.get("after"))), e["direction"])

    precision: list[str] = []
    for e in _entries(wf, wdata, "precision_words"):
        precision += _all(_lang_words(wf, e["id"], e["names"]))

    parts = wdata.get("day_parts")
    if not isinstance(parts, dict):
        raise GazetteerError(f"data/gazetteer/{wf}: needs 'day_parts' with 'before'/'after'")
    part_before = _alt(_all(_lang_words(wf, "day_parts.before", parts.get("before"))))
    part_after = _alt(_all(_lang_words(wf, "day_parts.after", parts.get("after"))))
    clitics = _all(section("clitics"))
    if not all(len(c) == 1 for c in clitics):
        raise _err(wf, "clitics", "each clitic is one letter")

    # Regex pieces, on the normalised (lower-case, ASCII-digit) text. The optional groups a
    # match can open with are written with _opt, and the word-start test as two negative
    # lookbehinds: both run at every position of the text, and cost far less that way.
    # cb: at a word start, or after a clitic letter that starts a word ("وفبراير"): the same
    # test as (?<!\w)|(?<=(?<!\w)[clitics]) (no word char but a clitic before; no word char
    # before a clitic).
    cl = "".join(clitics)
    cb = rf"(?<![^\W{cl}])(?<!\w[{cl}])" if clitics else r"(?<!\w)"
    e_ = r"(?!\w)"
    mon = _alt(months)
    wd_rx = _alt(weekdays)
    dn = _alt(_all(section("day_nouns")))
    day_noun = _opt(rf"(?:{dn})\s+")
    ordinal = r"(?:st|nd|rd|th)?"
    wd_prefix = _opt(rf"{cb}{day_noun}(?P<wd>{wd_rx}){e_}\s*[:,\u060c\-\u2013]?\s*")
    month_noun = _opt(rf"(?:{_alt(_all(section('month_nouns')))})\s+")
    month = (
        rf"{month_noun}(?P<mon>{mon})"
        rf"(?:\s*(?:{_alt(_all(section('month_suffixes')))}))?{e_}\.?"
        rf"(?:\s*[/(]\s*(?P<mon2>{mon}){e_}\s*\)?)?"
    )
    year_noun = _alt(_all(section("year_nouns")))
    year_suffix = rf"(?:\s*(?:{_alt(_all(section('year_suffixes')))}){e_})?"
    year = rf"(?:\s*[,\u060c]?\s*(?:(?:{year_noun})\s+)?(?P<y>\d{{4}})(?!\d){year_suffix})"
    prec = _opt(rf"(?P<prec>{_alt(precision)})(?:\s+|-)(?:of\s+)?")
    absolute = (
        ("dmy", rf"{wd_prefix}(?<!\w)(?P<d>\d{{1,2}}){ordinal}(?:\s+of)?\s*[-/]?\s*{month}{year}?"),
        ("mdy", rf"{wd_prefix}{cb}(?P<mon>{_alt(en_months)}){e_}\.?\s*(?P<d>\d{{1,2}}){ordinal}(?!\d)"
                rf"{year}?"),
        ("my", rf"{cb}{prec}{month}{year}"),
        ("year", rf"{cb}(?:{year_noun})\s+(?P<y>\d{{4}})(?!\d){year_suffix}"),
        ("iso", r"(?<![\w/.\-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/])"),
        ("num", r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])"),
    )
    not_bare = {_norm_word(w) for w in _all(section("not_bare_months"))}
    bare_greg = [w for w, (cal, _) in months.items() if cal == "gregorian" and w not in not_bare]
    bare_sh = [w for w, (cal, _) in months.items() if cal == "solar_hijri"]
    msuf = _alt(_all(section("month_suffixes")))
    rel = _alt(rel_days)
    wd_after_rel = rf"(?:(?:\s*[,\u060c]\s*|\s+)(?P<wd>{wd_rx}){e_}|\s*\(\s*(?P<wdp>{wd_rx})\s*\))?"
    day_part = _opt(rf"(?:{part_before})\s+")
    modifier = _opt(rf"(?P<pre>{_alt(mods_before)})\s+")
    relative = (
        ("rel", rf"{cb}{day_part}{day_noun}(?P<rel>{rel}){e_}{wd_after_rel}"
                rf"(?:\s+(?:{part_after}){e_})?"),
        ("weekday", rf"{cb}{day_part}{day_noun}{modifier}"
                    rf"(?P<wd>{wd_rx}){e_}(?:\s+(?P<post>{_alt(mods_after)}){e_})?(?:\s+(?:{part_after}){e_})?"),
        ("anaphoric", rf"{cb}(?P<a>{_alt(anaphoric)}){e_}"),
        ("period", rf"{cb}(?P<p>{_alt(periods)}){e_}"),
        # a month named alone ('in June', 'يونيو الماضي', 'last June', 'خرداد ماه'): never before a
        # day or a year (those are absolute dates); a Solar Hijri one only with 'ماه' after it
        ("month", rf"{cb}{modifier}(?:(?P<gm>{_alt(bare_greg)})|(?P<sm>{_alt(bare_sh)})\s*(?:{msuf})){e_}"
                  rf"(?!\s*[,\u060c/]?\s*\d)(?:\s+(?P<post>{_alt(mods_after)}){e_})?"),
    )
    # 'تاریخ انتشار: ۱۹:۲۹ - ۲۶-۰۲-۱۴۰۴': a time may stand between the header word and the date
    marker = re.compile(rf"(?<!\w)(?:{_alt(_all(section('header_markers')))})\s*[:\-]?\s*"
                        r"(?:(?:[01]?\d|2[0-3]):[0-5]\d\s*[-\u2013,]?\s*)?$")
    today = _alt(w for w, off in rel_days.items() if off == 0)
    # A month name as the absolute forms allow it: not inside a word (after a digit, an
    # ordinal, 'of' or a clitic at most), and ending a word unless a month suffix follows.
    after = _month_start(cl, ("st", "nd", "rd", "th", "of"))
    month_hint = rf"{after}(?:{mon})(?:(?!\w)|\s*(?:{_alt(_all(section('month_suffixes')))}))"
    year_hint = rf"(?:{year_noun})\s+\d{{4}}"
    numeric_hint = r"\d[-/.]\d"
    absolute_hint = re.compile(rf"{month_hint}|{year_hint}|{numeric_hint}")
    hints = {"dmy": month_hint, "my": month_hint, "mdy": rf"{after}(?:{_alt(en_months)})(?!\w)",
             "year": year_hint, "iso": numeric_hint, "num": numeric_hint}
    today_weekday = re.compile(rf"(?:{today})(?:\s*[,\u060c]\s*|\s+|\s*\(\s*)(?:{wd_rx})")
    return DateGrammar(
        months=months, weekdays=weekdays, weekday_not_after=not_after, rel_days=rel_days,
        rel_not_before=not_before, modifiers={**mods_before, **mods_after}, anaphoric=anaphoric,
        periods=periods, precision_words=frozenset(precision),
        absolute=tuple((k, re.compile(p)) for k, p in absolute),
        relative=tuple((k, re.compile(p)) for k, p in relative),
        header_marker=marker,
        future=re.compile(rf"(?<!\w)(?:{_alt(_all(section('future_markers')))})(?!\w)"),
        today_weekday=today_weekday,
        absolute_hint=absolute_hint,
        form_hints=tuple(re.compile(hints[k]) for k, _ in absolute),
    )


@lru_cache(maxsize=1)
def default_date_grammar() -> DateGrammar:
    """The date grammar, loaded and compiled once per process."""
    return load_date_grammar()


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class _Hit:
    """A match on the normalised text, before resolution."""

    start: int
    end: int
    kind: str  # abs / partial / invalid / rel / weekday / anaphoric / period
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


def _to_gregorian(calendar: str, y: int, m: int, d: int) -> dt.date | None:
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


def _iter_windows(text: str) -> Iterator[tuple[int, int]]:
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
    return list(_iter_windows(text))


def _absolute_hits(text: str, g: DateGrammar) -> list[_Hit]:
    hits: list[_Hit] = []
    windows = _digit_windows(text)
    for form, rx in g.absolute:
        for start, end in windows:
            for m in rx.finditer(text, start, end):
                hit = _absolute_hit(form, m, g)
                if hit is not None:
                    hits.append(hit)
    return hits


def _window_dates(text: str, start: int, end: int, g: DateGrammar) -> list[_Hit]:
    """The absolute dates of one digit window, as ``_select(_absolute_hits(text))`` keeps them.

    Windows are disjoint, so selecting within one window gives the same hits as selecting
    over the whole text.
    """
    if g.absolute_hint.search(text, start, end) is None:  # cheap test first
        return []
    hits: list[_Hit] = []
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
    return [h for h in _select(hits) if h.kind == "abs"] if hits else []


def _absolute_hit(form: str, m: re.Match[str], g: DateGrammar) -> _Hit | None:
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
            if _to_gregorian(cal, leap_year, month, day) is None:
                return _Hit(m.start(), m.end(), "invalid")
            return _Hit(m.start(), m.end(), "partial", None, "day", cal, month, day, prefixed=prefixed)
        date = _to_gregorian(cal, y, month, day)
        if date is None:  # kept as "invalid" so '31 فبراير 2026' does not leave 'فبراير 2026' behind
            return _Hit(m.start(), m.end(), "invalid")
        return _Hit(m.start(), m.end(), "abs", date, prec, cal, month, day, prefixed=prefixed)
    if form == "year":
        assert y is not None
        if y not in range(1800, 2200):
            return None
        return _Hit(m.start(), m.end(), "abs", dt.date(y, 1, 1), "year")
    assert y is not None
    if form == "iso":
        cal = "solar_hijri" if y in _YEARS["solar_hijri"] else "gregorian"  # ۱۴۰۴/۱۱/۱۵
        date = _to_gregorian(cal, y, int(gd["m"]), int(gd["d"]))
    else:  # DD/MM/YYYY; MM/DD/YYYY only when the day-first reading is impossible
        a, b = int(gd["a"]), int(gd["b"])
        cal = "solar_hijri" if y in _YEARS["solar_hijri"] else "gregorian"
        date = _to_gregorian(cal, y, b, a) or _to_gregorian(cal, y, a, b)
    if date is None:
        return _Hit(m.start(), m.end(), "invalid")
    return _Hit(m.start(), m.end(), "abs", date, "day", cal)


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*(\w+)", text[end:end + 40])
    return m.group(1) if m else ""


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\s*$", text[max(0, start - 40):start])
    return m.group(1) if m else ""


def _relative_hits(text: str, g: DateGrammar, only: str | None = None) -> list[_Hit]:
    """Relative hits (of form ``only``, else all) in ``text``."""
    hits: list[_Hit] = []
    for form, rx in g.relative:
        if only is not None and form != only:
            continue
        for m in rx.finditer(text):
            gd = m.groupdict()
            if form == "rel":
                word = _key(gd["rel"])
                wd_word = gd.get("wd") or gd.get("wdp")
                if not wd_word and _word_after(text, m.end()) in g.rel_not_before.get(word, ()):
                    continue
                wd = g.weekdays[_key(wd_word)] if wd_word else None
                hits.append(_Hit(m.start(), m.end(), "rel", weekday=wd, offset=g.rel_days[word]))
            elif form == "weekday":
                wd = g.weekdays[_key(gd["wd"])]
                if _word_before(text, m.start()) in g.weekday_not_after.get(wd, ()):
                    continue
                mod = gd.get("pre") or gd.get("post")
                direction = g.modifiers[_key(mod)] if mod else 0
                hits.append(_Hit(m.start(), m.end(), "weekday", weekday=wd, direction=direction))
            elif form == "month":
                cal, mon_no = g.months[_key(gd.get("gm") or gd["sm"])]
                mod = gd.get("pre") or gd.get("post")
                direction = g.modifiers[_key(mod)] if mod else 0
                hits.append(_Hit(m.start(), m.end(), "month", precision="month", calendar=cal, month=mon_no,
                                 direction=direction))
            elif form == "anaphoric":
                hits.append(_Hit(m.start(), m.end(), "anaphoric", offset=g.anaphoric[_key(gd["a"])]))
            else:
                unit, off = g.periods[_key(gd["p"])]
                hits.append(_Hit(m.start(), m.end(), "period", precision=unit, unit=unit, offset=off))
    return hits


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, the longest winning (ties: absolute before relative), in text order."""
    order = {"abs": 0, "invalid": 0, "partial": 1}
    chosen: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, order.get(h.kind, 2), h.start)):
        if all(h.end <= c.start or h.start >= c.end for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def _span(norm: Normalized, start: int, end: int) -> tuple[int, int]:
    """The original span, with the diacritics that follow its last letter (غداً, not غدا)."""
    s, e = norm.span(start, end)
    while e < len(norm.original) and unicodedata.category(norm.original[e]) == "Mn":
        e += 1
    return s, e


def find_dates(text: str) -> list[DateMention]:
    """Absolute dates (ar/fa/en, Gregorian and Solar Hijri) in text order; [] if none."""
    return [d for d in date_mentions(text, None) if not d.relative]


def date_mentions(text: str, ref: dt.date | None, ref_precision: str = "day") -> list[DateMention]:
    """Absolute and relative dates together, in text order, normalising and scanning once.

    The same as ``find_dates(text) + resolve_relative(text, ref, ref_precision)`` sorted by
    position, at about half the cost: extraction calls this once per article.
    """
    if ref_precision not in _RANK:
        raise ValueError(f"ref_precision must be one of {', '.join(_RANK)}, not {ref_precision!r}")
    g = default_date_grammar()
    norm = normalize(text)
    absolute = _absolute_hits(norm.text, g)
    out: list[DateMention] = []
    for h in _select(absolute):
        if h.kind == "abs":
            s, e = _span(norm, h.start, h.end)
            out.append(DateMention(s, e, h.date, h.precision, text[s:e], relative=False))
    out += _resolved(text, norm, _select(absolute + _relative_hits(norm.text, g)), ref, ref_precision)
    return sorted(out, key=lambda d: (d.start, d.end))


# --------------------------------------------------------------------------- relative


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nearest_partial(h: _Hit, ref: dt.date) -> dt.date | None:
    """Day and month without a year: the reading nearest to the reference date."""
    base = jdatetime.date.fromgregorian(date=ref).year if h.calendar == "solar_hijri" else ref.year
    found = [d for y in (base - 1, base, base + 1) if (d := _to_gregorian(h.calendar, y, h.month, h.day))]
    return min(found, key=lambda d: abs((d - ref).days)) if found else None


def _resolve(h: _Hit, ref: dt.date | None, ref_precision: str, last: dt.date | None,
             future: bool = False) -> tuple[dt.date | None, str]:
    """The date and precision of one relative hit; (None, "unknown") without a usable reference."""
    day_ref = ref if ref is not None and ref_precision == "day" else None
    if h.kind == "partial":
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
    return _weekday_on_or_before(day_ref, h.weekday), "day"


def _bare_month(h: _Hit, ref: dt.date, future: bool) -> dt.date:
    """The first day of the named month nearest ``ref``: the last one (this month included), or
    strictly before/after it with 'last'/'next', or the coming one in a future sentence. A Solar
    Hijri month is placed by its middle day (خرداد -> June)."""
    def start(year_back: int) -> dt.date:
        if h.calendar == "solar_hijri":
            sh_year = jdatetime.date.fromgregorian(date=ref).year - year_back
            mid = jdatetime.date(sh_year, h.month, 15).togregorian()
            return dt.date(mid.year, mid.month, 1)
        return dt.date(ref.year - year_back, h.month, 1)

    this = ref.replace(day=1)
    candidates = sorted(start(k) for k in (-1, 0, 1))
    if h.direction < 0:
        return max(c for c in candidates if c < this)
    if h.direction > 0 or future:
        return min(c for c in candidates if c > this)
    return max(c for c in candidates if c <= this)


_TENSE_BEFORE = 120  # characters before a bare weekday searched for a future marker ...
_TENSE_AFTER = 40  # ... and after it ('on Friday the two sides will meet')
_SENTENCE_END = re.compile(r"[.!?\u061f\n]")


def _in_future(nt: str, g: DateGrammar, start: int, end: int) -> bool:
    """True when a future marker stands in the same sentence near [start, end)."""
    lo = max(0, start - _TENSE_BEFORE)
    ends = [m.end() for m in _SENTENCE_END.finditer(nt, lo, start)]
    lo = ends[-1] if ends else lo
    stop = _SENTENCE_END.search(nt, end, end + _TENSE_AFTER)
    hi = stop.start() if stop else min(len(nt), end + _TENSE_AFTER)
    return g.future.search(nt, lo, hi) is not None


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
    hits = _select(_absolute_hits(norm.text, g) + _relative_hits(norm.text, g))
    return _resolved(text, norm, hits, ref, ref_precision)


def _resolved(text: str, norm: Normalized, hits: list[_Hit], ref: dt.date | None,
              ref_precision: str) -> list[DateMention]:
    """The relative hits as DateMentions, resolved against ``ref`` and earlier dates."""
    g = default_date_grammar()
    out: list[DateMention] = []
    last: dt.date | None = None  # the last day-precision date seen, for anaphora
    for h in hits:
        if h.kind == "invalid":
            continue
        if h.kind == "abs":
            if h.precision == "day":
                last = h.date
            continue
        future = h.kind in ("weekday", "month") and h.direction == 0 \
            and _in_future(norm.text, g, h.start, h.end)
        date, precision = _resolve(h, ref, ref_precision, last, future)
        if date is not None and precision == "day":
            last = date
        s, e = _span(norm, h.start, h.end)
        out.append(DateMention(s, e, date, precision, text[s:e], relative=True))
    return out


# --------------------------------------------------------------------------- published


def _published(date: dt.date | None, precision: str, basis: str) -> Published:
    if date is None:
        return Published(None, "unknown", basis)
    return Published(date, _PUBLISHED_PRECISION.get(precision, "day"), basis)


def _parse_given(given: str) -> Published | None:
    s = given.strip()
    try:
        return Published(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date(), "day", f"given '{s}'")
    except ValueError:
        pass
    try:
        return Published(dt.date.fromisoformat(s[:10]), "day", f"given '{s}'")
    except ValueError:
        pass
    found = find_dates(s)
    if found:
        return _published(found[0].date, found[0].precision, f"given '{s}'")
    return None


@dataclass(frozen=True)
class _Located:
    hit: _Hit
    line_no: int  # index among non-empty lines
    line_start: int
    line_end: int


def _locate(text: str, hits: list[_Hit]) -> list[_Located]:
    out: list[_Located] = []
    counted, line_no = 0, 0  # the non-empty lines before the line start ``counted``
    for h in hits:
        ls = text.rfind("\n", 0, h.start) + 1
        le = text.find("\n", h.end)
        le = len(text) if le < 0 else le
        if ls < counted:  # hits out of text order: count from the start again
            counted, line_no = 0, 0
        # Count on from the previous hit's line, not from the start of the text each time.
        line_no += sum(1 for line in text[counted:ls].split("\n") if line.strip())
        counted = ls
        out.append(_Located(h, line_no, ls, le))
    return out


def find_published(text: str, given: str | None = None) -> Published:
    """The article's own publication date from its raw text (site chrome included).

    Order: a parseable ``given`` value (JSON metadata) wins; then, in the first lines, a
    byline date with a time beside it, a date after a header word ('date', 'تاريخ'), a date
    alone on its line (a weekday-opened one, the site's today line, last); then a date in the
    opening words (month precision for 'أوائل فبراير 2026'); then the latest date of an
    embedded social-media post ('(@handle) February 5, 2026'). Otherwise the date is unknown.
    """
    if given and given.strip():
        parsed = _parse_given(given)
        if parsed is not None:
            return parsed
    g = default_date_grammar()
    norm = normalize(text)
    nt = norm.text

    def orig(start: int, end: int) -> str:
        s, e = _span(norm, start, end)
        return " ".join(text[s:e].split())

    # Only dates in the head and on embedded-post lines can date the article. The head's
    # windows come first and decide rules 1-4 alone; the embedded posts' windows are scanned
    # only when those rules find nothing, and the others (in order) only if the first date
    # of the text is needed.
    windows = _iter_windows(nt)
    skipped: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    for ws, we in windows:
        if ws >= HEAD_CHARS:
            skipped.append((ws, we))
            break
        hits += _window_dates(nt, ws, we, g)
    located = _locate(nt, hits)
    posts = [x for x in located if _is_post(nt, x)]
    head = [x for x in located if x.line_no < HEAD_LINES and x.hit.start < HEAD_CHARS and x not in posts]
    by_head = _from_head(nt, head, g, orig)
    if by_head is not None:
        return by_head

    handles = [(m.start(), m.end()) for m in _POST_HANDLE.finditer(nt)] if "@" in nt else []
    if handles:  # from the window the head scan stopped at on: those next to a '@handle'
        rest, skipped = itertools.chain(skipped, windows), []
        for ws, we in rest:
            if any(a < we and ws <= e for a, e in handles):
                hits += _window_dates(nt, ws, we, g)
            else:
                skipped.append((ws, we))
        posts = [x for x in _locate(nt, hits) if _is_post(nt, x)]

    def first_date() -> _Hit | None:
        """The first date of the whole text (scanning the skipped windows in order)."""
        for ws, we in itertools.chain(skipped, windows):
            if hits and hits[0].start < ws:
                break
            found = _window_dates(nt, ws, we, g)
            if found:
                return found[0]
        return hits[0] if hits else None

    if posts:  # 5. the latest embedded post: the article is not older than what it embeds
        x = max(posts, key=lambda x: (x.hit.date or dt.date.min, x.hit.start))
        assert x.hit.date is not None
        return _embedded_post(nt, x, g, orig)
    first = first_date()
    if first is None:
        return Published(None, "unknown", "no date in the text")
    sample = orig(first.start, first.end)
    return Published(None, "unknown", f"no publication date: only dates of events in the body ('{sample}')")


def _is_post(nt: str, x: _Located) -> bool:
    """True if ``x`` is the date of an embedded post: a day, right after a '@handle' signature."""
    return (x.hit.precision == "day" and x.hit.date is not None
            and _POST_SIGNATURE.search(nt, x.line_start, x.hit.start) is not None)


def _from_head(nt: str, head: list[_Located], g: DateGrammar, orig: Any) -> Published | None:
    """Rules 1-4 of find_published, over the head's dates (embedded posts' dates left out)."""
    for x in head:  # 1. a header word before the date (the site's own label wins): "date 2026-02-04"
        mk = g.header_marker.search(nt, x.line_start, x.hit.start)
        if mk:
            return _published(x.hit.date, x.hit.precision,
                              f"header '{orig(mk.start(), x.hit.end)}'")
    for i, x in enumerate(head):  # 2. a byline: a date with a time next to it
        nxt = head[i + 1].hit.start if i + 1 < len(head) else len(nt)
        window_end = min(x.hit.end + 40, nxt, HEAD_CHARS + 40)
        t = _TIME.search(nt, x.hit.end, max(window_end, x.hit.end))
        if t and x.hit.precision == "day":
            basis = f"byline date '{orig(x.hit.start, x.hit.end)}' with time '{t.group()}'"
            others = [y for y in head if y is not x and y.hit.start < x.hit.start]
            if others:
                above = orig(others[0].hit.start, others[0].hit.end)
                basis += f"; '{above}' above it is the site's date line"
            return _published(x.hit.date, "day", basis)
    alone = [x for x in head if len(re.findall(r"\w+", nt[x.line_start:x.hit.start] + " "
                                               + nt[x.hit.end:x.line_end])) <= 2]
    for x in sorted(alone, key=lambda x: x.hit.prefixed):  # 3. a dateline; the site's today line last
        what = "site date line" if x.hit.prefixed else "date line"
        return _published(x.hit.date, x.hit.precision, f"{what} '{orig(x.hit.start, x.hit.end)}'")
    for x in head:  # 4. a date in the opening words
        if x.hit.start < OPENING_CHARS and x.line_no < HEAD_LINES:
            ctx = orig(x.line_start, x.hit.end) if x.hit.start - x.line_start <= 12 else orig(
                x.hit.start, x.hit.end)
            return _published(x.hit.date, x.hit.precision, f"opening words '{ctx}'")
    return None


def _embedded_post(nt: str, x: _Located, g: DateGrammar, orig: Any) -> Published:
    """Published from the latest embedded post, checked against 'today, <weekday>' phrases."""
    date = x.hit.date
    assert date is not None
    basis = f"latest embedded post date '{orig(x.hit.start, x.hit.end)}'"
    if g.today_weekday.search(nt) is None:  # cheap test first: no 'today' word before a weekday
        return _published(date, "day", basis)
    todays = [h for h in _relative_hits(nt, g, "rel") if h.offset == 0 and h.weekday is not None]
    if not todays:
        return _published(date, "day", basis)
    h = todays[0]
    phrase = orig(h.start, h.end)
    if h.weekday == date.weekday():
        return _published(date, "day", f"{basis}; '{phrase}' agrees ({date:%A})")
    # The text says today is another weekday: the article is later than the post, by an
    # unknown number of days. Keep the post date as the lower bound, at month precision.
    return _published(date, "month",
                      f"{basis}, but '{phrase}' is not a {date:%A}: published later, month precision")
