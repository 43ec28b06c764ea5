"""The one door for HTML built from article text: escape first, then wrap with dir and lang.

Article text, titles, outlet names, file names and query parameters are untrusted: every
function here escapes them before they enter markup, and only this module builds HTML that
parley.ui.html.show_html sends to the page.

The browser shapes and orders Arabic script itself: text goes out in logical order and is
never passed through arabic-reshaper or python-bidi. Arabic and Persian blocks carry
``dir="rtl"`` and an explicit ``text-align: right``, because Streamlit's markdown container
sets ``text-align: left``; ``unicode-bidi: isolate`` keeps a block's direction from leaking.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, urlsplit

from parley.filters import APP_PATH, app_href
from parley.text.script import lang_dir

KNOWN_LANGS = frozenset({"ar", "fa", "en"})
# Name installed fonts: a list of missing fonts collapses Arabic text (see STACK.md).
# Single quotes: the stack goes inside style="..." attributes.
FONT_STACK = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif"

Highlight = tuple[int, int, str, str]  # (start, end, colour, title), offsets into the text

_TAGS = frozenset({"div", "p", "span", "li", "blockquote", "td", "th", "h1", "h2", "h3", "h4", "figcaption"})
_CLASS = re.compile(r"^[A-Za-z_][A-Za-z0-9_ -]{0,100}$")
_COLOUR = re.compile(r"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{8}|[a-z]{3,20})$")


def esc(s: object) -> str:
    """HTML-escape any value (quotes included), so it is safe in text and in attributes."""
    return html.escape("" if s is None else str(s), quote=True)


def direction(lang: str | None) -> str:
    """The HTML dir for a language code: lang_dir's (rtl for ar/fa, ltr for en) for a known
    language, auto for any other (the browser then reads the text's first strong letter)."""
    return lang_dir(lang) if lang in KNOWN_LANGS else "auto"


def _dir_lang_attrs(lang: str | None) -> str:
    """dir and lang attributes; an unknown language gets dir=auto and no lang attribute."""
    d = direction(lang)
    return f' dir="{d}" lang="{lang}"' if lang in KNOWN_LANGS else f' dir="{d}"'


def block_style(lang: str | None) -> str:
    """The inline style for a block of text in ``lang`` (explicit alignment, isolation, fonts)."""
    d = direction(lang)
    align = {"rtl": "right", "ltr": "left"}.get(d, "start")
    return f"direction: {d if d != 'auto' else 'inherit'}; text-align: {align}; unicode-bidi: isolate; " \
           f"font-family: {FONT_STACK};"


def _marked(text: str, highlights: Iterable[Highlight] | None, hit: tuple[int, int] | None = None) -> str:
    """Escaped text with each highlight wrapped in <mark>; overlapping or bad spans are skipped.
    The highlight spanning exactly ``hit`` is the search hit: class and id ``parley-hit``."""
    if not highlights:
        return esc(text)
    out: list[str] = []
    pos = 0
    clipped = [(max(int(s), 0), min(int(e), len(text)), c, t) for s, e, c, t in highlights]
    for start, end, colour, title in sorted(clipped, key=lambda h: (h[0], -h[1])):
        if start < pos or start >= end:
            continue  # overlaps the previous mark, or empty/out of range
        out.append(esc(text[pos:start]))
        style = f' style="background-color: {colour};"' if _COLOUR.match(colour or "") else ""
        mark = ' class="parley-hit" id="parley-hit"' if hit == (start, end) else ""
        out.append(f'<mark{mark}{style} title="{esc(title)}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def text_block(text: str, lang: str | None, *, tag: str = "div", cls: str | None = None,
               highlights: Sequence[Highlight] | None = None, hit: tuple[int, int] | None = None) -> str:
    """An escaped block of ``text`` with dir, lang, alignment and fonts for its language (``hit``:
    see _marked)."""
    if tag not in _TAGS:
        raise ValueError(f"text_block: tag {tag!r} is not allowed")
    classes = f"parley-text parley-{direction(lang)}" + (f" {cls}" if cls and _CLASS.match(cls) else "")
    return (f'<{tag} class="{esc(classes)}"{_dir_lang_attrs(lang)} style="{block_style(lang)}">'
            f"{_marked(text, highlights, hit)}</{tag}>")


def bdi(text: str, lang: str | None = None) -> str:
    """An isolated inline run (<bdi>) for text of the other direction inside a block."""
    attrs = _dir_lang_attrs(lang) if lang in KNOWN_LANGS else ""
    return f"<bdi{attrs}>{esc(text)}</bdi>"


def safe_href(href: str) -> str | None:
    """``href`` re-encoded if it is a relative app link (``/page?k=v``), else None."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or parts.fragment or not APP_PATH.match(parts.path):
        return None
    if any(ch in href for ch in "\\\r\n\t") or href.startswith("//"):
        return None
    return app_href(parts.path, dict(parse_qsl(parts.query)))


def link(href: str, label: str) -> str:
    """An <a> to a relative app link, opening in the same tab; other hrefs give plain text."""
    safe = safe_href(href)
    if safe is None:
        return f"<span>{esc(label)}</span>"
    return f'<a href="{esc(safe)}" target="_self"><bdi>{esc(label)}</bdi></a>'


def view_link(url: str) -> str:
    """'Link to this view': the view's URL as a plain link (escaped; only an http(s) or app-relative
    URL becomes a link, anything else plain text). A plain link, not a code box: st.code loads a
    1.5 MB syntax-highlighting script on every page that shows one."""
    parts = urlsplit(url) if not any(ch in url for ch in "\\\r\n\t") else None
    ok = parts is not None and ((parts.scheme in ("http", "https") and parts.netloc)
                                or (not parts.scheme and not parts.netloc and url.startswith("/")
                                    and not url.startswith("//")))
    shown = f'<a class="parley-view-link" href="{esc(url)}">{esc(url)}</a>' if ok else esc(url)
    return (f'<div class="parley-meta">Link to this view</div>'
            f'<div class="parley-link" dir="ltr">{shown}</div>')


def page_css() -> str:
    """The app's small stylesheet: fonts for Arabic script and the look of text blocks."""
    return (
        "<style>\n"
        f".parley-text {{ font-family: {FONT_STACK}; line-height: 1.9; margin: 0 0 0.6em 0; }}\n"
        ".parley-rtl { direction: rtl; text-align: right; unicode-bidi: isolate; font-size: 1.1rem; }\n"
        ".parley-ltr { direction: ltr; text-align: left; unicode-bidi: isolate; }\n"
        ".parley-text mark { padding: 0 0.15em; border-radius: 0.2em; }\n"
        ".parley-meta { color: #555; font-size: 0.9rem; }\n"
        "h2.parley-title { font-size: 1.9rem; font-weight: 700; line-height: 1.6; }\n"
        ".parley-evidence { border-inline-start: 3px solid #bbb; padding-inline-start: 0.6em; }\n"
        ".parley-evidence { margin: 0.8em 0; }\n"
        ".parley-evidence blockquote { margin: 0; }\n"
        ".parley-raw { white-space: pre-wrap; background: #f7f7f7; padding: 0.6em; }\n"
        ".parley-link { font-family: monospace; font-size: 0.8rem; overflow-wrap: anywhere; }\n"
        # the overview's count bars (render/bars.py)
        ".parley-bars { font-size: 0.85rem; }\n"
        ".parley-bars-title { font-weight: 600; margin-bottom: 0.3em; }\n"
        ".parley-bar-rows { max-height: 220px; overflow-y: auto; }\n"
        ".parley-bar-row { display: grid; grid-template-columns: minmax(3em, 9em) 1fr 4em; gap: 0.4em;"
        " align-items: center; line-height: 1.5; }\n"
        ".parley-bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }\n"
        ".parley-bar-track { display: block; height: 0.8em; }\n"
        ".parley-bar { display: block; height: 100%; background: #4f6d9a; border-radius: 2px;"
        " min-width: 1px; }\n"
        ".parley-bar-n { text-align: right; font-variant-numeric: tabular-nums; }\n"
        ".parley-cols { display: flex; align-items: flex-end; height: 180px;"
        " border-bottom: 1px solid #bbb; }\n"
        ".parley-col { flex: 1 1 0; min-width: 0; max-width: 3em; background: #4f6d9a; }\n"
        ".parley-col-axis { display: flex; justify-content: space-between; color: #555;"
        " font-size: 0.8rem; }\n"
        # a briefing's tables on its page (render/briefing_html.py draws them)
        ".parley-doc table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em;"
        " font-size: 0.86rem; }\n"
        ".parley-doc th, .parley-doc td { border: 1px solid #e5e7eb; padding: 0.25em 0.45em;"
        " vertical-align: top; }\n"
        ".parley-doc th { background: #f3f4f6; }\n"
        ".parley-doc td a { word-break: break-all; }\n"
        ".parley-chip { padding: 0.1em 0.4em; border-radius: 0.3em; margin-inline-end: 0.3em; }\n"
        "</style>"
    )


