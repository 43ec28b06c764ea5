"""Language id: script cues first (Persian vs Arabic letters), lingua only when ambiguous."""

from __future__ import annotations

import pytest
from seeds import seed

import parley.text.langid as langid
from parley.load.clean import clean_text
from parley.records import Segment
from parley.text.langid import detect_lang, guess_lang, majority_lang
from parley.text.segment import split_segments

# (expected, text): short and long, names and sentences.
TABLE = [
    ("ar", "روبيو"),
    ("fa", "روبیو"),
    ("ar", "إيران"),
    ("fa", "ایران"),
    ("ar", "عراقجي"),
    ("fa", "عراقچی"),
    ("ar", "وزير الخارجية الأمريكي"),
    ("fa", "وزیر خارجه آمریکا"),
    ("ar", "الرئيس ترامب"),
    ("fa", "رییس‌جمهوری آمریکا"),
    ("ar", "قال ترامب إن المحادثات ستعقد في مسقط يوم الجمعة."),
    ("fa", "ترامپ گفت مذاکرات روز جمعه در مسقط برگزار می‌شود."),
    ("fa", "۱۵ بهمن ۱۴۰۴ گفت"),
    ("en", "Rubio"),
    ("en", "The talks were moved from Istanbul to Muscat."),
    ("en", "— Secretary Marco Rubio (@SecRubio) February 5, 2026"),
    ("en", "🇺🇸🇮🇷⚡️ -- Secretary of State Marco Rubio on Iran:"),
    ("ar", "date 2026-02-04 أكد الوزير أن الحوار ممكن"),
    ("fa", "date 2026-02-04 مارکو روبیو گفت"),
]


@pytest.mark.parametrize(("expected", "text"), TABLE)
def test_detect_lang(expected: str, text: str) -> None:
    assert detect_lang(text) == expected


# Links, handles, hashtags and emoji never decide.
NOISE = [
    ("ar", "قال الوزير https://t.co/MznPODW9sn @SecRubio #USIranNuclearTalksTurmoil"),
    ("fa", "روبیو گفت pic.twitter.com/66LUTEMFoK @JuanCarlos23431"),
    ("ar", "#USIranNuclearTalksTurmoil لحظة حاسمة"),
]


@pytest.mark.parametrize(("expected", "text"), NOISE)
def test_links_handles_and_tags_do_not_decide(expected: str, text: str) -> None:
    assert detect_lang(text) == expected


@pytest.mark.parametrize("text", ["22:00", "🇺🇸🇮🇷⚡️", "https://t.co/abc @user", "2026-02-04", ""])
def test_no_letters_gives_none_and_the_default(text: str) -> None:
    assert guess_lang(text) is None
    assert detect_lang(text, default="fa") == "fa"


def test_lingua_is_asked_only_when_the_script_is_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = langid._lingua

    def spy(text: str) -> langid.Lang:
        asked.append(text)
        return real(text)

    monkeypatch.setattr(langid, "_lingua", spy)
    assert detect_lang("قال روبيو إن واشنطن مستعدة") == "ar"
    assert detect_lang("The talks resumed") == "en"
    assert [detect_lang(w) for w in ("روبيو", "روبیو", "إيران", "ایران")] == ["ar", "fa", "ar", "fa"]
    assert asked == []
    # No letter tells Arabic from Persian here ("مسقط", "واشنطن"): lingua decides.
    assert detect_lang("واشنطن مسقط") in ("ar", "fa")
    assert asked == ["واشنطن مسقط"]


@pytest.mark.parametrize(("prefix", "lang", "english"), [
    ("000", "ar", ["The Iranian regime does not reflect the people of Iran",
                   "— Secretary Marco Rubio (@SecRubio) February 5, 2026"]),
    ("001", "fa", ["Secretary of State Marco Rubio on Iran:", "I think it's pretty clear right now",
                   "We don't view meetings as a concession."]),
])
def test_embedded_english_posts_are_en_segments(prefix: str, lang: str, english: list[str]) -> None:
    text = clean_text(seed(prefix).read_text(encoding="utf-8"))
    segs = [Segment(i, s, e, detect_lang(text[s:e], lang), text[s:e])
            for i, (s, e) in enumerate(split_segments(text))]
    assert majority_lang((s.lang, s.text) for s in segs) == lang
    en = [s.text for s in segs if s.lang == "en"]
    for start in english:
        assert any(t.startswith(start) or start in t for t in en), start
    others = {s.lang for s in segs if s.lang != "en"}
    assert others == {lang}


def test_article_lang_is_the_majority_by_letters() -> None:
    segs = [Segment(0, 0, 5, "en", "Short English line here"),
            Segment(1, 0, 5, "ar", "سطر عربي"),
            Segment(2, 0, 5, "ar", "سطر عربي آخر أطول من السطر الإنجليزي بكثير جدا")]
    assert majority_lang((s.lang, s.text) for s in segs) == "ar"
    assert majority_lang([]) == "ar"
