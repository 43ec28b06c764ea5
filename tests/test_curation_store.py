"""Curation in the store: corrections as a layer over real extraction of the seeds, on a real SQLite
file and a real PostgreSQL server (marked ``postgres``). Every kind applies through the curated views
the reads use, survives ``reextract_all``, is flagged (not dropped) when its row or span is gone, and
can be reverted; export, then import into a fresh store, gives the same curated tables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, select, text, update

from parley.curation import edits
from parley.curation.transfer import export_curation, export_gazetteer, import_curation
from parley.errors import StoreError
from parley.evaluate import evaluate
from parley.extract.records import Extraction
from parley.filters import Filters
from parley.ingest import ingest_paths, reextract_all
from parley.records import Article
from parley.store import curation as store
from parley.store import schema as S
from parley.store.actors import actors_table
from parley.store.db import init_db, make_engine
from parley.store.events import load_event_reports
from parley.store.positions import positions_grid

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "articles"
ANA, BO = "ana@example.org", "bo@example.org"


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """The five seeds ingested with the real extraction."""
    report = ingest_paths([SEEDS], engine)
    assert len(report.ingested) == 5, report.summary()
    return engine


def rows(engine: Engine, view: Any, *cond: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        order = view.c.id if "id" in view.c else view.c.actor_id
        return [dict(r) for r in conn.execute(select(view).where(*cond).order_by(order)).mappings()]


def first_position(engine: Engine) -> dict[str, Any]:
    found = rows(engine, S.positions)
    assert found, "the seeds give positions"
    return found[0]


def other_stance(stance: str) -> str:
    return "rejects" if stance != "rejects" else "supports"


def no_extraction(_article: Article) -> Extraction:
    return Extraction()


def test_a_position_edit_is_a_layer_kept_through_reextraction_and_reverted(seeded: Engine) -> None:
    p = first_position(seeded)
    new = other_stance(p["stance"])
    cid = edits.edit_position(seeded, ANA, p["id"], stance=new, note="the cue is negated")
    (shown,) = rows(seeded, S.positions, S.positions.c.id == p["id"])
    assert (shown["stance"], shown["polarity"], shown["curated"], shown["correction_ids"]) == (
        new, edits.vocabulary().stances[new], 1, str(cid))
    (raw,) = rows(seeded, S.extracted_positions, S.extracted_positions.c.id == p["id"])
    assert raw["stance"] == p["stance"]  # the extracted row is untouched
    grid = positions_grid(seeded, Filters())
    cell = grid[(grid["actor_id"] == p["actor_id"]) & (grid["topic"] == p["topic"])].iloc[0]
    assert new in cell["stances"] and bool(cell["curated"])

    assert reextract_all(seeded) == 5  # renumbers every extracted row
    curated = rows(seeded, S.positions, S.positions.c.curated == 1)
    assert [(r["article_id"], r["start"], r["end"], r["stance"]) for r in curated] == [
        (p["article_id"], p["start"], p["end"], new)]
    hist = store.history(seeded)
    assert list(hist["kind"]) == ["position_edit"] and list(hist["who"]) == [ANA]
    assert hist.iloc[0]["note"] == "the cue is negated" and hist.iloc[0]["flag"] == ""

    rid = store.revert(seeded, BO, cid, "checked again")
    assert not rows(seeded, S.positions, S.positions.c.curated == 1)
    hist = store.history(seeded)
    assert list(hist["kind"]) == ["revert", "position_edit"] and int(hist.iloc[1]["reverted_by"]) == rid
    with pytest.raises(StoreError, match="already reverted"):
        store.revert(seeded, BO, cid)
    store.revert(seeded, ANA, rid)  # reverting the revert puts the edit back in force
    assert [r["stance"] for r in rows(seeded, S.positions, S.positions.c.curated == 1)] == [new]


def test_delete_and_add_positions_and_edit_an_added_one(seeded: Engine) -> None:
    p = first_position(seeded)
    edits.delete_position(seeded, ANA, p["id"])
    assert not rows(seeded, S.positions, S.positions.c.id == p["id"])
    with seeded.connect() as conn:
        seg = conn.execute(select(S.segments).where(S.segments.c.article_id == p["article_id"])
                           .order_by(S.segments.c.idx.desc())).first()
    assert seg is not None
    span = store.Span(p["article_id"], seg.start, seg.end)
    cid = edits.add_position(seeded, ANA, span, seg.idx, actor_id="iran", topic="sanctions", stance="rejects")
    (added,) = rows(seeded, S.positions, S.positions.c.id < 0)
    assert (added["actor_id"], added["topic"], added["stance"], added["polarity"]) == ("iran", "sanctions",
                                                                                       "rejects", -1)
    assert added["evidence"] == seg.text and (added["start"], added["end"]) == (seg.start, seg.end)
    assert store.target_of(seeded, "positions", added["id"]).key == {"added_by": cid}
    edits.edit_position(seeded, BO, added["id"], stance="demands")
    reextract_all(seeded)
    assert not rows(seeded, S.positions, S.positions.c.start == p["start"], S.positions.c.end == p["end"],
                    S.positions.c.article_id == p["article_id"], S.positions.c.topic == p["topic"],
                    S.positions.c.actor_id == p["actor_id"], S.positions.c.stance == p["stance"])
    (kept,) = rows(seeded, S.positions, S.positions.c.id < 0)
    assert (kept["stance"], kept["correction_ids"]) == ("demands", f"{cid};{cid + 1}")


def test_a_correction_whose_row_or_span_is_gone_is_flagged_not_dropped(seeded: Engine) -> None:
    p = first_position(seeded)
    edit = edits.edit_position(seeded, ANA, p["id"], stance=other_stance(p["stance"]))
    reextract_all(seeded, extractor=no_extraction)  # extraction no longer finds the row
    hist = store.history(seeded, flagged=True)
    assert list(hist["id"]) == [edit] and "no longer extracted" in hist.iloc[0]["flag"]
    assert store.count(seeded, flagged=True) == 1 and not rows(seeded, S.positions)
    reextract_all(seeded)  # the row is back: the correction applies again, unflagged
    assert store.count(seeded, flagged=True) == 0
    assert len(rows(seeded, S.positions, S.positions.c.curated == 1)) == 1

    with seeded.connect() as conn:
        seg = conn.execute(select(S.segments).where(S.segments.c.article_id == p["article_id"])).first()
    assert seg is not None
    add = edits.add_position(seeded, ANA, store.Span(p["article_id"], seg.start, seg.end), seg.idx,
                             actor_id="iran", topic="nuclear", stance="insists")
    with seeded.begin() as conn:  # the article's text changes under the span (a re-cleaned article)
        conn.execute(update(S.articles).where(S.articles.c.id == p["article_id"])
                     .values(text="x" * 5 + S.articles.c.text))
    reextract_all(seeded)
    flagged = store.history(seeded, flagged=True)
    assert add in set(flagged["id"]) and "evidence span no longer exists" in \
        flagged.set_index("id").loc[add, "flag"]
    assert len(store.history(seeded)) == 2  # kept in the record


def test_event_and_venue_corrections(seeded: Engine) -> None:
    ev = rows(seeded, S.events)[0]
    edits.edit_event(seeded, ANA, ev["id"], date=dt.date(2026, 2, 6), precision="day", place_id="muscat",
                     kind="meeting")
    (shown,) = rows(seeded, S.events, S.events.c.id == ev["id"])
    assert (str(shown["date"])[:10], shown["date_precision"], shown["place_id"], shown["kind"]) == (
        "2026-02-06", "day", "muscat", "meeting")
    assert shown["date_basis"] == f"corrected by {ANA}"
    reports = load_event_reports(seeded, Filters())
    assert "muscat" in set(reports[reports["id"] == ev["id"]]["place_id"])
    with seeded.connect() as conn:
        seg = conn.execute(select(S.segments).where(S.segments.c.article_id == ev["article_id"])).first()
    assert seg is not None
    edits.add_event(seeded, BO, store.Span(ev["article_id"], seg.start, seg.end), seg.idx, kind="call",
                    date=dt.date(2026, 2, 3), precision="day", actor_ids=["iran", "oman"], place_id=None)
    (added,) = rows(seeded, S.events, S.events.c.id < 0)
    assert (added["kind"], added["actor_ids"], added["evidence"]) == ("call", "iran;oman", seg.text)
    venue = rows(seeded, S.venues)[0]
    role = "moved_to" if venue["role"] != "moved_to" else "proposed"
    edits.set_venue_role(seeded, ANA, venue["id"], role)
    reextract_all(seeded)
    assert [r["role"] for r in rows(seeded, S.venues, S.venues.c.curated == 1)] == [role]
    assert len(rows(seeded, S.events, S.events.c.curated == 1)) == 2


def test_actor_side_merge_accept_and_alias(seeded: Engine) -> None:
    def counts() -> dict[str, int]:
        table = actors_table(seeded, Filters())
        return dict(zip(table["actor_id"], table["mentions"], strict=True))

    count = counts()
    a, b = list(count)[:2]
    edits.set_actor_side(seeded, ANA, b, "other")
    assert rows(seeded, S.actors, S.actors.c.actor_id == b)[0]["side"] == "other"
    merge = edits.merge_actors(seeded, ANA, a, b, note="one actor")
    after = counts()
    assert a not in after and after[b] == count[a] + count[b]
    assert not rows(seeded, S.actors, S.actors.c.actor_id == a)
    assert not rows(seeded, S.positions, S.positions.c.actor_id == a)
    assert all(a not in r["actor_ids"].split(";") for r in rows(seeded, S.events))
    store.revert(seeded, BO, merge)
    assert counts()[a] == count[a]

    (cand,) = rows(seeded, S.candidates)[:1]
    accept = edits.accept_candidate(seeded, ANA, cand["id"], actor_id="juan_carlos", name_en="Juan Carlos",
                                    kind="person", side="europe", lang="en")
    assert rows(seeded, S.actors, S.actors.c.actor_id == "juan_carlos")[0]["side"] == "europe"
    ment = rows(seeded, S.mentions, S.mentions.c.actor_id == "juan_carlos")
    assert ment and {m["surface"] for m in ment} == {cand["surface"]}
    same_name = S.candidates.c.normalized == cand["normalized"]
    assert {r["status"] for r in rows(seeded, S.candidates, same_name)} == {"accepted"}
    reextract_all(seeded)  # the gazetteer sync prunes unknown actors: the accepted one stays
    assert rows(seeded, S.actors, S.actors.c.actor_id == "juan_carlos")
    store.revert(seeded, ANA, accept)
    assert not rows(seeded, S.mentions, S.mentions.c.actor_id == "juan_carlos")
    cand = rows(seeded, S.candidates)[0]
    edits.alias_candidate(seeded, ANA, cand["id"], b, lang="en")
    assert {m["actor_id"] for m in rows(seeded, S.mentions, S.mentions.c.surface == cand["surface"])} == {b}


def test_a_correction_that_cannot_apply_is_refused_and_nothing_is_written(seeded: Engine) -> None:
    p = first_position(seeded)
    with pytest.raises(StoreError, match="actor 'nobody' does not exist"):
        edits.edit_position(seeded, ANA, p["id"], actor_id="nobody")
    with pytest.raises(edits.CurationError, match="stance must be one of"):
        edits.edit_position(seeded, ANA, p["id"], stance="adores")
    with pytest.raises(edits.CurationError, match="nothing to change"):
        edits.edit_position(seeded, ANA, p["id"], stance=p["stance"])
    assert store.count(seeded) == 0 and not rows(seeded, S.positions, S.positions.c.curated == 1)


def curated_tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """The curated tables as sets of rows without surrogate ids (comparable across stores)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for view in (S.actors, S.mentions, S.positions, S.events, S.venues, S.candidates, S.quotes):
            cols = [c for c in view.columns if c.name not in ("id", "correction_ids")]
            out[view.name] = sorted(tuple(str(v) for v in r) for r in conn.execute(select(*cols)))
    return out


