"""parley/store/audit.py on both backends: rows in, newest first, ids bounded, an upload's ids."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from parley.store.audit import (
    MAX_IDS_TEXT,
    count_writes,
    recent_writes,
    record_write,
    stored_ids_of_origins,
)
from parley.store.db import init_db, make_engine
from parley.store.schema import articles

T0 = dt.datetime(2026, 12, 1, 9, 0, 0)


def _article(aid: str, origin: str, at: dt.datetime) -> dict[str, object]:
    return dict(id=aid, origin=origin, lang="en", date_precision="unknown", date_basis="none", text="t",
                raw="t", body_hash=aid, chars_raw=1, chars_clean=1, ingested_at=at)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


def test_writes_are_read_back_newest_first(url: str) -> None:
    engine = make_engine(url)
    init_db(engine)
    assert count_writes(engine) == 0 and recent_writes(engine).empty
    record_write(engine, "ana@example.org", "upload", ["a1", "a2"], "2 file(s)", at=T0)
    record_write(engine, "local", "candidate_status", [7], "accepted", at=T0 + dt.timedelta(minutes=1))
    record_write(engine, "ana@example.org", "briefing_save", ["Xy12_-ab"], "Title",
                 at=T0 + dt.timedelta(minutes=2))
    log = recent_writes(engine)
    assert list(log.columns) == ["at", "who", "action", "ids", "detail"]
    assert list(log["action"]) == ["briefing_save", "candidate_status", "upload"]
    assert list(log["ids"]) == ["Xy12_-ab", "7", "a1,a2"]
    assert list(recent_writes(engine, limit=1, offset=1)["action"]) == ["candidate_status"]
    assert count_writes(engine) == 3
    engine.dispose()


def test_a_huge_id_list_is_cut_and_says_so(url: str) -> None:
    engine = make_engine(url)
    init_db(engine)
    record_write(engine, "local", "upload", [f"{i:016x}" for i in range(2_000)], at=T0)
    ids = str(recent_writes(engine)["ids"][0])
    assert len(ids) <= MAX_IDS_TEXT and ids.endswith("more)")
    engine.dispose()


def test_an_uploads_ids_are_the_articles_it_stored(url: str) -> None:
    engine = make_engine(url)
    init_db(engine)
    with engine.begin() as conn:
        conn.execute(insert(articles), [_article("old", "a.txt", T0 - dt.timedelta(days=1)),
                                        _article("new1", "b.txt", T0), _article("new2", "a.txt", T0),
                                        _article("other", "c.txt", T0)])
    assert stored_ids_of_origins(engine, ["a.txt", "b.txt"], T0) == ["new2", "new1"]
    assert stored_ids_of_origins(engine, [], T0) == []
    engine.dispose()
