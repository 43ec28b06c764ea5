"""The live-source commands: ``fetch URL...``, ``feeds add|list|remove URL...``, ``watch``.

Each prints one tab-separated line per new article (``new``) and per error (``error``), and ends
with a one-line summary. Exit codes as in parley/cli.py: 0 ok, 1 some errors (the rest done).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from parley.errors import LoadError, ParleyError

if TYPE_CHECKING:
    from parley.sources.fetch import Fetcher
    from parley.sources.poll import SourcesReport

EXIT_OK, EXIT_ERRORS = 0, 1
MIN_EVERY = 30.0  # seconds: watch never polls more often
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

FETCH_HELP = "fetch article URLs, extract their main text and ingest them"
FEEDS_HELP = "add, list or remove the RSS/Atom feeds that watch polls (add also takes --opml FILE)"
WATCH_HELP = "poll the stored feeds now and then every --every (or once, with --once)"


def _common(p: argparse.ArgumentParser, *, fetches: bool) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help="database URL (default: $PARLEY_DB_URL, else data/parley.db)")
    if fetches:
        p.add_argument("--allow-private", action="store_true",
                       help="allow private, loopback and link-local addresses (off by default)")
        p.add_argument("--no-extract", action="store_true", help="store articles without running extraction")


def configure_fetch(p: argparse.ArgumentParser) -> None:
    """Arguments of ``fetch``."""
    p.add_argument("urls", nargs="+", metavar="URL", help="article URLs (http or https)")
    _common(p, fetches=True)


def configure_feeds(p: argparse.ArgumentParser) -> None:
    """Arguments of ``feeds``."""
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("urls", nargs="*", metavar="URL", help="feed URLs (add, remove)")
    p.add_argument("--opml", type=Path, metavar="FILE", help="add every feed an OPML file lists")
    _common(p, fetches=False)


def configure_watch(p: argparse.ArgumentParser) -> None:
    """Arguments of ``watch``."""
    p.add_argument("--every", default="15m", metavar="INTERVAL",
                   help="time between polls: 30s, 15m, 2h, 1d (default 15m; at least 30s)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    _common(p, fetches=True)


def parse_every(text: str) -> float:
    """Seconds of an interval such as '15m' (s, m, h, d; a bare number is seconds)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m:
        raise ParleyError(f"--every: '{text}' is not an interval such as 30s, 15m, 2h or 1d")
    seconds = float(m.group(1)) * _UNITS[m.group(2) or "s"]
    if seconds < MIN_EVERY:
        raise ParleyError(f"--every: at least {MIN_EVERY:g} seconds")
    return seconds


def _fetcher(args: argparse.Namespace) -> Fetcher:
    from parley.sources.fetch import Fetcher, limits_from_env

    return Fetcher(allow_private=bool(args.allow_private), limits=limits_from_env())


def _print(report: SourcesReport) -> int:
    for line in report.lines():
        print(line, flush=True)
    print(report.summary(), flush=True)
    return EXIT_ERRORS if report.errors else EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    """``fetch URL...``."""
    from parley.sources.poll import fetch_urls
    from parley.store.db import init_db, make_engine

    engine = make_engine(args.db)
    init_db(engine)
    with _fetcher(args) as fetcher:
        return _print(fetch_urls(args.urls, engine, fetcher, extract=not args.no_extract))


def run_feeds(args: argparse.Namespace) -> int:
    """``feeds add|list|remove URL...``."""
    from parley.sources.urls import canonical_url
    from parley.store import sources as store
    from parley.store.db import init_db, make_engine

    engine = make_engine(args.db)
    init_db(engine)
    if args.action == "list":
        table = store.feeds_table(engine)
        for row in table.itertuples():
            last = row.last_fetch if isinstance(row.last_fetch, dt.datetime) else "never"
            print("\t".join(str(v) for v in (row.url, row.status, last, f"new {row.new_count}",
                                             f"articles {row.articles}", row.error or "")))
        print(f"{len(table)} feed(s)")
        return EXIT_OK
    if args.opml and args.action != "add":
        raise ParleyError("--opml goes with 'feeds add'")
    if not args.urls and not args.opml:
        raise ParleyError(f"feeds {args.action}: name at least one URL")
    done, same, errors = 0, 0, 0
    wanted: list[tuple[str, str | None]] = [(u, None) for u in args.urls]
    if args.opml:
        from parley.sources.feeds import parse_opml

        try:
            data = args.opml.read_bytes()
        except OSError as exc:
            raise ParleyError(f"{args.opml}: cannot read ({exc.strerror or exc})") from exc
        wanted += [(f.url, f.title) for f in parse_opml(str(args.opml), data)]
    for url, title in wanted:
        try:
            canon = canonical_url(url)
        except LoadError as exc:
            print(f"error\t{url}\t{exc.reason}")
            errors += 1
            continue
        adding = args.action == "add"
        ok = store.add_feed(engine, canon, title) if adding else store.remove_feed(engine, canon)
        verb = "added" if args.action == "add" else "removed"
        if ok:
            print(f"{verb}\t{canon}")
            done += 1
        elif args.action == "add":
            print(f"already\t{canon}")
            same += 1
        else:
            print(f"error\t{canon}\tnot a stored feed")
            errors += 1
    extra = f", already there {same}" if args.action == "add" else ""
    print(f"{'added' if args.action == 'add' else 'removed'} {done}{extra}, errors {errors}")
    return EXIT_ERRORS if errors else EXIT_OK


def run_watch(args: argparse.Namespace) -> int:
    """``watch [--every 15m] [--once]``: poll until interrupted (Ctrl-C) or once."""
    from parley.sources.poll import poll_feeds
    from parley.store.db import init_db, make_engine

    every = parse_every(args.every)
    engine = make_engine(args.db)
    init_db(engine)
    with _fetcher(args) as fetcher:
        while True:
            report = poll_feeds(engine, fetcher, extract=not args.no_extract)
            code = _print(report)
            if args.once:
                return code
            print(f"next poll in {every:g} s (Ctrl-C stops)", file=sys.stderr, flush=True)
            time.sleep(every)