def make_corrections(engine: Engine) -> None:
    p = first_position(engine)
    edits.edit_position(engine, ANA, p["id"], stance=other_stance(p["stance"]))
    with engine.connect() as conn:
        seg = conn.execute(select(S.segments).order_by(S.segments.c.article_id, S.segments.c.idx)).first()
    assert seg is not None
    added = edits.add_position(engine, BO, store.Span(seg.article_id, seg.start, seg.end), seg.idx,
                               actor_id="oman", topic="diplomacy", stance="mediates", note="host")
    neg = rows(engine, S.positions, S.positions.c.id < 0)[0]["id"]
    edits.edit_position(engine, ANA, neg, topic="venue")
    ev = rows(engine, S.events)[0]
    edits.edit_event(engine, ANA, ev["id"], date=dt.date(2026, 2, 6), precision="day")
    cand = rows(engine, S.candidates)[0]
    edits.accept_candidate(engine, ANA, cand["id"], actor_id="juan_carlos", name_en="Juan Carlos",
                           name_ar="خوان كارلوس", side="europe", lang="en")
    edits.set_actor_side(engine, BO, "oman", "other")
    store.revert(engine, ANA, added - 1)  # the first edit, undone
    assert store.count(engine) == 7


def test_export_then_import_into_a_fresh_store_gives_the_same_curated_tables(seeded: Engine,
                                                                              tmp_path: Path) -> None:
    make_corrections(seeded)
    out = tmp_path / "curation.yaml"
    assert export_curation(seeded, out) == 7
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["accepted_actors"][0]["actor_id"] == "juan_carlos"
    assert {"actor_id": "juan_carlos", "lang": "en", "surface": "Juan Carlos"} in doc["aliases"]
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    init_db(fresh)
    ingest_paths([SEEDS], fresh)
    assert curated_tables(fresh) != curated_tables(seeded)
    added, same, flagged = import_curation(fresh, out)
    assert (added, same, flagged) == (7, 0, {})
    assert curated_tables(fresh) == curated_tables(seeded)
    assert import_curation(fresh, out)[:2] == (0, 7)  # importing again changes nothing
    assert curated_tables(fresh) == curated_tables(seeded)
    hist = store.history(fresh)
    assert list(hist["who"]) == list(store.history(seeded)["who"])
    reverted = hist[hist["kind"] == "revert"].iloc[0]
    assert int(hist.set_index("id").loc[json.loads(reverted["target"])["correction_id"], "reverted_by"]) == \
        reverted["id"]
    fresh.dispose()


