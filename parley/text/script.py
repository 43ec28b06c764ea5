"""Scripts and directions: the one home of the character ranges, the script and direction tests,
and the isolation of opposite-direction runs. Every reader, extractor and renderer (HTML, figures,
PDF, PNG) asks here; no other module spells a Unicode range of a script.

- ``ARABIC_BLOCKS``: the Arabic script's blocks (Arabic, Supplement, Extended-A, and both
  presentation-form blocks), for "is this Arabic-script text?" at the character level;
- ``ARABIC_LETTER_CLASS``: only the letters (str.isalpha) of those blocks, for counting words;
- ``RTL_CLASS``: every right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
  Mandaic, with presentation forms), for choosing a direction;
- ``ARABIC_DIACRITIC_RANGES``, ``PRESENTATION_FORM_RANGES``, ``ARABIC_INDIC_DIGITS`` and
  ``PERSIAN_DIGITS``: code points for tables built one character at a time (normalisation,
  language identification).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Direction = Literal["rtl", "ltr"]

ARABIC_BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
ARABIC_LETTER_CLASS = (
    "[\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06e5-\u06e6\u06ee-\u06ef\u06fa-\u06fc"
    "\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7"
    "\ufdf0-\ufdfb\ufe70-\ufe74\ufe76-\ufefc]"
)
LATIN_LETTER_CLASS = "[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
RTL_CLASS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# Letters only Persian uses among the common ones: pe, che, zhe, gaf, keheh, Farsi yeh
PERSIAN_LETTERS = "\u067e\u0686\u0698\u06af\u06a9\u06cc"
ZWNJ = "\u200c"
LRM, RLM = "\u200e", "\u200f"
# Inclusive (first, last) code points: harakat, tanwin, shadda, sukun and the other combining marks
# of U+064B-065F; the superscript (dagger) alef; the Quranic annotation marks.
ARABIC_DIACRITIC_RANGES = ((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
# Inclusive (first, last) code points of Arabic Presentation Forms-A and -B (text copied from PDFs).
PRESENTATION_FORM_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
ARABIC_INDIC_DIGITS = "".join(map(chr, range(0x0660, 0x066A)))  # ٠..٩, in order of value
PERSIAN_DIGITS = "".join(map(chr, range(0x06F0, 0x06FA)))  # ۰..۹ (Extended Arabic-Indic), in order

_ARABIC_CHAR = re.compile(f"[{ARABIC_BLOCKS}]")
_RTL_CHAR = re.compile(f"[{RTL_CLASS}]")
# a Latin letter, the strong left-to-right letters that decide a direction
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PERSIAN = re.compile(f"[{PERSIAN_LETTERS}]")
# a run of right-to-left words, spaces and ZWNJ inside (Persian), ending on a letter
RTL_RUN = re.compile(f"[{RTL_CLASS}][{RTL_CLASS}{ZWNJ}\\s]*")
# an ASCII letter: a Latin word in a mixed line
LATIN = re.compile(r"[A-Za-z]")


def is_arabic_script(ch: str) -> bool:
    """Whether one character is in an Arabic-script block (letters, marks, digits, forms)."""
    return _ARABIC_CHAR.match(ch) is not None


def has_arabic_script(text: str) -> bool:
    """Whether any character of ``text`` is in an Arabic-script block."""
    return _ARABIC_CHAR.search(text) is not None


def script_dir(text: str) -> Direction:
    """Direction of a string from its first strong letter (for text with no language)."""
    for ch in text:
        if _RTL_CHAR.match(ch):
            return "rtl"
        if LATIN_LETTER.match(ch):
            return "ltr"
    return "ltr"


def lang_dir(lang: str | None) -> Direction:
    """Direction of a language code: ar and fa are right to left."""
    return "rtl" if lang in ("ar", "fa") else "ltr"


def script_lang(text: str) -> Literal["ar", "fa", "en"]:
    """A language from the script alone, for text stored with none (a note, a title): fa or ar
    when its first strong letter is right to left (fa when Persian-only letters occur), else en.
    Not language identification: parley.text.langid.guess_lang is that."""
    if script_dir(text) != "rtl":
        return "en"
    return "fa" if _PERSIAN.search(text) else "ar"


def isolate_rtl_runs(text: str, plain: Callable[[str], str], isolate: Callable[[str], str]) -> str:
    """``text`` with each right-to-left run passed through ``isolate`` and the rest through
    ``plain``: in left-to-right text (a provenance line, a mixed title) the runs keep their own
    order, and neighbouring numbers and dates keep theirs."""
    out: list[str] = []
    pos = 0
    for m in RTL_RUN.finditer(text):
        run = m.group(0).rstrip()
        out.append(plain(text[pos:m.start()]))
        out.append(isolate(run))
        pos = m.start() + len(run)
    out.append(plain(text[pos:]))
    return "".join(out)
