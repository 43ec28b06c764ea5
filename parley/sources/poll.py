"""Fetch article URLs and poll feeds into the store, through the same ingest as files.

An article URL is fetched once: its canonical form (and, after the fetch, the final URL's and the
page's <link rel=canonical>) is looked up among the URLs articles came from, and a known one is
"already stored" without a request. What is fetched goes through ``ingest_documents``, so the
content dedupe (same raw text: already; same body: duplicate_of) works as for files. A feed is
fetched with a conditional GET; its items met before are skipped (a failed one is retried up to
MAX_ATTEMPTS polls), and each item's date is one more basis for its article's date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from parley.errors import LoadError
from parley.ingest import Extractor, ingest_documents
from parley.records import RawDocument
from parley.sources.feeds import parse_feed
from parley.sources.fetch import Fetcher
from parley.sources.page import page_canonical, page_document
from parley.sources.urls import canonical_url
from parley.store import sources as store

MAX_NEW_PER_POLL = 50  # items fetched from one feed in one poll; the rest wait for the next poll
MAX_ATTEMPTS = 3  # polls that try a failing item before it is left alone


@dataclass(frozen=True)
class NewArticle:
    """An article stored by a fetch or a poll."""

    article_id: str
    url: str
    title: str | None


@dataclass
class SourcesReport:
    """What a fetch or a poll did: new articles, duplicates (same body as a stored article),
    URLs already stored, errors (URL or feed, reason), feeds polled and feeds not modified."""

    new: list[NewArticle] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (url, original article id)
    already: list[tuple[str, str]] = field(default_factory=list)  # (url, article id)
    errors: list[tuple[str, str]] = field(default_factory=list)
    feeds: int = 0
    not_modified: int = 0
    outcomes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # url -> (id, error)

    def merge(self, other: SourcesReport) -> None:
        """Add ``other``'s articles and errors to this report."""
        self.new += other.new
        self.duplicates += other.duplicates
        self.already += other.already
        self.errors += other.errors

    def lines(self) -> list[str]:
        """One line per new article and per error (tab-separated)."""
        out = [f"new\t{a.article_id}\t{a.url}\t{_clean(a.title or '')}" for a in self.new]
        return out + [f"error\t{url}\t{_clean(reason)}" for url, reason in self.errors]

    def summary(self) -> str:
        """The counts, one line."""
        head = f"polled {self.feeds} feed(s) ({self.not_modified} not modified): " if self.feeds else ""
        return (f"{head}new {len(self.new)}, duplicates {len(self.duplicates)}, "
                f"already stored {len(self.already)}, errors {len(self.errors)}")


def _clean(text: str) -> str:
    """One line, no tabs: safe for the tab-separated output."""
    return " ".join(text.split())[:300]


