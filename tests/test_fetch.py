"""The bounded, polite fetcher against a real HTTP server on loopback (tests/sources_site.py)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import pytest
from sources_site import Route, Site, article_html

from parley.errors import LoadError
from parley.sources.fetch import Fetcher, Limits, limits_from_env

FAST = Limits(host_delay=0, connect_timeout=2, read_timeout=0.5, total_timeout=1.5, max_bytes=50_000)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, limits=FAST) as f:
        yield f


def _reason(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(LoadError) as err:
        fetcher.get(url)
    return err.value.reason


def test_a_page_is_fetched_with_its_type_charset_and_validators(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a"] = Route(article_html("ar-muscat"), etag='"v1"',
                              last_modified="Mon, 02 Mar 2026 09:00:00 GMT")
    resp = fetcher.get(site.url("/a"))
    assert resp.status == 200 and resp.body == article_html("ar-muscat")
    assert (resp.content_type, resp.charset) == ("text/html", "utf-8")
    assert (resp.etag, resp.last_modified) == ('"v1"', "Mon, 02 Mar 2026 09:00:00 GMT")
    assert site.paths() == ["/robots.txt", "/a"]  # robots.txt first
    assert "Parley" in site.hits[1][1]["User-Agent"]


def test_a_conditional_get_sends_the_validators_and_reads_304(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed"] = Route(b"<rss/>", etag='"v7"', last_modified="Tue, 03 Mar 2026 10:00:00 GMT")
    resp = fetcher.get(site.url("/feed"), etag='"v7"', last_modified="Tue, 03 Mar 2026 10:00:00 GMT")
    assert resp.not_modified and resp.body == b""
    headers = site.hits[-1][1]
    assert headers["If-None-Match"] == '"v7"' and headers["If-Modified-Since"].startswith("Tue, 03 Mar")
    assert not fetcher.get(site.url("/feed"), etag='"old"').not_modified


@pytest.mark.parametrize(("route", "expected"), [
    (Route(b"gone", status=404), "HTTP 404"),
    (Route(b"oops", status=500), "HTTP 500"),
    (Route(article_html("en-muscat"), delay=2.0), "timed out"),  # silence longer than the read timeout
    (Route(b"x" * 4000, drip=0.1), "timed out: no complete answer"),  # a slow drip outlasts the deadline
    (Route(b"x" * 60_000), "larger than 50000 bytes (Content-Length"),
    (Route(b"x" * 60_000, chunked=True), "larger than 50000 bytes (stopped while reading)"),
    (Route(b"x" * 5_000_000, chunked=True, gzip=True), "larger than 50000 bytes (stopped while reading)"),
    (Route(b"x" * 5_000_000, gzip=True), "larger than 50000 bytes (stopped while reading)"),
    (Route(b"", status=302, headers={"Location": "file:///etc/passwd"}), "redirect to file:// refused"),
    (Route(b"", status=301, headers={"Location": "ftp://example.org/x"}), "redirect to ftp:// refused"),
    (Route(b"", status=302, headers={"Location": "/loop"}), "more than 5 redirects"),
    (Route(b"abc", headers={"Content-Encoding": "br"}), "unsupported content encoding 'br'"),
    (Route(b"not gzip at all", headers={"Content-Encoding": "gzip"}), "compressed body is corrupt"),
], ids=["404", "500", "slow", "drip", "oversized", "oversized-chunked", "gzip-bomb-chunked", "gzip-bomb",
        "redirect-file", "redirect-ftp", "redirect-loop", "brotli", "corrupt-gzip"])
def test_failures_give_one_line_reasons(site: Site, fetcher: Fetcher, route: Route, expected: str) -> None:
    site.routes["/loop"] = route
    assert expected in _reason(fetcher, site.url("/loop"))


def test_a_gzip_bomb_is_stopped_after_a_bounded_amount_of_decoding(site: Site, fetcher: Fetcher) -> None:
    bomb = b"\0" * 20_000_000
    site.routes["/bomb"] = Route(bomb, gzip=True, chunked=True)
    assert len(gzip.compress(bomb)) < 50_000  # the compressed body is under the limit: only decoding shows it
    assert "larger than" in _reason(fetcher, site.url("/bomb"))


def test_compressed_bodies_within_the_limit_are_decoded(site: Site, fetcher: Fetcher) -> None:
    page = article_html("fa-muscat")
    site.routes["/gz"] = Route(page, gzip=True, chunked=True)
    site.routes["/deflate"] = Route(zlib.compress(page), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-15)
    site.routes["/raw-deflate"] = Route(raw.compress(page) + raw.flush(),
                                        headers={"Content-Encoding": "deflate"})
    for path in ("/gz", "/deflate", "/raw-deflate"):
        assert fetcher.get(site.url(path)).body == page, path
    assert "gzip" in site.hits[-1][1]["Accept-Encoding"]


def test_relative_redirects_are_followed_by_hand(site: Site, fetcher: Fetcher) -> None:
    site.routes["/old"] = Route(b"", status=301, headers={"Location": "/new?x=1"})
    site.routes["/new?x=1"] = Route(article_html("en-doha"))
    resp = fetcher.get(site.url("/old"))
    assert resp.final_url == site.url("/new?x=1") and resp.url == site.url("/old")


def test_private_addresses_are_refused_unless_allowed(site: Site) -> None:
    site.routes["/a"] = Route(article_html("en-muscat"))
    with Fetcher(limits=FAST) as strict:
        reason = _reason(strict, site.url("/a"))
    assert "private, loopback or local address (127.0.0.1)" in reason
    assert "PARLEY_ALLOW_PRIVATE_URLS" in reason
    assert site.hits == []  # refused before any request
    with Fetcher(limits=FAST) as strict:
        assert "private" in _reason(strict, "http://localhost:9/x")  # a name that resolves to loopback


def test_a_redirect_to_a_private_address_is_refused(site: Site) -> None:
    """Loopback is allowed here (the test site), link-local and private networks are not: the
    redirect's target is checked like the first URL."""
    site.routes["/meta"] = Route(b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
    site.routes["/lan"] = Route(b"", status=307, headers={"Location": "http://10.0.0.1/admin"})
    with Fetcher(allow_networks=["127.0.0.0/8"], limits=FAST) as f:
        assert "169.254.169.254" in _reason(f, site.url("/meta"))
        assert "10.0.0.1" in _reason(f, site.url("/lan"))
    assert site.paths() == ["/robots.txt", "/meta", "/lan"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)",
                                 "http://user:pw@example.org/", "not a url", "", "http://exa mple.org/"])
