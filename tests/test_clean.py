"""Cleaning: site chrome goes by line shape and data phrases; a repeated body counts once."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import SEEDS, seed

from parley.errors import GazetteerError
from parley.load.clean import body_key, clean_text, clean_with_key, load_boilerplate
from parley.text.normalize import normalize_text


def _clean(prefix: str) -> str:
    return clean_text(seed(prefix).read_text(encoding="utf-8"))


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n")]


# (seed, chrome that must be gone as whole lines or substrings, body that must stay)
SEED_CHROME = [
    ("003", ["*", "الاثنين: 02 فبراير 2026", "• 01 فبراير 2026", "• 22:00", "مواضيع قد تعجبك"],
     ["خبرني - بعد أيام من التصعيد", "أكسيوس أمريكا تبلغ إيران"]),
    ("004", ["recent", "عاجـــــــــــــــــــــــل", "google-playkhamsatmostaqltradent"],
     ["كشفت وسائل إعلام أمريكية", "ترامب يسعى للتهدئة"]),
    ("002", ["شاهد النسخة الأصلية", "قد تحتوي هذه الصفحة على محتوى من جهات خارجية"],
     ["#USIranNuclearTalksTurmoil لحظة من الرهانات العالية", "المشاركون الدوليون يراقبون عن كثب"]),
    ("001", ["date 2026-02-04"],
     ["مارکو روبیو، وزیر خارجه آمریکا", "We don't view meetings as a concession."]),
    ("000", [], ["The Iranian regime does not reflect", "— Secretary Marco Rubio (@SecRubio)",
                 "الدبلوماسية كأداة ضغط"]),
]


@pytest.mark.parametrize(("prefix", "chrome", "body"), SEED_CHROME)
def test_seed_chrome_goes_body_stays(prefix: str, chrome: list[str], body: list[str]) -> None:
    raw = seed(prefix).read_text(encoding="utf-8")
    text = clean_text(raw)
    lines = _lines(text)
    for junk in chrome:
        assert junk in raw  # the seed really has it
        assert junk not in lines and junk not in text
    for keep in body:
        assert keep in text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_clean_is_tidy_and_idempotent(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8"))
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(ln == ln.strip() for ln in text.split("\n"))
    assert clean_text(text) == text


def test_seed_002_body_is_counted_once_and_paragraphed() -> None:
    raw = seed("002").read_text(encoding="utf-8")
    text = clean_text(raw)
    for sentence in ["المشاركون الدوليون يراقبون عن كثب.", "ومع ذلك، لا تزال الخلافات الكبيرة قائمة."]:
        assert raw.count(sentence) == 2
        assert text.count(sentence) == 1
    assert 0.4 < len(text) / len(raw) < 0.6
    # The paragraphed copy is the one kept: it has more, shorter lines than the run-together one.
    assert len(text.split("\n")) >= 10
    assert max(len(ln) for ln in text.split("\n")) < 1500


def test_seed_004_headline_once() -> None:
    headline = "ترامب يسعى للتهدئة ويدفع بمبادرة دبلوماسية جديدة تجاه طهران"
    assert seed("004").read_text(encoding="utf-8").count(headline) == 3
    text = _clean("004")
    assert text.count(headline) == 1
    assert text.startswith(headline)


# Lines that are chrome by shape or phrase, in ar / fa / en, not taken from the seeds.
CHROME_LINES = [
    ("ar", "عاجـل"),
    ("ar", "عـــاجل:"),
    ("ar", "• 3 مارس 2025"),
    ("ar", "الثلاثاء 12:30 م"),
    ("ar", "الأحد، ١٥ شباط ٢٠٢٦"),
    ("ar", "إقرأ أيضاً"),
    ("ar", "شارك: فيسبوك | تويتر | واتساب"),
    ("fa", "۱۵ بهمن ۱۴۰۴ - ۱۰:۳۰"),
    ("fa", "بیشتر بخوانید"),
    ("fa", "چهارشنبه ۲۲ بهمن"),
    ("en", "Updated: February 5, 2026 10:00 AM"),
    ("en", "Share"),
    ("en", "Facebook Twitter WhatsApp Telegram"),
    ("en", "google-play app-store"),
    ("en", "* * *"),
    ("en", "This page may contain third-party content, which is provided for information only."),
    # breadcrumb trails and follow-us lines
    ("ar", "الرئيسية | أخبار | سياسة"),
    ("ar", "الرئيسية » عربي ودولي » الخليج"),
    ("ar", "تابعونا على تويتر وفيسبوك"),
    ("fa", "خانه › سیاست › خاورمیانه"),
    ("fa", "صفحه اصلی / بین الملل"),
    ("fa", "ما را دنبال کنید"),
    ("en", "Home > World > Middle East"),
    ("en", "Follow us on X and Telegram"),
    ("en", "Share this article"),
    ("ar", "اشترك في النشرة البريدية"),
    ("fa", "عضویت در خبرنامه"),
]


@pytest.mark.parametrize(("lang", "line"), CHROME_LINES)
def test_chrome_lines(lang: str, line: str) -> None:
    body = "Body sentence one about the talks." if lang == "en" else "نص الخبر عن المحادثات في مسقط."
    assert clean_text(f"{line}\n{body}\n{line}") == body


# Lines that look close to chrome but are content.
CONTENT_LINES = [
    ("ar", "عاجل: ترامب يلتقي عراقجي في مسقط", "ترامب يلتقي عراقجي في مسقط"),
    ("ar", "التقى الوزيران السبت 3 مارس في مسقط", None),
    ("ar", "شارك الرئيس في القمة", None),
    ("fa", "روبیو روز دوشنبه ۱۵ بهمن گفت", None),
    ("fa", "date 2026-02-04 مارکو روبیو گفت", "مارکو روبیو گفت"),
    ("en", "Breaking: Iran agrees to talks in Muscat", "Iran agrees to talks in Muscat"),
    ("en", "Trump spoke on Friday, February 6", None),
    ("en", "— Secretary Marco Rubio (@SecRubio) February 5, 2026", None),
    # a separator is not a breadcrumb unless the trail starts at home, in short steps
    ("en", "Iran | US talks move to Muscat", None),
    ("ar", "إيران | المحادثات تنتقل إلى مسقط", None),
    ("en", "Home is where the talks are / said Witkoff to reporters in Muscat", None),
]


@pytest.mark.parametrize(("lang", "line", "expected"), CONTENT_LINES)
def test_content_lines_stay(lang: str, line: str, expected: str | None) -> None:
    assert clean_text(line) == (expected or line)


def test_blank_runs_collapse_and_nbsp_lines_are_blank() -> None:
    raw = "\n\n  سطر أول  \n\u00a0\n\n\n\nسطر ثان\n\n"
    assert clean_text(raw) == "سطر أول\n\nسطر ثان"


def test_later_block_already_said_is_dropped_but_short_repeats_of_words_are_not() -> None:
    para = "قال وزير الخارجية إن المحادثات ستعقد في مسقط الأسبوع المقبل بحضور الوسطاء العمانيين."
    raw = f"{para} وأضاف أن الجولة الأولى كانت مثمرة.\n{para}\nمسقط\nالمحادثات"
    text = clean_text(raw)
    assert text.count(para) == 1
    assert _lines(text)[-2:] == ["مسقط", "المحادثات"]


def test_later_paragraphs_replace_an_earlier_run_together_copy() -> None:
    paras = [f"الفقرة رقم {i} تتحدث عن تطور دبلوماسي مختلف بين طهران وواشنطن وتفاصيله الكثيرة."
             for i in range(6)]
    raw = " ".join(paras) + "\n" + "\n".join(paras)
    assert clean_text(raw) == "\n".join(paras)


def test_body_key_matches_across_chrome_and_variants() -> None:
    text, key = clean_with_key("عاجـــل\nقال عراقجي إن «الحوار» ممكن.\n• 22:00")
    assert key == body_key(text)
    other = clean_text("recent\nقال عراقجى ان \"الحوار\" ممكن\nشارك")
    assert body_key(other) == key
    assert key == " ".join(normalize_text("قال عراقجي إن الحوار ممكن").split())


def test_boilerplate_phrases_are_normalised_on_load() -> None:
    bp = load_boilerplate()
    assert normalize_text("اقرأ أيضا").lower() in bp.lines
    assert "googleplay" in bp.link_tokens.pattern


@pytest.mark.parametrize(("yaml_text", "where"), [
    ("lines:\n  de: [hallo]\n", "lines.de"),
    ("lines: [recent]\n", "lines"),
    ("lines:\n  en: [recent, '']\n", "lines.en[1]"),
    ("colour:\n  en: [red]\n", "colour"),
])
def test_bad_boilerplate_file_names_file_and_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   yaml_text: str, where: str) -> None:
    good = (Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "boilerplate.yaml").read_text(
        encoding="utf-8")
    (tmp_path / "boilerplate.yaml").write_text(_replace_category(good, yaml_text), encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    with pytest.raises(GazetteerError) as info:
        load_boilerplate()
    assert "boilerplate.yaml" in str(info.value)
    assert f"'{where}" in str(info.value)


def _replace_category(good: str, bad: str) -> str:
    """The real file with its 'lines' category replaced by ``bad``."""
    start = good.index("\nlines:")
    end = good.index("\nbanners:")
    return good[:start] + "\n" + bad + good[end:]
