"""Readers: encodings detected (not assumed), formats, and rejects with one-line reasons."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from seeds import SEEDS, seed

from parley.errors import LoadError
from parley.load.clean import clean_text
from parley.load.html import read_html
from parley.load.readers import (
    MAX_BYTES,
    read_bytes,
    read_bytes_with_rejects,
    read_path,
    walk,
)


def _utf8(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


# (seed, encoding, BOM). cp1256 cannot encode Persian yeh or emoji, so it uses an Arabic seed.
ENCODINGS = [
    ("003", "cp1256", b""),
    ("004", "cp1256", b""),
    ("003", "utf-16-le", codecs.BOM_UTF16_LE),
    ("001", "utf-16-le", codecs.BOM_UTF16_LE),
    ("003", "utf-16-be", codecs.BOM_UTF16_BE),
    ("001", "utf-16-be", codecs.BOM_UTF16_BE),
    ("002", "utf-8", codecs.BOM_UTF8),
    ("001", "utf-8", codecs.BOM_UTF8),
]


@pytest.mark.parametrize(("prefix", "encoding", "bom"), ENCODINGS)
def test_encodings_give_the_same_clean_text(tmp_path: Path, prefix: str, encoding: str, bom: bytes) -> None:
    original = _utf8(prefix)
    path = tmp_path / f"{prefix}_{encoding}.txt"
    path.write_bytes(bom + original.encode(encoding))
    result = read_path(path)
    assert result.rejects == []
    (doc,) = result.docs
    assert doc.raw == original
    assert clean_text(doc.raw) == clean_text(original)


def test_windows_1256_bytes_really_differ_from_utf8(tmp_path: Path) -> None:
    data = _utf8("003").encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # so the reader must have detected cp1256, not assumed UTF-8
    assert read_bytes("a.txt", data)[0].raw == _utf8("003")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_are_normalised(newline: str) -> None:
    text = "سطر أول\nسطر ثان\nthird line"
    (doc,) = read_bytes("n.txt", text.replace("\n", newline).encode("utf-8"))
    assert doc.raw == text


# (name, data, words the reason must contain)
REJECTS = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("nul.txt", b"abc\x00\x01\x02def" * 20, "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    ("controls.txt", bytes(range(1, 9)) * 50 + b"text", "binary"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 8, "undecodable"),
    ("report.pdf", "نص عربي".encode(), "unsupported file type '.pdf'"),
    ("noext", b"hello", "unsupported file type"),
    ("big.txt", b"a" * (MAX_BYTES + 1), "larger than"),
    ("notext.json", json.dumps({"title": "عنوان"}).encode(), "'text'"),
    ("broken.json", b'{"text": "x"', "not valid JSON"),
    ("typed.json", json.dumps({"text": "نص", "title": 5}).encode(), "'title' must be a string"),
]


@pytest.mark.parametrize(("name", "data", "why"), REJECTS)
def test_rejects_carry_a_one_line_reason(name: str, data: bytes, why: str) -> None:
    result = read_bytes_with_rejects(name, data)
    assert result.docs == []
    (err,) = result.rejects
    assert err.origin == name
    assert why in err.reason
    assert "\n" not in err.reason
    with pytest.raises(LoadError) as info:
        read_bytes(name, data)
    assert info.value.reason == err.reason


def test_a_rare_broken_byte_in_utf8_is_kept() -> None:
    text = _utf8("000")
    data = text.encode("utf-8")
    data = data[:100] + b"\xff" + data[100:]
    (doc,) = read_bytes("one_bad_byte.txt", data)
    assert doc.raw.count("\ufffd") == 1
    assert doc.raw.replace("\ufffd", "") == text


def test_jsonl_bad_lines_are_rejected_alone() -> None:
    lines = [
        json.dumps({"text": "ترامب يسعى للتهدئة", "title": "عنوان", "url": "https://example.com/a",
                    "outlet": "خبرني", "published": "2026-02-01"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": "روبیو گفت", "published": None}, ensure_ascii=False),
    ]
    result = read_bytes_with_rejects("feed.jsonl", "\n".join(lines).encode("utf-8"))
    assert [d.origin for d in result.docs] == ["feed.jsonl#1", "feed.jsonl#6"]
    first = result.docs[0]
    assert (first.title, first.url, first.outlet, first.published) == (
        "عنوان", "https://example.com/a", "خبرني", "2026-02-01")
    assert result.docs[1].published is None
    reasons = {e.origin: e.reason for e in result.rejects}
    assert set(reasons) == {"feed.jsonl#2", "feed.jsonl#4", "feed.jsonl#5"}
    assert "not valid JSON" in reasons["feed.jsonl#2"]
    assert "'text'" in reasons["feed.jsonl#4"]
    assert "JSON object" in reasons["feed.jsonl#5"]
    with pytest.raises(LoadError) as info:
        read_bytes("feed.jsonl", "\n".join(lines).encode("utf-8"))
    assert info.value.origin == "feed.jsonl#2"


def test_json_object_and_list() -> None:
    one = read_bytes("one.json", json.dumps({"text": "a\r\nb"}).encode())
    assert [(d.origin, d.raw) for d in one] == [("one.json", "a\nb")]
    items = [{"text": "x"}, {"text": ""}, {"text": "y"}]
    many = read_bytes_with_rejects("many.json", json.dumps(items).encode())
    assert [d.origin for d in many.docs] == ["many.json#1", "many.json#3"]
    assert [e.origin for e in many.rejects] == ["many.json#2"]


HTML = """<!doctype html><html><head><meta charset="{charset}">
<title>{title} | الموقع</title>
<meta property="og:title" content="{title}">
<link rel="canonical" href="https://www.khaberni.com/news/123">
<meta property="article:published_time" content="2026-02-01T22:00:00+03:00">
</head><body>
<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a></nav>
<article><h1>{title}</h1>
<p>خبرني - بعد أيام من التصعيد، اتخذت الولايات المتحدة خطوة نحو التهدئة مع إيران.</p>
<p>وكشف موقع &quot;أكسيوس&quot; الأمريكي أن الولايات المتحدة أبلغت إيران استعدادها للاجتماع.</p>
<script>var tracking = "لا تظهر";</script>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1256"])
def test_html_main_text_and_metadata(encoding: str) -> None:
    title = "أمريكا تبلغ إيران استعدادها للاجتماع"
    page = HTML.format(charset=encoding, title=title).encode(encoding)
    (doc,) = read_bytes("page.html", page)
    assert "خبرني - بعد أيام من التصعيد" in doc.raw
    assert '"أكسيوس"' in doc.raw
    assert "tracking" not in doc.raw and "لا تظهر" not in doc.raw
    assert "الرئيسية" not in doc.raw
    assert doc.title is not None and title in doc.title
    assert doc.url == "https://www.khaberni.com/news/123"
    assert doc.published is not None and doc.published.startswith("2026-02-01")


