"""An article's own publication date, from its raw text (site chrome included) or a given value.

The head of the text decides: a header word before a date, a byline date with a time, a
date alone on its line, a date in the opening words; else the latest embedded social-media
post. Dates of events in the body never date the article: without a publication date it is
unknown, never today.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

from parley.records import Precision, Published
from parley.text.date_grammar import DateGrammar, default_date_grammar
from parley.text.date_scan import (
    DateHit,
    find_dates,
    iter_windows,
    original_span,
    relative_hits,
    window_dates,
)
from parley.text.normalize import normalize

_PUBLISHED_PRECISION: dict[str, Precision] = {"day": "day", "month": "month", "year": "year"}

HEAD_LINES = 8  # site chrome and bylines live in the first non-empty lines ...
HEAD_CHARS = 600  # ... and in the first characters of the raw text
OPENING_CHARS = 300  # a date this close to the start of the text dates the article ...
OPENING_WORDS = 4  # ... with at most this many words before it on its line
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
# An embedded social-media post signs off with "(@handle) February 5, 2026".
_POST_SIGNATURE = re.compile(r"@\w{1,30}\)?\s*[-\u2013\u2014,]?\s*$")
# The same, unanchored: a date right after a signature starts inside one of these matches
# or at its end (each part is greedy, so a match ends as far as a signature can reach).
_POST_HANDLE = re.compile(r"@\w{1,30}\)?\s*[-\u2013\u2014,]?\s*")


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
    hit: DateHit
    line_no: int  # index among non-empty lines
    line_start: int
    line_end: int


def _locate(text: str, hits: list[DateHit]) -> list[_Located]:
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
        s, e = original_span(norm, start, end)
        return " ".join(text[s:e].split())

    # Only dates in the head and on embedded-post lines can date the article. The head's
    # windows come first and decide rules 1-4 alone; the embedded posts' windows are scanned
    # only when those rules find nothing, and the others (in order) only if the first date
    # of the text is needed.
    windows = iter_windows(nt)
    skipped: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    for ws, we in windows:
        if ws >= HEAD_CHARS:
            skipped.append((ws, we))
            break
        hits += window_dates(nt, ws, we, g)
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
                hits += window_dates(nt, ws, we, g)
            else:
                skipped.append((ws, we))
        posts = [x for x in _locate(nt, hits) if _is_post(nt, x)]

    def first_date() -> DateHit | None:
        """The first date of the whole text (scanning the skipped windows in order)."""
        for ws, we in itertools.chain(skipped, windows):
            if hits and hits[0].start < ws:
                break
            found = window_dates(nt, ws, we, g)
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
    for x in head:  # 4. a date in the opening words, near the start of its line, no event's
        if x.hit.start < OPENING_CHARS and x.line_no < HEAD_LINES and _opens_its_line(nt, x, g):
            ctx = orig(x.line_start, x.hit.end) if x.hit.start - x.line_start <= 12 else orig(
                x.hit.start, x.hit.end)
            return _published(x.hit.date, x.hit.precision, f"opening words '{ctx}'")
    return None


def _opens_its_line(nt: str, x: _Located, g: DateGrammar) -> bool:
    """A date that opens its line ('CAIRO – 10 September 2025:', 'Samar Al-Gamal, Tuesday 9 Sep 2025',
    'في أوائل فبراير 2026،'): at most OPENING_WORDS words before it, weekdays aside, and no 'next' or
    'last' beside it. A date deep in a sentence or a caption ('… in Istanbul, Turkey, April 23, 2025',
    'الأحد المقبل 11 مايو') is an event's, not the article's."""
    before = [w for w in re.findall(r"\w+", nt[x.line_start:x.hit.start]) if w not in g.weekdays]
    beside = before[-1:] + re.findall(r"\w+", nt[x.hit.end:x.hit.end + 30])[:1]
    beside += re.findall(r"\w+", nt[x.hit.start:x.hit.end])  # 'الأحد المقبل 8 مارس': the weekday's own
    return len(before) <= OPENING_WORDS and not any(w in g.modifiers for w in beside)


def _embedded_post(nt: str, x: _Located, g: DateGrammar, orig: Any) -> Published:
    """Published from the latest embedded post, checked against 'today, <weekday>' phrases."""
    date = x.hit.date
    assert date is not None
    basis = f"latest embedded post date '{orig(x.hit.start, x.hit.end)}'"
    if g.today_weekday.search(nt) is None:  # cheap test first: no 'today' word before a weekday
        return _published(date, "day", basis)
    todays = [h for h in relative_hits(nt, g, "rel") if h.offset == 0 and h.weekday is not None]
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


def _agrees(own: Published, date: dt.date) -> bool:
    """Whether ``date`` falls within ``own`` at its precision."""
    assert own.date is not None
    if own.precision == "year":
        return own.date.year == date.year
    if own.precision == "month":
        return (own.date.year, own.date.month) == (date.year, date.month)
    return own.date == date


def url_date(url: str | None) -> dt.date | None:
    """The day a news address carries in its path ('/2025/04/12/', '/2025-04-12-'), or None.

    htmldate's URL rule (years 1990-2039, year-month-day only): a path without a day, or a
    number that is no date, gives None."""
    if not url or len(url) > 2000:
        return None
    from htmldate.extractors import COMPLETE_URL  # imported on need: 0.1 s, and most texts are dated

    m = COMPLETE_URL.search(url)
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def with_url_date(own: Published, url: str | None) -> Published:
    """``own`` or, when the text gives no date, the day in the article's given address.

    Only an address given with the document (JSON 'url', an HTML page's canonical link, a
    fetched page) counts, never a link inside the text: that may be any other article's."""
    if own.date is not None:
        return own
    day = url_date(url)
    if day is None:
        return own
    return Published(day, "day", f"the article's address has {day.isoformat()} (the text: {own.basis})")


def with_feed_date(own: Published, feed_date: str | None) -> Published:
    """``own`` (the text's date) with a feed item's date as one more basis.

    The feed's date dates an article whose text gives none; when both give one, the text's own
    date wins, and the basis says whether the feed agrees or what it said instead (shown with the
    date on /read). An unreadable feed date changes nothing.
    """
    if not feed_date or not feed_date.strip():
        return own
    parsed = _parse_given(feed_date)
    if parsed is None or parsed.date is None:
        return own
    shown = " ".join(feed_date.split())[:60]
    if own.date is None:
        return Published(parsed.date, parsed.precision, f"feed item date '{shown}' (the text: {own.basis})")
    if _agrees(own, parsed.date):
        return Published(own.date, own.precision, f"{own.basis}; the feed item's date agrees")
    return Published(own.date, own.precision,
                     f"{own.basis}; the feed item says {parsed.date.isoformat()}: "
                     f"the text's own date wins (they disagree)")
