"""Edge weights by day (parley/store/edge_summaries.py): counted at ingest, batch by batch and again
for the events the closing pass re-dates, they equal what counting every stored article gives,
and the network read from them is the network read from the rows themselves, node for node and
link for link in the same order, for every window, on a SQLite file and on the real PostgreSQL
server. The network never depends on the order rows come back in."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from ingest_runs import write_corpus
from network_data import build_store
from sqlalchemy import Engine, insert, select

from parley import views
from parley.extract.records import no_year_basis
from parley.filters import Filters
from parley.ingest import ingest_paths
from parley.store import edge_summaries, summaries
from parley.store import network as store_network
from parley.store.borrowed_dates import FROM_OTHERS, date_from_other_articles, year_from_other_articles
from parley.store.schema import articles, base_of, events, mentions

REPO = Path(__file__).resolve().parent.parent


def edge_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    from parley.store.schema import metadata

    with engine.connect() as conn:
        return {name: sorted(tuple(r) for r in conn.execute(select(metadata.tables[name])))
                for name in edge_summaries.table_names()}


def shape(g: nx.Graph) -> tuple[list[Any], list[Any]]:
    """Nodes and links with their data, in the graph's order."""
    return list(g.nodes(data=True)), list(g.edges(data=True))


def networks(engine: Engine, filters: list[Filters], days: list[int | None]) -> list[Any]:
    out = []
    for f in filters:
        for d in days:
            for level in ("actors", "states"):
                base = views.base_network(engine, f, d, level)  # type: ignore[arg-type]
                out.append((shape(base.graph), base.metrics.to_dict("records"), base.window))
    return out


def compare_fast_and_full(engine: Engine, filters: list[Filters], days: list[int | None]) -> None:
    with engine.connect() as conn:
        assert summaries.usable(conn)
    assert store_network.load_window_counts(engine, None) is not None
    fast = networks(engine, filters, days)
    assert any(len(g[0][1]) for g in fast), "no links at all: the comparison would prove nothing"
    with engine.begin() as conn:  # the same views from the rows themselves
        summaries.invalidate(conn)
    assert store_network.load_window_counts(engine, None) is None
    full = networks(engine, filters, days)
    for a, b in zip(fast, full, strict=True):
        assert a == b
    with engine.begin() as conn:
        summaries.rebuild(conn)


