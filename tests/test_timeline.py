"""Timeline tables and figure: reports merged into events, rows by side/actor, precision as spans,
the article and venue tracks (with who asked), and the filter-aware queries behind them."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

import pandas as pd
import pytest
from network_data import build_store

from parley.analyze.timeline import (
    article_track,
    date_label,
    date_span,
    merge_reports,
    timeline_rows,
    venue_path,
    venue_track,
)
from parley.filters import Filters
from parley.render.figures import ARTICLES_ROW, VENUES_ROW, timeline_figure
from parley.render.hovers import article_hovers, event_hovers, venue_hovers
from parley.store import actors as act_q
from parley.store import articles as art_q
from parley.store import events as ev_q
from parley.store import network as net_q

D = dt.date


@pytest.fixture
def store(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine = build_store(sqlite_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(("day", "precision", "span", "label"), [
    (D(2026, 1, 31), "day", (D(2026, 1, 31), D(2026, 1, 31)), "2026-01-31"),
    (D(2026, 2, 1), "month", (D(2026, 2, 1), D(2026, 2, 28)), "February 2026"),
    (D(2024, 2, 10), "month", (D(2024, 2, 1), D(2024, 2, 29)), "February 2024"),  # leap year
    (D(2026, 5, 5), "year", (D(2026, 1, 1), D(2026, 12, 31)), "2026"),
    (None, "unknown", None, "undated"),
    (pd.NaT, "day", None, "undated"),
])
def test_date_span_and_label(day, precision: str, span, label: str) -> None:  # type: ignore[no-untyped-def]
    assert date_span(day, precision) == span
    assert date_label(day, precision) == label


def test_reports_merge_into_one_event_with_the_most_precise_date(store) -> None:  # type: ignore[no-untyped-def]
    ev = merge_reports(ev_q.load_event_reports(store, Filters())).set_index("event_id")
    assert ev.loc["ev_move", "n_reports"] == 2
    assert ev.loc["ev_move", "date"] == D(2026, 2, 5)  # the day beats 'early February'
    assert ev.loc["ev_move", "date_precision"] == "day"
    assert set(ev.loc["ev_move", "article_ids"].split(";")) == {"a000", "a002"}
    assert ev.loc["ev_qatar_visit", "date"] == D(2026, 1, 31)
    assert ev.loc["ev_resume", "date_precision"] == "month"
    assert pd.isna(ev.loc["ev_undated", "date"])


def test_rows_by_side_and_by_actor(store) -> None:  # type: ignore[no-untyped-def]
    ev = merge_reports(ev_q.load_event_reports(store, Filters()))
    actors = act_q.load_actors(store)
    by_side = timeline_rows(ev, actors, act_q.load_places(store), by="side")
    visit = by_side[by_side["event_id"] == "ev_qatar_visit"]
    assert set(visit["row"]) == {"mediator", "iran"}
    hover = event_hovers(visit)[0]
    assert "Mohammed bin Abdulrahman Al Thani, Ali Larijani" in hover
    assert "in Tehran" in hover and "2026-01-31" in hover
    assert "ev_undated" not in set(by_side["event_id"])  # undated events are not drawn
    by_actor = timeline_rows(ev, actors, by="actor")
    assert set(by_actor[by_actor["event_id"] == "ev_sisi_call"]["row"]) == {
        "Abdel Fattah el-Sisi", "Masoud Pezeshkian"}
    only = timeline_rows(ev, actors, by="side", only=("mediator",))
    assert set(only["row"]) == {"mediator"}
    month = by_side[by_side["event_id"] == "ev_resume"].iloc[0]
    assert (month["start"], month["end"]) == (D(2026, 2, 1), D(2026, 2, 28))


def test_article_track_draws_month_precision_as_a_span(store) -> None:  # type: ignore[no-untyped-def]
    track = article_track(art_q.load_articles(store, Filters())).set_index("article_id")
    assert "a004" not in track.index  # undated: no date, no mark
    assert track.loc["a003", "start"] == track.loc["a003", "end"] == D(2026, 2, 1)
    assert (track.loc["a002", "start"], track.loc["a002", "end"]) == (D(2026, 2, 1), D(2026, 2, 28))
    assert track["n"].sum() == 4


def test_article_track_groups_a_day_and_lists_a_few() -> None:
    arts = pd.DataFrame([{"id": f"x{i}", "outlet": f"O{i}", "title": f"T{i}", "lang": "ar" if i else "fa",
                          "published": D(2026, 2, 1), "date_precision": "day"} for i in range(5)])
    track = article_track(arts, listed=2)
    assert len(track) == 1 and track["n"].iloc[0] == 5 and track["lang"].iloc[0] == "ar"
    hover = article_hovers(track)[0]
    assert hover.startswith("5 articles published 2026-02-01") and "T1" in hover and "T2" not in hover
    assert "and 3 more" in hover


def test_venue_track_dates_order_and_who_asked(store) -> None:  # type: ignore[no-untyped-def]
    rows = ev_q.load_venues(store, Filters())
    assert "mentioned" not in set(rows["role"])
    ment, segs = ev_q.load_venue_context(store, rows)
    track = venue_track(rows, ev_q.load_event_reports(store, Filters()), ment, segs,
                        act_q.load_actors(store), act_q.load_places(store))
    assert venue_path(track) == ["Ankara", "Istanbul", "Turkey", "Muscat"]
    ankara = track[track["place_id"] == "ankara"].iloc[0]
    assert ankara["role"] == "proposed" and ankara["start"] == D(2026, 2, 1)
    assert set(ankara["asked_by"].split(", ")) == {"Egypt", "Turkey", "Qatar"}
    muscat = track[(track["place_id"] == "muscat") & (track["article_id"] == "a002")].iloc[0]
    assert muscat["asked_by"] == "Iran"  # 'بناءً على طلب إيران'
    assert "asked by Iran" in venue_hovers(track[track.index == muscat.name])[0]
    moved = track[(track["article_id"] == "a000")]
    assert list(moved["role"]) == ["moved_from", "moved_to"]
    assert set(moved["start"]) == {D(2026, 2, 5)}  # the event reported in the same sentence


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), {"ev_qatar_visit", "ev_sisi_call", "ev_fidan_host", "ev_move", "ev_resume", "ev_undated"}),
    (Filters(date_from=D(2026, 1, 31), date_to=D(2026, 1, 31)), {"ev_qatar_visit", "ev_sisi_call"}),
    (Filters(date_from=D(2026, 2, 2)), {"ev_move"}),
    (Filters(actors=("ali_larijani",)), {"ev_qatar_visit"}),
    (Filters(actors=("iran",)), {"ev_move", "ev_resume"}),  # exact ids: 'iran' is not in 'iranian'
    (Filters(sides=("mediator",)), {"ev_qatar_visit", "ev_sisi_call", "ev_fidan_host"}),
    (Filters(langs=("fa",)), set()),
    (Filters(outlets=("Gate",)), {"ev_move", "ev_resume"}),
    (Filters(articles=("a003",)), {"ev_qatar_visit", "ev_sisi_call", "ev_fidan_host"}),
    (Filters(topics=("nuclear",)), set()),  # no positions stored here
])
def test_event_query_honours_filters(store, filters: Filters, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert set(ev_q.load_event_reports(store, filters)["event_id"]) == expected


def test_mentions_and_articles_honour_filters(store) -> None:  # type: ignore[no-untyped-def]
    f = Filters(date_to=D(2026, 2, 3))
    assert set(art_q.load_articles(store, f)["id"]) == {"a003", "a002"}
    assert set(net_q.load_mentions(store, f)["article_id"]) == {"a003", "a002"}
    assert set(net_q.load_mentions(store, Filters(langs=("fa",)))["article_id"]) == {"a001"}
    links = net_q.load_links(store, Filters())
    assert list(links) == ["article_id", "segment_idx", "types"]
    assert (links.groupby(["article_id", "segment_idx"]).size() == 1).all()
    keys = set(zip(links["article_id"], links["segment_idx"], strict=True))
    assert ("a002", 1) not in keys  # one actor
    assert ("a000", 1) in keys  # named by mentions and by its event
    typed = net_q.load_links(store, Filters(), typed_only=True)
    assert (typed["types"] != "").all() and 0 < len(typed) < len(links)
    assert set(net_q.load_links(store, Filters(langs=("fa",)))["article_id"]) == {"a001"}


def test_event_evidence_lists_each_report_in_its_language(store) -> None:  # type: ignore[no-untyped-def]
    ev = ev_q.load_event_evidence(store, "ev_move")
    assert list(ev["article_id"]) == ["a002", "a000"]  # by publication date
    assert set(ev["lang"]) == {"ar"}
    assert "سلطنة عُمان" in " ".join(ev["evidence"])
    assert ev_q.load_event_evidence(store, "no-such-event").empty


def test_timeline_figure_tracks_spans_and_selection_ids(store) -> None:  # type: ignore[no-untyped-def]
    reports = ev_q.load_event_reports(store, Filters())
    rows = timeline_rows(merge_reports(reports), act_q.load_actors(store), act_q.load_places(store))
    arts = article_track(art_q.load_articles(store, Filters()))
    rows_v = ev_q.load_venues(store, Filters())
    ment, segs = ev_q.load_venue_context(store, rows_v)
    venues = venue_track(rows_v, reports, ment, segs, act_q.load_actors(store), act_q.load_places(store))
    fig = timeline_figure(rows, arts, venues)
    ids = {c[1] for t in fig.data for c in (t.customdata if t.customdata is not None else [])
           if c[0] == "event"}
    assert ids == {"ev_qatar_visit", "ev_sisi_call", "ev_fidan_host", "ev_move", "ev_resume"}
    symbols = {t.name: t.marker.symbol for t in fig.data if t.type in ("scatter", "scattergl")}
    assert symbols["visit"] != symbols["call"] != symbols["meeting"]
    # the many points (events, publications) are WebGL markers; the few venue marks stay SVG (text)
    assert {t.type for t in fig.data if t.name in ("visit", "call", "meeting")} == {"scattergl"}
    span = next(t for t in fig.data if t.name.startswith("meeting (month"))
    assert span.type == "bar" and span.orientation == "h"
    assert set(span.base) == {"2026-02-01"}  # on the us row and the iran row
    assert set(span.x) == {28 * 24 * 3600 * 1000}  # the whole of February 2026, in milliseconds
    categories = list(fig.layout.yaxis.categoryarray)
    assert ARTICLES_ROW in categories and VENUES_ROW in categories
    venue_trace = next(t for t in fig.data if t.name == "venue")
    assert any("Ankara" in s for s in venue_trace.text)
    # the legend names each kind of event once, whatever its statuses and precisions
    kinds = [t.legendgroup for t in fig.data if t.legendgroup and t.showlegend is not False]
    assert sorted(kinds) == sorted(set(kinds)) and {"visit", "call", "meeting"} <= set(kinds)


def test_venue_labels_too_close_to_read_are_left_to_the_hover() -> None:
    from parley.render.figures import _spread

    days = [D(2025, 1, 1), D(2025, 1, 2), D(2025, 6, 1), D(2026, 1, 1), D(2025, 12, 30)]
    names = ["Muscat", "Rome", "Geneva", "Istanbul", "Cairo, Doha"]
    # a year on the axis, ~4 days a character: Cairo, Doha is too close to Istanbul, Muscat to Rome
    assert _spread(days, names) == {3, 2, 1}
    assert _spread([D(2025, 1, 1), D(2025, 1, 2)], ["Ankara", "Istanbul"]) == {0, 1}  # a day's axis
    assert _spread([D(2025, 1, 1)], ["Rome"]) == {0} and _spread([], []) == set()


def test_hover_text_escapes_article_titles() -> None:
    arts = pd.DataFrame([{"id": "x1", "outlet": "<b onmouseover=alert(1)>", "title": "<script>x</script>",
                          "lang": "ar", "published": D(2026, 2, 1), "date_precision": "day"}])
    hover = article_hovers(article_track(arts))[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert "<b onmouseover" not in hover


def test_evidence_says_how_each_report_dated_the_event() -> None:
    from parley.render.figures import evidence_html

    reports = pd.DataFrame([{
        "event_id": "e", "article_id": "a1", "outlet": None, "title": "<b>t</b>", "published": None,
        "date_basis": "from other articles: 2 report(s) of the same meeting (IRNA, Reuters)",
        "lang": "fa", "evidence": "عراقچی و ویتکاف در مسقط دیدار کردند.",
    }])
    html = evidence_html(reports)
    assert "event dated by" in html and "from other articles: 2 report(s)" in html
    assert "<b>t</b>" not in html  # the title is escaped


def test_one_happening_is_happened_if_any_report_says_so() -> None:
    reports = pd.DataFrame([
        {"id": i, "event_id": "e", "article_id": f"a{i}", "segment_idx": 0, "date": dt.date(2025, 4, 12),
         "date_precision": "day", "date_basis": "x", "kind": "meeting", "actor_ids": "iran;usa",
         "place_id": "muscat", "evidence": "…", "status": st}
        for i, st in enumerate(["planned", "happened", "background"])])
    (row,) = merge_reports(reports).to_dict("records")
    assert (row["status"], row["n_reports"]) == ("happened", 3)
    only_plans = merge_reports(reports[reports["status"] == "planned"])
    assert only_plans["status"].tolist() == ["planned"]


def test_three_reports_of_one_meeting_are_one_happening(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Planned the day before, reported on the day, recalled after: one event, three sources,
    happened, first reported the day before (sentences written here)."""
    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine
    from parley.views import timeline_view

    texts = {
        "before.txt": "date 2025-05-09\nAraghchi and Witkoff will meet in Muscat on Saturday.\n",
        "day.txt": "date 2025-05-10\nAraghchi met Witkoff in Muscat today.\n",
        "after.txt": "date 2025-05-12\nAraghchi met Witkoff in Muscat on Saturday, officials said.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    init_db(engine)
    ingest_paths([tmp_path / n for n in texts], engine)
    view = timeline_view(engine, Filters())
    meetings = view.events[view.events["kind"] == "meeting"]
    assert len(meetings) == 1
    (m,) = meetings.to_dict("records")
    assert m["n_reports"] == 3 and m["status"] == "happened"
    assert m["date"] == dt.date(2025, 5, 10) and m["first_reported"] == dt.date(2025, 5, 9)
    # the CLI's events.csv tells the happening once too, with its three sources
    from parley.views import export_tables

    export_tables(engine, tmp_path / "csv")
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "meeting"]
    assert len(rows) == 1
    assert (rows[0]["reported_by"], rows[0]["status"]) == ("3", "happened")
    assert (rows[0]["date"], rows[0]["first_reported"]) == ("2025-05-10", "2025-05-09")
    assert len(rows[0]["article_ids"].split(";")) == 3 and rows[0]["evidence"]
    engine.dispose()


