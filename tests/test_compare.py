"""Source comparison: fingerprints, one-to-one alignment, the facts table, group mode, the summary,
and the sources parley.views reads for the page, kept to the shared filters.

Unit tests use hand-built frames; the seed tests ingest the five seed articles with the real
pipeline (parley.ingest.ingest_paths) into a SQLite file and compare them as the page does.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from PIL import Image
from sqlalchemy import Engine

from parley import compare_columns as cols
from parley import views
from parley.analyze import compare as C
from parley.analyze import compare_alignment as A
from parley.analyze import compare_model as M
from parley.analyze.compare import compare_sources, summarize
from parley.analyze.compare_alignment import score_pair
from parley.analyze.compare_facts import facts_table
from parley.analyze.compare_model import Source
from parley.filters import Filters
from parley.store import compare_queries as Q

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "data" / "articles"
ARTIFACTS = REPO / "tests" / "artifacts"

# --- hand-built sources ----------------------------------------------------------------------


def _source(key: str, lang: str, segs: list[str], *, published: dt.date | None = dt.date(2026, 2, 4),
            mentions: list[tuple[int, str]] = (), venues: list[tuple[int, str, str]] = (),
            positions: list[tuple[int, str, str, str]] = (), quotes: list[tuple[int, str]] = (),
            events: list[tuple[int, str, str, dt.date | None, str | None]] = ()) -> Source:
    """A one-article source; rows are (segment idx, ...) and spans cover the whole segment."""
    text, spans = "", []
    for s in segs:
        spans.append((len(text), len(text) + len(s)))
        text += s + "\n"
    art = pd.DataFrame([{"id": key, "outlet": None, "title": segs[0], "lang": lang, "published": published,
                         "date_precision": "day" if published else "unknown",
                         "date_basis": "test" if published else "no date in the text", "text": text}])
    seg = pd.DataFrame([{"article_id": key, "idx": i, "start": a, "end": b, "lang": lang, "text": s}
                        for i, ((a, b), s) in enumerate(zip(spans, segs, strict=True))])

    def span(i: int) -> dict[str, Any]:
        return {"article_id": key, "segment_idx": i, "start": spans[i][0], "end": spans[i][0] + 2}

    def frame(rows: list[dict[str, Any]], cols: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=list(cols))

    return Source(
        key=key, label=key, lang=lang, articles=art, segments=seg,
        mentions=frame([{**span(i), "actor_id": a, "surface": "x"} for i, a in mentions],
                       cols.MENTION_COLUMNS),
        venues=frame([{**span(i), "place_id": p, "role": r, "evidence": "x"} for i, p, r in venues],
                     cols.VENUE_COLUMNS),
        positions=frame([{**span(i), "actor_id": a, "topic": t, "stance": s, "evidence": "x"}
                         for i, a, t, s in positions], cols.POSITION_COLUMNS),
        quotes=frame([{**span(i), "speaker_id": a, "lang": lang, "text": "x"} for i, a in quotes],
                     cols.QUOTE_COLUMNS),
        events=frame([{**span(i), "event_id": f"{key}{n}", "date": d,
                       "date_precision": "day" if d else "unknown",
                       "kind": k, "actor_ids": a, "place_id": p, "evidence": "x"}
                      for n, (i, k, a, d, p) in enumerate(events)], cols.EVENT_COLUMNS),
    )


AR = _source("ar1", "ar", ["أكد روبيو أن واشنطن منفتحة على الحوار", "نقل المحادثات إلى مسقط بدلا من إسطنبول",
                           "عنوان بلا أسماء"],
             mentions=[(0, "marco_rubio"), (0, "usa")], quotes=[(0, "marco_rubio")],
             positions=[(0, "marco_rubio", "diplomacy", "supports")],
             venues=[(1, "muscat", "moved_to"), (1, "istanbul", "moved_from")],
             events=[(1, "meeting", "steve_witkoff;abbas_araghchi", dt.date(2026, 2, 6), "muscat")])
FA = _source("fa1", "fa", ["روبیو گفت آمریکا آماده گفت‌وگو است", "دیدار ویتکاف و عراقچی در استانبول"],
             mentions=[(0, "marco_rubio"), (0, "usa")], quotes=[(0, "marco_rubio")],
             positions=[(0, "marco_rubio", "diplomacy", "supports")],
             venues=[(1, "istanbul", "talks_venue")],
             events=[(1, "meeting", "steve_witkoff;abbas_araghchi", dt.date(2026, 2, 5), "istanbul")])


@pytest.mark.parametrize(("text", "numbers"), [
    ("قتل ۱۵ شخصا", {"15"}),  # Persian digits
    ("أكثر من ٣٠ دولة", {"30"}),  # Arabic-Indic digits
    ("30 countries in 2026", {"30"}),  # years say nothing about a passage
    ("February 5, 2026", {"5"}),
    ("pic.twitter.com/66LUTEMFoK", set()),  # digits inside a token are not numbers
])
def test_numbers_are_read_in_every_script(text: str, numbers: set[str]) -> None:
    assert A._numbers(text) == numbers


def test_score_rewards_a_shared_speaker_and_topic() -> None:
    a = frozenset({("actor", "marco_rubio"), ("speaker", "marco_rubio"), ("topic", "diplomacy")})
    b = a | {("actor", "iran")}
    c = frozenset({("actor", "marco_rubio"), ("actor", "iran")})
    assert score_pair(a, b)[0] > score_pair(a, c)[0] + A.SPEAKER_TOPIC_BONUS
    assert score_pair(a, frozenset()) == (0.0, 0.0)
    assert 0 < score_pair(a, b)[1] <= 1


def test_alignment_is_one_to_one_and_marks_lone_segments() -> None:
    rows = A.align_segments([AR, FA])
    placed = [(k, r.idx) for row in rows for k, r in row.cells.items()]
    assert sorted(placed) == sorted([("ar1", 0), ("ar1", 1), ("ar1", 2), ("fa1", 0), ("fa1", 1)])
    pairs = {tuple(sorted((k, r.idx) for k, r in row.cells.items())) for row in rows if row.aligned}
    assert (("ar1", 0), ("fa1", 0)) in pairs  # Rubio's statement, across Arabic and Persian
    comparison = compare_sources([AR, FA])
    lone = [row for row in comparison.rows if not row.aligned]
    assert [comparison.only_in(r) for r in lone] == ["ar1"]  # the heading with no names
    assert ("speaker", "marco_rubio") in next(r for r in comparison.rows if r.aligned).shared


def test_facts_flag_different_dates_and_venues() -> None:
    facts = facts_table([AR, FA]).set_index("key")
    assert facts.loc["muscat/moved_to", "only_in"] == "ar1"
    assert facts.loc["istanbul/moved_from", "only_in"] == "ar1"
    assert bool(facts.loc["muscat/moved_to", "disagreement"])  # current venue: Muscat vs Istanbul
    assert bool(facts.loc["istanbul/talks_venue", "disagreement"])
    assert not bool(facts.loc["istanbul/moved_from", "disagreement"])
    meeting = facts[facts["kind"] == "event"].iloc[0]
    assert meeting["ar1"] == "2026-02-06" and meeting["fa1"] == "2026-02-05"
    assert bool(meeting["disagreement"]) and "different dates" in meeting["note"]
    assert "different places" in meeting["note"]
    rubio = facts.loc["marco_rubio/diplomacy/supports"]
    assert rubio["carried_by"] == "ar1, fa1" and rubio["only_in"] == "" and not bool(rubio["disagreement"])


def test_an_undated_source_is_said_to_be_undated_never_given_a_date() -> None:
    undated = _source("u1", "ar", ["ويتكوف يلتقي عراقجي"], published=None, mentions=[(0, "steve_witkoff")],
                      events=[(0, "meeting", "steve_witkoff;abbas_araghchi", None, None)])
    facts = facts_table([AR, undated]).set_index("key")
    assert facts.loc["published", "u1"] == "no date"
    assert "no date: u1" in facts.loc["published", "note"]
    meeting = facts[facts["kind"] == "event"].iloc[0]
    assert meeting["u1"] == "no date" and not bool(meeting["disagreement"])  # unknown is not a clash
    assert "no date in u1" in meeting["note"]
    assert C.date_note(undated) == "no date (no date in the text)"
    assert str(dt.date.today()) not in facts.to_string()


def test_same_kind_and_same_people_alone_do_not_merge_unrelated_events() -> None:
    a = _source("a", "ar", ["اتصال"], events=[(0, "call", "abdel_fattah_el_sisi;donald_trump", None, None)])
    b = _source("b", "ar", ["خطاب"], events=[(0, "call", "donald_trump", dt.date(2026, 2, 1), None)])
    events = facts_table([a, b]).query("kind == 'event'")
    assert len(events) == 2 and set(events["only_in"]) == {"a", "b"}


def test_restrict_to_actors_keeps_one_sides_facts() -> None:
    only_us = M.restrict_to_actors(AR, {"marco_rubio", "usa"})
    assert set(only_us.mentions["actor_id"]) == {"marco_rubio", "usa"}
    assert only_us.events.empty  # the meeting names no US actor
    assert len(only_us.segments) == len(AR.segments)


def test_compare_needs_two_uniquely_labelled_sources() -> None:
    with pytest.raises(ValueError):
        compare_sources([AR])
    with pytest.raises(ValueError):
        compare_sources([AR, AR])


def test_view_rows_colour_each_actor_the_same_in_every_column() -> None:
    comparison = compare_sources([AR, FA])
    colours = {i: f"#00000{n}" for n, i in enumerate(C.marked_ids(comparison))}
    grid = C.view_rows(comparison, colours)
    assert len(grid) == len(comparison.rows) and all(len(r) == 2 for r in grid)
    rubio = {m[2] for row in grid for cell in row if cell for m in cell[2] if m[3] == "marco_rubio"}
    assert rubio == {colours["marco_rubio"]}
    badges = [cell[3] for row in grid for cell in row if cell and cell[3]]
    assert badges == ["only in ar1"]


# --- the seed articles, ingested for real ----------------------------------------------------


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, dict[str, str]]]:
    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('compare') / 'parley.db'}")
    report = ingest_paths([SEED_DIR], engine)
    assert not report.rejected, report.summary()
    choices = views.compare_article_choices(engine, Filters())
    ids = {}
    with engine.connect() as conn:
        from sqlalchemy import select

        from parley.store.schema import articles
        for aid, origin in conn.execute(select(articles.c.id, articles.c.origin)):
            ids[Path(origin).name[:3]] = aid
    assert set(ids) == {"000", "001", "002", "003", "004"} and len(choices) == 5
    yield engine, ids
    engine.dispose()


def _compare(store: tuple[Engine, dict[str, str]], *prefixes: str) -> M.Comparison:
    engine, ids = store
    sources, missing = views.compare_article_sources(engine, [ids[p] for p in prefixes], Filters())
    assert not missing
    actors, places = Q.reference_frames(engine)
    return compare_sources(sources, actors=actors, places=places)


def _speakers(comparison: M.Comparison, ref: M.SegmentRef) -> set[str]:
    source = next(s for s in comparison.sources if s.key == ref.source)
    q = source.quotes
    return set(q[(q["article_id"] == ref.article_id) & (q["segment_idx"] == ref.idx)]["speaker_id"])


def test_seeds_000_001_rubio_press_conference_aligns_across_persian_arabic_english(seed_store: Any) -> None:
    comparison = _compare(seed_store, "000", "001")
    _, ids = seed_store
    rubio_rows = [r for r in comparison.rows if r.aligned
                  and all("marco_rubio" in _speakers(comparison, ref) for ref in r.cells.values())]
    assert len(rubio_rows) >= 3, [r.shared for r in comparison.rows if r.aligned]
    langs = {(ref.source, ref.lang) for r in rubio_rows for ref in r.cells.values()}
    assert (ids["000"], "ar") in langs and (ids["001"], "fa") in langs
    # The English post (Rubio's own words, embedded in the Persian report) sits next to the Arabic.
    assert any(ref.lang == "en" for r in rubio_rows for ref in r.cells.values()), langs
    # The press conference itself: 001's opening lines up with an Arabic passage of 000.
    opening = next(r for r in comparison.rows if ids["001"] in r.cells and r.cells[ids["001"]].idx == 0)
    assert opening.aligned and opening.cells[ids["000"]].lang == "ar"
    # Every segment of both articles is shown exactly once.
    placed = [(k, ref.idx) for r in comparison.rows for k, ref in r.cells.items()]
    assert len(placed) == len(set(placed)) == sum(len(s.segments) for s in comparison.sources)


def test_seeds_000_001_venue_move_is_only_in_000(seed_store: Any) -> None:
    comparison = _compare(seed_store, "000", "001")
    facts = comparison.facts.set_index("key")
    label_000 = comparison.sources[0].label
    assert facts.loc["oman/moved_to", "only_in"] == label_000
    assert facts.loc["turkey/moved_from", "only_in"] == label_000
    assert "Oman" in facts.loc["oman/moved_to", "fact"]


def test_seeds_003_004_witkoff_meeting_in_both_and_004_has_no_date(seed_store: Any) -> None:
    comparison = _compare(seed_store, "003", "004")
    _, ids = seed_store
    src = {s.key: s for s in comparison.sources}

    def witkoff(ref: M.SegmentRef) -> bool:
        m = src[ref.source].mentions
        return "steve_witkoff" in set(m[(m["article_id"] == ref.article_id) & (m["segment_idx"] == ref.idx)]
                                      ["actor_id"])

    planned = [r for r in comparison.rows
               if r.aligned and len(r.cells) == 2 and all(map(witkoff, r.cells.values()))]
    assert planned, "Witkoff's planned meeting should be one aligned row"
    facts = comparison.facts.set_index("key")
    assert facts.loc["steve_witkoff", "only_in"] == ""  # named by both
    label_004 = src[ids["004"]].label
    assert facts.loc["published", label_004] == "no date"
    assert C.date_note(src[ids["004"]]).startswith("no date")
    assert C.date_note(src[ids["003"]]) == "published 2026-02-01"


def test_three_sources_and_unknown_ids(seed_store: Any) -> None:
    engine, ids = seed_store
    sources, missing = views.compare_article_sources(engine, [ids["000"], "deadbeef", ids["001"], ids["002"]],
                                                     Filters())
    assert missing == ["deadbeef"] and [s.key for s in sources] == [ids["000"], ids["001"], ids["002"]]
    comparison = compare_sources(sources)
    assert all(len(r.cells) <= 3 for r in comparison.rows)
    assert any(len(r.cells) == 3 for r in comparison.rows) or any(r.aligned for r in comparison.rows)
    assert len({s.label for s in sources}) == 3


def test_group_mode_compares_two_sides_over_a_date_range(seed_store: Any) -> None:
    engine, _ = seed_store
    sides = Q.group_choices(engine, Filters())["side"]
    assert {"us", "iran"} <= set(sides)
    february = Filters(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 2, 28))
    us, iran = views.compare_group_sources(engine, "side", ["us", "iran"], february)
    actors, _ = Q.reference_frames(engine)
    side = dict(zip(actors["actor_id"], actors["side"], strict=True))
    assert {side[a] for a in us.mentions["actor_id"]} == {"us"}
    assert {side[a] for a in iran.mentions["actor_id"]} == {"iran"}
    assert us.is_group and "articles" in us.label
    assert len(us.articles) == 4  # the undated 004 is outside any date range
    comparison = compare_sources([us, iran], actors=actors, align=False)
    assert not comparison.rows and not comparison.facts.empty
    assert {"actor", "position", "quote"} <= set(comparison.facts["kind"])


def test_summary_png_of_the_seed_comparison(seed_store: Any) -> None:
    comparison = _compare(seed_store, "000", "001")
    summary = summarize(comparison)
    assert summary.passages and summary.facts
    assert all(len(p) == 2 for p in summary.passages)
    from parley.render.images import comparison_png

    png = comparison_png(summary)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "compare_seeds_000_001.png").write_bytes(png)
    assert Image.open(io.BytesIO(png)).format == "PNG"
    png_b = comparison_png(summarize(_compare(seed_store, "003", "004")), renderer="pillow-basic")
    (ARTIFACTS / "compare_seeds_003_004_basic.png").write_bytes(png_b)


# --- the shared filters: seeds, a copy of 000 under other chrome (a duplicate), an English article ---

ENGLISH = """Oman hosts new round of talks
Published: 2025-05-11

