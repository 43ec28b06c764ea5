"""parley.render.html, the one door for article text into HTML: escaping, direction, links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from parley.filters import app_href
from parley.render.html import bdi, esc, evidence_block, link, page_css, safe_href, text_block, view_link

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "</div><script>x()</script>",
    "javascript:alert(1)",
    "&lt;script&gt;",
]


class _Tags(HTMLParser):
    """Collects (tag, attrs) of every start tag, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> _Tags:
    p = _Tags()
    p.feed(fragment)
    p.close()
    return p


@pytest.mark.parametrize("evil", HOSTILE)
def test_hostile_text_stays_text(evil: str) -> None:
    frag = text_block(evil, "ar", highlights=[(0, 4, "#ffd", evil)])
    tags = parse(frag)
    assert [t for t, _ in tags.tags] == ["div", "mark"]
    assert "".join(tags.text) == evil  # the browser shows exactly the input, as text
    for _, attrs in tags.tags:
        assert not any(k.startswith("on") for k in attrs)
    assert "<script" not in frag and "<svg" not in frag and "<img" not in frag


@pytest.mark.parametrize("evil", HOSTILE)
def test_bdi_and_esc_escape(evil: str) -> None:
    assert "".join(parse(bdi(evil, "en")).text) == evil
    assert [t for t, _ in parse(bdi(evil)).tags] == ["bdi"]
    assert "<" not in esc(evil) and '"' not in esc(evil) and "'" not in esc(evil)


@pytest.mark.parametrize(
    ("lang", "text", "dir_", "align"),
    [
        ("ar", "أكد وزير الخارجية الأمريكي ماركو روبيو", "rtl", "right"),
        ("fa", "عراقچی گفت که ایران آماده است", "rtl", "right"),
        ("en", "Marco Rubio said the United States is open to talks", "ltr", "left"),
    ],
)
def test_direction_and_lang(lang: str, text: str, dir_: str, align: str) -> None:
    ((tag, attrs),) = parse(text_block(text, lang)).tags
    assert tag == "div"
    assert attrs["dir"] == dir_ and attrs["lang"] == lang
    style = attrs["style"] or ""
    assert f"text-align: {align}" in style
    assert "unicode-bidi: isolate" in style
    assert "Noto Naskh Arabic" in style and "DejaVu Sans" in style
    assert "bidi-override" not in style


def test_text_goes_out_in_logical_order_unshaped() -> None:
    text = "أكد روبيو، أن الولايات المتحدة"
    frag = text_block(text, "ar")
    assert text in frag  # logical order, no reshaping or reordering
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", frag)  # no presentation forms


@pytest.mark.parametrize("lang", [None, "ur", '"><script>', "rtl"])
def test_unknown_language_gets_auto_and_no_lang(lang: str | None) -> None:
    ((_, attrs),) = parse(text_block("x", lang)).tags
    assert attrs["dir"] == "auto" and "lang" not in attrs


def test_tag_and_class_are_allowlisted() -> None:
    with pytest.raises(ValueError):
        text_block("x", "en", tag="script")
    ((_, attrs),) = parse(text_block("x", "en", cls='a" onclick="x')).tags
    assert "onclick" not in attrs and attrs["class"] == "parley-text parley-ltr"
    ((tag, attrs),) = parse(text_block("x", "en", tag="p", cls="quote big")).tags
    assert tag == "p" and attrs["class"] == "parley-text parley-ltr quote big"


def test_highlights_wrap_the_right_characters() -> None:
    text = "قال روبيو إن عراقجي رفض"
    spans = [(4, 9, "#fde68a", "Marco Rubio"), (13, 19, "#bfdbfe", "Abbas Araghchi")]
    frag = text_block(text, "ar", highlights=spans)
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", frag)
    assert marks == ["روبيو", "عراقجي"]
    assert "".join(parse(frag).text) == text
    assert 'style="background-color: #fde68a;"' in frag and 'title="Marco Rubio"' in frag


def test_bad_highlights_are_skipped_not_fatal() -> None:
    text = "hello world"
    frag = text_block(text, "en", highlights=[
        (0, 5, "red;background:url(javascript:1)", "a"),  # bad colour: mark without style
        (3, 8, "#fff", "overlap"),  # overlaps the first: skipped
        (20, 30, "#fff", "out of range"), (6, 6, "#fff", "empty"), (-5, 2, "#fff", "clipped?"),
    ])
    assert "".join(parse(frag).text) == text
    assert "javascript" not in frag and "url(" not in frag
    assert frag.count("<mark") == 1


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/read?a=d297c3bb2ab1174d", "/read?a=d297c3bb2ab1174d"),
        ("/", "/"),
        ("/positions?actor=marco_rubio&topic=nuclear", "/positions?actor=marco_rubio&topic=nuclear"),
        ('/read?a="><script>alert(1)</script>', "/read?a=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("https://evil.example/read?a=1", None),
        ("//evil.example/read", None),
        ("/read/../../etc/passwd", None),
        ("read?a=1", None),
        ("/read#frag", None),
        ("/\\evil.example", None),
        ("data:text/html,<script>", None),
    ],
)
def test_safe_href(href: str, expected: str | None) -> None:
    assert safe_href(href) == expected


