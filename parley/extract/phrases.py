"""The phrase automaton behind PhraseMatcher: one Aho-Corasick pass for one or several phrase sets.

A phrase must end a word (unless it is a stem, written with a trailing ``*``). Looking at every
raw hit in Python and dropping those that end inside a word cost more than the scan itself, so
the automaton runs over a *folded* copy of the normalised text: every character that is not a
letter or digit (``str.isalnum``) becomes one mark, and a text's end gets one too. A phrase that
must end a word is stored folded the same way and followed by the mark, so the automaton reports
it only where a non-letter (or the text's end) follows it; a stem is stored without the mark and
extended to its word's end as before. A folded phrase with non-letters in it (a space, a dot)
may hit where the text has other non-letters there, so such a hit is checked against the
phrase itself. What is left is checked as PhraseMatcher always checked it: the word start or
the clitic before the phrase, the clitic languages, the exact-case forms. Several phrase sets
(the gazetteer's and the cue files') share one automaton and one pass; each set keeps its own
longest matches, the same matches as a pass of its own.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy as np

from parley.text.normalize import Normalized

MARK = "\x01"  # what a non-letter becomes in the folded copy (str.isalnum is False for it too)


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


@dataclass(unsafe_hash=True, slots=True, init=False)
class Match:
    """One matched phrase in the normalised text, with every payload its key carries. Treated
    as immutable (hashed by value); not frozen only because a frozen dataclass is built
    several times slower, and an article makes hundreds of matches (hence the __init__ of
    its own: one call, where a generated __init__ would call a __post_init__ too)."""

    start: int
    end: int
    prefix: str
    payloads: tuple[Payload, ...]
    labels: frozenset[str]

    def __init__(self, start: int, end: int, prefix: str, payloads: tuple[Payload, ...],
                 labels: frozenset[str] = frozenset()) -> None:
        self.start = start
        self.end = end
        self.prefix = prefix
        self.payloads = payloads
        self.labels = labels or frozenset(p.label for p in payloads)

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


@lru_cache(maxsize=1)
def _folding() -> np.ndarray[tuple[int], np.dtype[np.uint32]]:
    """Per Basic Multilingual Plane code point, what it folds to: itself, or MARK for a non-letter."""
    keep = np.array([chr(cp).isalnum() for cp in range(0x10000)], dtype=np.bool_)
    return np.where(keep, np.arange(0x10000, dtype=np.uint32), np.uint32(ord(MARK))).astype(np.uint32)


_SHORT = 48  # below this many characters, folding in Python beats the array round trip


def fold(text: str) -> str:
    """``text`` with every character that is not a letter or digit turned into MARK (same length)."""
    if text.isalnum():  # one word (a phrase key, mostly)
        return text
    if len(text) < _SHORT:
        return "".join(ch if ch.isalnum() else MARK for ch in text)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    out = _folding()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    for i in astral.tolist():  # emoji and the like: rare
        out[i] = codes[i] if chr(int(codes[i])).isalnum() else ord(MARK)
    return out.astype(np.uint32).tobytes().decode("utf-32-le")


# One phrase of one set, as the automaton reports it: (set, the normalised key, payloads,
# special, labels, check the text).
Entry = tuple[int, str, tuple[Payload, ...], bool, frozenset[str], bool]
# The phrases of one folded key: (their length, 0 for stems else 1 (stored followed by MARK),
# their entries). They share where a hit starts and ends, and so the clitic before it.
Group = tuple[int, int, tuple[Entry, ...]]
PrefixOf = Callable[[str, str, int], "str | None"]  # (text, folded + MARK, start)


class PhraseAutomaton:
    """One automaton over the folded keys of one or more phrase tables (key -> payloads)."""

    def __init__(self, tables: Sequence[Mapping[str, Sequence[Payload]]]) -> None:
        grouped: dict[str, dict[tuple[int, int], list[Entry]]] = {}
        for i, table in enumerate(tables):
            for key, payloads in table.items():
                stem = any(p.stem for p in payloads)
                special = any(p.lam or p.exact_case for p in payloads)
                labels = frozenset(p.label for p in payloads)
                folded = fold(key)
                term = 0 if stem else 1
                check = folded != key  # non-letters inside: another non-letter may stand there
                entry: Entry = (i, key, tuple(payloads), special, labels, check)
                # (a stem ending in a non-letter folds as a phrase one shorter does: kept apart)
                grouped.setdefault(folded + MARK * term, {}).setdefault((len(key), term), []).append(entry)
        self.sets = len(tables)
        self.size = len(grouped)
        self._auto = ahocorasick.Automaton()
        for folded, groups in grouped.items():
            value: tuple[Group, ...] = tuple((length, term, tuple(entries))
                                             for (length, term), entries in groups.items())
            self._auto.add_word(folded, value)
        if grouped:
            self._auto.make_automaton()

    def scan(self, norm: Normalized | str, prefix_of: PrefixOf, quote_marks: frozenset[str],
             lam_contraction: frozenset[str], clitic_langs: Sequence[frozenset[str] | None],
             longest: bool = True) -> list[list[Match]]:
        """Per set, its matches in the normalised text (see PhraseMatcher.find)."""
        text = norm.text if isinstance(norm, Normalized) else norm
        out: list[list[Match]] = [[] for _ in range(self.sets)]
        if self.size == 0:
            return out
        n = len(text)
        folded = fold(text) + MARK
        prefixes: dict[int, str | None] = {}
        for last, groups in self._auto.iter(folded):
            for length, term, entries in groups:
                end = last + 1 - term
                start = end - length
                # a stem inside a word runs to the word's end
                word_end = end if term or folded[end] == MARK else folded.index(MARK, end)
                prefix: str | None = ""
                read = False  # the clitic before the hit, read at the first entry that needs it
                for i, key, payloads, special, labels, check in entries:
                    if check and text[start:end] != key:
                        continue
                    if not read:
                        read = True
                        if start == 0:
                            prefix = ""
                        elif folded[start - 1] == MARK and text[start - 1] not in quote_marks:
                            prefix = ""  # the common case: a word start, not after a quotation mark
                        elif start in prefixes:
                            prefix = prefixes[start]
                        else:
                            prefix = prefixes[start] = prefix_of(text, folded, start)
                    if prefix is None:
                        break  # mid-word, for every phrase of this key
                    if word_end != end:
                        payloads = tuple(p for p in payloads if p.stem)
                        labels = frozenset()
                    langs = clitic_langs[i]
                    if not special and (not prefix or langs is None):
                        out[i].append(Match(start, word_end, prefix, payloads, labels))  # the common case
                        continue
                    keep = []
                    for p in payloads:
                        if p.lam and prefix not in lam_contraction:
                            continue
                        if prefix and langs is not None and p.lang not in langs:
                            continue
                        if p.exact_case and isinstance(norm, Normalized):
                            o0, o1 = norm.span(start, start + length)
                            if norm.original[o0:o1] != p.form:
                                continue
                        keep.append(p)
                    if keep:
                        out[i].append(Match(start, word_end, prefix, tuple(keep)))
        return [keep_longest(cands, n) if longest else sorted(cands, key=lambda m: (m.start, -m.end))
                for cands in out]


_START = operator.attrgetter("start")


def keep_longest(cands: list[Match], n: int) -> list[Match]:
    """The matches left when overlaps keep the longest (the first found on a tie), by start."""
    if len(cands) < 2:
        return list(cands)
    # By start (stable: as found on a tie), cut into runs that overlap one another. Most matches
    # overlap nothing and are kept as they are; a run is settled on its own (nothing outside it
    # overlaps it), longest first.
    order = sorted(cands, key=_START)
    chosen: list[Match] = []
    i, last = 0, len(order)
    while i < last:
        reach = order[i].end
        j = i + 1
        while j < last and order[j].start < reach:
            if order[j].end > reach:
                reach = order[j].end
            j += 1
        if j == i + 1:
            chosen.append(order[i])
        else:
            chosen += _longest_of_run(order[i:j], reach)
        i = j
    return chosen


def _longest_of_run(run: list[Match], reach: int) -> list[Match]:
    """keep_longest over matches that overlap one another (by start, as found on a tie; they
    end by ``reach``): longest first, then by start, then as found (the sort is stable), each
    kept unless a character it covers is taken already; then by start. The map of taken
    characters spans the run only, so a long chain of overlaps costs its length, not its square."""
    base = run[0].start
    taken = bytearray(reach - base + 1)
    kept: list[Match] = []
    for m in sorted(run, key=_minus_length):
        s, e = m.start - base, m.end - base
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(m)
    kept.sort(key=_START)
    return kept


def _minus_length(m: Match) -> int:
    return m.start - m.end
