"""Saved briefings in a real database: short URL-safe ids, round trip, restarts, both backends."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from parley.filters import Filters, KnownIds, parse_params, to_params
from parley.store.articles import known_ids
from parley.store.briefings import DEFAULT_TITLE, list_briefings, load_briefing, new_id, save_briefing
from parley.store.db import init_db, make_engine, store_version
from parley.store.schema import briefings

ID = re.compile(r"^[A-Za-z0-9_-]{8}$")


@pytest.fixture(params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    """A fresh database: a SQLite file, then (when configured) a real PostgreSQL database."""
    value: str = request.getfixturevalue(request.param)
    return value


def test_ids_are_short_url_safe_and_distinct() -> None:
    ids = {new_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(ID.match(i) and not i.startswith("-") for i in ids)


def test_round_trip_survives_a_restart(url: str) -> None:
    engine = make_engine(url)
    init_db(engine)
    before = _version(engine)
    filters = Filters(langs=("ar", "fa"), actors=("marco_rubio",), briefing="old")
    title = "إحاطة: <Muscat> talks"
    notes = "یادداشت تحلیلگر\nsecond line, with \"quotes\" & <tags>"
    saved = save_briefing(engine, title, notes, to_params(filters))
    assert ID.match(saved.id)
    assert saved.params == {"lang": "ar,fa", "actor": "marco_rubio"}  # the old briefing id is not kept
    assert _version(engine) == before + 1  # pages learn the new id without a restart
    engine.dispose()

    again = make_engine(url)  # a new process would do exactly this
    loaded = load_briefing(again, saved.id)
    assert loaded is not None
    assert (loaded.title, loaded.notes, loaded.params) == (title, notes, saved.params)
    assert loaded.created_at is not None and loaded.created_at == saved.created_at
    assert saved.id in known_ids(again).briefings
    known = KnownIds(actors=frozenset({"marco_rubio"}), briefings=known_ids(again).briefings)
    parsed, notices = parse_params({**loaded.params, "b": saved.id}, known)
    assert notices == []
    assert parsed == filters.replace(briefing=saved.id)
    again.dispose()


def test_list_newest_first_and_unknown_ids(url: str) -> None:
    engine = make_engine(url)
    first = save_briefing(engine, "first", "", {})
    second = save_briefing(engine, "  ", "", {"topic": "nuclear"})
    with engine.begin() as conn:  # make the order independent of the clock's resolution
        conn.execute(update(briefings).where(briefings.c.id == first.id)
                     .values(created_at=second.created_at.replace(year=2020)))  # type: ignore[union-attr]
    listed = list_briefings(engine)
    assert [b.id for b in listed] == [second.id, first.id]
    assert listed[0].title == DEFAULT_TITLE and listed[0].params == {"topic": "nuclear"}
    for bad in ("nosuch12", "../etc/passwd", "", "x" * 200, "<script>"):
        assert load_briefing(engine, bad) is None
    engine.dispose()


def test_malformed_params_json_reads_as_no_filters(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    saved = save_briefing(engine, "t", "", {"lang": "ar"})
    with engine.begin() as conn:
        conn.execute(update(briefings).where(briefings.c.id == saved.id).values(params="[not json"))
    loaded = load_briefing(engine, saved.id)
    assert loaded is not None and loaded.params == {}


def test_empty_store_lists_nothing(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)  # no tables yet
    assert list_briefings(engine) == []
    assert load_briefing(engine, "abcdefgh") is None


def _version(engine: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return store_version(conn)
