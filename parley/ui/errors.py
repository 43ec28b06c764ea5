"""Pages never crash on a ParleyError: it is caught once and shown as one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from parley.errors import ParleyError
from parley.ui.html import md_text


@contextmanager
def shown_errors(what: str = "") -> Iterator[None]:
    """Catch ParleyError inside the block and show it with st.error instead of a traceback."""
    try:
        yield
    except ParleyError as exc:
        st.error(md_text(f"{what}: {exc}" if what else str(exc)))