def test_html_without_text_is_rejected() -> None:
    err = read_bytes_with_rejects("empty.htm", b"<html><body><script>x()</script></body></html>").rejects
    assert len(err) == 1 and "no main text" in err[0].reason


def test_walk_recurses_sorted_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.txt", "a.json", "b/1.html", ".hidden.txt", ".git/x.txt", "notes.pdf", "c.jsonl"]:
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path])]
    assert found == ["a.json", "b/1.html", "b/2.txt", "c.jsonl"]
    assert list(walk([tmp_path / "notes.pdf"])) == [tmp_path / "notes.pdf"]  # a named file is read


def test_a_batch_keeps_the_good_files(tmp_path: Path) -> None:
    for p in SEEDS:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x00\x01\x02" * 64)
    (tmp_path / "feed.jsonl").write_text('{"text": "متن خبر"}\n{oops\n', encoding="utf-8")
    docs, rejects = [], []
    for path in walk([tmp_path]):
        result = read_path(path)
        docs += result.docs
        rejects += result.rejects
    assert len(docs) == len(SEEDS) + 1
    assert {Path(e.origin).name: e.reason.split(" ")[0] for e in rejects} == {
        "empty.txt": "empty", "binary.txt": "binary", "feed.jsonl#2": "not"}


def test_read_path_of_a_missing_file_is_a_reject(tmp_path: Path) -> None:
    result = read_path(tmp_path / "gone.txt")
    assert result.docs == [] and "cannot read" in result.rejects[0].reason


def test_html_goes_through_trafilatura() -> None:
    """The maintained extractor is importable here (lxml_html_clean pinned), not the fallback."""
    from parley.load.html import _trafilatura

    assert _trafilatura() is not None


def test_persian_html_keeps_its_zero_width_non_joiners() -> None:
    """Persian writes ZWNJ inside words (می‌شود): the page's text and title keep it, whether it
    is written as the character or as an entity."""
    para = "گفت‌وگوهای دو طرف در ژنو ادامه پیدا می&zwnj;کند و نتیجه آن به زودی اعلام می‌شود. " * 8
    page = (f"<html><head><title>دور تازه گفت&#8204;وگوها</title></head><body><article><p>{para}</p>"
            "</article></body></html>").encode()
    doc = read_html("fa.html", page)
    assert "گفت\u200cوگوهای" in doc.raw and "می\u200cکند" in doc.raw and "می\u200cشود" in doc.raw
    assert doc.title == "دور تازه گفت\u200cوگوها"
    assert "\u034f" not in doc.raw
