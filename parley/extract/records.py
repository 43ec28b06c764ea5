"""What extraction computes for one article: the matches its stages read (Found), and the rows
they return, which the store writes.

Row field names equal the column names in parley.store.schema (article_id is added by the
store). Row spans (start, end) index the article's clean text; Found's index its normalised text.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:  # the matchers import the row types below: types only, no import at run time
    from parley.extract.actors import ActorSpan
    from parley.extract.cues import Cues
    from parley.extract.gazetteer import Gazetteer
    from parley.extract.matcher import Clitics, Doc, Match


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)


def _starting_in(items: list[_S], starts: list[int], lo: int, hi: int) -> list[_S]:
    return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def ending_in(items: list[_S], lo: int, hi: int) -> list[_S]:
    """The spans of ``items`` ending in [lo, hi]; ``items`` are in text order and never overlap
    (as the matches of one phrase file), so their ends are sorted too."""
    return items[bisect.bisect_left(items, lo, key=_end):bisect.bisect_right(items, hi, key=_end)]


def _end(span: _Span) -> int:
    return span.end


@dataclass(frozen=True)
class Found:
    """Everything matched on one article's normalised text, computed once by
    parley.extract.pipeline.analyse and only read by the stages (each match list in text order)."""

    doc: Doc
    gaz: Gazetteer
    cues: Cues
    gaz_matches: list[Match]
    speech: list[Match]
    stance: list[Match]
    topic: list[Match]
    venue: list[Match]
    event: list[Match]
    names: list[Match]
    actors: list[ActorSpan]
    demonyms: list[Match]  # nationality adjectives (stance cues with a demonym)
    venue_starts: list[int]  # venue[i].start, for slicing by sentence
    event_starts: list[int]  # event[i].start, likewise
    stance_starts: list[int]  # stance[i].start, likewise
    topic_cover: frozenset[int]  # the positions inside some topic phrase
    governed_stops: list[int]  # sorted: where the words a stance cue governs may stop (next cue, condition)
    # Start positions of the lists below, so that a stage reads the matches near a position by
    # bisection instead of scanning the whole article for each cue (which grows as its square).
    speech_starts: list[int] = field(default_factory=list)
    topic_starts: list[int] = field(default_factory=list)
    actor_starts: list[int] = field(default_factory=list)
    demonym_starts: list[int] = field(default_factory=list)
    # a stance cue at most three words after another is its object: start of the object -> the cue
    # before it, whose stance it takes ('dismissed the demands for X' rejects X, demands nothing)
    object_of: dict[int, Match] = field(default_factory=dict)
    # matches of the nouns of bare_bodies.yaml ('البرلمان') and capitals.yaml ('العاصمة'), found in the
    # same pass as the rest; None: not found yet (a stage then scans for them itself)
    bare_nouns: list[Match] | None = None
    capital_nouns: list[Match] | None = None

    def stance_in(self, lo: int, hi: int) -> list[Match]:
        """The stance-file cues starting in [lo, hi)."""
        starts = self.stance_starts
        return self.stance[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def venue_in(self, lo: int, hi: int) -> list[Match]:
        """The venue cues starting in [lo, hi)."""
        starts = self.venue_starts
        return self.venue[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def event_in(self, lo: int, hi: int) -> list[Match]:
        """The event cues starting in [lo, hi)."""
        starts = self.event_starts
        return self.event[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def speech_in(self, lo: int, hi: int) -> list[Match]:
        """The speech cues starting in [lo, hi)."""
        return _starting_in(self.speech, self.speech_starts, lo, hi)

    def topic_in(self, lo: int, hi: int) -> list[Match]:
        """The topic-file matches starting in [lo, hi)."""
        return _starting_in(self.topic, self.topic_starts, lo, hi)

    def actors_in(self, lo: int, hi: int) -> list[ActorSpan]:
        """The actor mentions starting in [lo, hi), in text order (their ends are not bounded)."""
        return _starting_in(self.actors, self.actor_starts, lo, hi)

    def demonyms_in(self, lo: int, hi: int) -> list[Match]:
        """The nationality adjectives starting in [lo, hi)."""
        return _starting_in(self.demonyms, self.demonym_starts, lo, hi)

    @cached_property
    def clitics(self) -> Clitics:
        """matcher.clitics(), read once per article: it looks the gazetteer folder up in the
        environment, which costs more than the rules' checks that ask for it."""
        from parley.extract.matcher import clitics

        return clitics()

    # The gazetteer's matches and the actors mapped to the clean text, once per article: the English
    # finders (people, bodies, new places) each read them as the spans already named.
    @cached_property
    def gaz_orig_spans(self) -> list[tuple[int, int]]:
        return [self.doc.orig_span(m.start, m.end) for m in self.gaz_matches]

    @cached_property
    def actor_orig_spans(self) -> list[tuple[int, int]]:
        return [self.doc.orig_span(a.start, a.end) for a in self.actors]

    # The end positions of three lists, taken on first use: ending_in's bisection by key calls
    # a Python function at every step, and these are read a few hundred times per article.
    @cached_property
    def _stance_ends(self) -> list[int]:
        return [m.end for m in self.stance]

    @cached_property
    def _speech_ends(self) -> list[int]:
        return [m.end for m in self.speech]

    @cached_property
    def _demonym_ends(self) -> list[int]:
        return [m.end for m in self.demonyms]

    def stance_ending(self, lo: int, hi: int) -> list[Match]:
        """The stance-file cues ending in [lo, hi] (matches of one file never overlap, so their
        ends rise with their starts): ending_in(self.stance, lo, hi)."""
        ends = self._stance_ends
        return self.stance[bisect.bisect_left(ends, lo):bisect.bisect_right(ends, hi)]

    def speech_ending(self, lo: int, hi: int) -> list[Match]:
        """The speech cues ending in [lo, hi]."""
        ends = self._speech_ends
        return self.speech[bisect.bisect_left(ends, lo):bisect.bisect_right(ends, hi)]

    def demonyms_ending(self, lo: int, hi: int) -> list[Match]:
        """The nationality adjectives ending in [lo, hi]."""
        ends = self._demonym_ends
        return self.demonyms[bisect.bisect_left(ends, lo):bisect.bisect_right(ends, hi)]

    def in_topic(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a topic phrase (its first and last characters do)."""
        return start in self.topic_cover and end - 1 in self.topic_cover


@dataclass(frozen=True)
class Mention:
    segment_idx: int
    actor_id: str
    start: int
    end: int
    surface: str
    via: str = "name"  # name / surname / title / fuzzy / demonym (mentioned; never a holder)


@dataclass(frozen=True)
class Venue:
    segment_idx: int
    place_id: str
    role: str  # talks_venue proposed moved_from moved_to visit mentioned
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Position:
    segment_idx: int
    actor_id: str
    topic: str
    stance: str
    polarity: int
    condition: str | None
    cues: str
    confidence: float
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Quote:
    segment_idx: int
    speaker_id: str | None
    lang: str
    text: str
    start: int
    end: int
    cue: str


@dataclass(frozen=True)
class Event:
    event_id: str
    segment_idx: int
    date: dt.date | None
    date_precision: str
    date_basis: str
    kind: str
    actor_ids: str  # ';'-separated
    place_id: str | None
    start: int
    end: int
    evidence: str
    status: str = "happened"  # happened / planned / background / called_off


ARTICLE_DATE = "article date"  # an event's date_basis when only its article's day dates it
# An undated article's event whose words give a day and month but no year: its basis ends with
# the day as '(calendar MM-DD)', so that the store's closing pass can take the year from other
# articles that report the same happening on that day (store.borrowed_dates.year_from_other_articles).
# A month alone ('in June') is day 00, and the coverage of that month gives its year.
NO_YEAR = "without a year: "  # in both heads: 'day and month without a year: ', 'month without a year: '
_NO_YEAR_HEADS = ("day and month ", "month ")
RECAP = "earlier rounds, counted"  # the basis of 'four rounds of negotiations': no one day to borrow
BACKGROUND_DAYS = 6  # a happening dated a week or more before its report is background to it


def older_than_report(date: dt.date | None, precision: str, ref: dt.date | None) -> bool:
    """Dated a week or more before the report's day ``ref``: a week or a year is as old as its last day
    ('three weeks ago', 'in 2016'), a month unless it is the report's own. Extraction and the store's
    closing pass both read status so."""
    last = date + dt.timedelta(days=6) if date is not None and precision == "week" else \
        date.replace(month=12, day=31) if date is not None and precision == "year" else date
    return last is not None and ref is not None and (ref - last).days > BACKGROUND_DAYS \
        and precision in ("day", "week", "month", "year") \
        and not (precision == "month" and last.replace(day=1) == ref.replace(day=1))


def no_year_basis(surface: str, calendar: str, month: int, day: int) -> str:
    """The basis of an event dated by a day and month only: 'day and month without a year:
    '15 June' (gregorian 06-15)'; by a month only (day 0): 'month without a year: 'June' (gregorian
    06-00)'."""
    return f"{_NO_YEAR_HEADS[0 if day else 1]}{NO_YEAR}'{surface}' ({calendar} {month:02d}-{day:02d})"


def no_year_words(basis: str) -> str:
    """The part of a basis that no_year_basis wrote ('day and month without a year: …'), else ''."""
    i = basis.find(NO_YEAR)
    if i < 0:
        return ""
    head = next((h for h in _NO_YEAR_HEADS if basis.endswith(h, 0, i)), "")
    return basis[i - len(head):]


def no_year_key(basis: str) -> tuple[str, int, int] | None:
    """The (calendar, month, day) at the end of a basis no_year_basis wrote, else None."""
    head, sep, tail = basis.rpartition(" (")
    parts = tail.rstrip(")").split(" ")
    if not sep or not basis.endswith(")") or NO_YEAR not in head or len(parts) != 2:
        return None
    calendar, md = parts
    month, _, day = md.partition("-")
    if calendar not in ("gregorian", "solar_hijri") or not (month.isdigit() and day.isdigit()):
        return None
    return calendar, int(month), int(day)


@dataclass(frozen=True)
class Candidate:
    segment_idx: int
    surface: str
    normalized: str
    sign: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Link:
    """A segment naming two or more actors, and the edge types its cue words state."""

    segment_idx: int
    types: str  # ';'-separated edge types in the order of edge_cues.yaml; '' when none


@dataclass
class Extraction:
    """All rows extracted from one article."""

    mentions: list[Mention] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class ReferenceRows:
    """The gazetteer as the store's actors and places tables hold it (column name -> value)."""

    actors: tuple[dict[str, Any], ...]
    places: tuple[dict[str, Any], ...]


class ReferenceSource(Protocol):
    """What the store syncs its actors and places from (the gazetteer)."""

    def reference_rows(self) -> ReferenceRows:
        """The actors and places rows."""
        ...
