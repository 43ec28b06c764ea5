"""The scans that skip work find what the plain scans find.

- Phrase matching runs the gazetteer and the cue sets in one pass over a folded copy of the text
  (extract/phrases.py); each set must get what a plain Aho-Corasick pass over the normalised
  text, checking every raw hit, gives (the reference below, the matcher's earlier code).
- Sentence ends (extract/sentences.py) and runs of capitalised words (extract/candidates.py)
  are found by regexes that open with one character class; each must find what the plain
  pattern it replaced finds.
- Relative dates try each regex only where a word it can begin with stands
  (text/date_scan.py); each form must get what ``finditer`` over the whole text gives. A regex
  given a new leading word or group without its words in ``relative_starts`` fails here.

Texts: the seed articles, the blind development set when its text is present, and Hypothesis
texts made of the data's own phrases and words, clitics, quotation marks, punctuation and digits.
"""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.extract.bare_bodies import bare_bodies
from parley.extract.candidates import _CAPS
from parley.extract.capitals import capitals
from parley.extract.cues import load_cues
from parley.extract.gazetteer import default_gazetteer
from parley.extract.matcher import Doc, Match, PhraseMatcher, gazetteer_matcher
from parley.extract.phrases import keep_longest
from parley.extract.pipeline import _SET_NAMES, article_from_text, phrase_sets
from parley.extract.sentences import _SENT_END
from parley.text.date_grammar import default_date_grammar
from parley.text.date_scan import _relative_matches
from parley.text.normalize import Normalized, normalize
from parley.text.script import ARABIC_LETTER_CLASS

REPO = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "articles").glob("*.txt"))]
TEXTS += [p.read_text(encoding="utf-8") for p in sorted((REPO / "devset" / "text").glob("*.txt"))]


def _matchers() -> list[PhraseMatcher]:
    cues = load_cues()
    own = {"bare_nouns": bare_bodies().matcher, "capital_nouns": capitals().nouns}
    return [gazetteer_matcher(default_gazetteer()),
            *(own[name] if name in own else getattr(cues, name) for name in _SET_NAMES[1:])]


def reference_find(m: PhraseMatcher, norm: Normalized, longest: bool = True) -> list[Match]:
    """PhraseMatcher.find as it was: every raw hit of an automaton over the normalised keys."""
    auto = ahocorasick.Automaton()
    for key, payloads in m.table.items():
        auto.add_word(key, (len(key), tuple(payloads), any(p.stem for p in payloads)))
    auto.make_automaton()
    text, n = norm.text, len(norm.text)
    folded = "".join(ch if ch.isalnum() else "\x01" for ch in text) + "\x01"
    cands: list[Match] = []
    for last, (length, payloads, stem_ok) in auto.iter(text):
        start, end = last - length + 1, last + 1
        word_end = end == n or not text[end].isalnum()
        if not word_end and not stem_ok:
            continue
        if not word_end:
            payloads = tuple(p for p in payloads if p.stem)
            while end < n and text[end].isalnum():
                end += 1
        prefix = m._prefix(text, folded, start)
        if prefix is None:
            continue
        keep = []
        for p in payloads:
            if p.lam and prefix not in m.clitics.lam_contraction:
                continue
            if prefix and m.clitic_langs is not None and p.lang not in m.clitic_langs:
                continue
            if p.exact_case:
                o0, o1 = norm.span(start, last + 1)
                if norm.original[o0:o1] != p.form:
                    continue
            keep.append(p)
        if keep:
            cands.append(Match(start, end, prefix, tuple(keep)))
    return reference_keep_longest(cands, n) if longest else sorted(cands, key=lambda x: (x.start, -x.end))


def reference_keep_longest(cands: list[Match], n: int) -> list[Match]:
    """keep_longest as it was: every candidate in (longest, start, as found) order, each kept
    unless a character it covers is taken already; then by start."""
    taken = bytearray(n + 1)
    chosen: list[Match] = []
    for _i, m in sorted(enumerate(cands), key=lambda im: (im[1].start - im[1].end, im[1].start, im[0])):
        if taken.find(1, m.start, m.end) != -1:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _vocabulary() -> list[str]:
    rng = random.Random(5)
    keys = [k for m in _matchers() for k in m.table]
    g = default_date_grammar()
    words = [*g.months, *g.weekdays, *g.rel_days, *g.anaphoric, *g.periods, *g.modifiers,
             *(w for starts in g.relative_starts for w in starts)]
    return rng.sample(keys, 600) + words + ["و", "ب", "ل", "ال", "وال", "لل", "فب", "ك"]


VOCAB = _vocabulary()
GLUE = [" ", "  ", "\n", ", ", "،", ".", "«", "»", '"', "-", "(", ")", ":", "\u200c", "ـ", "2026", "۱۴۰۴",
        "5", "US", "U.S.", "AP", "Iran", "ا", "ی", "ة", "x"]
pieces = st.lists(st.one_of(st.sampled_from(VOCAB), st.sampled_from(GLUE)), max_size=60)


def _same_phrases(original: str) -> None:
    norm = normalize(original)
    matchers = _matchers()
    found = phrase_sets(matchers[0], load_cues()).find_all(norm)
    for name, m, got in zip(_SET_NAMES, matchers, found, strict=True):
        assert got == reference_find(m, norm), name
        assert m.find(norm) == got, name
        assert m.find(norm, longest=False) == reference_find(m, norm, longest=False), name


