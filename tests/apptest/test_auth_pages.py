"""Sign-in and roles through the whole router in AppTest: st.user is simulated (AppTest.user) and
[auth] given as secrets (AppTest.secrets), so each screen, each role's pages and the audit log of
every write are checked without a provider (tests/browser/test_signin.py signs in for real)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest.conftest import REPO, texts
from apptest.seeddb import SeededDb, build_seeded_db
from apptest.test_auth_roles import AUTH
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from parley.errors import StoreError
from parley.store.audit import count_writes, recent_writes
from parley.store.briefings import save_briefing
from parley.store.db import make_engine
from parley.store.schema import candidates

ANALYST, VIEWER, STRANGER = "ana@example.org", "vic@example.org", "eve@example.org"
TEAM: dict[str, Any] = {"analysts": [ANALYST], "viewers": [VIEWER], "auth": AUTH}
ENV = ("PARLEY_ANALYSTS", "PARLEY_VIEWERS", "PARLEY_REQUIRE_LOGIN")

Run = Callable[..., AppTest]


@pytest.fixture
def db(tmp_path: Path) -> SeededDb:
    """A database of its own: these tests write."""
    return build_seeded_db(tmp_path / "auth.db")


@pytest.fixture
def run(db: SeededDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """run("pages/x.py", user=EMAIL|None, secrets=..., **params): one run of the router.

    ``user``: an email signs that user in; None is a signed-out visitor; ``secrets``: TEAM by
    default (sign-in configured); {} for open mode.
    """
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def go(page: str, *, user: str | None = None, secrets: dict[str, Any] | None = None,
           claims: dict[str, Any] | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
        at.secrets.update(TEAM if secrets is None else secrets)
        at.user = {"is_logged_in": False} if user is None else {"is_logged_in": True, "email": user,
                                                                 **(claims or {})}
        at.switch_page(page)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    yield go


def _titles(at: AppTest) -> list[str]:
    return [str(t.value) for t in at.title]


def _labels(at: AppTest) -> list[str]:
    return [str(b.label) for b in at.button]


def _sidebar(at: AppTest) -> str:
    return "\n".join(str(getattr(e, "value", "")) for e in at.sidebar.caption).replace("\\", "")


def _plain(at: AppTest, kind: str) -> str:
    """The texts of one kind of element without their markdown escapes."""
    return texts(at, kind).replace("\\", "")


def _errors(at: AppTest) -> str:
    return _plain(at, "error")


def _uploaders(at: AppTest) -> int:
    return len(at.get("file_uploader"))


# --- open mode (no [auth]) ---------------------------------------------------------------------

def test_open_mode_runs_as_today_and_says_so(run: Run) -> None:
    at = run("pages/library.py", secrets={})
    assert not at.exception
    assert "open mode: no sign-in" in _sidebar(at)
    assert _uploaders(at) == 1
    review = run("pages/review.py", secrets={})
    assert "Accepted" in _labels(review) and "Sign out" not in _labels(review)


def test_require_login_refuses_to_run_open(run: Run, monkeypatch: pytest.MonkeyPatch, db: SeededDb) -> None:
    monkeypatch.setenv("PARLEY_REQUIRE_LOGIN", "1")
    bid = save_briefing(make_engine(db.url), "t", "", {"lang": "ar"}).id
    for page, params in (("pages/home.py", {}), ("pages/library.py", {}), ("pages/briefing.py", {"b": bid})):
        at = run(page, secrets={}, **params)
        assert not at.exception
        assert _titles(at) == ["Parley will not start without sign-in"], page
        assert "PARLEY_REQUIRE_LOGIN=1" in _errors(at)
        assert not at.dataframe and _uploaders(at) == 0 and not at.get("download_button")
    # with [auth] configured the same setting lets the app start: a sign-in page
    assert "Sign in" in _labels(run("pages/home.py"))


def test_broken_auth_section_shows_the_problem_not_the_app(run: Run) -> None:
    at = run("pages/home.py", secrets={**TEAM, "auth": {**AUTH, "cookie_secret": ""}}, user=ANALYST)
    assert _titles(at) == ["Sign-in is misconfigured"] and "lacks cookie_secret" in _errors(at)
    assert not at.dataframe
    nobody = run("pages/home.py", secrets={"auth": AUTH})
    assert "no one is listed" in _errors(nobody)


# --- sign-in configured ------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["pages/home.py", "pages/library.py", "pages/review.py", "pages/actors.py"])
def test_signed_out_visitors_see_only_the_sign_in_page(run: Run, page: str) -> None:
    at = run(page)
    assert not at.exception
    assert _titles(at) == ["Parley"] and _labels(at) == ["Sign in"]
    assert not at.dataframe and not at.multiselect and _uploaders(at) == 0
    assert "open mode" not in _sidebar(at)
    assert "هاكان" not in "\n".join(str(h.proto.body) for h in at.get("html"))  # no store content


def test_a_signed_in_stranger_is_not_authorised(run: Run) -> None:
    at = run("pages/home.py", user=STRANGER)
    assert _titles(at) == ["Not authorised"]
    assert STRANGER in _errors(at) and "not on Parley's list" in _errors(at)
    assert _labels(at) == ["Sign out"] and not at.dataframe
    unverified = run("pages/home.py", user=ANALYST, claims={"email_verified": False})
    assert _titles(unverified) == ["Not authorised"]


def test_analysts_from_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_ANALYSTS", "env@example.org, other@example.org")
    at = run("pages/library.py", user="Env@Example.org", secrets={"auth": AUTH})
    assert _uploaders(at) == 1 and "Signed in as env@example.org (analyst)" in _sidebar(at)


def test_analysts_write_everywhere(run: Run) -> None:
    lib = run("pages/library.py", user=ANALYST)
    assert not lib.exception and _uploaders(lib) == 1
    assert f"Signed in as {ANALYST} (analyst)" in _sidebar(lib) and "Sign out" in _labels(lib)
    assert "Accepted" in _labels(run("pages/review.py", user=ANALYST))
    brief = run("pages/briefing.py", user=ANALYST)
    assert [t.label for t in brief.main.text_input] == ["Title"] and "Save briefing" in _labels(brief)


def test_viewers_read_every_page_and_write_nothing(run: Run) -> None:
    for page in ("home", "read", "actors", "positions", "timeline", "network", "compare"):
        at = run(f"pages/{page}.py", user=VIEWER)
        assert not at.exception, page
        assert f"Signed in as {VIEWER} (viewer)" in _sidebar(at), page
    lib = run("pages/library.py", user=VIEWER)
    assert _uploaders(lib) == 0 and "Uploading is for analysts" in texts(lib, "warning")
    review = run("pages/review.py", user=VIEWER)
    assert not ({"Accepted", "Rejected", "Reset"} & set(_labels(review)))
    assert "Only analysts accept or reject" in texts(review, "caption")
    assert "Audit log" in [str(s.value) for s in review.subheader]
    brief = run("pages/briefing.py", user=VIEWER, lang="fa")
    assert not brief.exception and not brief.main.text_input and not brief.text_area  # the sidebar: search
    assert "Save briefing" not in _labels(brief) and len(brief.get("download_button")) == 4


def test_a_viewers_write_is_refused_by_the_ui_layer(db: SeededDb, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a write a viewer's page never offers is refused where it is made (parley/ui)."""
    monkeypatch.setenv("PARLEY_DB_URL", db.url)

    def script() -> None:
        import streamlit as st

        from parley.filters import Filters
        from parley.ui import briefing, store
        from parley.ui.auth import NotAuthorised

        for name, write in (("upload", lambda: store.ingest_files([("x.txt", b"Talks in Muscat.\n")])),
                            ("review", lambda: store.set_candidate_status(1, "accepted")),
                            ("save", lambda: briefing.save("t", "", Filters()))):
            try:
                write()
                st.write(f"{name}: written")
            except NotAuthorised as exc:
                st.write(f"{name}: refused: {exc}")

    at = AppTest.from_function(script, default_timeout=60)
    at.secrets.update(TEAM)
    at.user = {"is_logged_in": True, "email": VIEWER}
    at.run()
    assert not at.exception
    out = texts(at)
    assert out.count("refused: only analysts may") == 3 and "written" not in out
    engine = make_engine(db.url)
    assert count_writes(engine) == 0
    with engine.connect() as conn:
        assert {s for (s,) in conn.execute(select(candidates.c.status))} == {"new"}


