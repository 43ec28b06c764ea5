"""Positions, fourth round: generic filters and frames, each checked against the tuning half's
older 150 articles and the 30 newest ones (never read), not against one sentence.

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


# Taking part in force, resuming it or joining it is an act that happened, not a stance on force:
# only readiness ('ready to use force') turns support into a warning.
@pytest.mark.parametrize(("lang", "text", "actor"), [
    ("en", "Britain joined France in bombing the rebel positions last week.", "uk"),
    ("en", "Britain resumed air strikes on the rebel positions on Monday.", "uk"),
    ("ar", "انضمت تركيا إلى الضربات الجوية على مواقع المتمردين.", "turkey"),
    ("fa", "ترکیه هفته گذشته در حمله به مواضع شورشیان شرکت کرد.", "turkey"),
])
def test_an_act_of_force_is_no_warning(lang: str, text: str, actor: str) -> None:
    assert (actor, "military_force") not in pairs(text, lang)


@pytest.mark.parametrize(("lang", "text", "actor"), [
    ("en", "Britain said it was ready to use force against the rebels.", "uk"),
    ("ar", "قالت تركيا إنها مستعدة لاستخدام القوة العسكرية ضد المتمردين.", "turkey"),
    ("fa", "ترکیه گفت آماده استفاده از نیروی نظامی علیه شورشیان است.", "turkey"),
])
def test_readiness_to_use_force_still_warns(lang: str, text: str, actor: str) -> None:
    assert (actor, "military_force", "warns") in positions(text, lang)
