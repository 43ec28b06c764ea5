"""Summary tables (parley/store/summaries.py): counted at ingest, batch by batch, they equal what
counting the stored articles gives, on a SQLite file and on the real PostgreSQL server; the reads
that use them (the overview's counts, the actors table) return what the full queries return; a
write that goes around the write path makes readers fall back to the full tables; re-extraction
counts them afresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from ingest_runs import write_corpus
from sqlalchemy import Engine, insert, select

from parley.filters import Filters
from parley.ingest import ingest_paths, reextract_all
from parley.store import summaries
from parley.store.actors import actors_table
from parley.store.articles import corpus_counts
from parley.store.schema import articles, base_of, mentions, summary_actors, summary_days, summary_state


def summary_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(select(t)))
                for t in (summary_days, summary_actors, summary_state)}


def reads(engine: Engine, outlet: str) -> list[pd.DataFrame]:
    out = [actors_table(engine, Filters())]
    for f in (Filters(), Filters(langs=("fa",)), Filters(outlets=(outlet,)), Filters(langs=("ar", "en"))):
        out += [corpus_counts(engine, f, by) for by in ("lang", "outlet", "published")]
    return out


def test_summaries_count_what_the_store_holds(engine: Engine, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)  # duplicates and repeated files included
    report = ingest_paths([corpus], engine, workers=2)
    assert report.duplicates
    with engine.connect() as conn:
        assert summaries.usable(conn)
        outlet = next(o for o in conn.execute(select(articles.c.outlet)).scalars() if o)
    counted = summary_rows(engine)
    assert counted["summary_days"] and counted["summary_actors"]
    fast = reads(engine, outlet)

    with engine.begin() as conn:  # the same reads over the full tables
        summaries.invalidate(conn)
        assert not summaries.usable(conn)
    slow = reads(engine, outlet)
    for a, b in zip(fast, slow, strict=True):
        pd.testing.assert_frame_equal(a, b)

    with engine.begin() as conn:  # counted afresh: the same rows the batches added up
        summaries.rebuild(conn)
    assert summary_rows(engine) == counted

    ingest_paths([corpus], engine)  # nothing new: nothing changes
    assert summary_rows(engine) == counted


def test_a_write_around_the_write_path_is_not_trusted(engine: Engine, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    ingest_paths([corpus], engine)
    with engine.begin() as conn:
        aid = conn.execute(select(articles.c.id).where(articles.c.duplicate_of.is_(None))).scalars().first()
        conn.execute(insert(base_of(mentions)), [{"article_id": aid, "segment_idx": 0, "actor_id": "jd_vance",
                                         "start": 0, "end": 1, "surface": "x", "via": "name"}])
        assert not summaries.usable(conn)
    vance = actors_table(engine, Filters()).set_index("actor_id").loc["jd_vance"]
    assert vance["mentions"] >= 1  # read from the full tables, so the new mention counts


def test_reextraction_counts_them_afresh(engine: Engine, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 8)
    ingest_paths([corpus], engine)
    counted = summary_rows(engine)
    assert reextract_all(engine) > 0
    with engine.connect() as conn:
        assert summaries.usable(conn)
    assert summary_rows(engine) == counted
