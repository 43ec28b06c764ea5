"""What a briefing holds: its tables' columns and limits, the provenance of an item (SourceRef)
and everything read for one set of filters (BriefingData)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from parley.analyze import network as net
from parley.analyze import timeline as tl
from parley.filters import Filters
from parley.store.briefings import SOURCE_COLUMNS
from parley.text.script import LRM, script_dir

__all__ = ["SOURCE_COLUMNS"]

Target = Literal["html", "pdf", "page"]  # page: figure blocks carry only their caption

SOURCE_COUNT_COLUMNS = ("lang", "outlet", "articles")
DEVELOPMENT_COLUMNS = ("event_id", "date", "date_precision", "kind", "actors", "place", "reports",
                       "evidence", "evidence_lang", "article_ids", "sources")
POSITION_COLUMNS = ("actor_id", "actor", "side", "topic", "stances", "polarity", "positions",
                    "article_ids", "sources")
GAP_COLUMNS = ("topic", "us", "iran", "mediators", "us_polarity", "iran_polarity", "gap", "reading")
VENUE_COLUMNS = ("date", "date_precision", "place", "role", "asked_by", "article_id", "sources")
EDGE_COLUMNS = ("source", "target", "source_en", "target_en", "type", "weight", "article_ids", "sources")
QUOTE_COLUMNS = ("quote_id", "speaker_id", "speaker", "side", "lang", "text", "cue", "article_id",
                 "sources")

MAX_DEVELOPMENTS = 30
MAX_POSITIONS = 40
MAX_QUOTES = 12
MAX_EDGES = 15
MAX_REFS = 3  # source articles named in one table cell before "and N more"
NO_OUTLET = "unknown outlet"
FIGURE_IDS = {"timeline": "parley-fig-timeline", "network": "parley-fig-network"}
FIGURE_CAPTIONS = {
    "timeline": "Key developments: events by side, article publication dates and the talks venue",
    "network": "Actor network: node size is mentions, colour is side, edge width is shared sentences",
}


@dataclass(frozen=True)
class SourceRef:
    """Where an item comes from: an article's outlet, date (with precision), URL and language."""

    article_id: str
    outlet: str | None
    published: dt.date | None
    date_precision: str
    url: str | None
    lang: str
    title: str | None

    def label(self, *, url: bool = True) -> str:
        """'Outlet, 2026-02-05, https://…' (the URL only when known and asked for)."""
        outlet = self.outlet or NO_OUTLET
        if script_dir(outlet) == "rtl":
            # A left-to-right mark ends the Arabic-script name, so the comma and date after it
            # stay in the line's left-to-right order in plain-text targets (PDF, CSV).
            outlet += LRM
        parts = [outlet, tl.date_label(self.published, self.date_precision)]
        if url and self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True)
class BriefingData:
    """Everything a briefing shows, read from the store for one set of filters."""

    filters: Filters
    sources: pd.DataFrame  # SOURCE_COLUMNS, the filtered (non-duplicate) articles
    source_counts: pd.DataFrame  # SOURCE_COUNT_COLUMNS
    developments: pd.DataFrame  # DEVELOPMENT_COLUMNS, date order, undated last
    positions: pd.DataFrame  # POSITION_COLUMNS
    gaps: pd.DataFrame  # GAP_COLUMNS
    venues: pd.DataFrame  # VENUE_COLUMNS
    venue_path: tuple[str, ...]
    network_edges: pd.DataFrame  # EDGE_COLUMNS
    quotes: pd.DataFrame  # QUOTE_COLUMNS
    timeline: tl.TimelineView
    network: net.NetworkView
    refs: dict[str, SourceRef]
    # rows of its sources that analysts corrected or added, by table (positions, events, venues, quotes)
    curated: dict[str, int] = field(default_factory=dict)

    def curation_line(self) -> str:
        """How many of the briefing's items come from analysts' corrections."""
        total = sum(self.curated.values())
        if not total:
            return "Curation: no item was corrected by an analyst; the tables are extraction's."
        parts = ", ".join(f"{k} {v}" for k, v in self.curated.items() if v)
        return f"Curation: {total} item{'s' if total != 1 else ''} corrected or added by analysts ({parts})."

    def period(self) -> str:
        """The period covered: the filters' dates, else the span of the dated sources."""
        start, end = self.filters.date_from, self.filters.date_to
        if start is not None and end is not None:
            return f"{start.isoformat()} to {end.isoformat()}"
        ids = set(self.sources["article_id"].tolist())  # once: per reference it took 46 s at 100,000 articles
        dated = [r.published for r in self.refs.values() if r.published is not None and r.article_id in ids]
        if start is None and dated:
            start = min(dated)
        if end is None and dated:
            end = max(dated)
        if start is None and end is None:
            return "undated"
        return f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"



def frame_of(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))


def is_missing(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def day_of(value: Any) -> dt.date | None:
    return None if is_missing(value) else pd.Timestamp(value).date()


def split_ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


