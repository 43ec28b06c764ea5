"""A briefing Document as one self-contained HTML file: it opens from disk with no network.

- plotly.js is inlined once, before the first figure (what ``include_plotlyjs=True`` does for
  one figure); the figures themselves are fragments made with ``include_plotlyjs=False``;
- no external fonts, stylesheets or images: the font stack names installed fonts (Noto Naskh
  Arabic, Noto Sans Arabic, DejaVu Sans) and falls back to the system's;
- a Content-Security-Policy forbids every network fetch, as a second guard;
- every string is escaped through parley.render.html; Arabic and Persian blocks carry
  ``dir="rtl"``, their ``lang`` and right alignment, in logical order (the browser shapes).
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache

from parley.render.document import Block, Document
from parley.render.html import FONT_STACK, bdi, block_style, esc, text_block
from parley.text.script import LATIN, LRM, RTL_RUN, isolate_rtl_runs, lang_dir, script_dir, script_lang

PLOTLY_MARK = "parley-plotlyjs"  # id of the one inline plotly.js script
_URL = re.compile(r"https?://[^\s<>\"';]+")
_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'")

_CSS = f"""
:root {{ color-scheme: light; }}
body {{ font-family: {FONT_STACK}; margin: 0; background: #f6f7f9; color: #111827; }}
main {{ max-width: 62rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: white; }}
h1 {{ font-size: 1.7rem; margin: 0.2em 0; }}
h2 {{ font-size: 1.2rem; margin: 1.6em 0 0.5em; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.2em; }}
.parley-text {{ line-height: 1.8; margin: 0 0 0.5em 0; }}
.parley-rtl {{ direction: rtl; text-align: right; unicode-bidi: isolate; font-size: 1.08rem; }}
.parley-ltr {{ direction: ltr; text-align: left; unicode-bidi: isolate; }}
.parley-meta {{ color: #4b5563; font-size: 0.9rem; }}
blockquote.parley-text {{ margin: 0.3em 0 0.2em; padding: 0.2em 0.8em; background: #f9fafb;
  border-inline-start: 3px solid #9ca3af; }}
.parley-source {{ color: #4b5563; font-size: 0.82rem; margin: 0 0 0.9em; }}
.parley-source a {{ color: #1f5fbf; word-break: break-all; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 0.86rem; }}
th, td {{ border: 1px solid #e5e7eb; padding: 0.25em 0.45em; vertical-align: top; }}
th {{ background: #f3f4f6; }}
td a {{ word-break: break-all; }}
figure {{ margin: 0.5em 0 1em; }}
figcaption {{ color: #4b5563; font-size: 0.85rem; }}
img {{ max-width: 100%; }}
footer {{ color: #6b7280; font-size: 0.8rem; margin-top: 2em; }}
"""


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    js: str = get_plotlyjs()
    return js


def _lang_of(block: Block) -> str | None:
    """The block's language; None (dir=auto) when its letters contradict a default 'en'."""
    if lang_dir(block.lang) == "rtl":
        return block.lang
    if block.lang == "en" and script_dir(block.text) == "rtl":
        return script_lang(block.text)
    return block.lang or None


def _linked(text: str) -> str:
    """Escaped text whose http(s) URLs become links (the URL is escaped in the attribute too)."""
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,)")
        out.append(isolate_rtl_runs(text[pos:m.start()], esc, bdi))
        out.append(f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(url)}</a>')
        pos = m.start() + len(url)
    out.append(isolate_rtl_runs(text[pos:], esc, bdi))
    return "".join(out)


def _source(text: str) -> str:
    return f'<p class="parley-source" dir="ltr" lang="en" style="{block_style("en")}">{_linked(text)}</p>'


def _cell(text: str, tag: str) -> str:
    """A table cell: all-RTL text is an RTL block; text with Latin letters or a left-to-right
    mark (provenance, mixed titles) is LTR with its Arabic-script runs isolated; URLs are links."""
    mixed = RTL_RUN.search(text) and (LATIN.search(text) or LRM in text)  # LRM: a provenance label
    if _URL.fullmatch(text.strip() or "-") or mixed:
        return f'<{tag} dir="ltr" style="{block_style("en")}">{_linked(text)}</{tag}>'
    return text_block(text, script_lang(text), tag=tag)


def _table(block: Block) -> str:
    parts = ["<table>"]
    if block.header:
        parts.append("<thead><tr>" + "".join(_cell(h, "th") for h in block.header) + "</tr></thead>")
    parts.append("<tbody>")
    for row in block.rows:
        parts.append("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _figure(block: Block, state: dict[str, bool]) -> str:
    parts = ["<figure>"]
    if block.html:
        if not state.get("plotly"):
            parts.append('<script type="text/javascript">'
                         'window.PlotlyConfig = {MathJaxConfig: "local"};</script>'
                         f'<script type="text/javascript" id="{PLOTLY_MARK}">{_plotly_js()}</script>')
            state["plotly"] = True
        parts.append(block.html)
    elif block.png:
        data = base64.b64encode(block.png).decode("ascii")
        parts.append(f'<img alt="{esc(block.text)}" src="data:image/png;base64,{data}">')
    if block.text:
        parts.append(text_block(block.text, _lang_of(block), tag="figcaption"))
    parts.append("</figure>")
    return "".join(parts)


def block_html(block: Block, state: dict[str, bool] | None = None) -> str:
    """One block as HTML (figures inline plotly.js the first time ``state`` sees one)."""
    st = state if state is not None else {}
    if block.kind == "table":
        return _table(block)
    if block.kind == "image":
        return _figure(block, st)
    lang = _lang_of(block)
    if block.kind == "heading":
        out = text_block(block.text, lang, tag="h2")
    elif block.kind == "quote":
        out = text_block(block.text, lang, tag="blockquote", cls="parley-quote")
    elif block.kind == "meta":
        out = text_block(block.text, lang, tag="p", cls="parley-meta")
    else:
        out = text_block(block.text, lang, tag="p", cls="parley-para")
    return out + (_source(block.source) if block.source else "")


def document_html(doc: Document) -> str:
    """The whole Document as a self-contained HTML page (UTF-8 text)."""
    state: dict[str, bool] = {}
    body = [text_block(doc.title, script_lang(doc.title), tag="h1")]
    if doc.subtitle:
        body.append(f'<p class="parley-meta parley-subtitle" dir="{lang_dir("en")}" lang="en" '
                    f'style="{block_style("en")}">{_linked(doc.subtitle)}</p>')
    body += [block_html(b, state) for b in doc.blocks]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Parley">\n'
        f"<title>{esc(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + '\n<footer>Made with Parley. This file is self-contained: it needs no network.</footer>\n'
          "</main>\n</body>\n</html>\n"
    )
