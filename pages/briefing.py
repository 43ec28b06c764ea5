"""/briefing: a one-page summary of the current filters; "Save briefing" gives a link ?b=ID.

Opened with ?b=ID the page is a read-only view of the saved briefing for anyone with the
link, signed in or not (the router gives it alone, without the page menu): no ingest, no editing
widgets, no sidebar filters; only the downloads. Viewers get the summary of the filters without
the title, notes and save (only analysts edit and save).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from parley.filters import Filters, parse_params
from parley.render.briefing_html import block_html
from parley.render.html import text_block
from parley.text.script import script_lang
from parley.ui import auth, briefing, state, store
from parley.ui.briefing import (
    Briefing,
    BriefingData,
    briefing_graphml,
    briefing_html,
    briefing_pdf,
    tables_zip,
)
from parley.ui.errors import shown_errors
from parley.ui.html import md_text, show_html

_SAVED = "parley_briefing_saved"
HTML_TABLE_ROWS = 50  # longer tables are drawn as data grids


def _draw(filters: Filters, title: str, notes: str) -> None:
    """Title, subtitle and every block: text and tables through the HTML door, as in the downloaded
    document (the document and charts cached per store version, filters, title and notes)."""
    doc = briefing.page_document(filters, title, notes)
    show_html(text_block(doc.title, script_lang(doc.title), tag="h1", cls="parley-briefing-title"))
    st.caption(md_text(doc.subtitle))
    figures = briefing.page_figures(filters)
    # consecutive text blocks and small tables go out as one st.html: a briefing drew ~120 elements,
    # seven of them data grids, where a few HTML runs show the same document. A long table stays a
    # grid, which draws only the rows in view (541 sources as HTML took longer than the grid)
    run: list[str] = []
    charts: list[str] = []
    for block in doc.blocks:
        grid = block.kind == "table" and len(block.rows) > HTML_TABLE_ROWS
        if block.kind not in ("heading", "image") and not grid:
            run.append(block_html(block))
            continue
        if run:
            show_html(f'<div class="parley-doc">{"".join(run)}</div>')
            run = []
        if block.kind == "heading":
            st.subheader(md_text(block.text))
        elif grid:
            st.dataframe(pd.DataFrame(list(block.rows), columns=list(block.header)), hide_index=True)
        elif block.kind == "image":
            if block.text in figures:
                # drawn on demand: the two plotly charts (script and drawing) cost the page more than
                # the rest of the briefing; the downloaded document carries them drawn
                chart = st.expander(md_text(f"Chart: {block.text}"), icon=":material/monitoring:",
                                    key=f"parley_briefing_chart_{len(charts)}", on_change="rerun")
                charts.append(block.text)
                if chart.open:
                    with chart:
                        st.plotly_chart(figures[block.text], config={"displaylogo": False})
            st.caption(md_text(block.text))
    if run:
        show_html(f'<div class="parley-doc">{"".join(run)}</div>')


def _downloads(data: BriefingData, title: str, notes: str, stem: str) -> None:
    def html() -> bytes:
        return briefing_html(data, title=title, notes=notes).encode("utf-8")

    def pdf() -> bytes:
        return briefing_pdf(data, title=title, notes=notes)

    def tables() -> bytes:
        return tables_zip(data)

    def graphml() -> bytes:
        return briefing_graphml(data)

    st.caption("Downloads")
    c1, c2, c3, c4 = st.columns(4)
    opts: dict[str, Any] = {"on_click": "ignore", "icon": ":material/download:"}
    c1.download_button("HTML file", html, file_name=f"{stem}.html", mime="text/html", **opts)
    c2.download_button("PDF", pdf, file_name=f"{stem}.pdf", mime="application/pdf", **opts)
    c3.download_button("Tables (CSV, zip)", tables, file_name=f"{stem}-tables.zip", mime="application/zip",
                       **opts)
    c4.download_button("Network (GraphML)", graphml, file_name=f"{stem}.graphml",
                       mime="application/graphml+xml", **opts)


def _read_only(saved: Briefing) -> None:
    filters, notices = parse_params(saved.params, store.known_ids())
    for n in notices:
        st.warning(md_text(n))
    created = saved.created_at.strftime("%Y-%m-%d %H:%M UTC") if saved.created_at else "unknown"
    st.info(md_text(f"Saved briefing {saved.id}, created {created}. Read-only: anyone with this link "
                    "sees the same view."), icon=":material/lock:")
    data = briefing.collect(filters)
    _downloads(data, saved.title, saved.notes, f"briefing-{saved.id}")
    _draw(filters, saved.title, saved.notes)


def _summary() -> None:
    """A viewer's briefing of the filters: the same summary and downloads, nothing to edit or save."""
    filters = state.sidebar_filters()
    st.caption("Only analysts edit and save briefings.")
    data = briefing.collect(filters)
    _downloads(data, "Briefing", "", "briefing")
    _draw(filters, "Briefing", "")


def _editor() -> None:
    filters = state.sidebar_filters()
    title = st.text_input("Title", value="Briefing", key="parley_briefing_title", max_chars=300)
    notes = st.text_area("Analyst notes", key="parley_briefing_notes", max_chars=20_000,
                         placeholder="What matters in this selection, for the reader")
    data = briefing.collect(filters)
    if st.button("Save briefing", type="primary", icon=":material/save:", key="parley_briefing_save"):
        saved = briefing.save(title, notes, filters)
        st.session_state[_SAVED] = saved.id
    saved_id = st.session_state.get(_SAVED)
    if isinstance(saved_id, str):
        st.success(md_text(f"Saved as briefing {saved_id}. Anyone with this link sees it read-only:"),
                   icon=":material/check:")
        st.code(state.current_url().split("?")[0] + f"?b={saved_id}", language=None)
    _downloads(data, title, notes, "briefing")
    _draw(filters, title, notes)


with shown_errors("The briefing could not be built"):
    if st.query_params.get("b"):
        current = state.current_filters()  # validates b; unknown ids give a notice
        found = briefing.open_saved(current.briefing) if current.briefing else None
        if found is None:
            st.error("This briefing link is not valid: no saved briefing has that id.")
        else:
            _read_only(found)
    elif auth.current().can_write:
        _editor()
    else:
        _summary()
