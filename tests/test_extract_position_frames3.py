"""Positions on unseen wording, third round: frames read from the tuning half's newest articles
(ids 140-169, 240-269, 340-369), which the rules had never seen.

Every sentence here was written for this test (none is copied from an article or a seed). Each
table is one frame, in Arabic, Persian and English.
"""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 9, 14)
Row = tuple[str, str, str]


def positions(text: str, lang: str) -> set[Row]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(p.actor_id, p.topic, p.stance) for p in extract_article(art).positions}


def pairs(text: str, lang: str) -> set[tuple[str, str]]:
    return {(a, t) for a, t, _ in positions(text, lang)}


# A mediation word inside the object ('a US-brokered peace agreement', 'توافق صلح با میانجیگری
# آمریکا را امضا کرد') qualifies the deal: the signing still reaches the deal, and the mediator
# mediates.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Armenia and Azerbaijan signed a US-brokered peace agreement on Monday."),
    ("ar", "وقعت أرمينيا وأذربيجان اتفاق سلام بوساطة أمريكية يوم الاثنين."),
    ("fa", "ارمنستان توافق صلح با میانجیگری آمریکا را امضا کرد."),
])
def test_a_mediation_word_inside_the_object_does_not_cut_it(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert {("armenia", "diplomacy", "supports"), ("usa", "diplomacy", "mediates")} <= got


def test_a_hyphenated_mediation_adjective_leaves_the_welcome_its_topic() -> None:
    got = positions("Thailand welcomed the Malaysia-mediated truce with Cambodia.", "en")
    assert {("thailand", "diplomacy", "supports"), ("malaysia", "diplomacy", "mediates")} <= got


# The one told holds nothing, with an article between the verb and it in English ('told the UN').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Britain has told the UN it is ready to resume talks with Iran."),
    ("ar", "أبلغت بريطانيا الأمم المتحدة أنها مستعدة لاستئناف المحادثات مع إيران."),
    ("fa", "بریتانیا به سازمان ملل اعلام کرد که آماده ازسرگیری مذاکرات با ایران است."),
])
def test_the_one_told_holds_nothing(lang: str, text: str) -> None:
    got = pairs(text, lang)
    assert ("uk", "diplomacy") in got
    assert not any(a == "un" for a, _ in got)
