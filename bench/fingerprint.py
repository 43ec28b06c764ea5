"""Fingerprint of what Parley stores and draws for a fixed corpus: a SHA-256 per stored table and
per view (page frames, figure JSON, briefing tables) under a few filter sets. A refactor that
should change nothing is checked by running this before and after and comparing:

    .venv/bin/python bench/fingerprint.py --save /tmp/before.json            # before the change
    .venv/bin/python bench/fingerprint.py --compare /tmp/before.json         # after: lists what differs

The corpus is data/articles (the seeds), devset/text when present, and a deterministic synthetic
corpus of recombined seed sentences (bench/ingest.py's generator, 150 articles, duplicates
included). Volatile columns (ingest time, briefing creation time) are left out. Prints figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

VOLATILE = {"ingested_at", "created_at"}
DROP_DUPLICATES: list[bool] = []  # --drop-duplicates: compare reads across a change of duplicate handling


TMP: list[str] = []  # the temp folder, replaced in every value (article origins name it)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    for tmp in TMP:
        text = text.replace(tmp, "<tmp>")
    text = text.replace(str(REPO), "<repo>")  # article origins name the checkout
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _frame_digest(frame: Any) -> str:
    return _digest([*frame.astype(str).values.tolist(), list(map(str, frame.columns))])


def table_digests(engine: Any) -> dict[str, str]:
    from sqlalchemy import select

    from parley.store import schema

    out: dict[str, str] = {}
    with engine.connect() as conn:
        # the curated views under the tables' old names (their curation columns left out), so a
        # fingerprint taken before the views existed compares; not the base or curated tables
        layered = {t for pair in schema.CURATED_VIEWS.values() for t in pair}
        tables = [*schema.view_metadata.sorted_tables,
                  *(t for t in schema.metadata.sorted_tables if t not in layered)]
        for table in tables:
            if table.name in ("store_meta", "corrections"):
                continue
            cols = [c for c in table.columns if c.name not in VOLATILE | {"curated", "correction_ids"}]
            rows = [[str(v) for v in r] for r in conn.execute(select(*cols))]
            out[f"table:{table.name}"] = _digest(sorted(rows)) + f" ({len(rows)} rows)"
    return out


def view_digests(engine: Any, name: str, filters: Any) -> dict[str, str]:
    views = _views()
    out: dict[str, str] = {}
    for view, fn in views.items():
        try:
            out[f"{name}:{view}"] = fn(engine, filters)
        except Exception as exc:  # a view that fails is a difference too
            out[f"{name}:{view}"] = f"error {type(exc).__name__}: {exc}"
    return out


def _fig(fig: Any) -> str:
    return _digest(json.loads(fig.to_json()))


def _views() -> dict[str, Callable[[Any, Any], str]]:
    """Every read a page, the CLI or a briefing makes, as (engine, filters) -> digest. Figures are
    digested apart from the frames behind them (``*_figure``), so a change of frame columns that
    draws the same figure shows as such."""
    from parley import briefing
    from parley.render import figures
    from parley.store import actors as store_actors
    from parley.store import articles as store_articles
    from parley.store import candidates as store_candidates
    from parley.store import positions as store_positions

    try:
        from parley import views
        timeline_view, network_view = views.timeline_view, views.network_view
    except ImportError:  # before parley.views existed, the analyze modules read the store
        from parley.analyze import network, timeline
        timeline_view, network_view = timeline.timeline_view, network.network_view  # type: ignore[attr-defined]

    def tl(by: Any, figure: bool) -> Callable[[Any, Any], str]:
        def run(engine: Any, f: Any) -> str:
            view = timeline_view(engine, f, by)
            if figure:
                return _fig(figures.timeline_figure(view.rows, view.articles, view.venues))
            return _digest([_frame_digest(view.events), _frame_digest(view.rows), _frame_digest(view.venues)])
        return run

    def net(level: Any, figure: bool) -> Callable[[Any, Any], str]:
        def run(engine: Any, f: Any) -> str:
            view = network_view(engine, f, None, level)
            if figure:
                return _fig(figures.network_figure(view.graph, view.positions, label_top=20))
            return _digest([_frame_digest(view.metrics), sorted(map(str, view.graph.edges(data=True)))])
        return run

    def brief(engine: Any, f: Any) -> str:
        data = briefing.collect_briefing(engine, f)
        tables = {k: _frame_digest(v) for k, v in briefing.briefing_tables(data).items()}
        figs = {k: _fig(v) for k, v in briefing.briefing_figures(data).items()}
        return _digest([tables, figs, briefing.briefing_html(data, title="t", notes="n")])

    return {
        "counts": lambda e, f: _frame_digest(store_articles.corpus_counts(e, f, "lang")),
        "articles": lambda e, f: _frame_digest(store_articles.articles_table(e, f)),
        "actors": lambda e, f: _frame_digest(store_actors.actors_table(e, f)),
        "grid": lambda e, f: _frame_digest(store_positions.positions_grid(e, f)),
        "evidence": lambda e, f: _frame_digest(store_positions.position_evidence(e, f, "iran", "enrichment")),
        "candidates": lambda e, f: _frame_digest(store_candidates.candidates_table(e, f)),
        "timeline_side": tl("side", False),
        "timeline_side_figure": tl("side", True),
        "timeline_actor": tl("actor", False),
        "timeline_actor_figure": tl("actor", True),
        "network_actors": net("actors", False),
        "network_actors_figure": net("actors", True),
        "network_states": net("states", False),
        "network_states_figure": net("states", True),
        "briefing": brief,
    }


def filter_sets(engine: Any) -> dict[str, Any]:
    from parley.filters import Filters

    return {
        "all": Filters(),
        "ar_fa": Filters(langs=("ar", "fa")),
        "range": Filters(date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 2, 28)),
        "actor": Filters(actors=("abbas_araghchi",)),
        "side": Filters(sides=("us",)),
        "topic": Filters(topics=("enrichment",)),
    }


def build_store(folder: Path) -> Any:
    from ingest import seed_sentences, write_corpus  # bench/ingest.py

    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine

    TMP.append(str(folder))
    corpus = folder / "corpus"
    corpus.mkdir()
    write_corpus(corpus, 150, seed_sentences())
    engine = make_engine(f"sqlite:///{folder / 'fp.db'}")
    init_db(engine)
    paths = [REPO / "data" / "articles", corpus]
    if (REPO / "devset" / "text").is_dir():
        paths.append(REPO / "devset" / "text")
    ingest_paths(paths, engine)
    if DROP_DUPLICATES:
        from sqlalchemy import delete

        from parley.store.schema import articles
        with engine.begin() as conn:
            conn.execute(delete(articles).where(articles.c.duplicate_of.is_not(None)))
    return engine


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", type=Path, help="write the fingerprint here (JSON)")
    ap.add_argument("--compare", type=Path, help="compare with a saved fingerprint")
    ap.add_argument("--drop-duplicates", action="store_true",
                    help="delete the articles stored as duplicates after ingest (and their rows)")
    args = ap.parse_args()
    if args.drop_duplicates:
        DROP_DUPLICATES.append(True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_store(Path(tmp))
        prints = table_digests(engine)
        for name, filters in filter_sets(engine).items():
            prints.update(view_digests(engine, name, filters))
        engine.dispose()
    if args.save:
        args.save.write_text(json.dumps(prints, indent=1, sort_keys=True), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        keys = sorted(set(before) | set(prints))
        diff = [k for k in keys if before.get(k) != prints.get(k)]
        for k in diff:
            print(f"DIFF {k}: {before.get(k)} -> {prints.get(k)}")
        print(f"{len(keys) - len(diff)} of {len(keys)} fingerprints unchanged")
    else:
        for k, v in sorted(prints.items()):
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
