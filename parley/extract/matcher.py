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

from parley.datafiles import data_error, load_yaml
from parley.extract.gazetteer import Gazetteer
from parley.extract.phrases import MARK, PhraseAutomaton
from parley.extract.phrases import Match as Match  # re-exported: the stages import it from here
from parley.extract.phrases import Payload as Payload
from parley.extract.sentences import split_sentences
from parley.records import Article
from parley.text.normalize import Normalized, normalize, normalize_text
from parley.text.script import is_arabic_script

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
COMMAS = ",\u060c"  # Latin and Arabic commas
_MEMO_CHARS = 80  # find keeps its results for strings up to this long (Match is immutable) ...
_MEMO_SIZE = 4096  # ... this many of them


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
    possessives: tuple[str, ...] = ()  # longest first: "'s" before "'"
    conjunction: frozenset[str] = frozenset()
    whole: frozenset[str] = frozenset()  # words whose first letters are no clitic (بحث is no ب + حث)
    ezafe_after: frozenset[str] = frozenset()  # Persian: final letters a written ezafe may follow
    ezafe: str = ""  # ... and the ezafe letter

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

    def possessive_at(self, text: str, pos: int) -> int:
        """The length of the English possessive mark at ``pos`` ("'s", "’"), else 0."""
        return next((len(m) for m in self.possessives if text.startswith(m, pos)), 0)

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
        possessives=tuple(sorted((str(x) for x in data.get("possessives") or []), key=len, reverse=True)),
        conjunction=frozenset(normalize_text(str(x)) for x in data["conjunction"]),
        whole=frozenset(normalize_text(str(x)) for x in data.get("whole_words") or []),
        ezafe_after=frozenset(normalize_text(str(x)) for x in (data.get("ezafe") or {}).get("after") or []),
        ezafe=normalize_text(str((data.get("ezafe") or {}).get("suffix") or "")),
    )


def clitics() -> Clitics:
    """The clitic table of the current gazetteer folder."""
    # keyed on the override variable: cheaper than building the folder path on every call
    return _load_clitics(os.environ.get("PARLEY_GAZETTEER_DIR", ""))


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
        self.table = table
        self._auto: PhraseAutomaton | None = None  # built on first use (PhraseSets has its own)
        self._memo: dict[tuple[str, bool], tuple[Match, ...]] = {}

    def _prefix(self, text: str, folded: str, start: int) -> str | None:
        """The clitic attached before ``start`` ('' at a word start), or None if mid-word.
        ``folded`` is phrases.fold(text) followed by MARK (word boundaries found in C)."""
        if start == 0 or folded[start - 1] == MARK:
            if start >= 2 and text[start - 1] in self.clitics.quote_marks and folded[start - 2] != MARK:
                # لـ"أكسيوس": a clitic written before the quotation mark.
                ws = folded.rfind(MARK, 0, start - 1) + 1
                pre = text[ws:start - 1]
                if start - 1 - ws <= self.clitics.longest and pre in self.clitics.prefixes:
                    return pre
            return ""
        # mid-word: a clitic prefix before an Arabic-script letter (the cheap tests first)
        ws = folded.rfind(MARK, 0, start) + 1  # the word's start
        if start - ws > self.clitics.longest:
            return None
        pre = text[ws:start]
        if pre not in self.clitics.prefixes or not is_arabic_script(text[start]):
            return None
        if self.clitics.whole and text[ws:folded.index(MARK, start)] in self.clitics.whole:
            return None
        return pre

    def find(self, norm: Normalized | str, *, longest: bool = True) -> list[Match]:
        """Matches in the normalised text, sorted by start; overlaps keep the longest."""
        if isinstance(norm, str) and len(norm) <= _MEMO_CHARS:  # a title's words, say: they repeat
            key = (norm, longest)
            hit = self._memo.get(key)
            if hit is None:
                if len(self._memo) >= _MEMO_SIZE:
                    self._memo.clear()
                hit = self._memo[key] = tuple(self._scan(norm, longest))
            return list(hit)
        return self._scan(norm, longest)

    def _scan(self, norm: Normalized | str, longest: bool) -> list[Match]:
        if self._auto is None:
            self._auto = PhraseAutomaton([self.table])
        return self._auto.scan(norm, self._prefix, self.clitics.quote_marks, self.clitics.lam_contraction,
                               [self.clitic_langs], longest)[0]


class PhraseSets:
    """Several PhraseMatchers run in one pass over a text (phrases.PhraseAutomaton): each gets
    the matches its own find gives. They share the clitic table (one gazetteer folder)."""

    def __init__(self, matchers: Sequence[PhraseMatcher]) -> None:
        self.matchers = tuple(matchers)
        if any(m.clitics is not matchers[0].clitics for m in matchers):
            raise ValueError("phrase sets of different gazetteer folders")
        self._auto = PhraseAutomaton([m.table for m in matchers])

    def find_all(self, norm: Normalized | str) -> list[list[Match]]:
        """Per matcher, in order, what its find(norm) gives."""
        first = self.matchers[0]
        return self._auto.scan(norm, first._prefix, first.clitics.quote_marks, first.clitics.lam_contraction,
                               [m.clitic_langs for m in self.matchers])


