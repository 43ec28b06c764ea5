"""Parley's entry point: `streamlit run dashboard.py`. A router over pages/, nothing else.

Each page keeps its state in the URL (see parley/ui/state.py), so a copied link rebuilds the view.
"""

import streamlit as st

from parley.render.html import page_css
from parley.ui import state, store
from parley.ui.boot import use_router
from parley.ui.errors import shown_errors
from parley.ui.html import show_html

use_router()
st.set_page_config(layout="wide", page_title="Parley", page_icon=":material/forum:")
show_html(page_css())

PAGES = {
    "Corpus": [
        st.Page("pages/home.py", title="Overview", icon=":material/dashboard:", url_path="home",
                default=True),
        st.Page("pages/read.py", title="Read", icon=":material/article:", url_path="read"),
        st.Page("pages/library.py", title="Library", icon=":material/upload_file:", url_path="library"),
    ],
    "Analysis": [
        st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
        st.Page("pages/positions.py", title="Positions", icon=":material/grid_on:", url_path="positions"),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
        st.Page("pages/compare.py", title="Compare", icon=":material/compare:", url_path="compare"),
    ],
    "Share": [
        st.Page("pages/briefing.py", title="Briefing", icon=":material/description:", url_path="briefing"),
        st.Page("pages/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    ],
}

pg = st.navigation(PAGES)
state.note_page(pg.url_path)

with shown_errors("The database could not be opened"):
    if store.article_count() == 0 and pg.url_path != "library":
        st.info(
            "The database is empty. Ingest the sample corpus with "
            "`python -m parley ingest data/articles` (or run `bash scripts/run.sh`), "
            "or upload files on the Library page."
        )

pg.run()