def fetch_urls(urls: Sequence[str], engine: Engine, fetcher: Fetcher, *, feed_id: int | None = None,
               feed_dates: Mapping[str, str | None] | None = None, extract: bool = True,
               extractor: Extractor | None = None) -> SourcesReport:
    """Fetch each article URL (unless its canonical URL is stored) and ingest its main text.
    ``feed_dates``: URL -> the feed item's date, one more basis for the article's date."""
    report = SourcesReport()
    todo: dict[str, str] = {}  # canonical -> the URL as given (the first of its spellings)
    for url in urls:
        try:
            todo.setdefault(canonical_url(url), url)
        except LoadError as exc:
            report.errors.append((url, exc.reason))
            report.outcomes[url] = (None, exc.reason)
    known = store.known_urls(engine, todo)
    for canon, given in list(todo.items()):
        if canon in known:
            report.already.append((given, known[canon]))
            report.outcomes[given] = (known[canon], None)
            del todo[canon]
    links: dict[str, set[str]] = {}  # canonical -> every canonical URL of its page
    titles: dict[str, str | None] = {}
    dates = feed_dates or {}

    def documents() -> Iterator[RawDocument | LoadError]:
        for canon, given in todo.items():
            try:
                resp = fetcher.get(given)
                found = {canon, canonical_url(resp.final_url), page_canonical(resp)}
                hit = store.known_urls(engine, found - {canon})
                if hit:  # redirected to, or names as canonical, a URL already stored
                    article_id = next(iter(hit.values()))
                    report.already.append((given, article_id))
                    report.outcomes[given] = (article_id, None)
                    store.record_urls(engine, [(canon, article_id, feed_id)])
                    continue
                doc = page_document(resp, canon, dates.get(given) or dates.get(canon))
            except LoadError as exc:
                yield LoadError(canon, exc.reason)
                continue
            links[canon], titles[canon] = found, doc.title
            yield doc

    if todo:
        ingested = ingest_documents(documents(), engine, extract=extract, extractor=extractor)
        duplicate_of = dict(ingested.duplicates)
        for canon in ingested.ingested:
            if canon in duplicate_of:
                report.duplicates.append((todo[canon], duplicate_of[canon]))
            else:
                report.new.append(NewArticle(ingested.article_ids[canon], todo[canon], titles.get(canon)))
        report.already += [(todo[c], ingested.article_ids[c]) for c in ingested.already]
        for canon, reason in ingested.rejected:
            report.errors.append((todo.get(canon, canon), reason))
            report.outcomes[todo.get(canon, canon)] = (None, reason)
        for canon, article_id in ingested.article_ids.items():
            report.outcomes[todo[canon]] = (article_id, None)
        store.record_urls(engine, [(u, article_id, feed_id)
                                   for canon, article_id in ingested.article_ids.items()
                                   for u in sorted(links.get(canon, {canon}))])
    return report


Progress = Callable[[int, int, str], None]


def poll_feeds(engine: Engine, fetcher: Fetcher, *, urls: Sequence[str] | None = None, extract: bool = True,
               extractor: Extractor | None = None, progress: Progress | None = None) -> SourcesReport:
    """Poll the stored feeds (those of ``urls``, canonical, if given) once each."""
    report = SourcesReport()
    rows = store.feed_rows(engine, urls)
    for i, feed in enumerate(rows, 1):
        _poll_one(engine, fetcher, feed, report, extract, extractor)
        if progress:
            progress(i, len(rows), feed.url)
    return report


def _poll_one(engine: Engine, fetcher: Fetcher, feed: store.FeedRow, report: SourcesReport, extract: bool,
              extractor: Extractor | None) -> None:
    report.feeds += 1
    try:
        resp = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if resp.not_modified:
            report.not_modified += 1
            store.record_poll(engine, feed.id, status="not modified")
            return
        parsed = parse_feed(feed.url, resp.body)
    except LoadError as exc:
        report.errors.append((feed.url, exc.reason))
        store.record_poll(engine, feed.id, status="error", error=exc.reason)
        return
    seen = store.items_seen(engine, feed.id, [item.key for item in parsed.items])
    fresh = [item for item in parsed.items if item.key not in seen
             or (seen[item.key].status == "error" and seen[item.key].attempts < MAX_ATTEMPTS)]
    batch = fresh[:MAX_NEW_PER_POLL]
    got = fetch_urls([item.url for item in batch], engine, fetcher, feed_id=feed.id,
                     feed_dates={item.url: item.published for item in batch}, extract=extract,
                     extractor=extractor)
    report.merge(got)
    store.record_items(engine, feed.id, [
        (item.key, item.url, *got.outcomes.get(item.url, (None, "not fetched"))) for item in batch])
    failed = [(item, reason) for item in batch if (reason := got.outcomes.get(item.url, (None, None))[1])]
    error = f"{len(failed)} item(s) failed; first: {failed[0][1]}" if failed else None
    retried = [item for item, _ in failed
               if (seen[item.key].attempts if item.key in seen else 0) + 1 < MAX_ATTEMPTS]
    # New validators only when no item waits for a later poll: else a 304 would hide it until the
    # feed itself changes.
    settled = not retried and len(fresh) <= MAX_NEW_PER_POLL
    store.record_poll(engine, feed.id, status="ok", error=error, new_count=len(got.new), etag=resp.etag,
                      last_modified=resp.last_modified, keep_validators=not settled, title=parsed.title)
