"""A place the gazetteer lacks (extract/new_places.py) goes through ingest into a real store and reaches
the timeline's venue track, named from its id."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from parley.filters import Filters
from parley.ingest import ingest_paths
from parley.store.db import init_db
from parley.store.schema import venues
from parley.views import timeline_view


def test_an_unknown_place_reaches_the_venue_track(tmp_path: Path, engine: Engine) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Published: 2025-06-02\n"
                   "The two delegations met in Zanzibar on Monday for a second round of talks.\n",
                   encoding="utf-8")
    init_db(engine)  # a real SQLite file, and the real PostgreSQL server (conftest 'engine')
    ingest_paths([src], engine)
    with engine.connect() as conn:
        rows = conn.execute(select(venues.c.place_id, venues.c.role)).all()
    assert ("zanzibar", "talks_venue") in [(r.place_id, r.role) for r in rows]
    track = timeline_view(engine, Filters()).venues
    got = track[track["place_id"] == "zanzibar"]
    assert list(got["place_en"]) == ["Zanzibar"]
