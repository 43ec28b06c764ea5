"""Make sure every run goes through dashboard.py's st.navigation router.

Streamlit 1.67 sees the ``pages/`` folder beside dashboard.py and, until st.navigation has
been called once in the process, runs its old multipage mode: the first request after a
start (e.g. a shared /read?a=ID link) would run pages/read.py directly, without the router,
the page menu or the stylesheet. ``use_router`` switches that mode off and reruns, keeping
the URL and its parameters; the page hash (from the url_path) is the same in both modes.
It reruns only on a session's first run, where no widget event can be lost (AppTest resets
the mode before every run, so later runs just switch it off and carry on).
"""

from __future__ import annotations

import gc
import sys

import streamlit as st

_ROUTED = "parley_routed"


def use_router() -> None:
    """If Streamlit is still in its pages-folder mode, leave it and rerun through the router."""
    from streamlit.runtime.pages_manager import PagesManager

    first_run = not st.session_state.get(_ROUTED, False)
    st.session_state[_ROUTED] = True
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if first_run:
            st.rerun()


_frozen = {"modules": 0}


def freeze_loaded() -> bool:
    """After a run that imported modules, move every object the collector tracks into its permanent
    generation (gc.freeze); True if it did.

    Why: runner.postScriptGC is off, but Python's own full collections still come every few runs and
    scanned the whole heap of this server (pandas, plotly, networkx, Streamlit, the caches): 100-250 ms
    holding the GIL, in the middle of whichever page was running. The imported modules' objects live
    as long as the server, so scanning them is wasted; frozen, they are skipped. Only runs that grew
    sys.modules freeze (the first run of a process, a page's first imports), so what a run leaves as
    cyclic garbage is frozen at most that often.
    """
    loaded = len(sys.modules)
    if loaded <= _frozen["modules"]:
        return False
    gc.freeze()
    _frozen["modules"] = loaded
    return True
