"""The dashboard over the hand-made store of tests/network_data.py, for the /timeline and
/network AppTests: open a page, run it with URL parameters, read its plotly figure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from network_data import build_store
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


def open_app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch, page: str) -> AppTest:
    """An AppTest on ``page`` (e.g. "pages/network.py") over a fresh hand-made store."""
    build_store(sqlite_url).dispose()
    monkeypatch.setenv("PARLEY_DB_URL", sqlite_url)
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.switch_page(page)
    return at


def run(at: AppTest, **params: str) -> AppTest:
    """Set the URL parameters, run the page, and require that it raised nothing."""
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def figure(at: AppTest) -> dict[str, Any]:
    """The page's single plotly figure, as its JSON spec."""
    (chart,) = at.get("plotly_chart")
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec
