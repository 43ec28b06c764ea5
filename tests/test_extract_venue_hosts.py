"""Venue frames: the host of talks, talks named by their city, signing in a city, and 'in X'
after a war or truce noun (venue_cues.yaml host, named_talks, scene_nouns); new sentences in
ar, fa and en, not copied from any article."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 2)


def venues(text: str, lang: str) -> set[tuple[str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(v.place_id, v.role) for v in extract_article(art).venues}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # the host of the talks is where they are held
        ("en", "Norway hosted two days of talks between the factions.", {("norway", "talks_venue")}),
        ("en", "The negotiations, hosted by Switzerland, resume in March.", {("switzerland", "talks_venue")}),
        ("en", "Helsinki will host the next round of the dialogue.", {("helsinki", "talks_venue")}),
        ("ar", "واستضافت النرويج جولة من المحادثات بين الفصائل.", {("norway", "talks_venue")}),
        ("ar", "وتستضيف هلسنكي الجولة التالية من المفاوضات.", {("helsinki", "talks_venue")}),
        ("fa", "نروژ دو روز میزبان مذاکرات میان گروه‌ها بود.", {("norway", "talks_venue")}),
        ("fa", "دور تازه گفتگوها به میزبانی سوئیس برگزار شد.", {("switzerland", "talks_venue")}),
        # an offer to host stays a proposal
        ("en", "Officials said Astana is willing to host a meeting of the two sides.",
         {("astana", "proposed")}),
        # talks named by their city; a country there names a party, not a venue
        ("en", "The Budapest talks ended with a joint statement.", {("budapest", "talks_venue")}),
        ("ar", "وانتهت محادثات بودابست ببيان مشترك.", {("budapest", "talks_venue")}),
        ("fa", "مذاکرات بوداپست با بیانیه‌ای مشترک پایان یافت.", {("budapest", "talks_venue")}),
        ("ar", "وتوقفت مفاوضات أرمينيا قبل عامين.", set()),
        # signing in a city is an outcome of talks held there
        ("en", "The foreign ministers signed the framework in Madrid on Tuesday.",
         {("madrid", "talks_venue")}),
        ("ar", "ووقع الوزيران الإطار في مدريد يوم الثلاثاء.", {("madrid", "talks_venue")}),
        ("fa", "دو وزیر روز سه‌شنبه در مادرید چارچوب را امضا کردند.", {("madrid", "talks_venue")}),
        # 'in X' after a war or truce noun is where the war is, even beside a talks word
        ("en", "Negotiators discussed the truce in Sudan at length.", {("sudan", "mentioned")}),
        ("ar", "وناقش المفاوضون الهدنة في السودان مطولا.", {("sudan", "mentioned")}),
        ("fa", "مذاکره‌کنندگان درباره آتش‌بس در سودان گفتگو کردند.", {("sudan", "mentioned")}),
    ],
)
def test_venue_frames(lang: str, text: str, want: set[tuple[str, str]]) -> None:
    assert venues(text, lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # talks held in a country happen in the one city of it the article names
        ("en", "DOHA, Qatar - Envoys of the two sides met in Qatar on Monday.\n"
               "Both delegations left Doha in the evening.",
         {("doha", "talks_venue"), ("qatar", "talks_venue")}),
        ("ar", "وعقدت جولة المفاوضات في سويسرا أمس.\nوغادر الوفدان جنيف مساء.",
         {("switzerland", "talks_venue"), ("geneva", "talks_venue")}),
        ("fa", "دور تازه مذاکرات در نروژ برگزار شد.\nهیئت‌ها شامگاه اسلو را ترک کردند.",
         {("norway", "talks_venue"), ("oslo", "talks_venue")}),
        # two cities of that country named: which one is not said
        ("en", "The talks were held in Egypt.\nCairo and Sharm el-Sheikh were both busy.",
         {("egypt", "talks_venue"), ("cairo", "mentioned"), ("sharm_el_sheikh", "mentioned")}),
    ],
)
def test_talks_in_a_country_are_in_its_named_city(lang: str, text: str,
                                                  want: set[tuple[str, str]]) -> None:
    assert venues(text, lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # receiving visitors at a place is a meeting held there
        ("ar", "واستقبل الرئيس، الأحد، في قصر الاتحادية وفدا من الوسطاء.",
         {("ittihadiya_palace", "talks_venue")}),
        ("en", "The king received the envoys in Amman on Sunday.", {("amman", "talks_venue")}),
        ("fa", "رئیس‌جمهور روز یکشنبه در مسقط فرستادگان را به حضور پذیرفت.", {("muscat", "talks_venue")}),
        # a negotiating delegation arriving somewhere arrives at the talks
        ("ar", "وقال مصدر إن الوفد المكلف بالمفاوضات وصل الدوحة مساء الأحد.", {("doha", "talks_venue")}),
        ("en", "The delegation for the ceasefire negotiations arrived in Cairo late on Sunday.",
         {("cairo", "talks_venue")}),
        ("fa", "هیئت مذاکره‌کننده برای مذاکرات آتش‌بس وارد دوحه شد.", {("doha", "talks_venue")}),
        # without a talks noun an arrival stays a visit
        ("en", "The delegation arrived in Cairo late on Sunday.", {("cairo", "visit")}),
    ],
)
def test_receptions_and_negotiating_delegations(lang: str, text: str, want: set[tuple[str, str]]) -> None:
    assert venues(text, lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("en", "The Geneva negotiations resumed after a pause.", {("geneva", "talks_venue")}),
        ("fa", "گفتگوهای ژنو پس از وقفه از سر گرفته شد.", {("geneva", "talks_venue")}),
        ("ar", "واستؤنفت مباحثات جنيف بعد توقف.", {("geneva", "talks_venue")}),
        ("en", "Vienna met the deadline, officials said.", {("vienna", "mentioned")}),  # 'met' is a verb
    ],
)
def test_talks_named_by_their_city_with_any_talks_noun(lang: str, text: str,
                                                       want: set[tuple[str, str]]) -> None:
    assert venues(text, lang) == want
