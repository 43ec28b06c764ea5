"""Sign-in with Streamlit's own st.login (OIDC) and the analyst / viewer roles, for the router and
the pages. The decision itself is pure (parley/ui/access.py); this module feeds it st.secrets,
the environment and st.user, draws the screens that stand in for the app, and guards writes.

Every run decides afresh (nothing is trusted from session state): ``current()`` is cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from parley.errors import ParleyError
from parley.ui.access import LOCAL, Access, AccessConfig, access_config, decide
from parley.ui.html import md_text

__all__ = ["LOCAL", "Access", "NotAuthorised", "config", "current", "require_analyst", "screen_page",
           "sidebar_status"]


class NotAuthorised(ParleyError):
    """A write was asked for by someone who may not make it."""


def _secrets() -> tuple[dict[str, Any], str | None]:
    """Parsed secrets (st.secrets, so AppTest's at.secrets counts) and a read error, if any."""
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        return dict(st.secrets.to_dict()), None
    except StreamlitSecretNotFoundError as exc:
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return {}, None
        return {}, str(exc).splitlines()[0][:300]


def config() -> AccessConfig:
    """This deployment's sign-in and role configuration."""
    secrets, error = _secrets()
    return access_config(secrets, os.environ, error)


def _user() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no script context (bare mode)
        return {}


def current() -> Access:
    """The screen and role of this run; a URL with ``b`` is a briefing link."""
    return decide(config(), _user(), briefing_link="b" in st.query_params)


def require_analyst(action: str) -> Access:
    """The access of this run if it may write; NotAuthorised (shown as one line) otherwise."""
    access = current()
    if not access.can_write:
        who = access.who or "a signed-out visitor"
        raise NotAuthorised(f"only analysts may {action}; {who} may not")
    return access


# --- the screens that stand in for the app ------------------------------------------------------

def _sign_in() -> None:
    st.title("Parley")
    st.subheader("Sign in to continue")
    st.write("This dashboard is for the team's analysts and viewers. Sign in with your "
             "organisation's account.")
    for provider in config().providers:
        label = "Sign in" if provider is None else f"Sign in with {provider.capitalize()}"
        if st.button(label, type="primary", icon=":material/login:", key=f"parley_login_{provider or ''}"):
            st.login(provider)
    st.caption("Someone sent you a briefing link? It opens without signing in.")


def _sign_out_button() -> None:
    if st.button("Sign out", icon=":material/logout:", key="parley_logout"):
        st.logout()


def _not_authorised() -> None:
    access = current()
    st.title("Not authorised")
    st.error(md_text(f"You are signed in as {access.who or 'an account without an email address'}, "
                     "but that account is not on Parley's list of analysts or viewers."),
             icon=":material/block:")
    st.write("Ask the person who runs Parley to add your address, then sign in again.")
    _sign_out_button()


def _refuse_open() -> None:
    st.title("Parley will not start without sign-in")
    st.error("PARLEY_REQUIRE_LOGIN=1 is set, but sign-in is not configured: .streamlit/secrets.toml "
             "has no [auth] section. Add one (README, \"Deploying for a team\") or unset "
             "PARLEY_REQUIRE_LOGIN to run open on a trusted machine.", icon=":material/lock:")


def _misconfigured() -> None:
    st.title("Sign-in is misconfigured")
    problem = config().problem or "unknown problem"
    st.error(md_text(f"Parley will not start: {problem}."), icon=":material/error:")
    st.write("See README, \"Deploying for a team\".")


_SCREENS: dict[str, tuple[Callable[[], None], str]] = {
    "sign_in": (_sign_in, "Sign in"),
    "not_authorised": (_not_authorised, "Not authorised"),
    "refuse_open": (_refuse_open, "Sign-in required"),
    "misconfigured": (_misconfigured, "Sign-in misconfigured"),
}


def screen_page(access: Access) -> tuple[Callable[[], None], str]:
    """The page function and title that stand in for the app on this screen."""
    return _SCREENS[access.screen]


def sidebar_status(access: Access) -> None:
    """Say in the sidebar how this app is open: 'open mode', or who is signed in with which role."""
    with st.sidebar:
        if access.screen == "open":
            st.caption("open mode: no sign-in", help="Anyone who can reach this server may read and "
                       "write. Configure [auth] in .streamlit/secrets.toml for a team.")
        elif access.screen == "app":
            st.caption(md_text(f"Signed in as {access.who} ({access.role})"))
            _sign_out_button()
