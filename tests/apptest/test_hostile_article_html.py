"""Article text that holds HTML reaches the pages that send it as one st.html block (an actor's
profile, the briefing) escaped: shown as text, never as tags. A real SQLite store, one article
written for this test, ingested with extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest.conftest import RunPage, html_of

from parley.ingest import ingest_paths
from parley.store import db

ARTICLE = (
    "date 2026-02-03\n"
    "<b>Talks</b><script>alert(2)</script> in Muscat\n"
    'Araghchi said: "Iran rejects <img src=x onerror=alert(1)> any talks on missiles," in Muscat '
    'on Tuesday.\n'
    'قال عراقجي: "إيران ترفض <script>alert(3)</script> أي مفاوضات حول الصواريخ".\n'
)


@pytest.fixture
def hostile_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    src = tmp_path / "hostile.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'parley.db'}"
    engine = db.make_engine(url)
    try:
        assert ingest_paths([src], engine).ingested == [str(src)]
    finally:
        engine.dispose()
    monkeypatch.setenv("PARLEY_DB_URL", url)
    return url


@pytest.mark.parametrize(("page", "params"), [
    ("pages/actors.py", {"actor": "abbas_araghchi"}),
    ("pages/briefing.py", {"from": "2026-02-01", "to": "2026-02-28"}),
])
def test_article_html_is_shown_as_text(hostile_db: str, open_page: RunPage, page: str,
                                       params: dict[str, str]) -> None:
    at = open_page(page, **params)
    assert not at.exception
    html = html_of(at)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the quote is there, as text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html  # and the Arabic one
    assert "<script" not in html and "<img" not in html and "<b>" not in html
