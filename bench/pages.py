"""Page benchmark: server-side script-run time of /timeline and /network, cold and warm, over a
synthetic store of 10,000 articles; the network layout time at 500 nodes; peak memory.

    .venv/bin/python bench/pages.py                  # 10,000 articles (targets: warm <= 300 ms,
                                                     # cold <= 3 s, memory <= 600 MB)
    .venv/bin/python bench/pages.py --articles 1000  # quick, while iterating
    .venv/bin/python bench/pages.py --profile network

The store is a temp SQLite file filled by direct inserts (no extraction): ~500 actors with a
long-tailed mention distribution, 6 segments per article, 1-3 actors per sentence, an event
for about one article in two, venues for one in ten, a links row (typed as ingest types it)
for each sentence naming two or more actors; dates spread over 2025-2026 with 5%
month-precise and 3% undated. A run is one AppTest run of the dashboard switched to the page
(the same script a browser session runs, without the websocket), timed inside Streamlit's
script runner so AppTest's own start-up and polling are left out: cold after clearing
st.cache_data and st.cache_resource, warm as the median of the next runs. Prints figures
only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIDES = ["us", "iran", "mediator", "israel", "gulf", "europe", "media", "other"]
KINDS = ["meeting", "call", "visit", "speech", "announcement", "strike"]
ROLES = ["proposed", "moved_from", "moved_to", "talks_venue", "mentioned", "visit"]
PLACES = [("muscat", "Muscat", "مسقط"), ("ankara", "Ankara", "أنقرة"), ("istanbul", "Istanbul", "إسطنبول"),
          ("rome", "Rome", "روما"), ("geneva", "Geneva", "جنيف"), ("vienna", "Vienna", "فيينا"),
          ("doha", "Doha", "الدوحة"), ("cairo", "Cairo", "القاهرة")]
SENTENCES = [
    "وكان رئيس الوزراء القطري قد زار طهران أمس السبت حيث التقى مع مسؤولين إيرانيين.",
    "وتعمل مصر وتركيا وقطر على تنظيم اجتماع بين الطرفين في أنقرة.",
    "روبیو گفت آمریکا آماده تعامل با ایران است.",
    "أجرى الرئيس اتصالا هاتفيا مع نظيره وحثه على الموافقة على عقد اجتماع.",
    "Officials warned that talks could collapse without a framework.",
    "استضاف وزير الخارجية نظيره وناقش معه المكان المحتمل.",
]
PAGES = {"timeline": "pages/timeline.py", "network": "pages/network.py"}


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports ru_maxrss in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(url: str, n_articles: int, n_actors: int, seed: int = 1) -> dict[str, Any]:
    """Fill a fresh store with synthetic extracted rows; returns counts."""
    from sqlalchemy import insert

    from parley.extract.links import link_types
    from parley.store.db import bump_version, init_db, make_engine
    from parley.store.schema import (
        actors,
        articles,
        base_of,
        events,
        links,
        mentions,
        places,
        segments,
        venues,
    )

    rng = random.Random(seed)
    engine = make_engine(url)
    init_db(engine)
    actor_ids = [f"actor_{i:04d}" for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]  # a long tail, like real coverage
    start = dt.date(2025, 3, 1)
    outlets = [f"Outlet {i}" for i in range(40)]
    counts = {"articles": 0, "segments": 0, "mentions": 0, "events": 0, "venues": 0, "links": 0}
    with engine.begin() as conn:
        conn.execute(insert(base_of(actors)), [
            {"actor_id": a, "name_en": f"Actor {i}", "name_ar": f"فاعل {i}", "name_fa": None,
             "kind": "person" if i % 3 else "state", "side": SIDES[i % len(SIDES)], "role": None}
            for i, a in enumerate(actor_ids)])
        conn.execute(insert(places), [
            {"place_id": p, "name_en": en, "name_ar": ar, "name_fa": None, "country": None, "lat": None,
             "lon": None} for p, en, ar in PLACES])
    batch = 1000
    for b0 in range(0, n_articles, batch):
        arts, segs, ments, evs, vens, lnks = [], [], [], [], [], []
        for n in range(b0, min(n_articles, b0 + batch)):
            aid = f"{n:032x}"[-32:]
            r = rng.random()
            published = None if r < 0.03 else start + dt.timedelta(days=rng.randrange(540))
            precision = "unknown" if published is None else ("month" if r < 0.08 else "day")
            lang = rng.choice(["ar", "ar", "fa", "en"])
            sents = [rng.choice(SENTENCES) for _ in range(6)]
            text = "\n".join(sents)
            pos = 0
            named: list[set[str]] = []
            for i, s in enumerate(sents):
                segs.append({"article_id": aid, "idx": i, "start": pos, "end": pos + len(s), "lang": lang,
                             "text": s})
                named.append(set(rng.choices(actor_ids, weights=weights, k=rng.randint(1, 3))))
                for a in named[-1]:
                    ments.append({"article_id": aid, "segment_idx": i, "actor_id": a, "start": pos,
                                  "end": pos + 5, "surface": s[:5], "via": "name"})
                pos += len(s) + 1
            arts.append({"id": aid, "origin": f"synthetic/{n}.txt", "outlet": rng.choice(outlets),
                         "url": None, "title": sents[0][:60], "lang": lang, "published": published,
                         "date_precision": precision, "date_basis": "synthetic", "text": text, "raw": text,
                         "body_hash": aid, "duplicate_of": None, "chars_raw": len(text),
                         "chars_clean": len(text), "ingested_at": dt.datetime(2026, 2, 6)})
            if rng.random() < 0.5:
                ids = rng.choices(actor_ids, weights=weights, k=rng.randint(1, 3))
                named[1] |= set(ids)
                evs.append({"event_id": f"ev{rng.randrange(n_articles // 2):06d}", "article_id": aid,
                            "segment_idx": 1, "date": published, "date_precision": precision,
                            "date_basis": "synthetic", "kind": rng.choice(KINDS),
                            "actor_ids": ";".join(dict.fromkeys(ids)),
                            "place_id": rng.choice(PLACES)[0] if rng.random() < 0.5 else None,
                            "start": 0, "end": 10, "evidence": sents[1]})
            # links, as ingest writes them: each segment naming two or more actors, typed by its text
            lnks += [{"article_id": aid, "segment_idx": i, "types": link_types([sents[i]])}
                     for i, who in enumerate(named) if len(who) >= 2]
            if rng.random() < 0.1:
                vens.append({"article_id": aid, "segment_idx": 2, "place_id": rng.choice(PLACES)[0],
                             "role": rng.choice(ROLES), "start": 0, "end": 10, "evidence": sents[2]})
        with engine.begin() as conn:
            for table, rows, key in ((articles, arts, "articles"), (segments, segs, "segments"),
                                     (mentions, ments, "mentions"), (events, evs, "events"),
                                     (venues, vens, "venues"), (links, lnks, "links")):
                if rows:
                    conn.execute(insert(base_of(table)), rows)
                counts[key] += len(rows)
            bump_version(conn)
    engine.dispose()
    return counts


SCRIPT_RUNS: list[float] = []


def _time_script_runs() -> None:
    """Record the duration of every script run (ScriptRunner._run_script: router + page), which is
    the server's share of a page view; AppTest's own start-up and polling are left out."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    if getattr(original, "_parley_timed", False):
        return

    def timed(self: Any, rerun_data: Any) -> None:
        t0 = time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            SCRIPT_RUNS.append(time.perf_counter() - t0)

    timed._parley_timed = True  # type: ignore[attr-defined]
    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]


