"""Ingest runs for the crash-safety and concurrency tests: a corpus of real files, the CLI
as a subprocess, fresh stores on SQLite or PostgreSQL, and the store compared table by table
and article by article."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from contextlib import suppress
from pathlib import Path

from sqlalchemy import Engine, Integer, func, select
from sqlalchemy.exc import SQLAlchemyError

from parley.store import db
from parley.store.schema import articles, metadata, store_meta

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "data" / "articles"
VOLATILE = {"ingested_at", "created_at", "event_row"}  # event_row: an events row's surrogate id
# an article's own rows; the summaries (derived counts, some kept per article) are compared as tables
ARTICLE_TABLES = [t for t in metadata.sorted_tables
                  if "article_id" in t.c and not t.name.startswith("summary_")]

TOP: tuple[list[str], ...] = (["recent"], ["عاجل", "*"], ["Breaking"], [])  # chrome the cleaner removes
BOTTOM: tuple[list[str], ...] = (["google-playkhamsatmostaqltradent"], ["مواضيع قد تعجبك", "Share this"], [])


# --- corpus ---------------------------------------------------------------------------------

def variant_bodies(n: int) -> list[str]:
    """n article bodies made of the seeds' paragraphs: a seeded sample of one seed's paragraphs,
    with its date and title lines or without them (undated reports that borrow a date)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt"))]
    bodies = []
    for i in range(n):
        rng = random.Random(i)
        lines = [ln for ln in texts[i % len(texts)].splitlines() if ln.strip()]
        head, rest = lines[:2], lines[2:]
        keep = sorted(rng.sample(range(len(rest)), k=max(1, len(rest) * rng.choice((1, 2, 3)) // 5)))
        bodies.append("\n".join([*(head if rng.random() < 0.6 else []), *(rest[k] for k in keep), f"({i})"]))
    return bodies


def with_chrome(body: str, i: int) -> str:
    return "\n".join([*TOP[i % len(TOP)], body, *BOTTOM[i % len(BOTTOM)]]) + "\n"


def write_corpus(folder: Path, n: int) -> Path:
    """The seeds and n variants; every 7th repeats an earlier body under other chrome (a
    duplicate), every 9th is an earlier file again (the same raw text)."""
    folder.mkdir(parents=True)
    for p in sorted(SEED_DIR.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    bodies = variant_bodies(n)
    for i in range(n):
        rng = random.Random(i)
        name = folder / f"v{i:03d}.txt"
        if i >= 10 and i % 9 == 0:
            shutil.copy(folder / f"v{rng.randrange(i // 2):03d}.txt", name)
        elif i >= 10 and i % 7 == 0:
            name.write_text(with_chrome(bodies[rng.randrange(i - 1)], i + 1), encoding="utf-8")
        else:
            name.write_text(with_chrome(bodies[i], i), encoding="utf-8")
    return folder


# --- the store, compared --------------------------------------------------------------------

def store_contents(engine: Engine) -> dict[str, str]:
    """Per table, a digest of its rows and their count: ingest and creation times and
    surrogate integer ids left out, the store's counters (version, unfinished mark) kept."""
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in VOLATILE
                    and not (c.name == "id" and isinstance(c.type, Integer))]
            rows = sorted(repr([str(v) for v in r]) for r in conn.execute(select(*cols)))
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
            out[table.name] = f"{digest} ({len(rows)} rows)"
    return out


def rows_by_article(engine: Engine) -> dict[str, Counter[str]]:
    """For every article id found in any table: how many rows each table holds for it."""
    out: dict[str, Counter[str]] = {}
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, articles.name):  # killed before the schema committed
            return out
        for aid in conn.execute(select(articles.c.id)).scalars():
            out.setdefault(aid, Counter())["articles"] += 1
        for table in ARTICLE_TABLES:
            for aid, n in conn.execute(select(table.c.article_id, func.count()).group_by(table.c.article_id)):
                out.setdefault(aid, Counter())[table.name] = n
    return out


def assert_nothing_half_stored(engine: Engine, whole: dict[str, Counter[str]]) -> int:
    """Every article in the store has exactly the rows it has in ``whole`` (an uninterrupted
    run), and no row belongs to an article not stored; returns how many articles are stored."""
    got = rows_by_article(engine)
    for aid, counts in got.items():
        assert counts["articles"] == 1, f"rows of article {aid} without the article: {dict(counts)}"
        assert counts == whole[aid], f"article {aid} half stored: {dict(counts)} != {dict(whole[aid])}"
    return len(got)


def counters(engine: Engine) -> dict[str, int]:
    """The store's counters (the version and the unfinished mark; not the views' bookkeeping)."""
    with engine.connect() as conn:
        return {k: int(v) for k, v in conn.execute(select(store_meta.c.key, store_meta.c.value)
                                                   .where(store_meta.c.key.in_(("version", "unfinished"))))}


# --- backends -------------------------------------------------------------------------------

class Store:
    """Fresh stores on one backend: a new SQLite file each time, or the test's PostgreSQL
    database emptied."""

    def __init__(self, kind: str, base: str, folder: Path) -> None:
        self.kind, self.base, self.folder, self.n = kind, base, folder, 0

    def fresh(self) -> str:
        self.n += 1
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / f'store{self.n}.db'}"
        eng = db.make_engine(self.base)
        try:
            db.drop_store(eng)
        finally:
            eng.dispose()
        return self.base


def start_ingest(paths: list[Path], url: str, *, errors: bool = False) -> subprocess.Popen[str]:
    """A CLI ingest in its own process; with ``errors`` its stderr is kept too (read it with
    communicate(): a run watched by polling must not fill an unread pipe)."""
    env = {k: v for k, v in os.environ.items() if k != db.ENV_URL}
    return subprocess.Popen([sys.executable, "-m", "parley", "ingest", *map(str, paths), "--db", url],
                            cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE if errors else subprocess.DEVNULL, text=True)


def run_ingest(paths: list[Path], url: str) -> str:
    """Ingest to the end; returns the summary line (the run must reject nothing)."""
    proc = start_ingest(paths, url)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    return out.strip().splitlines()[0]



def stored_count(engine: Engine) -> int:
    """How many articles are stored (0 before the tables exist)."""
    with suppress(SQLAlchemyError), engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
    return 0
