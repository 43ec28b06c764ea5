"""Pages under load: concurrent Chromium sessions cycle through the dashboard's pages, interleaved
with a bare Streamlit page (a title and one line) served the same way, in one run. Prints the
p50/p95 time until each page is ready (Streamlit's script state is notRunning), the ratio of the
dashboard's p95 to the bare page's, and the errors (exceptions on a page, timeouts).

    .venv/bin/python bench/load.py                  # 5 sessions, 3 rounds over 6 pages
    .venv/bin/python bench/load.py --sessions 20 --rounds 1

The store is the five seed articles ingested with extraction into a temporary SQLite file.
Chromium is Debian's (/usr/bin/chromium). Prints figures only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
ERROR = "[data-testid=stException]"
BARE = 'import streamlit as st\n\nst.title("Bare")\nst.write("One line.")\n'
TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(script: Path, db_url: str) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run script` on a free port; returns the process and its base URL once healthy."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=script.parent, env={**os.environ, "PARLEY_DB_URL": db_url},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{script} did not start")


def seeded_store(folder: Path) -> tuple[str, list[str]]:
    from sqlalchemy import select

    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine
    from parley.store.schema import articles

    url = f"sqlite:///{folder / 'parley.db'}"
    engine = make_engine(url)
    init_db(engine)
    ingest_paths([REPO / "data" / "articles"], engine)
    with engine.connect() as conn:
        ids = [str(r) for (r,) in conn.execute(select(articles.c.id).order_by(articles.c.origin))]
    engine.dispose()
    return url, ids


async def session(browser: Any, n: int, paths: list[str], dash: str, bare: str, rounds: int,
                  times: dict[str, list[float]], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    try:
        for r in range(rounds):
            for path in paths:
                # interleave: every dashboard page is followed by the bare page, in the same session
                for label, url in ((path, dash + path), ("bare", bare + "/")):
                    t0 = time.perf_counter()
                    try:
                        await page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
                        await page.wait_for_selector(READY, timeout=TIMEOUT_MS)
                    except Exception as exc:  # a timeout is an error of the run, not of the bench
                        errors.append(f"session {n} round {r} {label}: {type(exc).__name__}")
                        continue
                    times.setdefault(label, []).append(time.perf_counter() - t0)
                    if await page.query_selector(ERROR):
                        errors.append(f"session {n} round {r} {label}: exception on the page")
    finally:
        await context.close()


Times = dict[str, list[float]]


async def run(sessions: int, rounds: int, paths: list[str], dash: str, bare: str) -> tuple[Times, list[str]]:
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {}
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            await asyncio.gather(*(session(browser, n, paths, dash, bare, rounds, times, errors)
                                   for n in range(sessions)))
        finally:
            await browser.close()
    return times, errors


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from machine import describe  # bench/machine.py

    print(f"machine before: {describe()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_url, ids = seeded_store(folder)
        (folder / "bare.py").write_text(BARE, encoding="utf-8")
        paths = ["/", "/timeline", "/network", "/positions", f"/compare?a={ids[0]},{ids[1]}",
                 f"/read?a={ids[0]}"]
        dash_proc, dash = start(REPO / "serve.py", db_url)
        bare_proc, bare = start(folder / "bare.py", db_url)
        try:
            times, errors = asyncio.run(run(args.sessions, args.rounds, paths, dash, bare))
        finally:
            for proc in (dash_proc, bare_proc):
                proc.terminate()
                proc.wait(timeout=10)
    print(f"{args.sessions} sessions x {args.rounds} rounds, each page followed by the bare page")
    print(f"{'page':<40} {'n':>4} {'p50 s':>7} {'p95 s':>7}")
    for label in [*paths, "bare"]:
        v = times.get(label, [])
        if v:
            print(f"{label[:40]:<40} {len(v):>4} {statistics.median(v):>7.2f} {p95(v):>7.2f}")
    dashboard = [t for label, v in times.items() if label != "bare" for t in v]
    bare_times = times.get("bare", [])
    if dashboard and bare_times:
        print(f"dashboard p95 {p95(dashboard):.2f} s, bare p95 {p95(bare_times):.2f} s, "
              f"ratio {p95(dashboard) / p95(bare_times):.2f}")
        med_d, med_b = statistics.median(dashboard), statistics.median(bare_times)
        print(f"dashboard p50 {med_d:.2f} s, bare p50 {med_b:.2f} s, ratio {med_d / med_b:.2f}")
    print(f"errors: {len(errors)}")
    for e in errors[:20]:
        print("  " + e)
    print(f"machine after: {describe()}")


if __name__ == "__main__":
    main()
