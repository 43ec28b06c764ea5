"""Compare sources side by side: align segments that report the same thing, tabulate facts.

Pure functions over DataFrames shaped like the stored tables (parley.store.schema). A source
is one article, or a group of articles (an outlet, or one side's actors over a date range).

Alignment works across languages through canonical ids only: a segment's fingerprint is the
set of actor ids, place ids, topics, quote speakers, numbers and event dates found in it.
Two segments from different sources score by weighted overlap of their fingerprints (rare
features weigh more; a shared quote speaker together with a shared topic counts strongly),
and rows are formed greedily, best pair first, one segment per source per row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from parley.analyze.groups import DisjointSets

Feature = tuple[str, str]  # (kind, canonical value): ("actor", "rubio"), ("date", "2026-02-05")

# Weight of one shared feature, by kind. A speaker is the strongest single sign that two
# passages report the same statement; a bare actor is the weakest (everyone mentions Iran).
WEIGHTS: dict[str, float] = {
    "speaker": 3.0,
    "date": 2.0,
    "number": 1.5,
    "place": 1.5,
    "topic": 1.5,
    "event": 0.5,
    "actor": 1.0,
}
SPEAKER_TOPIC_BONUS = 2.0  # shared quote speaker and shared topic: almost surely the same passage
MIN_SHARED = 3.2  # minimum weighted overlap for two segments to align (two ubiquitous actors are not enough)
MIN_SIMILARITY = 0.3  # minimum overlap relative to the two fingerprints' sizes

CURRENT_VENUE_ROLES = frozenset({"talks_venue", "moved_to"})
FACT_COLUMNS = ("kind", "key", "fact", "carried_by", "only_in", "disagreement", "note")
FACT_KINDS = ("published", "actor", "venue", "position", "quote", "event")

# A number: digits of any script (\d is Unicode-aware; int() reads Arabic-Indic and Persian).
_NUMBER = re.compile(r"(?<![\w.])\d{1,4}(?![\w])")


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    """An empty frame with ``columns``."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


ARTICLE_COLUMNS = ("id", "outlet", "title", "lang", "published", "date_precision", "date_basis", "text")
SEGMENT_COLUMNS = ("article_id", "idx", "start", "end", "lang", "text")
MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "start", "end", "surface")
VENUE_COLUMNS = ("article_id", "segment_idx", "place_id", "role", "start", "end", "evidence")
POSITION_COLUMNS = ("article_id", "segment_idx", "actor_id", "topic", "stance", "start", "end", "evidence")
QUOTE_COLUMNS = ("article_id", "segment_idx", "speaker_id", "lang", "text", "start", "end")
EVENT_COLUMNS = ("article_id", "segment_idx", "event_id", "date", "date_precision", "kind", "actor_ids",
                 "place_id", "start", "end", "evidence")


@dataclass(frozen=True)
class Source:
    """One column of a comparison: an article, or a group of articles (an outlet, a side)."""

    key: str  # an article id, or "outlet:<name>" / "side:<id>"
    label: str  # short, unique among the compared sources
    lang: str  # the column's main language (its direction)
    articles: pd.DataFrame
    segments: pd.DataFrame = field(default_factory=lambda: _empty(SEGMENT_COLUMNS))
    mentions: pd.DataFrame = field(default_factory=lambda: _empty(MENTION_COLUMNS))
    venues: pd.DataFrame = field(default_factory=lambda: _empty(VENUE_COLUMNS))
    positions: pd.DataFrame = field(default_factory=lambda: _empty(POSITION_COLUMNS))
    quotes: pd.DataFrame = field(default_factory=lambda: _empty(QUOTE_COLUMNS))
    events: pd.DataFrame = field(default_factory=lambda: _empty(EVENT_COLUMNS))

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


# --- fingerprints ---------------------------------------------------------------------------


def _numbers(text: str) -> set[str]:
    """The numbers written in ``text`` as ASCII digits, whatever the script (Persian digits too).

    Years are left out: every article of a story carries the same year, so a shared "2026"
    says nothing about two passages (dates enter the fingerprint through events instead).
    """
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        try:
            n = int(m.group())
        except ValueError:  # a digit-like character int() does not read (e.g. superscripts)
            continue
        if not 1900 <= n <= 2100:
            out.add(str(n))
    return out


def _date_str(value: object) -> str | None:
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


def _rows(frame: pd.DataFrame | None) -> list[dict[str, object]]:
    """Rows of a frame as plain dicts (empty frames and missing frames give nothing)."""
    if frame is None or frame.empty:
        return []
    return [{str(k): v for k, v in rec.items()} for rec in frame.to_dict("records")]


