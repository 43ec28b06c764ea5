"""Parley's server: `streamlit run serve.py` runs dashboard.py (the router over pages/) as Streamlit
does, plus a route per page path that spares the browser a failed probe and 100 ms on every page
opened by its URL (see parley/ui/server.py). `streamlit run dashboard.py` still works, without that.
"""

from streamlit.starlette import App

from parley.ui.menu import URL_PATHS
from parley.ui.server import page_routes

app = App("dashboard.py", routes=page_routes(URL_PATHS))
