"""Language of a segment or an article: Arabic, Persian or English.

Cheap script counts decide almost every segment: Latin letters against Arabic-script
letters, then, inside Arabic script, letters only Persian uses against letters only Arabic
uses ("روبیو" has Persian yeh, "روبيو" Arabic yeh). lingua is consulted only when the
script cue is ambiguous (no telling letter, or both kinds mixed), and is built once, lazily.
URLs, @handles, #hashtags and emoji are removed before counting, so they never decide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from parley.records import Lang
from parley.text.script import (
    ARABIC_INDIC_DIGITS,
    ARABIC_LETTER_CLASS,
    LATIN_LETTER_CLASS,
    PERSIAN_DIGITS,
    PERSIAN_LETTERS,
)

# Letters that tell Persian from Arabic, with weights. Weights below 1 are for letters the
# other language also uses now and then (Persian writes مسؤول and تأثیر with ؤ and أ).
_FA_LETTERS: dict[str, float] = {
    # پ چ ژ گ ک ی: peh, tcheh, jeh, gaf, keheh (Persian kaf), Farsi yeh (no dots when final)
    **dict.fromkeys(PERSIAN_LETTERS, 1.0),
    "\u06c0": 1.0,  # ۀ heh with yeh above (ezafe)
    **dict.fromkeys(PERSIAN_DIGITS, 0.5),  # ۰-۹ Persian digits
}
_AR_LETTERS: dict[str, float] = {
    "\u0629": 1.0,  # ة teh marbuta
    "\u064a": 1.0,  # ي Arabic yeh (dotted when final)
    "\u0649": 1.0,  # ى alef maksura
    "\u0643": 1.0,  # ك Arabic kaf
    "\u0625": 1.0,  # إ alef with hamza below
    "\u0623": 0.3,  # أ alef with hamza above
    "\u0624": 0.3,  # ؤ waw with hamza
    **dict.fromkeys(ARABIC_INDIC_DIGITS, 0.5),  # ٠-٩ Arabic-Indic digits
}
# The script cue decides when one side holds at least this share of the telling weight.
_DOMINANCE = 0.85

# Removed before counting: links, handles, hashtags, e-mail addresses.
_NOISE = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[\w.+-]+@[\w-]+\.[\w.]+|[@#]\w+")


def _denoise(text: str) -> str:
    """Drop links, handles, hashtags, e-mails (checked cheaply first: most text has none)."""
    if "@" in text or "#" in text or "http" in text or "www." in text or "pic." in text:
        return _NOISE.sub(" ", text)
    return text


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The lingua detector, restricted to the languages that share our scripts; built once."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ARABIC, Language.PERSIAN, Language.ENGLISH, Language.URDU
    ).build()


def _lingua(text: str) -> Lang:
    """Ask lingua; Urdu counts as Persian (same letter conventions), so only ar/fa/en come out."""
    scores: dict[str, float] = {"ar": 0.0, "fa": 0.0, "en": 0.0}
    for cv in _detector().compute_language_confidence_values(text):
        code = cv.language.iso_code_639_1.name.lower()
        code = "fa" if code == "ur" else code
        if code in scores:
            scores[code] += float(cv.value)
    best = max(scores, key=lambda k: scores[k])
    return "ar" if best == "ar" else "fa" if best == "fa" else "en"


# Letters (str.isalpha) of the Arabic script blocks, and Latin letters up to U+024F (text.script).
# Runs of letters, written X X* rather than X+: a pattern that opens with a character class
# lets the regex engine skip ahead to the next letter instead of trying every position.
_ARABIC_LETTERS = re.compile(f"{ARABIC_LETTER_CLASS}{ARABIC_LETTER_CLASS}*")
_LATIN_LETTERS = re.compile(f"{LATIN_LETTER_CLASS}{LATIN_LETTER_CLASS}*")
# One letter: enough to tell whether there is any.
_ARABIC_LETTER = re.compile(ARABIC_LETTER_CLASS)
_LATIN_LETTER = re.compile(LATIN_LETTER_CLASS)


_TELLING = re.compile("[" + "".join(sorted(set(_FA_LETTERS) | set(_AR_LETTERS))) + "]")


def _telling(text: str) -> tuple[float, float]:
    """Persian and Arabic weights of the telling letters in ``text`` (one regex scan)."""
    fa = ar = 0.0
    for ch, n in Counter(_TELLING.findall(text)).items():  # Counter counts in C
        fa += _FA_LETTERS.get(ch, 0.0) * n
        ar += _AR_LETTERS.get(ch, 0.0) * n
    return fa, ar


def guess_lang(text: str) -> Lang | None:
    """The language of ``text``, or None when it has no letters (digits, emoji, a bare URL)."""
    text = _denoise(text)
    if _LATIN_LETTER.search(text) is not None:  # mixed or Latin: compare letter counts
        latin = sum(map(len, _LATIN_LETTERS.findall(text)))
        arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
        if latin > arabic:
            return "en"
    elif _ARABIC_LETTER.search(text) is None:
        return None
    fa, ar = _telling(text)
    total = fa + ar
    if total > 0 and fa / total >= _DOMINANCE:
        return "fa"
    if total > 0 and ar / total >= _DOMINANCE:
        return "ar"
    lang = _lingua(text)
    return "ar" if lang == "en" else lang  # Arabic-script text is never English


def detect_lang(text: str, default: Lang = "ar") -> Lang:
    """The language of ``text`` ('ar', 'fa' or 'en'); ``default`` when it has no letters."""
    found = guess_lang(text)
    return default if found is None else found


def _letters(text: str) -> int:
    """How many letters (str.isalpha) ``text`` has (counted in C, one char at a time)."""
    return sum(map(str.isalpha, text))


def majority_lang(parts: Iterable[tuple[Lang, str]]) -> Lang:
    """The article's language: the one holding most letters over its (language, text)
    segments ('ar' if none)."""
    counts: dict[Lang, int] = {"ar": 0, "fa": 0, "en": 0}
    for lang, text in parts:
        counts[lang] += _letters(_denoise(text))
    if not any(counts.values()):
        return "ar"
    return max(counts, key=lambda k: counts[k])
