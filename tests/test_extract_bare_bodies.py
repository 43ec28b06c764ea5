"""Institutions named without their state ('the parliament', 'البرلمان', 'وزارت خارجه'): the body of
the state the passage is about (extract/bare_bodies.py), on new ar/fa/en sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.bare_bodies import bare_bodies
from parley.extract.gazetteer import default_gazetteer
from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 1)


def mentions(text: str, lang: str) -> dict[str, set[str]]:
    """actor id -> the ways it was found."""
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    out: dict[str, set[str]] = {}
    for m in extract_article(art).mentions:
        out.setdefault(m.actor_id, set()).add(m.via)
    return out


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        # the state of a person named before it
        ("ar", "وقّع الرئيس مسعود بزشكيان أمس قانونا جديدا صادق عليه البرلمان الأسبوع الماضي.",
         "iran_parliament"),
        ("en", "Tehran has said the protocol must first be approved by parliament before inspectors return.",
         "iran_parliament"),
        ("fa", "عباس عراقچی پیش از سفر گفت پارلمان باید این متن را بررسی کند.", "iran_parliament"),
        # the state named in a sentence before
        ("ar", "عاد لاريجاني إلى طهران مساء الأحد. وقال للتلفزيون الرسمي إن الزيارة كانت مثمرة.", "irib"),
        ("en", "Sudan's war entered a third year. Fighting between the army and the RSF spread west.",
         "saf"),
        ("fa", "نمایندگان قطر در این نشست حاضر بودند. وزارت امور خارجه در بیانیه‌ای از نتیجه استقبال کرد.",
         "qatar_foreign_ministry"),
        ("en", "Oman's envoy praised the round; the foreign ministry said a date would follow.",
         "oman_foreign_ministry"),
    ],
)
def test_a_bare_institution_is_the_body_of_the_state_in_the_passage(lang: str, text: str, body: str) -> None:
    assert "bare_body" in mentions(text, lang).get(body, set())


@pytest.mark.parametrize(
    ("lang", "text", "body"),
    [
        # a person's title, not the ministry
        ("ar", "التقى وزير الخارجية عباس عراقجي نظيره العماني في مسقط.", "iran_foreign_ministry"),
        ("en", "Iran's top diplomat arrived; Foreign Ministry spokesperson Esmaeil Baghaei spoke.",
         "iran_foreign_ministry"),
        ("fa", "سخنگوی وزارت امور خارجه ایران گفت سفر عراقچی قطعی است.", "iran_foreign_ministry"),
        # another state's own name: not the passage's state
        ("en", "Iran welcomed the vote in the European Parliament on Tuesday.", "iran_parliament"),
        # no state in the passage that has such a body
        ("en", "The parliament will vote on the budget next week.", "iran_parliament"),
    ],
)
def test_a_title_or_another_states_name_is_no_bare_body(lang: str, text: str, body: str) -> None:
    assert "bare_body" not in mentions(text, lang).get(body, set())


def test_the_state_written_beside_the_noun_wins() -> None:
    # 'the Egyptian foreign ministry' after Iran: Egypt's, not Iran's
    got = mentions("Araghchi spoke by phone, and the Egyptian foreign ministry confirmed the call.", "en")
    assert "egypt_foreign_ministry" in got
    assert "iran_foreign_ministry" not in got
    got = mentions("تحدث عراقجي هاتفيا يوم الاثنين، وأكدت وزارة الخارجية المصرية الاتصال.", "ar")
    assert "iran_foreign_ministry" not in got


def test_every_body_of_the_data_is_an_actor_of_its_state() -> None:
    gaz = default_gazetteer()
    for kind, states in bare_bodies().of.items():
        for state, body in states.items():
            assert gaz.actors[state].kind == "state", (kind, state)
            assert body in gaz.actors and gaz.actors[body].country == state, (kind, body)
