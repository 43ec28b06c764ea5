"""Split clean text into segments: lines, then sentences inside a line.

A sentence ends after . ! ? ؟ or the Arabic full stop ۔ (plus any closing quotes or
brackets) when whitespace follows, except inside quotes («…», “…”, "…"), after a single
letter or a known abbreviation ("U.S.", "Mr."), or before a lower-case Latin letter.
Decimals ("3.5") never split because no whitespace follows the point. Spans are trimmed
of whitespace and index the text they were cut from.
"""

from __future__ import annotations

import re

# An ender run (. ! ? ؟ Arabic question mark, ۔ Arabic full stop, …), closing quotes or
# brackets, then whitespace. Group 1 is the run ('.' alone is tested for abbreviations).
# Written E E* rather than E+: a pattern that opens with a character class lets the regex
# engine skip straight to the next ender instead of trying every position of the line.
_CANDIDATE = re.compile(r"([.!?\u061f\u06d4…][.!?\u061f\u06d4…]*)[\"'»”’)\]]*(?=\s|$)")
# Quote pairs; a pair whose marks are unbalanced on a line is ignored on that line.
_PAIRS = (("«", "»"), ("“", "”"))
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "jr", "sr", "vs", "etc", "no", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig",
})
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_NONSPACE = re.compile(r"\S")


class _Quotes:
    """Whether a position of a line is inside quotes; unbalanced pairs on a line are ignored.

    The marks before a position are counted on from the last position asked (positions come
    in order), so a long line is read once, not once per sentence end."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.pairs = [(op, cl) for op, cl in _PAIRS
                      if op in line and line.count(op) == line.count(cl)]
        self.straight = '"' in line and line.count('"') % 2 == 0
        self.marks = [m for pair in self.pairs for m in pair] + (['"'] if self.straight else [])
        self.pos = 0
        self.before = dict.fromkeys(self.marks, 0)  # how often each mark occurs in line[:pos]

    def inside(self, i: int) -> bool:
        """True if position ``i`` lies inside a quotation."""
        line = self.line
        if i < self.pos:  # asked out of order: count again from the start
            self.pos = 0
            self.before = dict.fromkeys(self.marks, 0)
        for mark in self.marks:
            self.before[mark] += line.count(mark, self.pos, i)
        self.pos = i
        if any(self.before[op] > self.before[cl] for op, cl in self.pairs):
            return True
        return self.straight and self.before['"'] % 2 == 1


def _is_abbreviation(line: str, dot: int) -> bool:
    """True if the '.' at ``dot`` ends an abbreviation or an initial ("U.S.", "Dr.", "J.")."""
    m = _WORD_BEFORE.search(line[max(0, dot - 16):dot])
    if m is None:
        return False
    word = m.group()
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _sentence_ends(line: str) -> list[int]:
    """Offsets inside ``line`` where a sentence ends (exclusive)."""
    ends: list[int] = []
    quotes: _Quotes | None = None
    n = len(line)
    for m in _CANDIDATE.finditer(line):
        i, j = m.start(), m.end()
        if j >= n:
            break  # the line's end closes the sentence anyway
        if m.group(1) == "." and _is_abbreviation(line, i):
            continue
        nxt = _NONSPACE.search(line, j)
        if nxt is not None and "a" <= nxt.group() <= "z":
            continue
        if quotes is None:
            quotes = _Quotes(line)
        if quotes.inside(j):
            continue
        ends.append(j)
    return ends


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_segments(text: str) -> list[tuple[int, int]]:
    """Segment ``text`` into (start, end) spans: lines, then sentences; trimmed, never empty."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for end in [*_sentence_ends(line), len(line)]:
            span = _trim(text, start, pos + end)
            if span is not None:
                spans.append(span)
            start = pos + end
        pos += len(line) + 1
    return spans