def test_every_write_is_in_the_audit_log(run: Run, db: SeededDb) -> None:
    review = run("pages/review.py", user=ANALYST)
    next(b for b in review.button if b.label == "Rejected").click()
    review.run()
    assert not review.exception
    brief = run("pages/briefing.py", user=ANALYST, lang="fa")
    next(b for b in brief.button if b.label == "Save briefing").click()
    brief.run()
    assert not brief.exception
    lib = run("pages/library.py", user=ANALYST)
    assert not lib.exception
    log = recent_writes(make_engine(db.url))
    assert list(log["action"]) == ["briefing_save", "candidate_status"]
    assert set(log["who"]) == {ANALYST}
    with make_engine(db.url).connect() as conn:
        rejected = conn.execute(select(candidates.c.id).where(candidates.c.status == "rejected")).scalar_one()
    assert log.iloc[1]["ids"] == str(rejected) and log.iloc[1]["detail"] == "rejected"
    assert len(log.iloc[0]["ids"]) == 8  # the saved briefing's id
    shown = run("pages/review.py", user=VIEWER)  # the log, newest first, for viewers too
    frame = next(d.value for d in shown.dataframe if list(d.value.columns)[:3] == ["at", "who", "action"])
    assert list(frame["action"]) == ["briefing_save", "candidate_status"]
    assert "2 recorded" in texts(shown, "caption")


