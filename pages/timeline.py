"""/timeline: events by date on rows by side or actor, article and venue tracks; select an event
to read its evidence from each reporting article. URL: the shared filters, ``rows``, ``show``
(all / happened) and ``event``."""

import streamlit as st

from parley.analyze.timeline import date_label
from parley.render.figures import evidence_html, selected_ids
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import show_html

ROW_MODES = ("side", "actor")

filters = state.sidebar_filters()
st.title("Timeline")
st.caption("What happened when. Month-precise dates are spans across the month; "
           "select an event (click, or drag a box) to read its evidence.")

by = state.page_param("rows", ROW_MODES, what="row mode") or "side"
choice = st.segmented_control("Rows", ROW_MODES, default=by, key="timeline_rows", format_func=str.capitalize)
if choice and choice != by:
    state.set_page_param("rows", None if choice == "side" else choice)
    by = choice

SHOW_MODES = ("all", "happened")
show = state.page_param("show", SHOW_MODES, what="choice") or "all"
picked_show = st.segmented_control(
    "Show", SHOW_MODES, default=show, key="timeline_show",
    format_func=lambda m: "Everything (plans hollow, background faint)" if m == "all" else "What happened")
if picked_show and picked_show != show:
    state.set_page_param("show", None if picked_show == "all" else picked_show)
    show = picked_show
happened_only = show == "happened"

with shown_errors("The timeline could not be read"):
    view = store.timeline_view(filters, by, happened_only)
    if view.rows.empty and view.articles.empty:
        st.info("No dated events or articles match these filters.")
    if view.shown_from is not None:
        st.info(f"Showing the newest events only: from {view.shown_from.isoformat()} on, of "
                f"{view.total_reports:,} event reports in all. Narrow the dates (sidebar) to see an earlier "
                "period.", icon=":material/filter_alt:")
    with st.container(key="timeline_chart_box"):  # charts sit in a left-to-right container
        chosen = st.plotly_chart(store.timeline_chart(filters, by, happened_only), key="timeline_chart",
                                 on_select="rerun", selection_mode=("points", "box"))
    notes = [f"{view.events['event_id'].nunique()} events", f"{int(view.articles['n'].sum())} dated articles"]
    if view.undated:
        notes.append(f"{view.undated} undated events not drawn")
    if view.path:
        notes.append("venues: " + " → ".join(view.path))
    st.caption(" · ".join(notes))

    picked = selected_ids(chosen.selection.points if chosen else [], "event")
    if picked:
        state.set_page_param("event", picked[0])
    else:
        # tolist(): a set over the column itself reads thousands of ids one by one through pandas
        known = set(view.events["event_id"].tolist())
        current = state.page_param("event", known, what="event")
        picked = [current] if current else []
    for event_id in picked[:5]:
        row = view.events[view.events["event_id"] == event_id]
        if row.empty:
            continue
        ev = row.iloc[0]
        st.subheader(f"{str(ev['kind']).capitalize()}, {date_label(ev['date'], str(ev['date_precision']))}")
        reports = store.happening_evidence(str(ev["member_ids"]))
        show_html(evidence_html(reports))
        for aid in dict.fromkeys(reports["article_id"].astype(str)):  # a wrong date or place: fix it there
            st.page_link("pages/read.py", label=f"Correct this event in its article ({aid[:8]})",
                         icon=":material/edit_calendar:", query_params={"a": aid})