def _same_relative_dates(original: str) -> None:
    g = default_date_grammar()
    text = normalize(original).text
    fast = _relative_matches(text, g, None)
    for (form, rx), got in zip(g.relative, fast, strict=True):
        plain = [(x.span(), x.groupdict()) for x in rx.finditer(text)]
        assert [(x.span(), x.groupdict()) for x in got] == plain, form


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_phrase_sets_find_what_plain_scans_find_in_real_text(i: int) -> None:
    _same_phrases(TEXTS[i])


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_relative_dates_found_where_plain_finditer_finds_them_in_real_text(i: int) -> None:
    _same_relative_dates(TEXTS[i])


@settings(max_examples=300, deadline=None)
@given(pieces)
def test_phrase_sets_find_what_plain_scans_find(parts: list[str]) -> None:
    _same_phrases("".join(parts))


@settings(max_examples=300, deadline=None)
@given(pieces)
def test_relative_dates_found_where_plain_finditer_finds_them(parts: list[str]) -> None:
    _same_relative_dates("".join(parts))


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8), st.integers(0, 3)), max_size=40)


@settings(max_examples=500, deadline=None)
@given(spans)
def test_keep_longest_keeps_what_the_plain_greedy_keeps(parts: list[tuple[int, int, int]]) -> None:
    # many overlaps, equal lengths and equal starts (told apart by their prefix, as found)
    cands = [Match(s, s + length, str(k), ()) for s, length, k in parts]
    assert keep_longest(cands, 50) == reference_keep_longest(cands, 50)


# extract/sentences.py's sentence ends as first written: a run of newlines, or a run of marks not
# right after a one-letter word, with closing quotes and brackets, before a space, the end or an
# Arabic-script letter
PLAIN_SENT_END = re.compile(r"\n+|(?<!\b\w)[.!?\u061f…]+[\"'»”’)\]]*(?=\s|$|" + ARABIC_LETTER_CLASS + ")")
SENT_GLUE = st.sampled_from([*" \n\t.!?\u061f…\"'»”’)]([«“aZuU5_ـي؟", "u.s. ", "U.S.", "x. ", "...", "u..",
                            "?!?!", "روما.و", "د."])


# extract/candidates.py's runs of two or three capitalised words as first written
PLAIN_CAPS = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2}\b")
CAPS_GLUE = st.sampled_from([*" \t\n-'_.,«", "Al", "Trump", "US", "Marco Rubio", "x", "aB", "5", "ي", "é"])


def _same_sentence_ends(text: str) -> None:
    assert [m.span() for m in _SENT_END.finditer(text)] == [m.span() for m in PLAIN_SENT_END.finditer(text)]
    assert [m.span() for m in _CAPS.finditer(text)] == [m.span() for m in PLAIN_CAPS.finditer(text)]


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_sentence_ends_are_the_plain_patterns_in_real_text(i: int) -> None:
    _same_sentence_ends(TEXTS[i])
    _same_sentence_ends(normalize(TEXTS[i]).text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(SENT_GLUE, st.sampled_from(VOCAB)), max_size=40))
def test_sentence_ends_are_the_plain_patterns(parts: list[str]) -> None:
    _same_sentence_ends("".join(parts))


@settings(max_examples=500, deadline=None)
@given(st.lists(CAPS_GLUE, max_size=40))
def test_capitalised_runs_are_the_plain_patterns(parts: list[str]) -> None:
    _same_sentence_ends("".join(parts))


def test_a_long_chain_of_overlaps_is_settled_like_the_plain_greedy() -> None:
    # 'A B A B …' with both 'A B' and 'B A' phrases: every match overlaps the next, one run of
    # 40,000 (settled with a map of the run's characters, as the plain greedy uses the text's)
    cands = [Match(2 * i, 2 * i + 3 + i % 2, "", ()) for i in range(40_000)]
    assert keep_longest(cands, 80_010) == reference_keep_longest(cands, 80_010)


def _plain_words(doc: Doc, start: int, end: int, most: int | None) -> list[tuple[int, int]]:
    """Doc.words as first written: token by token from the first starting at or after ``start``."""
    i = bisect.bisect_left([s for s, _ in doc.tokens], start)
    stop = len(doc.tokens) if most is None else min(len(doc.tokens), i + max(most, 0))
    out = []
    while i < stop and doc.tokens[i][1] <= end:
        out.append(doc.tokens[i])
        i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(TEXTS) - 1), st.integers(-5, 3000), st.integers(-5, 3000),
       st.one_of(st.none(), st.integers(-2, 30)))
def test_words_in_a_span_are_the_plain_loops(i: int, start: int, end: int, most: int | None) -> None:
    doc = Doc.of(article_from_text(TEXTS[i]))
    assert doc.words(start, end, most) == _plain_words(doc, start, end, most)


def test_a_short_text_is_folded_like_a_long_one() -> None:
    from parley.extract.phrases import _SHORT, fold

    for text in ("روبيو، «قال» U.S. 😀 x", "A" * (_SHORT + 3) + " ب-ت 😀"):
        assert fold(text) == "".join(ch if ch.isalnum() else "\x01" for ch in text)


@pytest.mark.parametrize("text", [
    "." * 3000 + "x",  # a run of marks that ends in no space: tried once, not once per mark
    "u" + "." * 3000 + " x", "ab" + "?!" * 1500 + "» y", "\n" + "…" * 3000, "u.s." * 500 + " z",
])
def test_long_runs_of_marks_are_the_plain_patterns(text: str) -> None:
    _same_sentence_ends(text)
