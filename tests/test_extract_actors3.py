"""Actors from the third round of tune misses, on new ar/fa/en sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 10, 1)


def actors(text: str, lang: str) -> set[str]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {m.actor_id for m in extract_article(art).mentions}


@pytest.mark.parametrize(
    ("lang", "text", "state"),
    [
        ("en", "Canadian diplomats joined the meeting late on Sunday.", "canada"),
        ("ar", "وأكدت الحكومة اللبنانية التزامها بالقرار.", "lebanon"),
        ("fa", "دیپلمات‌های اردنی در این نشست حضور داشتند.", "jordan"),
        ("en", "The attack was launched from Afghan soil, officials said.", "afghanistan"),
    ],
)
def test_a_state_named_by_its_adjective_is_mentioned(lang: str, text: str, state: str) -> None:
    assert state in actors(text, lang)
