"""Compare sources side by side: the comparison, the page's grid and the PNG's summary of it.

Pure functions over DataFrames shaped like the stored tables (parley.compare_columns). A source
is one article, or a group of articles (an outlet, or one side's actors over a date range). The
parts live next to this module:

- parley.analyze.compare_model: Source, SegmentRef, AlignedRow, Comparison, one side's facts;
- parley.analyze.compare_alignment: segment fingerprints and the one-to-one alignment;
- parley.analyze.compare_facts: the facts table and where the sources disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from parley.analyze.compare_alignment import align_segments
from parley.analyze.compare_facts import facts_table, name_map
from parley.analyze.compare_model import Comparison, Source, display_name, frame_rows, iso_day


def compare_sources(sources: Sequence[Source], *, actors: pd.DataFrame | None = None,
                    places: pd.DataFrame | None = None, align: bool = True) -> Comparison:
    """Align 2-3 sources' segments (unless ``align`` is False) and tabulate their facts."""
    if len(sources) < 2:
        raise ValueError("a comparison needs at least two sources")
    if len({s.label for s in sources}) != len(sources):
        raise ValueError("source labels must be unique")
    rows = align_segments(sources) if align else []
    return Comparison(sources=tuple(sources), rows=tuple(rows),
                      facts=facts_table(sources, actors=actors, places=places, rows=rows),
                      names=name_map(actors, places))


# --- summary (for the static PNG) -------------------------------------------------------------


@dataclass(frozen=True)
class SummaryText:
    """A piece of text with its language, so each renderer can pick direction and shaping."""

    text: str
    lang: str = "en"


@dataclass(frozen=True)
class SummarySource:
    """A source's header in the summary."""

    label: str
    title: SummaryText
    date: str  # "2026-02-05" or "no date"


@dataclass(frozen=True)
class ComparisonSummary:
    """What the static PNG shows: sources, the strongest aligned passages, and the facts."""

    title: str
    sources: tuple[SummarySource, ...]
    passages: tuple[tuple[SummaryText | None, ...], ...]  # one tuple per aligned row
    facts: tuple[tuple[str, str, tuple[str, ...], bool], ...]  # kind, fact, cells, disagreement
    more_facts: int = 0


def summarize(comparison: Comparison, *, max_passages: int = 4, max_facts: int = 18) -> ComparisonSummary:
    """The comparison cut down to what fits one image: strongest passages, disagreements first."""
    srcs = []
    for s in comparison.sources:
        art = next(iter(frame_rows(s.articles)), {})
        title = str(art.get("title") or "") if not s.is_group else f"{len(s.articles)} articles"
        date = iso_day(art.get("published")) if not s.is_group else None
        srcs.append(SummarySource(label=s.label, title=SummaryText(title, s.lang if not s.is_group else "en"),
                                  date=date or ("no date" if not s.is_group else "")))
    aligned = sorted((r for r in comparison.rows if r.aligned), key=lambda r: -r.score)[:max_passages]
    aligned.sort(key=lambda r: comparison.rows.index(r))
    passages = tuple(
        tuple(SummaryText(r.cells[s.key].text, r.cells[s.key].lang) if s.key in r.cells else None
              for s in comparison.sources)
        for r in aligned)
    facts = comparison.facts
    facts_out: list[tuple[str, str, tuple[str, ...], bool]] = []
    if not facts.empty:
        # Disagreements first, then what tells the sources apart: venues, dates, positions.
        rank = {k: i for i, k in enumerate(("published", "venue", "event", "position", "quote", "actor"))}
        ranked = facts.assign(
            _d=[0 if d else 1 for d in facts["disagreement"]],
            _k=[rank.get(k, 9) for k in facts["kind"]],
        ).sort_values(["_d", "_k"], kind="stable")
        for rec in ranked.head(max_facts).to_dict("records"):
            cells = tuple(str(rec.get(s.label, "") or "") for s in comparison.sources)
            facts_out.append((str(rec["kind"]), str(rec["fact"]), cells, bool(rec["disagreement"])))
    more = max(0, len(facts) - max_facts)
    title = "Source comparison: " + " | ".join(s.label for s in comparison.sources)
    return ComparisonSummary(title=title, sources=tuple(srcs), passages=passages, facts=tuple(facts_out),
                             more_facts=more)


# --- the side-by-side view model (pure; the page renders it through parley.render.html) -------

