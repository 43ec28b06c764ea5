"""AppTests for curation through the whole router, on a store of the seeds with the real extraction:
each correction kind made from the page where its row is shown, its mark and history, its revert
(recorded), re-extraction keeping it (or flagging it), who is recorded, and viewers kept out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest.conftest import REPO, texts
from apptest.seeddb import SeededDb, build_seeded_db
from apptest.test_auth_pages import ANALYST, TEAM, VIEWER
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from parley.extract.records import Extraction
from parley.ingest import reextract_all
from parley.records import Article
from parley.store import curation as store
from parley.store import schema as S
from parley.store.audit import recent_writes
from parley.store.db import make_engine

Run = Callable[..., AppTest]


@pytest.fixture
def db(tmp_path: Path) -> SeededDb:
    """The seeds with the real extraction, in a database of its own (these tests write)."""
    return build_seeded_db(tmp_path / "curation.db", full=True)


@pytest.fixture
def engine(db: SeededDb) -> Iterator[Engine]:
    e = make_engine(db.url)
    yield e
    e.dispose()


@pytest.fixture
def run(db: SeededDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """run(page, user=EMAIL (signed in with TEAM's roles) or None (open mode), **params)."""
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    for name in ("PARLEY_ANALYSTS", "PARLEY_VIEWERS", "PARLEY_REQUIRE_LOGIN", "PARLEY_USER"):
        monkeypatch.delenv(name, raising=False)

    def go(page: str, *, user: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
        if user is not None:
            at.secrets.update(TEAM)
            at.user = {"is_logged_in": True, "email": user}
        at.switch_page(page)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    yield go


def rows(engine: Engine, view: Any, *cond: Any) -> list[dict[str, Any]]:
    order = view.c.id if "id" in view.c else view.c.actor_id
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(view).where(*cond).order_by(order)).mappings()]


def ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def submit(at: AppTest, form: str, label: str) -> AppTest:
    return ok(at.button(key=f"FormSubmitter:{form}-{label}").click().run())


def opened(at: AppTest, *keys: str) -> AppTest:
    """Open the correction panels of these keys (their forms are drawn only while open), rerun."""
    for key in keys:
        at.session_state[f"{key}_panel"] = True
    return ok(at.run())


def grid_cell(at: AppTest, name: str, topic: str) -> str:
    grid = at.dataframe(key="positions_grid").value
    return str(grid[grid["actor"].str.startswith(name)].iloc[0][topic])


def first(engine: Engine, view: Any) -> dict[str, Any]:
    found = rows(engine, view)
    assert found
    return found[0]


def no_extraction(_article: Article) -> Extraction:
    return Extraction()


def test_positions_stance_edit_marks_the_cell_survives_reextraction_and_reverts(
        run: Run, engine: Engine) -> None:
    p = first(engine, S.positions)
    name = rows(engine, S.actors, S.actors.c.actor_id == p["actor_id"])[0]["name_en"]
    new = "rejects" if p["stance"] != "rejects" else "supports"
    at = ok(run("pages/positions.py", actor=p["actor_id"], topic=p["topic"]))
    assert "✎" not in grid_cell(at, name, p["topic"])
    key = f"pos_{p['id']}"
    assert f"{key}_stance" not in [s.key for s in at.selectbox]  # drawn only once opened
    at = opened(at, key)
    at.selectbox(key=f"{key}_stance").select(new)
    at.text_input(key=f"{key}_note").input("the cue is negated")
    at = submit(at, f"{key}_form", "Save")
    assert grid_cell(at, name, p["topic"]).startswith("✎") and new in grid_cell(at, name, p["topic"])
    assert any(e.label.startswith("✎ Curated: history (1)") for e in at.expander)
    at = opened(at, f"{key}_history")
    assert "the cue is negated" in texts(at).replace("\\", "")

    reextract_all(engine)  # `python -m parley extract`: the correction is kept
    at = ok(run("pages/positions.py", actor=p["actor_id"], topic=p["topic"]))
    assert grid_cell(at, name, p["topic"]).startswith("✎")
    (cur,) = rows(engine, S.positions, S.positions.c.curated == 1)
    at = opened(at, f"pos_{cur['id']}_history")  # re-extraction gave the row a new id
    revert = next(b for b in at.button if b.key and "_revert_" in b.key)
    at = ok(revert.click().run())
    cell = grid_cell(at, name, p["topic"])
    assert not cell.startswith("✎") and p["stance"] in cell
    hist = store.history(engine)
    assert list(hist["kind"]) == ["revert", "position_edit"]
    assert hist.iloc[1]["reverted_by"] == hist.iloc[0]["id"]
    assert list(hist["who"]) == ["local", "local"] and cur["stance"] == new


def test_a_position_is_deleted_from_its_evidence(run: Run, engine: Engine) -> None:
    p = first(engine, S.positions)
    at = opened(run("pages/positions.py", actor=p["actor_id"], topic=p["topic"]), f"pos_{p['id']}")
    submit(at, f"pos_{p['id']}_form", "Delete this position")
    assert not rows(engine, S.positions, S.positions.c.id == p["id"])
    assert list(store.history(engine)["kind"]) == ["position_delete"]


def test_read_adds_a_position_and_an_event_from_a_selected_sentence(run: Run, engine: Engine,
                                                                     db: SeededDb) -> None:
    aid = db.ids["000"]
    at = opened(run("pages/read.py", a=aid), "read_add")
    with engine.connect() as conn:
        seg = conn.execute(select(S.segments).where(S.segments.c.article_id == aid)
                           .order_by(S.segments.c.idx.desc())).first()
    assert seg is not None
    at.selectbox(key="read_add_sentence").select(seg.idx).run()
    at.selectbox(key="read_add_p_actor").select("oman")
    at.selectbox(key="read_add_p_topic").select("venue")
    at.selectbox(key="read_add_p_stance").select("mediates")
    at = submit(at, "read_add_position", "Add position")
    (added,) = rows(engine, S.positions, S.positions.c.id < 0)
    assert (added["actor_id"], added["topic"], added["stance"]) == ("oman", "venue", "mediates")
    assert (added["start"], added["end"], added["evidence"]) == (seg.start, seg.end, seg.text)
    assert "✎ **Position**" in texts(at)
    at.selectbox(key="read_add_e_kind").select("call")
    at.multiselect(key="read_add_e_actors").select("iran").select("oman")
    at = submit(at, "read_add_event", "Add event")
    (event,) = rows(engine, S.events, S.events.c.id < 0)
    assert (event["kind"], event["actor_ids"], event["date"]) == ("call", "iran;oman", None)
    assert event["evidence"] == seg.text
    reextract_all(engine)
    assert len(rows(engine, S.positions, S.positions.c.id < 0)) == 1
    assert len(rows(engine, S.events, S.events.c.id < 0)) == 1


def test_read_corrects_an_event_date_and_a_venue_role(run: Run, engine: Engine) -> None:
    ev = first(engine, S.events)
    key = f"read_ev_{ev['id']}"
    at = opened(run("pages/read.py", a=ev["article_id"]), key)

    at.date_input(key=f"{key}_date").set_value(dt.date(2026, 2, 6))
    at.selectbox(key=f"{key}_precision").select("day")
    at.selectbox(key=f"{key}_place").select("muscat")
    at = submit(at, f"{key}_form", "Save")
    (shown,) = rows(engine, S.events, S.events.c.id == ev["id"])
    assert (str(shown["date"])[:10], shown["date_precision"], shown["place_id"], shown["curated"]) == (
        "2026-02-06", "day", "muscat", 1)
    venue = first(engine, S.venues)
    at = opened(run("pages/read.py", a=venue["article_id"]), f"read_ven_{venue['id']}")
    role = "moved_to" if venue["role"] != "moved_to" else "proposed"
    at.selectbox(key=f"read_ven_{venue['id']}_role").select(role)
    submit(at, f"read_ven_{venue['id']}_form", "Save")
    reextract_all(engine)
    assert [r["role"] for r in rows(engine, S.venues, S.venues.c.curated == 1)] == [role]
    assert sorted(store.history(engine)["kind"]) == ["event_edit", "venue_role"]


def test_actors_page_changes_a_side_and_merges_two_actors(run: Run, engine: Engine) -> None:
    at = ok(run("pages/actors.py", actor="oman"))
    assert "actor_fix_side_pick" not in [s.key for s in at.selectbox]  # drawn only once opened
    at = opened(at, "actor_fix")
    at.selectbox(key="actor_fix_side_pick").select("other")
    at = submit(at, "actor_fix_side", "Save side")
    assert rows(engine, S.actors, S.actors.c.actor_id == "oman")[0]["side"] == "other"
    assert "✎ curated" in "\n".join(str(h.proto.body) for h in at.get("html"))
    before = len(rows(engine, S.mentions, S.mentions.c.actor_id == "oman"))
    merged = len(rows(engine, S.mentions, S.mentions.c.actor_id == "iran"))
    at.selectbox(key="actor_fix_merge_into").select("iran")
    submit(at, "actor_fix_merge", "Merge")
    assert not rows(engine, S.actors, S.actors.c.actor_id == "oman")
    assert len(rows(engine, S.mentions, S.mentions.c.actor_id == "iran")) == before + merged


def test_review_accepts_a_name_as_a_new_actor_or_as_an_alias(run: Run, engine: Engine) -> None:
    cand = first(engine, S.candidates)
    key = f"cand_{cand['id']}_fix"
    at = ok(run("pages/review.py"))
    assert not [t for t in at.text_input if str(t.key).startswith("cand_")]  # no form until one is picked
    at = ok(at.button(key=f"{key}_open").click().run())
    assert {str(t.key) for t in at.text_input if str(t.key).startswith("cand_")} == {
        f"{key}_id", f"{key}_en", f"{key}_ar", f"{key}_fa", f"{key}_new_note", f"{key}_alias_note"}
    at.text_input(key=f"{key}_id").input("juan_carlos")
    at.text_input(key=f"{key}_en").input("Juan Carlos")
    at.selectbox(key=f"{key}_sidepick").select("europe")
    submit(at, f"{key}_new", "Accept as a new actor")
    assert rows(engine, S.actors, S.actors.c.actor_id == "juan_carlos")[0]["side"] == "europe"
    assert rows(engine, S.mentions, S.mentions.c.actor_id == "juan_carlos")
    store.revert(engine, "local", int(store.history(engine).iloc[0]["id"]))
    at = ok(run("pages/review.py"))
    at = ok(at.button(key=f"{key}_open").click().run())
    at.selectbox(key=f"{key}_alias_of").select("usa")
    submit(at, f"{key}_alias", "Accept as an alias")
    named = rows(engine, S.mentions, S.mentions.c.surface == cand["surface"])
    assert {m["actor_id"] for m in named} == {"usa"}
    assert rows(engine, S.candidates, S.candidates.c.id == cand["id"])[0]["status"] == "accepted"


def test_history_lists_filters_and_reverts_and_shows_flags(run: Run, engine: Engine,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    p = first(engine, S.positions)
    from parley.curation import edits

    edits.edit_position(engine, "bo@example.org", p["id"], topic="venue", note="about the venue")
    edits.set_actor_side(engine, "local", "oman", "other")
    at = ok(run("pages/history.py"))
    plain = texts(at).replace("\\", "")
    assert "edit a position" in plain and "change an actor's side" in plain and "about the venue" in plain
    at.multiselect(key="history_who").select("bo@example.org").run()
    plain = texts(at).replace("\\", "")
    assert "edit a position" in plain and "change an actor's side" not in plain
    at = ok(at.button(key="history_revert_1").click().run())
    hist = store.history(engine)
    assert list(hist["kind"]) == ["revert", "actor_side", "position_edit"]
    assert int(hist.iloc[2]["reverted_by"]) == int(hist.iloc[0]["id"])
    at = ok(run("pages/history.py", c="2"))
    plain = texts(at).replace("\\", "")
    assert "change an actor's side" in plain and "edit a position" not in plain

    edits.edit_position(engine, "local", p["id"], stance="warns")
    reextract_all(engine, extractor=no_extraction)  # its row is no longer extracted: flagged
    at = run("pages/history.py")
    assert not at.exception and "1 correction(s) in force no longer apply" in texts(at, "warning")
    assert "FLAGGED: the position it corrects is no longer extracted" in texts(at).replace("\\", "")


def test_who_is_recorded_and_viewers_cannot_curate(run: Run, engine: Engine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    p = first(engine, S.positions)
    at = ok(run("pages/positions.py", user=VIEWER, actor=p["actor_id"], topic=p["topic"]))
    assert not [e for e in at.expander if e.label == "Correct this position"]
    at = ok(run("pages/positions.py", user=ANALYST, actor=p["actor_id"], topic=p["topic"]))
    assert [e for e in at.expander if e.label == "Correct this position"]
    at = opened(at, f"pos_{p['id']}")
    at.selectbox(key=f"pos_{p['id']}_topic").select("venue")
    submit(at, f"pos_{p['id']}_form", "Save")
    assert list(store.history(engine)["who"]) == [ANALYST]
    at = ok(run("pages/history.py", user=VIEWER))
    assert "edit a position" in texts(at).replace("\\", "")
    assert not [b for b in at.button if b.label == "Revert"]
    monkeypatch.setenv("PARLEY_USER", "desk-3")
    at = ok(run("pages/history.py"))
    at = ok(at.button(key="history_revert_1").click().run())
    assert list(store.history(engine)["who"]) == ["desk-3", ANALYST]
    log = recent_writes(engine)  # each correction is a row of the audit log too
    assert list(log["action"][:2]) == ["correction", "correction"]
    assert list(log["who"][:2]) == ["local", ANALYST]
