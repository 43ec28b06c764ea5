"""The date grammar of Arabic, Persian and English: month names (Gregorian and Solar Hijri),
weekdays, relative-day and period words, and the regexes built from them.

A small table-driven grammar: the regexes are compiled once from the language data in
data/gazetteer/months.yaml and date_words.yaml (validated on load; a bad entry raises
GazetteerError naming its file and entry). They run on the normalised copy of a text
(parley.text.normalize: letters folded, digits ASCII, diacritics, tatweel and ZWNJ removed,
ASCII lower-cased); parley.text.date_scan finds dates with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.datafiles import data_error, load_yaml
from parley.text.normalize import normalize_text

LANGS = ("en", "ar", "fa")
CALENDARS = ("gregorian", "solar_hijri")
UNITS = ("week", "month", "year")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")



def _norm_word(word: str) -> str:
    return " ".join(normalize_text(word).split())


def _lang_words(file: str, entry: str, value: Any) -> dict[str, tuple[str, ...]]:
    """A mapping lang -> list of words, validated and normalised for matching."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise data_error(file, entry, "expected a mapping keyed by en/ar/fa")
    out: dict[str, tuple[str, ...]] = {}
    for lang, words in value.items():
        if lang not in LANGS:
            raise data_error(file, entry, f"unknown language '{lang}' (use {', '.join(LANGS)})")
        items = [words] if isinstance(words, str) else words
        if not isinstance(items, list) or not all(isinstance(w, str) and w.strip() for w in items):
            raise data_error(file, entry, f"'{lang}' must be a list of non-empty strings")
        out[lang] = tuple(dict.fromkeys(_norm_word(w) for w in items))
    return out


def _all(words: dict[str, tuple[str, ...]]) -> list[str]:
    return [w for ws in words.values() for w in ws]


