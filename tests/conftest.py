"""Shared fixtures: the seed corpus, database URLs (SQLite file, real PostgreSQL), an engine and a
store on each backend (a test module may define its own ``engine`` in their place)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_runs import Store
from sqlalchemy import Engine

from parley.store import db


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file database."""
    return f"sqlite:///{tmp_path / 'parley.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema-isolated database on the real PostgreSQL server that scripts/test.sh starts.

    Skips when no server is configured, unless PARLEY_REQUIRE_PG=1 (set by scripts/test.sh),
    where a missing server is a failure, so CI can never silently skip these tests.
    """
    url = os.environ.get("PARLEY_TEST_PG_URL")
    if not url:
        if os.environ.get("PARLEY_REQUIRE_PG") == "1":
            pytest.fail("PARLEY_TEST_PG_URL is not set but PARLEY_REQUIRE_PG=1")
        pytest.skip("no PostgreSQL server configured (PARLEY_TEST_PG_URL)")
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on a fresh SQLite file or a fresh PostgreSQL database (not yet initialised)."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    eng = db.make_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A fresh store for subprocess ingests (tests/ingest_runs.py) on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        return Store("sqlite", "", tmp_path)
    return Store("pg", request.getfixturevalue("pg_url"), tmp_path)
