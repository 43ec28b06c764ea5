"""Unknown person names become candidates with their evidence, never dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2026, 2, 10)


@pytest.mark.parametrize(
    ("lang", "text", "name", "sign"),
    [
        ("ar", "وقال المتحدث باسم الخارجية العمانية سالم الحارثي إن الجولة مثمرة.", "سالم الحارثي", "title"),
        ("ar", "قال سفير النرويج يوهان هانسن إن بلاده تدعم الحوار.", "يوهان هانسن", "title"),
        ("fa", "سخنگوی وزارت خارجه ناصر کاظمی گفت مذاکرات ادامه دارد.", "ناصر کاظمی", "title"),
        ("en", "Norwegian diplomat Johan Hansen said the talks were useful.", "Johan Hansen", "capitalised"),
    ],
)
def test_unknown_names_become_candidates(lang: str, text: str, name: str, sign: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    cands = extract_article(art).candidates
    assert any(c.surface == name and c.sign == sign and c.evidence == text for c in cands), cands


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "قال وزير الخارجية الإيراني عباس عراقجي إن الجولة مثمرة."),  # known: no candidate
        ("ar", "وزار رئيس أركان الجيش الإسرائيلي واشنطن."),  # a title with no name after it
        ("en", "Secretary of State Marco Rubio said on Thursday that talks would go on."),
    ],
)
def test_known_names_and_bare_titles_are_not_candidates(lang: str, text: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    assert extract_article(art).candidates == []
