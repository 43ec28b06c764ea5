"""The single place that sends HTML to the page; fragments come only from parley.render.html."""

from __future__ import annotations

import streamlit as st


def show_html(fragment: str) -> None:
    """Render an HTML fragment built by parley.render.html (inline, not in an iframe)."""
    st.html(fragment)


def run_script(fragment: str) -> None:
    """Run one of parley.render.html's fixed scripts (never built from data) in the page."""
    st.html(fragment, unsafe_allow_javascript=True)


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def md_text(s: object) -> str:
    """Escape a value for Streamlit's markdown surfaces (st.error, st.warning, captions, labels)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(s))
