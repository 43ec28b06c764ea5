"""Parley's entry point: `streamlit run dashboard.py`. A router over pages/, nothing else.

Each page keeps its state in the URL (see parley/ui/state.py), so a copied link rebuilds the view.
Which pages a run may reach is decided first (parley/ui/auth.py): the whole dashboard for a signed-in
analyst or viewer (or anyone, in open mode); a briefing link's briefing alone; else a screen that
stands in for the app (sign in, not authorised, refusal). Only the pages of that decision are given
to st.navigation, so no other page can be reached in the run.
"""

from collections.abc import Callable

import streamlit as st

from parley.render.html import page_css
from parley.ui import auth, search, state, store
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
        st.Page("pages/sources.py", title="Sources", icon=":material/rss_feed:", url_path="sources"),
        st.Page("pages/search.py", title="Search", icon=":material/search:", url_path="search"),
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
        st.Page("pages/history.py", title="History", icon=":material/history:", url_path="history"),
    ],
}

URL_PATHS = [p.url_path for pages in PAGES.values() for p in pages]


def alone(page: str | Callable[[], None], title: str) -> list[st.Page]:
    """One page standing in for every path of the app (the default page first): no menu, and no
    'page not found' on a deep link."""
    return [st.Page(page, title=title, url_path=path, default=i == 0) for i, path in enumerate(URL_PATHS)]


access = auth.current()
if access.screen == "briefing":  # ?b=ID: that briefing alone, read-only, signed in or not
    pg = st.navigation(alone("pages/briefing.py", "Briefing"), position="hidden")
elif not access.can_read:
    pg = st.navigation(alone(*auth.screen_page(access)), position="hidden")
    pg.run()
    st.stop()
else:
    pg = st.navigation(PAGES, expanded=True)  # every page listed: no "View more" behind the 10th
    auth.sidebar_status(access)
    search.sidebar_search_box()
state.note_page(pg.url_path)

with shown_errors("The database could not be opened"):
    if access.can_read and store.article_count() == 0 and pg.url_path not in ("library", "sources"):
        st.info(
            "The database is empty. Ingest the sample corpus with "
            "`python -m parley ingest data/articles` (or run `bash scripts/run.sh`), "
            "or upload files on the Library page."
        )

pg.run()
