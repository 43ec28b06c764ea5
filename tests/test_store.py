"""The store: engine and URL choice, schema init, version counter, writes, gazetteer sync.

Runs on a real SQLite file and on the real PostgreSQL server (marked ``postgres``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError

from parley.errors import StoreError
from parley.extract.gazetteer import Actor, Gazetteer, Place
from parley.extract.records import Candidate, Event, Extraction, Link, Mention, Position, Quote, Venue
from parley.records import Article, Published, Segment
from parley.store import db
from parley.store.schema import (
    EXTRACTED_TABLES,
    actors,
    articles,
    events,
    mentions,
    metadata,
    places,
    positions,
    segments,
    view_metadata,
)
from parley.store.writes import load_article, replace_extraction, save_article, sync_gazetteer

ARABIC = "قال وزير الخارجية عباس عراقجي إن المحادثات ستعقد في مسقط."
PERSIAN = "عباس عراقچی گفت مذاکرات در مسقط برگزار می‌شود."


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An initialised engine on a fresh SQLite file or a fresh PostgreSQL database."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    eng = db.make_engine(url)
    db.init_db(eng)
    yield eng
    eng.dispose()


def make_article(n: int = 1, text: str = ARABIC, lang: str = "ar",
                 date: dt.date | None = dt.date(2026, 2, 5)) -> Article:
    """A hand-built article of two segments."""
    half = len(text) // 2
    return Article(
        id=f"{n:032x}", origin=f"hand/{n}.txt", raw="header\n" + text, text=text,
        body_hash=f"{n:064x}", title=f"title {n}", outlet="outlet", url=None, lang=lang,  # type: ignore[arg-type]
        published=Published(date, "day" if date else "unknown", "test" if date else "no date found"),
        segments=[Segment(0, 0, half, lang, text[:half]), Segment(1, half, len(text), lang, text[half:])],  # type: ignore[arg-type]
    )


def make_extraction(article: Article) -> Extraction:
    """One row of every extracted kind, pointing into the article's text."""
    t = article.text
    return Extraction(
        mentions=[Mention(0, "araghchi", 19, 30, t[19:30]), Mention(1, "araghchi", 30, 35, t[30:35])],
        venues=[Venue(1, "muscat", "talks_venue", len(t) - 6, len(t) - 1, t)],
        positions=[Position(0, "iran", "diplomacy", "supports", 1, None, "cue", 0.8, 0, len(t), t)],
        quotes=[Quote(0, "araghchi", article.lang, t[30:], 30, len(t), "قال")],
        events=[Event("ev1", 0, dt.date(2026, 2, 6), "day", "test", "meeting", "araghchi;witkoff",
                      "muscat", 0, len(t), t)],
        candidates=[Candidate(0, "عباس", "عباس", "title", 19, 23, t)],
        links=[Link(0, "met")],
    )


def count_rows(engine: Engine) -> dict[str, int]:
    """Row count of every table."""
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in [*metadata.sorted_tables, *view_metadata.sorted_tables]}


def test_db_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_DB_URL", raising=False)
    assert db.db_url() == f"sqlite:///{db.DEFAULT_SQLITE}"
    monkeypatch.setenv("PARLEY_DB_URL", "sqlite:///env.db")
    assert db.db_url() == "sqlite:///env.db"
    assert db.db_url("sqlite:///explicit.db") == "sqlite:///explicit.db"


@pytest.mark.parametrize("given", ["postgresql://u:p@h:5/d", "postgres://u:p@h:5/d",
                                   "postgresql+psycopg://u:p@h:5/d"])
def test_postgres_urls_use_psycopg3(given: str) -> None:
    engine = db.make_engine(given)
    assert engine.url.drivername == "postgresql+psycopg"
    assert engine.url.database == "d"


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'sub' / 'p.db'}")  # creates the folder
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "sub" / "p.db").exists()


@pytest.mark.parametrize("url", ["nonsense://x", "sqlite:////proc/no/such/place/p.db",
                                 "postgresql://parley:wrong@127.0.0.1:1/none"])
def test_bad_store_is_one_line_store_error(url: str) -> None:
    with pytest.raises(StoreError) as info:
        db.init_db(db.make_engine(url))
    assert "\n" not in str(info.value)
    assert "wrong" not in str(info.value)  # the password is never printed


