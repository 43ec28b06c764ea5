"""Briefings as pages see them: the briefing of a set of filters, read once per store version and
cached; saving (pinned to the articles in scope) and opening saved briefings; the document and
downloads built from the cached data."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from parley.briefing import (
    BriefingData,
    briefing_document,
    briefing_figures,
    briefing_graphml,
    briefing_html,
    briefing_pdf,
    collect_briefing,
    frozen_filters,
    tables_zip,
)
from parley.filters import Filters, to_params
from parley.render.document import Document
from parley.store.briefings import Briefing, load_briefing, save_briefing
from parley.ui import audit, auth, store

__all__ = ["Briefing", "BriefingData", "briefing_document", "briefing_figures", "briefing_graphml",
           "briefing_html", "briefing_pdf", "collect", "open_saved", "page_document", "page_figures", "save",
           "tables_zip"]


@st.cache_data(show_spinner="Reading the store…", ttl=3600, max_entries=16)
def _collect(db: str, version: int, filters: Filters) -> BriefingData:
    return collect_briefing(store.engine_for(db), filters)


def collect(filters: Filters) -> BriefingData:
    """The briefing of ``filters``, cached by database URL and store version (shared, read-only)."""
    return _collect(store.url(), store.version(), filters)


@st.cache_resource(show_spinner=False, ttl=3600, max_entries=8)
def _document(db: str, version: int, filters: Filters, title: str, notes: str) -> Document:
    return briefing_document(_collect(db, version, filters), title=title, notes=notes, target="page")


@st.cache_resource(show_spinner=False, ttl=3600, max_entries=8)
def _figures(db: str, version: int, filters: Filters) -> dict[str, go.Figure]:
    return briefing_figures(_collect(db, version, filters))


def page_document(filters: Filters, title: str, notes: str) -> Document:
    """The briefing of ``filters`` as the page draws it, built once per store version, filters,
    title and notes (shared, read-only)."""
    return _document(store.url(), store.version(), filters, title, notes)


def page_figures(filters: Filters) -> dict[str, go.Figure]:
    """The briefing's charts by caption, built once per store version and filters (st.plotly_chart
    copies them; shared, read-only)."""
    return _figures(store.url(), store.version(), filters)


def save(title: str, notes: str, filters: Filters) -> Briefing:
    """Save a briefing of ``filters`` pinned to the articles in its scope now (analysts only; logged)."""
    access = auth.require_analyst("save briefings")
    engine = store.engine()
    saved = save_briefing(engine, title, notes, to_params(frozen_filters(engine, filters)))
    audit.record(engine, access, "briefing_save", [saved.id], saved.title)
    return saved


def open_saved(briefing_id: str) -> Briefing | None:
    """The saved briefing with this id, or None."""
    return load_briefing(store.engine(), briefing_id)
