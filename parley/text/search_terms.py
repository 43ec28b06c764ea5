"""Words for full-text search: the same normalisation as matching, plus Arabic clitics.

The index and the query see text through ``normalize`` (letters.yaml: alef and hamza forms,
ی/ي, ک/ك, tatweel, diacritics, ZWNJ, Persian and Arabic-Indic digits), split into words of
letters and digits, lower-cased. Each word is stored in two forms (search_clitics.yaml):

- its *terms*: the word and every form left after an attached prefix (والولايات -> والولايات,
  الولايات, ولايات), so a query word without its clitic finds the word with it;
- its *stem*: the form left after the longest prefix (ولايات), one per word in order, so a
  phrase matches whatever clitics its words carry, on both sides alike.

Highlights are found here too, on the normalised copy, and mapped back to the original text
through ``Normalized.span``: the display text is never searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, load_yaml
from parley.text.normalize import Normalized, normalize, normalize_text

_FILE = "search_clitics.yaml"
_WORD = re.compile(r"[^\W_]+")
MAX_WORD_CHARS = 64  # longer runs (a URL slug, a hash) are not words anyone searches for


@dataclass(frozen=True)
class Clitics:
    """The prefixes of search_clitics.yaml, longest first, normalised."""

    prefixes: tuple[str, ...]
    lam_contraction: frozenset[str]
    article: str
    min_stem: int


@lru_cache(maxsize=1)
def clitics() -> Clitics:
    """Load and check search_clitics.yaml (a GazetteerError names the file and the entry)."""
    data = load_yaml(_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("prefixes"), dict):
        raise data_error(_FILE, None, "needs 'prefixes' keyed by language")
    forms: set[str] = set()
    for lang, items in data["prefixes"].items():
        if lang not in ("ar", "fa", "en") or not isinstance(items, list):
            raise data_error(_FILE, f"prefixes.{lang}", "a list under a language code ar, fa or en")
        for item in items:
            if not isinstance(item, str) or not item.strip() or normalize_text(item) != item:
                raise data_error(_FILE, f"prefixes.{lang}", f"{item!r} must be a normalised, non-empty form")
            forms.add(item)
    lam = data.get("lam_contraction", [])
    article = data.get("article", "")
    min_stem = data.get("min_stem", 2)
    if not isinstance(lam, list) or not all(isinstance(x, str) and x in forms for x in lam):
        raise data_error(_FILE, "lam_contraction", "a list of forms that are also prefixes")
    if not isinstance(article, str) or (lam and not article):
        raise data_error(_FILE, "article", "the definite article, needed by lam_contraction")
    if not isinstance(min_stem, int) or min_stem < 1:
        raise data_error(_FILE, "min_stem", "a positive number of letters")
    return Clitics(tuple(sorted(forms, key=lambda f: (-len(f), f))), frozenset(lam), article, min_stem)


def words(norm_text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of an already normalised text, lower-cased."""
    for m in _WORD.finditer(norm_text):
        if m.end() - m.start() <= MAX_WORD_CHARS:
            yield m.start(), m.end(), m.group().lower()


def query_words(text: str) -> list[str]:
    """The words of a user's query word or phrase, normalised like the index."""
    return [w for _s, _e, w in words(normalize_text(text))]


@lru_cache(maxsize=65536)
def variants(word: str) -> tuple[str, ...]:
    """The word and every form left after one attached prefix (at least min_stem letters)."""
    c = clitics()
    out = [word]
    for p in c.prefixes:
        if word.startswith(p) and len(word) - len(p) >= c.min_stem:
            rest = word[len(p):]
            out.append(rest)
            if p in c.lam_contraction:
                out.append(c.article + rest)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word after its longest attached prefix (the word itself when none fits)."""
    c = clitics()
    for p in c.prefixes:  # longest first
        if word.startswith(p) and len(word) - len(p) >= c.min_stem:
            return word[len(p):]
    return word


@dataclass(frozen=True)
class IndexDoc:
    """What the full-text index stores for one article: space-separated words."""

    stems: str  # one stem per word, in order (phrases)
    terms: str  # each word and its clitic-free forms (single words and prefixes)


# A word as found -> (stem, variants) of it lower-cased, as index_document needs them: one look-up
# per word, where lower-casing and the two caches above cost three calls (bounded: forgotten at once).
_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {}
_FORMS_SIZE = 100_000


def index_document(*texts: str | None) -> IndexDoc:
    """The index columns for an article's title and text (any number of texts, None skipped)."""
    stems: list[str] = []
    terms: list[str] = []
    if len(_FORMS) > _FORMS_SIZE:
        _FORMS.clear()
    for text in texts:
        if not text:
            continue
        for w in _WORD.findall(normalize(text).text):  # words() without the spans: runs per article
            forms = _FORMS.get(w)
            if forms is None:
                if len(w) > MAX_WORD_CHARS:
                    continue
                low = w.lower()
                forms = _FORMS[w] = (stem(low), variants(low))
            stems.append(forms[0])
            terms.extend(forms[1])
    return IndexDoc(" ".join(stems), " ".join(terms))


