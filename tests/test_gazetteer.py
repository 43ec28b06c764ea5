"""The gazetteer data (actors, roles, places) and its validation on load."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from parley.datafiles import REPO_ROOT, load_yaml
from parley.errors import GazetteerError
from parley.extract.gazetteer import Gazetteer, load_gazetteer
from parley.text.normalize import normalize_text

DATA = REPO_ROOT / "data" / "gazetteer"

# Every person the five seed articles name, by the ids other modules use.
SEED_PEOPLE = [
    "marco_rubio", "donald_trump", "jd_vance", "ali_khamenei", "steve_witkoff",
    "abbas_araghchi", "masoud_pezeshkian", "ali_larijani", "mohammed_bin_abdulrahman_al_thani",
    "abdel_fattah_el_sisi", "hakan_fidan", "pete_hegseth", "alex_pfeiffer", "eyal_zamir",
    "dan_caine",
]
SEED_BODIES = [
    "white_house", "usa", "iran", "oman", "qatar", "egypt", "turkey", "israel", "russia",
    "china", "north_korea", "uae", "saudi_arabia", "iraq", "axios", "cnn", "nbc_news",
    "fox_news", "ap", "megyn_kelly_show", "gate", "khaberni", "iran_snsc", "iaea", "irgc",
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def fold(form: str) -> str:
    return " ".join(normalize_text(form).split())


# --- the committed files load and validate -------------------------------------------------

def test_every_file_loads_and_validates(gaz: Gazetteer) -> None:
    assert gaz.actors and gaz.roles and gaz.places
    for name in ("actors.yaml", "roles.yaml", "places.yaml", "letters.yaml"):
        assert isinstance(load_yaml(name), dict), name


def test_counts(gaz: Gazetteer) -> None:
    assert len(gaz.actors) >= 140
    assert len(gaz.roles) >= 40
    assert len(gaz.places) >= 45


@pytest.mark.parametrize("actor_id", SEED_PEOPLE)
def test_seed_person_present(gaz: Gazetteer, actor_id: str) -> None:
    actor = gaz.actors[actor_id]
    assert actor.kind == "person"
    assert actor.roles, f"{actor_id} should hold a dated role"


@pytest.mark.parametrize("actor_id", SEED_BODIES)
def test_seed_body_present(gaz: Gazetteer, actor_id: str) -> None:
    assert actor_id in gaz.actors


def test_every_actor_named_in_three_languages(gaz: Gazetteer) -> None:
    missing = [a.id for a in gaz.actors.values() if set(a.names) != {"en", "ar", "fa"}]
    assert missing == []


def test_every_person_has_a_state_country(gaz: Gazetteer) -> None:
    bad = [a.id for a in gaz.actors.values()
           if a.kind == "person" and (a.country is None or gaz.actors[a.country].kind != "state")]
    assert bad == []


@pytest.mark.parametrize(("actor_id", "kind", "side"), [
    ("usa", "state", "us"),
    ("white_house", "org", "us"),
    ("iran", "state", "iran"),
    ("irgc", "org", "iran"),
    ("hezbollah", "org", "iran"),
    ("houthis", "org", "iran"),
    ("hamas", "org", "iran"),
    ("oman", "state", "mediator"),
    ("badr_albusaidi", "person", "mediator"),
    ("qatar", "state", "mediator"),
    ("egypt", "state", "mediator"),
    ("turkey", "state", "mediator"),
    ("hakan_fidan", "person", "mediator"),
    ("saudi_arabia", "state", "gulf"),
    ("uae", "state", "gulf"),
    ("kuwait", "state", "gulf"),
    ("bahrain", "state", "gulf"),
    ("israel", "state", "israel"),
    ("eyal_zamir", "person", "israel"),
    ("uk", "state", "europe"),
    ("eu", "org", "europe"),
    ("kaja_kallas", "person", "europe"),
    ("russia", "state", "other"),
    ("china", "state", "other"),
    ("iaea", "org", "other"),
    ("un", "org", "other"),
    ("axios", "media", "media"),
    ("khaberni", "media", "media"),
    ("bbc_persian", "media", "media"),
])
def test_kind_and_side(gaz: Gazetteer, actor_id: str, kind: str, side: str) -> None:
    actor = gaz.actors[actor_id]
    assert (actor.kind, actor.side) == (kind, side)


# --- role holders resolve by date ------------------------------------------------------------

FEB_2026 = dt.date(2026, 2, 1)


@pytest.mark.parametrize(("role", "day", "holder"), [
    ("us_secretary_of_state", FEB_2026, "marco_rubio"),
    ("iran_supreme_leader", FEB_2026, "ali_khamenei"),
    ("us_vice_president", FEB_2026, "jd_vance"),
    ("iran_foreign_minister", FEB_2026, "abbas_araghchi"),
    ("us_president", FEB_2026, "donald_trump"),
    ("us_secretary_of_defense", FEB_2026, "pete_hegseth"),
    ("us_special_envoy", FEB_2026, "steve_witkoff"),
    ("iran_president", FEB_2026, "masoud_pezeshkian"),
    ("iran_snsc_secretary", FEB_2026, "ali_larijani"),
    ("iran_snsc_secretary", dt.date(2024, 1, 1), "ali_akbar_ahmadian"),
    ("iran_snsc_secretary", dt.date(2020, 1, 1), "ali_shamkhani"),
    ("qatar_prime_minister", FEB_2026, "mohammed_bin_abdulrahman_al_thani"),
    ("qatar_foreign_minister", FEB_2026, "mohammed_bin_abdulrahman_al_thani"),
    ("egypt_president", FEB_2026, "abdel_fattah_el_sisi"),
    ("turkey_foreign_minister", FEB_2026, "hakan_fidan"),
    ("oman_foreign_minister", FEB_2026, "badr_albusaidi"),
    ("idf_chief_of_staff", FEB_2026, "eyal_zamir"),
    ("us_joint_chiefs_chairman", FEB_2026, "dan_caine"),
    ("iaea_director_general", FEB_2026, "rafael_grossi"),
    ("israel_prime_minister", FEB_2026, "benjamin_netanyahu"),
    ("white_house_press_secretary", FEB_2026, "karoline_leavitt"),
    ("iran_fm_spokesperson", FEB_2026, "esmaeil_baghaei"),
    ("uk_foreign_secretary", dt.date(2025, 1, 1), "david_lammy"),
    ("uk_foreign_secretary", FEB_2026, "yvette_cooper"),
    ("centcom_commander", dt.date(2025, 1, 1), "michael_kurilla"),
    ("centcom_commander", FEB_2026, "brad_cooper"),
    ("iran_foreign_minister", dt.date(2015, 7, 14), "mohammad_javad_zarif"),
    ("china_foreign_minister", dt.date(2023, 3, 1), None),  # Qin Gang: not in the gazetteer
    ("china_foreign_minister", FEB_2026, "wang_yi"),
    ("us_president", dt.date(2019, 6, 1), "donald_trump"),
    ("us_president", dt.date(2023, 1, 1), None),  # Biden: not in the gazetteer
    ("us_national_security_adviser", dt.date(2025, 3, 1), "mike_waltz"),
    ("us_national_security_adviser", FEB_2026, "marco_rubio"),
    # Several holders at once: the bare title must not pick one.
    ("white_house_spokesperson", FEB_2026, None),
    ("iran_deputy_foreign_minister", FEB_2026, None),
    # Undated article: the current holder.
    ("us_secretary_of_state", None, "marco_rubio"),
    ("iran_snsc_secretary", None, "ali_larijani"),
])
def test_holder_by_date(gaz: Gazetteer, role: str, day: dt.date | None,
                        holder: str | None) -> None:
    assert role in gaz.roles
    assert gaz.holder(role, day) == holder


def test_every_role_has_a_holder(gaz: Gazetteer) -> None:
    assert sorted(set(gaz.roles) - set(gaz.holders)) == []


@pytest.mark.parametrize(("role", "title"), [
    ("us_special_envoy", "مبعوث البيت الأبيض"),
    ("us_special_envoy", "المبعوث الأمريكي الخاص"),
    ("us_special_envoy", "المبعوث الأميركي الخاص"),
    ("iran_supreme_leader", "المرشد الإيراني"),
    ("iran_supreme_leader", "المرشد الأعلى"),
    ("iran_president", "الرئيس الإيراني"),
    ("iran_foreign_minister", "وزير الخارجية الإيراني"),
    ("turkey_foreign_minister", "وزير الخارجية التركي"),
    ("qatar_prime_minister", "رئيس الوزراء القطري"),
    ("egypt_president", "الرئيس المصري"),
    ("oman_foreign_minister", "وزير الخارجية العماني"),
    ("us_secretary_of_state", "وزير الخارجية الأمريكي"),
    ("us_secretary_of_state", "وزير الخارجية الأميركي"),
    ("us_secretary_of_state", "وزیر خارجه آمریکا"),
    ("us_secretary_of_state", "وزیر امور خارجه آمریکا"),
    ("us_president", "رییسجمهوری آمریکا"),  # seed 001: ZWNJ already stripped
    ("us_president", "رئیس جمهور آمریکا"),
    ("us_vice_president", "نائب الرئيس الأمريكي"),
    ("us_secretary_of_defense", "وزير الدفاع الأمريكي"),
    ("us_secretary_of_defense", "Secretary of War"),
    ("white_house_spokesperson", "المتحدث باسم البيت الأبيض"),
    ("iran_snsc_secretary", "أمين المجلس الأعلى للأمن القومي الإيراني"),
    ("idf_chief_of_staff", "رئيس أركان الجيش الإسرائيلي"),
    ("us_joint_chiefs_chairman", "رئيس هيئة الأركان المشتركة"),
    ("iaea_director_general", "مدیرکل آژانس بین‌المللی انرژی اتمی"),
])
def test_role_title(gaz: Gazetteer, role: str, title: str) -> None:
    titles = {fold(t) for ts in gaz.roles[role].titles.values() for t in ts}
    assert fold(title) in titles


# --- names and aliases ---------------------------------------------------------------------

def _index(gaz: Gazetteer) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for a in gaz.actors.values():
        for _, form in a.surface_forms():
            index.setdefault(fold(form), set()).add(a.id)
    return index


@pytest.mark.parametrize(("surface", "actor_id"), [
    ("عراقجي", "abbas_araghchi"),
    ("عراقچی", "abbas_araghchi"),
    ("Araqchi", "abbas_araghchi"),
    ("ويتكوف", "steve_witkoff"),
    ("ويتكووف", "steve_witkoff"),
    ("ویتکاف", "steve_witkoff"),
    ("ویتکوف", "steve_witkoff"),
    ("بزشكيان", "masoud_pezeshkian"),
    ("بيزشكيان", "masoud_pezeshkian"),
    ("پزشکیان", "masoud_pezeshkian"),
    ("هيغسيث", "pete_hegseth"),
    ("هگست", "pete_hegseth"),
    ("روبيو", "marco_rubio"),
    ("روبیو", "marco_rubio"),
    ("Rubio", "marco_rubio"),
    ("@SecRubio", "marco_rubio"),
    ("خامنئي", "ali_khamenei"),
    ("خامنه‌ای", "ali_khamenei"),
    ("خامنه ای", "ali_khamenei"),  # Persian typed with a space instead of ZWNJ
    ("جيه دي فانس", "jd_vance"),
    ("فانس", "jd_vance"),
    ("ونس", "jd_vance"),
    ("ترامپ", "donald_trump"),
    ("أليكس فايفر", "alex_pfeiffer"),
    ("إيال زمير", "eyal_zamir"),
    ("دان كين", "dan_caine"),
    ("عبدالفتاح السيسي", "abdel_fattah_el_sisi"),
    ("محمد بن عبدالرحمن آل ثاني", "mohammed_bin_abdulrahman_al_thani"),
    ("هاكان فيدان", "hakan_fidan"),
    ("أكسيوس", "axios"),
    ("أسوشيتد برس", "ap"),
    ("إن بي سي نيوز", "nbc_news"),
    ("سي إن إن", "cnn"),
    ("فوكس نيوز", "fox_news"),
    ("خبرني", "khaberni"),
    ("ذا ميجان كيلي شو", "megyn_kelly_show"),
    ("سلطنة عُمان", "oman"),
    ("كوريا الشمالية", "north_korea"),
    ("الإمارات العربية المتحدة", "uae"),
    ("البيت الأبيض", "white_house"),
    ("کاخ سفید", "white_house"),
])
def test_surface_form_lands_on_actor(gaz: Gazetteer, surface: str, actor_id: str) -> None:
    assert _index(gaz).get(fold(surface)) == {actor_id}


@pytest.mark.parametrize("adjective", [
    "الإيراني", "الإيرانية", "الأمريكي", "الأميركي", "الأمريكية", "آمریکایی", "ایرانی",
    "الإسرائيلي", "العربية", "السوداني",
])
def test_adjectives_are_not_aliases(gaz: Gazetteer, adjective: str) -> None:
    assert fold(adjective) not in _index(gaz)


def test_no_shared_name_unless_marked_ambiguous() -> None:
    """Independent of the loader: read the raw files and compare normalised forms."""
    for file, key in (("actors.yaml", "actors"), ("places.yaml", "places")):
        entries = load_yaml(file)[key]
        owners: dict[str, list[str]] = {}
        marked: dict[str, set[str]] = {}
        for e in entries:
            forms = list(e["name"].values())
            forms += [f for fs in (e.get("aliases") or {}).values() for f in fs]
            for folded in {fold(f) for f in forms}:
                owners.setdefault(folded, []).append(e["id"])
            marked[e["id"]] = {fold(f) for f in e.get("ambiguous") or []}
        clashes = [(form, ids) for form, ids in owners.items()
                   if len(ids) > 1 and not all(form in marked[i] for i in ids)]
        assert clashes == [], file


def test_oman_and_amman_share_the_form_on_purpose(gaz: Gazetteer) -> None:
    owners = {p.id for p in gaz.places.values()
              for _, f in p.surface_forms() if fold(f) == fold("عمان")}
    assert owners == {"oman", "amman"}


# --- places ------------------------------------------------------------------------------------

def test_every_place_country_is_a_state(gaz: Gazetteer) -> None:
    bad = [p.id for p in gaz.places.values()
           if p.country is not None and gaz.actors[p.country].kind != "state"]
    assert bad == []


def test_every_place_is_complete(gaz: Gazetteer) -> None:
    for p in gaz.places.values():
        assert set(p.names) == {"en", "ar", "fa"}, p.id
        assert p.kind in {"city", "country", "region", "venue"}, p.id
        assert p.lat is not None and p.lon is not None, p.id
        if p.kind in {"city", "country"} and p.id != "jerusalem":  # Jerusalem: status disputed
            assert p.country is not None, p.id


@pytest.mark.parametrize(("surface", "place_id"), [
    ("مسقط", "muscat"), ("الدوحة", "doha"), ("دوحه", "doha"), ("أنقرة", "ankara"),
    ("آنکارا", "ankara"), ("إسطنبول", "istanbul"), ("استانبول", "istanbul"),
    ("تركيا", "turkey"), ("ترکیه", "turkey"), ("جنيف", "geneva"), ("ژنو", "geneva"),
    ("روما", "rome"), ("رم", "rome"), ("فيينا", "vienna"), ("وین", "vienna"),
    ("القاهرة", "cairo"), ("قاهره", "cairo"), ("واشنطن", "washington"),
    ("واشینگتن", "washington"), ("طهران", "tehran"), ("تهران", "tehran"),
    ("الشرق الأوسط", "middle_east"), ("خاورمیانه", "middle_east"), ("Oslo", "oslo"),
])
def test_place_surface_form(gaz: Gazetteer, surface: str, place_id: str) -> None:
    owners = {p.id for p in gaz.places.values()
              for _, f in p.surface_forms() if fold(f) == fold(surface)}
    assert owners == {place_id}


@pytest.mark.parametrize(("place_id", "lat", "lon"), [
    ("muscat", 23.6, 58.4), ("tehran", 35.7, 51.4), ("washington", 38.9, -77.0),
    ("geneva", 46.2, 6.1), ("ankara", 39.9, 32.9), ("doha", 25.3, 51.5),
])
def test_coordinates_are_where_the_city_is(gaz: Gazetteer, place_id: str, lat: float,
                                           lon: float) -> None:
    place = gaz.places[place_id]
    assert place.lat == pytest.approx(lat, abs=0.2)
    assert place.lon == pytest.approx(lon, abs=0.2)


# --- validation rejects bad data, naming file and entry ------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _entry(data: dict[str, Any], key: str, entry_id: str) -> dict[str, Any]:
    (found,) = [e for e in data[key] if e["id"] == entry_id]
    assert isinstance(found, dict)
    return found


def _set(key: str, entry_id: str, field: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        _entry(data, key, entry_id)[field] = value
    return mutate


def _drop(key: str, entry_id: str, field: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del _entry(data, key, entry_id)[field]
    return mutate


def _add_alias(key: str, entry_id: str, lang: str, alias: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        aliases = _entry(data, key, entry_id).setdefault("aliases", {})
        aliases.setdefault(lang, []).append(alias)
    return mutate


def _duplicate(key: str, entry_id: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data[key].append(dict(_entry(data, key, entry_id)))
    return mutate


def _add_title(role_id: str, lang: str, title: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        _entry(data, "roles", role_id)["titles"][lang].append(title)
    return mutate


BAD = [
    # (file, mutation, entry the message must name, words it must contain)
    ("actors.yaml", _set("actors", "marco_rubio", "kind", "politician"), "marco_rubio", "kind"),
    ("actors.yaml", _set("actors", "marco_rubio", "side", "usa"), "marco_rubio", "side"),
    ("actors.yaml", _set("actors", "marco_rubio", "id", "Marco_Rubio"), "Marco_Rubio", "lower-case"),
    ("actors.yaml", _duplicate("actors", "jd_vance"), "jd_vance", "duplicate"),
    ("actors.yaml", _set("actors", "jd_vance", "name", {"ar": "فانس"}), "jd_vance", "name.en"),
    ("actors.yaml", _set("actors", "jd_vance", "name", {"en": "JD Vance", "de": "Vance"}),
     "jd_vance", "'de'"),
    ("actors.yaml", _set("actors", "jd_vance", "aliases", {"en": ["Vance", ""]}), "jd_vance",
     "non-empty"),
    ("actors.yaml", _set("actors", "jd_vance", "roles", [{"role": "us_emperor"}]), "jd_vance",
     "unknown role"),
    ("actors.yaml", _set("actors", "jd_vance", "roles",
                         [{"role": "us_vice_president", "from": "20 Jan 2025"}]),
     "jd_vance", "bad date"),
    ("actors.yaml", _set("actors", "jd_vance", "roles",
                         [{"role": "us_vice_president", "from": "2025-01-20",
                           "to": "2024-01-01"}]), "jd_vance", "ends before"),
    ("actors.yaml", _set("actors", "hakan_fidan", "country", "turkiye"), "hakan_fidan",
     "country"),
    ("actors.yaml", _add_alias("actors", "jd_vance", "ar", "روبيو"), "jd_vance", "marco_rubio"),
    ("actors.yaml", _add_alias("actors", "iran", "fa", "آمریکا"), "usa", "ambiguous"),
    ("actors.yaml", _drop("actors", "yvette_cooper", "ambiguous"), "yvette_cooper", "ambiguous"),
    ("actors.yaml", _set("actors", "marco_rubio", "ambiguous", ["Nobody"]), "marco_rubio",
     "Nobody"),
    ("roles.yaml", _add_title("us_vice_president", "en", "Secretary of State"),
     "us_vice_president", "us_secretary_of_state"),
    ("roles.yaml", _add_title("us_vice_president", "ar", "وزير الخارجية الاميركي"),
     "us_vice_president", "us_secretary_of_state"),
    ("roles.yaml", _set("roles", "us_president", "titles", {}), "us_president", "titles"),
    ("roles.yaml", _duplicate("roles", "iran_president"), "iran_president", "duplicate"),
    ("places.yaml", _set("places", "ankara", "country", "turkiye"), "ankara", "country"),
    ("places.yaml", _set("places", "ankara", "lat", 139.9), "ankara", "coordinate"),
    ("places.yaml", _set("places", "ankara", "lon", "32.8"), "ankara", "coordinate"),
    ("places.yaml", _drop("places", "amman", "ambiguous"), "amman", "ambiguous"),
    ("places.yaml", _add_alias("places", "doha", "ar", "قطر"), "doha", "ambiguous"),
    ("places.yaml", _set("places", "doha", "name", {"ar": "الدوحة"}), "doha", "name.en"),
]


@pytest.mark.parametrize(("file", "mutate", "entry", "words"), BAD,
                         ids=[f"{b[0]}:{b[2]}:{b[3]}" for b in BAD])
def test_validation_rejects_bad_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      file: str, mutate: Mutation, entry: str,
                                      words: str) -> None:
    for src in DATA.glob("*.yaml"):
        shutil.copy(src, tmp_path / src.name)
    target = tmp_path / file
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    mutate(data)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))

    with pytest.raises(GazetteerError) as info:
        load_gazetteer()
    message = str(info.value)
    assert file in message
    assert f"'{entry}'" in message
    assert words in message


def test_copied_files_load_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness above only fails because of the mutation, not because of the copy."""
    expected = load_gazetteer()
    for src in DATA.glob("*.yaml"):
        shutil.copy(src, tmp_path / src.name)
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    copied = load_gazetteer()
    assert (len(copied.actors), len(copied.roles), len(copied.places)) == (
        len(expected.actors), len(expected.roles), len(expected.places))


def test_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for src in DATA.glob("*.yaml"):
        if src.name != "roles.yaml":
            shutil.copy(src, tmp_path / src.name)
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    with pytest.raises(GazetteerError, match=r"roles\.yaml"):
        load_gazetteer()
