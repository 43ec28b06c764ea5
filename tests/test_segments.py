"""Segments: lines, then sentences; offsets slice the clean text exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from seeds import SEEDS

from parley.load.clean import clean_text
from parley.text.segment import split_segments


def _pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_segments(text)]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_offsets_slice_the_clean_text(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8"))
    spans = split_segments(text)
    assert spans
    prev_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip()
        assert start >= prev_end and "\n" not in piece
        prev_end = end
    # Nothing but whitespace falls between (or around) segments.
    gaps = [text[a:b] for (_, a), (b, _) in zip([(0, 0), *spans], [*spans, (len(text), 0)], strict=True)]
    assert all(not g.strip() for g in gaps)


# (lang, text, expected segments)
SENTENCES = [
    ("ar", "قال روبيو إن واشنطن مستعدة. وأضاف أن الحوار ممكن! هل تنجح المحادثات؟ ربما.",
     ["قال روبيو إن واشنطن مستعدة.", "وأضاف أن الحوار ممكن!", "هل تنجح المحادثات؟", "ربما."]),
    ("ar", 'وقال "نبذل قصارى جهدنا. الأمور تسير على ما يرام" ثم غادر. وانتهى اللقاء.',
     ['وقال "نبذل قصارى جهدنا. الأمور تسير على ما يرام" ثم غادر.', "وانتهى اللقاء."]),
    ("ar", "قال ترامب «آمل أن يتفاوضوا.. لكنهم يتحدثون إلينا» مساء أمس. ثم صمت.",
     ["قال ترامب «آمل أن يتفاوضوا.. لكنهم يتحدثون إلينا» مساء أمس.", "ثم صمت."]),
    ("fa", "روبیو گفت: «این صرفا آمادگی ما است؛ چه دشمن و چه متحد.» او افزود که آمریکا آماده است.",
     ["روبیو گفت: «این صرفا آمادگی ما است؛ چه دشمن و چه متحد.»", "او افزود که آمریکا آماده است."]),
    ("fa", "آیا مذاکره ادامه دارد؟ بله۔ پایان",
     ["آیا مذاکره ادامه دارد؟", "بله۔", "پایان"]),
    ("en", "The U.S. said enrichment stood at 3.67 percent. Mr. Witkoff flew to Muscat.",
     ["The U.S. said enrichment stood at 3.67 percent.", "Mr. Witkoff flew to Muscat."]),
    ("en", 'He said "we will talk. then we will see" and left. Talks resume Friday.',
     ['He said "we will talk. then we will see" and left.', "Talks resume Friday."]),
    ("en", "I think it's clear.\n\nWe don't view meetings as a concession. Really?",
     ["I think it's clear.", "We don't view meetings as a concession.", "Really?"]),
    ("en", "Wait... what happened next? Nobody knows.",
     ["Wait... what happened next?", "Nobody knows."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SENTENCES)
def test_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert _pieces(text) == expected


def test_unbalanced_quotes_do_not_swallow_the_line() -> None:
    text = 'قال المسؤول "الأمور جيدة. وأضاف أن المحادثات مستمرة. وانتهى.'
    assert len(_pieces(text)) == 3


@given(st.text(alphabet=st.sampled_from(list("ab .!?؟«»\"\n سلام۔")), max_size=80))
def test_spans_are_trimmed_ordered_and_nonempty(text: str) -> None:
    spans = split_segments(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == "".join(text.split())