def test_init_is_idempotent_and_version_counts(engine: Engine) -> None:
    db.init_db(engine)
    db.init_db(engine)
    with engine.connect() as conn:
        assert db.store_version(conn) == 0
    with engine.begin() as conn:
        assert db.bump_version(conn) == 1
        assert db.bump_version(conn) == 2
    with engine.connect() as conn:
        assert db.store_version(conn) == 2
    assert db.count_articles(engine) == 0


def test_count_articles_before_init(tmp_path: Path) -> None:
    assert db.count_articles(db.make_engine(f"sqlite:///{tmp_path / 'new.db'}")) == 0


def test_save_article_round_trip(engine: Engine) -> None:
    art = make_article(1)
    with engine.begin() as conn:
        save_article(conn, art, make_extraction(art))
    counts = count_rows(engine)
    assert counts["articles"] == 1 and counts["segments"] == 2 and counts["mentions"] == 2
    for t in ("venues", "positions", "quotes", "events", "candidates", "links"):
        assert counts[t] == 1, t
    with engine.connect() as conn:
        back = load_article(conn, art.id)
        row = conn.execute(select(articles).where(articles.c.id == art.id)).mappings().one()
        ev = conn.execute(select(events)).mappings().one()
        assert conn.execute(select(positions.c.polarity, positions.c.condition)).one() == (1, None)
        assert load_article(conn, "0" * 32) is None
    assert back is not None
    # the stored article rebuilds equal to what was saved
    assert dataclasses.asdict(back) == dataclasses.asdict(art)
    assert row["chars_raw"] == len(art.raw) and row["chars_clean"] == len(art.text)
    assert row["published"] == dt.date(2026, 2, 5)
    assert ev["date"] == dt.date(2026, 2, 6) and ev["actor_ids"] == "araghchi;witkoff"
    assert ev["article_id"] == art.id


def test_undated_article_stays_undated(engine: Engine) -> None:
    art = make_article(2, PERSIAN, "fa", date=None)
    with engine.begin() as conn:
        save_article(conn, art, None)
    with engine.connect() as conn:
        row = conn.execute(select(articles.c.published, articles.c.date_precision)).one()
    assert row == (None, "unknown")
    assert count_rows(engine)["mentions"] == 0


def test_failed_write_leaves_nothing(engine: Engine) -> None:
    art = make_article(3)
    bad = make_extraction(art)
    bad.events.append(dataclasses.replace(bad.events[0], kind=None))  # type: ignore[arg-type]  # NOT NULL
    with pytest.raises(IntegrityError), engine.begin() as conn:
        save_article(conn, art, bad)
    counters = ("store_meta", "summary_state")
    assert all(n == 0 for name, n in count_rows(engine).items() if name not in counters)


def test_same_article_twice_is_refused(engine: Engine) -> None:
    art = make_article(4)
    with engine.begin() as conn:
        save_article(conn, art, None)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        save_article(conn, art, None)
    assert count_rows(engine)["articles"] == 1


def test_replace_extraction(engine: Engine) -> None:
    a1, a2 = make_article(5), make_article(6, PERSIAN, "fa")
    with engine.begin() as conn:
        save_article(conn, a1, make_extraction(a1))
        save_article(conn, a2, make_extraction(a2))
    with engine.begin() as conn:
        replace_extraction(conn, a1, Extraction(mentions=[Mention(0, "witkoff", 0, 3, "قال")]))
    with engine.connect() as conn:
        rows = conn.execute(select(mentions.c.article_id, mentions.c.actor_id)).all()
        for t in EXTRACTED_TABLES:
            ids = set(conn.execute(select(t.c.article_id)).scalars())
            assert a2.id in ids, t.name  # the other article's rows are untouched
    assert sorted(rows) == sorted([(a1.id, "witkoff"), (a2.id, "araghchi"), (a2.id, "araghchi")])


def test_deleting_an_article_cascades(engine: Engine) -> None:
    art = make_article(7)
    with engine.begin() as conn:
        save_article(conn, art, make_extraction(art))
    with engine.begin() as conn:
        conn.execute(delete(articles).where(articles.c.id == art.id))
    counts = count_rows(engine)
    assert counts["segments"] == 0 and counts["mentions"] == 0 and counts["events"] == 0
    assert counts["links"] == 0


