"""Places the gazetteer lacks, named in English after 'in', 'at' or 'to' (extract/new_places.py): kept as
venues when the talks frame gives them a role, on new ar/fa/en sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.gazetteer import default_gazetteer
from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 1)


def venues(text: str, lang: str = "en") -> set[tuple[str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(v.place_id, v.role) for v in extract_article(art).venues}


def test_the_places_of_these_tests_are_unknown_to_the_gazetteer() -> None:
    places = default_gazetteer().places
    assert not {"zanzibar", "tirana", "bellevue_palace", "skopje"} & set(places)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The two delegations met in Zanzibar on Tuesday for a second round of talks.",
         ("zanzibar", "talks_venue")),
        ("A third round of negotiations will be held in Skopje next month, the mediators said.",
         ("skopje", "talks_venue")),
        ("The envoy arrived in Tirana on Monday evening.", ("tirana", "visit")),
        ("The foreign ministers held talks at the Bellevue Palace on Friday.",
         ("bellevue_palace", "talks_venue")),
        # a headline's capitals: only the first word is the name
        ("Ceasefire Talks in Tirana End Without a Deal", ("tirana", "talks_venue")),
    ],
)
def test_an_unknown_english_place_in_a_talks_frame_is_a_venue(text: str, want: tuple[str, str]) -> None:
    got = venues(text)
    assert want in got
    assert len(got) == 1, got  # nothing else: no 'tirana_end', no month or weekday


@pytest.mark.parametrize(
    "text",
    [
        "He grew up in Tirana before he joined the foreign service.",  # only mentioned: not kept
        "The minister said in English that the talks would go on.",  # a language
        "The negotiations were discussed in Congress on Tuesday.",  # a body
        "The talks will resume in January, the envoy said.",  # a month
        "The talks took place in Foreign Minister Ali Bakr's residence.",  # a title
    ],
)
def test_no_place_is_made_of_other_capitalised_words(text: str) -> None:
    assert not {p for p, _ in venues(text)} - set(default_gazetteer().places)


def test_a_known_place_is_read_as_before() -> None:
    assert venues("The two delegations met in Muscat on Tuesday for a second round of talks.") == \
        {("muscat", "talks_venue")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Arabic and Persian script has no capital letters: an unknown place there stays unread
        ("ar", "التقى الوفدان في زنجبار يوم الثلاثاء لجولة ثانية من المحادثات."),
        ("fa", "دو هیئت روز سه‌شنبه برای دور دوم مذاکرات در زنگبار دیدار کردند."),
    ],
)
def test_unknown_places_in_arabic_or_persian_script_are_not_guessed(lang: str, text: str) -> None:
    assert venues(text, lang) == set()
