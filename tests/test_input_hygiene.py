"""Input hygiene: folder walks stay inside the folder, legacy encodings are read, a JSON lone
surrogate is cleaned, pages of navigation only are refused; every reject is one plain line.

Every input is a real file written into tmp_path (real symbolic links too).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from parley.ingest import ingest_paths
from parley.load.readers import read_bytes, read_bytes_with_rejects, read_path, walk
from parley.store.db import make_engine

ARTICLE_EN = "The envoys met in Muscat on Sunday and agreed to hold a second round of talks next week."
ARTICLE_AR = "التقى المبعوثان في مسقط يوم الأحد واتفقا على عقد جولة ثانية من المحادثات الأسبوع المقبل."
ARTICLE_FA = "فرستادگان روز یکشنبه در مسقط دیدار کردند و بر برگزاری دور دوم گفت‌وگوها توافق کردند."
LATIN_TEXTS = {
    "french": "Les émissaires se sont réunis à Mascate dimanche ; la prochaine séance aura lieu à Genève, "
              "a déclaré le ministre, très satisfait.",
    "german": "Die Gesandten trafen sich am Sonntag in Maskat; das nächste Gespräch findet in Genf statt, "
              "sagte der Außenminister.",
    "spanish": "¿Habrá acuerdo? Los enviados se reunieron en Mascate el domingo, dijo el canciller iraní.",
}
# Windows-1252 only (bytes 0x80-0x9F): curly quotes, a dash, an ellipsis, the euro sign
CP1252_TEXT = ("The minister said \u201cthe talks will resume\u201d \u2013 a step worth \u20ac5m\u2026 "
               "in Muscat.")


def _plain(reason: str) -> None:
    """A reason is one line of plain words: no exception class, codec or traceback text."""
    assert "\n" not in reason
    for jargon in ("Error", "codec", "Traceback", "surrogates not allowed", "position "):
        assert jargon not in reason, reason


# --- symbolic links ------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """A folder to walk, and beside it an outside folder that its links point into."""
    root = tmp_path / "inbox"
    outside = tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    (root / ".archive").mkdir()
    outside.mkdir()
    (root / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(ARTICLE_AR, encoding="utf-8")
    (root / ".archive" / "kept.txt").write_text(ARTICLE_FA, encoding="utf-8")
    (outside / "secret.txt").write_text("the host's private notes, not an article", encoding="utf-8")
    (outside / "more").mkdir()
    (outside / "more" / "c.txt").write_text(ARTICLE_FA, encoding="utf-8")
    (root / "secret.txt").symlink_to(outside / "secret.txt")  # a file outside
    (root / "elsewhere").symlink_to(outside / "more", target_is_directory=True)  # a folder outside
    (root / "parent").symlink_to(tmp_path, target_is_directory=True)  # a folder above it
    (root / "same_b.txt").symlink_to(root / "sub" / "b.txt")  # a file inside, reached twice
    (root / "old").symlink_to(root / ".archive", target_is_directory=True)  # a hidden folder inside
    (root / "loop").symlink_to(root, target_is_directory=True)  # back to the folder itself
    (root / "gone.txt").symlink_to(tmp_path / "missing.txt")  # a broken link
    return {"root": root, "outside": outside}


def test_a_folder_walk_never_follows_a_link_out_of_the_folder(tree: dict[str, Path]) -> None:
    root = tree["root"]
    found = [p.relative_to(root).as_posix() for p in walk([root])]
    assert found == ["a.txt", "old/kept.txt", "sub/b.txt"]
    for path in walk([root]):  # every file read lies inside the folder
        assert path.resolve().is_relative_to(root.resolve())


def test_a_link_named_on_the_command_line_is_read(tree: dict[str, Path]) -> None:
    link = tree["root"] / "secret.txt"
    assert list(walk([link])) == [link]
    (doc,) = read_path(link).docs
    assert doc.raw.startswith("the host's private notes")
    folder_link = tree["root"] / "elsewhere"  # a linked folder named as such is walked
    assert [p.name for p in walk([folder_link])] == ["c.txt"]


def test_ingesting_a_folder_stores_nothing_from_outside_it(tree: dict[str, Path], tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'walk.db'}")
    try:
        report = ingest_paths([tree["root"]], engine, extract=False)
    finally:
        engine.dispose()
    assert sorted(Path(o).name for o in report.ingested) == ["a.txt", "b.txt", "kept.txt"]
    assert not any("secret" in o or "c.txt" in o for o in report.ingested + [o for o, _ in report.rejected])


def test_a_locked_subfolder_is_reported_and_the_rest_read(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    root = tmp_path / "inbox"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (root / "open.txt").write_text(ARTICLE_AR, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # tests run as root, so a chmod would not lock it
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr("parley.load.readers.os.scandir", scandir)
    found = list(walk([root]))
    assert [p.name for p in found] == ["locked", "open.txt"]
    (err,) = read_path(found[0]).rejects
    assert err.reason == "cannot read this folder: Permission denied"
    assert [d.raw for d in read_path(found[1]).docs] == [ARTICLE_AR]


# --- legacy encodings ------------------------------------------------------------------------

@pytest.mark.parametrize("language", sorted(LATIN_TEXTS))
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin_1_and_windows_1252_text_is_read(tmp_path: Path, language: str, encoding: str) -> None:
    path = tmp_path / f"{language}.txt"
    path.write_bytes(LATIN_TEXTS[language].encode(encoding))
    result = read_path(path)
    assert result.rejects == []
    assert [d.raw for d in result.docs] == [LATIN_TEXTS[language]]


def test_windows_1252_punctuation_is_read(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    assert [d.raw for d in read_path(path).docs] == [CP1252_TEXT]


@pytest.mark.parametrize("text", [ARTICLE_AR, ARTICLE_AR + "\n" + ARTICLE_EN])
def test_windows_1256_arabic_is_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "arabic.txt"
    path.write_bytes(text.encode("cp1256"))
    assert [d.raw for d in read_path(path).docs] == [text]


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                               (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf_16_with_a_byte_order_mark_is_read(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = "\n".join([ARTICLE_FA, ARTICLE_AR, ARTICLE_EN])
    path = tmp_path / "utf16.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert [d.raw for d in read_path(path).docs] == [text]


def test_a_latin_1_file_is_ingested_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "depeche.txt"
    path.write_bytes((LATIN_TEXTS["french"] + "\n" + ARTICLE_EN).encode("latin-1"))
    engine = make_engine(f"sqlite:///{tmp_path / 'latin.db'}")
    try:
        report = ingest_paths([path], engine, extract=False)
    finally:
        engine.dispose()
    assert report.rejected == [] and report.ingested == [str(path)]


PAGE = """<!doctype html><html><head>{meta}<title>Talks</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>{body2}</p></article>
<footer><p>Example News 2026</p></footer></body></html>"""


@pytest.mark.parametrize("meta,encoding", [
    ('<meta charset="windows-1256">', "cp1256"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "cp1256"),
])
def test_html_declared_windows_1256_is_read(meta: str, encoding: str) -> None:
    page = PAGE.format(meta=meta, title="جولة ثانية في مسقط", body=ARTICLE_AR,
                       body2="وقال الوزير إن الأجواء كانت إيجابية وإن اللقاء المقبل سيعقد في جنيف.")
    (doc,) = read_bytes("page.html", page.encode(encoding))
    assert ARTICLE_AR in doc.raw


@pytest.mark.parametrize("meta", [
    '<meta charset="iso-8859-1">',
    '<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">',
    '<meta charset="windows-1252">',
])
def test_html_declared_latin_1_is_read_as_windows_1252(meta: str) -> None:
    page = PAGE.format(meta=meta, title="Reprise des pourparlers", body=LATIN_TEXTS["french"],
                       body2=CP1252_TEXT)
    (doc,) = read_bytes("page.htm", page.encode("cp1252"))
    assert LATIN_TEXTS["french"] in doc.raw
    assert CP1252_TEXT in doc.raw


# --- JSON lone surrogates ---------------------------------------------------------------------

def test_a_lone_surrogate_in_json_is_replaced(tmp_path: Path) -> None:
    raw = ('{"text": "Talks resumed \\ud83d in Muscat on Sunday, officials said.", '
           '"title": "Muscat \\udc00 talks"}')
    path = tmp_path / "feed.json"
    path.write_text(raw, encoding="utf-8")
    (doc,) = read_path(path).docs
    assert doc.raw == "Talks resumed \ufffd in Muscat on Sunday, officials said."
    assert doc.title == "Muscat \ufffd talks"
    doc.raw.encode("utf-8")  # storable
    pair = json.loads('"\\ud83d\\ude00"')  # a real pair is one character and stays
    (kept,) = read_bytes("ok.json", json.dumps({"text": "Smile " + pair}).encode("utf-8"))
    assert kept.raw == "Smile \U0001F600"


def test_a_lone_surrogate_in_jsonl_is_ingested_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "The second round \\udfff of talks opened in Muscat."}\n'
                    '{"text": "A third round is planned in Geneva next week."}\n', encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'surrogate.db'}")
    try:
        report = ingest_paths([path], engine)
    finally:
        engine.dispose()
    assert report.rejected == []
    assert report.ingested == [f"{path}#1", f"{path}#2"]


# --- what is truly unreadable ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "words"), [
    ("noise.txt", bytes(range(0x80, 0x100)) * 8, "undecodable"),
    ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
    ("photo.txt", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "binary"),
    ("broken16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8" * 300, "UTF-16"),
    ("empty.json", b"   ", "empty"),
    ("feed.json", b'{"text": 5}', "'text'"),
])
def test_only_the_unreadable_is_rejected_with_a_plain_one_line_reason(name: str, data: bytes,
                                                                      words: str) -> None:
    result = read_bytes_with_rejects(name, data)
    assert result.docs == []
    (err,) = result.rejects
    assert words in err.reason
    _plain(err.reason)


# --- HTML without article text ---------------------------------------------------------------------

NAV_ONLY = """<html><head><title>Example News</title></head><body>
<header><a href="/"><img src="logo.png" alt="Example News"></a><p>Your daily news</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/region">Region</a></li></ul></nav>
<footer><p>Example News 2026. All rights reserved.</p>
<p><a href="/about">About</a> | <a href="/contact">Contact</a></p></footer>
</body></html>"""
MENU_ONLY = """<html><body><div class="menu"><a href="/">Home</a> <a href="/world">World</a>
<a href="/economy">Economy</a></div><div role="contentinfo">Copyright Example News 2026</div></body></html>"""
ROLES_ONLY = """<html><body><div role="navigation"><a href="/">Home</a> | <a href="/world">World</a></div>
<div role="banner"><h1>Example News</h1><p>The region, every day</p></div>
<div role="contentinfo"><p>All rights reserved</p></div></body></html>"""


@pytest.mark.parametrize("page", [NAV_ONLY, MENU_ONLY, ROLES_ONLY], ids=["nav-footer", "menu", "aria-roles"])
def test_html_with_only_navigation_and_footer_is_rejected(page: str, tmp_path: Path) -> None:
    result = read_bytes_with_rejects("front.html", page.encode("utf-8"))
    assert result.docs == []
    (err,) = result.rejects
    assert "no main text" in err.reason and "navigation" in err.reason
    _plain(err.reason)
    path = tmp_path / "front.html"
    path.write_text(page, encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'html.db'}")
    try:
        report = ingest_paths([path], engine)
    finally:
        engine.dispose()
    assert report.ingested == [] and [o for o, _ in report.rejected] == [str(path)]


def test_an_article_page_keeps_its_text_without_the_menu() -> None:
    page = PAGE.format(meta='<meta charset="utf-8">', title="Second round in Muscat", body=ARTICLE_EN,
                       body2="The minister said the talks went well and the next meeting is in Geneva.")
    (doc,) = read_bytes("story.html", page.encode("utf-8"))
    assert ARTICLE_EN in doc.raw
    assert "Home" not in doc.raw


def test_a_page_wrapped_in_a_form_is_read() -> None:
    page = ("<html><body><form id='site'><div><h1>Second round in Muscat</h1><p>" + ARTICLE_EN
            + "</p><p>The minister said the next meeting would be held in Geneva.</p>"
            + "</div></form></body></html>")
    (doc,) = read_bytes("aspx.html", page.encode("utf-8"))
    assert ARTICLE_EN in doc.raw