def _ids(value: object) -> list[str]:
    """Split a ';'-separated id list (events.actor_ids)."""
    if not isinstance(value, str):
        return []
    return [p for p in (x.strip() for x in value.split(";")) if p]


def segment_features(source: Source) -> dict[tuple[str, int], frozenset[Feature]]:
    """The fingerprint of every segment of ``source``, keyed by (article_id, segment idx)."""
    feats: dict[tuple[str, int], set[Feature]] = defaultdict(set)
    for seg in _rows(source.segments):
        key = (str(seg["article_id"]), int(str(seg["idx"])))
        feats[key].update(("number", n) for n in _numbers(str(seg["text"])))
    for m in _rows(source.mentions):
        feats[(str(m["article_id"]), int(str(m["segment_idx"])))].add(("actor", str(m["actor_id"])))
    for v in _rows(source.venues):
        feats[(str(v["article_id"]), int(str(v["segment_idx"])))].add(("place", str(v["place_id"])))
    for p in _rows(source.positions):
        key = (str(p["article_id"]), int(str(p["segment_idx"])))
        feats[key].add(("topic", str(p["topic"])))
        feats[key].add(("actor", str(p["actor_id"])))
    for q in _rows(source.quotes):
        if isinstance(q.get("speaker_id"), str) and q["speaker_id"]:
            key = (str(q["article_id"]), int(str(q["segment_idx"])))
            feats[key].add(("speaker", str(q["speaker_id"])))
            feats[key].add(("actor", str(q["speaker_id"])))
    for e in _rows(source.events):
        key = (str(e["article_id"]), int(str(e["segment_idx"])))
        feats[key].add(("event", str(e["kind"])))
        day = _date_str(e.get("date"))
        if day:
            feats[key].add(("date", day))
        if isinstance(e.get("place_id"), str) and e["place_id"]:
            feats[key].add(("place", str(e["place_id"])))
        feats[key].update(("actor", a) for a in _ids(e.get("actor_ids")))
    return {k: frozenset(v) for k, v in feats.items()}


def _idf(all_feats: Iterable[frozenset[Feature]]) -> dict[Feature, float]:
    """Rarity weight per feature: features found in most segments count for little."""
    lists = list(all_feats)
    n = max(len(lists), 1)
    df: Counter[Feature] = Counter(f for fs in lists for f in fs)
    return {f: max(0.25, min(2.0, math.log((n + 1) / (c + 0.5)))) for f, c in df.items()}


def _weight(f: Feature, idf: Mapping[Feature, float]) -> float:
    return WEIGHTS.get(f[0], 1.0) * idf.get(f, 1.0)


def score_pair(a: frozenset[Feature], b: frozenset[Feature],
               idf: Mapping[Feature, float] | None = None) -> tuple[float, float]:
    """(weighted overlap, similarity in 0..1) of two fingerprints."""
    idf = idf or {}
    shared = a & b
    if not shared:
        return 0.0, 0.0
    raw = sum(_weight(f, idf) for f in shared)
    kinds = {k for k, _ in shared}
    if "speaker" in kinds and "topic" in kinds:
        raw += SPEAKER_TOPIC_BONUS
    wa = sum(_weight(f, idf) for f in a)
    wb = sum(_weight(f, idf) for f in b)
    return raw, min(1.0, raw / math.sqrt(wa * wb)) if wa and wb else 0.0


# --- alignment ------------------------------------------------------------------------------


def _refs(source: Source) -> list[SegmentRef]:
    """The segments of ``source`` in reading order."""
    out = [SegmentRef(source=source.key, article_id=str(s["article_id"]), idx=int(str(s["idx"])),
                      lang=str(s["lang"]), text=str(s["text"]), start=int(str(s["start"])),
                      end=int(str(s["end"])))
           for s in _rows(source.segments)]
    return sorted(out, key=lambda r: (r.article_id, r.idx))