def _gaz(name: str, *, extra: bool) -> Gazetteer:
    acts = {"iran": Actor("iran", "state", "iran", {"en": "Iran", "ar": "إيران", "fa": "ایران"}, {}),
            "araghchi": Actor("araghchi", "person", "iran", {"en": name}, {}, country="iran")}
    if extra:
        acts["oman"] = Actor("oman", "state", "mediator", {"en": "Oman"}, {})
    pls = {"muscat": Place("muscat", "city", {"en": "Muscat", "ar": "مسقط"}, {}, None, 23.6, 58.4)}
    return Gazetteer(actors=acts, roles={}, places=pls)


def test_sync_gazetteer_upserts_and_prunes(engine: Engine) -> None:
    with engine.begin() as conn:
        sync_gazetteer(conn, _gaz("Abbas Araghchi", extra=True))
        sync_gazetteer(conn, _gaz("Abbas Araqchi", extra=True))  # edited name: updated, not duplicated
    with engine.connect() as conn:
        got = dict(conn.execute(select(actors.c.actor_id, actors.c.name_en)).all())
        place = conn.execute(select(places)).mappings().one()
        assert conn.execute(select(actors.c.name_fa).where(actors.c.actor_id == "iran")).scalar() == "ایران"
    assert got == {"iran": "Iran", "araghchi": "Abbas Araqchi", "oman": "Oman"}
    assert (place["place_id"], place["name_ar"], place["lat"]) == ("muscat", "مسقط", 23.6)
    with engine.begin() as conn:
        sync_gazetteer(conn, _gaz("Abbas Araqchi", extra=False))  # upsert alone keeps oman
    assert count_rows(engine)["actors"] == 3
    with engine.begin() as conn:
        sync_gazetteer(conn, _gaz("Abbas Araqchi", extra=False), prune=True)
    assert count_rows(engine)["actors"] == 2


def test_sync_real_gazetteer(engine: Engine) -> None:
    from parley.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    with engine.begin() as conn:
        sync_gazetteer(conn, gaz)
        sync_gazetteer(conn, gaz)
    counts = count_rows(engine)
    # every actor, and one role pseudo-actor per role (titles whose holder is unknown stay a role)
    assert counts["actors"] == len(gaz.actors) + len(gaz.role_actors) and counts["places"] == len(gaz.places)


def test_segments_keep_offsets(engine: Engine) -> None:
    art = make_article(8, PERSIAN, "fa")
    with engine.begin() as conn:
        save_article(conn, art, None)
    with engine.connect() as conn:
        rows = conn.execute(select(segments.c.start, segments.c.end, segments.c.text)
                            .order_by(segments.c.idx)).all()
    for start, end, text in rows:
        assert art.text[start:end] == text
    assert "\u200c" in "".join(r.text for r in rows)  # ZWNJ kept in stored text


def test_an_older_store_gains_the_event_status_column(tmp_path: Path) -> None:
    """A store made before events had a status is brought up to date on start, rows kept."""
    from sqlalchemy import create_engine, inspect, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    with old.begin() as conn:
        conn.execute(text(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, event_id VARCHAR(32) NOT NULL, "
            "article_id VARCHAR(32) NOT NULL, segment_idx INTEGER NOT NULL, date DATE, "
            "date_precision VARCHAR(16) NOT NULL, date_basis TEXT NOT NULL, kind VARCHAR(16) NOT NULL, "
            "actor_ids TEXT NOT NULL, place_id VARCHAR(64), start INTEGER NOT NULL, "
            '"end" INTEGER NOT NULL, evidence TEXT NOT NULL)'))
        conn.execute(text("INSERT INTO events VALUES (1, 'e', 'a', 0, NULL, 'unknown', 'x', 'meeting', "
                          "'iran', NULL, 0, 1, 'ev')"))
    old.dispose()
    engine = db.make_engine(url)
    db.init_db(engine)
    with engine.connect() as conn:
        assert "status" in {c["name"] for c in inspect(conn).get_columns("events")}
        assert conn.execute(text("SELECT status FROM events")).scalar_one() == "happened"
