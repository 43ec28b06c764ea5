"""Normalisation for matching Arabic, Persian and English text, with an offset map back.

The normalised copy is only for matching; display always uses the original. Every change
is one character to one character, or a deletion, so ``Normalized.span`` maps any span of
the normalised copy back to the original exactly.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from parley.datafiles import data_error, load_yaml
from parley.text.script import (
    ARABIC_DIACRITIC_RANGES,
    ARABIC_INDIC_DIGITS,
    PERSIAN_DIGITS,
    PRESENTATION_FORM_RANGES,
)


@dataclass(frozen=True)
class Normalized:
    """A normalised copy of ``original`` and, per normalised char, its index in the original."""

    original: str
    text: str
    # The original index of each normalised char, or None when nothing was deleted (the
    # identity). Kept as an array: ``offsets`` builds the tuple only when something asks for
    # it, since ingest without extraction maps just a few spans.
    kept: np.ndarray[tuple[int], np.dtype[np.intp]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """Per normalised char, its index in the original text."""
        if self.kept is None:
            return tuple(range(len(self.text)))
        return tuple(self.kept.tolist())

    def offset(self, i: int) -> int:
        """``offsets[i]``, without building the whole tuple (read from it once it is built:
        extraction builds it, and a tuple item costs less than an array item)."""
        if self.kept is None:
            return range(len(self.text))[i]
        built: tuple[int, ...] | None = self.__dict__.get("offsets")
        if built is not None:
            return built[i]
        return int(self.kept[i])

    def position(self, original: int) -> int:
        """The normalised index of the first char at or after ``original`` in the original
        (``bisect_left(offsets, original)``)."""
        if self.kept is None:
            return min(max(original, 0), len(self.text))
        built: tuple[int, ...] | None = self.__dict__.get("offsets")
        if built is not None:
            return bisect.bisect_left(built, original)
        return int(np.searchsorted(self.kept, original))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if start >= end:
            pos = self.offset(start) if start < len(self.text) else len(self.original)
            return pos, pos
        return self.offset(start), self.offset(end - 1) + 1


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    data = load_yaml("letters.yaml")
    if not isinstance(data, dict) or "fold" not in data or "remove" not in data:
        raise data_error("letters.yaml", None, "needs 'fold' and 'remove'")
    table: dict[int, str | None] = {}
    for target, variants in data["fold"].items():
        if len(target) != 1 or not all(len(v) == 1 for v in variants):
            raise data_error("letters.yaml", f"fold.{target}", "one letter in, one letter out")
        for v in variants:
            table[ord(v)] = target
    for ch in data["remove"]:
        table[ord(ch)] = None
    for lo, hi in ARABIC_DIACRITIC_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = None
    for digits in (ARABIC_INDIC_DIGITS, PERSIAN_DIGITS):
        for d, ch in enumerate(digits):
            table[ord(ch)] = str(d)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    table[0x00A0] = " "
    # Arabic presentation forms (copy-pasted from PDFs) back to their base letters.
    for cp in (cp for lo, hi in PRESENTATION_FORM_RANGES for cp in range(lo, hi + 1)):
        base = unicodedata.normalize("NFKC", chr(cp))
        if len(base) == 1 and base != chr(cp):
            folded = table.get(ord(base), base)
            table[cp] = folded
    return table


def normalize_text(text: str) -> str:
    """The normalised copy of ``text`` alone (no offsets): for aliases, cue phrases, keys."""
    if len(text) < 256:  # short strings: translate is cheaper than the array round trip
        return text.translate(_table())
    return normalize(text).text


@lru_cache(maxsize=1)
def keeps_lines() -> bool:
    """True if normalising keeps every newline, makes none, and turns no whitespace into a
    letter or digit: then line i of the normalised text is the normalised line i of the
    original, and a line's surrounding whitespace stays outside its words."""
    table = _table()
    if ord("\n") in table:
        return False
    for cp, rep in table.items():
        if rep is not None and ("\n" in rep or (chr(cp).isspace() and rep.lower().isalnum())):
            return False
    return True


@lru_cache(maxsize=8)
def never_makes(chars: str) -> bool:
    """True if normalising turns no other character into one of ``chars``: a text without
    them has none once normalised either, so a caller may test the original text cheaply."""
    return all(chr(cp) in chars for cp, rep in _table().items() if rep is not None and rep in chars)


_DELETE = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=1)
def _lookup() -> np.ndarray[tuple[int], np.dtype[np.uint32]]:
    """The folding table as an array over the Basic Multilingual Plane (deleted -> _DELETE)."""
    lut = np.arange(0x10000, dtype=np.uint32)
    for cp, rep in _table().items():
        lut[cp] = _DELETE if rep is None else ord(rep)
    return lut


@lru_cache(maxsize=4)
def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the map back to the original characters.

    The result is immutable, and the same article text is normalised by several steps
    (cleaning, the publication date, extraction), so the last few results are kept.
    """
    # Vectorised: this runs over every article's whole text at ingest, and str.translate
    # with a dict costs a Python lookup per character.
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    mapped = np.where(codes < 0x10000, _lookup()[np.minimum(codes, 0xFFFF)], codes)
    keep = mapped != _DELETE
    kept = None
    if not bool(keep.all()):
        kept = np.flatnonzero(keep)
        mapped = mapped[keep]
    norm = mapped.astype(np.uint32).tobytes().decode("utf-32-le")
    return Normalized(original=text, text=norm, kept=kept)