def align_segments(sources: Sequence[Source], *, min_shared: float = MIN_SHARED,
                   min_similarity: float = MIN_SIMILARITY) -> list[AlignedRow]:
    """Align the segments of 2-3 sources one-to-one; every segment lands in exactly one row.

    Rows are ordered for reading: by the earliest relative position of their segments.
    """
    refs = {s.key: _refs(s) for s in sources}
    feats: dict[tuple[str, str, int], frozenset[Feature]] = {}
    for s in sources:
        for (aid, idx), fs in segment_features(s).items():
            feats[(s.key, aid, idx)] = fs
    idf = _idf(feats.values())

    def fp(r: SegmentRef) -> frozenset[Feature]:
        return feats.get((r.source, r.article_id, r.idx), frozenset())

    pairs: list[tuple[float, float, SegmentRef, SegmentRef]] = []
    keys = [s.key for s in sources]
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            for ra in refs[ka]:
                fa = fp(ra)
                if not fa:
                    continue
                for rb in refs[kb]:
                    raw, sim = score_pair(fa, fp(rb), idf)
                    if raw >= min_shared and sim >= min_similarity:
                        pairs.append((raw, sim, ra, rb))
    # Best first; ties broken by reading order so the result is deterministic.
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2].source, p[2].idx, p[3].source, p[3].idx))

    row_of: dict[SegmentRef, int] = {}
    rows: list[dict[str, SegmentRef]] = []
    scores: list[float] = []
    for raw, _sim, ra, rb in pairs:
        in_a, in_b = row_of.get(ra), row_of.get(rb)
        if in_a is None and in_b is None:
            row_of[ra] = row_of[rb] = len(rows)
            rows.append({ra.source: ra, rb.source: rb})
            scores.append(raw)
        elif in_a is not None and in_b is None and rb.source not in rows[in_a]:
            rows[in_a][rb.source] = rb
            row_of[rb] = in_a
        elif in_b is not None and in_a is None and ra.source not in rows[in_b]:
            rows[in_b][ra.source] = ra
            row_of[ra] = in_b
    for key in keys:
        for r in refs[key]:
            if r not in row_of:
                row_of[r] = len(rows)
                rows.append({key: r})
                scores.append(0.0)

    position = {(r.source, r.article_id, r.idx): i / max(len(refs[r.source]), 1)
                for key in keys for i, r in enumerate(refs[key])}
    order = {k: i for i, k in enumerate(keys)}

    def place(cells: Mapping[str, SegmentRef]) -> tuple[float, int]:
        first = min(cells.values(), key=lambda r: order[r.source])
        return position[(first.source, first.article_id, first.idx)], order[first.source]

    out: list[AlignedRow] = []
    for cells, score in zip(rows, scores, strict=True):
        fps = [fp(r) for r in cells.values()]
        shared = frozenset.intersection(*fps) if len(fps) > 1 else frozenset()
        ordered = {k: cells[k] for k in keys if k in cells}
        out.append(AlignedRow(cells=ordered, score=round(score, 3), shared=tuple(sorted(shared))))
    out.sort(key=lambda row: place(row.cells))
    return out


# --- facts ----------------------------------------------------------------------------------


def _name(names: Mapping[str, str], ident: str) -> str:
    return names.get(ident, ident)


def _article_date(row: Mapping[str, object]) -> str | None:
    return _date_str(row.get("published"))


Report = tuple[str, dict[str, object]]  # (source key, one events row)


def _event_clusters(sources: Sequence[Source], kinds: Mapping[str, str],
                    rows: Sequence[AlignedRow] = ()) -> list[list[Report]]:
    """Group event reports across sources into one development each.

    Two reports are the same development when they share an event_id, or have the same kind
    and either sit in passages aligned on one row, or name the same people (a shared Trump
    alone is not enough: he is in most reports).
    """
    reports = [(s.key, e) for s in sources for e in _rows(s.events)]
    row_of = {(src, ref.article_id, ref.idx): i for i, r in enumerate(rows) for src, ref in r.cells.items()}

    def row(key: str, e: Mapping[str, object]) -> int | None:
        return row_of.get((key, str(e.get("article_id")), int(str(e.get("segment_idx")))))
    sets = DisjointSets(len(reports))

    def people(e: Mapping[str, object]) -> frozenset[str]:
        return frozenset(a for a in _ids(e.get("actor_ids")) if kinds.get(a, "person") == "person")

    for i, (ki, ei) in enumerate(reports):
        for j in range(i + 1, len(reports)):
            kj, ej = reports[j]
            if ki == kj:
                continue  # two reports in one source stay two facts unless extraction merged them
            same_id = bool(ei.get("event_id")) and ei.get("event_id") == ej.get("event_id")
            same_kind = ei.get("kind") == ej.get("kind")
            ri = row(ki, ei)
            same_row = ri is not None and ri == row(kj, ej)
            same_people = bool(people(ei)) and people(ei) == people(ej)
            if same_id or (same_kind and (same_row or same_people)):
                sets.union(j, i)
    return [[reports[i] for i in members] for members in sets.groups().values()]