def windows_of(engine: Engine) -> list[Filters]:
    with engine.connect() as conn:
        dates = sorted(d for d in conn.execute(select(events.c.date)).scalars() if d is not None)
    mid = dates[len(dates) // 2]
    return [Filters(), Filters(date_from=mid), Filters(date_to=mid),
            Filters(date_from=mid - dt.timedelta(days=3), date_to=mid + dt.timedelta(days=3)),
            Filters(date_from=dates[0], date_to=dates[0])]


def test_ingest_counts_what_the_store_holds_and_the_network_reads_the_same(
        engine: Engine, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 30)
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    for i, p in enumerate(sorted(corpus.iterdir())):
        p.rename((first if i % 2 else second) / p.name)
    ingest_paths([first], engine, workers=1)
    ingest_paths([second], engine, workers=2)  # its closing pass may re-date the first run's events
    counted = edge_rows(engine)
    assert counted["summary_edge_weights"] and counted["summary_actor_days"]
    assert counted["summary_edge_spans"], "no context with two dates: spans untested"
    with engine.begin() as conn:
        summaries.rebuild(conn)
    assert edge_rows(engine) == counted  # batch by batch, re-dated spans included == counted afresh
    compare_fast_and_full(engine, windows_of(engine), [None, 7, 30])


def test_a_redated_event_is_counted_again(engine: Engine, tmp_path: Path) -> None:
    """An undated event with a place that a later article dates: the closing pass re-dates it,
    and the spans of its sentence move to the new date."""
    corpus = write_corpus(tmp_path / "corpus", 6)
    ingest_paths([corpus], engine)
    with engine.begin() as conn:
        row = conn.execute(select(events.c.id, events.c.article_id, events.c.segment_idx, events.c.kind,
                                  events.c.place_id, events.c.actor_ids, events.c.date)
                           .where(events.c.place_id.is_not(None), events.c.date.is_not(None))
                           .order_by(events.c.id)).first()
        assert row is not None
        undated = conn.execute(select(articles.c.id).where(articles.c.duplicate_of.is_(None),
                                                           articles.c.id != row.article_id)
                               .order_by(articles.c.id)).scalars().first()
        # an undated report of the same event in another article, whose sentence names two actors
        conn.execute(insert(base_of(events)), [{
            "event_id": "redated", "article_id": undated, "segment_idx": 0, "date": None,
            "date_precision": "unknown", "date_basis": "undated article", "kind": row.kind,
            "place_id": row.place_id, "actor_ids": row.actor_ids, "start": 0, "end": 1,
            "evidence": "x", "status": "happened"}])
        conn.execute(insert(base_of(mentions)), [
            {"article_id": undated, "segment_idx": 0, "actor_id": a, "start": 0, "end": 1, "surface": "x",
             "via": "name"} for a in ("marco_rubio", "abbas_araghchi")])
        summaries.rebuild(conn)  # rows written around the write path: counted afresh
        assert edge_summaries.refresh(conn) == 0
        assert date_from_other_articles(conn) >= 1
        assert edge_summaries.refresh(conn) >= 1  # its article's spans counted again
        redated = conn.execute(select(events.c.date_basis).where(events.c.event_id == "redated")).scalar()
        assert str(redated).startswith(FROM_OTHERS)
    counted = edge_rows(engine)
    with engine.begin() as conn:
        summaries.rebuild(conn)
    assert edge_rows(engine) == counted
    compare_fast_and_full(engine, windows_of(engine), [None, 30])


def test_the_hand_made_store_reads_the_same(sqlite_url: str) -> None:
    engine = build_store(sqlite_url)  # mediators, typed links, an undated article, events
    with engine.begin() as conn:
        summaries.rebuild(conn)
    compare_fast_and_full(engine, windows_of(engine), [None, 2, 5])
    narrowed = views.base_network(engine, Filters(langs=("ar",)))  # narrower filters: the rows
    assert narrowed.graph.number_of_nodes() > 0
    engine.dispose()


_ORDER_SCRIPT = """
import sys
from parley import views
from parley.filters import Filters
from parley.store import summaries
from parley.store.db import make_engine
engine = make_engine(sys.argv[1])
if sys.argv[2] == "counted":
    with engine.begin() as conn:
        summaries.rebuild(conn)
out = []
for f in (Filters(), Filters(actors=("iran",))):
    view = views.network_view(engine, f, None)
    out.append((list(view.graph.nodes), list(view.graph.edges(data=True)), view.positions,
                view.metrics.to_dict("records")))
print(repr(out))
"""


def test_the_network_does_not_depend_on_hash_order(sqlite_url: str) -> None:
    """Two interpreters with different string hashing build the same network, layout and
    communities, from the summaries and from the rows (ties broken by id, never by set order)."""
    engine = build_store(sqlite_url)
    engine.dispose()
    results = []
    for mode, seed in (("rows", "1"), ("rows", "2"), ("rows", "3"), ("counted", "4"), ("counted", "5")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-c", _ORDER_SCRIPT, sqlite_url, mode], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=120, check=True)
        results.append(done.stdout)
    assert results[0] and all(r == results[0] for r in results)


@pytest.mark.parametrize("days", [None, 30])
def test_without_summaries_the_network_is_read_from_the_rows(sqlite_url: str, days: int | None) -> None:
    engine = build_store(sqlite_url)  # rows inserted around the write path: not counted
    with engine.connect() as conn:
        assert not summaries.usable(conn)
    assert views.base_network(engine, Filters(), days).graph.number_of_edges() > 0
    engine.dispose()


def test_the_network_does_not_depend_on_row_order(sqlite_url: str) -> None:
    """The same rows read in another order (SQL without ORDER BY, another index) give the same
    graph, layout and metrics: nodes and links in id order."""
    from parley.analyze.network import build_actor_graph, graph_metrics
    from parley.analyze.network_layout import layout_graph
    from parley.store import actors as act_q
    from parley.store import events as ev_q

    engine = build_store(sqlite_url)
    f = Filters()
    m, e = store_network.load_mentions(engine, f), ev_q.load_event_reports(engine, f, naming=False)
    k, a = store_network.load_links(engine, f), act_q.load_actors(engine)
    engine.dispose()
    seen = []
    for seed in (None, 1, 2):
        def mixed(frame: Any, s: int | None = seed) -> Any:
            return frame if s is None else frame.sample(frac=1, random_state=s).reset_index(drop=True)

        g = build_actor_graph(mixed(m), mixed(e), None, actors=mixed(a), links=mixed(k))
        seen.append((shape(g), layout_graph(g), graph_metrics(g).to_dict("records")))
    assert seen[0][0][1] and seen[0] == seen[1] == seen[2]


def test_an_older_store_gets_them_counted_at_start(engine: Engine, tmp_path: Path) -> None:
    from parley.store.db import init_db
    from parley.store.summary_schema import summary_edge_weights

    ingest_paths([write_corpus(tmp_path / "corpus", 4)], engine)
    counted = edge_rows(engine)
    with engine.begin() as conn:  # a store made before the edge summaries
        summary_edge_weights.drop(conn)
    init_db(engine)
    assert edge_rows(engine) == counted


def test_a_pair_whose_contexts_name_a_type_twice_gets_it_once() -> None:
    """The daily counts and the spans may give one pair the same type in several strings ('met',
    'called;met'): the pair is met and called, once each, with the weights added."""
    import pandas as pd

    from parley.analyze.network import graph_from_summary
    from parley.extract.links import default_edge_cues

    pairs = pd.DataFrame([("iran", "oman", "met;called;met", 2), ("iran", "oman", "met", 1),
                          ("iran", "usa", "", 4)], columns=list(edge_summaries.PAIR_COLUMNS))
    nodes = pd.DataFrame([("iran", 3), ("oman", 2), ("usa", 1)], columns=list(edge_summaries.NODE_COLUMNS))
    events = pd.DataFrame(columns=list(edge_summaries.EVENT_COLUMNS))
    g = graph_from_summary(nodes, pairs, events)
    order = default_edge_cues().types
    assert g.edges["iran", "oman"]["types"] == ";".join(t for t in order if t in ("met", "called"))
    assert g.edges["iran", "oman"]["weight"] == 3
    assert g.edges["iran", "usa"]["types"] == "" and g.edges["iran", "usa"]["weight"] == 4
    assert list(g.nodes) == ["iran", "oman", "usa"]


def test_an_event_given_its_year_is_counted_again(engine: Engine, tmp_path: Path) -> None:
    """An undated article's event dated by a day and month only, without a place: when the
    closing pass gives it the year of a dated report, the spans of its sentence move to that day."""
    corpus = write_corpus(tmp_path / "corpus", 6)
    ingest_paths([corpus], engine)
    with engine.begin() as conn:
        row = conn.execute(select(events.c.id, events.c.article_id, events.c.kind, events.c.actor_ids,
                                  events.c.date)
                           .where(events.c.date.is_not(None), events.c.date_precision == "day")
                           .order_by(events.c.id)).first()
        assert row is not None
        other = conn.execute(select(articles.c.id).where(articles.c.duplicate_of.is_(None),
                                                         articles.c.id != row.article_id)
                             .order_by(articles.c.id)).scalars().first()
        basis = no_year_basis("x", "gregorian", row.date.month, row.date.day)
        conn.execute(insert(base_of(events)), [{
            "event_id": "no_year", "article_id": other, "segment_idx": 0, "date": None,
            "date_precision": "unknown", "date_basis": basis, "kind": row.kind, "place_id": None,
            "actor_ids": row.actor_ids, "start": 0, "end": 1, "evidence": "x", "status": "happened"}])
        conn.execute(insert(base_of(mentions)), [
            {"article_id": other, "segment_idx": 0, "actor_id": a, "start": 0, "end": 1, "surface": "x",
             "via": "name"} for a in ("marco_rubio", "abbas_araghchi")])
        summaries.rebuild(conn)
        assert edge_summaries.refresh(conn) == 0
        assert year_from_other_articles(conn) >= 1
        assert edge_summaries.refresh(conn) >= 1  # its article's spans counted again
        got = conn.execute(select(events.c.date, events.c.date_basis)
                           .where(events.c.event_id == "no_year")).one()
        assert got.date == row.date
        assert got.date_basis.startswith(FROM_OTHERS) and got.date_basis.endswith(basis)
    counted = edge_rows(engine)
    with engine.begin() as conn:
        summaries.rebuild(conn)
    assert edge_rows(engine) == counted
