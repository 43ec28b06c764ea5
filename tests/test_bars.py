"""parley.render.bars: the overview's count charts as HTML; labels escaped and isolated, widths and
heights relative to the largest count, undated articles apart from the date axis."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from parley.render.bars import MAX_COLUMNS, day_columns, row_bars

HOSTILE = ["<script>alert(1)</script>", '" onmouseover="alert(1)', "</div><img src=x onerror=alert(1)>",
           "الجزيرة", "ایران اینترنشنال", "BBC فارسی"]


def widths(html: str) -> list[str]:
    return re.findall(r'class="parley-bar" style="width: ([\d.]+)%"', html)


def test_row_bars_are_relative_to_the_largest() -> None:
    html = row_bars(["ar", "fa", "en"], [2, 8, 4], "By language")
    assert widths(html) == ["25.0", "100.0", "50.0"]
    assert re.findall(r'<span class="parley-bar-n">(\d+)</span>', html) == ["2", "8", "4"]
    assert "By language" in html and "(14)" in html and html.startswith('<div class="parley-bars" dir="ltr">')


@pytest.mark.parametrize("label", HOSTILE)
def test_labels_are_escaped_and_isolated(label: str) -> None:
    html = row_bars([label], [3], "By outlet")
    assert "<script" not in html and "<img" not in html and 'onmouseover="' not in html
    assert '<bdi dir="auto" class="parley-bar-label">' in html  # an Arabic name keeps its direction
    if label.isprintable() and "<" not in label and '"' not in label:
        assert f">{label}</bdi>" in html  # logical order, never reshaped


def test_day_columns_in_date_order_with_undated_apart() -> None:
    html = day_columns(["undated", "2026-02-05", "2026-01-30", "2026-02-01"], [4, 1, 2, 6], "By date")
    cols = re.findall(r'class="parley-col" style="height: ([\d.]+)%" title="([^"]+)"', html)
    assert [t for _, t in cols] == ["2026-01-30: 2", "2026-02-01: 6", "2026-02-05: 1"]
    assert cols[1][0] == "100.0"
    assert "4 undated" in html and "most in a day: 6" in html and "(13)" in html


def test_empty_counts_say_so() -> None:
    assert "No articles." in row_bars([], [], "By outlet")
    assert "No dated articles." in day_columns(["undated"], [3], "By date")
    assert "No dated articles." in day_columns([], [], "By date")


def test_zero_counts_do_not_divide_by_zero() -> None:
    assert widths(row_bars(["a"], [0], "t")) == ["0"]


def test_many_days_are_drawn_a_column_per_week() -> None:
    """Over MAX_COLUMNS dated days (and month-precise dates), a column per week from its Monday, the
    counts summed; the axis still names the first and last day."""
    start = dt.date(2025, 3, 3)  # a Monday
    days = [(start + dt.timedelta(days=i)).isoformat() for i in range(MAX_COLUMNS + 5)]
    html = day_columns([*days, "2025-04", "undated"], [1] * len(days) + [10, 7], "By date")
    cols = re.findall(r'class="parley-col" style="height: ([\d.]+)%" title="week of ([\d-]+): (\d+)"', html)
    assert len(cols) == -(-(MAX_COLUMNS + 5) // 7)
    assert [w for _, w, _ in cols] == sorted(w for _, w, _ in cols)
    assert all(dt.date.fromisoformat(w).weekday() == 0 for _, w, _ in cols)
    counts = {w: int(n) for _, w, n in cols}
    assert counts["2025-03-03"] == 7 and counts["2025-03-31"] == 7 + 10  # 2025-04 falls in the week of 03-31
    assert sum(counts.values()) == len(days) + 10
    assert f">{days[0]}</span>" in html and f">{days[-1]}</span>" in html and "most in a week: 17" in html
    assert "7 undated" in html and 'style="gap: 2px"' in html  # a few columns: apart again
