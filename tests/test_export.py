"""CSV export: one file per table, UTF-8 with BOM, the documented columns, ISO dates or empty."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from seeds import SEEDS, seed
from sqlalchemy import Engine, select

from parley.extract.gazetteer import load_gazetteer
from parley.extract.records import Event, Extraction, Mention, Position, Quote, Venue
from parley.ingest import ingest_paths
from parley.records import Article
from parley.store import db
from parley.store.schema import articles
from parley.store.writes import sync_gazetteer
from parley.views import export_tables

RUBIO = re.compile("روب[يی]و|Rubio")
MUSCAT = re.compile("مسقط|Muscat")

Exported = tuple[Engine, dict[str, list[dict[str, str]]]]

COLUMNS = {
    "articles.csv": ["id", "origin", "outlet", "title", "lang", "published", "date_precision",
                     "date_basis", "chars_raw", "chars_clean", "duplicate_of"],
    "segments.csv": ["article_id", "origin", "idx", "start", "end", "lang", "text"],
    "actors.csv": ["article_id", "origin", "actor_id", "name_en", "kind", "side", "mentions"],
    "venues.csv": ["article_id", "origin", "place_id", "name_en", "role", "evidence"],
    "positions.csv": ["article_id", "origin", "actor_id", "name_en", "topic", "stance", "confidence",
                      "evidence"],
    "quotes.csv": ["article_id", "origin", "speaker_id", "speaker_en", "lang", "text"],
    "events.csv": ["event_id", "date", "date_precision", "kind", "actors_en", "place_en", "article_ids",
                   "evidence", "status", "reported_by", "first_reported"],
    "candidates.csv": ["article_id", "origin"],
}


def seg_of(article: Article, pos: int) -> int:
    return next(s.idx for s in article.segments if s.start <= pos < s.end)


def extractor(article: Article) -> Extraction:
    """Real, deterministic rows: Rubio mentions, Muscat venues, one shared event for all articles."""
    out = Extraction()
    for m in RUBIO.finditer(article.text):
        out.mentions.append(Mention(seg_of(article, m.start()), "marco_rubio", m.start(), m.end(), m.group()))
    for m in MUSCAT.finditer(article.text):
        out.venues.append(Venue(seg_of(article, m.start()), "muscat", "talks_venue", m.start(), m.end(),
                                m.group()))
    if out.mentions:
        first = out.mentions[0]
        out.positions.append(Position(first.segment_idx, "marco_rubio", "diplomacy", "supports", 1, None,
                                      "cue", 0.75, first.start, first.end, first.surface))
        out.quotes.append(Quote(first.segment_idx, "marco_rubio", article.lang, first.surface,
                                first.start, first.end, "said"))
        date = dt.date(2026, 2, 6) if "001" in article.origin else None
        out.events.append(Event("talks-muscat", first.segment_idx, date, "day" if date else "unknown",
                                "test", "meeting", "marco_rubio;iran", "muscat", first.start, first.end,
                                first.surface))
    return out


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def exported(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Exported]:
    """Seeds ingested with the extractor above, gazetteer synced, exported; files read back."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    engine = db.make_engine(url)
    report = ingest_paths(SEEDS, engine, extractor=extractor)
    assert report.rejected == []
    with engine.begin() as conn:
        sync_gazetteer(conn, load_gazetteer())
    out = tmp_path / "csv"
    paths = export_tables(engine, out)
    assert sorted(p.name for p in paths) == sorted(COLUMNS)
    tables: dict[str, list[dict[str, str]]] = {}
    for p in paths:
        assert p.read_bytes().startswith(b"\xef\xbb\xbf"), p.name  # the BOM
        assert p.read_bytes().count(b"\xef\xbb\xbf") == 1
        with p.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for col in COLUMNS[p.name]:
                assert col in (reader.fieldnames or []), (p.name, col)
            tables[p.name] = list(reader)
    yield engine, tables
    engine.dispose()


def test_articles_csv(exported: Exported) -> None:
    engine, t = exported
    rows = {r["origin"]: r for r in t["articles.csv"]}
    assert sorted(rows) == sorted(str(p) for p in SEEDS)
    for r in rows.values():
        assert r["published"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]), r
        assert int(r["chars_raw"]) >= int(r["chars_clean"]) > 0
    assert rows[str(seed("004"))]["published"] == ""
    assert rows[str(seed("004"))]["date_precision"] == "unknown"
    with engine.connect() as conn:
        stored = {o: d for o, d in conn.execute(select(articles.c.origin, articles.c.published))}
    for origin, day in stored.items():
        assert rows[origin]["published"] == (day.isoformat() if day else "")


def test_segments_csv_round_trips_text(exported: Exported) -> None:
    engine, t = exported
    with engine.connect() as conn:
        texts = dict(conn.execute(select(articles.c.id, articles.c.text)).all())
    assert len(t["segments.csv"]) > len(SEEDS)
    for r in t["segments.csv"]:
        assert texts[r["article_id"]][int(r["start"]):int(r["end"])] == r["text"]


def test_actor_rows_count_mentions(exported: Exported) -> None:
    engine, t = exported
    with engine.connect() as conn:
        texts = dict(conn.execute(select(articles.c.id, articles.c.text)).all())
    expected = {aid: len(RUBIO.findall(text)) for aid, text in texts.items() if RUBIO.search(text)}
    assert expected  # the seeds do name Rubio
    got = {r["article_id"]: int(r["mentions"]) for r in t["actors.csv"]}
    assert got == expected
    for r in t["actors.csv"]:
        assert (r["actor_id"], r["name_en"], r["kind"], r["side"]) == ("marco_rubio", "Marco Rubio",
                                                                       "person", "us")
    assert {r["speaker_en"] for r in t["quotes.csv"]} == {"Marco Rubio"}
    assert {r["name_en"] for r in t["venues.csv"]} == {"Muscat"}
    assert all(r["evidence"] for r in t["venues.csv"])


def test_events_group_reports(exported: Exported) -> None:
    _, t = exported
    (row,) = t["events.csv"]  # every article reported the same event: one row
    ids = row["article_ids"].split(";")
    assert len(ids) == len(t["actors.csv"]) and ids == sorted(ids)
    assert row["date"] == "2026-02-06" and row["date_precision"] == "day"  # the dated report wins
    assert row["actors_en"] == "Marco Rubio;Iran" and row["place_en"] == "Muscat"
    assert row["status"] == "happened" and row["reported_by"] == str(len(ids))
    assert row["first_reported"] == min(r["published"] for r in t["articles.csv"]
                                        if r["published"] and r["id"] in ids)


def test_export_of_empty_store(sqlite_url: str, tmp_path: Path) -> None:
    paths = export_tables(db.make_engine(sqlite_url), tmp_path / "out")
    assert len(paths) == len(COLUMNS)
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8-sig") as fh:
        assert next(csv.reader(fh))[:3] == ["id", "origin", "outlet"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("-- Juan Carlos", "'-- Juan Carlos"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("روبيو قال", "روبيو قال"),
        ("2026-02-01", "2026-02-01"),
        (3, 3),
    ],
)
def test_export_defuses_spreadsheet_formulas(cell: object, expected: object) -> None:
    from parley.store.export import defuse_formula

    assert defuse_formula(cell) == expected