# Light backgrounds that keep black text readable; one per actor, in order of appearance.
PALETTE = ("#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#e9d5ff", "#fed7aa", "#a5f3fc", "#f5d0fe",
           "#d9f99d", "#fbcfe8", "#c7d2fe", "#e5e7eb")


def colours_for(ids: Iterable[str]) -> dict[str, str]:
    """One palette colour per distinct id, in first-seen order (the palette repeats if needed)."""
    out: dict[str, str] = {}
    for i in ids:
        if i not in out:
            out[i] = PALETTE[len(out) % len(PALETTE)]
    return out


SegmentSpan = tuple[int, int, str]  # (start, end, lang) of a segment in the article's clean text


HIT_COLOUR = "#fb923c"  # a search hit on /read: stronger than the actors' pastel colours
HIT_TITLE = "search hit"


def article_html(text: str, segments: Sequence[SegmentSpan], highlights: Sequence[Highlight] = (),
                 hit: tuple[int, int] | None = None) -> str:
    """An article's clean text as blocks: consecutive segments of one language on one line
    form a block with that language's dir and lang; highlights use article offsets. ``hit`` (a
    search hit's span) is marked over any highlight it overlaps, as <mark id="parley-hit">.
    """
    blocks: list[tuple[str, int, int]] = []  # (lang, start, end)
    for start, end, lang in sorted(segments):
        if blocks and blocks[-1][0] == lang and "\n" not in text[blocks[-1][2]:start]:
            blocks[-1] = (lang, blocks[-1][1], end)
        else:
            blocks.append((lang, start, end))
    if hit is not None:
        hs, he = hit
        highlights = [h for h in highlights if h[1] <= hs or h[0] >= he]
    out = []
    for lang, start, end in blocks:
        local = [(s - start, e - start, c, t) for s, e, c, t in highlights if s >= start and e <= end]
        local_hit = None
        if hit is not None and start <= hit[0] < end:
            local_hit = (hit[0] - start, min(hit[1], end) - start)
            local.append((*local_hit, HIT_COLOUR, HIT_TITLE))
        out.append(text_block(text[start:end], lang, tag="div", cls="parley-para", highlights=local,
                              hit=local_hit))
    return "\n".join(out)


