"""Search benchmark: server-side query time at 100,000 articles, on SQLite and on PostgreSQL.

    .venv/bin/python bench/search.py                       # SQLite, 100,000 articles (target <= 200 ms)
    .venv/bin/python bench/search.py --n 5000              # quick, while iterating
    .venv/bin/python bench/search.py --db postgresql+psycopg://user:pass@host/db   # also PostgreSQL
    PARLEY_TEST_PG_URL=... .venv/bin/python bench/search.py                        # the same

The store is filled by direct inserts (no extraction) of bench/ingest.py's synthetic bodies (the
seeds' sentences recombined, Arabic, Persian and templated English, 3 to 60 lines each) with their
segments, each article indexed by the real indexing code (store/search_index.index_article). The
SQLite file is kept under the temp dir and reused by the next run of the same size (--fresh
rebuilds it); a PostgreSQL database is filled only when it is empty and reused when it holds the
articles already. For each query it prints the median of 5 runs of the ranked query (the SQL:
match, filters, rank, top 20) and of the whole search (plus reading the 20 hits and building
their snippets), and how many articles match. Prints figures only; nothing asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

QUERIES = [
    ("ar word, very common", "إيران", None),
    ("ar word without its clitic (التحالفات)", "تحالفات", None),
    ("fa word", "گفتوگو", None),
    ("fa prefix", "گفت*", None),
    ("en word", "enrichment", None),
    ("ar phrase", '"الولايات المتحدة"', None),
    ("en phrase", '"red line"', None),
    ("ar prefix", "مفاوض*", None),
    ("en prefix", "sanction*", None),
    ("boolean OR", "Rubio OR Witkoff", None),
    ("boolean NOT", "إيران NOT تركيا", None),
    ("boolean AND, 3 words", "Muscat AND talks AND Friday", None),
    ("ar word, lang=fa filter", "إيران", "fa"),
    ("ar word, date filter", "إيران", "dates"),
]
_ARABIC = re.compile("[\u0600-\u06ff]")


def build(url: str, n: int) -> float:
    """Fill an empty store with ``n`` synthetic articles, indexed; returns the seconds it took."""
    from ingest import body, seed_sentences
    from sqlalchemy import insert

    from parley.store.db import bump_version, init_db, make_engine
    from parley.store.schema import articles, segments
    from parley.store.search_index import index_article

    pools = seed_sentences()
    engine = make_engine(url)
    init_db(engine)
    rng = random.Random(5)
    start_day = dt.date(2025, 3, 1)
    t0 = time.perf_counter()
    for b0 in range(0, n, 1000):
        arts, segs, texts = [], [], []
        for i in range(b0, min(n, b0 + 1000)):
            text = body(i, pools)
            aid = f"{i:016x}"
            script_lang = "fa" if "ی" in text or "ک" in text else "ar" if _ARABIC.search(text) else "en"
            published = None if rng.random() < 0.03 else start_day + dt.timedelta(days=rng.randrange(540))
            title = text.split("\n", 1)[0][:120]
            arts.append({"id": aid, "origin": f"synthetic/{i}.txt", "outlet": f"Outlet {i % 40}", "url": None,
                         "title": title, "lang": script_lang, "published": published,
                         "date_precision": "day" if published else "unknown", "date_basis": "synthetic",
                         "text": text, "raw": text, "body_hash": aid, "duplicate_of": None,
                         "chars_raw": len(text), "chars_clean": len(text),
                         "ingested_at": dt.datetime(2026, 2, 6)})
            pos = 0
            for idx, line in enumerate(text.split("\n")):
                lang = script_lang if _ARABIC.search(line) else "en"
                segs.append({"article_id": aid, "idx": idx, "start": pos, "end": pos + len(line),
                             "lang": lang, "text": line})
                pos += len(line) + 1
            texts.append((aid, title, text))
        with engine.begin() as conn:
            conn.execute(insert(articles), arts)
            conn.execute(insert(segments), segs)
            for aid, title, text in texts:
                index_article(conn, aid, title, text)
            bump_version(conn)
        done = min(n, b0 + 1000)
        if done % 10_000 == 0 or done == n:
            print(f"  built {done:,} articles in {time.perf_counter() - t0:.0f} s", flush=True)
    engine.dispose()
    return time.perf_counter() - t0


def bench(url: str, n: int, fresh: bool) -> None:
    from sqlalchemy import func, select

    from parley.filters import Filters
    from parley.store.db import init_db, make_engine
    from parley.store.schema import articles
    from parley.store.search import ranked_ids, search
    from parley.text.search_query import parse_query

    engine = make_engine(url)
    init_db(engine)
    with engine.connect() as conn:
        have = int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
    print(f"\n== {engine.dialect.name}: {engine.url.render_as_string(hide_password=True)}")
    if have == 0:
        print(f"building {n:,} articles ...")
        print(f"built and indexed in {build(url, n):.0f} s")
    elif have < n or fresh:
        print(f"the store holds {have:,} articles, not {n:,}: use an empty store (or --fresh for SQLite)")
        return
    else:
        print(f"reusing the store of {have:,} articles")
    from machine import describe

    print(describe())
    print(f"{'query':42} {'ranked ms':>10} {'search ms':>10} {'matches':>8}")
    for label, query, flt in QUERIES:
        filters = Filters()
        if flt == "fa":
            filters = Filters(langs=("fa",))
        elif flt == "dates":
            filters = Filters(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 8, 31))
        tree = parse_query(query)
        ranked_ids(engine, tree, filters, 20)  # warm the page cache and the statement cache
        ranked, whole = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            ranked_ids(engine, tree, filters, 20)
            ranked.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            search(engine, query, filters, 20)
            whole.append(time.perf_counter() - t0)
        matches = _total(engine, tree, filters)
        print(f"{label:42} {statistics.median(ranked) * 1000:10.1f} {statistics.median(whole) * 1000:10.1f} "
              f"{matches:8,}", flush=True)
    print(describe())
    engine.dispose()


def _total(engine: Any, tree: Any, filters: Any) -> int:
    """Every matching article (the count alone, outside the timed runs)."""
    from sqlalchemy import func, literal_column, select, text

    from parley.store.filters import where
    from parley.store.schema import articles
    from parley.store.search import _pg_docs, fts5_expression, search_docs, search_fts, tsquery_expression

    if engine.dialect.name == "postgresql":
        tsq = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery_expression(tree))
        joined = _pg_docs.join(articles, articles.c.id == _pg_docs.c.article_id)
        stmt = select(func.count()).select_from(joined).where(_pg_docs.c.doc.op("@@")(tsq), where(filters))
    else:
        joined = (search_fts.join(search_docs, search_docs.c.id == search_fts.c.rowid)
                  .join(articles, articles.c.id == search_docs.c.article_id))
        match = text("search_fts MATCH :fts").bindparams(fts=fts5_expression(tree))
        stmt = select(func.count()).select_from(joined).where(match, where(filters))
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles in the store (default 100,000)")
    ap.add_argument("--db", help="a PostgreSQL URL to bench as well (default: $PARLEY_TEST_PG_URL)")
    ap.add_argument("--sqlite", help="the SQLite file to build or reuse (default: under the temp dir)")
    ap.add_argument("--fresh", action="store_true", help="rebuild the SQLite file")
    ap.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = ap.parse_args()
    if not args.no_sqlite:
        path = Path(args.sqlite or Path(tempfile.gettempdir()) / f"parley-bench-search-{args.n}.db")
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        bench(f"sqlite:///{path}", args.n, False)
    pg = args.db or os.environ.get("PARLEY_TEST_PG_URL")
    if pg:
        bench(pg, args.n, False)


if __name__ == "__main__":
    main()
