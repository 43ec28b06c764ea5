"""Strip site chrome from an article's text and count a pasted-twice body once.

Chrome is recognised by line shape and by the phrases in data/gazetteer/boilerplate.yaml,
matched on the normalised text, so "عاجـــــل" (tatweel) is "عاجل". Removed: date/time
header lines ("الاثنين: 02 فبراير 2026", "• 22:00"), breaking-news banners, 'recent' and
'you may also like' lines, app-store / share footers, disclaimers, lines of punctuation
only (a lone '*'), a labelled ISO date at the start of a line, a headline repeated several
times, and a body pasted twice. Runs of blank lines become one. The raw text is stored
elsewhere; the date finder reads the raw text, so header dates may go here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick
import numpy as np

from parley.datafiles import data_error, gazetteer_path, load_yaml
from parley.errors import GazetteerError
from parley.text.normalize import keeps_lines, normalize, normalize_text

_FILE = "boilerplate.yaml"
_LANGS = ("en", "ar", "fa")
_CATEGORIES = ("lines", "banners", "contains", "link_tokens", "date_words", "date_labels",
               "breadcrumb_roots")

_NON_WORD = re.compile(r"[\W_]+")
_TOKENS = re.compile(r"[^\W\d_]+|\d+")
_PREFIX_CHARS = 120  # a date label or banner prefix sits in a line's first characters
_HINT_CHARS = 40  # ... its ISO date or its separator within the first 40
# Either holds a separator (an ISO date has its '-'), so that one character class is the test.
_PREFIX_HINT = re.compile(r"[:|\-\u2013\u2014]")
_MAX_DATE_LINE = 80  # a date/time header line is short
_CRUMB_SEP = re.compile(r"\s*[|>›»/\\]+\s*")
_CRUMB_MARK = re.compile(r"[|>›»/\\]")  # is there a separator: a class the regex engine skips to
_MAX_CRUMB_LINE = 160  # a breadcrumb trail is one short line ...
_MAX_CRUMB_WORDS = 4  # ... of short steps
_MIN_CONTAINED = 40  # a block this long (normalised chars) already in earlier text is a repeat
_MIN_PARENT = 200  # an earlier block this long may be the later paragraphs run together
_PARENT_COVER = 0.9  # ... when later blocks found inside it cover this share of it
_PROBE = 200  # chars of a block's start looked for in the long blocks (then the whole block is compared)
_MAX_PAIRWISE = 3000  # blocks; above this the run-together check is skipped (as it always was)
_MAX_SCANNED = 50_000  # chars of kept text searched for repeats (a long article); beyond, exact repeats


def lowers_alone(text: str) -> bool:
    """True if ``text.lower()`` lower-cases each character on its own, keeping the length:
    str.lower depends on context or changes length only for Σ (final sigma) and İ (dotted I)."""
    return "\u03a3" not in text and "\u0130" not in text


@lru_cache(maxsize=1)
def _word_chars() -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
    """Per Basic Multilingual Plane code point: a word character (regex \\w) other than '_'."""
    return np.array([chr(cp).isalnum() for cp in range(0x10000)], dtype=np.bool_)


def _words_spaced(text: str) -> str:
    """``text`` with every character _NON_WORD matches but the newline turned into one space
    (same length, same lines)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    word = _word_chars()[np.minimum(codes, 0xFFFF)]
    for i in np.flatnonzero(codes > 0xFFFF).tolist():  # emoji and the like: rare
        word[i] = chr(int(codes[i])).isalnum()
    word |= codes == 10
    return np.where(word, codes, np.uint32(32)).astype(np.uint32).tobytes().decode("utf-32-le")


def _key(text: str) -> str:
    """Matching key: normalised, lower-case, punctuation/symbols to spaces, spaces collapsed."""
    return _normalized_key(normalize_text(text))


def _normalized_key(norm: str) -> str:
    """``_key`` of a text whose normalised copy is ``norm``."""
    return " ".join(_NON_WORD.sub(" ", norm.lower()).split())


@dataclass(frozen=True)
class Boilerplate:
    """The chrome phrases, as normalised keys, ready to match lines."""

    lines: frozenset[str]
    contains: tuple[str, ...]
    link_tokens: re.Pattern[str]
    date_words: frozenset[str]
    prefix: re.Pattern[str]  # a date label + ISO date, or a banner + separator, at line start
    crumb_roots: frozenset[str]  # keys of the first step of a breadcrumb trail ("home", "الرئيسية")


def _phrases(data: dict[str, Any], category: str) -> list[str]:
    entry = data.get(category)
    if not isinstance(entry, dict):
        raise data_error(_FILE, category, "expected a mapping keyed by en/ar/fa")
    out: list[str] = []
    for lang, items in entry.items():
        if lang not in _LANGS:
            raise data_error(_FILE, f"{category}.{lang}", f"unknown language (use {', '.join(_LANGS)})")
        if not isinstance(items, list):
            raise data_error(_FILE, f"{category}.{lang}", "expected a list of phrases")
        for i, item in enumerate(items):
            if not isinstance(item, str) or not _key(item):
                raise data_error(_FILE, f"{category}.{lang}[{i}]", f"{item!r} is not a non-empty phrase")
            out.append(item)
    return out


