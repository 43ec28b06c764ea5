"""What extraction returns for one article; the store writes these as rows.

Field names equal the column names in parley.store.schema (article_id is added by the store).
Spans (start, end) index the article's clean text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    segment_idx: int
    actor_id: str
    start: int
    end: int
    surface: str
    via: str = "name"  # name / surname / title / fuzzy


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
