"""Shared filter state, kept in the URL: parse query parameters into ``Filters`` and back.

Every page reads the same parameters, so a copied link rebuilds the same view:

=========  =======================================  ==========================
name       value                                    Filters field
=========  =======================================  ==========================
from, to   ISO date ``YYYY-MM-DD``                  date_from, date_to
lang       comma-separated language codes           langs
outlet     comma-separated outlet names             outlets
side       comma-separated side ids                 sides
actor      comma-separated actor ids                actors
topic      comma-separated topic ids                topics
a          comma-separated article ids              articles
b          one briefing id                          briefing
=========  =======================================  ==========================

``parse_params`` never raises: a bad value (unknown id, malformed or impossible date,
``from`` after ``to``, over-long value, markup, a path, control characters) is dropped and
described in a notice. Notices never echo the raw value, only a short sanitised preview.
No Streamlit here; parley.ui.state binds this to the sidebar and st.query_params.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from parley.errors import ParleyError
from parley.extract.gazetteer import SIDES

MAX_VALUE_CHARS = 2000  # one parameter's value, before splitting on commas
MAX_IDS = 100  # ids in one comma-separated parameter
MAX_ID_CHARS = 200  # one id (outlet names are the longest)

LIST_PARAMS: dict[str, str] = {  # query parameter -> Filters field (comma-separated ids)
    "lang": "langs",
    "outlet": "outlets",
    "side": "sides",
    "actor": "actors",
    "topic": "topics",
    "a": "articles",
}
PARAM_NAMES: tuple[str, ...] = ("from", "to", *LIST_PARAMS, "b")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MARKUP = re.compile(r"[<>]|&#|javascript:", re.IGNORECASE)
_PATH = re.compile(r"\.\.|[/\\]")


@dataclass(frozen=True)
class Filters:
    """The shared view filters; empty tuples and None mean 'no restriction'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    langs: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    briefing: str | None = None

    def replace(self, **changes: Any) -> Filters:
        """A copy with some fields changed (lists become tuples)."""
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
        return replace(self, **values)


@dataclass(frozen=True)
class KnownIds:
    """The ids a parameter may name; anything else is dropped with a notice."""

    langs: frozenset[str] = frozenset({"ar", "fa", "en"})
    outlets: frozenset[str] = frozenset()
    sides: frozenset[str] = frozenset(SIDES)
    actors: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    briefings: frozenset[str] = frozenset()
    # actor id -> English name, for sidebar labels (not used for validation)
    actor_names: Mapping[str, str] = field(default_factory=dict)

    def for_field(self, name: str) -> frozenset[str]:
        """The known ids for a Filters list field ("langs", "actors", ...)."""
        known: frozenset[str] = getattr(self, name)
        return known


def load_topic_ids() -> frozenset[str]:
    """Topic ids from data/gazetteer/topics.yaml; empty if the file is missing or unreadable."""
    from parley.datafiles import load_yaml

    try:
        data = load_yaml("topics.yaml")
    except ParleyError:
        return frozenset()
    return frozenset(_ids_in(data.get("topics") if isinstance(data, dict) else data))


def _ids_in(entries: Any) -> Iterable[str]:
    """Ids from a YAML list of {id: ...} entries, a list of strings, or a mapping keyed by id."""
    if isinstance(entries, dict):
        yield from (k for k in entries if isinstance(k, str))
    elif isinstance(entries, list):
        for e in entries:
            if isinstance(e, str):
                yield e
            elif isinstance(e, dict) and isinstance(e.get("id"), str):
                yield e["id"]


def preview(value: str, limit: int = 40) -> str:
    """A short, harmless rendering of a rejected value for a notice (letters, digits, -_. only)."""
    cut = value[:limit]
    safe = "".join(ch if (ch.isalnum() or ch in "-_. ") else "?" for ch in cut)
    return safe + ("…" if len(value) > limit else "")


def _has_control(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value)