def _alternation(keys: list[str]) -> str:
    keys = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


@lru_cache(maxsize=4)
def _boilerplate(path: str, mtime: float) -> Boilerplate:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise data_error(_FILE, None, "top level must be a mapping of categories")
    unknown = sorted(set(data) - set(_CATEGORIES))
    if unknown:
        raise data_error(_FILE, unknown[0], f"unknown category (use {', '.join(_CATEGORIES)})")
    cats = {c: _phrases(data, c) for c in _CATEGORIES}
    tokens = sorted({_key(t).replace(" ", "") for t in cats["link_tokens"]}, key=len, reverse=True)
    labels = _alternation([normalize_text(x).lower() for x in cats["date_labels"]])
    banners = _alternation([normalize_text(x).lower() for x in cats["banners"]])
    prefix = re.compile(
        rf"^\s*(?:(?:{labels})\s*[:\-]?\s*\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
        rf"|(?:{banners})\s*[:|\-\u2013\u2014]+)\s+",
        re.IGNORECASE,
    )
    return Boilerplate(
        lines=frozenset(_key(x) for x in cats["lines"] + cats["banners"]),
        contains=tuple(f" {_key(x)} " for x in cats["contains"]),
        link_tokens=re.compile(rf"(?:{'|'.join(re.escape(t) for t in tokens)})+"),
        date_words=frozenset(w for x in cats["date_words"] for w in _key(x).split()),
        prefix=prefix,
        crumb_roots=frozenset(_key(x) for x in cats["breadcrumb_roots"]),
    )


def load_boilerplate() -> Boilerplate:
    """Read and validate boilerplate.yaml; raises GazetteerError naming the file and entry."""
    path = gazetteer_path(_FILE)
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise GazetteerError(f"{path}: file not found") from exc
    return _boilerplate(str(path), mtime)


def _strip_prefix(line: str, bp: Boilerplate) -> str:
    """Cut a leading date label ("date 2026-02-04 ") or banner ("عاجل | ") off ``line``."""
    if not _PREFIX_HINT.search(line, 0, _HINT_CHARS):  # cheap test first: most lines have none
        return line
    head = line[:_PREFIX_CHARS]
    if bp.prefix.match(normalize_text(head)) is None:
        return line
    norm = normalize(head)
    m = bp.prefix.match(norm.text)
    if m is None or m.end() >= len(norm.text):
        return line
    return line[norm.offset(m.end()):]


def _date_token(token: re.Match[str] | None, bp: Boilerplate) -> bool:
    """True if ``token`` is a number or a date word (a date/time header line has only these)."""
    return token is not None and (token.group().isdigit() or token.group() in bp.date_words)


def _is_breadcrumb(line: str, bp: Boilerplate) -> bool:
    """A short trail of short steps that starts at the site's home: "Home > World > Middle East",
    "الرئيسية | أخبار | سياسة". A headline with a separator ("Iran | US talks ...") does not
    start at a home word, and a sentence has longer steps."""
    if len(line) > _MAX_CRUMB_LINE or _CRUMB_MARK.search(line) is None:
        return False
    steps = [_key(s) for s in _CRUMB_SEP.split(line)]
    return (len(steps) >= 2 and steps[0] in bp.crumb_roots
            and all(0 < len(s.split()) <= _MAX_CRUMB_WORDS for s in steps))


def _is_chrome(key: str, bp: Boilerplate, contains: tuple[str, ...]) -> bool:
    """True if the line whose key is ``key`` is chrome. ``contains``: the bp.contains phrases
    worth testing (those present anywhere in the article)."""
    if not key or key in bp.lines:
        return True
    if bp.link_tokens.fullmatch(key.replace(" ", "")):
        return True
    if len(key) <= _MAX_DATE_LINE and _date_token(_TOKENS.search(key), bp):  # cheap test: the first token
        tokens = _TOKENS.findall(key)
        if tokens and all(t.isdigit() or t in bp.date_words for t in tokens):
            return True
    if not contains:
        return False
    padded = f" {key} "
    return any(p in padded for p in contains)


