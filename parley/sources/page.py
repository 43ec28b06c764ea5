"""A fetched page as a document: its main text (the HTML reader, trafilatura), its canonical URL."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from parley.errors import LoadError
from parley.load.decoding import decode
from parley.load.html import read_html
from parley.records import RawDocument
from parley.sources.fetch import Response
from parley.sources.urls import canonical_url, same_site

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HEAD_BYTES = 256 * 1024  # a <link rel=canonical> sits in the head


class _CanonicalLink(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or self.href is not None:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if "canonical" in a.get("rel", "").lower().split() and a.get("href", "").strip():
            self.href = a["href"].strip()


def page_canonical(resp: Response) -> str:
    """The page's canonical URL: its <link rel=canonical> when that is an http(s) URL on the same
    site (another site's URL could claim a stranger's article), else the final URL's canonical form."""
    final = canonical_url(resp.final_url)
    if resp.content_type not in HTML_TYPES:
        return final
    finder = _CanonicalLink()
    try:
        finder.feed(resp.body[:_HEAD_BYTES].decode(resp.charset or "utf-8", "replace"))
        finder.close()
    except LookupError:  # an unknown charset name
        finder.feed(resp.body[:_HEAD_BYTES].decode("utf-8", "replace"))
    if finder.href is None:
        return final
    try:
        link = canonical_url(urljoin(resp.final_url, finder.href))
    except LoadError:
        return final
    return link if same_site(link, final) else final


def page_document(resp: Response, origin: str, feed_published: str | None = None) -> RawDocument:
    """The article in a fetched page (HTML main text, or plain text); LoadError if it has none."""
    if resp.content_type in HTML_TYPES:
        doc = read_html(origin, resp.body, resp.charset)
    elif resp.content_type == "text/plain":
        doc = RawDocument(origin=origin, raw=decode(origin, resp.body, resp.charset))
    else:
        raise LoadError(origin, f"not an article page (content type {resp.content_type[:60]})")
    if not doc.raw.strip():
        raise LoadError(origin, "the page has no text")
    return RawDocument(origin=origin, raw=doc.raw, title=doc.title, url=page_canonical(resp),
                       outlet=doc.outlet, published=doc.published, feed_published=feed_published)