# A fixed script (no data in it): scroll the reading view to the search hit once it is drawn.
SCROLL_TO_HIT = (
    "<script>(function () { let tries = 0; const t = setInterval(function () {"
    " const m = document.getElementById('parley-hit');"
    " if (m) { m.scrollIntoView({block: 'center'}); clearInterval(t); }"
    " else if (++tries > 50) { clearInterval(t); } }, 100); })();</script>"
)


def legend(items: Iterable[tuple[str, str]]) -> str:
    """A row of coloured name chips: (label, colour) pairs, labels escaped."""
    chips = []
    for label, colour in items:
        style = f' style="background-color: {colour};"' if _COLOUR.match(colour) else ""
        chips.append(f'<mark class="parley-chip"{style}>{bdi(label)}</mark>')
    return f'<div class="parley-legend" dir="ltr">{" ".join(chips)}</div>'


def meta_line(parts: Iterable[str]) -> str:
    """A small grey line of escaped facts (outlet, date, basis), each isolated with <bdi>."""
    return f'<div class="parley-meta" dir="ltr">{" · ".join(bdi(p) for p in parts if p)}</div>'


def evidence_block(text: str, lang: str | None, href: str, label: str, *, notes: Iterable[str] = ()) -> str:
    """The one evidence renderer (/positions, /actors, /review, the timeline's evidence panel):
    an evidence sentence in its own language and direction, a line linking to its article, and
    a line of notes (outlet, date, stance, cues, how it was dated). The link's label and each
    note are isolated one by one: a date beside an Arabic outlet name or Persian cue words would
    otherwise be reordered (one run 'الجزيرة · 2026-02-01' shows the date as 01-02-2026)."""
    parts = [n for n in notes if n]
    foot = meta_line(parts) if parts else ""
    return (f'<div class="parley-evidence">{text_block(text, lang, tag="blockquote")}'
            f'<div class="parley-meta" dir="ltr">{link(href, label)}</div>{foot}</div>')


# --- side-by-side comparison (pages/compare.py) ----------------------------------------------

CompareHead = tuple[str, str, str | None, str]  # (label, title, title's lang, meta such as the date)
CompareCell = tuple[str, str | None, Sequence[Highlight], str]  # (text, lang, highlights, badge)


def side_by_side(heads: Sequence[CompareHead], rows: Sequence[Sequence[CompareCell | None]]) -> str:
    """A grid with one column per source and one row per aligned passage, every string escaped.

    Each cell is a text_block in its own language's direction; None leaves the slot empty (the
    source lacks that passage); a badge such as "only in X" sits above a cell's text. The grid
    itself is left to right, so column order does not flip with the page's language.
    """
    n = max(len(heads), 1)
    grid = (f"display: grid; grid-template-columns: repeat({n}, minmax(0, 1fr)); "
            "column-gap: 1.5rem; align-items: start;")
    out = [f'<div class="parley-compare" dir="ltr" style="{grid}">']
    for i, (label, title, lang, meta) in enumerate(heads):
        out.append(f'<div class="parley-compare-head" data-col="{i}" style="border-bottom: 2px solid #888; '
                   f'padding-bottom: 0.4rem;"><div dir="ltr"><strong>{bdi(label, "en")}</strong></div>'
                   f"{text_block(title, lang, cls='parley-title')}{meta_line([meta])}</div>")
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            style = "border-top: 1px solid #ddd; padding-top: 0.4rem; min-width: 0;"
            if cell is None:
                out.append(f'<div class="parley-compare-empty" data-row="{r}" data-col="{i}" '
                           f'style="{style}"></div>')
                continue
            text, lang, marks, badge = cell
            tag = f'<div class="parley-meta parley-badge" dir="ltr">{esc(badge)}</div>' if badge else ""
            out.append(f'<div class="parley-compare-cell" data-row="{r}" data-col="{i}" style="{style}">'
                       f"{tag}{text_block(text, lang, cls='parley-para', highlights=marks)}</div>")
    out.append("</div>")
    return "".join(out)
