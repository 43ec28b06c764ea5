"""Nothing lost: ingest killed at random points on a SQLite file and on the real PostgreSQL server.

``python -m parley ingest PATH --db URL`` runs as a subprocess on a corpus of real files (the
seeds and variants of them: sampled paragraphs, dated and undated, other chrome around the same
body, the same file twice) and is killed with SIGKILL at seeded random points, 20 times. After
each kill no article is half stored (each stored article has exactly the rows an uninterrupted
run gives it, and no row lacks its article); a rerun completes; and the store equals an
uninterrupted run's, table by table, ingest times and surrogate row ids aside (PostgreSQL
spends sequence numbers on transactions a kill rolls back), the store's counters included.

An in-process test pins down the narrowest window: every article stored, the closing pass
(dating from other articles, the version bump) not run.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections import Counter
from contextlib import suppress
from pathlib import Path

import pytest
from ingest_runs import (
    Store,
    assert_nothing_half_stored,
    counters,
    rows_by_article,
    run_ingest,
    start_ingest,
    store_contents,
    stored_count,
    write_corpus,
)
from sqlalchemy import Engine, func, select

from parley.ingest import ingest_paths
from parley.store import db
from parley.store.schema import events

N_VARIANTS = 100  # with the 5 seeds: a run long enough that kills land between articles (batched writes)
KILLS = 20


# --- killed at random points ----------------------------------------------------------------

def timed_run(paths: list[Path], url: str) -> tuple[str, float, float]:
    """Ingest to the end, watching the store: the summary line, the seconds until the first
    article was stored, and until the run ended."""
    t0 = time.monotonic()
    proc = start_ingest(paths, url)
    first = 0.0
    engine = db.make_engine(url)
    try:
        while proc.poll() is None and not first:
            if stored_count(engine):
                first = time.monotonic() - t0
            time.sleep(0.01)
    finally:
        engine.dispose()
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    return out.strip().splitlines()[0], first, time.monotonic() - t0


def kill_at(proc: subprocess.Popen[str], engine: Engine, target: int, delay: float) -> bool:
    """SIGKILL the ingest ``delay`` seconds after it has stored ``target`` articles (after its
    start when ``target`` is 0); False if it ended first."""
    while target and proc.poll() is None and stored_count(engine) < target:
        time.sleep(0.01)
    with suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=delay)
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def test_ingest_killed_at_random_points_loses_and_doubles_nothing(store: Store, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", N_VARIANTS)
    url = store.fresh()
    summary, first, full = timed_run([corpus], url)
    engine = db.make_engine(url)
    try:
        whole, contents = rows_by_article(engine), store_contents(engine)
        n_articles = len(whole)
        assert counters(engine) == {"version": 1, "unfinished": 0}
    finally:
        engine.dispose()
    assert summary.startswith(f"ingested {n_articles}, duplicates ") and "rejected 0" in summary
    assert "duplicates 0" not in summary and "already stored 0" not in summary

    # Seeded kill points, by progress rather than by the clock (a loaded machine runs slower):
    # some while starting up (making the schema, syncing the gazetteer), the others a random
    # fraction of a second after a random number of articles is stored, the last one included
    # (then the kill lands in the closing pass, or after the run).
    rng = random.Random(11)
    landed: Counter[str] = Counter()
    t0 = time.monotonic()
    for k in range(KILLS):
        startup = rng.random() < 0.15
        target, delay = (0, rng.uniform(0.3, 1.0) * first) if startup else \
            (rng.randint(1, n_articles), rng.uniform(0.0, 0.05))
        url = store.fresh()
        engine = db.make_engine(url)
        try:
            killed = kill_at(start_ingest([corpus], url), engine, target, delay)
            stored = assert_nothing_half_stored(engine, whole)
            landed["after the run had ended" if not killed else "before the first article" if stored == 0
                   else "after the last article" if stored == n_articles else "between articles"] += 1
            run_ingest([corpus], url)
            assert store_contents(engine) == contents, f"kill {k + 1} after {stored} articles"
        finally:
            engine.dispose()
    print(f"\n{store.kind}: {KILLS} kills, each followed by a rerun, in {time.monotonic() - t0:.0f}s, "
          f"over {n_articles} articles (a full run {full:.1f}s, the first article stored at "
          f"{first:.1f}s): " + ", ".join(f"{n} {what}" for what, n in landed.most_common()))
    assert landed["between articles"] >= KILLS // 2, landed


class Killed(BaseException):
    """Stands for SIGKILL in-process: nothing catches it, so nothing after it runs."""


def _dated_and_undated(folder: Path) -> list[Path]:
    folder.mkdir()
    dated, undated = folder / "dated.txt", folder / "undated.txt"
    dated.write_text("date 2025-04-12\nAraghchi met Witkoff in Muscat for talks.\n", encoding="utf-8")
    undated.write_text("Talks in Oman\nAraghchi met Witkoff in Muscat, officials said.\n", encoding="utf-8")
    return [dated, undated]


def borrowed_dates(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(events)
                                .where(events.c.date_basis.startswith("from other articles"))).scalar_one())


def test_a_batch_stopped_before_its_closing_pass_is_completed_by_the_next(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every article is stored but the pass that dates events from other articles and bumps the
    store version never ran: the next ingest, though it writes nothing, runs it."""
    paths = _dated_and_undated(tmp_path / "in")
    ingest_paths(paths, engine)  # uninterrupted, for reference
    contents = store_contents(engine)
    assert borrowed_dates(engine) == 1
    db.drop_store(engine)

    def killed(*_args: object) -> int:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr("parley.ingest.borrow_dates", killed)
        with pytest.raises(Killed):
            ingest_paths(paths, engine)
    assert borrowed_dates(engine) == 0 and counters(engine) == {"version": 0, "unfinished": 1}
    assert len(rows_by_article(engine)) == 2

    again = ingest_paths(paths, engine)
    assert again.ingested == [] and len(again.already) == 2
    assert counters(engine) == {"version": 1, "unfinished": 0}
    assert store_contents(engine) == contents
    ingest_paths(paths, engine)  # a finished store: nothing to do, the version stays
    assert counters(engine)["version"] == 1
