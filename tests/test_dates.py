"""Dates: absolute (ar/fa/en, both Arabic month series, Solar Hijri), relative, published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from seeds import REPO, seed

from parley.errors import GazetteerError
from parley.extract.dates import date_mentions, resolve_relative
from parley.load.published import find_published
from parley.text.date_grammar import load_date_grammar
from parley.text.date_scan import DateMention, find_dates

D = dt.date

# (lang, text, surface expected, date, precision). Each is also tried inside a sentence.
ABSOLUTE = [
    # Arabic, Egyptian/Gulf series
    ("ar", "الاثنين: 02 فبراير 2026", "الاثنين: 02 فبراير 2026", D(2026, 2, 2), "day"),
    ("ar", "الاثنين 02 فبراير 2026", "الاثنين 02 فبراير 2026", D(2026, 2, 2), "day"),
    ("ar", "01 فبراير 2026", "01 فبراير 2026", D(2026, 2, 1), "day"),
    ("ar", "3 أبريل 2025", "3 أبريل 2025", D(2025, 4, 3), "day"),
    ("ar", "3 ابريل 2025", "3 ابريل 2025", D(2025, 4, 3), "day"),
    ("ar", "3 إبريل 2025", "3 إبريل 2025", D(2025, 4, 3), "day"),
    ("ar", "20 مايو 2025", "20 مايو 2025", D(2025, 5, 20), "day"),
    ("ar", "7 يونيو 2025", "7 يونيو 2025", D(2025, 6, 7), "day"),
    ("ar", "7 يونية 2025", "7 يونية 2025", D(2025, 6, 7), "day"),
    ("ar", "4 يوليو 2025", "4 يوليو 2025", D(2025, 7, 4), "day"),
    ("ar", "4 يولية 2025", "4 يولية 2025", D(2025, 7, 4), "day"),
    ("ar", "12 أغسطس 2025", "12 أغسطس 2025", D(2025, 8, 12), "day"),
    ("ar", "12 اغسطس 2025", "12 اغسطس 2025", D(2025, 8, 12), "day"),
    ("ar", "يوم الخميس 5 فبراير 2026م", "يوم الخميس 5 فبراير 2026م", D(2026, 2, 5), "day"),
    ("ar", "١٥ أكتوبر ٢٠٢٥", "١٥ أكتوبر ٢٠٢٥", D(2025, 10, 15), "day"),
    ("ar", "2 فبراير/شباط 2026", "2 فبراير/شباط 2026", D(2026, 2, 2), "day"),
    # Arabic, Levantine/Iraqi series
    ("ar", "02 شباط 2026", "02 شباط 2026", D(2026, 2, 2), "day"),
    ("ar", "15 كانون الثاني 2026", "15 كانون الثاني 2026", D(2026, 1, 15), "day"),
    ("ar", "8 آذار 2025", "8 آذار 2025", D(2025, 3, 8), "day"),
    ("ar", "9 نيسان 2025", "9 نيسان 2025", D(2025, 4, 9), "day"),
    ("ar", "9 أيار 2025", "9 أيار 2025", D(2025, 5, 9), "day"),
    ("ar", "7 حزيران 2025", "7 حزيران 2025", D(2025, 6, 7), "day"),
    ("ar", "14 تموز 2025", "14 تموز 2025", D(2025, 7, 14), "day"),
    ("ar", "1 آب 2025", "1 آب 2025", D(2025, 8, 1), "day"),
    ("ar", "9 أيلول 2025", "9 أيلول 2025", D(2025, 9, 9), "day"),
    ("ar", "10 تشرين الأول 2025", "10 تشرين الأول 2025", D(2025, 10, 10), "day"),
    ("ar", "11 تشرين الثاني 2025", "11 تشرين الثاني 2025", D(2025, 11, 11), "day"),
    ("ar", "25 كانون الأول 2025", "25 كانون الأول 2025", D(2025, 12, 25), "day"),
    ("ar", "٢ شباط ٢٠٢٦", "٢ شباط ٢٠٢٦", D(2026, 2, 2), "day"),
    # month precision, with and without a precision word
    ("ar", "في أوائل فبراير 2026", "أوائل فبراير 2026", D(2026, 2, 1), "month"),
    ("ar", "منتصف مارس 2026", "منتصف مارس 2026", D(2026, 3, 1), "month"),
    ("ar", "أواخر كانون الأول 2025", "أواخر كانون الأول 2025", D(2025, 12, 1), "month"),
    ("ar", "مطلع شهر يناير 2026", "مطلع شهر يناير 2026", D(2026, 1, 1), "month"),
    ("ar", "فبراير 2026", "فبراير 2026", D(2026, 2, 1), "month"),
    ("ar", "عام 2025", "عام 2025", D(2025, 1, 1), "year"),
    # Persian, Gregorian month names
    ("fa", "۵ فوریه ۲۰۲۶", "۵ فوریه ۲۰۲۶", D(2026, 2, 5), "day"),
    ("fa", "۲۰ ژوئیهٔ ۲۰۲۵", "۲۰ ژوئیهٔ ۲۰۲۵", D(2025, 7, 20), "day"),
    ("fa", "۳ آوریل ۲۰۲۵", "۳ آوریل ۲۰۲۵", D(2025, 4, 3), "day"),
    ("fa", "۱۰ ژانویه ۲۰۲۶", "۱۰ ژانویه ۲۰۲۶", D(2026, 1, 10), "day"),
    ("fa", "۲۵ دسامبر ۲۰۲۵", "۲۵ دسامبر ۲۰۲۵", D(2025, 12, 25), "day"),
    ("fa", "اوایل فوریه ۲۰۲۶", "اوایل فوریه ۲۰۲۶", D(2026, 2, 1), "month"),
    # Solar Hijri, converted to Gregorian
    ("fa", "۱۵ بهمن ۱۴۰۴", "۱۵ بهمن ۱۴۰۴", D(2026, 2, 4), "day"),
    ("fa", "۱۵ بهمن‌ماه ۱۴۰۴", "۱۵ بهمن‌ماه ۱۴۰۴", D(2026, 2, 4), "day"),
    ("fa", "۱ فروردین ۱۴۰۵", "۱ فروردین ۱۴۰۵", D(2026, 3, 21), "day"),
    ("fa", "۳۰ اسفند ۱۴۰۳", "۳۰ اسفند ۱۴۰۳", D(2025, 3, 20), "day"),
    ("fa", "۱۲ دی ۱۴۰۴", "۱۲ دی ۱۴۰۴", D(2026, 1, 2), "day"),
    ("fa", "۱۴۰۴/۱۱/۱۵", "۱۴۰۴/۱۱/۱۵", D(2026, 2, 4), "day"),
    ("fa", "اوایل بهمن ۱۴۰۴", "اوایل بهمن ۱۴۰۴", D(2026, 1, 21), "month"),
    # English
    ("en", "February 5, 2026", "February 5, 2026", D(2026, 2, 5), "day"),
    ("en", "5 February 2026", "5 February 2026", D(2026, 2, 5), "day"),
    ("en", "Feb. 5, 2026", "Feb. 5, 2026", D(2026, 2, 5), "day"),
    ("en", "Sept. 9, 2025", "Sept. 9, 2025", D(2025, 9, 9), "day"),
    ("en", "the 3rd of March 2026", "3rd of March 2026", D(2026, 3, 3), "day"),
    ("en", "Monday, February 2, 2026", "Monday, February 2, 2026", D(2026, 2, 2), "day"),
    ("en", "mid-March 2026", "mid-March 2026", D(2026, 3, 1), "month"),
    ("en", "early February 2026", "early February 2026", D(2026, 2, 1), "month"),
    # ISO and numeric
    ("en", "2026-02-04", "2026-02-04", D(2026, 2, 4), "day"),
    ("fa", "date 2026-02-04 مارکو روبیو", "2026-02-04", D(2026, 2, 4), "day"),
    ("ar", "04/02/2026", "04/02/2026", D(2026, 2, 4), "day"),
    ("en", "02/14/2026", "02/14/2026", D(2026, 2, 14), "day"),
    ("ar", "٠٤/٠٢/٢٠٢٦", "٠٤/٠٢/٢٠٢٦", D(2026, 2, 4), "day"),
]


@pytest.mark.parametrize(("lang", "text", "surface", "date", "precision"), ABSOLUTE)
@pytest.mark.parametrize("wrap", ["{}", "قال المسؤول في {}، إن", "He said on {} that"])
def test_absolute(lang: str, text: str, surface: str, date: dt.date, precision: str, wrap: str) -> None:
    full = wrap.format(text)
    found = find_dates(full)
    assert [(m.surface, m.date, m.precision, m.relative) for m in found] == [
        (surface, date, precision, False)
    ], lang
    assert full[found[0].start:found[0].end] == surface


def test_diacritics_and_tatweel_keep_spans_on_the_original() -> None:
    text = "في يــوم ٥ فَبْرَايِر ٢٠٢٦ عقد"
    (m,) = find_dates(text)
    assert m.date == D(2026, 2, 5)
    assert text[m.start:m.end] == m.surface == "٥ فَبْرَايِر ٢٠٢٦"


@pytest.mark.parametrize(
    "text",
    [
        "31 فبراير 2026",
        "30 February 2026",
        "February 30, 2026",
        "۳۰ اسفند ۱۴۰۴",  # 1404 is not a leap year: Esfand has 29 days
        "31/04/2026",
        "2026-13-01",
        "32 يناير 2026",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_dates(text) == []
    assert resolve_relative(text, D(2026, 2, 1)) == []


@pytest.mark.parametrize(
    "text",
    [
        "مارس الضغوط على طهران",  # the verb مارس, not March
        "قال 2026 شخصا",
        "در ماه مهر گذشته",  # Solar Hijri month without a year
        "زار المبعوث طهران",
        "the talks may resume",
        "",
    ],
)
def test_no_false_absolute(text: str) -> None:
    assert find_dates(text) == []


SUN = D(2026, 2, 1)  # a Sunday
THU = D(2026, 2, 5)
WED = D(2026, 2, 4)

# (lang, text, ref, [(surface, date, precision), ...])
RELATIVE = [
    ("ar", "زار طهران أمس السبت حيث التقى", SUN, [("أمس السبت", D(2026, 1, 31), "day")]),
    ("ar", "أمس (السبت)", SUN, [("أمس (السبت)", D(2026, 1, 31), "day")]),
    ("ar", "أوردتها الوكالة، اليوم الخميس، أن", THU, [("اليوم الخميس", THU, "day")]),
    ("ar", "زار طهران أمس السبت. وقبل ذلك بيوم، استضاف فيدان عراقجي", SUN,
     [("أمس السبت", D(2026, 1, 31), "day"), ("قبل ذلك بيوم", D(2026, 1, 30), "day")]),
    ("ar", "وقبل ذلك بيوم، استضاف", SUN, [("قبل ذلك بيوم", D(2026, 1, 31), "day")]),
    ("ar", "في 3 فبراير 2026 وصل، وفي اليوم التالي غادر", SUN, [("في اليوم التالي", D(2026, 2, 4), "day")]),
    ("ar", "قال أمس", SUN, [("أمس", D(2026, 1, 31), "day")]),
    ("ar", "قال يوم أمس", SUN, [("يوم أمس", D(2026, 1, 31), "day")]),
    ("ar", "أول أمس", SUN, [("أول أمس", D(2026, 1, 30), "day")]),
    ("ar", "أول من أمس", SUN, [("أول من أمس", D(2026, 1, 30), "day")]),
    ("ar", "يصل غداً إلى مسقط", SUN, [("غداً", D(2026, 2, 2), "day")]),
    ("ar", "قال ترامب مساء أمس", SUN, [("مساء أمس", D(2026, 1, 31), "day")]),
    ("ar", "صرح صباح اليوم", SUN, [("صباح اليوم", SUN, "day")]),
    ("ar", "أجرى اتصالا السبت مع نظيره", SUN, [("السبت", D(2026, 1, 31), "day")]),
    ("ar", "وصل الأحد", SUN, [("الأحد", SUN, "day")]),
    ("ar", "واشنطن يومي الجمعة والسبت لإجراء", SUN,
     [("يومي الجمعة", D(2026, 1, 30), "day"), ("السبت", D(2026, 1, 31), "day")]),
    ("ar", "الأحد الماضي", SUN, [("الأحد الماضي", D(2026, 1, 25), "day")]),
    ("ar", "السبت المقبل", SUN, [("السبت المقبل", D(2026, 2, 7), "day")]),
    ("ar", "الأسبوع الماضي", SUN, [("الأسبوع الماضي", D(2026, 1, 19), "week")]),
    ("ar", "هذا الأسبوع", THU, [("هذا الأسبوع", D(2026, 2, 2), "week")]),
    ("ar", "خلال الأسبوع الجاري", THU, [("الأسبوع الجاري", D(2026, 2, 2), "week")]),
    ("ar", "الشهر الماضي", THU, [("الشهر الماضي", D(2026, 1, 1), "month")]),
    ("ar", "في 5 فبراير", D(2026, 2, 6), [("5 فبراير", D(2026, 2, 5), "day")]),
    ("ar", "في 28 ديسمبر", D(2026, 1, 3), [("28 ديسمبر", D(2025, 12, 28), "day")]),
    ("ar", "اليوم الأول من المفاوضات", SUN, []),
    ("ar", "الخلاف بين الاثنين", SUN, []),
    ("ar", "الاثنين: 02 فبراير 2026", SUN, []),  # a weekday inside an absolute date
    ("fa", "دیروز گفت", WED, [("دیروز", D(2026, 2, 3), "day")]),
    ("fa", "امروز", WED, [("امروز", WED, "day")]),
    ("fa", "پریروز", WED, [("پریروز", D(2026, 2, 2), "day")]),
    ("fa", "فردا", WED, [("فردا", D(2026, 2, 5), "day")]),
    ("fa", "روز شنبه", WED, [("روز شنبه", D(2026, 1, 31), "day")]),
    ("fa", "روز سه‌شنبه", WED, [("روز سه‌شنبه", D(2026, 2, 3), "day")]),
    ("fa", "هفته گذشته", WED, [("هفته گذشته", D(2026, 1, 26), "week")]),
    ("fa", "در ۱۵ بهمن", D(2026, 2, 6), [("۱۵ بهمن", D(2026, 2, 4), "day")]),
    ("en", "said yesterday", WED, [("yesterday", D(2026, 2, 3), "day")]),
    ("en", "yesterday morning", WED, [("yesterday morning", D(2026, 2, 3), "day")]),
    ("en", "Today", WED, [("Today", WED, "day")]),
    ("en", "met on Saturday", WED, [("Saturday", D(2026, 1, 31), "day")]),
    ("en", "last Sunday", SUN, [("last Sunday", D(2026, 1, 25), "day")]),
    ("en", "last week", WED, [("last week", D(2026, 1, 26), "week")]),
    ("en", "the day before yesterday", WED, [("the day before yesterday", D(2026, 2, 2), "day")]),
    # a count of units before the article's date: a day, or the start of the week, month or year
    ("en", "they spoke three days ago", WED, [("three days ago", D(2026, 2, 1), "day")]),
    ("en", "first met 2 weeks ago", WED, [("2 weeks ago", D(2026, 1, 19), "week")]),
    ("en", "signed four months ago", WED, [("four months ago", D(2025, 10, 1), "month")]),
    ("en", "talks collapsed two years ago", WED, [("two years ago", D(2024, 1, 1), "year")]),
    ("en", "a month ago", WED, [("a month ago", D(2026, 1, 1), "month")]),
    ("ar", "اجتمعا قبل يومين", WED, [("قبل يومين", D(2026, 2, 2), "day")]),
    ("ar", "وقبل ثلاثة أسابيع", WED, [("قبل ثلاثة أسابيع", D(2026, 1, 12), "week")]),
    ("ar", "منذ شهرين", WED, [("منذ شهرين", D(2025, 12, 1), "month")]),
    ("ar", "قبل 5 سنوات", WED, [("قبل 5 سنوات", D(2021, 1, 1), "year")]),
    ("fa", "سه روز پیش", WED, [("سه روز پیش", D(2026, 2, 1), "day")]),
    ("fa", "دو هفته قبل", WED, [("دو هفته قبل", D(2026, 1, 19), "week")]),
    ("fa", "حدود ۶ ماه پیش", WED, [("۶ ماه پیش", D(2025, 8, 1), "month")]),
    ("fa", "چهار سال پیش", WED, [("چهار سال پیش", D(2022, 1, 1), "year")]),
    ("fa", "در ۱۰ روز گذشته", WED, [("۱۰ روز گذشته", D(2026, 1, 25), "day")]),
    ("fa", "روز گذشته گفت", WED, [("روز گذشته", D(2026, 2, 3), "day")]),
    # a Solar Hijri month is picked in its own calendar: on 6 Azar 1404, Azar is this one (placed in
    # December by its middle), not last year's
    ("fa", "در آذرماه سخنرانی کرد", D(2025, 11, 27), [("آذرماه", D(2025, 12, 1), "month")]),
    ("en", "said earlier in the day", WED, [("earlier in the day", WED, "day")]),
    # a count before 'از'/'من' is 'before something', not 'ago'
    ("fa", "دو روز پیش از سفر", WED, []),
    ("ar", "قبل يومين من الزيارة", WED, []),
    # a month name that is also a word is a month after a preposition only
    ("en", "visited Cairo in March", WED, [("March", D(2025, 3, 1), "month")]),
    ("en", "talks stalled since May", WED, [("May", D(2025, 5, 1), "month")]),
    ("en", "Iran may march on", WED, []),
    # 'tomorrow morning', with the day part before the day word (صباح غد) as with أمس and اليوم
    ("ar", "سيصل الوفد صباح غدٍ", WED, [("صباح غدٍ", D(2026, 2, 5), "day")]),
    ("ar", "سيتوجه مساء غد الخميس إلى القاهرة", WED, [("مساء غد الخميس", D(2026, 2, 5), "day")]),
    ("fa", "هیئت فردا صبح می‌رسد", WED, [("فردا", D(2026, 2, 5), "day")]),
    ("en", "the delegation arrives tomorrow morning", WED, [("tomorrow morning", D(2026, 2, 5), "day")]),
]


@pytest.mark.parametrize(("lang", "text", "ref", "expected"), RELATIVE)
def test_relative(lang: str, text: str, ref: dt.date, expected: list[tuple[str, dt.date, str]]) -> None:
    found = resolve_relative(text, ref)
    assert [(m.surface, m.date, m.precision) for m in found] == expected, lang
    for m in found:
        assert m.relative
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize(("lang", "text", "ref", "expected"), RELATIVE)
def test_relative_without_reference_stays_unknown(
    lang: str, text: str, ref: dt.date, expected: list[tuple[str, dt.date, str]]
) -> None:
    found = resolve_relative(text, None)
    anchored = "3 فبراير 2026" in text  # an anaphora after an absolute date needs no ref
    for m in found:
        if not anchored:
            assert (m.date, m.precision) == (None, "unknown"), m
    assert len(found) == len(expected)


@pytest.mark.parametrize(
    ("text", "ref_precision", "expected"),
    [
        ("أمس", "month", (None, "unknown")),  # a day word needs a day-precision reference
        ("الأسبوع الماضي", "month", (None, "unknown")),
        ("الشهر الماضي", "month", (D(2026, 1, 1), "month")),
        ("العام الماضي", "year", (D(2025, 1, 1), "year")),
        ("في 5 فبراير", "month", (D(2026, 2, 5), "day")),
    ],
)
def test_relative_with_coarse_reference(text: str, ref_precision: str, expected: tuple[object, str]) -> None:
    (m,) = resolve_relative(text, D(2026, 2, 1), ref_precision)
    assert (m.date, m.precision) == expected


def test_relative_on_seed_003() -> None:
    text = seed("003").read_text(encoding="utf-8")
    pub = find_published(text)
    found = {m.surface: m.date for m in resolve_relative(text, pub.date, pub.precision)}
    assert found["أمس السبت"] == D(2026, 1, 31)
    assert found["قبل ذلك بيوم"] == D(2026, 1, 30)
    assert found["مساء أمس"] == D(2026, 1, 31)
    assert found["يومي الجمعة"] == D(2026, 1, 30)
    assert found["اليوم"] == D(2026, 2, 1)


# seed prefix, date, precision, words the basis must quote
PUBLISHED = [
    ("000", D(2026, 2, 5), "day", ["February 5, 2026", "اليوم الخميس", "embedded post"]),
    ("001", D(2026, 2, 4), "day", ["date 2026-02-04"]),
    ("002", D(2026, 2, 1), "month", ["أوائل فبراير 2026"]),
    ("003", D(2026, 2, 1), "day", ["01 فبراير 2026", "22:00"]),
    ("004", None, "unknown", ["no date in the text"]),
]


@pytest.mark.parametrize(("prefix", "date", "precision", "quotes"), PUBLISHED)
def test_published_seeds(prefix: str, date: dt.date | None, precision: str, quotes: list[str]) -> None:
    pub = find_published(seed(prefix).read_text(encoding="utf-8"))
    assert (pub.date, pub.precision) == (date, precision), pub.basis
    for q in quotes:
        assert q in pub.basis


@pytest.mark.parametrize(
    ("given", "date", "precision"),
    [
        ("2026-02-04", D(2026, 2, 4), "day"),
        ("2026-02-04T10:00:00Z", D(2026, 2, 4), "day"),
        ("2026-02-04 22:00", D(2026, 2, 4), "day"),
        ("5 فبراير 2026", D(2026, 2, 5), "day"),
        ("۱۵ بهمن ۱۴۰۴", D(2026, 2, 4), "day"),
        ("February 2026", D(2026, 2, 1), "month"),
    ],
)
def test_published_given_wins(given: str, date: dt.date, precision: str) -> None:
    text = seed("003").read_text(encoding="utf-8")
    pub = find_published(text, given)
    assert (pub.date, pub.precision) == (date, precision)
    assert given in pub.basis


def test_published_bad_given_falls_back_to_the_text() -> None:
    pub = find_published(seed("001").read_text(encoding="utf-8"), "not a date")
    assert pub.date == D(2026, 2, 4)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("الأحد: 01 فبراير 2026\nنص الخبر هنا", D(2026, 2, 1), "day"),  # a lone site line is used
        ("Published: 3 March 2026\nThe talks resumed.", D(2026, 3, 3), "day"),
        ("تاريخ النشر: 2026/03/03\nنص", D(2026, 3, 3), "day"),
        ("خبر\n۱۵ بهمن ۱۴۰۴ - ۱۰:۳۰\nمتن خبر", D(2026, 2, 4), "day"),
        ("Text.\n— Someone (@someone) March 1, 2026\nMore.\n— Other (@other) March 3, 2026", D(2026, 3, 3),
         "day"),
        # the text says today is Friday, the post is a Thursday: later than the post
        ("قال اليوم الجمعة\n" + "نص " * 200 + "\n— A (@a) February 5, 2026", D(2026, 2, 5), "month"),
        ("نص طويل " * 80 + "وفي 6 فبراير 2026 اجتمع الوفدان", None, "unknown"),  # an event date only
        ("قال أمس إن المحادثات مستمرة", None, "unknown"),
        # a date opening its line dates the article; one deep in the first sentence, in a caption or
        # beside 'next' is an event's
        ("BEIRUT – 4 March 2026: The envoys met again.", D(2026, 3, 4), "day"),
        ("Lina Haddad, Wednesday 4 Mar 2026\nThe envoys met again.", D(2026, 3, 4), "day"),
        ("Delegates walk past the hotel where the talks are held, in Geneva, Switzerland, March 4, 2026.\n"
         "The envoys met again.", None, "unknown"),
        ("تستأنف الولايات المتحدة وإيران الأحد المقبل 8 مارس 2026 المباحثات في مسقط.", None, "unknown"),
        ("دور چهارم مذاکرات غیرمستقیم ایران و آمریکا روز یکشنبه ۱۷ اسفند ۱۴۰۴ در مسقط برگزار می‌شود.", None,
         "unknown"),
    ],
)
def test_published_rules(text: str, date: dt.date | None, precision: str) -> None:
    pub = find_published(text)
    assert (pub.date, pub.precision) == (date, precision), pub.basis
    assert pub.basis


def test_mentions_are_frozen_records() -> None:
    (m,) = find_dates("February 5, 2026")
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


def _copy_gazetteer(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(REPO / "data" / "gazetteer", target)
    return target


def test_date_data_loads() -> None:
    g = load_date_grammar()
    assert len(set(g.weekdays.values())) == 7
    assert {m for _, m in g.months.values()} == set(range(1, 13))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("months.yaml", "month: 2\n", "month: 13\n", "feb"),
        ("months.yaml", "calendar: solar_hijri\n    month: 11", "calendar: lunar\n    month: 11", "bahman"),
        ("months.yaml", "ar: [مايو, أيار, ماي]", "ar: [مايو, أيار, ماي, شباط]", "may"),
        ("date_words.yaml", "weekday: 4\n", "weekday: 9\n", "fri"),
        ("date_words.yaml", "unit: week\n    offset: -1", "unit: fortnight\n    offset: -1", "last_week"),
        ("date_words.yaml", "      en: [tomorrow]", "      xx: [tomorrow]", "tomorrow"),
    ],
)
def test_bad_date_data_names_file_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, old: str, new: str, message: str
) -> None:
    folder = _copy_gazetteer(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(folder))
    with pytest.raises(GazetteerError) as err:
        load_date_grammar()
    assert file in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_date_mentions_is_find_dates_plus_resolve_relative(prefix: str) -> None:
    """The one-pass function extraction uses gives exactly what the two separate calls give."""
    text = seed(prefix).read_text(encoding="utf-8")
    ref = find_published(text)
    both = find_dates(text) + resolve_relative(text, ref.date, ref.precision)
    assert date_mentions(text, ref.date, ref.precision) == sorted(both, key=lambda d: (d.start, d.end))


@pytest.mark.parametrize("text", [
    "Fidan said on Friday, June 27 that the war was over.",
    "قال فيدان يوم الجمعة 27 يونيو إن الحرب انتهت.",
    "فیدان روز جمعه ۲۷ ژوئن گفت جنگ تمام شده است.",
])
def test_a_weekday_fixes_the_year_of_a_day_month_in_an_undated_text(text: str) -> None:
    """Without the article's date, 'Friday, June 27' is the 27 June that fell on a Friday
    nearest today; a day-month alone stays undated."""
    (m,) = [m for m in date_mentions(text, None) if m.date is not None]
    assert (m.date.month, m.date.day, m.date.weekday(), m.precision) == (6, 27, 4, "day")
    assert abs(m.date.year - dt.date.today().year) <= 7
    assert [m.date for m in date_mentions(text.replace("Friday, ", "").replace("يوم الجمعة ", "")
                                          .replace("روز جمعه ", ""), None)] == [None]


def test_the_weekday_year_is_the_nearest_to_today() -> None:
    from parley.extract.dates import _year_of_weekday
    from parley.text.date_scan import DateHit

    june27 = DateHit(0, 1, "partial", None, "day", "gregorian", 6, 27, weekday=4)
    assert _year_of_weekday(june27, 4, dt.date(2026, 12, 7)) == dt.date(2025, 6, 27)
    assert _year_of_weekday(june27, 4, dt.date(2030, 1, 1)) == dt.date(2031, 6, 27)
    tir6 = DateHit(0, 1, "partial", None, "day", "solar_hijri", 4, 6, weekday=4)  # 6 Tir 1404 = 27 June 2025
    assert _year_of_weekday(tir6, 4, dt.date(2026, 12, 7)) == dt.date(2025, 6, 27)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("ar", "ستعقد الجولة المقبلة في مايو.", D(2025, 5, 1)),  # written in May: this May
        ("ar", "من المقرر أن تعقد الجولة المقبلة في أيار.", D(2025, 5, 1)),
        ("en", "The next round will be held in June.", D(2025, 6, 1)),
        ("en", "The talks were held in April.", D(2025, 4, 1)),
        ("en", "The talks were held in June.", D(2024, 6, 1)),
    ],
)
def test_a_month_in_a_future_sentence_is_this_month_or_the_next_of_its_name(lang: str, text: str,
                                                                           want: dt.date) -> None:
    (m,) = resolve_relative(text, D(2025, 5, 11))
    assert (m.date, m.precision) == (want, "month")


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # a day as a Persian ordinal word before its month, with or without a year
        ("در نشست خبری دوم مهرماه ۱۴۰۴ گفت", D(2025, 11, 23), [("دوم مهرماه ۱۴۰۴", D(2025, 9, 24))]),
        ("روز پنجشنبه، ششم آذرماه، سخنرانی کرد", D(2025, 11, 28),
         [("روز پنجشنبه، ششم آذرماه", D(2025, 11, 27))]),
        ("بیست و یکم فروردین", D(2025, 4, 20), [("بیست و یکم فروردین", D(2025, 4, 10))]),
        ("سی و یکم شهریور", D(2025, 9, 30), [("سی و یکم شهریور", D(2025, 9, 22))]),
        # an ordinal that is no day ('اول اینکه': first of all) is no date
        ("اول اینکه مذاکرات ادامه دارد", D(2025, 4, 20), []),
    ],
)
def test_persian_ordinal_days(text: str, ref: dt.date, expected: list[tuple[str, dt.date]]) -> None:
    found = [(m.surface, m.date) for m in date_mentions(text, ref) if m.precision == "day"]
    assert found == expected
    assert all(m.precision != "month" for m in date_mentions(text, ref) if "ماه ۱۴۰۴" in m.surface)


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # an Arabic or English ordinal day, 'of' / 'من' between it and its month (sentences written here)
        ("ستنطلق المشاورات في الخامس من حزيران/يونيو في جنيف", D(2025, 6, 1),
         [("الخامس من حزيران/يونيو", D(2025, 6, 5))]),
        ("وقع الطرفان الاتفاق في الثاني والعشرين من تشرين الثاني 2024", D(2025, 3, 1),
         [("الثاني والعشرين من تشرين الثاني 2024", D(2024, 11, 22))]),
        ("The envoys first met on the ninth of March in Oslo.", D(2025, 3, 20),
         [("ninth of March", D(2025, 3, 9))]),
        ("The truce signed on the twenty-third of July 2024 held.", D(2025, 1, 1),
         [("twenty-third of July 2024", D(2024, 7, 23))]),
        ("هیئت‌ها بیست و دوم تیرماه در دوحه دیدار کردند", D(2025, 7, 20),
         [("بیست و دوم تیرماه", D(2025, 7, 13))]),
        # without the link word, or before no month, an ordinal is no day
        ("The first march for peace crossed the city.", D(2025, 3, 20), []),
        ("وقال في الفصل الثالث من التقرير إن المحادثات مستمرة", D(2025, 3, 20), []),
        ("الجولة الثالثة مايو المقبل", D(2025, 3, 20), []),
    ],
)
def test_arabic_and_english_ordinal_days(text: str, ref: dt.date,
                                        expected: list[tuple[str, dt.date]]) -> None:
    assert [(m.surface, m.date) for m in date_mentions(text, ref) if m.precision == "day"] == expected


@pytest.mark.parametrize(("text", "surface"), [
    ("The summit planned for Thursday (June 12) was put off.", "Thursday (June 12)"),
    ("أُرجئت القمة التي كانت مقررة يوم الخميس (12 يونيو).", "يوم الخميس (12 يونيو)"),
    ("نشست روز پنجشنبه (۲۲ خرداد) به تعویق افتاد.", "روز پنجشنبه (۲۲ خرداد)"),
    ("نشست قبلی پنجشنبه گذشته- ۲۲ خرداد- برگزار شد.", "پنجشنبه گذشته- ۲۲ خرداد"),
    ("The earlier round ended on Thursday (June 12, 2025) in Geneva.", "Thursday (June 12, 2025)"),
])
def test_a_weekday_before_a_bracketed_or_dashed_day_month_fixes_its_year(text: str, surface: str) -> None:
    """'Thursday (12 June)', 'پنجشنبه گذشته- ۲۲ خرداد': one date, whose weekday fixes the year of an
    undated text's day and month (12 June 2025 was a Thursday), and in a dated text the day and month."""
    found = [m for m in date_mentions(text, None) if m.precision == "day"]
    assert [(m.surface, m.date) for m in found] == [(surface, D(2025, 6, 12))]
    assert [m.date for m in date_mentions(text, D(2025, 6, 20)) if m.precision == "day"] == [D(2025, 6, 12)]


