"""Build an Article from a RawDocument: clean, segment, language, metadata, publication date."""

from __future__ import annotations

import hashlib

from parley.errors import LoadError
from parley.load.clean import body_key, clean_with_key
from parley.load.metadata import find_outlet, find_title, find_url, outlet_from_url
from parley.load.published import find_published, with_feed_date, with_url_date
from parley.records import Article, Lang, RawDocument, Segment
from parley.text.langid import guess_lang, majority_lang
from parley.text.segment import split_segments


def article_id(raw: str) -> str:
    """The article id: the first 16 hex chars of the SHA-256 of the raw text."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def body_hash(clean: str, key: str | None = None) -> str:
    """SHA-256 of the clean text's body key (normalised, no punctuation, spaces collapsed)."""
    return hashlib.sha256((body_key(clean) if key is None else key).encode("utf-8")).hexdigest()


def build_article(doc: RawDocument) -> Article:
    """Clean and annotate one document; raises LoadError if nothing readable is left."""
    text, key = clean_with_key(doc.raw)
    spans = split_segments(text)
    texts = [text[s:e] for s, e in spans]
    guesses: list[Lang | None] = [guess_lang(t) for t in texts]
    if all(g is None for g in guesses):  # no letters outside links, handles and emoji
        raise LoadError(doc.origin, "nothing readable left after cleaning (no letters)")
    lang = majority_lang((g, t) for g, t in zip(guesses, texts, strict=True) if g is not None)
    segments = [Segment(i, s, e, g or lang, t)
                for i, ((s, e), g, t) in enumerate(zip(spans, guesses, texts, strict=True))]
    url = doc.url or find_url(doc.raw)
    return Article(
        id=article_id(doc.raw),
        origin=doc.origin,
        raw=doc.raw,
        text=text,
        body_hash=body_hash(text, key),
        title=doc.title or find_title(text),
        outlet=doc.outlet or find_outlet(doc.raw, lang) or outlet_from_url(url, lang),
        url=url,
        lang=lang,
        # the raw text: header dates count; then a feed item's date; the given address's, last
        published=with_url_date(with_feed_date(find_published(doc.raw, doc.published), doc.feed_published),
                                doc.url),
        segments=segments,
    )
