"""Search in the UI: the box in every page's sidebar (it lands on /search?q=…), the /search page's
query box kept in the URL, cached hits, and the hit span /read highlights (?s=START&e=END)."""

from __future__ import annotations

import streamlit as st

from parley.filters import Filters
from parley.store import search as store_search
from parley.text.search_query import MAX_QUERY_CHARS, QueryError
from parley.ui import store

SEARCH_PAGE = "pages/search.py"
PLACEHOLDER = 'a word, "a phrase", OR, NOT, prefix*'
MAX_HITS = 50
MAX_SPAN = 5000  # characters a hit span on /read may cover
_BOX = "parley_search_box"
_Q = "search_q"
_Q_FROM_URL = "search_q_from_url"


def sidebar_search_box() -> None:
    """The search box at the top of the sidebar; Enter (or the button) opens /search?q=…."""
    with st.sidebar, st.form("parley_search_form", border=False):
        typed = st.text_input("Search articles", key=_BOX, placeholder=PLACEHOLDER,
                              max_chars=MAX_QUERY_CHARS)
        go = st.form_submit_button("Search", icon=":material/search:")
    if go and typed and typed.strip():
        st.switch_page(SEARCH_PAGE, query_params={"q": typed.strip()})


def _on_query_changed() -> None:
    value = str(st.session_state.get(_Q) or "").strip()
    st.session_state[_Q_FROM_URL] = value
    if value:
        st.query_params["q"] = value
    elif "q" in st.query_params:
        del st.query_params["q"]


def query_box() -> str:
    """The /search page's query box, kept in ?q= (a changed URL refills it); returns the query."""
    raw = st.query_params.get("q") or ""
    if len(raw) > 4 * MAX_QUERY_CHARS:  # not even worth showing in the box
        st.warning(f"The search in the link is too long (at most {MAX_QUERY_CHARS} characters).")
        raw = ""
    if st.session_state.get(_Q_FROM_URL) != raw:
        st.session_state[_Q] = raw
        st.session_state[_Q_FROM_URL] = raw
    value = st.text_input("Search", key=_Q, placeholder=PLACEHOLDER, on_change=_on_query_changed)
    return str(value or "").strip()


@st.cache_data(show_spinner=False, ttl=3600, max_entries=128)
def _hits(db: str, ver: int, query: str, filters: Filters, limit: int) -> list[store_search.SearchHit]:
    return store_search.search(store.engine_for(db), query, filters, limit)


def hits(query: str, filters: Filters,
         limit: int = MAX_HITS) -> tuple[list[store_search.SearchHit], str | None]:
    """The ranked hits of ``query`` within the filters (cached per store version), or no hits and
    the reason the query cannot be read."""
    try:
        return _hits(store.url(), store.version(), query, filters, limit), None
    except QueryError as exc:
        return [], str(exc)


def hit_span(text_length: int) -> tuple[int, int] | None:
    """The search hit /read should highlight (?s=START&e=END), if both are sound for a text of
    ``text_length`` characters; a bad pair gives a notice and None."""
    s, e = st.query_params.get("s"), st.query_params.get("e")
    if s is None and e is None:
        return None
    if (s or "").isdigit() and (e or "").isdigit() and len(s or "") < 10 and len(e or "") < 10:
        start, end = int(s or 0), int(e or 0)
        if start < end <= text_length and end - start <= MAX_SPAN:
            return start, end
    st.warning("The link's hit position (s, e) does not fit this article and was ignored.",
               icon=":material/link_off:")
    return None
