"""A search hit as HTML (/search): the article's title linking to /read at the hit, a line of
facts, and the snippet in its own language and direction with the matches marked. Every string
is escaped by render/html.py; the snippet goes out in logical order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from parley.render.html import (
    KNOWN_LANGS,
    bdi,
    block_style,
    direction,
    esc,
    link,
    meta_line,
    safe_href,
    text_block,
)

MATCH_COLOUR = "#fde047"


def search_hit_html(title: str | None, title_lang: str | None, href: str, facts: Iterable[str],
                    snippet: str, snippet_lang: str | None, marks: Sequence[tuple[int, int]]) -> str:
    """One hit: title link (own direction), facts, snippet with <mark>s (relative offsets)."""
    label = title or "(untitled)"
    head = link(href, label) if safe_href(href) else bdi(label)
    lang = f' lang="{esc(title_lang)}"' if title_lang in KNOWN_LANGS else ""
    title_block = (f'<div class="parley-hit-title" dir="{direction(title_lang)}"{lang} '
                   f'style="{block_style(title_lang)} font-weight: 600;">{head}</div>')
    highlights = [(s, e, MATCH_COLOUR, "match") for s, e in marks]
    return (f'<div class="parley-search-hit" style="margin: 0 0 1.1em 0;">{title_block}'
            f"{meta_line(facts)}"
            f"{text_block(snippet, snippet_lang, cls='parley-snippet', highlights=highlights)}</div>")
