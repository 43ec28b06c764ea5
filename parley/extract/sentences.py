"""Sentences of an article's normalised text, for extraction: lines, and . ! ? ؟ (with any
closing quote or bracket) before a space or an Arabic-script letter (not after 'u.s', nor after
an abbreviation of data/gazetteer/abbreviations.yaml before a number or a capital: 'Oct. 31');
a sentence is at most MAX_SENTENCE characters, so that what a stage reads around a cue in its
sentence stays bounded however a text is written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from parley.datafiles import data_error, load_yaml
from parley.text.script import ARABIC_LETTER_CLASS

# \u061f: Arabic question mark; closing quotes and brackets after the mark end the sentence with it.
# That is: a run of newlines, or a run of marks not right after a one-letter word ('u.s'). Written
# to open with one character class (a newline or a mark, then which of the two it was), so that
# the regex engine skips straight to the next candidate instead of trying every position of
# the text (the two-way alternation and the look-behind it opened with cost ~10x more).
# A mark inside a run of marks starts no match (the run's first mark, or the second after a one-letter
# word, does), and the run and its quotes are taken possessively: a run that ends in no space is
# tried once, not once per mark (20,000 dots before a letter took ~10 s).
# A mark right before an Arabic-script letter ends a sentence too: Arabic and Persian have no
# abbreviation with a dot inside a word, so 'بروما.وتمثل' is two sentences pasted without a space.
_M = "[.!?\u061f…]"
_SENT_END = re.compile(rf"[\n.!?\u061f…](?:(?<!{_M}{_M})|(?<=\b\w{_M}{_M}))"
                       rf"(?:(?<=\n)\n*|(?<!\b\w{_M}){_M}*+[\"'»”’)\]]*+(?=\s|$|{ARABIC_LETTER_CLASS}))")


def split_sentences(text: str, original: str | None = None,
                    offsets: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of sentences: lines, and . ! ? ؟ (with any closing quote or bracket) before a
    space (not after 'u.s').

    ``text`` may be the lower-cased normalised copy of ``original`` (``offsets[i]``: the original
    position of its character i): an abbreviation's case is then read from the original ('Gen.
    Bagheri' before a name, 'gen. bagheri' in the copy)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    cased = (original, offsets) if original is not None and offsets is not None else None
    for m in _SENT_END.finditer(text):
        if m.end() - m.start() == 1 and text[m.start()] == "." and _abbreviated(text, m.start(), cased):
            continue  # 'Oct. 31', 'Gen. Bagheri'
        end = m.end()
        if text[pos:m.start()].strip():
            spans.append((pos, end))
        pos = end
    if text[pos:].strip():
        spans.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:  # trim surrounding whitespace
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out += _bounded(text, s, e)
    return out


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """data/gazetteer/abbreviations.yaml (before numbers, before names), read once per process."""
    data = load_yaml("abbreviations.yaml")
    out: list[frozenset[str]] = []
    for key in ("before_numbers", "before_names"):
        lists = data.get(key) if isinstance(data, dict) else None
        if not isinstance(lists, dict) or not all(
                isinstance(v, list) and all(isinstance(w, str) for w in v) for v in lists.values()):
            raise data_error("abbreviations.yaml", key, "must map each language to a list of words")
        out.append(frozenset(w for v in lists.values() for w in v))
    return out[0], out[1]


_ABBREV_CHARS = 5  # the longest abbreviation listed


def _abbreviated(text: str, dot: int, cased: tuple[str, Sequence[int]] | None = None) -> bool:
    """True when the stop at ``dot`` closes a listed abbreviation that its number or name follows
    ('Oct. 31', 'Gen. Bagheri'): no sentence ends there. ``cased``: the original text and the
    offsets into it, when ``text`` is its lower-cased copy."""
    nxt = dot + 1  # what follows first: most stops end a sentence before no number or capital
    while nxt < len(text) and text[nxt] == " ":
        nxt += 1
    if nxt == len(text):
        return False
    digit = text[nxt].isdigit()
    upper = cased[0][cased[1][nxt]].isupper() if cased is not None else text[nxt].isupper()
    if not (digit or upper):
        return False
    start = dot
    while start > 0 and dot - start <= _ABBREV_CHARS and text[start - 1].isalpha():
        start -= 1
    if start == dot or (start > 0 and text[start - 1].isalnum()):
        return False
    numbers, names = _abbreviations()
    word = cased[0][cased[1][start]:cased[1][dot]] if cased is not None else text[start:dot]
    return (word in numbers and digit) or (word in names and upper)


# A sentence is at most this many characters (a news sentence has a few hundred): a longer run
# without a sentence end, a list or a page without full stops, is cut at its last space before
# the limit, so that what a stage reads around a cue in its sentence stays bounded.
MAX_SENTENCE = 2000
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """[s, e) as pieces of at most MAX_SENTENCE characters, cut after a space where there is one."""
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        space = _LAST_SPACE.search(text, s + 1, s + MAX_SENTENCE)
        cut = space.start() if space is not None else s + MAX_SENTENCE
        end = cut
        while end > s and text[end - 1].isspace():
            end -= 1
        out.append((s, end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out
