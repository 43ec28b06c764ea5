"""Polite, bounded HTTP fetching for live sources (httpx, no Streamlit).

Every request of a ``Fetcher``:

- asks the site's robots.txt first (urllib.robotparser; fetched once per site through the same
  bounded client; a robots.txt that answers 4xx allows all, one that fails or answers 5xx
  refuses all, as RFC 9309 says);
- waits its turn per host (``Limits.host_delay``, or the site's Crawl-delay up to a bound);
- has connect and read timeouts, and a whole-request deadline that a slow drip cannot outlast;
- reads at most ``Limits.max_bytes`` of decoded body, counted while streaming, so a chunked
  body or a gzip/deflate bomb stops at the bound (the client asks for gzip and deflate only and
  decompresses itself, in bounded steps);
- follows redirects by hand, at most ``Limits.max_redirects``, and only to http(s);
- refuses hosts that resolve to private, loopback or link-local addresses, checked before the
  request and again on the connected peer (after every redirect too), unless allowed;
- sends If-None-Match / If-Modified-Since when given an ETag / Last-Modified (conditional GET).

Failures raise LoadError(url, reason) with a one-line reason.
"""

from __future__ import annotations

import math
import os
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from parley.errors import LoadError
from parley.sources.urls import check_host, check_url, is_allowed, parse_address, parse_networks

USER_AGENT = "Parley/0.1 (live sources; +robots.txt respected)"
ROBOTS_AGENT = "Parley"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


@dataclass(frozen=True)
class Limits:
    """The politeness and size bounds of a Fetcher (README "Live sources")."""

    connect_timeout: float = 5.0  # seconds to connect
    read_timeout: float = 15.0  # seconds of silence while reading
    total_timeout: float = 60.0  # seconds for one response, however it trickles
    max_bytes: int = 5 * 1024 * 1024  # decoded body bytes (the loaders' own file bound)
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to one host
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay is honoured up to this
    robots_max_bytes: int = 512 * 1024


@dataclass(frozen=True)
class Response:
    """A fetched resource: the URL asked for, the one that answered, and the decoded body."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET (no body)."""
        return self.status == 304


ENV_FETCH_DELAY = "PARLEY_FETCH_DELAY"


def limits_from_env(env: Mapping[str, str] | None = None) -> Limits:
    """The default limits, with the per-host delay from PARLEY_FETCH_DELAY (seconds, 0-60) if set."""
    raw = (os.environ if env is None else env).get(ENV_FETCH_DELAY, "").strip()
    try:
        delay = float(raw) if raw else Limits.host_delay
    except ValueError:
        delay = Limits.host_delay
    if not math.isfinite(delay):
        delay = Limits.host_delay
    return Limits(host_delay=min(max(delay, 0.0), 60.0))


def _media_type(header: str) -> tuple[str, str | None]:
    msg = Message()
    msg["content-type"] = header or "application/octet-stream"
    charset = msg.get_param("charset")
    return msg.get_content_type(), charset if isinstance(charset, str) and charset else None


class _Body:
    """The decoded body, bounded: raw chunks in, decoded bytes counted against the limit."""

    def __init__(self, url: str, encoding: str, limit: int) -> None:
        self.url, self.limit = url, limit
        self.out = bytearray()
        enc = encoding.strip().lower()
        self.inflate: Any = None
        self.deflate_raw_tried = enc != "deflate"
        if enc in ("gzip", "x-gzip"):
            self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.inflate = zlib.decompressobj(zlib.MAX_WBITS)
        elif enc not in ("", "identity"):
            raise LoadError(url, f"unsupported content encoding '{enc[:40]}'")

    def _take(self, data: bytes) -> None:
        self.out += data
        if len(self.out) > self.limit:
            raise LoadError(self.url, f"larger than {self.limit} bytes (stopped while reading)")

    def feed(self, chunk: bytes) -> None:
        if self.inflate is None:
            self._take(chunk)
            return
        try:
            data = chunk
            while data and not self.inflate.eof:
                room = self.limit - len(self.out) + 1  # one byte more than fits: enough to know
                self._take(self.inflate.decompress(data, room))
                data = self.inflate.unconsumed_tail
        except zlib.error as exc:
            if not self.deflate_raw_tried and not self.out:  # "deflate" sent without its zlib header
                self.deflate_raw_tried = True
                self.inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                self.feed(chunk)
                return
            raise LoadError(self.url, f"compressed body is corrupt ({exc})") from exc

    def done(self) -> bytes:
        if self.inflate is not None:
            try:
                self._take(self.inflate.flush(self.limit - len(self.out) + 1))
            except zlib.error as exc:
                raise LoadError(self.url, f"compressed body is corrupt ({exc})") from exc
        return bytes(self.out)


