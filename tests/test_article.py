"""Article builder and metadata: per-seed golden expectations, then general rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from seeds import seed

from parley.errors import GazetteerError, LoadError
from parley.load.article import body_hash, build_article
from parley.load.metadata import TITLE_MAX, find_outlet, find_title, find_url, load_outlets, outlet_from_url
from parley.load.readers import read_bytes, read_path
from parley.records import Article, RawDocument


def _article(prefix: str) -> Article:
    (doc,) = read_path(seed(prefix)).docs
    return build_article(doc)


# seed: lang, title (exact, or the opening of a cut first sentence), outlet, date, precision
SEEDS_GOLD = [
    ("000", "ar", ("أكد وزير الخارجية الأمريكي ماركو روبيو، أن الولايات المتحدة", True), None,
     dt.date(2026, 2, 5), "day"),
    ("001", "fa", ("مارکو روبیو، وزیر خارجه آمریکا، در نشست خبری", True), None, dt.date(2026, 2, 4), "day"),
    ("002", "ar", ("#USIranNuclearTalksTurmoil لحظة من الرهانات العالية والانقسامات العميقة في الدبلوماسية"
                   " العالمية", False), "Gate", dt.date(2026, 2, 1), "month"),
    ("003", "ar", ("أكسيوس أمريكا تبلغ إيران استعدادها للاجتماع والتفاوض على اتفاق", False), "خبرني",
     dt.date(2026, 2, 1), "day"),
    ("004", "ar", ("ترامب يسعى للتهدئة ويدفع بمبادرة دبلوماسية جديدة تجاه طهران", False), None,
     None, "unknown"),
]


@pytest.mark.parametrize(("prefix", "lang", "title", "outlet", "date", "precision"), SEEDS_GOLD)
def test_seed_articles(prefix: str, lang: str, title: tuple[str, bool], outlet: str | None,
                       date: dt.date | None, precision: str) -> None:
    art = _article(prefix)
    assert art.lang == lang
    expected, cut = title
    assert art.title is not None
    if cut:
        assert art.title.startswith(expected)
        assert art.title.endswith("…") and len(art.title) <= TITLE_MAX + 1
    else:
        assert art.title == expected
    assert art.outlet == outlet
    assert art.url is None  # no seed carries its own article link (t.co / pic.twitter are posts)
    assert art.published.date == date
    assert art.published.precision == precision
    assert art.published.basis


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_ids_hashes_and_segments(prefix: str) -> None:
    art = _article(prefix)
    raw = seed(prefix).read_text(encoding="utf-8")
    assert art.raw == raw
    assert art.id == hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
    assert art.body_hash == body_hash(art.text) and len(art.body_hash) == 64
    assert [s.idx for s in art.segments] == list(range(len(art.segments)))
    assert all(art.text[s.start:s.end] == s.text for s in art.segments)
    assert {s.lang for s in art.segments} <= {"ar", "fa", "en"}


def test_same_body_under_other_chrome_shares_body_hash_not_id() -> None:
    raw = seed("004").read_text(encoding="utf-8")
    other = "عاجل\n• 05 فبراير 2026\n" + raw.replace("recent\n", "") + "\nشارك\n"
    a = build_article(RawDocument("a.txt", raw))
    b = build_article(RawDocument("b.txt", other))
    assert a.id != b.id
    assert a.body_hash == b.body_hash


def test_json_metadata_wins_over_text_cues() -> None:
    raw = seed("003").read_text(encoding="utf-8")
    doc = RawDocument("x.json", raw, title="Given title", url="https://example.org/a", outlet="Given",
                      published="2026-03-01")
    art = build_article(doc)
    assert (art.title, art.url, art.outlet) == ("Given title", "https://example.org/a", "Given")


@pytest.mark.parametrize("raw", ["", "\n\n", "*\n• 22:00\nrecent", "12345 67890", "🇺🇸🇮🇷 https://t.co/x"])
def test_nothing_readable_is_a_load_error(raw: str) -> None:
    with pytest.raises(LoadError) as info:
        build_article(RawDocument("junk.txt", raw))
    assert info.value.origin == "junk.txt" and "nothing readable" in info.value.reason


def test_encodings_build_the_same_article(tmp_path: Path) -> None:
    text = seed("003").read_text(encoding="utf-8")
    a = build_article(read_bytes("a.txt", text.encode("cp1256"))[0])
    b = build_article(read_bytes("b.txt", b"\xff\xfe" + text.encode("utf-16-le"))[0])
    assert (a.id, a.text, a.title, a.outlet) == (b.id, b.text, b.title, b.outlet)


# ---- metadata rules beyond the seeds ---------------------------------------------------

OUTLETS = [
    ("ar", "عمّان\nخبرني - قال مسؤول إن المحادثات ستعقد.", "خبرني"),
    ("ar", "طهران (رويترز) - قال مسؤول إيراني إن الجولة المقبلة في مسقط.", "رويترز"),
    ("ar", "واشنطن - أ ف ب: أعلن البيت الأبيض", None),  # the dateline names a place, not "أ ف ب - "
    ("ar", "أ ف ب - أعلن البيت الأبيض أن المحادثات ستعقد.", "فرانس برس"),
    ("ar", "وقالت وكالة رويترز إن المحادثات ستعقد.", None),  # a mention is not a byline
    ("fa", "ایرنا - عراقچی گفت مذاکرات در مسقط برگزار می‌شود.", "ایرنا"),
    ("en", "MUSCAT (Reuters) - Iran and the United States held talks.", "Reuters"),
    ("en", "According to Reuters, talks were held.", None),
    ("en", "Body.\nThis page may contain third-party content, not endorsed by Gate.", "Gate"),
    ("en", "Body.\nGate opened the meeting.", None),  # the name outside a disclaimer is not a cue
]


@pytest.mark.parametrize(("lang", "text", "expected"), OUTLETS)
def test_find_outlet(lang: str, text: str, expected: str | None) -> None:
    assert find_outlet(text, lang) == expected  # type: ignore[arg-type]


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.khaberni.com/news/1", "ar") == "خبرني"
    assert outlet_from_url("https://www.bbc.com/persian/articles/x", "fa") == "بی‌بی‌سی فارسی"
    assert outlet_from_url("https://www.bbc.com/news/x", "en") is None
    assert outlet_from_url("https://example.com/a") is None


URLS = [
    ("see https://t.co/MznPODW9sn and pic.twitter.com/66LUTEMFoK", None),
    ("المصدر: https://www.khaberni.com/news/123-abc.", "https://www.khaberni.com/news/123-abc"),
    ("post https://twitter.com/SecRubio/status/1 then (https://example.org/a?b=1)",
     "https://example.org/a?b=1"),
    ("www.irna.ir/news/85 گزارش داد", "www.irna.ir/news/85"),
    ("no link at all", None),
]


@pytest.mark.parametrize(("text", "expected"), URLS)
def test_find_url(text: str, expected: str | None) -> None:
    assert find_url(text) == expected


TITLES = [
    ("ترامب يلتقي عراقجي في مسقط\nقال مسؤولون إن اللقاء سيعقد الجمعة.", "ترامب يلتقي عراقجي في مسقط"),
    ("دیدار عراقچی و ویتکاف در مسقط:\nمتن خبر.", "دیدار عراقچی و ویتکاف در مسقط"),
    ("Iran and US agree to talks in Muscat\nOfficials said on Friday.",
     "Iran and US agree to talks in Muscat"),
    ("قال مسؤولون إن اللقاء سيعقد الجمعة. وأضافوا أن الوسطاء جاهزون.",
     "قال مسؤولون إن اللقاء سيعقد الجمعة."),
    ("Only one line without a full stop", "Only one line without a full stop"),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_find_title(text: str, expected: str | None) -> None:
    assert find_title(text) == expected


def test_long_first_sentence_is_cut_at_a_word() -> None:
    words = " ".join(["كلمة"] * 60) + "."
    title = find_title(words + "\nسطر ثان")
    assert title is not None and title.endswith("…") and len(title) <= TITLE_MAX + 1
    assert title[:-1].split() == ["كلمة"] * len(title[:-1].split())


def test_outlets_file_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert {o.id for o in load_outlets()} >= {"khaberni", "gate"}
    (tmp_path / "outlets.yaml").write_text(
        "outlets:\n  - id: a\n    name: {en: A}\n    shapes: [banner]\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    with pytest.raises(GazetteerError) as info:
        load_outlets()
    assert "outlets.yaml" in str(info.value) and "'a'" in str(info.value) and "banner" in str(info.value)


@pytest.mark.parametrize(("url", "day"), [
    ("https://news.example/world/2025/4/12/talks-end-in-muscat", "2025-04-12"),
    ("https://example.ir/fa/news/2025-06-13-حمله", "2025-06-13"),
    ("https://example.org/2024_11_03/story.html", "2024-11-03"),
    ("https://example.org/news/18507361", None),  # a number is no date
    ("https://example.org/2025/04/", None),  # no day: the month alone does not date it
    ("https://example.org/2025/13/45/x", None),  # no such day
    ("https://example.org/1970/01/02/x", None),  # before the years news addresses carry
])
def test_an_address_gives_its_day(url: str, day: str | None) -> None:
    from parley.load.published import url_date

    got = url_date(url)
    assert (got.isoformat() if got else None) == day


def test_an_undated_text_takes_its_given_address_date_but_a_dated_one_keeps_its_own() -> None:
    undated = "Delegations met in Geneva for a second day of talks on the prisoner exchange.\n"
    url = "https://news.example/2025/09/18/geneva-talks"
    art = build_article(RawDocument("a.json", undated, url=url))
    assert art.published.date == dt.date(2025, 9, 18) and art.published.precision == "day"
    assert "address" in art.published.basis and "2025-09-18" in art.published.basis
    dated = "Geneva, 17 September 2025\n" + undated
    own = build_article(RawDocument("b.json", dated, url=url)).published
    assert own.date == dt.date(2025, 9, 17) and "address" not in own.basis
    # a link inside the text is some article's address, perhaps another's: it dates nothing
    linked = undated + "Read more: https://news.example/2019/01/05/older-story\n"
    assert build_article(RawDocument("c.txt", linked)).published.date is None
    assert build_article(RawDocument("d.txt", undated)).published.date is None
