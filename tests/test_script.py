"""parley.text.script: the one home of script ranges, script and direction tests, and the
isolation of right-to-left runs inside left-to-right text."""

from __future__ import annotations

import re

import pytest

from parley.render.html import bdi, esc
from parley.text.normalize import normalize_text
from parley.text.script import (
    ARABIC_DIACRITIC_RANGES,
    ARABIC_INDIC_DIGITS,
    ARABIC_LETTER_CLASS,
    LATIN_LETTER_CLASS,
    PERSIAN_DIGITS,
    PERSIAN_LETTERS,
    PRESENTATION_FORM_RANGES,
    RTL_RUN,
    has_arabic_script,
    is_arabic_script,
    isolate_rtl_runs,
    lang_dir,
    script_dir,
    script_lang,
)

ARABIC = "اجتمع الوسطاء في الدوحة"
PERSIAN = "گفتگوها در ژنو ادامه پیدا می‌کند"
ENGLISH = "Mediators met in Doha"


def _brackets(text: str) -> str:
    """isolate_rtl_runs with visible markers: [run] for each right-to-left run."""
    return isolate_rtl_runs(text, lambda s: s, lambda run: f"[{run}]")


@pytest.mark.parametrize(("ch", "expected"), [
    ("ب", True),  # beh
    ("گ", True),  # gaf (Persian)
    ("٣", True),  # Arabic-Indic three: a digit of the Arabic block
    ("۳", True),  # Persian three
    ("،", True),  # Arabic comma
    ("ݐ", True),  # Arabic Supplement
    ("ࢠ", True),  # Arabic Extended-A
    ("ﻻ", True),  # lam-alef ligature, Presentation Forms-B
    ("ﷲ", True),  # Presentation Forms-A
    ("a", False), ("3", False), (" ", False), ("-", False),
    ("א", False),  # Hebrew is right to left but not Arabic script
])
def test_is_arabic_script(ch: str, expected: bool) -> None:
    assert is_arabic_script(ch) is expected


@pytest.mark.parametrize(("text", "expected"), [
    (ARABIC, True), (PERSIAN, True), (ENGLISH, False), ("", False), ("2026-02-04", False),
    ("Talks resume in مسقط on Friday", True),
    ("۱۴۰۴", True),  # Persian digits alone
    ("שלום", False),
])
def test_has_arabic_script(text: str, expected: bool) -> None:
    assert has_arabic_script(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    (ARABIC, "rtl"), (PERSIAN, "rtl"), (ENGLISH, "ltr"),
    ("2026-02-04 قال الوزير", "rtl"),  # digits and punctuation are not strong letters
    ("« الجزيرة »", "rtl"),
    ("Reuters: قال الوزير", "ltr"),  # the first strong letter decides
    ("الجزيرة — Al Jazeera", "rtl"),
    ("Émile", "ltr"),
    ("שלום", "rtl"),  # Hebrew
    ("", "ltr"), ("2026-02-04", "ltr"), ("…", "ltr"),
])
def test_script_dir(text: str, expected: str) -> None:
    assert script_dir(text) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "rtl"), ("fa", "rtl"), ("en", "ltr"), (None, "ltr"), ("", "ltr"), ("de", "ltr"),
])
def test_lang_dir(lang: str | None, expected: str) -> None:
    assert lang_dir(lang) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (ARABIC, "ar"),
    ("إيران", "ar"),
    (PERSIAN, "fa"),
    ("ایران", "fa"),  # Farsi yeh
    ("۱۵ بهمن ۱۴۰۴ چهارشنبه", "fa"),
    (ENGLISH, "en"),
    ("Reuters: گفتگو", "en"),  # Latin first: a left-to-right line
    ("2026 گفتگو", "fa"),
    ("", "en"), ("2026-02-04", "en"),
])
def test_script_lang(text: str, expected: str) -> None:
    assert script_lang(text) == expected


def test_isolate_rtl_runs_keeps_a_date_after_arabic_words_outside_the_run() -> None:
    """The date after Arabic words is not part of the isolated run, so in a left-to-right line
    it keeps its own order (inside one run it would show as 04-02-2026)."""
    assert _brackets("قال الوزير 2026-02-04") == "[قال الوزير] 2026-02-04"
    assert _brackets("الجزيرة, 2026-02-01, https://x.test/a") == "[الجزيرة], 2026-02-01, https://x.test/a"
    out = isolate_rtl_runs("Source: الجزيرة 2026-02-01", esc, bdi)
    assert out == "Source: <bdi>الجزيرة</bdi> 2026-02-01"


def test_isolate_rtl_runs_splits_at_punctuation_and_keeps_persian_words_whole() -> None:
    # two names in an English list stay in list order: each is its own run
    assert _brackets("(الجزيرة, العربية)") == "([الجزيرة], [العربية])"
    # a ZWNJ inside a Persian word and the spaces between words stay inside one run
    assert _brackets("cue: می‌شود گفت.") == "cue: [می‌شود گفت]."
    assert _brackets(PERSIAN) == f"[{PERSIAN}]"


def test_isolate_rtl_runs_passes_the_rest_through_plain() -> None:
    assert _brackets(ENGLISH) == ENGLISH
    assert _brackets("") == ""
    out = isolate_rtl_runs("<b>Al Jazeera</b> & الجزيرة", esc, bdi)
    assert out == "&lt;b&gt;Al Jazeera&lt;/b&gt; &amp; <bdi>الجزيرة</bdi>"
    out = isolate_rtl_runs("قال <script>", esc, lambda run: bdi(run, "ar"))
    assert out == '<bdi dir="rtl" lang="ar">قال</bdi> &lt;script&gt;'


def test_rtl_run_covers_hebrew_and_arabic_but_not_digits() -> None:
    assert [m.group(0).rstrip() for m in RTL_RUN.finditer("שלום and سلام 12")] == ["שלום", "سلام"]
    assert RTL_RUN.search("2026-02-04, Reuters") is None


def test_letter_classes() -> None:
    arabic, latin = re.compile(ARABIC_LETTER_CLASS), re.compile(LATIN_LETTER_CLASS)
    assert all(arabic.match(ch) for ch in "بگیﻻݐ")
    assert not any(arabic.match(ch) for ch in "٣۳،؟ًa")  # digits, punctuation, marks, Latin
    assert all(latin.match(ch) for ch in "aZéß")
    assert not any(latin.match(ch) for ch in "1 بא")
    assert set(PERSIAN_LETTERS) == set("پچژگکی")


def test_code_point_tables_feed_normalisation() -> None:
    assert ARABIC_INDIC_DIGITS == "٠١٢٣٤٥٦٧٨٩" and PERSIAN_DIGITS == "۰۱۲۳۴۵۶۷۸۹"
    assert normalize_text("۱۵ بهمن ۱۴۰۴") == "15 بهمن 1404"
    assert normalize_text("٢٠٢٦") == "2026"
    marks = {cp for lo, hi in ARABIC_DIACRITIC_RANGES for cp in range(lo, hi + 1)}
    assert {ord("َ"), ord("ّ"), ord("ٰ")} <= marks  # fatha, shadda, superscript alef
    assert normalize_text("مُحَمَّد") == normalize_text("محمد")
    forms = {cp for lo, hi in PRESENTATION_FORM_RANGES for cp in range(lo, hi + 1)}
    assert ord("ﺑ") in forms and ord("ب") not in forms
    assert normalize_text("ﺑ") == normalize_text("ب")  # initial beh, copied from a PDF