# --- highlights: where a parsed query matches, in original offsets ---------------------------

@dataclass(frozen=True)
class Leaf:
    """One searched item: a word (one entry in ``words``), a phrase (several), or a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


def match_spans(text: str, leaves: Sequence[Leaf], norm: Normalized | None = None) -> list[tuple[int, int]]:
    """The [start, end) spans of ``text`` (original offsets) where any leaf matches: whole words,
    found on the normalised copy and mapped back through its offset map; sorted, not overlapping."""
    norm = norm if norm is not None else normalize(text)
    toks = list(words(norm.text))
    singles = {lf.words[0] for lf in leaves if not lf.is_phrase and not lf.prefix}
    prefixes = tuple(lf.words[0] for lf in leaves if lf.prefix and not lf.is_phrase)
    phrases = [tuple(stem(w) for w in lf.words) for lf in leaves if lf.is_phrase]
    found: list[tuple[int, int]] = []
    stems = [stem(w) for _s, _e, w in toks] if phrases else []
    for i, (s, e, w) in enumerate(toks):
        forms = variants(w)
        if (singles and not singles.isdisjoint(forms)) or (prefixes and any(
                f.startswith(p) for f in forms for p in prefixes)):
            found.append((s, e))
        for ph in phrases:
            if tuple(stems[i:i + len(ph)]) == ph:
                found.append((s, toks[i + len(ph) - 1][1]))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return [norm.span(s, e) for s, e in merged]


@dataclass(frozen=True)
class Snippet:
    """A short piece of an article around a hit: its text, the highlights inside it (relative
    offsets), where it starts in the article, and the first highlight's article span."""

    text: str
    marks: tuple[tuple[int, int], ...]
    start: int
    hit: tuple[int, int] | None


def snippet(text: str, spans: Sequence[tuple[int, int]], bounds: tuple[int, int] | None = None,
            width: int = 240) -> Snippet:
    """The piece of ``text`` around the first span, inside ``bounds`` (its sentence) and at most
    about ``width`` characters, cut at spaces; the article's opening when nothing matched."""
    if not spans:
        end = _cut_after(text, min(len(text), width))
        return Snippet(text[:end].strip(), (), 0, None)
    first = spans[0]
    lo, hi = bounds if bounds else (0, len(text))
    lo, hi = min(lo, first[0]), max(hi, first[1])
    if hi - lo > width:
        room = max(width - (first[1] - first[0]), 0)
        lo = max(lo, first[0] - room // 3)
        hi = min(hi, max(first[1], lo + width))
        lo = _cut_before(text, lo, first[0])
        hi = _cut_after(text, hi, first[1])
    while lo < first[0] and text[lo].isspace():
        lo += 1
    while hi > first[1] and text[hi - 1].isspace():
        hi -= 1
    marks = tuple((max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo)
    return Snippet(text[lo:hi], marks, lo, first)


def _cut_before(text: str, pos: int, limit: int) -> int:
    """``pos`` moved forward to just after a space (not past ``limit``)."""
    if pos == 0:
        return 0
    space = text.find(" ", pos, limit)
    return space + 1 if space != -1 else pos


def _cut_after(text: str, pos: int, floor: int = 0) -> int:
    """``pos`` moved back to a space (not before ``floor``)."""
    if pos >= len(text):
        return len(text)
    space = text.rfind(" ", floor, pos)
    return space if space != -1 and space >= floor else pos
