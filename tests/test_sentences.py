"""Sentence ends: a mark pasted right before an Arabic-script letter ends a sentence (Arabic and
Persian write no abbreviation with a dot inside a word); a Latin one does not ('U.S.Navy').
Every sentence is written for this test."""

from __future__ import annotations

import pytest

from parley.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("عقدت الجولة الثالثة في روما.وتمثل هذه اللقاءات أعلى مستوى من التواصل.", 2),
        ("مذاکرات در رم برگزار شد.این دور سوم گفتگوها بود؟آری.", 3),
        ("قال د.محمد إن المحادثات مستمرة.", 1),  # a one-letter title ('د.' for doctor) ends nothing
        ("The talks were held at the U.S.Embassy in Rome.", 1),
        ("The talks ended in Rome. وقال عراقجي إنها بناءة.", 2),
        # an abbreviation's stop before a number or a capital ends nothing (data/gazetteer/abbreviations.yaml)
        ("The deadline is Nov. 14 for both sides. Lt. Gen. Rahimi said so.", 2),
        ("Talks resumed in Sept. The envoys left.", 2),  # a month's, only before its number
        ("Mr. Lavrov met Dr. Haddad on Dec. 2 in Vienna.", 1),
    ],
)
def test_sentences_pasted_without_a_space(text: str, n: int) -> None:
    spans = split_sentences(text)
    assert len(spans) == n, [text[s:e] for s, e in spans]
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("The summit is due from Oct. 28 to Nov. 2 in Lima, a spokesman said.", 1),
        ("Adm. Reyes and Gen. Okafor met the envoy. They left.", 2),
        ("المحادثات في Sept. 9 انتهت. ثم عادوا.", 2),
        ("نشست در Dec. 3 برگزار شد. سپس پایان یافت.", 2),
    ],
)
def test_abbreviations_in_the_normalised_copy(text: str, n: int) -> None:
    """The extraction splits the lower-cased normalised copy: an abbreviation's case is read from
    the original text (sentences written for this test)."""
    from parley.text.normalize import normalize

    norm = normalize(text)
    spans = split_sentences(norm.text, text, norm.offsets)
    assert len(spans) == n, [norm.text[s:e] for s, e in spans]
