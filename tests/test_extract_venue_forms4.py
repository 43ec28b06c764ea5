"""Venue frames, fourth round, on new ar/fa/en sentences of our own: a second place joined by a separate
'and' word (Persian و), an Arabic dative لـ after an arrival verb, the Arabic host verb احتضن, and the
locative بـ on a place noun ('بمدينة إسطنبول')."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 1)


def venues(text: str, lang: str) -> set[tuple[str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(v.place_id, v.role) for v in extract_article(art).venues}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # a second place joined by a separate 'and' shares the first one's role
        ("fa", "گفتگوها در قاهره و دوحه ادامه دارد.", {("cairo", "talks_venue"), ("doha", "talks_venue")}),
        ("en", "The round went on in Cairo and Doha.", {("cairo", "talks_venue"), ("doha", "talks_venue")}),
        # the dative لـ after an arrival verb is where the visit goes
        ("ar", "وصلت المبعوثة للدوحة صباح الثلاثاء.", {("doha", "visit")}),
        ("ar", "سافر رئيس الوفد لأنقرة بعد ظهر الأحد.", {("ankara", "visit")}),
        # the host verb احتضن
        ("ar", "تحتضن مسقط يوم السبت جولة جديدة من المباحثات.", {("muscat", "talks_venue")}),
        # the locative بـ on the place noun before the name
        ("ar", "تواصلت المباحثات بمدينة جنيف لليوم الثاني.", {("geneva", "talks_venue")}),
        ("ar", "انطلقت الجولة بالعاصمة القطرية الدوحة.", {("doha", "talks_venue")}),
    ],
)
def test_venue_forms(lang: str, text: str, want: set[tuple[str, str]]) -> None:
    assert want <= venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "place", "role"),
    [
        # a dative after another place is no second visit: 'thanked Qatar'
        ("ar", "زار الوزير عمّان وقدم الشكر لقطر على جهودها.", "qatar", "visit"),
        # a place and an actor joined by 'and' do not share a role
        ("fa", "گفتگوها در قاهره با حضور هیئت قطر ادامه دارد.", "qatar", "talks_venue"),
    ],
)
def test_no_role_beyond_the_frame(lang: str, text: str, place: str, role: str) -> None:
    assert (place, role) not in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # 'in X for talks': a purpose word right after the place, governing a talks word
        ("en", "The delegation stayed in Doha for talks with the mediators.", ("doha", "talks_venue")),
        ("ar", "الوفد موجود في القاهرة لإجراء مباحثات مع الوسطاء.", ("cairo", "talks_venue")),
        ("fa", "هیئت در دوحه برای مذاکره با میانجی‌ها ماند.", ("doha", "talks_venue")),
        # departing for a place is a visit to it
        ("fa", "وزیر خارجه صبح امروز عازم مسکو شد.", ("moscow", "visit")),
        ("fa", "هیئت دیروز راهی ریاض شد.", ("riyadh", "visit")),
        ("fa", "هیئت آنکارا را به مقصد دوحه ترک کرد.", ("doha", "visit")),
        ("ar", "غادرت الوزيرة أنقرة متوجهة إلى الدوحة.", ("doha", "visit")),
    ],
)
def test_purpose_after_the_place_and_departures(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        # the purpose word too far from the place, or governing no talks word
        ("en", "Hamas said in Cairo on Monday evening that it was ready for new talks.", "cairo"),
        ("en", "Crowds marched in Tehran for the funeral of the commanders.", "tehran"),
    ],
)
def test_no_talks_venue_without_a_purpose_for_talks_beside_it(lang: str, text: str, place: str) -> None:
    assert (place, "talks_venue") not in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        # 'for talks' after a visit word: still a visit (the seeds' reading)
        ("ar", "زار قائد الجيش أنقرة يوم الأحد لإجراء محادثات مع نظيره.", "ankara"),
        ("en", "The army chief visited Ankara on Sunday for talks with his counterpart.", "ankara"),
    ],
)
def test_a_visit_for_talks_with_someone_stays_a_visit(lang: str, text: str, place: str) -> None:
    assert (place, "visit") in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # the Persian ezafe written after a vowel-final city name
        ("fa", "دور تازه گفتگوها در ژنوی سوئیس برگزار شد.", ("geneva", "talks_venue")),
        ("fa", "دور تازه مذاکرات در دوحه‌ی قطر آغاز شد.", ("doha", "talks_venue")),
        ("fa", "وزیر خارجه به باکوی آذربایجان سفر کرد.", ("baku", "visit")),
        # a country's name between 'in the capital' and the city's name
        ("fa", "در پایتخت قطر، دوحه، دور جدید گفتگوها برگزار شد.", ("doha", "talks_venue")),
        # a building and then 'in' its city: the city shares the building's role
        ("ar", "جرت المباحثات بقصر الاتحادية في القاهرة.", ("cairo", "talks_venue")),
        ("en", "The two leaders held talks at the White House in Washington.", ("washington", "talks_venue")),
    ],
)
def test_ezafe_capital_apposition_and_building_in_city(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


def test_the_ezafe_form_is_read_for_cities_only() -> None:
    # 'آمریکای لاتین' (Latin America) is no mention of the United States as a place
    assert not {p for p, _ in venues("کشورهای آمریکای لاتین از این طرح حمایت کردند.", "fa")} & {"usa"}