def test_open_mode_writes_are_logged_as_local(run: Run, db: SeededDb) -> None:
    review = run("pages/review.py", secrets={})
    next(b for b in review.button if b.label == "Accepted").click()
    review.run()
    log = recent_writes(make_engine(db.url))
    assert list(log["who"]) == ["local"] and list(log["action"]) == ["candidate_status"]


# --- briefing links ----------------------------------------------------------------------------

@pytest.mark.parametrize("user", [None, VIEWER, ANALYST, STRANGER])
def test_a_briefing_link_opens_alone_and_read_only_for_anyone(run: Run, db: SeededDb,
                                                               user: str | None) -> None:
    bid = save_briefing(make_engine(db.url), "Shared <i>note</i>", "For the reader.", {"lang": "fa"}).id
    for page in ("pages/briefing.py", "pages/library.py"):  # any path with ?b= is the link
        at = run(page, user=user, b=bid)
        assert not at.exception, (user, page)
        assert f"Saved briefing {bid}" in _plain(at, "info") and "Read-only" in _plain(at, "info")
        assert not at.text_input and not at.text_area and not at.button and _uploaders(at) == 0
        assert not at.multiselect and not at.date_input  # no sidebar filters
        assert not at.sidebar.children  # nothing in the sidebar: no status, no filters
        assert len(at.get("download_button")) == 4
    assert count_writes(make_engine(db.url)) == 0


def test_an_upload_that_fails_part_way_is_logged(db: SeededDb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("cannot store article: disk full")

    monkeypatch.setattr("parley.ui.store.ingest_uploads", broken)

    def script() -> None:
        from parley.ui import store
        from parley.ui.errors import shown_errors

        with shown_errors("Ingest failed"):
            store.ingest_files([("a.txt", b"Talks in Muscat.\n")])

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception and "disk full" in _errors(at)
    log = recent_writes(make_engine(db.url))
    assert list(log["who"]) == ["local"] and list(log["action"]) == ["upload"]
    assert "failed after storing 0: cannot store article: disk full" in log.iloc[0]["detail"]
