"""Evaluation gate: the seeds ingested into a temporary SQLite, scored against tests/gold/.

Fails when a figure drops below its pinned floor (trafilatura-style). The floors are what
the extractor reaches on the seeds, never lower than the issue's minimums (actors F1 0.9,
venues F1 0.8, positions F1 0.7, dated events 0.8). Raise them when the extractor improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import REPO, SEEDS

from parley.evaluate import evaluate, format_report, load_gold
from parley.ingest import ingest_paths
from parley.store.db import init_db, make_engine

GOLD = REPO / "tests" / "gold"
FLOORS = {
    ("actors", "f1"): 0.95,
    ("venues", "f1"): 0.9,
    ("positions", "f1"): 0.85,
    ("quotes", "f1"): 0.9,
    ("events", "dated"): 0.85,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    db = tmp_path_factory.mktemp("gate") / "gate.db"
    engine = make_engine(f"sqlite:///{db}")
    init_db(engine)
    ingest_paths(SEEDS, engine)
    result = evaluate(engine, GOLD)
    print(format_report(result))
    return result


def test_every_seed_has_gold() -> None:
    assert set(load_gold(GOLD)) == {p.name for p in SEEDS}


def test_every_gold_article_was_ingested(scores: dict[str, dict[str, float]]) -> None:
    assert scores["articles"]["found"] == scores["articles"]["gold"] == len(SEEDS)


@pytest.mark.parametrize(("table", "measure"), sorted(FLOORS))
def test_score_above_floor(scores: dict[str, dict[str, float]], table: str, measure: str) -> None:
    assert scores[table][measure] >= FLOORS[(table, measure)], format_report(scores)


BLIND_EVENTS = GOLD / "blind_events"  # a second reading of the seeds' events, by a reader of no rules


def test_the_seeds_timeline_tells_each_happening_about_once(scores: dict[str, dict[str, float]],
                                                             tmp_path: Path) -> None:
    """Happenings as the timeline merges them, per happening of the blind reading: 0.9-1.1, with
    their dates found (issue 15); and the seeds' own gold keeps every one of its dated events."""
    engine = make_engine(f"sqlite:///{tmp_path / 'blind.db'}")
    init_db(engine)
    ingest_paths(SEEDS, engine)
    blind = evaluate(engine, BLIND_EVENTS)
    report = format_report(blind)
    assert 0.9 <= blind["detail"]["events_per_gold_event"] <= 1.1, report
    assert blind["detail"]["dates_in_text"] >= 0.9, report
    assert blind["detail"]["event_status_agreement"] >= 0.9, report
    assert scores["events"]["dated"] >= 0.9, format_report(scores)


def test_gate_can_fail(tmp_path: Path) -> None:
    """An empty database scores zero recall: the gate is not vacuous."""
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    init_db(engine)
    empty = evaluate(engine, GOLD)
    assert empty["actors"]["recall"] == 0.0 and empty["events"]["dated"] == 0.0
