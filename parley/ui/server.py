"""The routes serve.py adds to Streamlit's server: each page's own path answers with Streamlit's
index.html plus one line telling the frontend where the server is.

Why: opened at a page's path (a shared /read?a=ID link, a reload), Streamlit 1.67's frontend first
looks for the server under that path (/read/_stcore/health, a 404), waits 100 ms and only then
tries the app's root. Every page but / paid that on every visit. ``window.__streamlit``'s
BACKEND_BASE_URL and MAIN_PAGE_BASE_URL (read by the frontend before it connects; Streamlit's own
embedding settings) name the app's root, the directory of the page's URL, so the first probe is the
right one. Any other path keeps Streamlit's own answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Route

# The app's root is the directory of the page's URL (/read -> /): computed in the browser, so a
# proxy's host name and scheme stay as the browser sees them. Fixed text, never built from input.
BASE_SCRIPT = ('<script>window.__streamlit={BACKEND_BASE_URL:new URL(".",location.href).href,'
               'MAIN_PAGE_BASE_URL:new URL(".",location.href).href}</script>')


def index_html() -> str:
    """Streamlit's index.html with BASE_SCRIPT first in its head."""
    index = (Path(st.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    if "<head>" not in index:  # a Streamlit whose page we do not know: leave it alone
        return index
    return index.replace("<head>", "<head>\n    " + BASE_SCRIPT, 1)


def page_routes(url_paths: Iterable[str]) -> list[BaseRoute]:
    """A route per page path (/read, /actors, ...) answering with ``index_html()``, uncached like
    Streamlit's own index.html."""
    html = index_html()

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    return [Route(f"/{path}", page, methods=["GET", "HEAD"]) for path in url_paths]
