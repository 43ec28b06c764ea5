"""HTML pages: the article's main text and metadata, or a reject when a page has none.

The main text comes from trafilatura (offline), else from a small stdlib reader of the block
text of <article>/<main> (else <body>). A page whose text lies only in navigation, headers,
footers, asides (the tags, or the ARIA roles navigation, banner, contentinfo, complementary,
search) or links, is rejected with a reason: a menu or a footer is not an article. The bytes
are decoded with the charset the page declares (<meta charset>, http-equiv) when they are not
UTF-8.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from parley.errors import LoadError
from parley.load.decoding import decode
from parley.records import RawDocument

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
NO_TEXT = "HTML page has no main text"
ONLY_CHROME = "HTML page has no main text: only navigation, links, a header or a footer"


class _PageParser(HTMLParser):
    """Fallback HTML reader (stdlib): block text of <article>/<main> (else <body>) and metadata."""

    _SKIP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                       "svg", "button", "template", "iframe"})
    _BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br",
                        "section", "article", "main", "tr", "figcaption", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.main_depth = 0
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in self._SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta.setdefault("canonical", a["href"].strip())
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"].strip())
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag in self._BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        if tag in ("article", "main"):
            self.main_depth = max(0, self.main_depth - 1)
        if tag in self._BLOCK:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip:
            self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self.main_depth:
            self.main_parts.append(s)


def _tidy_lines(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def _html_stdlib(html: str) -> tuple[str, dict[str, str | None]]:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    body = _tidy_lines("".join(parser.main_parts)) or _tidy_lines("".join(parser.parts))
    m = parser.meta
    meta = {
        "title": m.get("og:title") or " ".join("".join(parser.title_parts).split()) or None,
        "url": m.get("canonical") or m.get("og:url"),
        "published": m.get("article:published_time") or m.get("og:published_time")
        or m.get("datepublished") or m.get("date") or m.get("time"),
    }
    return body, meta


@lru_cache(maxsize=1)
def _trafilatura() -> Any:
    """The trafilatura module, or None if it cannot be imported here (tried once per process)."""
    try:
        import trafilatura
    except ImportError:  # e.g. lxml 6 without lxml_html_clean: fall back to the stdlib reader
        return None
    return trafilatura


_CGJ = "\u034f"
_ZWNJ = re.compile(r"\u200c|&zwnj;|&#8204;|&#x200c;", re.IGNORECASE)


def _html_trafilatura(html: str) -> tuple[str, dict[str, str | None]] | None:
    """Main text and metadata by trafilatura (offline); None if it is unusable here."""
    trafilatura = _trafilatura()
    if trafilatura is None:
        return None
    # trafilatura drops the zero-width non-joiner, which Persian writes inside words (می‌شود):
    # it carries through as a combining grapheme joiner, which it keeps, unless the page has one
    keep = _CGJ not in html
    if keep:
        html = _ZWNJ.sub(_CGJ, html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return None
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    if keep:
        data = {k: v.replace(_CGJ, "\u200c") if isinstance(v, str) else v for k, v in data.items()}
    body = data.get("text") or ""
    if not isinstance(body, str) or not body.strip():
        return None
    meta = {k: data.get(k) if isinstance(data.get(k), str) else None for k in ("title", "url")}
    meta["published"] = data.get("date") if isinstance(data.get("date"), str) else None
    return body, meta


def read_html(name: str, data: bytes, charset: str | None = None) -> RawDocument:
    """The page's main text and metadata; raises LoadError (one line) for a page without any.
    ``charset``: the one an HTTP response declared; it wins over the page's own <meta>."""
    m = _META_CHARSET.search(data[:4096])
    declared = charset or (m.group(1).decode("ascii", "replace") if m else None)
    html = decode(name, data, declared)
    page = _Substance()
    page.feed(html)
    page.close()
    if not _letters(page.substance):
        raise LoadError(name, ONLY_CHROME if _letters(page.everything) else NO_TEXT)
    got = _html_trafilatura(html)
    if got is None or _only_links(got[0], page.links):  # a menu read as the text: try the stdlib reader
        got = _html_stdlib(html)
    body, meta = got
    if not body.strip():
        raise LoadError(name, NO_TEXT)
    if _only_links(body, page.links):
        raise LoadError(name, ONLY_CHROME)
    return RawDocument(origin=name, raw=body.replace("\r\n", "\n"), title=meta.get("title"),
                       url=meta.get("url"), published=meta.get("published"))


class _Substance(HTMLParser):
    """The text of a page outside navigation, headers, footers, asides and links; all of its
    text; and the texts of its links."""

    _CHROME = frozenset({"nav", "header", "footer", "aside", "script", "style", "noscript", "template",
                         "svg", "button", "iframe", "head", "title"})
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool, bool]] = []  # (tag, chrome, hidden) of the open elements
        self.chrome = 0
        self.hidden = 0
        self.link = 0
        self.link_parts: list[str] = []
        self.links: set[str] = set()
        self.parts: list[str] = []
        self.all_parts: list[str] = []

    @property
    def substance(self) -> str:
        """The text outside navigation, headers, footers, asides and links."""
        return " ".join(self.parts)

    @property
    def everything(self) -> str:
        """All the visible text."""
        return " ".join(self.all_parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.link += 1
            return
        role = next((v or "" for k, v in attrs if k.lower() == "role"), "").strip().lower()
        chrome, hidden = tag in self._CHROME or role in _CHROME_ROLES, tag in self._HIDDEN
        if chrome or hidden:  # void elements (br, img, meta) are never chrome: no end tag to wait for
            self.open.append((tag, chrome, hidden))
            self.chrome += chrome
            self.hidden += hidden

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            if self.link:
                self.link -= 1
                if not self.link:
                    text = " ".join("".join(self.link_parts).split())
                    if text:
                        self.links.add(text)
                    self.link_parts = []
            return
        for k in range(len(self.open) - 1, -1, -1):  # close the nearest open element of that tag
            if self.open[k][0] == tag:
                _, chrome, hidden = self.open.pop(k)
                self.chrome -= chrome
                self.hidden -= hidden
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.all_parts.append(data)
        if self.link:
            self.link_parts.append(data)
        elif not self.chrome:
            self.parts.append(data)


def _letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _only_links(body: str, links: set[str]) -> bool:
    """Whether every line of ``body`` is made of link texts only (a menu, a list of headlines)."""
    ordered = sorted(links, key=len, reverse=True)
    for line in body.split("\n"):
        rest = " ".join(line.split())
        if rest in links:
            continue
        for text in ordered:
            if text in rest:
                rest = rest.replace(text, " ")
        if _letters(rest):
            return False
    return True


