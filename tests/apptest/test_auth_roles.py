"""The access decision as pure functions (parley/ui/access.py): configuration from secrets and the
environment, the role of a signed-in user, and the screen each case gets."""

from __future__ import annotations

from typing import Any

import pytest

from parley.ui.access import Access, AccessConfig, access_config, decide, email_list, role_of

AUTH: dict[str, Any] = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "0123456789abcdef0123456789abcdef",
    "client_id": "parley",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
TEAM = {"analysts": ["Ana@Example.org"], "viewers": "vic@example.org, val@example.org", "auth": AUTH}


def signed_in(email: str | None, **claims: Any) -> dict[str, Any]:
    return {"is_logged_in": True, **({"email": email} if email is not None else {}), **claims}


SIGNED_OUT = {"is_logged_in": False}


def test_email_lists_from_toml_lists_and_comma_strings() -> None:
    assert email_list([" A@x.org ", "b@y.org", ""]) == {"a@x.org", "b@y.org"}
    assert email_list("a@x.org,, B@y.org ") == {"a@x.org", "b@y.org"}
    assert email_list(None) == frozenset() and email_list(42) == frozenset()


def test_lists_come_from_secrets_and_the_environment() -> None:
    cfg = access_config(TEAM, {"PARLEY_ANALYSTS": "env@example.org", "PARLEY_VIEWERS": " "})
    assert cfg.sign_in and cfg.problem is None and cfg.providers == (None,)
    assert cfg.analysts == {"ana@example.org", "env@example.org"}
    assert cfg.viewers == {"vic@example.org", "val@example.org"}
    only_env = access_config({"auth": AUTH}, {"PARLEY_VIEWERS": "v@x.org"})
    assert only_env.problem is None and only_env.viewers == {"v@x.org"}


def test_no_auth_section_is_open_mode_unless_login_is_required() -> None:
    assert decide(access_config({}, {}), {}, briefing_link=False) == Access("open", "analyst", "local")
    assert decide(access_config({}, {}), {}, briefing_link=True) == Access("briefing", None, "local")
    required = access_config({}, {"PARLEY_REQUIRE_LOGIN": "1"})
    assert decide(required, {}, briefing_link=False).screen == "refuse_open"
    assert decide(required, {}, briefing_link=True).screen == "refuse_open"
    assert not decide(required, {}, briefing_link=False).can_read
    # with [auth], the requirement is met
    assert access_config(TEAM, {"PARLEY_REQUIRE_LOGIN": "1"}).problem is None


@pytest.mark.parametrize(("secrets", "env", "problem"), [
    ({"auth": {**AUTH, "cookie_secret": ""}}, {}, "lacks cookie_secret"),
    ({"auth": {k: v for k, v in AUTH.items() if k != "redirect_uri"}}, {}, "lacks redirect_uri"),
    ({"auth": {k: v for k, v in AUTH.items() if k != "client_secret"}}, {}, "lacks client_secret"),
    ({"auth": {"redirect_uri": "x", "cookie_secret": "y"}}, {}, "names no provider"),
    ({"auth": {"redirect_uri": "x", "cookie_secret": "y", "okta": {"client_id": "c"}}}, {}, "[auth.okta]"),
    ({"auth": "yes"}, {}, "must be a table"),
    ({"auth": AUTH}, {}, "no one is listed"),
    ({"auth": {**AUTH, "analysts": ["a@x.org"]}}, {}, "above [auth]"),
])
def test_a_broken_configuration_never_runs_open(secrets: dict[str, Any], env: dict[str, str],
                                                problem: str) -> None:
    cfg = access_config(secrets, env)
    assert cfg.problem and problem in cfg.problem
    for user in (SIGNED_OUT, signed_in("ana@example.org")):
        for link in (False, True):
            access = decide(cfg, user, briefing_link=link)
            assert access.screen == "misconfigured" and not access.can_read and not access.can_write


def test_an_unreadable_secrets_file_never_runs_open() -> None:
    cfg = access_config({}, {}, secrets_error="Error parsing secrets file")
    assert decide(cfg, {}, briefing_link=False).screen == "misconfigured"


def test_named_providers() -> None:
    okta = {"client_id": "c", "client_secret": "s", "server_metadata_url": "https://o/.well-known"}
    auth = {"redirect_uri": "r", "cookie_secret": "c", "okta": okta, "google": okta}
    cfg = access_config({"analysts": ["a@x.org"], "auth": auth}, {})
    assert cfg.problem is None and cfg.providers == ("google", "okta")


def test_roles_by_email() -> None:
    cfg = access_config(TEAM, {})
    assert role_of(signed_in("ana@example.org"), cfg) == "analyst"
    assert role_of(signed_in(" ANA@example.org "), cfg) == "analyst"  # case and spaces do not matter
    assert role_of(signed_in("vic@example.org"), cfg) == "viewer"
    assert role_of(signed_in("eve@example.org"), cfg) is None
    assert role_of(signed_in("ana@example.org", email_verified=False), cfg) is None  # unverified
    assert role_of(signed_in("ana@example.org", email_verified=True), cfg) == "analyst"
    assert role_of(signed_in(None), cfg) is None
    assert role_of({"email": "ana@example.org"}, cfg) is None  # not signed in
    both = AccessConfig(sign_in=True, analysts=frozenset({"a@x.org"}), viewers=frozenset({"a@x.org"}))
    assert role_of(signed_in("a@x.org"), both) == "analyst"


def test_screens_with_sign_in() -> None:
    cfg = access_config(TEAM, {})
    cases = {
        "signed out": (SIGNED_OUT, Access("sign_in")),
        "no claims": ({}, Access("sign_in")),
        "analyst": (signed_in("ana@example.org"), Access("app", "analyst", "ana@example.org")),
        "viewer": (signed_in("vic@example.org"), Access("app", "viewer", "vic@example.org")),
        "stranger": (signed_in("eve@example.org"), Access("not_authorised", None, "eve@example.org")),
        "no email": (signed_in(None), Access("not_authorised", None, "")),
    }
    for name, (user, expected) in cases.items():
        assert decide(cfg, user, briefing_link=False) == expected, name
    assert decide(cfg, cases["analyst"][0], briefing_link=False).can_write
    viewer = decide(cfg, cases["viewer"][0], briefing_link=False)
    assert viewer.can_read and not viewer.can_write
    # a briefing link opens for anyone, and no one writes there
    for name, (user, _) in cases.items():
        link = decide(cfg, user, briefing_link=True)
        assert link.screen == "briefing" and not link.can_write and not link.can_read, name


def test_the_example_secrets_file_is_a_valid_configuration() -> None:
    """.streamlit/secrets.example.toml, the README's template, configures sign-in without a problem."""
    import tomllib
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.example.toml"
    cfg = access_config(tomllib.loads(example.read_text(encoding="utf-8")), {})
    assert cfg.sign_in and cfg.problem is None and cfg.providers == (None,)
    assert cfg.analysts and cfg.viewers
