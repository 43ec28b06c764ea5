"""Every page, run through the router with Hypothesis-generated query parameters, raises nothing.

The parameters mix the names pages read (shared filters and each page's own) with unknown names,
and values drawn from ids that exist, near misses, markup, paths, control and bidi characters,
Arabic and Persian text, huge numbers and very long strings. A page may warn about a value; it
must never raise.
"""

from __future__ import annotations

import pytest
from apptest.conftest import RunPage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PAGES = ["pages/home.py", "pages/read.py", "pages/library.py", "pages/sources.py", "pages/actors.py",
         "pages/positions.py", "pages/timeline.py", "pages/network.py", "pages/compare.py",
         "pages/briefing.py", "pages/review.py"]
NAMES = ["from", "to", "lang", "outlet", "side", "actor", "topic", "a", "b",  # shared filters
         "event", "level", "mode", "rows", "show", "status", "window",  # pages' own
         "zz", "", "a[]"]
KNOWN = ["ar", "fa", "en", "us", "iran", "mediator", "marco_rubio", "abbas_araghchi", "nuclear", "diplomacy",
         "2026-02-01", "2026-02-31", "outlet", "side", "actors", "states", "happened", "all", "new",
         "7", "30"]
HOSTILE = ["<script>alert(1)</script>", "../../etc/passwd", "javascript:alert(1)", "%00", "\u202e\u2066x",
           "عراقچی", "مسقط،أنقرة", "-1", "1e309", "9" * 40, "x" * 3000, ",,,,", " ", "\x00\x1f"]
VALUES = st.one_of(
    st.sampled_from(KNOWN + HOSTILE),
    st.lists(st.sampled_from(KNOWN + HOSTILE), min_size=1, max_size=4).map(",".join),
    st.text(max_size=40),
)
PARAMS = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=5)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_parameters_never_raise(run_page: RunPage, page: str) -> None:
    @settings(max_examples=12, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(params=PARAMS)
    def run(params: dict[str, str]) -> None:
        at = run_page(page, **params)
        assert not at.exception, (page, params, [e.value for e in at.exception])

    run()
