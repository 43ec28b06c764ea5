"""Titles without names (issue 10 item 5), fourth round: a deputy's or a former holder's title does not
stand for the holder at the article's date (extract/actors.py); new ar/fa/en sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 8, 1)


def by_title(text: str, lang: str) -> set[str]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {m.actor_id for m in extract_article(art).mentions if m.via == "title"}


@pytest.mark.parametrize(
    ("lang", "text", "holder"),
    [
        ("fa", "معاون سخنگوی وزارت خارجه آمریکا در نشست خبری به این پرسش پاسخ داد.", "tammy_bruce"),
        ("ar", "وقال نائب المتحدثة باسم البيت الأبيض إن الرد سيصل قريبا.", "karoline_leavitt"),
        ("en", "The deputy White House press secretary declined to comment.", "karoline_leavitt"),
        ("en", "The former US Secretary of State told the forum that talks should resume.", "marco_rubio"),
        ("ar", "وانتقد وزير الخارجية الأمريكي السابق الاتفاق في مقابلة تلفزيونية.", "marco_rubio"),
        ("fa", "وزیر خارجه آمریکا سابق در این گفتگو از توافق انتقاد کرد.", "marco_rubio"),
    ],
)
def test_a_deputy_or_former_title_is_not_the_holder(lang: str, text: str, holder: str) -> None:
    assert holder not in by_title(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "holder"),
    [
        ("fa", "سخنگوی وزارت خارجه آمریکا در نشست خبری به این پرسش پاسخ داد.", "tammy_bruce"),
        ("ar", "وانتقد وزير الخارجية الأمريكي الاتفاق في مقابلة تلفزيونية.", "marco_rubio"),
        ("en", "The US Secretary of State told the forum that talks should resume.", "marco_rubio"),
    ],
)
def test_the_same_title_alone_is_the_holder(lang: str, text: str, holder: str) -> None:
    assert holder in by_title(text, lang)
