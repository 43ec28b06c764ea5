"""Page benchmark: server-side script-run time of every page, cold and warm, over a synthetic
store of 10,000 articles (or --articles N); the network layout time at 500 nodes; the app's peak
memory; with --browser, each page's browser-ready time against a bare Streamlit page.

    .venv/bin/python bench/pages.py                  # 10,000 articles, SQLite
    .venv/bin/python bench/pages.py --articles 100000                      # targets: warm <= 1 s,
    .venv/bin/python bench/pages.py --articles 100000 --db postgresql://... # cold <= 3 s, <= 1 GB
    .venv/bin/python bench/pages.py --articles 1000  # quick, while iterating
    .venv/bin/python bench/pages.py --profile network
    .venv/bin/python bench/pages.py --articles 1000 --browser  # + browser ratio per page
    .venv/bin/python bench/pages.py --seeds --browser          # the sample corpus (data/articles)

--db names an empty database to fill (its tables are dropped first). The store is built in a child
process, so the peak memory printed is the app's (AppTest runs of every page) alone.

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
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's bare-mode warnings, per run

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
PAGES = {name: f"pages/{name}.py" for name in
         ("home", "read", "library", "actors", "positions", "timeline", "network", "compare", "briefing",
          "review")}
TOPICS = ["nuclear", "enrichment", "ballistic_missiles", "sanctions", "diplomacy", "venue"]
STANCES = ["supports", "opposes", "demands", "rejects", "insists", "warns"]


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports ru_maxrss in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(url: str, n_articles: int, n_actors: int, seed: int = 1) -> dict[str, Any]:
    """Fill a fresh store with synthetic extracted rows; returns counts."""
    from sqlalchemy import insert

    from parley.extract.links import link_types
    from parley.store import summaries
    from parley.store.db import bump_version, drop_store, init_db, make_engine
    from parley.store.schema import (
        actors,
        articles,
        base_of,
        candidates,
        events,
        links,
        mentions,
        places,
        positions,
        quotes,
        segments,
        venues,
    )

    rng = random.Random(seed)
    engine = make_engine(url)
    drop_store(engine)  # an empty database to fill, every time
    init_db(engine)
    actor_ids = [f"actor_{i:04d}" for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_actors)]  # a long tail, like real coverage
    start = dt.date(2025, 3, 1)
    outlets = [f"Outlet {i}" for i in range(40)]
    counts = {"articles": 0, "segments": 0, "mentions": 0, "events": 0, "venues": 0, "links": 0,
              "positions": 0, "quotes": 0, "candidates": 0}
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
        arts, segs, ments, evs, vens, lnks, poss, qts, cands = [], [], [], [], [], [], [], [], []
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
            for i in range(rng.choice([0, 1, 1, 2])):  # positions of actors named in the text
                who = sorted(named[i])[0]
                poss.append({"article_id": aid, "segment_idx": i, "actor_id": who,
                             "topic": rng.choice(TOPICS), "stance": rng.choice(STANCES),
                             "polarity": rng.choice([1, -1, 0]), "condition": None, "cues": "cue",
                             "confidence": 0.7, "start": 0, "end": 10,
                             "evidence": sents[i]})
            if rng.random() < 0.4:
                qts.append({"article_id": aid, "segment_idx": 3, "speaker_id": sorted(named[3])[0],
                            "lang": lang, "text": sents[3], "start": 0, "end": 10, "cue": "said"})
            if rng.random() < 0.05:
                cands.append({"article_id": aid, "segment_idx": 4, "surface": f"Name {n % 997}",
                              "normalized": f"name {n % 997}", "sign": "title", "start": 0, "end": 5,
                              "evidence": sents[4], "status": "new"})
            if rng.random() < 0.1:
                vens.append({"article_id": aid, "segment_idx": 2, "place_id": rng.choice(PLACES)[0],
                             "role": rng.choice(ROLES), "start": 0, "end": 10, "evidence": sents[2]})
        with engine.begin() as conn:
            for table, rows, key in ((articles, arts, "articles"), (segments, segs, "segments"),
                                     (mentions, ments, "mentions"), (events, evs, "events"),
                                     (venues, vens, "venues"), (links, lnks, "links"),
                                     (positions, poss, "positions"), (quotes, qts, "quotes"),
                                     (candidates, cands, "candidates")):
                if rows:
                    conn.execute(insert(base_of(table)), rows)
                counts[key] += len(rows)
            bump_version(conn)
    with engine.begin() as conn:  # rows went in around the write path: count the summaries afresh
        summaries.rebuild(conn)
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


def _build_in_child(url: str, n_articles: int, n_actors: int) -> dict[str, Any]:
    """build_store in a child process, so this process's peak memory is the app's alone."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        counts: dict[str, Any] = pool.apply(build_store, (url, n_articles, n_actors))
    return counts


