"""Ingest benchmark: articles/s and peak RSS over a synthetic corpus of thousands of articles.

    .venv/bin/python bench/ingest.py --cli              # end to end, as a user runs it: 2,000 articles
                                                        # through `python -m parley ingest FOLDER`
                                                        # (extraction on), 1 worker and every core
    .venv/bin/python bench/ingest.py --cli --n 5000 --workers 1,2,3
    .venv/bin/python bench/ingest.py                    # in process, 10,000 articles, checkpoints 1k/5k/10k
    .venv/bin/python bench/ingest.py --n 2000 --checkpoints 500,1000,2000
    .venv/bin/python bench/ingest.py --n 300 --extract  # include extraction
    .venv/bin/python bench/ingest.py --n 1000 --profile # cProfile: where the time goes
    .venv/bin/python bench/ingest.py --long             # one 1.5 MB article: its ingest time
    .venv/bin/python bench/ingest.py --long --long-kb 400 --profile

The corpus is written file by file into a temp dir (never held in memory): the seeds'
sentences recombined and shuffled (Arabic, Persian), plus templated English; lengths vary,
chrome lines (menus, "breaking", share bars) are added, and about 5% of articles repeat an
earlier article's body under other chrome (stored with duplicate_of). Prints figures only.

With --long, one long article instead (1.5 MB by default) of the seeds' sentences shuffled into
paragraphs of 3-6 sentences, ingested with extraction twice: as paragraphs, then as one single
line; prints each ingest's CPU and wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED_DIR = REPO / "data" / "articles"
CHROME_TOP = ["recent", "عاجـــــــل", "Breaking", "الرئيسية | أخبار | سياسة", "خانه | سیاست",
              "Home > World > Middle East", "شاهد النسخة الأصلية", "*"]
CHROME_BOTTOM = ["مواضيع قد تعجبك", "Share this article", "اشترك في النشرة البريدية",
                 "google-playkhamsatmostaqltradent", "Follow us on X", "© 2026 All rights reserved",
                 "اقرأ أيضا", "مطالب مرتبط"]
EN_ACTORS = ["Marco Rubio", "Steve Witkoff", "Abbas Araghchi", "President Trump", "JD Vance",
             "Oman's foreign minister", "Iranian officials", "Israeli officials"]
EN_VERBS = ["said", "warned", "insisted", "told reporters", "announced", "rejected claims"]
EN_OBJECTS = ["talks would move from Istanbul to Muscat", "enrichment is a red line",
              "the United States is ready to meet", "ballistic missiles are not negotiable",
              "sanctions will remain until a deal", "diplomacy is still the preferred path",
              "the meeting will take place on Friday", "a strike remains on the table"]
EN_DATES = ["on February 5, 2026", "on Wednesday", "last week", "on 4 February 2026", ""]


def seed_sentences() -> dict[str, list[str]]:
    """Sentences of the seed articles by script: 'fa' (seed 001), 'ar' (the rest), 'en' lines."""
    pools: dict[str, list[str]] = {"ar": [], "fa": [], "en": []}
    for path in sorted(SEED_DIR.glob("*.txt")):
        lang = "fa" if path.name.startswith("001") else "ar"
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 25:
                continue
            if not re.search("[\u0600-\u06ff]", line):
                pools["en"].append(line)
                continue
            pools[lang] += [s.strip() for s in re.split(r"(?<=[.!?؟])\s+", line) if len(s.strip()) > 15]
    return pools


def english_sentence(rng: random.Random) -> str:
    """A templated English news sentence."""
    when = rng.choice(EN_DATES)
    return f"{rng.choice(EN_ACTORS)} {rng.choice(EN_VERBS)} {when + ' ' if when else ''}that " \
           f"{rng.choice(EN_OBJECTS)}."


def body(i: int, pools: dict[str, list[str]]) -> str:
    """The body of article ``i``: deterministic in ``i``, so a duplicate can regenerate it."""
    rng = random.Random(i * 7919)
    lang = rng.choices(["ar", "fa", "en"], weights=[6, 2, 2])[0]
    n = rng.choice([3, 5, 8, 12, 20, 35, 60])
    lines = []
    for _ in range(n):
        if lang == "en":
            lines.append(english_sentence(rng))
        else:
            lines.append(rng.choice(pools[lang]))
            if rng.random() < 0.08 and pools["en"]:  # an embedded English quote or tweet
                lines.append(rng.choice(pools["en"]))
    lines.append(f"(ref {i})")  # every body distinct, even when sentences repeat
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return sep.join(lines)


def write_corpus(folder: Path, n: int, pools: dict[str, list[str]]) -> int:
    """Write n article files, one at a time; returns the number of duplicates written."""
    dups = 0
    for i in range(n):
        rng = random.Random(i)
        src = i
        if i > 20 and rng.random() < 0.05:  # same body as an earlier article, other chrome
            src = rng.randrange(0, i - 1)
            dups += 1
        top = rng.sample(CHROME_TOP, rng.randint(0, 2))
        bottom = rng.sample(CHROME_BOTTOM, rng.randint(0, 2))
        if src != i:  # make sure the chrome differs from the original's, so the raw text does
            top = [rng.choice(CHROME_TOP), *top]
        text = "\n".join([*top, body(src, pools), *bottom]) + "\n"
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return dups


def long_body(size: int, single_line: bool, pools: dict[str, list[str]], seed: int = 1) -> str:
    """About ``size`` bytes of the seeds' sentences (and templated English) shuffled into
    paragraphs of 3-6 sentences: separated by blank lines, or all on one line."""
    from parley.load.clean import clean_text

    # only sentences that are article text on their own: a chrome phrase would drop a whole line
    usable = {k: [s for s in v if clean_text(s) == s] for k, v in pools.items()}
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            lang = rng.choices(["ar", "fa", "en"], weights=[6, 2, 2])[0]
            if lang == "en" and (rng.random() < 0.5 or not usable["en"]):
                sentences.append(english_sentence(rng))
            else:
                sentences.append(rng.choice(usable[lang]))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return (" " if single_line else "\n\n").join(paragraphs)


def bench_long(kb: int, profile: bool) -> None:
    """Ingest one long article (paragraphs, then one line) with extraction; print its times."""
    from machine import describe

    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    pools = seed_sentences()
    print(f"before: {describe()}")
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(long_body(4096, False, pools, seed=2), encoding="utf-8")
        engine = make_engine(f"sqlite:///{Path(tmp) / 'warm.db'}")
        ingest_paths([warm], engine)  # gazetteer, language model, regexes: loaded once per process
        engine.dispose()
        for shape, single_line in (("paragraphs", False), ("one line", True)):
            path = Path(tmp) / f"long_{shape.replace(' ', '_')}.txt"
            path.write_text(long_body(kb * 1024, single_line, pools), encoding="utf-8")
            engine = make_engine(f"sqlite:///{Path(tmp) / (path.stem + '.db')}")
            profiler = cProfile.Profile() if profile else None
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            report = ingest_paths([path], engine)
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            engine.dispose()
            size = path.stat().st_size
            print(f"{size / 1e6:.2f} MB article as {shape}: ingested (read, clean, extract, store) in "
                  f"{cpu:.1f}s CPU, {wall:.1f}s wall; {cpu * 1000 / (size / 1024):.2f} ms CPU per KB; "
                  f"{report.summary().splitlines()[0]}")
            if profiler:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
                print(out.getvalue())
    print(f"after: {describe()}")


def bench_cli(n: int, workers: list[int]) -> None:
    """Time `python -m parley ingest FOLDER --workers W` (extraction on) on a fresh SQLite file for
    each W: the wall time a user waits, start-up included, and the rate without the start-up (the
    same command on one short article); and the CPU time the command and its worker processes
    spent per article (user + system, start-up included), which a loaded machine changes far
    less than the wall time: on C free cores a run can go no faster than C / that CPU time.

    The command runs with Python's bytecode cache on, as a user's Python keeps it (an untimed run
    fills it first): with PYTHONDONTWRITEBYTECODE set, as in some sandboxes, every start compiles
    the whole package from source again."""
    import os
    import subprocess

    from machine import describe

    pools = seed_sentences()
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        dups = write_corpus(corpus, n, pools)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        one = Path(tmp) / "one"
        one.mkdir()
        (one / "a.txt").write_text(body(1, pools), encoding="utf-8")
        print(f"corpus: {n} files, {size / 1e6:.1f} MB ({size / n / 1000:.1f} KB each), "
              f"{dups} duplicate bodies")
        print(f"before: {describe()}")

        def run(folder: Path, w: int, name: str) -> tuple[float, float, float, str]:
            db = Path(tmp) / f"{name}.db"
            cmd = [sys.executable, "-m", "parley", "ingest", str(folder), "--db", f"sqlite:///{db}",
                   "--workers", str(w)]
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=env)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, reaped
            cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
            mb = sum(p.stat().st_size for p in Path(tmp).glob(f"{name}.db*")) / 1e6
            return wall, cpu, mb, (out.stdout.strip().splitlines() or [out.stderr.strip()[-200:]])[0]

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        run(one, 1, "bytecode")  # fills the bytecode cache, untimed
        print(f"{'workers':>7} {'wall s':>7} {'articles/s':>11} {'without start-up':>17} "
              f"{'CPU ms/article':>15} {'store MB':>9}  summary")
        for w in workers:
            start, start_cpu, _, _ = run(one, w, f"startup{w}")
            wall, cpu, mb, summary = run(corpus, w, f"w{w}")
            print(f"{w:>7} {wall:>7.1f} {n / wall:>11.0f} {n / max(wall - start, 1e-9):>17.0f} "
                  f"{cpu * 1000 / n:>15.2f} {mb:>9.1f}  {summary} (start-up {start:.1f}s wall, "
                  f"{start_cpu:.1f}s CPU)", flush=True)
        print(f"after: {describe()}")


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Generate, ingest, print figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    ap.add_argument("--checkpoints", default="1000,5000,10000", help="counts at which to print figures")
    ap.add_argument("--extract", action="store_true", help="run extraction too")
    ap.add_argument("--profile", action="store_true", help="cProfile the ingest; print the top functions")
    ap.add_argument("--long", action="store_true", help="time one long article instead (see --long-kb)")
    ap.add_argument("--long-kb", type=int, default=1536, help="the long article's size in KB (default 1536)")
    ap.add_argument("--cli", action="store_true", help="end to end through the CLI (extraction on); --n "
                    "defaults to 2000")
    ap.add_argument("--workers", default=None, help="with --cli: comma-separated worker counts "
                    "(default: 1 and every core)")
    args = ap.parse_args()
    if args.cli:
        import os

        cores = os.cpu_count() or 1
        counts = [int(w) for w in args.workers.split(",")] if args.workers else sorted({1, cores})
        bench_cli(args.n if "--n" in sys.argv else 2000, counts)
        return
    if args.long:
        bench_long(args.long_kb, args.profile)
        return

    from machine import describe

    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    checkpoints = sorted({int(c) for c in args.checkpoints.split(",") if int(c) <= args.n} | {args.n})
    pools = seed_sentences()
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        t0 = time.perf_counter()
        dups = write_corpus(corpus, args.n, pools)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        print(f"corpus: {args.n} files, {size / 1e6:.1f} MB, {dups} duplicate bodies, "
              f"written in {time.perf_counter() - t0:.1f}s; RSS after writing {rss_mb():.0f} MB")

        print(f"before: {describe()}")
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        marks: list[tuple[int, float, float]] = []
        start = [0.0]

        def progress(done: int, total: int, label: str) -> None:
            if done == 1:
                start[0] = time.perf_counter()
            if done in checkpoints:
                marks.append((done, time.perf_counter(), rss_mb()))

        profiler = cProfile.Profile() if args.profile else None
        t_begin = time.perf_counter()
        cpu_begin = time.process_time()
        if profiler:
            profiler.enable()
        report = ingest_paths([corpus], engine, extract=args.extract, progress=progress)
        if profiler:
            profiler.disable()
        total_s = time.perf_counter() - t_begin
        cpu_s = time.process_time() - cpu_begin

        mode = "ingest+store+extract" if args.extract else "ingest+store (no extraction)"
        print(f"{mode}: ingested {len(report.ingested)}, duplicates {len(report.duplicates)}, "
              f"already {len(report.already)}, rejected {len(report.rejected)} in {total_s:.1f}s "
              f"(setup before the first article {start[0] - t_begin:.1f}s)")
        prev_n, prev_t = 0, t_begin
        print(f"{'articles':>9} {'cumulative/s':>13} {'interval/s':>11} {'peak RSS MB':>12}")
        for n, t, rss in marks:
            print(f"{n:>9} {n / (t - t_begin):>13.0f} {(n - prev_n) / (t - prev_t):>11.0f} {rss:>12.0f}")
            prev_n, prev_t = n, t
        db_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) / 1e6
        print(f"database: {db_mb:.1f} MB; peak RSS {rss_mb():.0f} MB; "
              f"CPU time {cpu_s * 1000 / max(1, len(report.ingested)):.2f} ms per article")
        print(f"after: {describe()}")
        engine.dispose()
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
            print(out.getvalue())


if __name__ == "__main__":
    main()