def test_a_speech_and_its_statements_are_one_happening_but_other_days_are_not() -> None:
    def report(i: int, eid: str, kind: str, day: dt.date, actors: str) -> dict[str, object]:
        return {"id": i, "event_id": eid, "article_id": f"a{i}", "segment_idx": 0, "date": day,
                "date_precision": "day", "date_basis": "x", "kind": kind, "actor_ids": actors,
                "place_id": None, "evidence": "…", "status": "happened", "published": day}

    reports = pd.DataFrame([
        report(0, "e1", "speech", dt.date(2025, 5, 10), "jd_vance"),
        report(1, "e2", "announcement", dt.date(2025, 5, 10), "jd_vance;usa"),
        report(2, "e3", "announcement", dt.date(2025, 5, 11), "jd_vance"),  # another day
        report(3, "e4", "meeting", dt.date(2025, 5, 10), "jd_vance"),  # another kind of happening
    ])
    merged = merge_reports(reports)
    assert sorted(merged["n_reports"].tolist()) == [1, 1, 2]
    (both,) = merged[merged["n_reports"] == 2].to_dict("records")
    assert set(both["member_ids"].split(";")) == {"e1", "e2"}


def test_disjoint_sets_group_by_ties_in_index_order() -> None:
    from parley.analyze.groups import DisjointSets

    sets = DisjointSets(5)
    sets.union(3, 1)
    sets.union(4, 3)
    assert sorted(sets.groups().values()) == [[0], [1, 3, 4], [2]]