@pytest.mark.parametrize(("words", "days", "want"), [
    (("gregorian", 7, 28), 1, ("gregorian", 7, 29)),
    (("gregorian", 12, 31), 1, ("gregorian", 1, 1)),
    (("gregorian", 3, 1), -1, ("gregorian", 2, 29)),  # a day and month only: 29 February may be it
    (("solar_hijri", 1, 1), -1, ("solar_hijri", 12, 29)),  # counted in 1403: 1402's Esfand had 29 days
    (("solar_hijri", 5, 6), 0, ("solar_hijri", 5, 6)),
    (("gregorian", 2, 30), 1, None),
])
def test_a_day_and_month_without_a_year_moves_in_its_calendar(
        words: tuple[str, int, int], days: int, want: tuple[str, int, int] | None) -> None:
    from parley.extract.dates import shift_day_month

    assert shift_day_month(words, days) == want


@pytest.mark.parametrize(("text", "anchor", "yesterday"), [
    ("The envoys met in Oslo on 14 March. Yesterday the ministers spoke by phone; the next day they met.",
     ("gregorian", 3, 14), "Yesterday"),
    ("التقى المبعوثان في أوسلو في 14 مارس. وتحدث الوزيران هاتفيا أمس، وفي اليوم التالي التقيا.",
     ("gregorian", 3, 14), "أمس"),
    ("فرستادگان ۲۴ اسفند در اسلو دیدار کردند. دیروز وزیران تلفنی گفتگو کردند و روز بعد دیدار کردند.",
     ("solar_hijri", 12, 24), "دیروز"),
])
def test_an_undated_texts_latest_day_and_month_anchors_its_relative_days(
        text: str, anchor: tuple[str, int, int], yesterday: str) -> None:
    """An undated text whose only day has no year: 'the next day' counts from it and is the latest
    day the text names; with that as the reference 'yesterday' is the day before it. All stay without
    a year (date None), for other articles to give the year."""
    from parley.extract.dates import latest_named_day, shift_day_month

    plain = date_mentions(text, None)
    next_day = shift_day_month(anchor, 1)
    assert [m.no_year for m in plain if m.surface != yesterday] == [anchor, next_day]
    latest = latest_named_day(plain)
    assert latest is not None and (latest.date, latest.no_year) == (None, next_day)
    anchored = {m.surface: (m.date, m.no_year) for m in date_mentions(text, None, ref_words=next_day)}
    assert anchored[yesterday] == (None, anchor)
    assert date_mentions(text, D(2025, 3, 20), ref_words=anchor) == date_mentions(text, D(2025, 3, 20))


