"""Sign-in end to end in Chromium: st.login against a real OIDC provider on loopback
(oidc-provider-mock, started here in a thread), a Streamlit server started with a temporary
secrets.toml pointing at it. Covers a signed-out visitor, an analyst (whose writes land in the
audit log), a viewer (whose upload is refused), a stranger, and a signed-out briefing link.

The provider's authorisation page asks for a subject; it becomes the user's email claim.
Screenshots: tests/artifacts/signin_*.png.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from apptest.seeddb import build_seeded_db
from browser.conftest import READY, _free_port, _need_browser, running_server, screenshot
from sqlalchemy import func, select

from parley.store.audit import recent_writes
from parley.store.briefings import save_briefing
from parley.store.db import make_engine
from parley.store.schema import articles, candidates

pytestmark = pytest.mark.browser

ANALYST, VIEWER, STRANGER = "ana@example.org", "vic@example.org", "eve@example.org"
NEW_ARTICLE = ("Oman's foreign minister said a new round of talks between the United States and Iran "
               "would be held in Muscat next week.\n")
TIMEOUT = 60_000


@dataclass(frozen=True)
class SignInApp:
    base: str  # the dashboard
    provider: str  # the OIDC provider
    db_url: str
    briefing_id: str


def _secrets_toml(port: int, provider: str) -> str:
    return f"""analysts = ["{ANALYST}"]
viewers = ["{VIEWER}"]

[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "parley-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignInApp]:
    """The OIDC provider, and a dashboard over its own seeded store with sign-in configured."""
    _need_browser()
    from oidc_provider_mock import run_server_in_thread

    tmp = tmp_path_factory.mktemp("signin")
    db = build_seeded_db(tmp / "parley.db")
    bid = save_briefing(make_engine(db.url), "Muscat talks: what each side says", "Shared with partners.",
                        {"lang": "ar,fa"}).id
    with run_server_in_thread() as oidc:
        provider = f"http://localhost:{oidc.server_port}"
        port = _free_port()
        toml = tmp / "secrets.toml"
        toml.write_text(_secrets_toml(port, provider), encoding="utf-8")
        clean = {"PARLEY_ANALYSTS": "", "PARLEY_VIEWERS": "", "PARLEY_REQUIRE_LOGIN": "1"}
        with running_server(db.url, "streamlit-signin-server", port=port,
                            args=["--secrets.files", str(toml)], env=clean) as base:
            yield SignInApp(base=base, provider=provider, db_url=db.url, briefing_id=bid)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context per test: no identity cookie carried between users."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    yield ctx
    ctx.close()


def _open(ctx: Any, url: str) -> Any:
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_selector(READY, timeout=TIMEOUT)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=TIMEOUT)
    return page


def _settle(page: Any) -> None:
    page.wait_for_selector(READY, timeout=TIMEOUT)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=TIMEOUT)


def _sign_in(ctx: Any, app: SignInApp, email: str) -> Any:
    """Sign in through the real flow: app -> provider's form -> /oauth2callback -> app."""
    page = _open(ctx, app.base + "/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(app.provider + "/oauth2/authorize**", timeout=TIMEOUT)
    page.locator("input[name=sub]").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(app.base + "/**", timeout=TIMEOUT)
    _settle(page)
    return page


def _nav_links(page: Any) -> int:
    return int(page.locator("[data-testid=stSidebarNav] a").count())


def test_signed_out_visitor_sees_only_the_sign_in_page(app: SignInApp, context: Any) -> None:
    page = _open(context, app.base + "/")
    page.get_by_text("Sign in to continue").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT)
    assert _nav_links(page) == 0 and page.locator("[data-testid=stDataFrame]").count() == 0
    screenshot(page, "signin_page")
    deep = _open(context, app.base + "/library")  # a deep link is the same sign-in page
    deep.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT)
    assert deep.locator("input[type=file]").count() == 0 and _nav_links(deep) == 0


