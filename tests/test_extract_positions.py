"""Positions (actor x topic x stance) on the seeds' key sentences and on new ones."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2026, 2, 10)


def positions(text: str, lang: str = "ar") -> set[tuple[str, str, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(p.actor_id, p.topic, p.stance) for p in extract_article(art).positions}


# The seeds' core contrast, on their own sentences.
SEED_CASES = [
    (
        "ar",
        "تصر إيران على أن يتم مناقشة القضايا النووية فقط، بينما تسعى الولايات المتحدة إلى توسيع النطاق ليشمل "
        "برنامج الصواريخ الباليستية الإيراني، ودعمها للمجموعات الوكيلة الإقليمية، وحقوق الإنسان.",
        {
            ("iran", "nuclear", "insists"),
            ("usa", "ballistic_missiles", "demands"),
            ("usa", "proxies", "demands"),
            ("usa", "human_rights", "demands"),
        },
    ),
    (
        "ar",
        "أظهرت إصرار إيران على الحفاظ على بنيتها التحتية النووية "
        "ورفضها التفاوض بشأن برنامج الصواريخ الباليستية.",
        {("iran", "nuclear", "insists"), ("iran", "ballistic_missiles", "rejects")},
    ),
    (
        "ar",
        "من جهته، أكد جيه دي فانس نائب الرئيس الأمريكي، أن واشنطن لن تتوانى عن استخدام القوة العسكرية إذا "
        "فشلت الجهود السياسية.",
        {("usa", "military_force", "warns"), ("jd_vance", "military_force", "warns")},
    ),
    (
        "ar",
        "وتعمل مصر وتركيا وقطر على تنظيم اجتماع بين الطرفين في أنقرة.",
        {
            ("egypt", "diplomacy", "mediates"),
            ("turkey", "diplomacy", "mediates"),
            ("qatar", "diplomacy", "mediates"),
        },
    ),
]

# New sentences in the same style: the rules, not the seeds' wording.
NEW_CASES = [
    ("ar", "ترفض طهران أي نقاش حول برنامجها الصاروخي.", {("iran", "ballistic_missiles", "rejects")}),
    (
        "ar",
        "وشدد الوزير على أن الولايات المتحدة تطالب بوقف تخصيب اليورانيوم.",
        {("usa", "enrichment", "demands")},
    ),
    ("ar", "يظل دور قطر كوسيط أساسي بين واشنطن وطهران.", {("qatar", "diplomacy", "mediates")}),
    (
        "ar",
        "وأكد عراقجي أن إيران مستعدة للحوار إذا رفعت العقوبات.",
        {("iran", "diplomacy", "conditional"), ("abbas_araghchi", "diplomacy", "conditional")},
    ),
    ("ar", "تصر طهران على رفع العقوبات فقط.", {("iran", "sanctions", "insists")}),
    (
        "ar",
        "قال ترامب إن الولايات المتحدة مستعدة لاستخدام القوة العسكرية.",
        {("usa", "military_force", "warns"), ("donald_trump", "military_force", "warns")},
    ),
    ("ar", "لا يزال ترامب منفتحا على المفاوضات مع إيران.", {("donald_trump", "diplomacy", "supports")}),
    ("fa", "ایران با مذاکره درباره برنامه موشکی مخالف است.", {("iran", "ballistic_missiles", "opposes")}),
    ("fa", "اگر تحریم‌ها لغو شود، تهران آماده مذاکره است.", {("iran", "diplomacy", "conditional")}),
    ("fa", "عمان نقش میانجی را میان ایران و آمریکا ایفا می‌کند.", {("oman", "diplomacy", "mediates")}),
    # Persian negates 'ready' with a copula at the end of the clause
    ("fa", "ایران آماده مذاکره درباره برنامه موشکی نیست.", {("iran", "ballistic_missiles", "opposes")}),
    ("fa", "تهران آماده گفتگو با واشنگتن نیست.", {("iran", "diplomacy", "opposes")}),
    ("en", "Iran rejects any talks on its missile program.", {("iran", "ballistic_missiles", "rejects")}),
    (
        "en",
        "The United States demands limits on enrichment and an end to support for proxies.",
        {("usa", "enrichment", "demands"), ("usa", "proxies", "demands")},
    ),
    (
        "en",
        "Oman, which has mediated between the two sides, will host the talks.",
        {("oman", "diplomacy", "mediates")},
    ),
]


@pytest.mark.parametrize(("lang", "text", "want"), SEED_CASES + NEW_CASES)
def test_positions(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    got = positions(text, lang)
    assert want <= got, got


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # 'لا تزال' is 'still', not a negation
        ("ar", "لا تزال الولايات المتحدة منفتحة على الحوار.", ("usa", "diplomacy", "opposes")),
        # a negated 'wants' flips to opposes, never supports
        (
            "ar",
            "قال فانس إن ترامب لا يرغب في تكرار التدخل العسكري.",
            ("donald_trump", "military_force", "supports"),
        ),
        # the same Persian sentences without the negated copula stay 'supports' ...
        ("fa", "تهران آماده گفتگو با واشنگتن است.", ("iran", "diplomacy", "opposes")),
        # ... and the speaker's own doubt ('I am not sure') does not negate the position before it
        (
            "fa",
            "ترامپ گفت آمریکا مذاکره را ترجیح می‌دهد و گفت: «مطمئن نیستم بتوان با این افراد توافق کرد».",
            ("usa", "diplomacy", "opposes"),
        ),
        # the object of 'prevent' is not the subject of the demand
        ("ar", "يعترف المسؤولون بضرورة منع إيران من امتلاك أسلحة نووية.", ("iran", "nuclear", "demands")),
        # a place where talks were tried is not the one insisting
        (
            "ar",
            "بعد محاولات فاشلة في أماكن مثل تركيا، نقلت الجولة إلى مسقط "
            "بطلب من إيران لتشمل الملف النووي فقط.",
            ("turkey", "nuclear", "insists"),
        ),
    ],
)
def test_no_position(lang: str, text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in positions(text, lang)


def test_position_records_condition_and_evidence() -> None:
    text = "أكد فانس أن واشنطن لن تتوانى عن استخدام القوة العسكرية إذا فشلت الدبلوماسية."
    art = article_from_text(text, "ar", DAY)
    (p, *_rest) = [p for p in extract_article(art).positions if p.actor_id == "usa"]
    assert p.stance == "warns" and p.polarity == -1
    assert p.condition is not None and p.condition.startswith("إذا فشلت")
    assert text[p.start : p.end] in p.evidence and 0 < p.confidence <= 1
