"""/network: who is linked to whom, and through whom. Node size is mentions, colour is side, edge
width is weight. URL: the shared filters (``actor`` focuses actors and their neighbours), ``window``."""

from functools import partial

import streamlit as st

from parley.analyze.network_export import to_edge_csv, to_gexf, to_graphml
from parley.filters import app_href
from parley.render.figures import MAX_DRAWN_EDGES, brokers_html, selected_ids
from parley.render.html import link
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import show_html

WINDOWS = {"all": None, "7": 7, "30": 30, "90": 90, "365": 365}
WINDOW_LABELS = {"all": "All dates", "7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days",
                 "365": "Last year"}

filters = state.sidebar_filters()
st.title("Actor network")
st.caption("Actors linked when named in one sentence or one event; edges are typed where the text says "
           "how (met, called, hosted, mediated, criticised, warned). Select a node to open its profile.")

LEVELS = {"actors": "People and bodies", "states": "States (people merged into their country)"}

window = state.page_param("window", WINDOWS, what="time window") or "all"
level = state.page_param("level", LEVELS, what="level") or "actors"
c1, c2 = st.columns(2)
choice = c1.segmented_control("Time window", list(WINDOWS), default=window, key="network_window",
                              format_func=WINDOW_LABELS.get)
if choice and choice != window:
    state.set_page_param("window", None if choice == "all" else choice)
    window = choice
picked_level = c2.segmented_control("Level", list(LEVELS), default=level, key="network_level",
                                    format_func=LEVELS.get)
if picked_level and picked_level != level:
    state.set_page_param("level", None if picked_level == "actors" else picked_level)
    level = picked_level

with shown_errors("The network could not be built"):
    days, level = WINDOWS[window], "states" if level == "states" else "actors"
    view = store.network_view(filters, days, level)
    g = view.graph
    start, end = view.window
    span = f"{start or 'first'} to {end or 'last'}" if (start or end) else "all dates"
    focus = ", ".join(g.nodes[a].get("label", a) for a in view.focus)
    drawn = "" if g.number_of_edges() <= MAX_DRAWN_EDGES else f" (the {MAX_DRAWN_EDGES} strongest drawn)"
    st.caption(f"{g.number_of_nodes()} actors, {g.number_of_edges()} links{drawn} · {span}"
               + (f" · focused on {focus} and neighbours (of {view.total_nodes} actors)" if focus else ""))
    if g.number_of_nodes() == 0:
        st.info("No actors match these filters.")
    with st.container(key="network_chart_box"):  # charts sit in a left-to-right container
        chosen = st.plotly_chart(store.network_chart(filters, days, level), key="network_chart",
                                 on_select="rerun", selection_mode="points")
    for actor_id in selected_ids(chosen.selection.points if chosen else [], "actor")[:3]:
        name = str(g.nodes[actor_id].get("label", actor_id)) if actor_id in g else actor_id
        show_html(link(app_href("/actors", {"actor": actor_id}), f"Open the profile of {name}") + " · "
                  + link(app_href("/network", {"actor": actor_id}), f"Focus the network on {name}"))

    st.subheader("Brokers and communities")
    show_html(brokers_html(view.metrics))
    st.dataframe(view.metrics, hide_index=True, key="network_metrics", column_config={
        "actor_id": st.column_config.TextColumn("Actor id"),
        "name_en": st.column_config.TextColumn("Actor"),
        "name_ar": st.column_config.TextColumn("Arabic name"),
        "betweenness": st.column_config.NumberColumn("Betweenness", format="%.3f"),
        "us_iran_brokerage": st.column_config.NumberColumn(
            "US–Iran brokerage",
            help="US-side × Iran-side actor pairs this actor is linked to both of (liaison brokerage)"),
        "weighted_degree": st.column_config.NumberColumn("Weighted degree"),
    })
    c1, c2, c3 = st.columns(3)
    c1.download_button("GraphML (Gephi)", partial(to_graphml, g), file_name="parley-network.graphml",
                       mime="application/graphml+xml", on_click="ignore", key="dl_graphml")
    c2.download_button("GEXF (Gephi)", partial(to_gexf, g), file_name="parley-network.gexf",
                       mime="application/xml", on_click="ignore", key="dl_gexf")
    c3.download_button("Edge list (CSV)", partial(to_edge_csv, g), file_name="parley-network-edges.csv",
                       mime="text/csv", on_click="ignore", key="dl_csv")
