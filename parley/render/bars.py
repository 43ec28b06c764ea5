"""The overview's count charts as plain HTML bars: how many articles per language, outlet and day.

Three small plotly charts cost the overview more in the browser than everything else on it together
(plotly's 4.7 MB script and three plots drawn on every visit); a count per category is a list of
bars, which HTML draws at once. Labels (outlet names) are untrusted: escaped and isolated with
<bdi dir="auto">, so an Arabic outlet name keeps its own direction inside the left-to-right chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from parley.render.html import esc

UNDATED = "undated"
MAX_COLUMNS = 120  # more dated days than this are drawn a column per week


def _pct(n: int, top: int) -> str:
    return f"{100 * n / top:.1f}" if top else "0"


def _caption(title: str, total: int) -> str:
    return f'<div class="parley-bars-title">{esc(title)} <span class="parley-meta">({total:,})</span></div>'


def row_bars(labels: Sequence[str], counts: Sequence[int], title: str) -> str:
    """One labelled horizontal bar per category, widths relative to the largest count; a long
    list scrolls inside its box."""
    top = max(counts, default=0)
    rows = "".join(
        f'<div class="parley-bar-row" title="{esc(label)}: {n:,}">'
        f'<bdi dir="auto" class="parley-bar-label">{esc(label)}</bdi>'
        f'<span class="parley-bar-track"><span class="parley-bar" style="width: {_pct(n, top)}%">'
        "</span></span>"
        f'<span class="parley-bar-n">{n:,}</span></div>'
        for label, n in zip(labels, counts, strict=True))
    empty = "" if rows else '<div class="parley-meta">No articles.</div>'
    return (f'<div class="parley-bars" dir="ltr">{_caption(title, sum(counts))}'
            f'<div class="parley-bar-rows">{rows}{empty}</div></div>')


def _week_of(day: str) -> str:
    """The Monday of the week holding ``day`` (YYYY-MM-DD, or YYYY-MM: its first day)."""
    d = dt.date.fromisoformat(day if len(day) > 7 else day + "-01")
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def day_columns(days: Sequence[str], counts: Sequence[int], title: str) -> str:
    """Articles per day as thin columns in date order (each with its day and count on hover), the
    first and last day under them, and the undated articles, which have no place on the axis, as a
    line of their own. ``days`` are ISO dates (YYYY-MM-DD or YYYY-MM) or "undated". Over
    MAX_COLUMNS days, a column is a week (from its Monday): a year and a half of days was 540
    columns under a pixel wide, each an element the browser drew."""
    dated = sorted((d, n) for d, n in zip(days, counts, strict=True) if d != UNDATED)
    undated = sum(n for d, n in zip(days, counts, strict=True) if d == UNDATED)
    unit, cols_of = "day", dated
    if len(dated) > MAX_COLUMNS:
        weeks: dict[str, int] = {}
        for d, n in dated:
            weeks[_week_of(d)] = weeks.get(_week_of(d), 0) + n
        unit, cols_of = "week", sorted(weeks.items())
    top = max((n for _, n in cols_of), default=0)
    prefix = "week of " if unit == "week" else ""
    cols = "".join(f'<span class="parley-col" style="height: {_pct(n, top)}%" '
                   f'title="{prefix}{esc(d)}: {n:,}"></span>' for d, n in cols_of)
    axis = (f'<div class="parley-col-axis"><span>{esc(dated[0][0])}</span>'
            f'<span>most in a {unit}: {top:,}</span><span>{esc(dated[-1][0])}</span></div>') if dated else ""
    gap = ' style="gap: 2px"' if len(cols_of) <= MAX_COLUMNS else ""  # apart while there is room
    body = (f'<div class="parley-cols"{gap}>{cols}</div>{axis}' if dated
            else '<div class="parley-meta">No dated articles.</div>')
    foot = f'<div class="parley-meta">{undated:,} undated</div>' if undated else ""
    return f'<div class="parley-bars" dir="ltr">{_caption(title, sum(counts))}{body}{foot}</div>'
