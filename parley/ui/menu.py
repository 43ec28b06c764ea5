"""The dashboard's pages, as data: dashboard.py builds its st.navigation menu from this table and
serve.py answers each page's path (parley/ui/server.py)."""

from __future__ import annotations

from typing import NamedTuple


class MenuPage(NamedTuple):
    script: str  # relative to dashboard.py
    title: str
    icon: str
    url_path: str


MENU: dict[str, list[MenuPage]] = {
    "Corpus": [
        MenuPage("pages/home.py", "Overview", ":material/dashboard:", "home"),  # the default page: "/"
        MenuPage("pages/read.py", "Read", ":material/article:", "read"),
        MenuPage("pages/library.py", "Library", ":material/upload_file:", "library"),
        MenuPage("pages/sources.py", "Sources", ":material/rss_feed:", "sources"),
        MenuPage("pages/search.py", "Search", ":material/search:", "search"),
    ],
    "Analysis": [
        MenuPage("pages/actors.py", "Actors", ":material/groups:", "actors"),
        MenuPage("pages/positions.py", "Positions", ":material/grid_on:", "positions"),
        MenuPage("pages/timeline.py", "Timeline", ":material/timeline:", "timeline"),
        MenuPage("pages/network.py", "Network", ":material/hub:", "network"),
        MenuPage("pages/compare.py", "Compare", ":material/compare:", "compare"),
    ],
    "Share": [
        MenuPage("pages/briefing.py", "Briefing", ":material/description:", "briefing"),
        MenuPage("pages/review.py", "Review", ":material/fact_check:", "review"),
        MenuPage("pages/history.py", "History", ":material/history:", "history"),
    ],
}

URL_PATHS: list[str] = [p.url_path for pages in MENU.values() for p in pages]
