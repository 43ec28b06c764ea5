"""The timeline's hover texts, composed from the parts parley.analyze.timeline puts in its frames.

Plotly reads HTML entities and a few tags (<b>, <i>, <br>) in its labels, so every part that
comes from an article or the gazetteer is escaped here; the markup is ours.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from parley.render.html import esc


def _escaper() -> Callable[[str], str]:
    """esc, remembering its answers: for the few strings each hover repeats (kinds, places)."""
    memo: dict[str, str] = {}

    def escaped(s: str) -> str:
        out = memo.get(s)
        if out is None:
            out = memo[s] = esc(s)
        return out

    return escaped


def event_hovers(rows: pd.DataFrame) -> list[str]:
    """One hover per timeline row (ROW_COLUMNS): kind, date and precision, actors, place, status,
    how many sources reported it."""
    escaped = _escaper()
    out: list[str] = []
    for kind, when, prec, named, place, status, n in zip(
            rows["kind"].tolist(), rows["when"].tolist(), rows["date_precision"].tolist(),
            rows["actors_en"].tolist(), rows["place_en"].tolist(), rows["status"].tolist(),
            rows["n_reports"].tolist(), strict=True):
        kind, prec, place, status, n = str(kind), str(prec), str(place), str(status), int(n)
        out.append(f"<b>{escaped(kind.capitalize())}</b><br>{when}"
                   f" ({escaped(prec)} precision)<br>{esc(str(named)) or 'no actor named'}"
                   + (f"<br>in {escaped(place)}" if place else "")
                   + (f"<br><i>{escaped(status.replace('_', ' '))}</i>" if status != "happened" else "")
                   + f"<br>reported by {n} source{'s' if n != 1 else ''}")
    return out


def article_hovers(track: pd.DataFrame, *, listed: int = 3) -> list[str]:
    """One hover per mark of the article track: how many articles, when, the first few listed."""
    out: list[str] = []
    for n, when, shown in zip(track["n"].tolist(), track["when"].tolist(), track["listed"].tolist(),
                              strict=True):
        n = int(n)
        lines = [f"<b>{esc(outlet)}</b> ({esc(lang)}): {esc(title)}" for outlet, lang, title in shown]
        more = f"<br>and {n - len(lines)} more" if n > len(lines) else ""
        out.append(f"{n} article{'s' if n != 1 else ''} published {when}<br>" + "<br>".join(lines) + more)
    return out


def venue_hovers(venues: pd.DataFrame) -> list[str]:
    """One hover per venue-track row: place, role, date and precision, who asked."""
    out: list[str] = []
    for place, role, when, prec, asked in zip(
            venues["place_en"].tolist(), venues["role_en"].tolist(), venues["when"].tolist(),
            venues["date_precision"].tolist(), venues["asked_by"].tolist(), strict=True):
        out.append(f"<b>{esc(str(place))}</b>: {esc(str(role))}<br>{when} ({esc(str(prec))} precision)"
                   + (f"<br>asked by {esc(str(asked))}" if asked else ""))
    return out
