"""parley.store.queries against a real SQLite file holding the seeds: columns, filters in SQL, writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apptest.seeddb import SeededDb, build_seeded_db
from sqlalchemy import Engine

from parley.analyze.positions import grid_matrix
from parley.errors import StoreError
from parley.filters import Filters
from parley.store import actors as act_q
from parley.store import articles as art_q
from parley.store import candidates as cand_q
from parley.store import positions as pos_q
from parley.store.db import make_engine, store_version


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> SeededDb:
    return build_seeded_db(tmp_path_factory.mktemp("queries") / "parley.db")


@pytest.fixture
def engine(db: SeededDb) -> Engine:
    return make_engine(db.url)


def test_every_frame_has_its_declared_columns_even_when_empty(engine: Engine) -> None:
    none = Filters(langs=("en",))  # no English article
    assert tuple(art_q.articles_table(engine, none).columns) == art_q.ARTICLE_COLUMNS
    assert tuple(act_q.actors_table(engine, none).columns) == act_q.ACTOR_COLUMNS
    assert tuple(pos_q.positions_grid(engine, none).columns) == pos_q.GRID_COLUMNS
    assert tuple(cand_q.candidates_table(engine, none).columns) == cand_q.CANDIDATE_COLUMNS
    evidence = pos_q.position_evidence(engine, none, "marco_rubio", "diplomacy")
    assert tuple(evidence.columns) == pos_q.EVIDENCE_COLUMNS
    assert art_q.articles_table(engine, none).empty


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"000", "001", "002", "003", "004"}),
        (Filters(langs=("fa",)), {"001"}),
        (Filters(date_from=dt.date(2026, 2, 2)), {"000", "001"}),  # the undated 004 drops out of a range
        (Filters(date_to=dt.date(2026, 2, 1)), {"002", "003"}),
        (Filters(actors=("jd_vance",)), {"000"}),
        (Filters(sides=("us",)), {"000", "001", "003", "004"}),
        (Filters(sides=("iran",)), set()),
        (Filters(topics=("ballistic_missiles",)), {"000"}),
    ],
)
def test_article_filters(engine: Engine, db: SeededDb, filters: Filters, expected: set[str]) -> None:
    got = set(art_q.articles_table(engine, filters)["id"])
    assert got == {db.ids[p] for p in expected}


def test_outlet_filter_and_counts(engine: Engine, db: SeededDb) -> None:
    outlets = art_q.corpus_counts(engine, Filters(), "outlet")
    assert outlets["articles"].sum() == 5 and art_q.UNKNOWN_OUTLET in set(outlets["outlet"])
    named = [o for o in outlets["outlet"] if o != art_q.UNKNOWN_OUTLET]
    assert named and set(art_q.articles_table(engine, Filters(outlets=(named[0],)))["outlet"]) == {named[0]}
    dates = art_q.corpus_counts(engine, Filters(), "published").set_index("published")["articles"]
    assert dates[art_q.UNDATED] == 1
    langs = art_q.corpus_counts(engine, Filters(), "lang").set_index("lang")["articles"].to_dict()
    assert langs == {"ar": 4, "fa": 1}


def test_article_view_segments_and_mentions(engine: Engine, db: SeededDb) -> None:
    view = art_q.article_view(engine, db.ids["000"])
    assert view is not None
    text = view.article["text"]
    for m in view.mentions.itertuples():
        assert text[m.start:m.end] == m.surface  # spans index the clean text
    assert {"ar", "en"} <= set(view.segments["lang"])
    assert art_q.article_view(engine, "nope") is None


def test_actor_profile(engine: Engine, db: SeededDb) -> None:
    prof = act_q.actor_profile(engine, Filters(), "marco_rubio")
    assert prof is not None and prof.actor["side"] == "us"
    assert set(prof.quotes["lang"]) == {"fa", "en"}
    assert set(prof.articles["article_id"]) == {db.ids["000"], db.ids["001"]}
    assert set(prof.positions["topic"]) == {"diplomacy", "ballistic_missiles"}
    only_fa = act_q.actor_profile(engine, Filters(langs=("fa",)), "marco_rubio")
    assert only_fa is not None and only_fa.positions.empty and list(only_fa.quotes["lang"]) == ["fa"]
    assert act_q.actor_profile(engine, Filters(), "nobody") is None
    assert prof.totals == (len(prof.positions), len(prof.quotes), len(prof.articles))
    first = act_q.actor_profile(engine, Filters(), "marco_rubio", limit=1)  # each list cut in SQL
    assert first is not None and first.totals == prof.totals
    assert (len(first.positions), len(first.quotes), len(first.articles)) == (1, 1, 1)
    assert first.positions.iloc[0].to_dict() == prof.positions.iloc[0].to_dict()


def test_grid_and_matrix(engine: Engine) -> None:
    grid = pos_q.positions_grid(engine, Filters())
    assert len(grid) == 4 and set(grid["positions"]) == {1}
    vance = grid[grid["actor_id"] == "jd_vance"].iloc[0]
    assert (vance["topic"], vance["stances"], vance["polarity"]) == ("military_force", "warns", -1.0)
    assert set(pos_q.positions_grid(engine, Filters(topics=("diplomacy",)))["topic"]) == {"diplomacy"}
    matrix, ids = grid_matrix(grid)
    assert len(ids) == 3 and len(matrix) == 3 and "diplomacy" in matrix.columns
    ev = pos_q.position_evidence(engine, Filters(), "donald_trump", "diplomacy")
    assert list(ev["lang"]) == ["fa"] and ev["link"].iloc[0].startswith("/read?a=")


def test_candidate_status_writes_and_bumps_the_version(tmp_path: Path) -> None:
    fresh = build_seeded_db(tmp_path / "w.db")
    engine = make_engine(fresh.url)
    with engine.connect() as conn:
        before = store_version(conn)
    cands = cand_q.candidates_table(engine, Filters(), "new")
    cand_q.set_candidate_status(engine, int(cands["id"].iloc[0]), "accepted")
    assert len(cand_q.candidates_table(engine, Filters(), "accepted")) == 1
    assert len(cand_q.candidates_table(engine, Filters(), "new")) == len(cands) - 1
    with engine.connect() as conn:
        assert store_version(conn) == before + 1
    with pytest.raises(StoreError):
        cand_q.set_candidate_status(engine, 999_999, "accepted")
    with pytest.raises(StoreError):
        cand_q.set_candidate_status(engine, int(cands["id"].iloc[0]), "<script>")


def test_known_ids(engine: Engine, db: SeededDb) -> None:
    known = art_q.known_ids(engine)
    assert set(db.ids.values()) <= known.articles
    assert {"marco_rubio", "jd_vance"} <= known.actors and "nuclear" in known.topics
    assert "us" in known.sides and known.actor_names["jd_vance"] == "JD Vance"


def test_evidence_keeps_a_missing_outlet_or_date_as_none(engine: Engine) -> None:
    """The page prints these cells as they come: a missing value must not read 'nan'."""
    ev = pos_q.position_evidence(engine, Filters(), "donald_trump", "diplomacy")
    assert not ev.empty
    for col in ("outlet", "title", "published", "condition"):
        assert all(v is None or (isinstance(v, str | dt.date) and str(v) != "nan") for v in ev[col])
