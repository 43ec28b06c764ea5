"""``python -m parley briefing``: write a briefing's self-contained HTML file (and PDF) without the dashboard.

Filters are validated exactly like URL parameters (parley.filters.parse_params): an unknown
id or a bad date is dropped with a notice on stderr, never a crash. ``--id`` renders a saved
briefing (its title, notes and filters).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parley.errors import ParleyError

HELP = "write a briefing as a self-contained HTML file (and a PDF)"


def configure(p: argparse.ArgumentParser) -> None:
    """Add the briefing subcommand's arguments."""
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--pdf", type=Path, default=None, metavar="FILE.pdf", help="also write the PDF")
    p.add_argument("--db", metavar="URL", default=None,
                   help="database URL (default: $PARLEY_DB_URL, else data/parley.db)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", default=None, help="first day")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", default=None, help="last day")
    p.add_argument("--actor", metavar="IDS", default=None, help="comma-separated actor ids")
    p.add_argument("--topic", metavar="IDS", default=None, help="comma-separated topic ids")
    p.add_argument("--lang", metavar="CODES", default=None, help="comma-separated language codes")
    p.add_argument("--outlet", metavar="NAMES", default=None, help="comma-separated outlet names")
    p.add_argument("--side", metavar="IDS", default=None, help="comma-separated side ids")
    p.add_argument("--title", default="", help="the briefing's title")
    p.add_argument("--notes", default="", help="analyst notes (plain text)")
    p.add_argument("--id", dest="briefing_id", default=None, help="render this saved briefing instead")


def run(args: argparse.Namespace) -> int:
    """Build the briefing from the store and write the files; returns the exit code."""
    from parley.briefing import briefing_html, briefing_pdf, collect_briefing
    from parley.filters import parse_params
    from parley.store.articles import known_ids
    from parley.store.briefings import load_briefing
    from parley.store.db import make_engine

    engine = make_engine(args.db)
    title, notes = args.title, args.notes
    params: dict[str, str | list[str]] = {}
    if args.briefing_id:
        saved = load_briefing(engine, args.briefing_id)
        if saved is None:
            raise ParleyError(f"no saved briefing with id {args.briefing_id!r}")
        params.update(saved.params)
        title, notes = title or saved.title, notes or saved.notes
    given = {"from": args.date_from, "to": args.date_to, "actor": args.actor, "topic": args.topic,
             "lang": args.lang, "outlet": args.outlet, "side": args.side}
    params.update({k: v for k, v in given.items() if v})
    filters, notices = parse_params(params, known_ids(engine))
    for notice in notices:
        print(f"parley: notice: {notice}", file=sys.stderr)
    data = collect_briefing(engine, filters)
    html = briefing_html(data, title=title, notes=notes)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(html, encoding="utf-8")
        print(args.out)
        if args.pdf is not None:
            args.pdf.parent.mkdir(parents=True, exist_ok=True)
            args.pdf.write_bytes(briefing_pdf(data, title=title, notes=notes))
            print(args.pdf)
    except OSError as exc:
        raise ParleyError(f"cannot write the briefing: {exc}") from exc
    return 0
