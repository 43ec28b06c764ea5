"""Nothing doubled: ingests racing for the same raw text or the same body, on a SQLite file and
on the real PostgreSQL server.

The store's unique keys decide, in the insert, not a look-up before it: the primary key keeps
each raw text once, and a partial unique index keeps one original per body (the loser of the
race stores its article as a duplicate). In process, another ingest stores the same text or
body between this one's look-up and its insert; as subprocesses, two ``python -m parley
ingest`` runs of overlapping folders run at once; and an older store holding two originals of
one body is repaired when the index is added.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_runs import (
    REPO,
    SEED_DIR,
    Store,
    rows_by_article,
    run_ingest,
    start_ingest,
    variant_bodies,
    with_chrome,
)
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError

from parley.extract.records import Extraction
from parley.ingest import IngestReport, ingest_paths
from parley.records import Article
from parley.store import db
from parley.store.schema import ORIGINAL_BODY, articles, segments


def _racing(engine: Engine, other: Path) -> tuple[list[IngestReport], Callable[[Article], Extraction]]:
    """An extractor that, the first time it runs, lets another ingest store ``other`` (between
    this ingest's look-up and its insert)."""
    reports: list[IngestReport] = []

    def run(article: Article) -> Extraction:
        if not reports:
            reports.append(ingest_paths([other], engine, extract=False))
        return Extraction()

    return reports, run


def test_the_same_text_stored_meanwhile_is_already_stored(engine: Engine, tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    shutil.copy(SEED_DIR / "004_039e27067d033f0d.txt", mine)
    theirs = tmp_path / "theirs.txt"
    shutil.copy(mine, theirs)
    reports, extractor = _racing(engine, theirs)
    report = ingest_paths([mine], engine, extractor=extractor)
    assert reports and report.ingested == [] and report.already == [str(mine)] and report.rejected == []
    with engine.connect() as conn:
        assert conn.execute(select(articles.c.origin)).scalars().all() == [str(theirs)]


def test_the_same_body_stored_meanwhile_makes_this_a_duplicate(engine: Engine, tmp_path: Path) -> None:
    body = variant_bodies(1)[0]
    mine, theirs = tmp_path / "mine.txt", tmp_path / "theirs.txt"
    mine.write_text(with_chrome(body, 0), encoding="utf-8")
    theirs.write_text(with_chrome(body, 1), encoding="utf-8")
    reports, extractor = _racing(engine, theirs)
    report = ingest_paths([mine], engine, extractor=extractor)
    assert reports and report.rejected == [] and report.ingested == [str(mine)]
    with engine.connect() as conn:
        rows = {r.origin: r for r in conn.execute(select(articles.c.origin, articles.c.id,
                                                         articles.c.duplicate_of, articles.c.body_hash))}
    assert rows[str(mine)].body_hash == rows[str(theirs)].body_hash
    assert rows[str(theirs)].duplicate_of is None
    assert rows[str(mine)].duplicate_of == rows[str(theirs)].id
    assert report.duplicates == [(str(mine), rows[str(theirs)].id)]


def test_an_older_store_with_two_originals_of_one_body_is_repaired(engine: Engine) -> None:
    """A store made before the one-original-per-body index, where two ingests raced, gets the
    index: the first ingested stays the original, the other and its duplicates point at it."""
    db.init_db(engine)
    with engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {ORIGINAL_BODY.name}"))
        base = {"origin": "o", "lang": "ar", "date_precision": "unknown", "date_basis": "none",
                "text": "t", "raw": "r", "body_hash": "h" * 64, "chars_raw": 1, "chars_clean": 1}
        t = dt.datetime(2026, 2, 1)
        conn.execute(articles.insert(), [
            {**base, "id": "b" * 32, "duplicate_of": None, "ingested_at": t + dt.timedelta(seconds=1)},
            {**base, "id": "a" * 32, "duplicate_of": None, "ingested_at": t},
            {**base, "id": "c" * 32, "duplicate_of": "b" * 32, "ingested_at": t + dt.timedelta(seconds=2)},
            {**base, "id": "d" * 32, "duplicate_of": None, "body_hash": "e" * 64, "ingested_at": t},
        ])
    db.init_db(engine)
    db.init_db(engine)  # idempotent
    with engine.connect() as conn:
        got = dict(conn.execute(select(articles.c.id, articles.c.duplicate_of)).all())
    assert got == {"a" * 32: None, "b" * 32: "a" * 32, "c" * 32: "a" * 32, "d" * 32: None}
    with pytest.raises(IntegrityError), engine.begin() as conn:  # one original per body from now on
        conn.execute(articles.insert(), [{**base, "id": "f" * 32, "duplicate_of": None, "ingested_at": t}])


# --- two ingests at once --------------------------------------------------------------------

def _overlapping_folders(root: Path, n: int) -> tuple[list[Path], list[Path]]:
    """Two ingests' inputs: a shared folder both read, and a folder each whose files pair up in
    walk order, so both reach a pair at about the same time: the same file (the same raw text)
    for even pairs, the same body under other chrome for odd ones."""
    shared, one, two = root / "shared", root / "one", root / "two"
    for folder in (shared, one, two):
        folder.mkdir(parents=True)
    bodies = variant_bodies(n + 10)
    for i in range(n):
        (one / f"{i:03d}.txt").write_text(with_chrome(bodies[i], i), encoding="utf-8")
        (two / f"{i:03d}.txt").write_text(with_chrome(bodies[i], i + (i % 2)), encoding="utf-8")
    for i in range(n, n + 10):
        (shared / f"{i:03d}.txt").write_text(with_chrome(bodies[i], i), encoding="utf-8")
    return [one, shared], [two, shared]


def test_two_ingests_at_once_store_each_body_once(store: Store, tmp_path: Path) -> None:
    first, second = _overlapping_folders(tmp_path / "in", 30)
    url = store.fresh()
    run_ingest(first, url)
    run_ingest(second, url)
    engine = db.make_engine(url)
    try:
        serial = rows_by_article(engine)
        with engine.connect() as conn:
            bodies = set(conn.execute(select(articles.c.body_hash)).scalars())
    finally:
        engine.dispose()
    assert len(serial) == 30 + 15 + 10  # one, two's other-chrome copies, shared

    for round_ in range(3):
        url = store.fresh()
        procs = [start_ingest(paths, url, errors=True) for paths in (first, second)]
        outs = [p.communicate(timeout=600) for p in procs]  # (stdout, stderr): a failure says why
        assert [p.returncode for p in procs] == [0, 0], outs
        engine = db.make_engine(url)
        try:
            assert rows_by_article(engine) == serial, f"round {round_ + 1}"
            with engine.connect() as conn:
                stored = conn.execute(select(articles.c.id, articles.c.body_hash,
                                             articles.c.duplicate_of)).all()
                n_segments = conn.execute(select(func.count()).select_from(segments)).scalar()
        finally:
            engine.dispose()
        originals = Counter(r.body_hash for r in stored if r.duplicate_of is None)
        assert set(originals.values()) == {1} and set(originals) == bodies, f"round {round_ + 1}"
        original = {r.body_hash: r.id for r in stored if r.duplicate_of is None}
        assert all(r.duplicate_of == original[r.body_hash] for r in stored if r.duplicate_of), round_
        assert n_segments == sum(c["segments"] for c in serial.values())



_OPEN_STORE = "import sys; from parley.store import db; db.init_db(db.make_engine(sys.argv[1]))"


def test_many_processes_opening_a_new_sqlite_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Switching a new file to WAL takes a lock SQLite does not wait for: two ingests started
    together on a new store once failed with 'database is locked' (about one round in 40 of eight
    processes on a loaded machine before the retry). A stress check: it can pass by luck."""
    for round_ in range(4):
        url = f"sqlite:///{tmp_path / f's{round_}.db'}"
        procs = [subprocess.Popen([sys.executable, "-c", _OPEN_STORE, url], cwd=REPO,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(8)]
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 8, (round_, [e[-300:] for e in errors if e])