def check_text(name: str, value: str) -> str | None:
    """The reason ``value`` is unacceptable for parameter ``name``, or None."""
    if len(value) > MAX_VALUE_CHARS:
        return f"'{name}' is too long ({len(value)} characters; at most {MAX_VALUE_CHARS}) and was ignored"
    if _has_control(value):
        return f"'{name}' contains control characters and was ignored"
    if _MARKUP.search(value):
        return f"'{name}' contains markup and was ignored"
    if _PATH.search(value):
        return f"'{name}' looks like a file path and was ignored"
    return None


def _one_value(raw: str | list[str]) -> str:
    """Repeated parameters (?lang=ar&lang=fa) count as one comma-separated value."""
    if isinstance(raw, list):
        return ",".join(str(v) for v in raw)
    return str(raw)


def _parse_date(name: str, value: str, notices: list[str]) -> dt.date | None:
    if not _ISO_DATE.match(value):
        notices.append(f"'{name}' must be a date like 2026-02-04; `{preview(value)}` was ignored")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        notices.append(f"'{name}': `{preview(value)}` is not a real date and was ignored")
        return None


def _parse_ids(name: str, value: str, known: frozenset[str], notices: list[str]) -> tuple[str, ...]:
    parts = [p.strip() for p in value.split(",")]
    parts = [p for p in parts if p]
    if len(parts) > MAX_IDS:
        notices.append(f"'{name}' names {len(parts)} values (at most {MAX_IDS}); it was ignored")
        return ()
    out: list[str] = []
    for p in parts:
        if len(p) > MAX_ID_CHARS:
            notices.append(f"'{name}': a value of {len(p)} characters is too long and was ignored")
        elif p not in known:
            notices.append(f"'{name}': unknown value `{preview(p)}` was ignored")
        elif p not in out:
            out.append(p)
    return tuple(out)


def parse_params(params: Mapping[str, str | list[str]], known: KnownIds) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, and a notice for every value that was dropped."""
    notices: list[str] = []
    values: dict[str, Any] = {}
    for name in PARAM_NAMES:
        if name not in params:
            continue
        try:
            value = _one_value(params[name]).strip()
        except Exception:  # a Mapping from outside may hold anything; never raise
            notices.append(f"'{name}' could not be read and was ignored")
            continue
        if not value:
            continue
        reason = check_text(name, value)
        if reason:
            notices.append(reason)
            continue
        if name in ("from", "to"):
            values["date_from" if name == "from" else "date_to"] = _parse_date(name, value, notices)
        elif name == "b":
            if value in known.briefings:
                values["briefing"] = value
            else:
                notices.append(f"'b': unknown briefing `{preview(value)}` was ignored")
        else:
            fld = LIST_PARAMS[name]
            values[fld] = _parse_ids(name, value, known.for_field(fld), notices)
    start, end = values.get("date_from"), values.get("date_to")
    if start is not None and end is not None and start > end:
        notices.append(f"'from' ({start}) is after 'to' ({end}); both were ignored")
        values["date_from"] = values["date_to"] = None
    return Filters(**values), notices


def to_params(filters: Filters) -> dict[str, str]:
    """Query parameters for ``filters`` (only the non-empty ones); parse_params reads them back."""
    out: dict[str, str] = {}
    if filters.date_from is not None:
        out["from"] = filters.date_from.isoformat()
    if filters.date_to is not None:
        out["to"] = filters.date_to.isoformat()
    for name, fld in LIST_PARAMS.items():
        ids: tuple[str, ...] = getattr(filters, fld)
        if ids:
            out[name] = ",".join(ids)
    if filters.briefing:
        out["b"] = filters.briefing
    return out


APP_PATH = re.compile(r"^/[a-z_]{0,30}$")  # a page path of the app: /read, /timeline, ...


def app_href(path: str, params: Mapping[str, str] | None = None) -> str:
    """A relative app URL like ``/read?a=ID`` with its query values percent-encoded."""
    if not APP_PATH.match(path):
        raise ValueError(f"app_href: {path!r} is not an app page path")
    query = urlencode(list((params or {}).items()))
    return path + ("?" + query if query else "")
