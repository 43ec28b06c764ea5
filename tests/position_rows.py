"""What the position frame tests read: an article of one sentence or a few, dated 14 September 2025,
and its (actor, topic, stance) rows, or (actor, topic) pairs."""

from __future__ import annotations

import datetime as dt

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 9, 14)
Row = tuple[str, str, str]


def positions(text: str, lang: str) -> set[Row]:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    return {(p.actor_id, p.topic, p.stance) for p in extract_article(art).positions}


def pairs(text: str, lang: str) -> set[tuple[str, str]]:
    return {(a, t) for a, t, _ in positions(text, lang)}
