"""Build a real SQLite test database from the five seed articles, for query, page and browser tests.

Articles and segments come from the real ingest (``parley.ingest.ingest_paths``, extraction
off) when it is importable; before it existed they were inserted from the files directly.
Then a small, fixed set of extraction rows is added whose spans are found in the stored text
by search (so they are real offsets), which keeps page tests independent of extraction
quality. ``full=True`` runs the whole ingest with extraction instead, when it is available.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from parley.extract.links import link_types
from parley.store import schema as S
from parley.store.db import bump_version, init_db, make_engine

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO / "data" / "articles"

# Metadata for the direct-insert fallback (the expected values).
_FALLBACK_META = {
    "000": ("ar", dt.date(2026, 2, 5), "day", None),
    "001": ("fa", dt.date(2026, 2, 4), "day", None),
    "002": ("ar", dt.date(2026, 2, 1), "month", None),
    "003": ("ar", dt.date(2026, 2, 1), "day", "خبرني"),
    "004": ("ar", None, "unknown", None),
}
_ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class SeededDb:
    """The database URL and the stored id of each seed, by file prefix ("000".."004")."""

    url: str
    ids: dict[str, str]
    full: bool  # True when the real extraction ran


def _fallback_articles(engine: Engine) -> None:
    rows, segs = [], []
    now = dt.datetime(2026, 2, 6, 12, 0)
    for path in sorted(SEED_DIR.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = raw.strip()
        lang, day, precision, outlet = _FALLBACK_META[path.name[:3]]
        aid = hashlib.sha256(raw.encode()).hexdigest()[:16]
        rows.append(dict(id=aid, origin=str(path.relative_to(REPO)), outlet=outlet, url=None,
                         title=text.splitlines()[0][:120], lang=lang, published=day, date_precision=precision,
                         date_basis="test fixture" if day else "no date in the text", text=text, raw=raw,
                         body_hash=aid, duplicate_of=None, chars_raw=len(raw), chars_clean=len(text),
                         ingested_at=now))
        pos, idx = 0, 0
        for line in text.split("\n"):
            start = text.index(line, pos)
            pos = start + len(line)
            if line.strip():
                segs.append(dict(article_id=aid, idx=idx, start=start, end=pos,
                                 lang=lang if _ARABIC.search(line) else "en", text=line))
                idx += 1
    with engine.begin() as conn:
        conn.execute(insert(S.articles), rows)
        conn.execute(insert(S.segments), segs)
        bump_version(conn)


def _ingest(engine: Engine, *, extract: bool) -> bool:
    """Ingest the seeds with the real pipeline; False if it is not importable yet."""
    try:
        from parley.ingest import ingest_paths

        report = ingest_paths([SEED_DIR], engine, extract=extract)
    except (ImportError, ModuleNotFoundError):
        return False
    assert not report.rejected, report.summary()
    return True


# (seed, surface, actor_id): every occurrence becomes a mention.
MENTIONS = [
    ("000", "روبيو", "marco_rubio"), ("000", "Marco Rubio", "marco_rubio"), ("000", "ترامب", "donald_trump"),
    ("000", "فانس", "jd_vance"), ("001", "روبیو", "marco_rubio"), ("001", "ترامپ", "donald_trump"),
    ("003", "ترامب", "donald_trump"), ("004", "ترامب", "donald_trump"),
]
# (seed, cue found in a segment, actor_id, topic, stance, polarity)
POSITIONS = [
    ("000", "منفتحة على الحوار", "marco_rubio", "diplomacy", "supports", 1),
    ("000", "الصواريخ", "marco_rubio", "ballistic_missiles", "demands", 1),
    ("001", "آماده است", "donald_trump", "diplomacy", "supports", 1),
    ("000", "فانس", "jd_vance", "military_force", "warns", -1),
]
# (seed, quoted text, speaker, lang)
QUOTES = [("001", "ترامپ آماده است با هر کسی در جهان گفتوگو و تعامل کند.", "marco_rubio", "fa"),
          ("000", "The Iranian regime does not reflect the people of Iran", "marco_rubio", "en")]
# (seed, surface, sign)
CANDIDATES = [("003", "هاكان فيدان", "title"), ("003", "عبدالفتاح السيسي", "title")]
ACTORS = [
    dict(actor_id="marco_rubio", name_en="Marco Rubio", name_ar="ماركو روبيو", name_fa="مارکو روبیو",
         kind="person", side="us", role="US Secretary of State"),
    dict(actor_id="donald_trump", name_en="Donald Trump", name_ar="دونالد ترامب", name_fa="دونالد ترامپ",
         kind="person", side="us", role="US President"),
    dict(actor_id="jd_vance", name_en="JD Vance", name_ar="جيه دي فانس", name_fa="جی‌دی ونس",
         kind="person", side="us", role="US Vice President"),
]


def _segment_of(segs: list[Any], start: int) -> Any:
    return next(s for s in segs if s.start <= start < s.end)


def _add_fixed_extraction(engine: Engine, ids: dict[str, str]) -> None:
    with engine.begin() as conn:
        have = {r for (r,) in conn.execute(select(S.actors.c.actor_id))}
        missing = [a for a in ACTORS if a["actor_id"] not in have]
        if missing:
            conn.execute(insert(S.base_of(S.actors)), missing)
        texts = {p: conn.execute(select(S.articles.c.text).where(S.articles.c.id == i)).scalar_one()
                 for p, i in ids.items()}
        segs = {p: conn.execute(select(S.segments).where(S.segments.c.article_id == i)
                                .order_by(S.segments.c.idx)).all() for p, i in ids.items()}
        tables = (S.mentions, S.positions, S.quotes, S.candidates, S.links)
        rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in tables}
        for p, surface, actor in MENTIONS:
            for m in re.finditer(re.escape(surface), texts[p]):
                seg = _segment_of(segs[p], m.start())
                rows[S.mentions].append(dict(article_id=ids[p], segment_idx=seg.idx, actor_id=actor,
                                             start=m.start(), end=m.end(), surface=surface, via="name"))
        # links: the segments naming two or more of these actors, typed as ingest types them
        named: dict[tuple[str, int], set[str]] = {}
        for row in rows[S.mentions]:
            named.setdefault((row["article_id"], row["segment_idx"]), set()).add(row["actor_id"])
        seg_text = {(ids[p], s.idx): s.text for p in segs for s in segs[p]}
        rows[S.links] = [dict(article_id=a, segment_idx=i, types=link_types([seg_text[(a, i)]]))
                         for (a, i), who in sorted(named.items()) if len(who) >= 2]
        for p, cue, actor, topic, stance, pol in POSITIONS:
            seg = _segment_of(segs[p], texts[p].index(cue))
            rows[S.positions].append(dict(article_id=ids[p], segment_idx=seg.idx, actor_id=actor,
                                          topic=topic, stance=stance, polarity=pol, condition=None, cues=cue,
                                          confidence=0.8, start=seg.start, end=seg.end, evidence=seg.text))
        for p, quote, speaker, lang in QUOTES:
            start = texts[p].index(quote)
            seg = _segment_of(segs[p], start)
            rows[S.quotes].append(dict(article_id=ids[p], segment_idx=seg.idx, speaker_id=speaker, lang=lang,
                                       text=quote, start=start, end=start + len(quote), cue="quote marks"))
        for p, surface, sign in CANDIDATES:
            start = texts[p].index(surface)
            seg = _segment_of(segs[p], start)
            rows[S.candidates].append(dict(article_id=ids[p], segment_idx=seg.idx, surface=surface,
                                           normalized=surface, sign=sign, start=start,
                                           end=start + len(surface), evidence=seg.text, status="new"))
        for table in rows:  # replace whatever a real extraction wrote for these tables
            conn.execute(S.base_of(table).delete())
            if rows[table]:
                conn.execute(insert(S.base_of(table)), rows[table])
        bump_version(conn)


def build_seeded_db(db_path: Path, *, full: bool = False) -> SeededDb:
    """Create ``db_path`` holding the five seeds (see the module docstring)."""
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    init_db(engine)
    ran_full = full and _ingest(engine, extract=True)
    if not ran_full and not _ingest(engine, extract=False):
        _fallback_articles(engine)
    with engine.connect() as conn:
        stored = conn.execute(select(S.articles.c.id, S.articles.c.origin)).all()
    by_origin = {Path(origin).name[:3]: aid for aid, origin in stored}
    if not ran_full:
        _add_fixed_extraction(engine, by_origin)
    engine.dispose()
    return SeededDb(url=url, ids=by_origin, full=ran_full)