Mark = tuple[int, int, str, str]  # (start, end, colour, title) within a segment's text
Cell = tuple[str, str, list[Mark], str]  # (text, lang, marks, badge)


def _actor_ids(comparison: Comparison) -> dict[str, None]:
    seen: dict[str, None] = {}
    for s in comparison.sources:
        for m in frame_rows(s.mentions):
            seen.setdefault(str(m["actor_id"]), None)
    return seen


def _place_key(place_id: str, actor_ids: Mapping[str, None]) -> str:
    """A venue's highlight key: the actor id when the place is also an actor (Oman, Turkey)."""
    return place_id if place_id in actor_ids else f"place:{place_id}"


def marked_ids(comparison: Comparison) -> list[str]:
    """Actor ids, then place ids ("place:<id>"), in first-seen order across all columns.

    A country that is both an actor and a venue keeps one key, so it has one colour.
    """
    actors_seen = _actor_ids(comparison)
    places_seen: dict[str, None] = {}
    for s in comparison.sources:
        for v in frame_rows(s.venues):
            key = _place_key(str(v["place_id"]), actors_seen)
            if key not in actors_seen:
                places_seen.setdefault(key, None)
    return [*actors_seen, *places_seen]


def view_rows(comparison: Comparison, colours: Mapping[str, str]) -> list[list[Cell | None]]:
    """The grid: one list per aligned row, one cell per source (None where it has no passage).

    Actor mentions and venue spans are marked with the colour of their id (``colours``, keyed
    like ``marked_ids``), so one actor has one colour in every column; an unaligned cell is
    badged "only in <source>".
    """
    spans: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    actor_ids = _actor_ids(comparison)
    for s in comparison.sources:
        for m in frame_rows(s.mentions):
            spans[(s.key, str(m["article_id"]))].append((int(str(m["start"])), int(str(m["end"])),
                                                          str(m["actor_id"])))
        for v in frame_rows(s.venues):
            spans[(s.key, str(v["article_id"]))].append((int(str(v["start"])), int(str(v["end"])),
                                                          _place_key(str(v["place_id"]), actor_ids)))
    out: list[list[Cell | None]] = []
    for row in comparison.rows:
        only = comparison.only_in(row)
        cells: list[Cell | None] = []
        for s in comparison.sources:
            ref = row.cells.get(s.key)
            if ref is None:
                cells.append(None)
                continue
            marks: list[Mark] = []
            for start, end, ident in sorted(spans[(s.key, ref.article_id)]):
                if ref.start <= start and end <= ref.end and ident in colours:
                    title = display_name(comparison.names, ident.removeprefix("place:"))
                    marks.append((start - ref.start, end - ref.start, colours[ident], title))
            cells.append((ref.text, ref.lang, marks, f"only in {only}" if only else ""))
        out.append(cells)
    return out


def date_note(source: Source) -> str:
    """'published 2026-02-05', or 'no date (why)' for an undated article, or the group's range."""
    if source.is_group:
        days = sorted(d for d in (iso_day(v) for v in source.articles.get("published", [])) if d)
        undated = len(source.articles) - len(days)
        span = f"{days[0]} to {days[-1]}" if days else "no dated articles"
        return span + (f", {undated} undated" if undated else "")
    art = next(iter(frame_rows(source.articles)), {})
    day = iso_day(art.get("published"))
    if day:
        return f"published {day}"
    basis = str(art.get("date_basis") or "").strip()
    return "no date" + (f" ({basis})" if basis else "")


def column_heads(comparison: Comparison) -> list[tuple[str, str, str, str]]:
    """(label, title, title's lang, date note) per source, for the grid's header row."""
    heads = []
    for s in comparison.sources:
        art = next(iter(frame_rows(s.articles)), {})
        title = "" if s.is_group else str(art.get("title") or "")
        heads.append((s.label, title, s.lang, date_note(s)))
    return heads


def legend_items(comparison: Comparison, colours: Mapping[str, str]) -> list[tuple[str, str]]:
    """(English name, colour) per highlighted actor or place, in the colours' order."""
    return [(display_name(comparison.names, ident.removeprefix("place:")), colour)
            for ident, colour in colours.items()]


def notable_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts where sources disagree or only one source carries the fact."""
    if facts.empty:
        return facts
    return facts[facts["disagreement"].astype(bool) | (facts["only_in"] != "")].reset_index(drop=True)