class Fetcher:
    """A bounded, polite HTTP client for one run (a CLI command, a poll). Use it in ``with``."""

    def __init__(self, *, allow_private: bool = False, allow_networks: Sequence[str] = (),
                 limits: Limits | None = None,
                 respect_robots: bool = True, user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.allow_private = allow_private
        self.networks = parse_networks(allow_networks)  # private networks allowed one by one
        self.limits = limits or Limits()
        self.respect_robots = respect_robots
        self.clock, self.sleep = clock, sleep
        self._last: dict[str, float] = {}  # host -> when its last request ended
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        lim = self.limits
        self._client = httpx.Client(
            timeout=httpx.Timeout(connect=lim.connect_timeout, read=lim.read_timeout,
                                  write=lim.read_timeout, pool=lim.connect_timeout),
            follow_redirects=False, trust_env=False,  # no proxies from the environment: peers are checked
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate", "Accept": _ACCEPT})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` within the limits; a 304 comes back as ``not_modified``; an HTTP error status,
        a refusal or a network failure raises LoadError(url, reason)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(check_url(url), headers, robots=self.respect_robots)

    def _follow(self, url: str, headers: dict[str, str], *, robots: bool,
                max_bytes: int | None = None) -> Response:
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            check_host(current, self.allow_private, self.networks)
            if robots:
                self._check_robots(url, current)
            resp, location = self._request(url, current, headers, max_bytes or self.limits.max_bytes)
            if location is None:
                if resp.status >= 400:
                    raise LoadError(url, f"HTTP {resp.status}" + (f" at {_short(current)}" if current != url
                                                                  else ""))
                return resp
            nxt = urljoin(current, location)
            scheme = urlsplit(nxt).scheme.lower()
            if scheme not in ("http", "https"):
                raise LoadError(url, f"redirect to {scheme or 'a bare path'}:// refused (http(s) only)")
            current = check_url(nxt)
        raise LoadError(url, f"more than {self.limits.max_redirects} redirects")

    def _wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            left = last + delay - self.clock()
            if left > 0:
                self.sleep(left)

    def _delay_for(self, url: str) -> float:
        delay = self.limits.host_delay
        rp = self._robots.get(_site(url))
        if rp is not None:
            crawl = rp.crawl_delay(ROBOTS_AGENT)
            if crawl is not None:
                delay = max(delay, min(float(crawl), self.limits.max_crawl_delay))
        return delay

    def _request(self, url: str, current: str, headers: dict[str, str],
                 max_bytes: int) -> tuple[Response, str | None]:
        """One request: (the response, the redirect location or None)."""
        host = (urlsplit(current).hostname or "").lower()
        self._wait(host, self._delay_for(current))
        deadline = self.clock() + self.limits.total_timeout
        try:
            with self._client.stream("GET", current, headers=headers) as r:
                self._check_peer(r, url)
                status = r.status_code
                if status in _REDIRECTS:
                    return Response(url, current, status), r.headers.get("location") or ""
                if status == 304 or status >= 400:
                    return Response(url, current, status, etag=r.headers.get("etag"),
                                    last_modified=r.headers.get("last-modified")), None
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise LoadError(url, f"larger than {max_bytes} bytes (Content-Length {declared})")
                body = _Body(url, r.headers.get("content-encoding", ""), max_bytes)
                for chunk in _chunks(r):
                    body.feed(chunk)
                    if self.clock() > deadline:
                        raise LoadError(url, f"timed out: no complete answer within "
                                             f"{self.limits.total_timeout:g} s")
                ctype, charset = _media_type(r.headers.get("content-type", ""))
                return Response(url, current, status, body.done(), ctype, charset, r.headers.get("etag"),
                                r.headers.get("last-modified")), None
        except httpx.TimeoutException as exc:
            lim = self.limits
            raise LoadError(url, f"timed out ({type(exc).__name__}: connect {lim.connect_timeout:g} s, "
                                 f"read {lim.read_timeout:g} s)") from exc
        except httpx.HTTPError as exc:
            raise LoadError(url, f"network error: {type(exc).__name__}: {_one_line(exc)}") from exc
        finally:
            self._last[host] = self.clock()

    def _check_peer(self, r: httpx.Response, url: str) -> None:
        """Refuse a connection that reached a private address (a DNS answer may change between the
        check before the request and the connection itself)."""
        if self.allow_private:
            return
        stream = r.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        address = parse_address(str(peer[0])) if isinstance(peer, tuple) and peer else None
        if address is None or not is_allowed(address, self.networks):
            raise LoadError(url, f"refused: connected to a private or unknown address ({address})")

    def _check_robots(self, url: str, current: str) -> None:
        site = _site(current)
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rp = self._robots[site]
        if rp is None:
            raise LoadError(url, f"refused: {site}/robots.txt could not be read (unreachable, or 5xx)")
        if not rp.can_fetch(ROBOTS_AGENT, current):
            raise LoadError(url, f"disallowed by robots.txt ({_short(current)})")

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's robots rules; allow-all for a 4xx, None (refuse all) when unreachable or 5xx."""
        rp = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            resp = self._follow(site + "/robots.txt", {}, robots=False,
                                max_bytes=self.limits.robots_max_bytes)
        except LoadError as exc:
            status = exc.reason.split()[1] if exc.reason.startswith("HTTP ") else ""
            if status.isdigit() and 400 <= int(status) < 500:
                rp.parse([])  # no robots.txt: everything is allowed
                return rp
            return None
        rp.parse(resp.body.decode("utf-8", "replace").splitlines())
        return rp


def _chunks(r: httpx.Response) -> Iterator[bytes]:
    yield from r.iter_raw()


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""