def _entries(file: str, data: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise data_error(file, None, f"needs '{key}: [...]'")
    seen: set[str] = set()
    for i, e in enumerate(data[key]):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
            raise data_error(file, f"{key}#{i}", "each entry needs a lower-case ASCII 'id'")
        if e["id"] in seen:
            raise data_error(file, e["id"], "duplicate id")
        seen.add(e["id"])
        if not _lang_words(file, e["id"], e.get("names")):
            raise data_error(file, e["id"], "needs 'names' in at least one language")
    entries: list[dict[str, Any]] = data[key]
    return entries


def _int(file: str, entry: str, value: Any, lo: int, hi: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise data_error(file, entry, f"'{what}' must be an integer in {lo}..{hi}, not {value!r}")
    return value


def _index(file: str, table: dict[str, Any], entry: str, words: Iterable[str], value: Any) -> None:
    """Add words -> value, refusing a word that already means something else."""
    for w in words:
        if w in table and table[w] != value:
            raise data_error(file, entry, f"'{w}' (normalised) already means {table[w]!r}")
        table[w] = value


def _numbered(file: str, entries: Any, section: str, hi: int) -> dict[str, int]:
    """Words keyed by the number they stand for, from ``[{n: 2, en: [two], fa: [دو]}, ...]``."""
    out: dict[str, int] = {}
    for i, e in enumerate(entries or []):
        eid = f"{section}#{i}"
        if not isinstance(e, dict):
            raise data_error(file, eid, "each entry needs 'n' and its words per language")
        n = _int(file, eid, e.get("n"), 1, hi, "n")
        _index(file, out, eid, _all(_lang_words(file, eid, {k: v for k, v in e.items() if k != "n"})), n)
    return out


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
    numbers: dict[str, int]  # a count's word -> its value ('three', 'ثلاثة', 'سه')
    units: dict[str, str]  # a counted unit's word (dual forms too) -> day / week / month / year
    duals: frozenset[str]  # the words that name two of a unit (Arabic 'شهرين')
    counted_not_before: frozenset[str]  # after a count, these make it 'before something': not a date
    ordinals: dict[str, int]  # a day's ordinal word -> the day ('دوم' -> 2)
    absolute: tuple[tuple[str, re.Pattern[str]], ...]  # (form, regex)
    relative: tuple[tuple[str, re.Pattern[str]], ...]
    # Per relative form, in the order of ``relative``: the words a match of it can begin with
    # (the first word of each phrase its leading alternatives hold, optional ones included), so
    # a scan need try the regex only where one of them stands (date_scan.relative_hits).
    relative_starts: tuple[frozenset[str], ...]
    header_marker: re.Pattern[str]
    future: re.Pattern[str]  # a future marker: a bare weekday near it is the coming one
    future_in_past: re.Pattern[str]  # a plan told in the past: a bare weekday after it is the nearest one
    tense_stop: re.Pattern[str]  # a complementizer: a marker after it is what was said, not when
    past_speech: re.Pattern[str]  # a speech verb in the past: a weekday beside it is the last one
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
            raise data_error(mf, e["id"], f"calendar must be one of {', '.join(CALENDARS)}")
        key = (str(e["calendar"]), _int(mf, e["id"], e.get("month"), 1, 12, "month"))
        names = _lang_words(mf, e["id"], e.get("names"))
        _index(mf, months, e["id"], _all(names), key)
        en_months += names.get("en", ())

    if not isinstance(wdata, dict):
        raise data_error(wf, None, "top level must be a mapping")

    def section(key: str) -> dict[str, tuple[str, ...]]:
        return _lang_words(wf, key, wdata.get(key))

    weekdays: dict[str, int] = {}
    not_after: dict[int, tuple[str, ...]] = {}
    for e in _entries(wf, wdata, "weekdays"):
        wd = _int(wf, e["id"], e.get("weekday"), 0, 6, "weekday")
        _index(wf, weekdays, e["id"], _all(_lang_words(wf, e["id"], e["names"])), wd)
        not_after[wd] = tuple(_all(_lang_words(wf, e["id"], e.get("not_after"))))
    if sorted(set(weekdays.values())) != list(range(7)):
        raise data_error(wf, "weekdays", "needs all seven weekdays 0..6")

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
            raise data_error(wf, e["id"], f"unit must be one of {', '.join(UNITS)}")
        off = _int(wf, e["id"], e.get("offset"), -12, 12, "offset")
        _index(wf, periods, e["id"], _all(_lang_words(wf, e["id"], e["names"])), (e["unit"], off))

    counted = wdata.get("counted")
    if not isinstance(counted, dict):
        raise data_error(wf, None, "needs 'counted' with 'numbers', 'units', 'ago_after', 'ago_before'")
    numbers = _numbered(wf, counted.get("numbers"), "counted.numbers", 12)
    units: dict[str, str] = {}
    duals: dict[str, str] = {}
    for e in _entries(wf, counted, "units"):
        if e["id"] not in ("day", *UNITS):
            raise data_error(wf, e["id"], "a counted unit is day, week, month or year")
        _index(wf, units, e["id"], _all(_lang_words(wf, e["id"], e["names"])), e["id"])
        _index(wf, duals, e["id"], _all(_lang_words(wf, e["id"], e.get("dual"))), e["id"])
    ago_after = _all(_lang_words(wf, "counted.ago_after", counted.get("ago_after")))
    ago_before = _all(_lang_words(wf, "counted.ago_before", counted.get("ago_before")))
    counted_not_before = frozenset(_norm_word(w) for w in _all(_lang_words(wf, "counted.not_before",
                                                                         counted.get("not_before"))))

    ordinals = _numbered(wf, wdata.get("day_ordinals"), "day_ordinals", 31)
    # the languages that put a word between the ordinal and its month ('الثالث من أيار', 'third of May'):
    # their ordinals name a day only with it ('the first march' is no date)
    links = section("day_ordinal_links")
    linked = {_norm_word(w) for e in wdata.get("day_ordinals") or [] if isinstance(e, dict)
              for lang in links for w in (e.get(lang) or [])}

    mods_before: dict[str, int] = {}
    mods_after: dict[str, int] = {}
    raw_mods = wdata.get("weekday_modifiers")
    if not isinstance(raw_mods, list):
        raise data_error(wf, None, "needs 'weekday_modifiers: [...]'")
    for i, e in enumerate(raw_mods):
        eid = str(e.get("id", f"weekday_modifiers#{i}")) if isinstance(e, dict) else f"#{i}"
        if not isinstance(e, dict) or e.get("direction") not in (-1, 1):
            raise data_error(wf, eid, "each modifier needs 'direction: -1' or 'direction: 1'")
        _index(wf, mods_before, eid, _all(_lang_words(wf, eid, e.get("before"))), e["direction"])
        _index(wf, mods_after, eid, _all(_lang_words(wf, eid, e.get("after"))), e["direction"])

    precision: list[str] = []
    for e in _entries(wf, wdata, "precision_words"):
        precision += _all(_lang_words(wf, e["id"], e["names"]))

    parts = wdata.get("day_parts")
    if not isinstance(parts, dict):
        raise data_error(wf, None, "needs 'day_parts' with 'before'/'after'")
    part_words = _all(_lang_words(wf, "day_parts.before", parts.get("before")))
    part_before = _alt(part_words)
    part_after = _alt(_all(_lang_words(wf, "day_parts.after", parts.get("after"))))
    clitics = _all(section("clitics"))
    if not all(len(c) == 1 for c in clitics):
        raise data_error(wf, "clitics", "each clitic is one letter")

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
    # 'Saturday (3 May)', 'شنبه گذشته- ۲۳ فروردین': the weekday's own modifier and a bracket or dash may
    # stand between it and the day (the weekday then fixes the year of a day and month without one)
    wd_post = _opt(rf"\s+(?:{_alt(mods_after)}){e_}") if mods_after else ""
    wd_prefix = _opt(rf"{cb}{day_noun}(?P<wd>{wd_rx}){e_}{wd_post}\s*(?:[:,\u060c\-\u2013]|(?P<wdb>\())?\s*")
    wd_close = r"(?(wdb)\s*\)|)"  # and the bracket it opened: 'Saturday (3 May)'
    month_noun = _opt(rf"(?:{_alt(_all(section('month_nouns')))})\s+")
    month = (
        rf"{month_noun}(?P<mon>{mon})"
        rf"(?:\s*(?:{_alt(_all(section('month_suffixes')))}))?{e_}\.?"
        rf"(?:\s*[/(]\s*(?P<mon2>{mon}){e_}(?:\s*\))?)?"
    )
    year_noun = _alt(_all(section("year_nouns")))
    year_suffix = rf"(?:\s*(?:{_alt(_all(section('year_suffixes')))}){e_})?"
    year = rf"(?:\s*[,\u060c]?\s*(?:(?:{year_noun})\s+)?(?P<y>\d{{4}})(?!\d){year_suffix})"
    prec = _opt(rf"(?P<prec>{_alt(precision)})(?:\s+|-)(?:of\s+)?")
    absolute = (
        ("dmy", rf"{wd_prefix}(?<!\w)(?P<d>\d{{1,2}}){ordinal}(?:\s+of)?\s*[-/]?\s*{month}{year}?{wd_close}"),
        ("mdy", rf"{wd_prefix}{cb}(?P<mon>{_alt(en_months)}){e_}\.?\s*(?P<d>\d{{1,2}}){ordinal}(?!\d)"
                rf"{year}?{wd_close}"),
        ("my", rf"{cb}{prec}{month}{year}"),
        ("year", rf"{cb}(?:{year_noun})\s+(?P<y>\d{{4}})(?!\d){year_suffix}"),
        ("iso", r"(?<![\w/.\-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/])"),
        ("num", r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])"),
    )
    not_bare = {_norm_word(w) for w in _all(section("not_bare_months"))}
    bare_greg = [w for w, (cal, _) in months.items() if cal == "gregorian" and w not in not_bare]
    # 'in March': a month that is also a word, after a preposition (each a fixed-width lookbehind)
    # (or a precision word: 'in early March', 'mid-May')
    preps = "|".join(rf"(?<![^\W])(?<={re.escape(w)}{sep})" for w in _all(section("month_prepositions"))
                     + [w for w in precision if w.isascii() and " " not in w] for sep in (" ", "-"))
    prep_month = rf"(?:{preps})(?P<gmp>{_alt(not_bare)})" if preps and not_bare else "(?!)"
    count = rf"(?:(?P<n>{_alt(numbers)})|(?P<nd>\d{{1,2}}))\s+(?P<u>{_alt(units)})"
    counted_rx = (rf"{cb}(?:(?:{_alt(ago_before)})\s+(?:{count}|(?P<dual>{_alt(duals)}))"
                  rf"|{count.replace('(?P<', '(?P<a')}\s+(?:{_alt(ago_after)})){e_}")
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
        ("month", rf"{cb}{modifier}(?:(?P<gm>{_alt(bare_greg)})|{prep_month}"
                  rf"|(?P<sm>{_alt(bare_sh)})\s*(?:{msuf})){e_}"
                  rf"(?!\s*[,\u060c/]?\s*\d)(?:\s+(?P<post>{_alt(mods_after)}){e_})?"),
        ("counted", counted_rx),
        # 'دوم مهرماه ۱۴۰۴', 'روز پنجشنبه، ششم آذرماه': a day as an ordinal word (no digit window finds it)
        ("ordinal", rf"{wd_prefix}{cb}(?:(?P<ow>{_alt(w for w in ordinals if w not in linked)})"
                    rf"|(?P<owl>{_alt(linked)}){e_}\s+(?:{_alt(_all(links))})){e_}\s+{month}{year}?{wd_close}"),
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
    # the words each relative form can begin with: its optional leading groups' and its own
    day_words = [*part_words, *_all(section("day_nouns"))]
    begins = {"rel": [*day_words, *rel_days], "weekday": [*day_words, *mods_before, *weekdays],
              "anaphoric": list(anaphoric), "period": list(periods),
              "month": [*mods_before, *bare_greg, *not_bare, *bare_sh],
              "counted": [*ago_before, *numbers, *(str(d) for d in range(10))],
              "ordinal": [*_all(section("day_nouns")), *weekdays, *ordinals]}
    return DateGrammar(
        months=months, weekdays=weekdays, weekday_not_after=not_after, rel_days=rel_days,
        rel_not_before=not_before, modifiers={**mods_before, **mods_after}, anaphoric=anaphoric,
        periods=periods, precision_words=frozenset(precision), numbers=numbers, units={**units, **duals},
        duals=frozenset(duals), counted_not_before=counted_not_before, ordinals=ordinals,
        absolute=tuple((k, re.compile(p)) for k, p in absolute),
        relative=tuple((k, re.compile(p)) for k, p in relative),
        relative_starts=tuple(frozenset(w.split()[0] for w in begins[k]) for k, _ in relative),
        header_marker=marker,
        future=re.compile(rf"(?<!\w)(?:{_alt(_all(section('future_markers')))})(?!\w)"),
        future_in_past=re.compile(rf"(?<!\w)(?:{_alt(_all(section('future_in_past')))})(?!\w)"),
        tense_stop=re.compile(rf"(?<!\w)(?:{_alt(_all(section('tense_stops')))})(?!\w)"),
        past_speech=re.compile(rf"(?<!\w)(?:{_alt(_all(section('past_speech')))})(?!\w)"),
        today_weekday=today_weekday,
        absolute_hint=absolute_hint,
        form_hints=tuple(re.compile(hints[k]) for k, _ in absolute),
    )


@lru_cache(maxsize=1)
def default_date_grammar() -> DateGrammar:
    """The date grammar, loaded and compiled once per process."""
    return load_date_grammar()
