"""Shared-link state: the sidebar filters and each page's own selection live in st.query_params.

Opening a copied URL rebuilds the same view. The flow on every run:

1. read st.query_params and validate them with parley.filters.parse_params (bad values are
   dropped, each with an st.warning, and the URL is rewritten without them);
2. set the sidebar widgets' session state from the parsed filters;
3. a widget change runs ``_on_filters_changed``, which writes the filters back to the URL.

Usage in a page::

    filters = state.sidebar_filters()          # Filters, validated
    actor = state.page_param("actor", known)    # a page's own selection, validated
    state.copy_link()                           # the URL of this view, ready to copy
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from parley.filters import PARAM_NAMES, Filters, KnownIds, check_text, parse_params, preview, to_params
from parley.render.html import view_link
from parley.ui import store
from parley.ui.html import md_text, show_html

_PREFIX = "parley_f_"
_LIST_WIDGETS: dict[str, str] = {  # Filters field -> widget label
    "langs": "Languages",
    "outlets": "Outlets",
    "sides": "Sides",
    "actors": "Actors",
    "topics": "Topics",
}
_LANG_NAMES = {"ar": "Arabic (ar)", "fa": "Persian (fa)", "en": "English (en)"}
_PAGE_KEY = "parley_page"  # set by dashboard.py: the url_path of the page being run
_LAST_PAGE_KEY = "parley_last_page"
_REMEMBERED_KEY = "parley_filters"
_STICKY = ("from", "to", "lang", "outlet", "side", "actor", "topic")  # carried across pages


def note_page(url_path: str) -> None:
    """Record which page runs now (dashboard.py calls this before pg.run())."""
    st.session_state[_PAGE_KEY] = url_path


def raw_params() -> dict[str, str | list[str]]:
    """st.query_params as a plain dict (repeated keys as lists)."""
    qp = st.query_params
    out: dict[str, str | list[str]] = {}
    for k in qp.keys():  # noqa: SIM118 - QueryParams is not a plain dict
        values = qp.get_all(k)
        out[k] = values if len(values) > 1 else (values[0] if values else "")
    return out


def _restore_after_page_switch(raw: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Switching pages in the menu drops the query string: bring the sidebar filters along."""
    page, last = st.session_state.get(_PAGE_KEY), st.session_state.get(_LAST_PAGE_KEY)
    st.session_state[_LAST_PAGE_KEY] = page
    remembered = st.session_state.get(_REMEMBERED_KEY)
    if last is None or page == last or not isinstance(remembered, Filters) or any(k in raw for k in _STICKY):
        return raw
    carried = {k: v for k, v in to_params(remembered).items() if k in _STICKY}
    for k, v in carried.items():
        st.query_params[k] = v
    return {**raw, **carried}


def write_filters(filters: Filters) -> None:
    """Put ``filters`` in the URL, replacing the filter parameters and keeping the others."""
    new = to_params(filters)
    for name in PARAM_NAMES:
        if name in new:
            if st.query_params.get(name) != new[name]:
                st.query_params[name] = new[name]
        elif name in st.query_params:
            del st.query_params[name]


def current_filters(*, show_notices: bool = True) -> Filters:
    """The validated filters of the URL, without drawing widgets (bad values -> st.warning)."""
    raw = _restore_after_page_switch(raw_params())
    filters, notices = parse_params(raw, store.known_ids())
    if notices:
        if show_notices:
            for n in notices:
                st.warning(n, icon=":material/link_off:")  # notices never echo raw values
        write_filters(filters)  # the URL now says what the page shows
    st.session_state[_REMEMBERED_KEY] = filters
    return filters


def _widget_values(filters: Filters) -> dict[str, Any]:
    values: dict[str, Any] = {_PREFIX + "date_from": filters.date_from, _PREFIX + "date_to": filters.date_to}
    for fld in _LIST_WIDGETS:
        values[_PREFIX + fld] = list(getattr(filters, fld))
    return values


def _on_filters_changed() -> None:
    """Widget callback: the sidebar's values become the URL's filters."""
    ss = st.session_state
    old = ss.get(_REMEMBERED_KEY)
    base = old if isinstance(old, Filters) else Filters()

    def day(key: str) -> dt.date | None:
        v = ss.get(_PREFIX + key)
        return v if isinstance(v, dt.date) else None

    new = base.replace(date_from=day("date_from"), date_to=day("date_to"),
                       **{fld: list(ss.get(_PREFIX + fld) or []) for fld in _LIST_WIDGETS})
    ss[_REMEMBERED_KEY] = new
    write_filters(new)


def _options(fld: str, known: KnownIds) -> list[str]:
    ids = known.for_field(fld)
    if fld == "actors":
        return sorted(ids, key=lambda a: (known.actor_names.get(a, a).lower(), a))
    return sorted(ids)


def _labeller(names: Mapping[str, str]) -> Callable[[str], str]:
    """A format_func showing a readable name for an id (the id itself when unnamed)."""

    def label(item: str) -> str:
        return str(names.get(item, item))

    return label


_PANEL = "parley_filters_panel"
_SUMMARY_NAMES = 3  # names listed per filter in the closed panel's summary


