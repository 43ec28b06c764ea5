"""Phrase matching on normalised text: one Aho-Corasick automaton per phrase set.

Every gazetteer form (actor names and aliases, role titles, place names) goes into one
automaton built once per gazetteer, so matching costs grow with the text, not with the
number of aliases. Boundaries: a match ends at a non-letter (or, for stems written with a
trailing ``*``, at the end of the word) and starts at a word start, after a quotation mark,
or after an Arabic clitic prefix from ``clitics.yaml`` (و ف ب ل ك ال and combinations).
Overlapping matches keep the longest. ``Doc`` holds an article's normalised text with its
sentences and tokens, shared by the extraction stages.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from parley.datafiles import data_error, load_yaml
from parley.extract.gazetteer import Gazetteer
from parley.extract.sentences import split_sentences
from parley.records import Article
from parley.text.normalize import Normalized, normalize, normalize_text
from parley.text.script import is_arabic_script

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
COMMAS = ",\u060c"  # Latin and Arabic commas


@dataclass(frozen=True)
class Clitics:
    """Arabic clitic prefixes (normalised) and the quote marks a clitic may precede."""

    prefixes: frozenset[str]
    lam_contraction: frozenset[str]
    quote_marks: frozenset[str]
    longest: int
    article: str = ""
    dative: frozenset[str] = frozenset()
    locative: frozenset[str] = frozenset()
    dative_words: frozenset[str] = frozenset()
    conjunction: frozenset[str] = frozenset()
    whole: frozenset[str] = frozenset()  # words whose first letters are no clitic (بحث is no ب + حث)

    def bare(self, prefix: str) -> str:
        """The prefix without the definite article."""
        return prefix.replace(self.article, "") if self.article else prefix

    def is_dative(self, prefix: str) -> bool:
        """The prefix holds 'to/for' (an addressee or a destination)."""
        return any(d in self.bare(prefix) for d in self.dative)

    def is_locative(self, prefix: str) -> bool:
        """The prefix holds 'in/at'."""
        return any(d in self.bare(prefix) for d in self.locative)

    def is_conjunction(self, prefix: str) -> bool:
        """The prefix is only 'and' (or nothing)."""
        return prefix == "" or prefix in self.conjunction

    def definite(self, word: str) -> bool:
        """The word starts with the definite article."""
        return bool(self.article) and word.startswith(self.article)

    def dative_word(self, word: str) -> bool:
        """The word carries a 'to/for' prefix ('لشبكة') rather than the article."""
        if word.lower() in self.dative_words:  # 'to'
            return True
        return any(word.startswith(d) for d in self.dative) and not self.definite(word)


@lru_cache(maxsize=4)
def _load_clitics(override: str) -> Clitics:
    data = load_yaml("clitics.yaml")
    if not isinstance(data, dict):
        raise data_error("clitics.yaml", None, "must be a mapping")
    pre = data.get("prefixes")
    if not isinstance(pre, dict) or not isinstance(pre.get("ar"), list):
        raise data_error("clitics.yaml", "prefixes", "needs an 'ar' list")
    for key in ("lam_contraction", "quote_marks"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) for x in data[key]):
            raise data_error("clitics.yaml", key, "must be a list of strings")
    for key in ("article", "dative", "locative", "conjunction"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) and x for x in data[key]):
            raise data_error("clitics.yaml", key, "must be a list of letters")
    prefixes = frozenset(normalize_text(str(p)) for p in pre["ar"])
    if any(not p or " " in p for p in prefixes):
        raise data_error("clitics.yaml", "prefixes", "empty or spaced prefix")
    return Clitics(
        prefixes=prefixes,
        lam_contraction=frozenset(normalize_text(str(p)) for p in data["lam_contraction"]),
        quote_marks=frozenset(str(q) for q in data["quote_marks"]),
        longest=max(len(p) for p in prefixes),
        article=normalize_text(str(data["article"][0])),
        dative=frozenset(normalize_text(str(x)) for x in data["dative"]),
        locative=frozenset(normalize_text(str(x)) for x in data["locative"]),
        dative_words=frozenset(str(x).lower() for x in data.get("dative_words") or []),
        conjunction=frozenset(normalize_text(str(x)) for x in data["conjunction"]),
        whole=frozenset(normalize_text(str(x)) for x in data.get("whole_words") or []),
    )


def clitics() -> Clitics:
    """The clitic table of the current gazetteer folder."""
    # keyed on the override variable: cheaper than building the folder path on every call
    return _load_clitics(os.environ.get("PARLEY_GAZETTEER_DIR", ""))


@dataclass(frozen=True)
class Payload:
    """What a phrase stands for: label (actor/role/place or a cue class), id, language."""

    label: str
    ident: str
    lang: str
    form: str  # the phrase as written in the data file
    stem: bool = False  # written with a trailing * (may take suffixes)
    exact_case: bool = False  # an all-capitals English acronym (US, AP): match case-sensitively
    lam: bool = False  # the 'ال' form matched after a lam prefix (للبيت الأبيض)


@dataclass(unsafe_hash=True, slots=True)
class Match:
    """One matched phrase in the normalised text, with every payload its key carries. Treated
    as immutable (hashed by value); not frozen only because a frozen dataclass is built
    several times slower, and an article makes hundreds of matches."""

    start: int
    end: int
    prefix: str
    payloads: tuple[Payload, ...]
    labels: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = frozenset(p.label for p in self.payloads)

    def idents(self, label: str) -> list[str]:
        """Distinct ids of the payloads with ``label``, in data order."""
        out: list[str] = []
        for p in self.payloads:
            if p.label == label and p.ident not in out:
                out.append(p.ident)
        return out

    def has(self, label: str) -> bool:
        """True when some payload has ``label``."""
        return label in self.labels


def phrase_key(form: str) -> tuple[str, bool]:
    """The normalised key of a data phrase and whether it is a stem (trailing ``*``)."""
    stem = form.endswith("*")
    text = form[:-1] if stem else form
    return _SPACES.sub(" ", normalize_text(text).strip()), stem


class PhraseMatcher:
    """An Aho-Corasick automaton over normalised phrases with clitic-aware word boundaries."""

    def __init__(self, entries: Iterable[tuple[str, str, str, str]], *,
                 clitic_langs: Sequence[str] | None = None) -> None:
        """Build from (form, label, ident, lang) rows; forms are normalised here.

        ``clitic_langs``: only phrases of these languages may follow a clitic prefix (cue
        words: Persian 'برای' is not Arabic 'ب' + 'رأى'); None allows every language.
        """
        table: dict[str, list[Payload]] = {}
        self.clitic_langs = frozenset(clitic_langs) if clitic_langs is not None else None
        self.clitics = clitics()
        for form, label, ident, lang in entries:
            key, stem = phrase_key(form)
            if not key:
                continue
            raw = form.rstrip("*").strip()
            exact = lang == "en" and raw.replace(".", "").isupper() and len(raw.replace(".", "")) <= 4
            table.setdefault(key, []).append(Payload(label, ident, lang, raw, stem, exact))
            if self.clitics.definite(key) and len(key) > 3:
                # للبيت الأبيض: the alef of ال drops after the preposition ل.
                table.setdefault(key[1:], []).append(Payload(label, ident, lang, raw, stem, exact, lam=True))
        self.size = len(table)
        self._auto = ahocorasick.Automaton()
        for key, payloads in table.items():
            stem = any(p.stem for p in payloads)
            special = any(p.lam or p.exact_case for p in payloads)
            labels = frozenset(p.label for p in payloads)
            self._auto.add_word(key, (len(key), tuple(payloads), stem, special, labels))
        if table:
            self._auto.make_automaton()

    def _prefix(self, text: str, start: int) -> str | None:
        """The clitic attached before ``start`` ('' at a word start), or None if mid-word."""
        if start == 0 or not text[start - 1].isalnum():
            if start >= 2 and text[start - 1] in self.clitics.quote_marks and text[start - 2].isalnum():
                # لـ"أكسيوس": a clitic written before the quotation mark.
                ws = start - 1
                while ws > 0 and text[ws - 1].isalnum() and start - 1 - ws < self.clitics.longest:
                    ws -= 1
                pre = text[ws:start - 1]
                if (ws == 0 or not text[ws - 1].isalnum()) and pre in self.clitics.prefixes:
                    return pre
            return ""
        if not is_arabic_script(text[start]):
            return None
        ws = start
        while ws > 0 and text[ws - 1].isalnum():
            ws -= 1
            if start - ws > self.clitics.longest:
                return None
        pre = text[ws:start]
        if pre not in self.clitics.prefixes:
            return None
        if self.clitics.whole:
            we = start
            while we < len(text) and text[we].isalnum():
                we += 1
            if text[ws:we] in self.clitics.whole:
                return None
        return pre

    def find(self, norm: Normalized | str, *, longest: bool = True) -> list[Match]:
        """Matches in the normalised text, sorted by start; overlaps keep the longest."""
        text = norm.text if isinstance(norm, Normalized) else norm
        if self.size == 0:
            return []
        cands: list[Match] = []
        n = len(text)
        quote_marks = self.clitics.quote_marks
        for last, (length, payloads, stem_ok, special, labels) in self._auto.iter(text):
            start = last - length + 1
            end = last + 1
            word_end = end == n or not text[end].isalnum()
            if not word_end and not stem_ok:
                continue
            if not word_end:
                payloads = tuple(p for p in payloads if p.stem)
                labels = frozenset()
                while end < n and text[end].isalnum():
                    end += 1
            if start == 0:
                prefix: str | None = ""
            else:
                before = text[start - 1]
                # the common case inline: a word start, not after a quotation mark (see _prefix)
                inline = not before.isalnum() and before not in quote_marks
                prefix = "" if inline else self._prefix(text, start)
            if prefix is None:
                continue
            if not special and (not prefix or self.clitic_langs is None):
                cands.append(Match(start, end, prefix, payloads, labels))  # the common case
                continue
            keep = []
            for p in payloads:
                if p.lam and prefix not in self.clitics.lam_contraction:
                    continue
                if prefix and self.clitic_langs is not None and p.lang not in self.clitic_langs:
                    continue
                if p.exact_case and isinstance(norm, Normalized):
                    o0, o1 = norm.span(start, last + 1)
                    if norm.original[o0:o1] != p.form:
                        continue
                keep.append(p)
            if keep:
                cands.append(Match(start, end, prefix, tuple(keep)))
        if not longest:
            return sorted(cands, key=lambda m: (m.start, -m.end))
        cands.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = bytearray(n + 1)
        chosen: list[Match] = []
        for m in cands:
            if taken.find(1, m.start, m.end) != -1:
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


def gazetteer_entries(gaz: Gazetteer) -> list[tuple[str, str, str, str]]:
    """(form, label, id, lang) rows for every actor form, role title and place form."""
    rows: list[tuple[str, str, str, str]] = []
    for a in gaz.actors.values():
        rows += [(form, "actor", a.id, lang) for lang, form in a.surface_forms()]
    for r in gaz.roles.values():
        rows += [(t, "role", r.id, lang) for lang, ts in r.titles.items() for t in ts]
    for p in gaz.places.values():
        rows += [(form, "place", p.id, lang) for lang, form in p.surface_forms()]
    return rows


_GAZ_MATCHERS: dict[int, tuple[Gazetteer, PhraseMatcher]] = {}


def gazetteer_matcher(gaz: Gazetteer) -> PhraseMatcher:
    """The automaton over ``gaz``'s forms, built once per gazetteer object."""
    hit = _GAZ_MATCHERS.get(id(gaz))
    if hit is not None and hit[0] is gaz:
        return hit[1]
    matcher = PhraseMatcher(gazetteer_entries(gaz))
    if len(_GAZ_MATCHERS) > 8:
        _GAZ_MATCHERS.clear()
    _GAZ_MATCHERS[id(gaz)] = (gaz, matcher)
    return matcher


