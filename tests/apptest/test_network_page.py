"""AppTest for /network: focus, window and filters from the URL; metrics table; downloads; notices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from apptest.network_app import figure, open_app, run
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
MEDIATORS = {"egypt", "qatar", "turkey", "oman"}


@pytest.fixture
def app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard on /network over the hand-made store of tests/network_data.py."""
    return open_app(sqlite_url, monkeypatch, "pages/network.py")


def _nodes(fig: dict[str, Any]) -> set[str]:
    return {c[1] for t in fig["data"] for c in (t.get("customdata") or []) if c and c[0] == "actor"}


def _metrics(at: AppTest) -> pd.DataFrame:
    table: pd.DataFrame = at.dataframe[0].value
    return table


def test_whole_network_shows_brokers_in_the_metrics_table(app: AppTest) -> None:
    at = run(app)
    fig = figure(at)
    m = _metrics(at).set_index("actor_id")
    assert _nodes(fig) == set(m.index)
    assert "israel" in m.index  # no window: the undated article counts
    brokers = {a for a in MEDIATORS if m.loc[a, "us_iran_brokerage"] > 0}
    assert len(brokers) >= 3
    assert (m.loc[list(brokers), "betweenness"] > 0).all()
    labels = " ".join(x for t in fig["data"] for x in (t.get("text") or []) if isinstance(x, str))
    assert "سلطنة عمان" in labels and "Oman" in labels  # English and Arabic node labels
    assert len(at.get("download_button")) == 3


def test_actor_parameter_focuses_the_actor_and_neighbours(app: AppTest) -> None:
    at = run(app, actor="oman")
    nodes = _nodes(figure(at))
    # a000 sentence 1 names Iran, Oman, Turkey and reports an event of the US and Iran
    assert nodes == {"oman", "marco_rubio", "abbas_araghchi", "iran", "turkey", "usa"}
    assert set(_metrics(at)["actor_id"]) == nodes
    caption = " ".join(c.value for c in at.caption)
    assert "focused on Oman and neighbours" in caption


def test_window_and_dates_from_the_url(app: AppTest) -> None:
    at = run(app, window="7", to="2026-02-01")
    caption = " ".join(c.value for c in at.caption)
    assert "2026-01-26 to 2026-02-01" in caption
    nodes = _nodes(figure(at))
    assert "mohammed_al_thani" in nodes
    assert "marco_rubio" not in nodes and "israel" not in nodes  # later articles, undated article
    at2 = run(app, side="us,iran")
    sides = _metrics(at2).set_index("actor_id")["side"]
    assert {sides[a] for a in _nodes(figure(at2))} <= {"us", "iran"}


@pytest.mark.parametrize("params", [
    {"window": "<script>alert(1)</script>", "actor": "../../etc/passwd"},
    {"window": "999", "from": "2026-02-30", "side": "martians"},
    {"actor": "nobody,<img src=x onerror=alert(1)>", "to": "x" * 5000},
])
def test_hostile_parameters_give_a_notice_and_no_exception(app: AppTest, params: dict[str, str]) -> None:
    at = run(app, **params)
    assert at.warning
    notices = " ".join(w.value for w in at.warning)
    assert "<script>" not in notices and "<img" not in notices
    assert _nodes(figure(at))  # bad values ignored: the whole network still draws


def test_states_level_puts_every_mediator_between_the_us_and_iran(app: AppTest) -> None:
    at = run(app, level="states")
    m = _metrics(at).set_index("actor_id")
    assert "marco_rubio" not in m.index and "usa" in m.index  # people merged into their country
    assert all(m.loc[a, "us_iran_brokerage"] >= 1 for a in MEDIATORS), m
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert all(f'data-actor="{a}"' in body for a in MEDIATORS)
