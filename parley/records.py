"""Typed records passed between the pipeline stages (load -> text -> extract -> store).

Column names of the stored tables are defined once, in parley.store.schema; these records
carry the same field names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["ar", "fa", "en"]
Precision = Literal["day", "month", "year", "unknown"]


@dataclass(frozen=True)
class RawDocument:
    """One document as read from a file, before cleaning. Optional fields come from JSON."""

    origin: str  # file path or name (for JSONL: "name#line")
    raw: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by the source (JSON, a page's metadata), parsed later
    # A date from outside the text (a feed item's): used when the text gives none; the text's own
    # date wins when they disagree, and the disagreement goes into the date basis.
    feed_published: str | None = None


@dataclass(frozen=True)
class Segment:
    """A sentence or line of an article's clean text; start/end index the clean text."""

    idx: int
    start: int
    end: int
    lang: Lang
    text: str


@dataclass(frozen=True)
class Published:
    """An article's publication date and why we believe it. date None means unknown."""

    date: dt.date | None
    precision: Precision
    basis: str  # the words that gave it, or the reason it is unknown


@dataclass
class Article:
    """A cleaned article ready to store. id is the content hash of the raw text."""

    id: str
    origin: str
    raw: str
    text: str  # clean text; all offsets index this
    body_hash: str  # hash of the normalised clean body, for duplicate_of across chrome
    title: str | None
    outlet: str | None
    url: str | None
    lang: Lang
    published: Published
    segments: list[Segment] = field(default_factory=list)
    duplicate_of: str | None = None
