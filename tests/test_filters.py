"""parley.filters: URL parameters <-> Filters, with every bad value dropped and noticed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.filters import MAX_IDS, MAX_VALUE_CHARS, Filters, KnownIds, parse_params, to_params

KNOWN = KnownIds(
    outlets=frozenset({"خبرني", "Gate", "ایسنا"}),
    actors=frozenset({"marco_rubio", "abbas_araghchi", "jd_vance"}),
    topics=frozenset({"nuclear", "ballistic_missiles"}),
    articles=frozenset({"d297c3bb2ab1174d", "ca22d49b7a009fcd"}),
    briefings=frozenset({"b1"}),
)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Filters()),
        ({"from": "2026-02-01", "to": "2026-02-05"},
         Filters(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 5))),
        ({"lang": "ar,fa"}, Filters(langs=("ar", "fa"))),
        ({"lang": ["ar", "en"]}, Filters(langs=("ar", "en"))),
        ({"outlet": "خبرني,ایسنا"}, Filters(outlets=("خبرني", "ایسنا"))),
        ({"side": "us,iran"}, Filters(sides=("us", "iran"))),
        ({"actor": "marco_rubio", "topic": "nuclear"}, Filters(actors=("marco_rubio",), topics=("nuclear",))),
        ({"a": "d297c3bb2ab1174d"}, Filters(articles=("d297c3bb2ab1174d",))),
        ({"b": "b1"}, Filters(briefing="b1")),
        ({"lang": "ar,ar, fa ,"}, Filters(langs=("ar", "fa"))),
        ({"utm_source": "x", "lang": "en"}, Filters(langs=("en",))),  # unrelated names are ignored
    ],
)
def test_good_params(params: dict[str, str | list[str]], expected: Filters) -> None:
    filters, notices = parse_params(params, KNOWN)
    assert filters == expected
    assert notices == []


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"from": "2026-13-45"}, "from"),
        ({"from": "2026-02-30"}, "not a real date"),
        ({"to": "yesterday"}, "must be a date"),
        ({"to": "20260204"}, "must be a date"),
        ({"a": "<script>alert(1)</script>"}, "markup"),
        ({"actor": "../../etc/passwd"}, "file path"),
        ({"outlet": "C:\\Windows"}, "file path"),
        ({"actor": "x" * 10_000}, "too long"),
        ({"lang": "ar\x00"}, "control"),
        ({"lang": "ar\u202e"}, "control"),
        ({"topic": "javascript:alert(1)"}, "markup"),
        ({"actor": "nobody"}, "unknown"),
        ({"b": "nope"}, "unknown briefing"),
        ({"lang": "ur"}, "unknown"),
        ({"a": ",".join(f"id{i}" for i in range(MAX_IDS + 1))}, "at most"),
    ],
)
def test_bad_params_are_dropped_with_a_notice(params: dict[str, str], needle: str) -> None:
    filters, notices = parse_params(params, KNOWN)
    assert filters == Filters()
    assert len(notices) == 1
    assert needle in notices[0]


def test_notices_never_echo_markup() -> None:
    _, notices = parse_params({"actor": "<img src=x onerror=alert(1)>", "lang": "<b>x"}, KNOWN)
    assert notices and all("<" not in n and ">" not in n for n in notices)
    _, notices = parse_params({"actor": "evil`**[x](javascript:1)**"}, KNOWN)
    assert notices and all("`**" not in n and "](" not in n for n in notices)


def test_from_after_to_drops_both() -> None:
    filters, notices = parse_params({"from": "2026-02-05", "to": "2026-02-01"}, KNOWN)
    assert (filters.date_from, filters.date_to) == (None, None)
    assert notices == ["'from' (2026-02-05) is after 'to' (2026-02-01); both were ignored"]


def test_good_values_survive_next_to_bad_ones() -> None:
    filters, notices = parse_params({"actor": "marco_rubio,nobody", "lang": "fa", "to": "2026-02-31"}, KNOWN)
    assert filters == Filters(actors=("marco_rubio",), langs=("fa",))
    assert len(notices) == 2


def test_value_at_the_bound_is_read_over_it_is_not() -> None:
    pad = "," * (MAX_VALUE_CHARS - 2)
    assert parse_params({"lang": "ar" + pad}, KNOWN)[0].langs == ("ar",)
    assert parse_params({"lang": "ar" + pad + ","}, KNOWN)[0].langs == ()


def test_round_trip_example() -> None:
    f = Filters(date_from=dt.date(2026, 2, 1), langs=("ar", "fa"), outlets=("خبرني",),
                actors=("marco_rubio",), articles=("ca22d49b7a009fcd",), briefing="b1")
    assert parse_params(to_params(f), KNOWN) == (f, [])
    assert to_params(Filters()) == {}


def _subset(pool: frozenset[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(sorted(pool)), unique=True).map(tuple)


@settings(deadline=None)  # never a wall-clock assertion
@given(
    date_from=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    langs=_subset(KNOWN.langs), outlets=_subset(KNOWN.outlets), sides=_subset(KNOWN.sides),
    actors=_subset(KNOWN.actors), topics=_subset(KNOWN.topics), articles=_subset(KNOWN.articles),
)
def test_round_trip_property(date_from: dt.date | None, langs: tuple[str, ...], outlets: tuple[str, ...],
                             sides: tuple[str, ...], actors: tuple[str, ...], topics: tuple[str, ...],
                             articles: tuple[str, ...]) -> None:
    f = Filters(date_from=date_from, langs=langs, outlets=outlets, sides=sides, actors=actors,
                topics=topics, articles=articles)
    assert parse_params(to_params(f), KNOWN) == (f, [])


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["from", "to", "lang", "outlet", "side", "actor", "topic", "a", "b"]),
                       st.text(max_size=300) | st.lists(st.text(max_size=50), max_size=4)))
def test_never_raises_and_keeps_only_known_ids(params: dict[str, str | list[str]]) -> None:
    filters, notices = parse_params(params, KNOWN)
    assert set(filters.actors) <= KNOWN.actors and set(filters.articles) <= KNOWN.articles
    assert set(filters.langs) <= KNOWN.langs and set(filters.outlets) <= KNOWN.outlets
    assert all(isinstance(n, str) and "<" not in n for n in notices)
