"""Curation benchmark: what the curated views cost the reads, and what a rebuild of the curated rows
costs as corrections accumulate, over the synthetic store of bench/pages.py.

    .venv/bin/python bench/curation.py                  # 10,000 articles
    .venv/bin/python bench/curation.py --articles 2000  # quick

Prints, for a few reads the pages make (an actor's articles, mentions per actor, events of a side's
actors), the median time on the base tables (extracted_*) and on the curated views the reads use,
with no correction and with N corrections in force; then the rebuild time (the work every correction
and every ingest's closing pass adds) for N = 0, 100 and 1,000 corrections. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def _median_ms(fn: Any, runs: int = 5) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _reads(engine: Any, mentions: Any, events: Any) -> dict[str, Any]:
    from sqlalchemy import func, select

    from parley.store.schema import articles

    def actor_articles() -> None:
        with engine.connect() as conn:
            conn.execute(select(articles.c.id).where(articles.c.id.in_(
                select(mentions.c.article_id).where(mentions.c.actor_id == "actor_0003")))).all()

    def per_actor() -> None:
        with engine.connect() as conn:
            conn.execute(select(mentions.c.actor_id, func.count()).join(articles, articles.c.id ==
                                                                         mentions.c.article_id)
                         .group_by(mentions.c.actor_id)).all()

    def side_events() -> None:
        with engine.connect() as conn:
            conn.execute(select(events.c.id).where((";" + events.c.actor_ids + ";").contains(";actor_0001;"))
                         ).all()

    return {"an actor's articles": actor_articles, "mentions per actor": per_actor,
            "events naming an actor": side_events}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    args = ap.parse_args()
    from sqlalchemy import insert, select

    from pages import build_store  # bench/pages.py
    from parley.store import schema as S
    from parley.store.curation import now_utc
    from parley.store.db import make_engine
    from parley.store.overlay import rebuild

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        counts = build_store(url, args.articles, 500)
        engine = make_engine(url)
        print(f"store: {counts}")
        base = _reads(engine, S.extracted_mentions, S.extracted_events)
        view = _reads(engine, S.mentions, S.events)
        for name in base:
            print(f"{name:<24} base {_median_ms(base[name]):7.1f} ms   view {_median_ms(view[name]):7.1f} ms"
                  "   (no correction)")
        with engine.connect() as conn:
            evs = conn.execute(select(S.extracted_events).limit(1000)).mappings().all()
        rows: list[dict[str, Any]] = []
        for n in (0, 100, 1000):
            with engine.begin() as conn:
                conn.execute(S.corrections.delete())
                rows = [{"at": now_utc(), "who": "bench", "kind": "event_edit", "note": "", "flag": "",
                         "target": _key(e), "before": "{}", "after": '{"kind": "meeting"}'} for e in evs[:n]]
                rows += [{"at": now_utc(), "who": "bench", "kind": "actor_side", "note": "", "flag": "",
                          "target": f'{{"actor_id": "actor_{i:04d}"}}', "before": "{}",
                          "after": '{"side": "other"}'}
                         for i in range(min(n, 50))]
                if n:  # one merge: the mentions view then reads curated rows too
                    rows.append({"at": now_utc(), "who": "bench", "kind": "actor_merge", "note": "",
                                 "flag": "", "target": '{"actor_id": "actor_0499"}', "before": "{}",
                                 "after": '{"into": "actor_0498"}'})
                if rows:
                    conn.execute(insert(S.corrections), rows)
            t = time.perf_counter()
            with engine.begin() as conn:
                flags = rebuild(conn)
            took = (time.perf_counter() - t) * 1000
            print(f"rebuild with {len(rows):>5} corrections: {took:8.1f} ms ({len(flags)} flagged)")
        for name in base:
            print(f"{name:<24} base {_median_ms(base[name]):7.1f} ms   view {_median_ms(view[name]):7.1f} ms"
                  f"   ({len(rows)} corrections in force)")
        engine.dispose()


def _key(e: Any) -> str:
    import json

    return json.dumps({k: e[k] for k in ("article_id", "start", "end", "kind", "actor_ids")})


if __name__ == "__main__":
    main()
