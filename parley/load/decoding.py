"""Bytes to text: encodings are detected, not assumed.

In order: a byte-order mark (UTF-8, UTF-16 LE/BE); strict UTF-8; the charset an HTML page
declares (``<meta charset>``, ``http-equiv``; ISO-8859-1 and ASCII read as Windows-1252, as
browsers do); UTF-8 with a rare broken byte (at most 1 in 1000 characters, shown as U+FFFD,
when the rest has real UTF-8 sequences); Windows-1256 when its non-ASCII characters are Arabic
script; then charset-normalizer's choice among Windows-1252, Windows-1256 and Latin-1 (French,
German or Spanish text in a legacy encoding is read, not refused). Bytes that are none of these
(noise, binary data) are rejected with a one-line reason; so are files of mostly control
characters. Newlines become ``\\n``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from parley.errors import LoadError
from parley.text.script import is_arabic_script

_MAGIC = ((b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"),
          (b"GIF8", "GIF"), (b"\x1f\x8b", "gzip"))
_MAX_BROKEN = 0.001  # UTF-8 with at most one broken byte per 1000 characters is still read
_CONTROL_SHARE = 0.10  # more control characters than this share of the text: binary
_LEGACY = ["cp1252", "cp1256", "latin_1"]  # what charset-normalizer may choose among
_LATIN_1_LABELS = frozenset({"iso8859-1", "ascii"})  # declared so, read as Windows-1252 (WHATWG)
_WORD = re.compile(r"\w+")
_MIXED_WORDS = 0.1  # at most this share of the non-ASCII words may mix in Latin letters
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def decode(origin: str, data: bytes, declared: str | None = None) -> str:
    """Bytes to text (see the module docstring); raises LoadError with a one-line reason."""
    if data.startswith(codecs.BOM_UTF8):
        text = _with_bom(origin, data[3:], "utf-8", "UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _with_bom(origin, data, "utf-16", "UTF-16")
    else:
        for magic, kind in _MAGIC:
            if data.startswith(magic):
                raise LoadError(origin, f"binary file ({kind}), not text")
        if b"\x00" in data:
            raise LoadError(origin, "binary file (contains NUL bytes), not text")
        text = _detect(origin, data, declared)
    text = text.lstrip("\ufeff")
    if _control_share(text) > _CONTROL_SHARE:
        raise LoadError(origin, "binary file (mostly control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _with_bom(origin: str, data: bytes, encoding: str, name: str) -> str:
    """Text after a byte-order mark; a rare broken sequence becomes U+FFFD."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") <= len(text) * _MAX_BROKEN:
        return text
    raise LoadError(origin, f"undecodable: it starts with a {name} byte-order mark but is not {name} text")


def declared_codec(label: str | None) -> str | None:
    """The Python codec for a charset label an HTML page declares, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # bytes without a byte-order mark are not UTF-16 (WHATWG)
        return None
    return "cp1252" if name in _LATIN_1_LABELS else name


def _detect(origin: str, data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = declared_codec(declared)
    if codec is not None:
        for enc in (codec, "latin_1") if codec == "cp1252" else (codec,):
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    # UTF-8 with a rare broken byte, among real UTF-8 sequences: keep it (with U+FFFD there)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= len(text) * _MAX_BROKEN and not text.replace("\ufffd", "").isascii():
        return text
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        pass
    else:
        if _arabic(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is not None:
        return str(best)
    raise LoadError(origin, "undecodable: not text in UTF-8, UTF-16, Windows-1252 (Latin-1) or Windows-1256")


def _arabic(text: str) -> bool:
    """Whether a Windows-1256 reading is Arabic text: its non-ASCII characters are Arabic script,
    in words of their own (German 'nächste' read so is 'nنchste', a Latin word with an Arabic
    letter inside)."""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return True
    arabic = sum(1 for ch in high if is_arabic_script(ch) or ch in "\u200c\u200d\u200e\u200f\u00a0")
    if arabic / len(high) < 0.9:
        return False
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    mixed = sum(1 for w in words if any(ch.isascii() and ch.isalpha() for ch in w))
    return mixed <= _MIXED_WORDS * len(words)


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a JSON escape such as \\ud800 with no pair; no
    character, and no UTF-8 for it) replaced by U+FFFD, and NUL characters dropped."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if unicodedata.category(ch) == "Cs" else ch for ch in text)
    return text
