"""Align the segments of 2-3 sources that report the same thing, across languages.

Alignment works through canonical ids only: a segment's fingerprint is the set of actor ids,
place ids, topics, quote speakers, numbers and event dates found in it. Two segments from
different sources score by weighted overlap of their fingerprints (rare features weigh more; a
shared quote speaker together with a shared topic counts strongly), and rows are formed greedily,
best pair first, one segment per source per row.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from parley.analyze.compare_model import (
    AlignedRow,
    Feature,
    SegmentRef,
    Source,
    frame_rows,
    iso_day,
    split_ids,
)

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

# A number: digits of any script (\d is Unicode-aware; int() reads Arabic-Indic and Persian).
_NUMBER = re.compile(r"(?<![\w.])\d{1,4}(?![\w])")


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


def segment_features(source: Source) -> dict[tuple[str, int], frozenset[Feature]]:
    """The fingerprint of every segment of ``source``, keyed by (article_id, segment idx)."""
    feats: dict[tuple[str, int], set[Feature]] = defaultdict(set)
    for seg in frame_rows(source.segments):
        key = (str(seg["article_id"]), int(str(seg["idx"])))
        feats[key].update(("number", n) for n in _numbers(str(seg["text"])))
    for m in frame_rows(source.mentions):
        if m.get("via") == "demonym":  # 'American', 'الإيرانية': an adjective is no sign of the same passage
            continue
        feats[(str(m["article_id"]), int(str(m["segment_idx"])))].add(("actor", str(m["actor_id"])))
    for v in frame_rows(source.venues):
        feats[(str(v["article_id"]), int(str(v["segment_idx"])))].add(("place", str(v["place_id"])))
    for p in frame_rows(source.positions):
        key = (str(p["article_id"]), int(str(p["segment_idx"])))
        feats[key].add(("topic", str(p["topic"])))
        feats[key].add(("actor", str(p["actor_id"])))
    for q in frame_rows(source.quotes):
        if isinstance(q.get("speaker_id"), str) and q["speaker_id"]:
            key = (str(q["article_id"]), int(str(q["segment_idx"])))
            feats[key].add(("speaker", str(q["speaker_id"])))
            feats[key].add(("actor", str(q["speaker_id"])))
    for e in frame_rows(source.events):
        key = (str(e["article_id"]), int(str(e["segment_idx"])))
        feats[key].add(("event", str(e["kind"])))
        day = iso_day(e.get("date"))
        if day:
            feats[key].add(("date", day))
        if isinstance(e.get("place_id"), str) and e["place_id"]:
            feats[key].add(("place", str(e["place_id"])))
        feats[key].update(("actor", a) for a in split_ids(e.get("actor_ids")))
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
           for s in frame_rows(source.segments)]
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
