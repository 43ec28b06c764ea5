"""``python -m parley curation export|import``: move analysts' curation between stores.

    python -m parley curation export --out curation.yaml [--gazetteer new_actors.yaml]
    python -m parley curation import curation.yaml
"""

from __future__ import annotations

import argparse
from pathlib import Path

from parley.errors import ParleyError

HELP = "export or import analysts' corrections (YAML), or write accepted actors as gazetteer entries"


def configure(p: argparse.ArgumentParser) -> None:
    """Add the curation subcommand's arguments."""
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ex = sub.add_parser("export", help="write accepted actors, aliases and corrections as YAML")
    ex.add_argument("--out", type=Path, metavar="FILE.yaml", help="the curation file to write")
    ex.add_argument("--gazetteer", type=Path, metavar="FILE.yaml",
                    help="also (or only) write the accepted actors as data/gazetteer/actors.yaml entries")
    im = sub.add_parser("import", help="apply a curation file to this store")
    im.add_argument("file", type=Path, metavar="FILE.yaml")
    for q in (ex, im):
        q.add_argument("--db", metavar="URL", default=None,
                       help="database URL (default: $PARLEY_DB_URL, else data/parley.db)")


def run(args: argparse.Namespace) -> int:
    """Run the export or the import; returns the exit code (1 when an import left corrections flagged)."""
    from parley.curation.transfer import export_curation, export_gazetteer, import_curation
    from parley.store.db import init_db, make_engine

    engine = make_engine(args.db)
    init_db(engine)
    if args.action == "export":
        if args.out is None and args.gazetteer is None:
            raise ParleyError("curation export needs --out FILE.yaml and/or --gazetteer FILE.yaml")
        if args.out is not None:
            print(f"{args.out}: {export_curation(engine, args.out)} corrections")
        if args.gazetteer is not None:
            print(f"{args.gazetteer}: {export_gazetteer(engine, args.gazetteer)} accepted actors")
        return 0
    added, same, flagged = import_curation(engine, args.file)
    print(f"imported {added} corrections, {same} already here, {len(flagged)} flagged")
    for cid, why in sorted(flagged.items()):
        print(f"  correction {cid}: {why}")
    return 1 if flagged else 0
