"""Read input files into RawDocuments: .txt, .html/.htm, .json and .jsonl.

Two ways in, for two kinds of caller:

* ``read_bytes_with_rejects(name, data) -> ReadResult`` (and ``read_path(path)``) never
  raise for bad input: a whole-file problem (empty, too large, binary, undecodable,
  unsupported type) gives one reject; in .json lists and .jsonl files each bad record is
  rejected by itself (origin ``name#N``) and the others are kept. Batch ingest uses these.
* ``read_bytes(name, data) -> list[RawDocument]`` is strict: it raises the first reject as
  a ``LoadError`` (uploads of one file, tests).

A reject is a ``LoadError``: ``.origin`` names the file (or ``file#N``) and ``.reason`` is
one line. Origins: the name given (for ``read_path`` the path as a string); for a .jsonl
file ``name#N`` with N the 1-based line number; for a .json list ``name#N`` with N the
1-based position in the list; a single .json object keeps ``name``.

Text encodings are detected, not assumed: a BOM first (UTF-8, UTF-16 LE/BE), then strict
UTF-8, then Windows-1256 or charset-normalizer's guess, accepted only when the non-ASCII
characters decode to Arabic script (or are a stray few in otherwise ASCII text), then
UTF-8 with a rare broken byte (at most 1 in 1000 characters, shown as U+FFFD).
Newlines become ``\\n``.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from parley.errors import LoadError
from parley.records import RawDocument
from parley.text.script import is_arabic_script

# Largest file read: 5 MB. A news article is a few KB of text; anything bigger is an export
# dump or a wrong file, and reading it whole would stall an upload.
MAX_BYTES = 5 * 1024 * 1024

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl")
_OPTIONAL_FIELDS = ("title", "url", "outlet", "published")
_MAGIC = ((b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"),
          (b"GIF8", "GIF"), (b"\x1f\x8b", "gzip"))
_MAX_BROKEN = 0.001  # UTF-8 with at most one broken byte per 1000 characters is still read
_CONTROL_SHARE = 0.10  # more control characters than this share of the text: binary
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@dataclass
class ReadResult:
    """Documents read from one input, and the rejects (LoadError: origin + reason) beside them."""

    docs: list[RawDocument] = field(default_factory=list)
    rejects: list[LoadError] = field(default_factory=list)


# --- decoding ---------------------------------------------------------------------------

def _plausible(text: str) -> bool:
    """A legacy-decoded text is plausible if its non-ASCII chars are Arabic script (or very few)."""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return True
    arabic = sum(1 for ch in high if is_arabic_script(ch) or ch in "\u200c\u200d\u200e\u200f\u00a0")
    if arabic / len(high) >= 0.9:
        return True
    return len(high) / max(len(text), 1) <= 0.02  # ASCII text with a few stray bytes


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def decode(origin: str, data: bytes, declared: str | None = None) -> str:
    """Bytes to text by BOM, strict UTF-8, a declared charset, Windows-1256 or charset-normalizer."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(origin, data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(origin, data, "utf-16")
    else:
        for magic, kind in _MAGIC:
            if data.startswith(magic):
                raise LoadError(origin, f"binary file ({kind}), not text")
        if b"\x00" in data:
            raise LoadError(origin, "binary file (contains NUL bytes), not text")
        text = _legacy(origin, data, declared)
    text = text.lstrip("\ufeff")
    if _control_share(text) > _CONTROL_SHARE:
        raise LoadError(origin, "binary file (mostly control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(origin: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(origin, f"undecodable: invalid {encoding} at byte {exc.start}") from exc


def _legacy(origin: str, data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [declared] if declared else []
    candidates.append("cp1256")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text
    text = data.decode("utf-8", errors="replace")  # UTF-8 with a rare broken byte: keep it
    if text.count("\ufffd") <= len(text) * _MAX_BROKEN:
        return text
    raise LoadError(origin, "undecodable: not UTF-8, UTF-16 or Windows-1256 text")


# --- formats ----------------------------------------------------------------------------

def _doc_from_record(origin: str, record: Any) -> RawDocument:
    if not isinstance(record, dict):
        raise LoadError(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(origin, "JSON record has no 'text' (a non-empty string is required)")
    extra: dict[str, str | None] = {}
    for key in _OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise LoadError(origin, f"JSON field '{key}' must be a string")
        extra[key] = (value.strip() or None) if isinstance(value, str) else None
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(origin=origin, raw=raw, title=extra["title"], url=extra["url"],
                       outlet=extra["outlet"], published=extra["published"])


def _read_json(name: str, text: str, out: ReadResult) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(name, f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, list):
        if not data:
            raise LoadError(name, "empty JSON list")
        for i, record in enumerate(data, start=1):
            try:
                out.docs.append(_doc_from_record(f"{name}#{i}", record))
            except LoadError as err:
                out.rejects.append(err)
    else:
        out.docs.append(_doc_from_record(name, data))


def _read_jsonl(name: str, text: str, out: ReadResult) -> None:
    seen = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        origin = f"{name}#{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.rejects.append(LoadError(origin, f"not valid JSON: {exc.msg}"))
            continue
        try:
            out.docs.append(_doc_from_record(origin, record))
        except LoadError as err:
            out.rejects.append(err)
    if not seen:
        raise LoadError(name, "empty file")


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


def _html_trafilatura(html: str) -> tuple[str, dict[str, str | None]] | None:
    """Main text and metadata by trafilatura (offline); None if it is unusable here."""
    trafilatura = _trafilatura()
    if trafilatura is None:
        return None
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return None
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    body = data.get("text") or ""
    if not isinstance(body, str) or not body.strip():
        return None
    meta = {k: data.get(k) if isinstance(data.get(k), str) else None for k in ("title", "url")}
    meta["published"] = data.get("date") if isinstance(data.get("date"), str) else None
    return body, meta


def _read_html(name: str, data: bytes, out: ReadResult) -> None:
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace") if m else None
    html = decode(name, data, declared)
    got = _html_trafilatura(html) or _html_stdlib(html)
    body, meta = got
    if not body.strip():
        raise LoadError(name, "HTML page has no main text")
    out.docs.append(RawDocument(origin=name, raw=body.replace("\r\n", "\n"), title=meta.get("title"),
                                url=meta.get("url"), published=meta.get("published")))


# --- entry points -----------------------------------------------------------------------

def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _read_into(name: str, data: bytes, out: ReadResult) -> None:
    ext = _suffix(name)
    if ext not in SUPPORTED_EXTENSIONS:
        raise LoadError(name, f"unsupported file type '{ext or '(none)'}' "
                              f"(use {', '.join(SUPPORTED_EXTENSIONS)})")
    if len(data) > MAX_BYTES:
        raise LoadError(name, f"larger than {MAX_BYTES} bytes ({len(data)} bytes)")
    if not data.strip():
        raise LoadError(name, "empty file")
    if ext in (".html", ".htm"):
        _read_html(name, data, out)
        return
    text = decode(name, data)
    if not text.strip():
        raise LoadError(name, "empty file")
    if ext == ".txt":
        out.docs.append(RawDocument(origin=name, raw=text))
    elif ext == ".json":
        _read_json(name, text, out)
    else:
        _read_jsonl(name, text, out)


def read_bytes_with_rejects(name: str, data: bytes) -> ReadResult:
    """Read one input leniently: documents plus rejects (whole-file or per-record); never raises."""
    out = ReadResult()
    try:
        _read_into(name, data, out)
    except LoadError as err:
        out.rejects.append(err)
    return out


def read_bytes(name: str, data: bytes) -> list[RawDocument]:
    """Read one input strictly: its documents, or the first reject raised as LoadError."""
    out = read_bytes_with_rejects(name, data)
    if out.rejects:
        raise out.rejects[0]
    return out.docs


def read_path(path: Path) -> ReadResult:
    """Read a file leniently (see read_bytes_with_rejects); origin is the path as given."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and _suffix(name) in SUPPORTED_EXTENSIONS:
            return ReadResult(rejects=[LoadError(name, f"larger than {MAX_BYTES} bytes ({size} bytes)")])
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(rejects=[LoadError(name, f"cannot read: {exc.strerror or exc}")])
    return read_bytes_with_rejects(name, data)


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: files as given; folders recursively (supported types, sorted, no hidden)."""
    for path in paths:
        if path.is_dir():
            found = [
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            yield from sorted(found)
        else:
            yield path
