"""What a source comparison is made of: sources, aligned rows, the result; frame helpers they share.

A source is one article, or a group of articles (an outlet, or one side's actors), with its rows
in frames shaped like the stored tables (columns: parley.compare_columns). Pure: no queries.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from parley.compare_columns import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    POSITION_COLUMNS,
    QUOTE_COLUMNS,
    SEGMENT_COLUMNS,
    VENUE_COLUMNS,
)

Feature = tuple[str, str]  # (kind, canonical value): ("actor", "rubio"), ("date", "2026-02-05")


def empty_frame(columns: Sequence[str]) -> pd.DataFrame:
    """An empty frame with ``columns``."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


@dataclass(frozen=True)
class Source:
    """One column of a comparison: an article, or a group of articles (an outlet, a side)."""

    key: str  # an article id, or "outlet:<name>" / "side:<id>"
    label: str  # short, unique among the compared sources
    lang: str  # the column's main language (its direction)
    articles: pd.DataFrame
    segments: pd.DataFrame = field(default_factory=lambda: empty_frame(SEGMENT_COLUMNS))
    mentions: pd.DataFrame = field(default_factory=lambda: empty_frame(MENTION_COLUMNS))
    venues: pd.DataFrame = field(default_factory=lambda: empty_frame(VENUE_COLUMNS))
    positions: pd.DataFrame = field(default_factory=lambda: empty_frame(POSITION_COLUMNS))
    quotes: pd.DataFrame = field(default_factory=lambda: empty_frame(QUOTE_COLUMNS))
    events: pd.DataFrame = field(default_factory=lambda: empty_frame(EVENT_COLUMNS))

    @property
    def is_group(self) -> bool:
        """True when the source stands for several articles (outlet or side mode)."""
        return len(self.articles) != 1


@dataclass(frozen=True)
class SegmentRef:
    """One segment placed in an aligned row."""

    source: str
    article_id: str
    idx: int
    lang: str
    text: str
    start: int  # span of the segment in its article's clean text
    end: int


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side view: at most one segment per source."""

    cells: Mapping[str, SegmentRef]  # source key -> segment
    score: float  # best pairwise score inside the row (0 for a lone segment)
    shared: tuple[Feature, ...]  # features the row's segments have in common

    @property
    def aligned(self) -> bool:
        """True when two or more sources report this passage."""
        return len(self.cells) > 1


@dataclass(frozen=True)
class Comparison:
    """The result shown by the compare page and summarised by the PNG export."""

    sources: tuple[Source, ...]
    rows: tuple[AlignedRow, ...]
    facts: pd.DataFrame
    names: Mapping[str, str]  # actor/place id -> English name

    def only_in(self, row: AlignedRow) -> str | None:
        """The label of the one source carrying an unaligned row, else None."""
        if row.aligned or not row.cells:
            return None
        (key,) = row.cells
        return self.label(key)

    def label(self, key: str) -> str:
        """The display label of a source key."""
        for s in self.sources:
            if s.key == key:
                return s.label
        return key


# --- frame helpers ----------------------------------------------------------------------------


def iso_day(value: object) -> str | None:
    """An ISO date string from a date, a timestamp or a string; None for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if text and text.lower() not in ("nan", "nat", "none") else None


def frame_rows(frame: pd.DataFrame | None) -> list[dict[str, object]]:
    """Rows of a frame as plain dicts (empty frames and missing frames give nothing)."""
    if frame is None or frame.empty:
        return []
    return [{str(k): v for k, v in rec.items()} for rec in frame.to_dict("records")]


def split_ids(value: object) -> list[str]:
    """Split a ';'-separated id list (events.actor_ids)."""
    if not isinstance(value, str):
        return []
    return [p for p in (x.strip() for x in value.split(";")) if p]


def display_name(names: Mapping[str, str], ident: str) -> str:
    """The English name of an actor or place id, else the id itself."""
    return names.get(ident, ident)


# --- grouping (outlet / side mode) -----------------------------------------------------------


def restrict_to_actors(source: Source, actor_ids: Iterable[str]) -> Source:
    """A copy of ``source`` keeping only rows about the given actors (one side's facts)."""
    keep = set(actor_ids)

    def by(frame: pd.DataFrame, col: str) -> pd.DataFrame:
        if frame.empty:
            return frame
        return frame[frame[col].isin(keep)].reset_index(drop=True)

    events = source.events
    if not events.empty:
        mask = [bool(set(split_ids(v)) & keep) for v in events["actor_ids"]]
        events = events[mask].reset_index(drop=True)
    return Source(key=source.key, label=source.label, lang=source.lang, articles=source.articles,
                  segments=source.segments, mentions=by(source.mentions, "actor_id"),
                  venues=source.venues, positions=by(source.positions, "actor_id"),
                  quotes=by(source.quotes, "speaker_id"), events=events)


def main_lang(langs: Iterable[str]) -> str:
    """The most frequent language code (ties: ar, fa, en order); 'en' when empty."""
    counts = Counter(langs)
    if not counts:
        return "en"
    pref = {"ar": 0, "fa": 1, "en": 2}
    return min(counts, key=lambda k: (-counts[k], pref.get(k, 9), k))
