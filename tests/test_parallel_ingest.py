"""One worker or several: the same stored rows. Ingest with ``workers=N`` reads and extracts in
forked worker processes while one writer stores the results in batches; it must store exactly
what a single process stores, row for row (surrogate ids included, since the writer keeps the
walk order), with the same report, on a SQLite file and on the real PostgreSQL server. The CLI's
``--workers`` goes through the same path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ingest_runs import REPO, counters, store_contents, write_corpus
from sqlalchemy import Engine, select

from parley.ingest import IngestReport, ingest_paths
from parley.store import db
from parley.store.schema import metadata

VOLATILE = {"ingested_at", "created_at"}


def all_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in primary-key order, ingest times left out, surrogate ids kept."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in VOLATILE]
            order = list(table.primary_key.columns) or cols
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*order))]
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds, 40 variants (duplicates under other chrome, the same file twice), a JSONL file
    with a line that cannot be read, and a binary file the readers reject."""
    folder = write_corpus(tmp_path / "corpus", 40)
    (folder / "batch.jsonl").write_text(
        '{"text": "Abbas Araghchi said on February 5, 2026 that talks will move to Muscat.", '
        '"outlet": "Wire"}\n{not json\n', encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def _report(report: IngestReport) -> tuple[Any, ...]:
    return report.ingested, report.duplicates, sorted(report.already), sorted(report.rejected)


def test_workers_store_the_same_rows_as_one_process(engine: Engine, tmp_path: Path, corpus: Path) -> None:
    one = db.make_engine(f"sqlite:///{tmp_path / 'one_worker.db'}")
    try:
        single = ingest_paths([corpus], one, workers=1)
        expected = all_rows(one)
    finally:
        one.dispose()
    parallel = ingest_paths([corpus], engine, workers=3)
    assert _report(parallel) == _report(single)
    assert single.rejected and single.duplicates and single.already  # the corpus exercises each
    got = all_rows(engine)
    assert {t: len(v) for t, v in got.items()} == {t: len(v) for t, v in expected.items()}
    if engine.dialect.name == "sqlite":
        assert got == expected
    else:  # another backend: compare values as text (floats and dates print alike)
        assert {t: [tuple(map(str, r)) for r in v] for t, v in got.items()} == \
            {t: [tuple(map(str, r)) for r in v] for t, v in expected.items()}
    assert counters(engine) == {"version": 1, "unfinished": 0}

    again = ingest_paths([corpus], engine, workers=2)  # everything is stored: nothing extracted again
    assert again.ingested == [] and len(again.already) == len(single.ingested) + len(single.already)
    assert all_rows(engine) == got


def test_cli_workers_flag_stores_what_one_worker_stores(tmp_path: Path, corpus: Path) -> None:
    contents = []
    for workers in ("1", "2"):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        out = subprocess.run([sys.executable, "-m", "parley", "ingest", str(corpus), "--db", url,
                              "--workers", workers], cwd=REPO, capture_output=True, text=True, timeout=600)
        assert out.returncode == 1, out.stderr  # 1: the junk file and the bad JSONL line are rejected
        assert "rejected 2" in out.stdout
        engine = db.make_engine(url)
        try:
            contents.append(store_contents(engine))
        finally:
            engine.dispose()
    assert contents[0] == contents[1]


def test_cli_rejects_zero_workers(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "parley", "ingest", str(tmp_path), "--workers", "0"],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "--workers" in out.stderr