def time_page(page: str, params: dict[str, str], warm_runs: int) -> tuple[float, list[float], str]:
    """(cold seconds, warm seconds, first exception or '') of the script runs of one page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _time_script_runs()
    st.cache_data.clear()
    st.cache_resource.clear()

    def one() -> tuple[float, str]:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=300)
        at.switch_page(page)
        for k, v in params.items():
            at.query_params[k] = v
        SCRIPT_RUNS.clear()
        at.run()
        return sum(SCRIPT_RUNS), (str(at.exception[0].value)[:200] if at.exception else "")

    cold, err = one()
    warm = [one()[0] for _ in range(warm_runs)]
    return cold, warm, err


def time_layout(n_nodes: int) -> tuple[float, float, int]:
    """(layout s, metrics s, edges) for a seeded random graph of ``n_nodes``."""
    import networkx as nx

    from parley.analyze import network, network_layout

    g = nx.gnm_random_graph(n_nodes, n_nodes * 6, seed=3)
    g = nx.relabel_nodes(g, {i: f"a{i:04d}" for i in g})
    for i, (a, b) in enumerate(g.edges):
        g.edges[a, b]["weight"] = 1 + i % 7
        g.nodes[a]["side"] = SIDES[i % len(SIDES)]
    for x in g.nodes:
        g.nodes[x].setdefault("side", "other")
    t0 = time.perf_counter()
    network_layout.layout_graph(g)
    t1 = time.perf_counter()
    network.graph_metrics(g)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, g.number_of_edges()


def main() -> None:
    """Build the store, time the pages and the layout, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=500)
    ap.add_argument("--warm", type=int, default=3, help="warm runs per page (median printed)")
    ap.add_argument("--profile", choices=sorted(PAGES), help="cProfile one cold run of this page")
    args = ap.parse_args()
    from machine import describe

    tmp = tempfile.TemporaryDirectory(prefix="parley-bench-")
    url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    t0 = time.perf_counter()
    counts = build_store(url, args.articles, args.actors)
    print(f"store: {counts} in {time.perf_counter() - t0:.1f} s (synthetic rows, direct inserts)")
    print(f"before: {describe()}")
    os.environ["PARLEY_DB_URL"] = url
    # A server imports its modules once; "cold" here means empty caches, not a fresh interpreter.
    import plotly.graph_objects  # noqa: F401

    import parley.render.figures
    import parley.ui.store  # noqa: F401

    if args.profile:
        import streamlit as st

        st.cache_data.clear()
        prof = cProfile.Profile()
        prof.enable()
        time_page(PAGES[args.profile], {}, 0)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue())
        return

    cases = [
        ("timeline", {}, "all filters off"),
        ("timeline", {"rows": "actor", "from": "2025-06-01", "to": "2025-08-31"}, "3 months, rows by actor"),
        ("network", {}, "whole network"),
        ("network", {"window": "30"}, "last 30 days"),
        ("network", {"actor": "actor_0001"}, "focus on one actor"),
    ]
    print(f"{'page':<10} {'view':<26} {'cold ms':>9} {'warm ms (median)':>17}")
    for page, params, label in cases:
        cold, warm, err = time_page(PAGES[page], params, args.warm)
        line = f"{'/' + page:<10} {label:<26} {cold * 1000:>9.0f} {statistics.median(warm) * 1000:>17.0f}"
        print(line + (f"   EXCEPTION: {err}" if err else ""), flush=True)

    for n in (100, 500):
        lay, metrics, edges = time_layout(n)
        print(f"layout at {n} nodes / {edges} edges: {lay * 1000:.0f} ms; "
              f"metrics (betweenness, brokerage, louvain): {metrics * 1000:.0f} ms")
    print(f"peak memory (this process: store build + app runs): {peak_mb():.0f} MB")
    print(f"after: {describe()}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
