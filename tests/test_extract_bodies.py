"""Organisations and outlets the gazetteer lacks, named in English with a sign, become actors of
the article (extract/bodies.py); the sentences are our own, not copied from any article."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, select

from parley.datafiles import gazetteer_dir
from parley.errors import GazetteerError
from parley.extract.bodies import body_signs
from parley.extract.pipeline import article_from_text, extract_article
from parley.ingest import ingest_paths
from parley.store.db import init_db
from parley.store.schema import actors

DAY = dt.date(2025, 9, 14)


def _found(text: str, lang: str = "en") -> dict[str, str]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {m.actor_id: m.via for m in extract_article(art).mentions if m.via.startswith("discovered_")}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the last word says what it is
        ("Aid moved through the Nordic Relief Foundation on Monday.",
         {"nordic_relief_foundation": "discovered_org"}),
        ("The Baltic Unity Movement rejected the draft.", {"the_baltic_unity_movement": "discovered_org"}),
        ("Footage aired on Kestrel TV showed the convoy.", {"kestrel_tv": "discovered_media"}),
        # an outlet's place in the sentence
        ("Two officials told The Harbour Ledger that the talks had stalled.",
         {"the_harbour_ledger": "discovered_media"}),
        ("According to Morgenpost Vardar, talks resumed late.", {"morgenpost_vardar": "discovered_media"}),
        ("Kestrel Wire reported that a deal was close.", {"kestrel_wire": "discovered_media"}),
    ],
)
def test_english_bodies_with_a_sign_become_actors(text: str, found: dict[str, str]) -> None:
    assert _found(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "The Norwegian Foreign Ministry said the Security Council would meet.",  # generic words only
        "Reuters reported that the talks had stalled.",  # known to the gazetteer
        "Officials Meet In Vienna As Deal Nears, Agency Says",  # a headline in title case
        "The ceasefire plan was welcomed by the Joint Peace Commission.",  # nothing of its own
    ],
)
def test_generic_known_and_headline_names_are_no_new_bodies(text: str) -> None:
    assert _found(text) == {}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وقالت قناة كيستريل إن المحادثات توقفت."),  # no capitals in Arabic or Persian script
        ("fa", "به گزارش روزنامه هاربر لجر مذاکرات متوقف شد."),
    ],
)
def test_arabic_and_persian_bodies_are_not_discovered(lang: str, text: str) -> None:
    assert _found(text, lang) == {}


def test_a_discovered_outlet_gets_a_media_row(tmp_path: Path, engine: Engine) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Two officials told The Harbour Ledger that both sides would return.\n", encoding="utf-8")
    init_db(engine)  # a real SQLite file, and the real PostgreSQL server (conftest 'engine')
    ingest_paths([src], engine)
    with engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.actor_id == "the_harbour_ledger")).mappings().one()
    assert (row["name_en"], row["kind"], row["side"]) == ("The Harbour Ledger", "media", "media")


def test_body_signs_file_is_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for src in gazetteer_dir().glob("*.yaml"):
        shutil.copy(src, tmp_path / src.name)
    data = yaml.safe_load((tmp_path / "body_signs.yaml").read_text(encoding="utf-8"))
    data["media_heads"] = {"ar": ["قناة"]}
    (tmp_path / "body_signs.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    with pytest.raises(GazetteerError, match="one key 'en'") as info:
        body_signs()
    assert "body_signs.yaml" in str(info.value) and "'media_heads'" in str(info.value)
