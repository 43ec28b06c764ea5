"""AppTest for /library: uploads go through the real ingest; accepted and rejected are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest.conftest import RunPage
from apptest.seeddb import SEED_DIR, build_seeded_db


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_page: RunPage) -> str:
    """A database of its own: these tests write (after run_page, so this URL wins)."""
    db = build_seeded_db(tmp_path / "library.db")
    monkeypatch.setenv("PARLEY_DB_URL", db.url)
    return db.url


def test_upload_lists_accepted_already_and_rejected(fresh: str, run_page: RunPage) -> None:
    at = run_page("pages/library.py")
    assert not at.exception and "5 articles stored" in at.caption[0].value
    seed = sorted(SEED_DIR.glob("*.txt"))[1]
    new_text = "وزير الخارجية العماني بدر البوسعيدي قال إن المحادثات ستعقد في مسقط يوم الجمعة.\n" * 3
    at.file_uploader[0].set_value([
        ("new.txt", new_text.encode("utf-8"), "text/plain"),
        (seed.name, seed.read_bytes(), "text/plain"),
        ("../../etc/<b>evil</b>.txt", b"", "text/plain"),
        ("binary.txt", bytes(range(256)) * 8, "text/plain"),
    ]).run()
    at.button(key="library_ingest").click().run()
    assert not at.exception
    titles = [h.value for h in at.main.subheader if h.value != "Add by URL"]  # see test_sources_page
    assert titles == ["Accepted", "Already stored", "Rejected"]
    tables = dict(zip(titles, [df.value for df in at.dataframe], strict=True))
    assert list(tables["Accepted"]["file"]) == ["new.txt"]
    assert list(tables["Already stored"]["file"]) == [seed.name]
    rejected = tables["Rejected"]
    assert len(rejected) == 2 and all(rejected["reason"].str.len() > 0)
    assert not any("/" in f or "<" in f for f in rejected["file"])  # names reduced to safe base names
    assert "ingested 1" in at.warning[0].value
