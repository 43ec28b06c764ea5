"""Live sources: a poll of one feed of N new items from a loopback site, into a fresh SQLite store,
with extraction; then the second poll (a 304). Prints figures, asserts nothing.

Run: .venv/bin/python bench/sources.py [items]   (no host delay: this measures Parley, not politeness)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from machine import describe  # noqa: E402
from sources_site import ARTICLES, Route, Site, rss  # noqa: E402

from parley.sources.fetch import Fetcher, Limits  # noqa: E402
from parley.sources.poll import fetch_urls, poll_feeds  # noqa: E402
from parley.store import sources as store  # noqa: E402
from parley.store.db import init_db, make_engine  # noqa: E402


def _page(i: int) -> bytes:
    """Article i: a fixture article with a numbered sentence, so each page is a new text."""
    key = sorted(ARTICLES)[i % len(ARTICLES)]
    lang, title, paragraphs = ARTICLES[key]
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p>Item {i}.</p>"
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title} {i}</title></head><body>'
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode()


def main(items: int = 50) -> None:
    print(describe())
    with Site() as site, tempfile.TemporaryDirectory() as tmp, \
            Fetcher(allow_private=True, limits=Limits(host_delay=0)) as fetcher:
        for i in range(items):
            site.routes[f"/a/{i}"] = Route(_page(i))
        site.routes["/feed.xml"] = Route(rss("Bench", [(site.url(f"/a/{i}"), f"item {i}", None)
                                                       for i in range(items)]),
                                         content_type="application/rss+xml", etag='"1"')
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        init_db(engine)
        t0 = time.perf_counter()
        fetch_urls([site.url("/a/0")], engine, fetcher)  # warm: gazetteer, trafilatura, language id
        print(f"first fetch (loads the gazetteer and models): {time.perf_counter() - t0:.2f} s")
        store.add_feed(engine, site.url("/feed.xml"))
        t0 = time.perf_counter()
        report = poll_feeds(engine, fetcher)
        secs = time.perf_counter() - t0
        print(f"poll, {items} items ({len(report.new)} new, {len(report.already)} already): {secs:.2f} s, "
              f"{len(report.new) / secs:.1f} articles/s")
        t0 = time.perf_counter()
        again = poll_feeds(engine, fetcher)
        print(f"second poll ({again.not_modified} not modified, {len(again.new)} new): "
              f"{(time.perf_counter() - t0) * 1000:.1f} ms")
        engine.dispose()
    print(describe())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
