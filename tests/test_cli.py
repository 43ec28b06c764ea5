"""The command line, run as a real subprocess: summaries, exit codes, --if-empty, export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from seeds import REPO, SEED_DIR, SEEDS


def parley(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m parley ARGS`` from the repo with no PARLEY_DB_URL in the environment."""
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_DB_URL"}
    return subprocess.run([sys.executable, "-m", "parley", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def test_ingest_twice_then_if_empty(sqlite_url: str) -> None:
    first = parley("ingest", SEED_DIR, "--db", sqlite_url, "--no-extract")
    assert first.returncode == 0, first.stderr
    assert "ingested 5, duplicates 0, already stored 0, rejected 0" in first.stdout

    second = parley("ingest", SEED_DIR, "--db", sqlite_url, "--no-extract")
    assert second.returncode == 0, second.stderr
    assert "ingested 0, duplicates 0, already stored 5, rejected 0" in second.stdout

    # --if-empty on a non-empty store does nothing: even a missing path is not looked at.
    skip = parley("ingest", "no/such/path.txt", "--db", sqlite_url, "--if-empty")
    assert skip.returncode == 0, skip.stderr
    assert "already has 5 articles" in skip.stdout


def test_if_empty_ingests_an_empty_store(sqlite_url: str) -> None:
    run = parley("ingest", SEEDS[0], SEEDS[1], "--db", sqlite_url, "--if-empty", "--no-extract")
    assert run.returncode == 0, run.stderr
    assert "ingested 2," in run.stdout


def test_rejects_give_exit_1_and_one_line_each(sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    run = parley("ingest", SEEDS[0], tmp_path, "--db", sqlite_url, "--no-extract")
    assert run.returncode == 1, run.stderr
    assert "ingested 1, duplicates 0, already stored 0, rejected 2" in run.stdout
    assert f"{tmp_path / 'empty.txt'}: empty file" in run.stdout
    assert f"{tmp_path / 'bin.txt'}: binary file" in run.stdout


def test_store_error_is_one_line_exit_2(tmp_path: Path) -> None:
    for url in ("postgresql://parley:secret@127.0.0.1:1/nothing", "nonsense://x"):
        run = parley("ingest", SEEDS[0], "--db", url, "--no-extract")
        assert run.returncode == 2
        assert run.stderr.startswith("parley: error: ") and run.stderr.count("\n") == 1, run.stderr
        assert "Traceback" not in run.stderr and "secret" not in run.stderr


def test_usage_errors_exit_2() -> None:
    assert parley().returncode == 2
    assert parley("ingest").returncode == 2  # PATH is required
    assert parley("frobnicate").returncode == 2
    assert parley("export", "--format", "xlsx", "--out", "x").returncode == 2


def test_ingest_extract_export(sqlite_url: str, tmp_path: Path) -> None:
    assert parley("ingest", SEED_DIR, "--db", sqlite_url, "--no-extract").returncode == 0
    run = parley("extract", "--db", sqlite_url)
    assert run.returncode == 0, run.stderr
    assert "re-extracted 5 articles, failed 0" in run.stdout

    out = tmp_path / "csv"
    run = parley("export", "--format", "csv", "--out", out, "--db", sqlite_url)
    assert run.returncode == 0, run.stderr
    listed = [Path(line) for line in run.stdout.splitlines()]
    assert {p.name for p in listed} >= {"articles.csv", "segments.csv", "actors.csv", "events.csv"}
    assert all(p.exists() and p.parent == out for p in listed)
    assert len((out / "articles.csv").read_text(encoding="utf-8-sig").splitlines()) >= 6


def test_eval_missing_gold_dir_is_exit_2(sqlite_url: str, tmp_path: Path) -> None:
    run = parley("eval", tmp_path / "nope", "--db", sqlite_url)
    assert run.returncode == 2 and "not a folder" in run.stderr


def test_eval_of_the_seed_gold_without_a_database_ingests_the_sample_corpus() -> None:
    """On a fresh machine there is no store yet: eval ingests data/articles into a temporary one."""
    run = parley("eval", REPO / "tests" / "gold")
    assert run.returncode == 0, run.stderr
    assert "actors" in run.stdout and "events per gold event" in run.stdout
