"""Quote finding and attribution on new sentences in the seeds' style (ar/fa/en)."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2026, 2, 10)


def quotes(text: str, lang: str = "ar") -> list[tuple[str | None, str]]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return [(q.speaker_id, q.text) for q in extract_article(art).quotes]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "snippet"),
    [
        # Arabic VSO: verb, titled subject, إن
        (
            "ar",
            "قال وزير الخارجية الإيراني عباس عراقجي إن طهران لن تتفاوض تحت الضغط.",
            "abbas_araghchi",
            "طهران لن تتفاوض تحت الضغط",
        ),
        # SVO with a marked quote after the verb
        (
            "ar",
            'من جانبه، قال روبيو للصحفيين في واشنطن "نريد اتفاقا يمنع السلاح النووي".',
            "marco_rubio",
            "نريد اتفاقا يمنع السلاح النووي",
        ),
        # pronoun-led follow-up sentence continues the previous speaker
        (
            "ar",
            'أكد ويتكوف أن الجولة المقبلة ستعقد قريبا.\nوأضاف: "لدينا فرصة حقيقية للتقدم".',
            "steve_witkoff",
            "لدينا فرصة حقيقية للتقدم",
        ),
        # an unnamed official stays unattributed
        ("ar", 'وقال مسؤول أمريكي لـ"أكسيوس" إن الموعد لم يحدد بعد.', None, "الموعد لم يحدد بعد"),
        # Persian: subject before the verb, guillemets after a colon
        (
            "fa",
            "عراقچی گفت: «ما آماده گفتوگوی منصفانه هستیم.»",
            "abbas_araghchi",
            "ما آماده گفتوگوی منصفانه هستیم",
        ),
        # Persian pronoun sentence
        (
            "fa",
            "روبیو گفت: «در را نبسته‌ایم.»\nاو افزود که تهران باید تصمیم بگیرد.",
            "marco_rubio",
            "تهران باید تصمیم بگیرد",
        ),
        # according to X
        (
            "fa",
            "به گفته وزیر خارجه آمریکا، واشینگتن به دنبال راه حل دیپلماتیک است.",
            "marco_rubio",
            "واشینگتن به دنبال راه حل دیپلماتیک است",
        ),
        # English
        (
            "en",
            "Witkoff said that the next round would take place in Muscat.",
            "steve_witkoff",
            "the next round would take place in Muscat",
        ),
    ],
)
def test_quote_attribution(lang: str, text: str, speaker: str | None, snippet: str) -> None:
    found = quotes(text, lang)
    assert any(who == speaker and snippet in q for who, q in found), found


def test_embedded_post_is_quoted_from_its_author_line() -> None:
    text = (
        "قال مسؤولون إن الاتصالات مستمرة.\n"
        "We will not allow Iran to have a nuclear weapon. Period.\n"
        "— Secretary Marco Rubio (@SecRubio) February 9, 2026"
    )
    found = quotes(text)
    assert ("marco_rubio", "We will not allow Iran to have a nuclear weapon. Period.") in found


def test_post_header_names_the_speaker() -> None:
    text = (
        "تحدث الوزير عن المفاوضات.\n"
        "-- Secretary of State Marco Rubio on Iran:\n"
        "We are prepared to talk to anyone, anywhere, at any time."
    )
    assert any(who == "marco_rubio" and "prepared to talk" in q for who, q in quotes(text))


@pytest.mark.parametrize(
    "text",
    [
        'وصف المسؤول المحادثات بأنها "مثمرة".',  # one word: a scare quote
        'نشر منشورا عبر منصته "تروث سوشال" مساء الأحد.',  # a programme / platform name
    ],
)
def test_scare_quotes_are_skipped(text: str) -> None:
    assert quotes(text) == []
