"""Venues with roles on new sentences (ar/fa/en)."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2026, 2, 10)


def venues(text: str, lang: str = "ar") -> set[tuple[str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(v.place_id, v.role) for v in extract_article(art).venues}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        (
            "ar",
            "أعلنت الخارجية نقل الجولة المقبلة إلى مسقط بدلا من إسطنبول.",
            {("muscat", "moved_to"), ("istanbul", "moved_from")},
        ),
        ("ar", "تقرر نقل المحادثات لسلطنة عمان.", {("oman", "moved_to")}),
        ("ar", "وتستأنف المفاوضات في الدوحة الأسبوع المقبل.", {("doha", "talks_venue")}),
        ("ar", "وتعمل الدول الثلاث على تنظيم اجتماع بين الطرفين في القاهرة.", {("cairo", "proposed")}),
        ("ar", "وزار وزير الخارجية العماني طهران أمس.", {("tehran", "visit")}),
        (
            "ar",
            "بعد محاولات فاشلة في أماكن مثل روما وجنيف، انتقلت المحادثات.",
            {("rome", "proposed"), ("geneva", "proposed")},
        ),
        ("fa", "دور بعدی مذاکرات در مسقط برگزار می‌شود.", {("muscat", "talks_venue")}),
        (
            "en",
            "The talks were moved to Muscat instead of Istanbul.",
            {("muscat", "moved_to"), ("istanbul", "moved_from")},
        ),
        ("en", "Qatar's prime minister visited Tehran on Saturday.", {("tehran", "visit")}),
    ],
)
def test_venue_roles(lang: str, text: str, want: set[tuple[str, str]]) -> None:
    got = venues(text, lang)
    assert want <= got, got


@pytest.mark.parametrize(
    "text",
    [
        "قال إن واشنطن لا تزال منفتحة على الحوار.",  # Washington as the US government
        "تواصل طهران رفض أي قيود على برنامجها.",
    ],
)
def test_a_state_named_as_actor_is_not_a_venue(text: str) -> None:
    assert venues(text) == set()


def test_talks_in_a_place_needs_the_first_in_after_the_talks_word() -> None:
    got = venues("تأتي المفاوضات في ظل تصاعد الاضطرابات في طهران.")
    assert ("tehran", "talks_venue") not in got


@pytest.mark.parametrize(("lang", "text", "want"), [
    # 'مباحثات' is talks; a delegation staying in a city is at the talks there; a city that hosted
    ("ar", "انتهت المباحثات المنعقدة مع الوفد الأمريكي في جنيف دون اتفاق.", ("geneva", "talks_venue")),
    ("ar", "تسلم وفد الحركة الموجود في الدوحة ردا من الوسطاء.", ("doha", "talks_venue")),
    ("fa", "هیئت ایرانی در ژنو پاسخ طرف مقابل را دریافت کرد.", ("geneva", "talks_venue")),
    ("en", "Oman hosted the two delegations in Geneva for a first round.", ("geneva", "talks_venue")),
])
def test_talks_words_give_the_venue(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("en", "A Hamas delegation left for Cairo on Monday to resume indirect talks with Israel.",
         ("cairo", "talks_venue")),
        ("ar", "وتوجه وفد إسرائيلي إلى الدوحة للمشاركة في المفاوضات غير المباشرة.", ("doha", "talks_venue")),
        ("fa", "عراقچی پس از سفر به مسقط برای ازسرگیری مذاکرات گفت آماده است.", ("muscat", "talks_venue")),
        # talks with the host are a visit to it
        ("ar", "وزار وزير الخارجية القطري طهران لإجراء محادثات مع المسؤولين الإيرانيين.",
         ("tehran", "visit")),
    ],
)
def test_a_visit_to_resume_or_join_talks_is_to_their_venue(lang: str, text: str,
                                                          want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("fa", "نشست ترامپ و پوتین روز جمعه در آلاسکا برگزار می‌شود.", "alaska"),
        ("ar", "وتعقد القمة بين ترامب وبوتين في ألاسكا يوم الجمعة.", "alaska"),
        ("en", "The two sides agreed to meet again in Europe soon.", "europe"),
        ("ar", "ووصلت شاحنات المساعدات إلى معبر رفح صباح الأحد.", "rafah_crossing"),
    ],
)
def test_places_of_other_talks_are_known(lang: str, text: str, place: str) -> None:
    assert place in {p for p, _ in venues(text, lang)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Iranian and US delegations held talks in Oman’s capital, Muscat, on Saturday."),
        ("ar", "وجرت المحادثات في عاصمة سلطنة عمان، مسقط، يوم السبت."),
    ],
)
def test_a_capital_in_apposition_shares_its_countrys_role(lang: str, text: str) -> None:
    assert {("oman", "talks_venue"), ("muscat", "talks_venue")} <= venues(text, lang)