def _run_together(keys: list[str]) -> set[int]:
    """The blocks (by index) that are (mostly) later blocks run together: the paragraphed copy
    is kept. A block of at least _MIN_PARENT is one when the later blocks found inside it (each
    of at least _MIN_CONTAINED and shorter than it, counted once per occurrence as a block)
    cover _PARENT_COVER of it.

    One automaton of the blocks' first _PROBE characters finds where a block may start inside a
    long block, and only there is the whole block compared; testing every later block against
    every long block grew as the square of the article."""
    where: dict[str, list[int]] = {}  # block key -> the indices holding it, in order
    for n, key in enumerate(keys):
        if len(key) >= _MIN_CONTAINED:
            where.setdefault(key, []).append(n)
    parents = [n for n, key in enumerate(keys) if len(key) >= _MIN_PARENT]
    if not parents:
        return set()
    by_probe: dict[str, list[str]] = {}
    for key in where:
        by_probe.setdefault(key[:_PROBE], []).append(key)
    automaton = ahocorasick.Automaton()
    for probe in by_probe:
        automaton.add_word(probe, probe)
    automaton.make_automaton()
    out: set[int] = set()
    for n in parents:
        parent = keys[n]
        size = len(parent)
        inside: set[str] = set()
        for last, probe in automaton.iter(parent):
            start = last - len(probe) + 1
            inside.update(child for child in by_probe[probe] if len(child) < size and child not in inside
                          and parent.startswith(child, start))
        covered = sum((len(child) + 1) * (len(where[child]) - bisect.bisect_right(where[child], n))
                      for child in inside)
        if covered >= _PARENT_COVER * size:
            out.add(n)
    return out


def _drop_repeats(lines: list[str | None], line_keys: list[str]) -> list[str | None]:
    """Blank out later blocks already contained in earlier kept text (repeated headline, body)."""
    idx = [i for i, ln in enumerate(lines) if ln]
    keys = [line_keys[i] for i in idx]
    out = list(lines)
    if len(keys) <= _MAX_PAIRWISE:
        for n in _run_together(keys):
            out[idx[n]] = None
    seen: set[str] = set()
    kept_text = ""
    for n, i in enumerate(idx):
        if out[i] is None:
            continue
        key = keys[n]
        repeat = key in seen and (len(key) >= 20 or key.count(" ") >= 2)
        contained = len(key) >= _MIN_CONTAINED and len(kept_text) <= _MAX_SCANNED and key in kept_text
        if repeat or contained:
            out[i] = None
            continue
        seen.add(key)
        if len(kept_text) <= _MAX_SCANNED:
            kept_text += " " + key
    return out


def _line_keys(nt: str) -> list[str]:
    """The key of every line of the normalised text ``nt`` at once (``_normalized_key`` of each
    line): lower-case the whole text, turn non-word characters into spaces and read off each
    line's words. Needs lower-casing per character (see lowers_alone)."""
    return [" ".join(s.split()) for s in _words_spaced(nt.lower()).split("\n")]


def clean_with_key(raw: str) -> tuple[str, str]:
    """The clean text and its body key (see body_key), computed in one pass."""
    bp = load_boilerplate()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # Normalise the whole text once (normalisation is per character, so a line's normalised
    # copy is a slice of it). When normalising keeps the lines (it does for the shipped
    # letters.yaml), line i of the normalised text is line i of the text, and all the keys
    # come at once; else (and for a line that loses a prefix) a line is keyed from its slice.
    norm = normalize(text)
    nt = norm.text
    line_keys = _line_keys(nt) if lowers_alone(nt) and keeps_lines() else None
    # A line's key is a run of the whole text's key, so a phrase no line can contain is one the
    # whole key lacks: test each line only against the phrases the article has at all.
    whole = " ".join(k for k in line_keys if k) if line_keys is not None else _normalized_key(nt)
    padded = f" {whole} "
    contains = tuple(p for p in bp.contains if p in padded)
    lines: list[str | None] = []  # "" = blank line, None = removed line
    keys: list[str] = []
    pos = 0
    for i, raw_line in enumerate(text.split("\n")):
        line = raw_line.strip()
        key = ""
        if line:
            cut = _strip_prefix(line, bp)
            if line_keys is not None and len(cut) == len(line):
                key = line_keys[i]
            else:  # the key of what is left of the line, from its span of the normalised text
                start = pos + len(raw_line) - len(raw_line.lstrip()) + len(line) - len(cut)
                line = cut.strip()
                start += len(cut) - len(cut.lstrip())
                key = _normalized_key(nt[norm.position(start):norm.position(start + len(line))])
        lines.append(None if line and (_is_chrome(key, bp, contains) or _is_breadcrumb(line, bp)) else line)
        keys.append(key)
        pos += len(raw_line) + 1
    out: list[str] = []
    body: list[str] = []
    for kept, key in zip(_drop_repeats(lines, keys), keys, strict=True):
        if kept is None:
            continue
        if kept == "" and (not out or out[-1] == ""):
            continue
        out.append(kept)
        if key:
            body.append(key)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out), " ".join(body)


def clean_text(raw: str) -> str:
    """The article body without site chrome: see the module docstring for what goes."""
    return clean_with_key(raw)[0]


def body_key(text: str) -> str:
    """A clean text's body as matched: lines normalised, punctuation dropped, spaces collapsed.

    Two copies of one article under different chrome (or punctuation, letter variants,
    tatweel) share it; its SHA-256 is the articles.body_hash column.
    """
    return " ".join(k for k in (_key(line) for line in text.split("\n")) if k)