def test_accepted_actors_in_gazetteer_form_are_found_by_the_next_extraction(
        seeded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cand = rows(seeded, S.candidates)[0]
    edits.accept_candidate(seeded, ANA, cand["id"], actor_id="juan_carlos", name_en=cand["surface"],
                           kind="person", side="europe", lang="en")
    entries = tmp_path / "new_actors.yaml"
    assert export_gazetteer(seeded, entries) == 1
    new = yaml.safe_load(entries.read_text(encoding="utf-8"))["actors"]
    assert new == [{"id": "juan_carlos", "kind": "person", "side": "europe", "name": {"en": cand["surface"]}}]
    gaz = tmp_path / "gazetteer"
    gaz.mkdir()
    for f in (REPO / "data" / "gazetteer").glob("*.yaml"):
        (gaz / f.name).write_bytes(f.read_bytes())
    actors_yaml = yaml.safe_load((gaz / "actors.yaml").read_text(encoding="utf-8"))
    actors_yaml["actors"] += new
    (gaz / "actors.yaml").write_text(yaml.safe_dump(actors_yaml, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(gaz))
    from parley.extract.gazetteer import load_gazetteer
    from parley.extract.pipeline import extract_article
    from parley.store.writes import sync_gazetteer

    g = load_gazetteer()
    fresh = make_engine(f"sqlite:///{tmp_path / 'next.db'}")
    init_db(fresh)
    with fresh.begin() as conn:
        sync_gazetteer(conn, g)
    ingest_paths([SEEDS], fresh, extractor=lambda a: extract_article(a, g))
    assert rows(fresh, S.mentions, S.mentions.c.actor_id == "juan_carlos")  # extraction finds it now
    assert not rows(fresh, S.mentions, S.mentions.c.via == "curated")
    fresh.dispose()


def test_eval_with_and_without_curation(seeded: Engine) -> None:
    found = rows(seeded, S.positions)
    triples = [(r["article_id"], r["actor_id"], r["topic"], r["stance"]) for r in found]
    p = next(r for r, t in zip(found, triples, strict=True) if triples.count(t) == 1)
    edits.delete_position(seeded, ANA, p["id"])
    gold = REPO / "tests" / "gold"
    with_c, without = evaluate(seeded, gold), evaluate(seeded, gold, curated=False)
    assert without["positions"]["pred"] == with_c["positions"]["pred"] + 1


def test_an_older_store_is_migrated_to_the_curated_views(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    init_db(engine)
    ingest_paths([SEEDS], engine)
    before = curated_tables(engine)
    with engine.begin() as conn:  # the layout before curation: the base tables under the views' names
        for view, (base, _cur) in S.CURATED_VIEWS.items():
            conn.execute(text(f"DROP VIEW {view.name}"))
            conn.execute(text(f"ALTER TABLE {base.name} RENAME TO {view.name}"))
        conn.execute(text("DELETE FROM store_meta WHERE key = 'views'"))
    init_db(engine)
    assert curated_tables(engine) == before
    edits.edit_position(engine, ANA, first_position(engine)["id"], topic="venue")
    assert len(rows(engine, S.positions, S.positions.c.curated == 1)) == 1
    engine.dispose()


def test_the_curation_command_exports_imports_and_eval_reports_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from parley.cli import main

    source, target = (f"sqlite:///{tmp_path / n}" for n in ("a.db", "b.db"))
    for url in (source, target):
        assert main(["ingest", str(SEEDS), "--db", url]) == 0
    engine = make_engine(source)
    make_corrections(engine)
    out, gaz = tmp_path / "cur.yaml", tmp_path / "actors.yaml"
    assert main(["curation", "export", "--out", str(out), "--gazetteer", str(gaz), "--db", source]) == 0
    assert main(["curation", "import", str(out), "--db", target]) == 0
    printed = capsys.readouterr().out
    assert "7 corrections" in printed and "1 accepted actors" in printed
    assert "imported 7 corrections" in printed
    assert yaml.safe_load(gaz.read_text(encoding="utf-8"))["actors"][0]["id"] == "juan_carlos"
    other = make_engine(target)
    assert curated_tables(other) == curated_tables(engine)
    assert main(["eval", str(REPO / "tests" / "gold"), "--db", target]) == 0
    report = capsys.readouterr().out
    assert "with curation" in report and "without curation (extraction alone)" in report
    assert main(["curation", "export", "--db", target]) == 2  # neither --out nor --gazetteer
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: something else\n", encoding="utf-8")
    assert main(["curation", "import", str(bad), "--db", target]) == 2
    assert "not a Parley curation file" in capsys.readouterr().err
    engine.dispose()
    other.dispose()
