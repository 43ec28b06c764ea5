"""A capital named by its state only ('the Omani capital', 'العاصمة القطرية', 'پایتخت ترکیه') is that city
(extract/capitals.py); new ar/fa/en sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.capitals import capitals
from parley.extract.gazetteer import default_gazetteer
from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 1)


def venues(text: str, lang: str) -> set[tuple[str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(v.place_id, v.role) for v in extract_article(art).venues}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("ar", "ومن المنتظر أن يصل الوفد إلى العاصمة القطرية مساء اليوم.", ("doha", "visit")),
        ("ar", "استؤنفت المفاوضات في عاصمة عمان بعد توقف دام أسبوعين.", ("muscat", "talks_venue")),
        ("fa", "دور تازه مذاکرات در پایتخت ترکیه برگزار شد.", ("ankara", "talks_venue")),
        ("en", "The envoy arrived in the Egyptian capital late on Sunday.", ("cairo", "visit")),
        ("en", "A new round of talks opened in Oman's capital on Saturday.", ("muscat", "talks_venue")),
        ("en", "The negotiations resumed in the capital of Qatar on Monday.", ("doha", "talks_venue")),
    ],
)
def test_a_capital_named_by_its_state_is_the_city(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        # the sentence names the city: the phrase is its apposition, counted once with the city
        ("ar", "وصل الوفد إلى الدوحة، العاصمة القطرية، مساء اليوم.", "doha"),
        ("en", "The talks resumed in Ankara, the Turkish capital, on Monday.", "ankara"),
        ("fa", "هیئت ایرانی وارد رم پایتخت ایتالیا شد.", "rome"),
    ],
)
def test_a_capital_phrase_beside_the_citys_name_adds_nothing(lang: str, text: str, city: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    assert len([v for v in extract_article(art).venues if v.place_id == city]) == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The Iranian capital market fell sharply after the talks."),  # money, not a city
        ("ar", "قالت مصادر في العاصمة إن جولة المحادثات انتهت."),  # no state named
        ("fa", "مذاکرات در پایتخت ادامه یافت."),  # no state named
    ],
)
def test_no_capital_without_its_state_or_with_a_money_word(lang: str, text: str) -> None:
    assert venues(text, lang) == set()


def test_a_disputed_capital_is_left_out() -> None:
    got = venues("Officials in the Israeli capital declined to comment on the talks.", "en")
    assert "jerusalem" not in {p for p, _ in got}


def test_every_capital_is_a_city_of_its_state() -> None:
    gaz = default_gazetteer()
    for state, city in capitals().of.items():
        assert gaz.actors[state].kind == "state", state
        assert gaz.places[city].kind == "city" and gaz.places[city].country == state, city