def test_link() -> None:
    ((tag, attrs), (inner, _)) = parse(link('/read?a=x"y', "عنوان <b>")).tags
    assert tag == "a" and inner == "bdi" and attrs["href"] == "/read?a=x%22y" and attrs["target"] == "_self"
    assert "".join(parse(link("/read?a=1", "عنوان <b>")).text) == "عنوان <b>"
    plain = parse(link("javascript:alert(1)", "click"))
    assert [t for t, _ in plain.tags] == ["span"] and "javascript" not in link("javascript:alert(1)", "x")
    assert app_href("/read", {"a": "a&b=c"}) == "/read?a=a%26b%3Dc"
    with pytest.raises(ValueError):
        app_href("https://x", {})


def test_page_css() -> None:
    css = page_css()
    assert css.startswith("<style>") and css.endswith("</style>")
    assert "bidi-override" not in css and "text-align: right" in css and "Noto Naskh Arabic" in css


def test_evidence_notes_are_isolated_one_by_one() -> None:
    """Each note of an evidence block is its own <bdi>: a date after Persian cue words keeps
    its order (one run 'cues: آماده · 2026-02-04' would show the date as 04-02-2026)."""
    out = evidence_block("ایران آماده مذاکره است.", "fa", "/read?a=abc", "عنوان",
                         notes=["supports", "cues: آماده;<b>", "2026-02-04", ""])
    assert "<bdi>2026-02-04</bdi>" in out
    assert "<bdi>cues: آماده;&lt;b&gt;</bdi>" in out
    assert out.count("<bdi>") == 4  # the link label and three notes; the empty note is left out


def test_timeline_evidence_panel_is_made_of_evidence_blocks() -> None:
    """One evidence renderer: the timeline's panel is evidence_block per report, in a list; an
    Arabic outlet and the date after it are separate <bdi> notes (the date keeps its order)."""
    import pandas as pd

    from parley.render.figures import evidence_html

    reports = pd.DataFrame([
        {"event_id": "e", "article_id": "a1", "outlet": "الجزيرة", "title": "زيارة <b>", "lang": "ar",
         "published": pd.Timestamp("2026-02-01"), "date_basis": "'أمس السبت' (relative)",
         "evidence": "زار رئيس الوزراء طهران أمس السبت."},
        {"event_id": "e", "article_id": "a2", "outlet": None, "title": None, "lang": None,
         "published": None, "date_basis": None, "evidence": "The talks resumed."},
    ])
    out = evidence_html(reports)
    assert out == ('<div class="parley-evidence-list">'
                   + evidence_block("زار رئيس الوزراء طهران أمس السبت.", "ar", "/read?a=a1", "زيارة <b>",
                                    notes=["الجزيرة", "2026-02-01", "event dated by 'أمس السبت' (relative)"])
                   + evidence_block("The talks resumed.", "", "/read?a=a2", "read the article",
                                    notes=["unknown outlet", "undated"])
                   + "</div>")
    assert "<bdi>الجزيرة</bdi> · <bdi>2026-02-01</bdi>" in out
    assert '<blockquote class="parley-text parley-rtl" dir="rtl" lang="ar"' in out
    assert "زيارة &lt;b&gt;" in out and "<b>" not in out


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("http://127.0.0.1:8501/home?lang=fa&from=2026-02-01", True),
        ("https://parley.example/read?a=1", True),
        ("/actors?actor=marco_rubio", True),
        ('http://h/home?q="><script>alert(1)</script>', True),
        ("javascript:alert(1)", False),
        ("//evil.example/x", False),
        ("data:text/html,<script>", False),
        ("http://h/x\nhttp://evil", False),
    ],
)
def test_view_link(url: str, linked: bool) -> None:
    """The sidebar's link to the view: escaped text and href; only http(s) or app paths are links."""
    tags = parse(view_link(url))
    anchors = [a for t, a in tags.tags if t == "a"]
    assert "".join(tags.text) == "Link to this view" + url
    assert [a.get("href") for a in anchors] == ([url] if linked else [])
    assert {t for t, _ in tags.tags} <= {"div", "a"}
    assert "<script" not in view_link(url)