@lru_cache(maxsize=4)
def _quoted_outlets(override: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """clitics.yaml 'quoted_outlets': the outlet nouns (normalised, longest first) and opening marks."""
    data = load_yaml("clitics.yaml").get("quoted_outlets") or {}
    nouns = {normalize_text(str(n)) for ns in (data.get("nouns") or {}).values() for n in ns}
    quotes = tuple(str(q) for q in data.get("quotes") or [])
    if any(not n for n in nouns) or any(len(q) != 1 for q in quotes):
        raise data_error("clitics.yaml", "quoted_outlets", "empty noun or a mark that is not one character")
    return tuple(sorted(nouns, key=len, reverse=True)), quotes


def _quoted(form: str, bare: set[str]) -> list[str]:
    """'وكالة إسنا' -> 'وكالة "إسنا', 'وكالة «إسنا', ...: an outlet's name quoted after its noun, when
    the name alone is none of ``bare`` (the outlet's own forms: a quoted form of its own is matched
    inside the marks, and the marks stay around it: 'لشبكة "إن بي سي نيوز"' is no quotation)."""
    nouns, quotes = _quoted_outlets(os.environ.get("PARLEY_GAZETTEER_DIR", ""))
    norm = _SPACES.sub(" ", normalize_text(form).strip())
    for noun in nouns:
        if norm.startswith(noun + " ") and norm[len(noun) + 1:] not in bare:
            return [f"{noun} {q}{norm[len(noun) + 1:]}" for q in quotes]
    return []


def gazetteer_entries(gaz: Gazetteer) -> list[tuple[str, str, str, str]]:
    """(form, label, id, lang) rows for every actor form, role title and place form."""
    rows: list[tuple[str, str, str, str]] = []
    for a in gaz.actors.values():
        rows += [(form, "actor", a.id, lang) for lang, form in a.surface_forms()]
        if a.kind == "media":
            bare = {_SPACES.sub(" ", normalize_text(f).strip()) for _, f in a.surface_forms()}
            rows += [(q, "actor", a.id, lang) for lang, form in a.surface_forms() if lang != "en"
                     for q in _quoted(form, bare)]
    for r in gaz.roles.values():
        rows += [(t, "role", r.id, lang) for lang, ts in r.titles.items() for t in ts]
    ez = clitics()
    for p in gaz.places.values():
        rows += [(form, "place", p.id, lang) for lang, form in p.surface_forms()]
        if ez.ezafe and p.kind in ("city", "venue"):  # 'ژنوی سوئیس': the Persian form with its written ezafe
            rows += [(form + ez.ezafe, "place", p.id, lang) for lang, form in p.surface_forms()
                     if lang == "fa" and normalize_text(form)[-1:] in ez.ezafe_after]
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
    _tok_ends: list[int] = field(default_factory=list)  # tokens never overlap: ascending too
    _seg_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> Doc:
        """Normalise ``article.text`` and index its sentences, tokens and segments."""
        norm = normalize(article.text)
        _ = norm.offsets  # the offset map as a tuple, now: the stages map hundreds of spans through it
        doc = cls(article=article, norm=norm)
        doc.sentences = split_sentences(norm.text, article.text, norm.offsets)
        doc.tokens = [m.span() for m in _TOKEN.finditer(norm.text)]
        doc._sent_starts = [s for s, _ in doc.sentences]
        doc._tok_starts = [s for s, _ in doc.tokens]
        doc._tok_ends = [e for _, e in doc.tokens]
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
        starts = self._seg_starts
        langs = [s.lang for s in self.article.segments] if starts else [self.article.lang]
        last = len(starts) - 1
        k, prev = 0, -1  # the segment of the previous match's start (lang_at, walked forward)
        for m in matches:
            pos = m.start
            if pos < prev:
                k = max(bisect.bisect_right(starts, pos) - 1, 0)
            while k < last and starts[k + 1] <= pos:
                k += 1
            prev = pos
            lang = langs[k]
            if lang != "ar" and lang != "fa":
                out.append(m)
                continue
            payloads = m.payloads
            if len(payloads) == 1:  # the common case
                if payloads[0].lang == lang:
                    out.append(m)
                continue
            if all(p.lang == lang for p in payloads):
                out.append(m)
                continue
            kept = tuple(p for p in payloads if p.lang == lang)
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
        # from i on, up to the first token ending after ``end`` (ends rise: found by bisection)
        return self.tokens[i:max(i, min(stop, bisect.bisect_right(self._tok_ends, end)))]

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
