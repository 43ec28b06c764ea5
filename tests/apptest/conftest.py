"""AppTest fixtures: a seeded SQLite database and a helper that runs one page with URL parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from apptest.seeddb import SeededDb, build_seeded_db
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "date": "2026-13-45",
    "path": "../../etc/passwd",
    "long": "x" * 10_000,
}

RunPage = Callable[..., AppTest]


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> SeededDb:
    """The five seeds in a real SQLite file, with a fixed set of extraction rows."""
    return build_seeded_db(tmp_path_factory.mktemp("apptest") / "parley.db")


def _run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


@pytest.fixture
def open_page() -> RunPage:
    """open_page("pages/read.py", a=ID, ...) -> the AppTest after one run of that page, on the store
    PARLEY_DB_URL names (set it first)."""
    return _run


@pytest.fixture
def run_page(seeded: SeededDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunPage]:
    """run_page("pages/read.py", a=ID, ...) -> the AppTest after one run of that page on the seeds."""
    monkeypatch.setenv("PARLEY_DB_URL", seeded.url)
    yield _run


def texts(at: AppTest, kind: str = "markdown") -> str:
    """All text of the elements of one kind (markdown, warning, html, ...), joined."""
    return "\n".join(str(getattr(e, "value", getattr(e, "body", ""))) for e in getattr(at, kind))


def html_of(at: AppTest) -> str:
    """All st.html fragments of the run, joined."""
    return "\n".join(str(h.proto.body) for h in at.get("html"))