def test_analyst_signs_in_writes_and_the_audit_log_records_it(app: SignInApp, context: Any) -> None:
    page = _sign_in(context, app, ANALYST)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text(f"Signed in as {ANALYST} (analyst)").wait_for(timeout=TIMEOUT)
    assert _nav_links(page) >= 10

    lib = _open(context, app.base + "/library")
    lib.locator("input[type=file]").set_input_files([
        {"name": "muscat.txt", "mimeType": "text/plain", "buffer": NEW_ARTICLE.encode("utf-8")}])
    lib.get_by_role("button", name="Ingest 1 file(s)").click(timeout=TIMEOUT)
    lib.get_by_text("ingested 1, duplicates 0, already stored 0, rejected 0").wait_for(timeout=120_000)

    review = _open(context, app.base + "/review")
    review.get_by_role("button", name="Accepted").first.click()
    _settle(review)
    review.get_by_text("2 recorded").wait_for(timeout=TIMEOUT)
    screenshot(review, "signin_analyst_review_audit")

    engine = make_engine(app.db_url)
    log = recent_writes(engine)
    assert list(log["action"][:2]) == ["candidate_status", "upload"]
    assert set(log["who"][:2]) == {ANALYST}
    with engine.connect() as conn:
        accepted = conn.execute(select(candidates.c.id).where(candidates.c.status == "accepted")).scalar_one()
        new_id = conn.execute(select(articles.c.id).where(articles.c.origin.like("%muscat.txt"))).scalar_one()
    assert log.iloc[0]["ids"] == str(accepted) and log.iloc[0]["detail"] == "accepted"
    assert log.iloc[1]["ids"] == new_id and "ingested 1" in log.iloc[1]["detail"]
    assert review.locator("[data-testid=stDataFrame]").last.is_visible()  # the log on the page


def test_viewer_reads_and_an_upload_is_refused(app: SignInApp, context: Any) -> None:
    page = _sign_in(context, app, VIEWER)
    page.locator("[data-testid=stSidebar]").get_by_text(f"Signed in as {VIEWER} (viewer)").wait_for(
        timeout=TIMEOUT)
    page.get_by_text("Corpus overview").wait_for(timeout=TIMEOUT)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=TIMEOUT)
    _settle(page)
    assert _nav_links(page) >= 10
    screenshot(page, "signin_viewer_page")

    with make_engine(app.db_url).connect() as conn:
        before = conn.execute(select(func.count()).select_from(articles)).scalar_one()
    lib = _open(context, app.base + "/library")
    lib.get_by_text("Uploading is for analysts").wait_for(timeout=TIMEOUT)
    assert lib.locator("input[type=file]").count() == 0
    assert lib.get_by_role("button", name="Ingest").count() == 0
    screenshot(lib, "signin_viewer_upload_refused")
    review = _open(context, app.base + "/review")
    assert review.get_by_role("button", name="Accepted").count() == 0
    review.get_by_text("Only analysts accept or reject candidates").wait_for(timeout=TIMEOUT)
    with make_engine(app.db_url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == before
    assert VIEWER not in set(recent_writes(make_engine(app.db_url))["who"])


def test_a_stranger_is_not_authorised(app: SignInApp, context: Any) -> None:
    page = _sign_in(context, app, STRANGER)
    page.get_by_text("Not authorised").first.wait_for(timeout=TIMEOUT)
    assert page.get_by_text(STRANGER).first.is_visible()
    assert _nav_links(page) == 0 and page.locator("[data-testid=stDataFrame]").count() == 0
    page.get_by_role("button", name="Sign out").wait_for(timeout=TIMEOUT)
    screenshot(page, "signin_not_authorised")
    # signing out leads back to the sign-in page
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_timeout(500)
    again = _open(context, app.base + "/")
    again.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT)


def test_a_briefing_link_opens_signed_out_alone_and_read_only(app: SignInApp, context: Any) -> None:
    page = _open(context, app.base + f"/briefing?b={app.briefing_id}")
    page.get_by_text("Muscat talks: what each side says").wait_for(timeout=TIMEOUT)
    page.get_by_text(f"Saved briefing {app.briefing_id}").wait_for(timeout=TIMEOUT)
    assert _nav_links(page) == 0
    assert page.locator("[data-testid=stSidebar]").count() == 0  # no menu, no filters
    assert page.get_by_role("button", name="Sign in").count() == 0
    for widget in ("stTextInput", "stTextArea", "stMultiSelect", "stFileUploader"):
        assert page.locator(f"[data-testid={widget}]").count() == 0, widget
    assert page.get_by_role("button", name="Save briefing").count() == 0
    page.get_by_role("button", name="HTML file").wait_for(timeout=TIMEOUT)  # downloads stay
    screenshot(page, "signin_briefing_link_signed_out")
    # the link opens nothing else: the dashboard itself still asks to sign in
    home = _open(context, app.base + "/")
    home.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT)
    assert "" not in set(recent_writes(make_engine(app.db_url))["who"])  # a signed-out visitor wrote nothing