def test_only_http_urls_are_fetched(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(LoadError):
        fetcher.get(url)


def test_robots_txt_is_respected(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a"] = Route(article_html("en-muscat"))
    site.routes["/public/a"] = Route(article_html("en-doha"))
    assert "disallowed by robots.txt" in _reason(fetcher, site.url("/private/a"))
    assert fetcher.get(site.url("/public/a")).status == 200
    assert site.paths() == ["/robots.txt", "/public/a"]  # robots.txt read once, the page never asked


def test_a_redirect_into_a_disallowed_path_is_refused(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: Parley\nDisallow: /private\n", content_type="text/plain")
    site.routes["/go"] = Route(b"", status=302, headers={"Location": "/private/x"})
    assert "disallowed by robots.txt" in _reason(fetcher, site.url("/go"))
    assert "/private/x" not in site.paths()


def test_a_failing_robots_txt_refuses_the_site(site: Site, fetcher: Fetcher) -> None:
    site.routes["/robots.txt"] = Route(b"down", status=503)
    site.routes["/a"] = Route(article_html("en-muscat"))
    assert "robots.txt could not be read" in _reason(fetcher, site.url("/a"))


def test_the_per_host_delay_and_crawl_delay_are_waited(site: Site) -> None:
    """A fake clock that stands still: every wait the fetcher asks for is the whole delay."""
    waits: list[float] = []
    site.routes["/a"] = Route(article_html("en-muscat"))
    with Fetcher(allow_private=True, limits=Limits(host_delay=2.5), clock=lambda: 100.0,
                 sleep=waits.append) as f:
        f.get(site.url("/a"))
        f.get(site.url("/a"))
    assert waits == [2.5, 2.5]  # before the page (after robots.txt), and before the second page
    site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    waits.clear()
    with Fetcher(allow_private=True, limits=Limits(host_delay=1, max_crawl_delay=5), clock=lambda: 0.0,
                 sleep=waits.append) as f:
        f.get(site.url("/a"))
    assert waits == [5]  # the site's Crawl-delay, up to the bound


@pytest.mark.parametrize(("value", "delay"), [("", 1.0), ("0", 0.0), ("2.5", 2.5), ("-3", 0.0), ("999", 60.0),
                                              ("nan", 1.0), ("soon", 1.0)])
def test_the_fetch_delay_comes_from_the_environment(value: str, delay: float) -> None:
    assert limits_from_env({"PARLEY_FETCH_DELAY": value}).host_delay == delay
