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
from parley.ui.boot import freeze_loaded, use_router
from parley.ui.errors import shown_errors
from parley.ui.html import show_html
from parley.ui.menu import MENU, URL_PATHS

use_router()
st.set_page_config(layout="wide", page_title="Parley", page_icon=":material/forum:")
show_html(page_css())

PAGES = {section: [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path,
                           default=p.url_path == URL_PATHS[0]) for p in pages]
         for section, pages in MENU.items()}


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
freeze_loaded()  # a run that imported modules: the collector skips them from now on