@dataclass
class Doc:
    """An article prepared for extraction: normalised text, sentences, tokens, segments."""

    article: Article
    norm: Normalized
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _tok_starts: list[int] = field(default_factory=list)
    _seg_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> Doc:
        """Normalise ``article.text`` and index its sentences, tokens and segments."""
        norm = normalize(article.text)
        doc = cls(article=article, norm=norm)
        doc.sentences = split_sentences(norm.text)
        doc.tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(norm.text)]
        doc._sent_starts = [s for s, _ in doc.sentences]
        doc._tok_starts = [s for s, _ in doc.tokens]
        # Segment starts as normalised positions: the first normalised char at or after each
        # segment's start. The offset map only grows, so a position lies in a segment exactly
        # when its original offset does, and a look-up needs no mapping back.
        doc._seg_starts = [norm.position(s.start) for s in article.segments]
        return doc

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.norm.text

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """A normalised span mapped to the article's clean text."""
        return self.norm.span(start, end)

    def orig_text(self, start: int, end: int) -> str:
        """The original characters under a normalised span."""
        o0, o1 = self.norm.span(start, end)
        return self.article.text[o0:o1]

    def segment_idx(self, start: int) -> int:
        """Index of the segment holding normalised position ``start`` (0 without segments)."""
        if not self._seg_starts:
            return 0
        i = bisect.bisect_right(self._seg_starts, start) - 1
        return self.article.segments[max(i, 0)].idx

    def lang_at(self, pos: int) -> str:
        """Language of the segment holding normalised position ``pos`` (the article's without segments)."""
        if not self._seg_starts:
            return self.article.lang
        i = bisect.bisect_right(self._seg_starts, pos) - 1
        return self.article.segments[max(i, 0)].lang

    def in_own_language(self, matches: list[Match]) -> list[Match]:
        """Cue matches kept only with the payloads of their segment's language: the letters of
        Persian 'کامل' (complete) fold to Arabic 'ك' + 'امل' (I hope), which is no cue in Persian."""
        out = []
        lang_at = self.lang_at
        for m in matches:
            lang = lang_at(m.start)
            if (lang != "ar" and lang != "fa") or all(p.lang == lang for p in m.payloads):
                out.append(m)
                continue
            kept = tuple(p for p in m.payloads if p.lang == lang)
            if kept:
                out.append(Match(m.start, m.end, m.prefix, kept))
        return out

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the nearest one before it)."""
        return max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)

    def token_index(self, pos: int) -> int:
        """Index of the token starting at or before ``pos``."""
        return bisect.bisect_right(self._tok_starts, pos) - 1

    def tokens_between(self, start: int, end: int) -> int:
        """How many tokens lie wholly inside [start, end)."""
        i = bisect.bisect_left(self._tok_starts, start)
        j = bisect.bisect_left(self._tok_starts, end)
        return max(j - i, 0)

    def words(self, start: int, end: int, most: int | None = None) -> list[tuple[int, int]]:
        """Token spans inside [start, end) (the first ``most`` of them, if given)."""
        i = bisect.bisect_left(self._tok_starts, start)
        stop = len(self.tokens) if most is None else min(len(self.tokens), i + max(most, 0))
        out = []
        while i < stop and self.tokens[i][1] <= end:
            out.append(self.tokens[i])
            i += 1
        return out

    def reach(self, pos: int, k: int) -> int:
        """The last position x with ``tokens_between(pos, x) <= k``: what lies at most k words
        after ``pos`` starts in [pos, reach(pos, k)] (past the last token: beyond the text)."""
        i = bisect.bisect_left(self._tok_starts, pos) + k
        return self._tok_starts[i] if i < len(self._tok_starts) else len(self.norm.text) + 1

    def reach_back(self, pos: int, k: int) -> int:
        """The first position x with ``tokens_between(x, pos) <= k``: what lies at most k words
        before ``pos`` ends in [reach_back(pos, k), pos]."""
        i = bisect.bisect_left(self._tok_starts, pos) - k - 1
        return self._tok_starts[i] + 1 if i >= 0 else 0


def gap_is(text: str, start: int, end: int, allowed: Sequence[str]) -> bool:
    """True when text[start:end] holds only whitespace and characters in ``allowed``."""
    return all(ch.isspace() or ch in allowed for ch in text[start:end])


_CLAUSE_PUNCT = ";\u061b:"  # \u061b: Arabic semicolon


def clause_span(doc: Doc, pos: int, breaks: Sequence[int]) -> tuple[int, int]:
    """The clause around ``pos``: its sentence cut at ; ؛ : and at clause-break words.

    ``breaks`` are the start positions of clause-break words ('بينما', 'while', 'اما'), sorted.
    """
    s0, s1 = doc.sentences[doc.sentence_of(pos)] if doc.sentences else (0, len(doc.text))
    lo, hi = s0, s1
    text = doc.text
    for ch in _CLAUSE_PUNCT:
        i = text.rfind(ch, s0, pos)
        if i != -1 and i + 1 > lo:
            lo = i + 1
        j = text.find(ch, pos, s1)
        if j != -1 and j < hi:
            hi = j
    i = bisect.bisect_right(breaks, pos)  # the nearest break at or before pos, and after it
    if i > 0 and breaks[i - 1] > lo:
        lo = breaks[i - 1]
    if i < len(breaks) and breaks[i] < hi:
        hi = breaks[i]
    return lo, hi