def facts_table(sources: Sequence[Source], *, actors: pd.DataFrame | None = None,
                places: pd.DataFrame | None = None, rows: Sequence[AlignedRow] = ()) -> pd.DataFrame:
    """One row per fact with which sources carry it; ``disagreement`` where they differ.

    Columns: FACT_COLUMNS, then one column per source label holding that source's cell
    ("yes", a date, "no date", a count of quotes, or "" when the source lacks the fact).
    """
    names = name_map(actors, places)
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True)) if actors is not None and \
        not actors.empty else {}
    labels = {s.key: s.label for s in sources}
    out: list[dict[str, object]] = []

    def add(kind: str, key: str, fact: str, cells: Mapping[str, str], disagreement: bool = False,
            note: str = "") -> None:
        carried = tuple(k for k in labels if cells.get(k))
        row: dict[str, object] = {
            "kind": kind, "key": key, "fact": fact, "carried_by": ", ".join(labels[k] for k in carried),
            "only_in": labels[carried[0]] if len(carried) == 1 and len(labels) > 1 else "",
            "disagreement": disagreement, "note": note,
        }
        row.update({labels[k]: cells.get(k, "") for k in labels})
        out.append(row)

    # Publication dates: an undated source says so, it is never given today's date.
    if not any(s.is_group for s in sources):
        cells = {}
        for s in sources:
            art = next(iter(_rows(s.articles)), {})
            cells[s.key] = _article_date(art) or "no date"
        days = {v for v in cells.values() if v != "no date"}
        undated = [labels[k] for k, v in cells.items() if v == "no date"]
        note = ("no date: " + ", ".join(undated)) if undated else ("different days" if len(days) > 1 else "")
        add("published", "published", "publication date", cells, note=note)

    # Actors.
    seen: dict[str, dict[str, int]] = defaultdict(dict)
    for s in sources:
        for m in _rows(s.mentions):
            aid = str(m["actor_id"])
            seen[aid][s.key] = seen[aid].get(s.key, 0) + 1
    for aid in sorted(seen, key=lambda a: (-len(seen[a]), _name(names, a))):
        add("actor", aid, _name(names, aid), {k: "yes" for k in seen[aid]})

    # Venues: (place, role). Sources naming different current venues disagree.
    venue_cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    current: dict[str, set[str]] = defaultdict(set)
    for s in sources:
        for v in _rows(s.venues):
            pid, role = str(v["place_id"]), str(v["role"])
            venue_cells[(pid, role)][s.key] = "yes"
            if role in CURRENT_VENUE_ROLES:
                current[s.key].add(pid)
    named = [k for k in labels if current.get(k)]
    venue_clash = any(current[a].isdisjoint(current[b]) for i, a in enumerate(named) for b in named[i + 1:])
    for (pid, role), cells in sorted(venue_cells.items()):
        clash = venue_clash and role in CURRENT_VENUE_ROLES
        note = ("sources name different talks venues: " + "; ".join(
            f"{labels[k]}: {', '.join(_name(names, p) for p in sorted(current[k]))}" for k in named)
        ) if clash else ""
        add("venue", f"{pid}/{role}", f"{_name(names, pid)} ({role})", cells, clash, note)

    # Positions: (actor, topic, stance); the same actor and topic with other stances disagree.
    pos_cells: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    stances: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in sources:
        for p in _rows(s.positions):
            a, t, st = str(p["actor_id"]), str(p["topic"]), str(p["stance"])
            pos_cells[(a, t, st)][s.key] = "yes"
            stances[(a, t)][s.key].add(st)
    for (a, t, st), cells in sorted(pos_cells.items()):
        per = stances[(a, t)]
        clash = len(per) > 1 and any(per[x].isdisjoint(per[y]) for x in per for y in per if x < y)
        note = "stances differ: " + "; ".join(f"{labels[k]}: {', '.join(sorted(v))}"
                                              for k, v in per.items()) if clash else ""
        add("position", f"{a}/{t}/{st}", f"{_name(names, a)}: {st} on {t}", cells, clash, note)

    # Quotes, by speaker.
    quoted: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sources:
        for q in _rows(s.quotes):
            sp = q.get("speaker_id")
            quoted[sp if isinstance(sp, str) and sp else "unattributed"][s.key] += 1
    for sp in sorted(quoted, key=lambda x: (-len(quoted[x]), x)):
        cnt = quoted[sp]
        add("quote", sp, f"quoted: {_name(names, sp)}",
            {k: f"{n} quote{'s' if n > 1 else ''}" for k, n in cnt.items()})

    # Events: the same development across sources; different dates or places disagree.
    for cluster in _event_clusters(sources, kinds, rows):
        dates: dict[str, set[str]] = defaultdict(set)
        where: dict[str, set[str]] = defaultdict(set)
        present: set[str] = set()
        actor_ids: Counter[str] = Counter()
        kind = str(cluster[0][1].get("kind", "event"))
        for key, e in cluster:
            present.add(key)
            day = _date_str(e.get("date"))
            if day:
                dates[key].add(day)
            if isinstance(e.get("place_id"), str) and e["place_id"]:
                where[key].add(str(e["place_id"]))
            actor_ids.update(_ids(e.get("actor_ids")))
        cells = {k: ", ".join(sorted(dates[k])) if dates.get(k) else "no date" for k in present}
        dated = [k for k in present if dates.get(k)]
        date_clash = any(dates[a].isdisjoint(dates[b]) for i, a in enumerate(dated) for b in dated[i + 1:])
        placed = [k for k in present if where.get(k)]
        place_clash = any(where[a].isdisjoint(where[b]) for i, a in enumerate(placed) for b in placed[i + 1:])
        notes = []
        if date_clash:
            notes.append("different dates")
        if place_clash:
            notes.append("different places: " + "; ".join(
                f"{labels[k]}: {', '.join(_name(names, p) for p in sorted(where[k]))}" for k in placed))
        undated = [labels[k] for k in present if not dates.get(k)]
        if undated:
            notes.append("no date in " + ", ".join(undated))
        who = ", ".join(_name(names, a) for a, _ in actor_ids.most_common(3))
        places_all = sorted({p for ps in where.values() for p in ps})
        at = f" in {', '.join(_name(names, p) for p in places_all)}" if places_all else ""
        add("event", f"{kind}/{'+'.join(sorted(actor_ids))}", f"{kind}: {who}{at}".strip(),
            cells, date_clash or place_clash, "; ".join(notes))

    columns = [*FACT_COLUMNS, *labels.values()]
    if not out:
        return _empty(columns)
    return pd.DataFrame(out, columns=columns)


