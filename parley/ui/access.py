"""Who may see and change what: the access decision as pure functions (no Streamlit).

Configuration (README "Deploying for a team"):

- ``[auth]`` in ``.streamlit/secrets.toml``, as Streamlit documents it for ``st.login``: sign-in
  is on when the section exists. A broken section never falls back to the open app.
- ``analysts`` and ``viewers``: lists of email addresses, top-level keys of secrets.toml (above
  ``[auth]``) and/or env ``PARLEY_ANALYSTS`` / ``PARLEY_VIEWERS`` (comma-separated); an address
  in either source counts, and an analyst listed as a viewer too is an analyst.
- ``PARLEY_REQUIRE_LOGIN=1``: refuse to run without ``[auth]``.

``decide`` turns the configuration, the signed-in user's claims (``st.user``) and whether the
URL is a briefing link (``?b=ID``) into the screen to show and the role that may act there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["analyst", "viewer"]
# app: the dashboard for a signed-in analyst or viewer; open: the dashboard without sign-in;
# briefing: a briefing link, that briefing alone and read-only, signed in or not;
# sign_in: a signed-out visitor; not_authorised: signed in, on neither list;
# refuse_open: PARLEY_REQUIRE_LOGIN=1 without [auth]; misconfigured: [auth] or the lists are broken.
Screen = Literal["app", "open", "briefing", "sign_in", "not_authorised", "refuse_open", "misconfigured"]

ENV_ANALYSTS = "PARLEY_ANALYSTS"
ENV_VIEWERS = "PARLEY_VIEWERS"
ENV_REQUIRE_LOGIN = "PARLEY_REQUIRE_LOGIN"
LOCAL = "local"  # who writes in open mode
_SHARED_KEYS = ("redirect_uri", "cookie_secret")
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class AccessConfig:
    """The sign-in and role settings of one deployment."""

    sign_in: bool = False  # an [auth] section exists
    providers: tuple[str | None, ...] = ()  # None: the unnamed default provider of [auth]
    analysts: frozenset[str] = frozenset()
    viewers: frozenset[str] = frozenset()
    require_login: bool = False
    problem: str | None = None  # why the app must not run (shown instead of it)


@dataclass(frozen=True)
class Access:
    """What this run shows and who acts: ``who`` is the email, "local" in open mode, "" signed out."""

    screen: Screen
    role: Role | None = None
    who: str = ""

    @property
    def can_write(self) -> bool:
        """Upload, review, save or edit briefings, re-run extraction: analysts, or anyone in open mode."""
        return self.screen in ("app", "open") and self.role == "analyst"

    @property
    def can_read(self) -> bool:
        """The dashboard's pages (a briefing link shows only its briefing)."""
        return self.screen in ("app", "open") and self.role is not None


def email_list(value: object) -> frozenset[str]:
    """Addresses from a TOML list or a comma-separated string, trimmed and lower-cased."""
    items: list[object]
    if value is None:
        return frozenset()
    if isinstance(value, str):
        items = list(value.split(","))
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return frozenset()
    return frozenset(s for s in (str(i).strip().lower() for i in items) if s)


def _auth_problem(auth: object) -> tuple[tuple[str | None, ...], str | None]:
    """The providers of an [auth] section, or what is wrong with it."""
    if not isinstance(auth, Mapping):
        return (), "[auth] in secrets.toml must be a table"
    missing = [k for k in _SHARED_KEYS if not auth.get(k)]
    if missing:
        return (), f"[auth] in secrets.toml lacks {', '.join(missing)}"
    named = [str(k) for k, v in auth.items() if isinstance(v, Mapping)]
    providers: list[str | None] = [None] if any(k in auth for k in _PROVIDER_KEYS) else []
    providers += sorted(named)
    if not providers:
        return (), "[auth] in secrets.toml names no provider (client_id, client_secret, server_metadata_url)"
    for name in providers:
        section = auth if name is None else auth[name]
        gaps = [k for k in _PROVIDER_KEYS if not section.get(k)]
        where = "[auth]" if name is None else f"[auth.{name}]"
        if gaps:
            return (), f"{where} in secrets.toml lacks {', '.join(gaps)}"
        if name is not None and "_" in name:
            return (), f"{where}: provider names cannot contain '_'"
    return tuple(providers), None


def access_config(secrets: Mapping[str, Any], env: Mapping[str, str],
                  secrets_error: str | None = None) -> AccessConfig:
    """The configuration from parsed secrets.toml and the environment.

    ``secrets_error``: secrets.toml exists but could not be read; the app must not run open then.
    """
    require = env.get(ENV_REQUIRE_LOGIN, "").strip().lower() in _TRUE
    if secrets_error:
        return AccessConfig(require_login=require,
                            problem=f"secrets.toml could not be read ({secrets_error})")
    analysts = email_list(secrets.get("analysts")) | email_list(env.get(ENV_ANALYSTS))
    viewers = email_list(secrets.get("viewers")) | email_list(env.get(ENV_VIEWERS))
    if "auth" not in secrets:
        return AccessConfig(analysts=analysts, viewers=viewers, require_login=require)
    auth = secrets["auth"]
    providers, problem = _auth_problem(auth)
    if problem is None and isinstance(auth, Mapping) and ("analysts" in auth or "viewers" in auth):
        problem = "analysts and viewers belong at the top of secrets.toml, above [auth]"
    if problem is None and not (analysts or viewers):
        problem = (f"sign-in is configured but no one is listed: set analysts and viewers in "
                   f"secrets.toml or {ENV_ANALYSTS} / {ENV_VIEWERS}")
    return AccessConfig(sign_in=True, providers=providers, analysts=analysts, viewers=viewers,
                        require_login=require, problem=problem)


def user_email(user: Mapping[str, Any]) -> str:
    """The signed-in user's email, lower-cased ('' when signed out or the provider gave none)."""
    if user.get("is_logged_in") is not True:
        return ""
    email = user.get("email")
    return email.strip().lower() if isinstance(email, str) else ""


def role_of(user: Mapping[str, Any], config: AccessConfig) -> Role | None:
    """The role of a signed-in user: by email; an address the provider says is unverified has none."""
    email = user_email(user)
    if not email or user.get("email_verified") is False:
        return None
    if email in config.analysts:
        return "analyst"
    if email in config.viewers:
        return "viewer"
    return None


def decide(config: AccessConfig, user: Mapping[str, Any], *, briefing_link: bool) -> Access:
    """The screen for this run and who acts on it."""
    if config.problem:
        return Access("misconfigured")
    if not config.sign_in:
        if config.require_login:
            return Access("refuse_open")
        if briefing_link:
            return Access("briefing", who=LOCAL)
        return Access("open", role="analyst", who=LOCAL)
    email = user_email(user)
    role = role_of(user, config)
    if briefing_link:
        return Access("briefing", role=role, who=email)
    if user.get("is_logged_in") is not True:
        return Access("sign_in")
    if role is None:  # on neither list, no email, or an unverified one
        return Access("not_authorised", who=email)
    return Access("app", role=role, who=email)