Iranian Foreign Minister Abbas Araghchi met US envoy Steve Witkoff in Muscat on Sunday, Oman's
foreign ministry said. Araghchi said Iran would not give up enrichment.
"""


@pytest.fixture(scope="module")
def filtered_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, dict[str, str]]]:
    import shutil

    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    folder = tmp_path_factory.mktemp("compare_filters")
    corpus = folder / "corpus"
    shutil.copytree(SEED_DIR, corpus)
    first = sorted(SEED_DIR.glob("000_*.txt"))[0]
    (corpus / "dup_000.txt").write_text("Home | News | Politics\n" + first.read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (corpus / "eng_oman.txt").write_text(ENGLISH, encoding="utf-8")
    engine = make_engine(f"sqlite:///{folder / 'parley.db'}")
    report = ingest_paths([corpus], engine)
    assert not report.rejected and len(report.duplicates) == 1, report.summary()
    with engine.connect() as conn:
        from sqlalchemy import select

        from parley.store.schema import articles
        rows = conn.execute(select(articles.c.id, articles.c.origin))
        ids = {Path(origin).name[:3]: aid for aid, origin in rows}
    assert set(ids) == {"000", "001", "002", "003", "004", "dup", "eng"}
    yield engine, ids
    engine.dispose()


def _group_ids(sources: list[Source]) -> list[set[str]]:
    return [set(s.articles["id"]) for s in sources]


def test_article_choices_keep_to_the_filters_and_drop_duplicates(filtered_store: Any) -> None:
    engine, ids = filtered_store
    seeds = {ids[p] for p in ("000", "001", "002", "003", "004")}
    assert set(views.compare_article_choices(engine, Filters())["id"]) == seeds | {ids["eng"]}
    assert list(views.compare_article_choices(engine, Filters(langs=("fa",)))["id"]) == [ids["001"]]
    arabic = views.compare_article_choices(engine, Filters(langs=("ar",)))
    assert set(arabic["id"]) == seeds - {ids["001"]}  # not the duplicate of 000
    assert list(arabic.columns) == list(views.PICK_COLUMNS) and arabic["label"].is_unique
    # the articles the URL names are offered with all the others the filters keep
    named = views.compare_article_choices(engine, Filters(langs=("ar",), articles=(ids["000"],)))
    assert named.equals(arabic)


def test_chosen_articles_outside_the_filters_are_left_out(filtered_store: Any) -> None:
    engine, ids = filtered_store
    wanted = [ids["000"], ids["dup"], ids["001"], ids["002"]]
    sources, missing = views.compare_article_sources(engine, wanted, Filters(langs=("ar",)))
    assert [s.key for s in sources] == [ids["000"], ids["002"]]
    assert missing == [ids["dup"], ids["001"]]  # a duplicate, and a Persian article
    sources, missing = views.compare_article_sources(engine, wanted, Filters(articles=(ids["000"],)))
    assert [s.key for s in sources] == [ids["000"]] and missing == [ids["dup"], ids["001"], ids["002"]]


def test_group_sources_keep_to_the_filters_and_drop_duplicates(filtered_store: Any) -> None:
    engine, ids = filtered_store
    everything = views.compare_group_sources(engine, "side", ["us", "iran"], Filters())
    all_but_dup = {i for p, i in ids.items() if p != "dup"}
    assert _group_ids(everything) == [all_but_dup, all_but_dup]
    arabic = views.compare_group_sources(engine, "side", ["us", "iran"], Filters(langs=("ar",)))
    assert _group_ids(arabic) == [{ids[p] for p in ("000", "002", "003", "004")}] * 2
    assert [s.label for s in arabic] == ["side: us (4 articles)", "side: iran (4 articles)"]
    assert all(set(s.segments["article_id"]) <= set(s.articles["id"]) for s in arabic)
    persian = views.compare_group_sources(engine, "side", ["us", "iran"], Filters(langs=("fa",)))
    assert _group_ids(persian) == [{ids["001"]}] * 2 and {s.lang for s in persian} == {"fa"}
    outlets = views.compare_group_sources(engine, "outlet", ["Gate", "خبرني"], Filters(langs=("ar",)))
    assert _group_ids(outlets) == [{ids["002"]}, {ids["003"]}]
    gate_in_persian = views.compare_group_sources(engine, "outlet", ["Gate"], Filters(langs=("fa",)))
    assert _group_ids(gate_in_persian) == [set()] and gate_in_persian[0].label == "outlet: Gate (0 articles)"
    dated = views.compare_group_sources(engine, "side", ["iran"], Filters(date_from=dt.date(2026, 1, 1)))
    assert _group_ids(dated) == [{ids[p] for p in ("000", "001", "002", "003")}]  # not undated 004, not 2025


def test_group_choices_keep_to_the_filters(filtered_store: Any) -> None:
    engine, _ = filtered_store
    assert Q.group_choices(engine, Filters())["outlet"] == ["Gate", "خبرني"]
    persian = Q.group_choices(engine, Filters(langs=("fa",)))
    assert persian == {"outlet": [], "side": ["iran", "mediator", "us"]}
    # a picker offers more than it has picked: its own field does not narrow it
    assert Q.group_choices(engine, Filters(outlets=("Gate",)))["outlet"] == ["Gate", "خبرني"]
    assert "israel" in Q.group_choices(engine, Filters(sides=("us",)))["side"]