def name_map(actors: pd.DataFrame | None, places: pd.DataFrame | None) -> dict[str, str]:
    """Canonical id -> English name, from the actors and places tables."""
    out: dict[str, str] = {}
    for frame, key in ((places, "place_id"), (actors, "actor_id")):
        if frame is not None and not frame.empty:
            out.update(zip(frame[key].astype(str), frame["name_en"].astype(str), strict=True))
    return out


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
        mask = [bool(set(_ids(v)) & keep) for v in events["actor_ids"]]
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
        art = next(iter(_rows(s.articles)), {})
        title = str(art.get("title") or "") if not s.is_group else f"{len(s.articles)} articles"
        date = _article_date(art) if not s.is_group else None
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
        for m in _rows(s.mentions):
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
        for v in _rows(s.venues):
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
        for m in _rows(s.mentions):
            spans[(s.key, str(m["article_id"]))].append((int(str(m["start"])), int(str(m["end"])),
                                                          str(m["actor_id"])))
        for v in _rows(s.venues):
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
                    title = _name(comparison.names, ident.removeprefix("place:"))
                    marks.append((start - ref.start, end - ref.start, colours[ident], title))
            cells.append((ref.text, ref.lang, marks, f"only in {only}" if only else ""))
        out.append(cells)
    return out


def date_note(source: Source) -> str:
    """'published 2026-02-05', or 'no date (why)' for an undated article, or the group's range."""
    if source.is_group:
        days = sorted(d for d in (_date_str(v) for v in source.articles.get("published", [])) if d)
        undated = len(source.articles) - len(days)
        span = f"{days[0]} to {days[-1]}" if days else "no dated articles"
        return span + (f", {undated} undated" if undated else "")
    art = next(iter(_rows(source.articles)), {})
    day = _date_str(art.get("published"))
    if day:
        return f"published {day}"
    basis = str(art.get("date_basis") or "").strip()
    return "no date" + (f" ({basis})" if basis else "")


def column_heads(comparison: Comparison) -> list[tuple[str, str, str, str]]:
    """(label, title, title's lang, date note) per source, for the grid's header row."""
    heads = []
    for s in comparison.sources:
        art = next(iter(_rows(s.articles)), {})
        title = "" if s.is_group else str(art.get("title") or "")
        heads.append((s.label, title, s.lang, date_note(s)))
    return heads


def legend_items(comparison: Comparison, colours: Mapping[str, str]) -> list[tuple[str, str]]:
    """(English name, colour) per highlighted actor or place, in the colours' order."""
    return [(_name(comparison.names, ident.removeprefix("place:")), colour)
            for ident, colour in colours.items()]


def notable_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts where sources disagree or only one source carries the fact."""
    if facts.empty:
        return facts
    return facts[facts["disagreement"].astype(bool) | (facts["only_in"] != "")].reset_index(drop=True)