def test_the_latest_named_day_prefers_a_full_date() -> None:
    from parley.extract.dates import latest_named_day

    text = "Talks on 2 May 2024 and on 30 June; a call on 5 June."
    latest = latest_named_day(date_mentions(text, None))
    assert latest is not None and latest.date == D(2024, 5, 2)
    latest = latest_named_day(date_mentions("A call on 5 June; talks on 30 June and 3 May.", None))
    assert latest is not None and latest.surface == "30 June"
    assert latest_named_day(date_mentions("No day here, only a week.", None)) is None


@pytest.mark.parametrize(("text", "ref", "want"), [
    # reported on Thursday 19 June 2025: the Tuesday before is nearer than the coming one
    ("The summit was originally scheduled for Tuesday but was put off.", D(2025, 6, 19), D(2025, 6, 17)),
    ("كان من المقرر أن تعقد القمة الثلاثاء لكنها أرجئت.", D(2025, 6, 19), D(2025, 6, 17)),
    ("قرار بود نشست روز سه‌شنبه برگزار شود اما به تعویق افتاد.", D(2025, 6, 19), D(2025, 6, 17)),
    # reported on Monday 16 June: the coming Tuesday
    ("The summit was originally scheduled for Tuesday but was put off.", D(2025, 6, 16), D(2025, 6, 17)),
    ("كان من المقرر أن تعقد القمة الثلاثاء لكنها أرجئت.", D(2025, 6, 16), D(2025, 6, 17)),
    ("قرار بود نشست روز سه‌شنبه برگزار شود اما به تعویق افتاد.", D(2025, 6, 16), D(2025, 6, 17)),
])
def test_a_weekday_in_a_plan_told_in_the_past_is_the_nearest(text: str, ref: dt.date, want: dt.date) -> None:
    """'was scheduled for Tuesday', 'كان من المقرر', 'قرار بود': neither surely past nor to come; the
    Tuesday nearest the report (a plan for the coming one, by itself, is still the coming one)."""
    assert [m.date for m in resolve_relative(text, ref)] == [want]
    plan = text.replace("was originally scheduled", "is scheduled").replace("كان من المقرر", "من المقرر") \
        .replace("قرار بود", "قرار است")
    assert [m.date for m in resolve_relative(plan, D(2025, 6, 19))] == [D(2025, 6, 24)]