def ingest_seeds(url: str) -> dict[str, Any]:
    """The sample corpus (data/articles) ingested with extraction, as `python -m parley ingest`
    does, into an emptied store."""
    from parley.ingest import ingest_paths
    from parley.store.db import count_articles, drop_store, init_db, make_engine

    engine = make_engine(url)
    try:
        drop_store(engine)
        init_db(engine)
        ingest_paths([REPO / "data" / "articles"], engine)
        return {"articles": count_articles(engine)}
    finally:
        engine.dispose()


def seeds_focus(url: str) -> tuple[str, tuple[str, str], tuple[str, str]]:
    """The most-mentioned actor, the month of the newest dated article and the three months that
    end with it (for --seeds)."""
    from sqlalchemy import func, select

    from parley.store.db import make_engine
    from parley.store.schema import articles, mentions

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            actor = conn.execute(select(mentions.c.actor_id).group_by(mentions.c.actor_id)
                                 .order_by(func.count().desc(), mentions.c.actor_id).limit(1)).scalar()
            newest = conn.execute(select(func.max(articles.c.published))).scalar()
    finally:
        engine.dispose()
    day = newest if isinstance(newest, dt.date) else dt.date.fromisoformat(str(newest)[:10])
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    back = first.month - 3
    start = first.replace(year=first.year + back // 12, month=back % 12 + 1)
    return str(actor), (first.isoformat(), last.isoformat()), (start.isoformat(), last.isoformat())


def peak_rss_mb(pid: int) -> float:
    """A live process's peak resident memory in MB (Linux /proc VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def store_facts(url: str) -> tuple[list[str], float]:
    """Two article ids (for /read and /compare) and the store's size in MB."""
    from sqlalchemy import select, text

    from parley.store.db import make_engine
    from parley.store.schema import articles

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            first = select(articles.c.id).order_by(articles.c.id).limit(2)
            ids = [str(i) for i in conn.execute(first).scalars()]
            if engine.dialect.name == "postgresql":
                size = float(conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0)
            else:
                db = Path(str(engine.url.database))
                size = float(sum(f.stat().st_size for f in db.parent.glob(db.name + "*")))
    finally:
        engine.dispose()
    return ids, size / 1e6


def cases(ids: list[str], actor: str = "actor_0001", month: tuple[str, str] = ("2025-06-01", "2025-06-30"),
          window: tuple[str, str] = ("2025-06-01", "2025-08-31")) -> list[tuple[str, dict[str, str], str]]:
    """(page, URL parameters, label) of every view timed: ``actor`` is the profile and network
    focus, ``month`` the briefing's dates, ``window`` the timeline's three months."""
    return [
        ("home", {}, "all articles"),
        ("home", {"lang": "fa"}, "one language"),
        ("read", {}, "picker"),
        ("read", {"a": ids[0]}, "one article"),
        ("actors", {}, "actors table"),
        ("actors", {"actor": actor}, "one actor's profile"),
        ("positions", {}, "grid"),
        ("timeline", {}, "all filters off"),
        ("timeline", {"rows": "actor", "from": window[0], "to": window[1]}, "3 months, rows by actor"),
        ("network", {}, "whole network"),
        ("network", {"window": "30"}, "last 30 days"),
        ("network", {"actor": actor}, "focus on one actor"),
        ("compare", {"a": f"{ids[0]},{ids[1]}"}, "two articles"),
        ("briefing", {"from": month[0], "to": month[1]}, "one month"),
        ("review", {}, "candidates"),
        ("library", {}, "upload form"),
    ]


SETTLE_S = 0.5  # a pause on the blank tab before each timed navigation: the servers and the browser idle


def browser_ratios(url: str, views: list[tuple[str, dict[str, str], str]], rounds: int, only: set[str],
                   entry: str = "serve.py") -> None:
    """Each page's browser-ready time (until Streamlit's script state is notRunning) against a bare
    Streamlit page (a title and one line), interleaved in one Chromium session: page, bare, page,
    bare... Each timed navigation starts from about:blank after a short pause, so neither side pays
    for the page before it (its teardown, or a server still closing its session). Prints the medians
    and their ratio per page."""
    import asyncio

    from load import BARE, CHROMIUM, CHROMIUM_ARGS, READY, TIMEOUT_MS, start  # bench/load.py

    paths = []
    for page, params, _label in views:
        if page not in only:
            continue
        query = "&".join(f"{k}={v}" for k, v in params.items())
        paths.append(f"/{page if page != 'home' else ''}" + (f"?{query}" if query else ""))
    paths = list(dict.fromkeys(paths))
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        dash_proc, dash = start(REPO / entry, url)
        bare_proc, bare = start(bare_script, url)

        async def run() -> dict[str, list[tuple[float, float]]]:
            from playwright.async_api import async_playwright

            out: dict[str, list[tuple[float, float]]] = {}
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                   headless=True)
                page = await browser.new_page(viewport={"width": 1300, "height": 900})
                for path in paths:  # one unmeasured visit each: the server's caches warm
                    await page.goto(dash + path, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
                    await page.wait_for_selector(READY, timeout=TIMEOUT_MS)
                for _ in range(rounds):
                    for path in paths:
                        pair = []
                        for target in (dash + path, bare + "/"):
                            # from a blank tab: the previous page's teardown (and any drawing it
                            # still does after its script finished) is not charged to this one
                            await page.goto("about:blank")
                            await asyncio.sleep(SETTLE_S)
                            t0 = time.perf_counter()
                            await page.goto(target, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
                            await page.wait_for_selector(READY, timeout=TIMEOUT_MS)
                            pair.append(time.perf_counter() - t0)
                        out.setdefault(path, []).append((pair[0], pair[1]))
                await browser.close()
            return out

        try:
            times = asyncio.run(run())
            memory = {"app": peak_rss_mb(dash_proc.pid), "bare": peak_rss_mb(bare_proc.pid)}
        finally:
            for proc in (dash_proc, bare_proc):
                proc.terminate()
                proc.wait(timeout=10)
    print(f"browser (Chromium, `streamlit run {entry}`, warm server caches, {rounds} rounds, each page then "
          "the bare page):")
    print(f"{'path':<48} {'page s':>7} {'bare s':>7} {'ratio':>6}")
    for path, pairs in times.items():
        page_s = statistics.median(p for p, _ in pairs)
        bare_s = statistics.median(b for _, b in pairs)
        print(f"{path[:48]:<48} {page_s:>7.2f} {bare_s:>7.2f} {page_s / bare_s:>6.2f}")
    print(f"peak memory of the servers after these visits: app {memory['app']:.0f} MB, bare page "
          f"{memory['bare']:.0f} MB")


def main() -> None:
    """Build the store, time the pages and the layout, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=500)
    ap.add_argument("--warm", type=int, default=3, help="warm runs per page (median printed)")
    ap.add_argument("--profile", choices=sorted(PAGES), help="cProfile one cold run of this page")
    ap.add_argument("--db", help="an empty database to fill instead of a temporary SQLite file "
                    "(its tables are dropped first)")
    ap.add_argument("--reuse", action="store_true", help="with --db: keep a store already holding "
                    "--articles articles instead of building it again")
    ap.add_argument("--browser", action="store_true", help="also the browser ratio per page")
    ap.add_argument("--rounds", type=int, default=3, help="browser rounds (with --browser)")
    ap.add_argument("--seeds", action="store_true", help="the sample corpus (data/articles, ingested with "
                    "extraction into --db or a temporary SQLite file) instead of synthetic rows")
    ap.add_argument("--entry", default="serve.py", help="the script the browser's server runs "
                    "(serve.py, as scripts/run.sh; dashboard.py for Streamlit's plain server)")
    ap.add_argument("--only", help="comma-separated pages to time, on the server and in the browser "
                    "(default: every page)")
    args = ap.parse_args()
    from machine import describe

    tmp = tempfile.TemporaryDirectory(prefix="parley-bench-")
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    t0 = time.perf_counter()
    from parley.store.db import count_articles, init_db, make_engine

    probe = make_engine(url)
    have = count_articles(probe) if args.reuse and args.db else 0
    probe.dispose()
    if args.seeds:
        counts = ingest_seeds(url)
    elif have == args.articles:
        counts = {"articles": have}
    else:
        counts = _build_in_child(url, args.articles, args.actors)
    probe = make_engine(url)
    init_db(probe)  # as a server's start does (an older store gets its summaries here)
    probe.dispose()
    ids, size_mb = store_facts(url)
    views = cases(ids, *seeds_focus(url)) if args.seeds else cases(ids)
    how = "the sample corpus, ingested with extraction" if args.seeds else "synthetic rows, direct inserts"
    print(f"store: {counts} in {time.perf_counter() - t0:.1f} s ({how}); "
          f"{size_mb:.0f} MB on {url.split(':')[0]} ({counts['articles'] / max(size_mb, 1e-9) * 1000:.0f} "
          "articles per GB)")
    print(f"before: {describe()}")
    os.environ["PARLEY_DB_URL"] = url
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
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

    only = set(args.only.split(",")) if args.only else set(PAGES)
    print(f"{'page':<11} {'view':<26} {'cold ms':>9} {'warm ms (median)':>17}")
    for page, params, label in views:
        if page not in only:
            continue
        cold, warm, err = time_page(PAGES[page], params, args.warm)
        line = f"{'/' + page:<11} {label:<26} {cold * 1000:>9.0f} {statistics.median(warm) * 1000:>17.0f}"
        print(line + (f"   EXCEPTION: {err}" if err else ""), flush=True)

    for n in (100, 500):
        lay, metrics, edges = time_layout(n)
        print(f"layout at {n} nodes / {edges} edges: {lay * 1000:.0f} ms; "
              f"metrics (betweenness, brokerage, louvain): {metrics * 1000:.0f} ms")
    print(f"peak memory of the app (AppTest runs of every page, this process): {peak_mb():.0f} MB")
    if args.browser:
        browser_ratios(url, views, args.rounds, only, args.entry)
    print(f"after: {describe()}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