def test_the_venue_track_reads_the_status_of_its_sentence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Talks to be held are not talks held, and last year's round is not a step of the path."""
    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine
    from parley.views import timeline_view

    texts = {
        "plan.txt": "date 2025-05-09\nIranian and American negotiators will hold talks in Muscat on Sunday, "
                    "Oman said.\n",
        "held.txt": "date 2025-05-20\nThe talks were held in Rome on Saturday, the foreign ministry said.\n",
        "past.txt": "date 2025-06-02\nOman hosted indirect talks between Iran and the United States "
                    "in Muscat last year.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    init_db(engine)
    ingest_paths([tmp_path / n for n in texts], engine)
    # all three are stored as talks venues, and Oman as the host of last year's talks too
    assert len(ev_q.load_venues(engine, Filters())) == 4
    view = timeline_view(engine, Filters())
    assert list(zip(view.venues["place_en"], view.venues["role"], strict=True)) == [
        ("Muscat", "planned"), ("Rome", "talks_venue")]
    assert "talks to be held" in venue_hovers(view.venues)[0]
    assert list(view.path) == ["Muscat", "Rome"]
    engine.dispose()


def test_a_date_range_clips_the_venue_track(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An article kept for an event in the range may name a venue dated by its own later publication:
    the track draws only the period."""
    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine
    from parley.views import timeline_view

    (tmp_path / "a.txt").write_text(
        "date 2025-05-16\nAraghchi and Witkoff held talks in Muscat on 12 May 2025.\n"
        "Oman proposed Rome as the venue of the next round.\n", encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    init_db(engine)
    ingest_paths([tmp_path / "a.txt"], engine)
    whole = timeline_view(engine, Filters())
    assert {"Muscat", "Rome"} <= set(whole.venues["place_en"])
    may = timeline_view(engine, Filters(date_from=D(2025, 5, 1), date_to=D(2025, 5, 14)))
    assert set(may.venues["place_en"]) == {"Muscat"} and list(may.path) == ["Muscat"]
    engine.dispose()


def test_a_report_dated_by_its_article_joins_another_article_a_day_earlier() -> None:
    """A press conference reported that evening (dated in the text) and next morning (dated only
    by the article): one happening. Within one article too: the article's day is no evidence of
    another day. With both dates in the text, two."""
    def report(i: int, article: str, day: dt.date, basis: str) -> dict[str, object]:
        return {"id": i, "event_id": f"e{i}", "article_id": article, "segment_idx": 0, "date": day,
                "date_precision": "day", "date_basis": basis, "kind": "speech", "actor_ids": "marco_rubio",
                "place_id": None, "evidence": "…", "status": "happened", "published": day}

    feb4, feb5 = dt.date(2026, 2, 4), dt.date(2026, 2, 5)

    def merged(*rows: dict[str, object]) -> pd.DataFrame:
        return merge_reports(pd.DataFrame(list(rows)))

    one = merged(report(0, "a", feb4, "'today'"), report(1, "b", feb5, "article date"))
    assert one["n_reports"].tolist() == [2] and one["date"].tolist() == [feb4]
    same_article = merged(report(0, "a", feb4, "'yesterday'"), report(1, "a", feb5, "article date"))
    assert same_article["n_reports"].tolist() == [2] and same_article["date"].tolist() == [feb4]
    both_in_text = merged(report(0, "a", feb4, "'today'"), report(1, "b", feb5, "'today'"))
    assert sorted(both_in_text["n_reports"].tolist()) == [1, 1]


def test_within_an_article_undated_and_article_dated_reports_join_the_dated_one() -> None:
    """'the summit' and 'the summit on 15 August' in one article are one planned happening; a
    background meeting of the same parties, another article's undated report, or a report a week
    and more before stays apart."""
    def report(i: int, article: str, day: dt.date | None, basis: str, status: str = "planned",
               actors: str = "donald_trump;vladimir_putin", kind: str = "meeting") -> dict[str, object]:
        return {"id": i, "event_id": f"e{i}", "article_id": article, "segment_idx": 0, "date": day,
                "date_precision": "day" if day else "unknown", "date_basis": basis, "kind": kind,
                "actor_ids": actors, "place_id": None, "evidence": "…", "status": status,
                "published": dt.date(2025, 8, 9)}

    aug15, aug9, aug1 = dt.date(2025, 8, 15), dt.date(2025, 8, 9), dt.date(2025, 8, 1)
    merged = merge_reports(pd.DataFrame([
        report(0, "a", None, "planned, no date given"),
        report(1, "a", aug15, "'15 August'", actors="vladimir_putin"),
        report(2, "a", None, "undated article", actors="donald_trump"),
        report(3, "a", None, "undated article", status="background"),  # earlier rounds: apart
        report(4, "b", None, "undated article"),  # another article's
        report(5, "a", aug9, "article date", status="happened", kind="announcement", actors="kremlin"),
        report(6, "a", dt.date(2025, 8, 8), "'Friday'", status="happened", kind="speech",
               actors="kremlin"),
        report(7, "a", aug1, "'1 August'", status="happened", kind="speech", actors="kremlin"),
    ]))
    groups = sorted(sorted(m.split(";")) for m in merged["member_ids"])
    assert groups == [["e0", "e1", "e2"], ["e3"], ["e4"], ["e5", "e6"], ["e7"]]


@pytest.mark.parametrize(("counts", "cap", "start"), [
    ([(dt.date(2026, 1, 1), 2), (dt.date(2026, 1, 2), 2)], 4, None),  # everything fits
    ([(dt.date(2026, 1, 1), 2), (dt.date(2026, 1, 2), 2)], 3, dt.date(2026, 1, 2)),
    ([(None, 5), (dt.date(2026, 1, 1), 1), (dt.date(2026, 1, 2), 1)], 3, dt.date(2026, 1, 1)),
    ([(dt.date(2026, 1, 1), 1), (dt.date(2026, 1, 2), 9)], 3, dt.date(2026, 1, 2)),  # the newest day at least
    ([(None, 9)], 3, None),  # nothing dated to draw from
])
def test_cap_start_keeps_the_newest_period_under_the_cap(counts: list[tuple[Any, int]], cap: int,
                                                        start: dt.date | None) -> None:
    from parley.analyze.timeline import cap_start

    assert cap_start(counts, cap) == start