@pytest.mark.parametrize(("text", "words"), [
    ("The envoys met in Oslo in June.", ("gregorian", 6, 0)),
    ("التقى المبعوثان في أوسلو في يونيو.", ("gregorian", 6, 0)),
    ("فرستادگان در خرداد ماه در اسلو دیدار کردند.", ("solar_hijri", 3, 0)),
])
def test_a_month_alone_in_an_undated_text_is_kept_without_a_year(
        text: str, words: tuple[str, int, int]) -> None:
    """'in June' without the article's date: no date, but the month (day 0) for other articles to give
    its year; with a date it is resolved as before and keeps no such words; 'last June' keeps none."""
    (m,) = date_mentions(text, None)
    assert (m.date, m.precision, m.no_year) == (None, "unknown", words)
    (m,) = date_mentions(text, D(2025, 7, 1))
    assert m.no_year is None and m.precision == "month"
    assert date_mentions("The envoys met in Oslo last June.", None)[0].no_year is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future closed by a past speech verb before the weekday: the weekday dates the saying
        # (sentences written for this test; 5 June 2025 is a Thursday)
        ("\u201cThe envoys will sign the accord soon,\u201d the minister said at a briefing on Tuesday.",
         D(2025, 6, 3)),
        ("سيلتقي الوفدان في جنيف قريبا، كما قال الوزير في مؤتمر صحفي عقده الثلاثاء.", D(2025, 6, 3)),
        ("«توافق به زودی امضا خواهد شد»؛ این را سخنگو اعلام کرد و در نشست خبری روز سه‌شنبه توضیح داد.",
         D(2025, 6, 3)),
        # with no speech verb between, the future stands: the coming Tuesday
        ("The envoys will sign the accord in Geneva on Tuesday.", D(2025, 6, 10)),
    ],
)
def test_a_past_speech_verb_after_a_future_marker_dates_the_weekday_in_the_past(
        text: str, expected: dt.date) -> None:
    found = [m.date for m in date_mentions(text, D(2025, 6, 5)) if m.relative]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "surface", "date", "precision"),
    [
        # 'earlier this month' is the month, one mention from its first word (sentences written here)
        ("Earlier this month, the envoy warned both sides.", "Earlier this month", D(2025, 8, 1), "month"),
        ("وفي وقت سابق من هذا الشهر، حذر المبعوث الطرفين.", "في وقت سابق من هذا الشهر", D(2025, 8, 1),
         "month"),
        ("اوایل این ماه، فرستاده به هر دو طرف هشدار داد.", "اوایل این ماه", D(2025, 8, 1), "month"),
        ("The council will vote later this week.", "later this week", D(2025, 8, 25), "week"),
        ("وقال في وقت سابق هذا العام إن المحادثات ستستأنف.", "في وقت سابق هذا العام", D(2025, 1, 1), "year"),
    ],
)
def test_earlier_this_month_is_one_mention(text: str, surface: str, date: dt.date, precision: str) -> None:
    assert [(m.surface, m.date, m.precision) for m in date_mentions(text, D(2025, 8, 27))] \
        == [(surface, date, precision)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # 'May' and 'March' are months after a precision word too, and only with their capital
        ("The envoys met in Ankara in early March.", [("March", D(2025, 3, 1))]),
        ("A deal is expected by mid-May at the latest.", [("May", D(2025, 5, 1))]),
        ("Protesters began an early march through the capital.", []),
        ("the talks resumed in june after a pause", []),
    ],
)
def test_a_month_after_a_precision_word_and_its_capital(text: str, found: list[tuple[str, dt.date]]) -> None:
    assert [(m.surface, m.date) for m in date_mentions(text, D(2025, 5, 14))] == found
