"""Command line: ``python -m parley ingest|extract|export|eval|search|briefing|fetch|feeds|watch``
(more via ``register``).

Exit codes: 0 ok; 1 some inputs were rejected (the rest completed); 2 usage or store error,
reported as one line on stderr without a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.briefing import cli as _briefing
from parley.curation import cli as _curation
from parley.errors import ParleyError
from parley.sources import cli as _sources

EXIT_OK, EXIT_REJECTS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Command:
    """A subcommand: its help line, how to add its arguments, and the handler returning an exit code."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def register(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None],
             run: Callable[[argparse.Namespace], int]) -> None:
    """Add (or replace) the subcommand ``name``."""
    COMMANDS[name] = Command(help=help, configure=configure, run=run)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="database URL (default: $PARLEY_DB_URL, else data/parley.db)")


class _Bar:
    """A tqdm progress bar on stderr fed by the (done, total, label) progress callback."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.bar: Any = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, dynamic_ncols=True,
                            mininterval=0.3)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --- ingest ---------------------------------------------------------------------------------

def _configure_ingest(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="files or folders (.txt, .html, .json, .jsonl)")
    _add_db(p)
    p.add_argument("--if-empty", action="store_true",
                   help="do nothing when the store already has articles (fast; for start scripts)")
    p.add_argument("--no-extract", action="store_true",
                   help="store articles without running extraction (run `extract` later)")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="processes that read and extract (default: every core); one writer stores")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def _run_ingest(args: argparse.Namespace) -> int:
    from parley.store.db import count_articles, make_engine

    engine = make_engine(args.db)
    if args.if_empty:
        n = count_articles(engine)
        if n:
            print(f"store already has {n} article{'' if n == 1 else 's'}; nothing to ingest")
            return EXIT_OK
    from parley.ingest import ingest_paths

    bar = _Bar("file")
    try:
        workers = args.workers or os.cpu_count() or 1
        report = ingest_paths(args.paths, engine, extract=not args.no_extract, progress=bar, workers=workers)
    finally:
        bar.close()
    print(report.summary())
    return EXIT_REJECTS if report.rejected else EXIT_OK


# --- extract --------------------------------------------------------------------------------

def _configure_extract(p: argparse.ArgumentParser) -> None:
    _add_db(p)


def _run_extract(args: argparse.Namespace) -> int:
    from parley.ingest import reextract_all
    from parley.store.db import make_engine

    failures: list[tuple[str, str]] = []
    bar = _Bar("article")
    try:
        n = reextract_all(make_engine(args.db), progress=bar, failures=failures)
    finally:
        bar.close()
    print(f"re-extracted {n} articles, failed {len(failures)}")
    for article_id, reason in failures:
        print(f"  {article_id}: {reason}")
    return EXIT_REJECTS if failures else EXIT_OK


# --- export ---------------------------------------------------------------------------------

def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["csv"], default="csv", help="output format (csv)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into")
    _add_db(p)


def _run_export(args: argparse.Namespace) -> int:
    from parley.store.db import make_engine
    from parley.views import export_tables

    for path in export_tables(make_engine(args.db), args.out):
        print(path)
    return EXIT_OK


# --- eval -----------------------------------------------------------------------------------

def _configure_eval(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold_dir", type=Path, metavar="GOLD_DIR", nargs="?", default=Path("devset/gold"),
                   help="folder of gold expectations (default: the development set, devset/gold)")
    p.add_argument("--curation", type=Path, metavar="FILE.yaml",
                   help="apply this curation file (python -m parley curation export) before scoring; "
                        "the figures are then given with and without curation")
    p.add_argument("--text", type=Path, metavar="DIR",
                   help="the articles' texts, ingested into a temporary database and scored "
                        "(default: GOLD_DIR/../text for a development set, data/articles otherwise); "
                        "with --db, the stored articles are scored instead")
    p.add_argument("--no-urls", action="store_true",
                   help="development set: ingest the bare texts, without each page's address "
                        "(by default each text comes with its gold 'url', as a fetched page would)")
    _add_db(p)


def _run_eval(args: argparse.Namespace) -> int:
    if not args.gold_dir.is_dir():
        raise ParleyError(f"{args.gold_dir}: not a folder")
    from parley.devset import evaluate_devset, format_devset, is_devset
    from parley.store.db import make_engine

    if is_devset(args.gold_dir) and args.db is None:
        text = args.text or args.gold_dir.parent / "text"
        print(format_devset(*evaluate_devset(args.gold_dir, text, urls=not args.no_urls)))
        return EXIT_OK
    if args.db is not None:
        _print_eval(make_engine(args.db), args)
        return EXIT_OK
    # no database named: ingest the texts (default: the sample corpus) into a temporary one
    import tempfile

    from parley.datafiles import REPO_ROOT
    from parley.ingest import ingest_paths
    from parley.store.db import init_db

    text = args.text or REPO_ROOT / "data" / "articles"
    if not text.is_dir():
        raise ParleyError(f"{text}: not a folder of article texts")
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'eval.db'}")
        init_db(engine)
        ingest_paths([text], engine)
        _print_eval(engine, args)
        engine.dispose()
    return EXIT_OK


def _print_eval(engine: Any, args: argparse.Namespace) -> None:
    """The scores of the curated tables and, when the store has corrections, of extraction alone."""
    from parley.evaluate import evaluate, format_report
    from parley.store.curation import count

    if args.curation is not None:
        from parley.curation.transfer import import_curation

        added, _same, flagged = import_curation(engine, args.curation)
        print(f"curation: {added} corrections from {args.curation}, {len(flagged)} flagged")
    if count(engine) == 0:
        print(format_report(evaluate(engine, args.gold_dir)))
        print("(no corrections in this store: the figures are extraction's)")
        return
    print("with curation")
    print(format_report(evaluate(engine, args.gold_dir)))
    print("\nwithout curation (extraction alone)")
    print(format_report(evaluate(engine, args.gold_dir, curated=False)))


# --- search ---------------------------------------------------------------------------------

def _configure_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY",
                   help='words (all must match), "a phrase", OR, NOT, prefix*, parentheses')
    _add_db(p)
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="how many hits (default 20, at most 200)")


def _run_search(args: argparse.Namespace) -> int:
    from parley.store.db import init_db, make_engine
    from parley.store.search import search

    engine = make_engine(args.db)
    init_db(engine)  # a store made before search gets its index here
    for hit in search(engine, args.query, limit=args.limit):
        line = " ".join(hit.snippet.split())  # one line: no tabs or newlines from the article
        print(f"{hit.article_id}\t{hit.score:.4f}\t{line}")
    return EXIT_OK


register("ingest", "read files into the store (load, clean, extract, store)", _configure_ingest, _run_ingest)
register("extract", "re-run extraction over every stored article", _configure_extract, _run_extract)
register("export", "write the tables as CSV files (UTF-8 with BOM)", _configure_export, _run_export)
register("eval", "score stored extraction against gold files", _configure_eval, _run_eval)
register("search", "full-text search: article_id<TAB>score<TAB>snippet per hit, best first",
         _configure_search, _run_search)
register("briefing", _briefing.HELP, _briefing.configure, _briefing.run)  # parley/briefing/cli.py
register("fetch", _sources.FETCH_HELP, _sources.configure_fetch, _sources.run_fetch)  # parley/sources/cli.py
register("feeds", _sources.FEEDS_HELP, _sources.configure_feeds, _sources.run_feeds)
register("watch", _sources.WATCH_HELP, _sources.configure_watch, _sources.run_watch)
register("curation", _curation.HELP, _curation.configure, _curation.run)  # parley/curation/cli.py


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per registered command."""
    parser = argparse.ArgumentParser(prog="python -m parley",
                                     description="Parley: multilingual diplomacy news into tables.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, cmd in COMMANDS.items():
        cmd.configure(sub.add_parser(name, help=cmd.help, description=cmd.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the command, return the exit code (errors: one line on stderr)."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except ParleyError as exc:
        print(f"parley: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("parley: interrupted", file=sys.stderr)
        return 130
