"""A small news site on loopback for the live-sources tests: a real http.server in a thread.

Routes are set per test: a body with its status and headers, served plain, chunked or gzipped,
slowly, as a redirect, or conditionally (ETag / Last-Modified -> 304). Every request is logged
(path and headers) so a test can see what the client sent. Nothing here reaches the internet.

The articles are new short texts written for these tests (Arabic, Persian, English).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between body chunks of 64 bytes
    chunked: bool = False
    gzip: bool = False
    etag: str | None = None  # with If-None-Match equal to it: 304
    last_modified: str | None = None  # with If-Modified-Since equal to it: 304


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.server.site
        site.hits.append((self.path, dict(self.headers.items())))
        path = self.path.split("#", 1)[0]
        route = site.routes.get(path) or site.routes.get(path.split("?", 1)[0])  # the query may vary
        if route is None:
            route = Route(b"not found", status=404, content_type="text/plain")
        if route.delay:
            time.sleep(route.delay)
        if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = gzip.compress(route.body) if route.gzip else route.body
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        for k, v in route.headers.items():
            self.send_header(k, v)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if route.gzip:
            self.send_header("Content-Encoding", "gzip")
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._write(body, route)

    def _write(self, body: bytes, route: Route) -> None:
        step = 64 if route.drip else 64 * 1024
        for i in range(0, len(body), step):
            part = body[i:i + step]
            if route.chunked:
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            else:
                self.wfile.write(part)
            self.wfile.flush()
            if route.drip:
                time.sleep(route.drip)
        if route.chunked:
            self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (a timeout, a size limit) is expected here: stay quiet."""


class Site:
    """The server: ``with Site() as site: site.routes['/a'] = Route(...); site.url('/a')``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [p for p, _ in self.hits]

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()


# --- fixture articles (new texts) -------------------------------------------------------------

ARTICLES: dict[str, tuple[str, str, list[str]]] = {
    # key: (lang, title, paragraphs)
    "en-muscat": ("en", "Oman sets date for next round of US-Iran talks", [
        "Muscat, March 2, 2026 - Oman's foreign minister Badr Albusaidi said on Monday that the next "
        "round of indirect talks between Iran and the United States would be held in Muscat.",
        "Iranian Foreign Minister Abbas Araghchi is expected to lead his country's delegation, while "
        "US envoy Steve Witkoff will head the American team, according to two officials.",
        "Albusaidi said both sides had agreed to focus on the nuclear file and on sanctions relief.",
    ]),
    "ar-muscat": ("ar", "مسقط تستضيف جولة جديدة من المحادثات", [
        "قال وزير الخارجية العماني بدر البوسعيدي يوم الاثنين إن الجولة المقبلة من المحادثات غير المباشرة "
        "بين إيران والولايات المتحدة ستعقد في مسقط.",
        "وأضاف أن وزير الخارجية الإيراني عباس عراقجي والمبعوث الأمريكي ستيف ويتكوف سيحضران الجولة، "
        "وأن الطرفين اتفقا على التركيز على الملف النووي ورفع العقوبات.",
    ]),
    "fa-muscat": ("fa", "دور تازه گفت‌وگوها در مسقط", [
        "عباس عراقچی، وزیر امور خارجه ایران، روز دوشنبه گفت دور بعدی گفت‌وگوهای غیرمستقیم با آمریکا "
        "در مسقط برگزار می‌شود.",
        "به گفته او، بدر البوسعیدی وزیر خارجه عمان میانجی این گفت‌وگوها خواهد بود و موضوع اصلی، "
        "پرونده هسته‌ای و لغو تحریم‌ها است.",
    ]),
    "en-geneva": ("en", "European ministers urge restraint before Geneva meeting", [
        "European foreign ministers urged restraint on Tuesday ahead of a meeting in Geneva on the "
        "Iranian nuclear programme.",
        "The ministers said any agreement had to cover enrichment limits and inspections, and warned "
        "against new strikes while diplomacy continued.",
    ]),
    "en-doha": ("en", "Qatar offers to host technical talks", [
        "Qatar offered on Wednesday to host technical talks between Iranian and American experts in "
        "Doha, a spokesman for the Qatari foreign ministry said.",
        "The offer came as negotiators in Muscat sought to narrow their differences on sanctions.",
    ]),
}


def article_html(key: str, canonical: str | None = None, extra_head: str = "") -> bytes:
    """A news page for fixture article ``key``: navigation, the article, a footer."""
    lang, title, paragraphs = ARTICLES[key]
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>{link}{extra_head}</head><body>"
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{html.escape(title)}</h1>{body}</article>"
            f"<footer>© Loopback News</footer></body></html>")
    return page.encode("utf-8")


def rss(title: str, items: list[tuple[str, str, str | None]], lang: str = "en") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 822 date or None) items."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
             f"<title>{html.escape(title)}</title><link>http://example.invalid/</link>"
             f"<language>{lang}</language><description>fixture</description>"]
    for link, item_title, date in items:
        parts.append(f"<item><title>{html.escape(item_title)}</title><link>{html.escape(link)}</link>"
                     f"<guid>{html.escape(link)}</guid>"
                     + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def atom(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    """An Atom 1.0 feed of (link, title, RFC 3339 date or None) items."""
    parts = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
             f"<title>{html.escape(title)}</title><id>urn:fixture:{html.escape(title)}</id>"
             "<updated>2026-03-03T10:00:00Z</updated>"]
    for i, (link, item_title, date) in enumerate(items):
        parts.append(f'<entry><title>{html.escape(item_title)}</title><link href="{html.escape(link)}"/>'
                     f"<id>urn:fixture:item:{i}:{html.escape(link)}</id>"
                     + (f"<updated>{date}</updated>" if date else "") + "</entry>")
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")