def filter_summary(filters: Filters, known: KnownIds) -> list[str]:
    """One line per sidebar filter in force ("Languages: Arabic (ar)", "Actors: A, B +2"), for the
    closed panel (plain text: the caller escapes it)."""
    lines = []
    if filters.date_from or filters.date_to:
        lines.append(f"Dates: {filters.date_from or '…'} to {filters.date_to or '…'}")
    for fld, label in _LIST_WIDGETS.items():
        ids = list(getattr(filters, fld))
        if not ids:
            continue
        names = known.actor_names if fld == "actors" else _LANG_NAMES if fld == "langs" else {}
        shown = ", ".join(str(names.get(i, i)) for i in ids[:_SUMMARY_NAMES])
        more = f" +{len(ids) - _SUMMARY_NAMES}" if len(ids) > _SUMMARY_NAMES else ""
        lines.append(f"{label}: {shown}{more}")
    return lines


def sidebar_filters(*, show: Collection[str] = ("dates", *_LIST_WIDGETS)) -> Filters:
    """The shared filters (from and back to the URL), validated; in the sidebar, a "Filters" panel
    whose widgets are drawn only while it is open, with a summary of the filters in force below it.

    Seven widgets (500 actors among the options) on every visit cost the browser more than most
    pages' own content; opening the panel reruns the page and draws them. ``show`` limits which
    widgets appear ("dates", "langs", "outlets", "sides", "actors", "topics"); filters from the URL
    apply whether or not their widget is shown.
    """
    filters = current_filters()
    known = store.known_ids()
    summary = filter_summary(filters, known)
    with st.sidebar:
        label = f"Filters ({len(summary)} set)" if summary else "Filters"
        panel = st.expander(label, icon=":material/filter_alt:", key=_PANEL, on_change="rerun")
        if panel.open:
            _filter_widgets(panel, filters, known, show)
        elif summary:
            st.caption("  \n".join(md_text(line) for line in summary))
        copy_link()
    return filters


def _filter_widgets(panel: Any, filters: Filters, known: KnownIds, show: Collection[str]) -> None:
    """The panel's widgets, set from ``filters``; a change goes to the URL (_on_filters_changed)."""
    for key, value in _widget_values(filters).items():
        if st.session_state.get(key, None) != value:
            st.session_state[key] = value
    with panel:
        if "dates" in show:
            c1, c2 = st.columns(2)
            c1.date_input("From", value=None, key=_PREFIX + "date_from", on_change=_on_filters_changed,
                          format="YYYY-MM-DD")
            c2.date_input("To", value=None, key=_PREFIX + "date_to", on_change=_on_filters_changed,
                          format="YYYY-MM-DD")
        for fld, label in _LIST_WIDGETS.items():
            if fld not in show:
                continue
            names = known.actor_names if fld == "actors" else _LANG_NAMES if fld == "langs" else {}
            st.multiselect(label, _options(fld, known), key=_PREFIX + fld, on_change=_on_filters_changed,
                           format_func=_labeller(names))


def page_param(name: str, allowed: Collection[str] | None = None, *, what: str = "value") -> str | None:
    """A page's own single-valued URL parameter, validated; a bad one gives st.warning and None."""
    raw = st.query_params.get(name)
    if raw is None or raw == "":
        return None
    reason = check_text(name, raw)
    if reason is None and "," in raw:
        reason = f"'{name}' takes one {what}; `{preview(raw)}` was ignored"
    if reason is None and allowed is not None and raw not in allowed:
        reason = f"'{name}': unknown {what} `{preview(raw)}` was ignored"
    if reason is not None:
        st.warning(reason, icon=":material/link_off:")
        return None
    return raw


def set_page_param(name: str, value: str | None) -> None:
    """Set (or, with None, remove) a page's own URL parameter."""
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def page_number(total: int, size: int, name: str = "p") -> int:
    """The 1-based page of a ``size``-row table of ``total`` rows, kept in the URL parameter
    ``name`` (absent on the first page); a number input picks it when there is more than one."""
    pages = max(1, -(-total // size))
    raw = page_param(name, what="page number")
    current = int(raw) if raw and raw.isdigit() and 1 <= int(raw) <= pages else 1
    if pages > 1:
        key = f"parley_page_{name}"
        st.session_state[key] = current

        def changed() -> None:
            chosen = int(st.session_state[key])
            set_page_param(name, str(chosen) if chosen > 1 else None)

        st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=key,
                        on_change=changed)
    return current


def current_url() -> str:
    """The URL of this view: st.context's page address (when known) plus the current parameters."""
    query = urlencode(list(st.query_params.to_dict().items()))
    page = st.session_state.get(_PAGE_KEY) or ""
    try:
        here = st.context.url or ""
    except Exception:  # no browser context (AppTest, bare mode)
        here = ""
    parts = urlsplit(here)
    if parts.scheme in ("http", "https") and parts.netloc:
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return urlunsplit(("", "", "/" + page, query, ""))


def copy_link() -> None:
    """Show this view's URL as a link (right-click or drag to copy it)."""
    show_html(view_link(current_url()))
