"""People the gazetteer lacks, named in English with a sign, become actors of the article
(extract/discovered.py); the sentences are our own, not copied from any article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from parley.extract.discovered import person_id
from parley.extract.pipeline import article_from_text, extract_article
from parley.ingest import ingest_paths
from parley.store.db import init_db
from parley.store.schema import actors, mentions
from parley.store.writes import DISCOVERED_ROLE

DAY = dt.date(2025, 9, 14)


def _found(text: str, lang: str = "en") -> dict[str, str]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {m.actor_id: m.surface for m in extract_article(art).mentions if m.via == "discovered"}


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a title right before the name (the title cut off the name)
        ("Finnish Foreign Minister Elina Valtonen Rask met the two envoys in Helsinki.",
         {"elina_valtonen_rask": "Elina Valtonen Rask"}),
        ("The delegation included trade adviser Tomas Berglund and two lawyers.",
         {"tomas_berglund": "Tomas Berglund"}),
        # a comma phrase with a title after the name, and before it
        ("Ingrid Solheim, a spokesperson for the mediators, declined to comment.",
         {"ingrid_solheim": "Ingrid Solheim"}),
        ("It was confirmed by the head of the monitoring mission, Karim Abdel-Nour.",
         {"karim_abdel_nour": "Karim Abdel-Nour"}),
        # a speech verb beside the name
        ("\"No text is final yet,\" Petra Lindqvist told reporters on Sunday.",
         {"petra_lindqvist": "Petra Lindqvist"}),
        ("The offer stands, said Yusuf bin Rashed, who chaired the session.",
         {"yusuf_bin_rashed": "Yusuf bin Rashed"}),
        # a list that holds a person is a list of people
        ("Among the negotiators were Omar Haddad, Layla Mansour and Samir Qasem.",
         {"omar_haddad": "Omar Haddad", "layla_mansour": "Layla Mansour", "samir_qasem": "Samir Qasem"}),
    ],
)
def test_english_people_with_a_sign_become_actors(text: str, people: dict[str, str]) -> None:
    assert _found(text) == people


@pytest.mark.parametrize(
    "text",
    [
        "The Atomic Energy Organization said the site was sealed.",  # an organisation's name
        "Hamas Shura Council members travelled to the capital.",
        "Talks Resume In Vienna As Envoys Arrive, Says Spokesman",  # a headline in title case
        "Secretary of State Marco Rubio said the door was open.",  # known: a gazetteer actor
        "Photo Credit Getty Images shows the hall.",  # no sign of a person
        "Speaking Sunday, officials declined to give a date.",
    ],
)
def test_organisations_headlines_and_known_people_are_not_discovered(text: str) -> None:
    assert _found(text) == {}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # no capital letters in Arabic or Persian script: the name stays a candidate for review
        ("ar", "وقال وزير الخارجية الفنلندي يوها ماتيلا إن الجولة المقبلة ستعقد قريبا.", "يوها ماتيلا"),
        ("fa", "سخنگوی وزارت خارجه نروژ پتر لیندکویست گفت متن نهایی هنوز آماده نیست.", "پتر لیندکویست"),
    ],
)
def test_arabic_and_persian_unknown_names_stay_candidates(lang: str, text: str, name: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    x = extract_article(art)
    assert not [m for m in x.mentions if m.via == "discovered"]
    assert any(c.surface == name for c in x.candidates)


@pytest.mark.parametrize(
    ("name", "ident"),
    [("Abdel Fattah al-Burhan", "abdel_fattah_al_burhan"), ("Stéphane Dujarric", "stephane_dujarric"),
     ("Jean-Noël Barrot", "jean_noel_barrot"), ("---", None)],
)
def test_person_id_is_the_gazetteer_id_form(name: str, ident: str | None) -> None:
    assert person_id(name) == ident


def test_a_discovered_person_gets_an_actors_row(tmp_path: Path, engine: Engine) -> None:
    text = "Norwegian mediator Kari Holmefjord said both delegations would return on Monday.\n"
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    init_db(engine)  # a real SQLite file, and the real PostgreSQL server (conftest 'engine')
    ingest_paths([src], engine)
    with engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.actor_id == "kari_holmefjord")).mappings().one()
        said = conn.execute(select(mentions.c.surface).where(mentions.c.actor_id == "kari_holmefjord")).all()
    assert (row["name_en"], row["kind"], row["side"], row["role"]) == \
        ("Kari Holmefjord", "person", "other", DISCOVERED_ROLE)
    assert [s.surface for s in said] == ["Kari Holmefjord"]
    # re-extraction prunes the actors the gazetteer lacks, then writes the article's again
    from parley.ingest import reextract_all

    assert reextract_all(engine) == 1
    with engine.connect() as conn:
        kind = conn.execute(select(actors.c.kind).where(actors.c.actor_id == "kari_holmefjord")).scalar_one()
    assert kind == "person"


@pytest.mark.parametrize(("value", "words"),
                         [({"ar": ["وزير"]}, "one key 'en'"), ({"en": ["minister", ""]}, "non-empty")])
def test_person_signs_file_is_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        value: dict[str, list[str]], words: str) -> None:
    import shutil

    import yaml

    from parley.datafiles import gazetteer_dir
    from parley.errors import GazetteerError
    from parley.extract.discovered import person_signs

    for src in gazetteer_dir().glob("*.yaml"):
        shutil.copy(src, tmp_path / src.name)
    data = yaml.safe_load((tmp_path / "person_signs.yaml").read_text(encoding="utf-8"))
    data["titles"] = value
    (tmp_path / "person_signs.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    with pytest.raises(GazetteerError, match=words) as info:
        person_signs()
    assert "person_signs.yaml" in str(info.value) and "'titles'" in str(info.value)
