"""Discovered English people (extract/discovered.py), fourth round: a middle initial inside the name,
and a known name inside a capitalised run; new sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 9, 14)


def _found(text: str, lang: str = "en") -> set[str]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {m.actor_id for m in extract_article(art).mentions if m.via == "discovered"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a middle initial: kept in the run, left out of the id
        ("Deputy envoy Martina K. Solberg said the draft was ready.", "martina_solberg"),
        # a known state's name before the name is no part of it
        ("The talks were attended by the ambassador to Oman Lukas Brenner and two aides.", "lukas_brenner"),
        ("Envoy to Qatar Ingrid T. Holm told reporters the round would resume.", "ingrid_holm"),
    ],
)
def test_a_person_named_after_a_state_or_with_an_initial_is_discovered(text: str, person: str) -> None:
    assert person in _found(text)


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        # the words before a known name are that name's own: no 'seyyed_abbas'
        ("Foreign Minister Seyyed Abbas Araghchi said the talks would go on.", "seyyed_abbas"),
        ("Prime Minister Datuk Seri Anwar Ibrahim hosted the two leaders.", "datuk_seri"),
    ],
)
def test_the_words_before_a_known_name_make_no_person(text: str, not_person: str) -> None:
    assert not_person not in _found(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Arabic and Persian script has no capitals: no person is discovered there
        ("ar", "قال السفير لدى عمان لوكاس برينر إن الجولة ستستأنف."),
        ("fa", "لوکاس برنر سفیر در عمان گفت دور بعدی از سر گرفته می‌شود."),
    ],
)
def test_no_person_is_discovered_in_arabic_or_persian_script(lang: str, text: str) -> None:
    assert _found(text, lang) == set()
