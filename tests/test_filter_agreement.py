"""One filter for every read: every page's query, the CLI's and a briefing's read the same article
set for the same filters (parley.store.filters.where), ordinary or hostile.

The store is a real SQLite file with the five seeds ingested with extraction, a copy of one seed
under other chrome (stored as a duplicate, so it must never be read), and a short English
article (the seeds have none). Each read's articles must lie inside the filtered set, and the
reads that list articles must list exactly it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from parley import views
from parley.briefing import collect_briefing
from parley.filters import Filters, parse_params
from parley.store import actors as act_q
from parley.store import articles as art_q
from parley.store import candidates as cand_q
from parley.store import events as ev_q
from parley.store import network as net_q
from parley.store import positions as pos_q
from parley.store.filters import article_ids
from parley.store.schema import articles, events, mentions

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "articles"
ENGLISH = """Oman hosts new round of talks
Published: 2025-05-11

Iranian Foreign Minister Abbas Araghchi met US envoy Steve Witkoff in Muscat on Sunday, Oman's
foreign ministry said. Araghchi said Iran would not give up enrichment.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from parley.ingest import ingest_paths
    from parley.store.db import init_db, make_engine

    folder = tmp_path_factory.mktemp("agree")
    corpus = folder / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = sorted(SEEDS.glob("*.txt"))[0]
    (corpus / "zz_copy.txt").write_text("Home | News | Politics\n" + first.read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (corpus / "en_oman.txt").write_text(ENGLISH, encoding="utf-8")
    eng = make_engine(f"sqlite:///{folder / 'parley.db'}")
    init_db(eng)
    report = ingest_paths([corpus], eng)
    assert not report.rejected, report.summary()
    return eng


def _ids(values: object) -> set[str]:
    out: set[str] = set()
    for v in values:  # type: ignore[attr-defined]
        out.update(p for p in str(v or "").split(";") if p)
    return out


def _known(engine: Engine) -> object:
    return art_q.known_ids(engine)


ORDINARY: dict[str, Filters] = {
    "none": Filters(),
    "arabic": Filters(langs=("ar",)),
    "fa_en": Filters(langs=("fa", "en")),
    "range": Filters(date_from=dt.date(2026, 2, 2), date_to=dt.date(2026, 2, 28)),
    "from_only": Filters(date_from=dt.date(2025, 1, 1)),
    "actor": Filters(actors=("abbas_araghchi",)),
    "side": Filters(sides=("us",)),
    "topic": Filters(topics=("nuclear",)),
    "mixed": Filters(langs=("ar", "en"), sides=("iran", "mediator"), date_to=dt.date(2026, 2, 10)),
}
HOSTILE_PARAMS: dict[str, dict[str, str | list[str]]] = {
    "markup": {"lang": "ar,<script>alert(1)</script>", "actor": "abbas_araghchi"},
    "bad_dates": {"from": "2026-13-45", "to": "yesterday", "topic": "enrichment"},
    "reversed": {"from": "2026-03-01", "to": "2026-01-01", "side": "us"},
    "paths_and_junk": {"a": "../../etc/passwd", "outlet": "x" * 5000, "lang": ["fa", "fa", "en"]},
    "unknown_ids": {"actor": "nobody_at_all", "topic": "weather"},
}


def _all_filters(engine: Engine) -> dict[str, Filters]:
    out = dict(ORDINARY)
    known = art_q.known_ids(engine)
    for name, params in HOSTILE_PARAMS.items():
        out[name], _ = parse_params(params, known)
    # ids the store does not know, passed without parse_params (a caller's mistake)
    out["raw_unknown"] = Filters(actors=("nobody",), outlets=("",), articles=("0" * 16,))
    return out


def test_the_duplicate_is_stored_and_never_read(engine: Engine) -> None:
    with engine.connect() as conn:
        dups = [r for (r,) in conn.execute(select(articles.c.id).where(articles.c.duplicate_of.is_not(None)))]
    assert len(dups) == 1
    assert dups[0] not in article_ids(engine, Filters())


def test_hostile_params_parse_to_filters_without_raising(engine: Engine) -> None:
    filters = _all_filters(engine)
    assert filters["markup"].langs == () and filters["markup"].actors == ("abbas_araghchi",)
    assert filters["reversed"].date_from is None and filters["reversed"].sides == ("us",)
    assert filters["unknown_ids"] == Filters()


@pytest.mark.parametrize("name", [*ORDINARY, *HOSTILE_PARAMS, "raw_unknown"])
def test_every_read_agrees_on_the_article_set(engine: Engine, name: str) -> None:
    f = _all_filters(engine)[name]
    expected = article_ids(engine, f)
    if name in ("actor", "side", "arabic", "topic"):
        assert expected, "an ordinary filter that keeps nothing tests nothing"
    if name == "raw_unknown":
        assert expected == set()

    # pages that list articles list exactly the set
    assert set(art_q.articles_table(engine, f)["id"]) == expected
    assert int(art_q.corpus_counts(engine, f, "lang")["articles"].sum()) == len(expected)
    assert int(art_q.corpus_counts(engine, f, "outlet")["articles"].sum()) == len(expected)
    with engine.connect() as conn:
        dated = {r for (r,) in conn.execute(select(articles.c.id).where(articles.c.published.is_not(None)))}
        mentioned = {r for (r,) in conn.execute(select(mentions.c.article_id).distinct())}
    timeline = views.timeline_view(engine, f)
    with engine.connect() as conn:  # the publication track draws what was published in the range
        in_range = {r for (r,) in conn.execute(select(articles.c.id).where(
            articles.c.published >= (f.date_from or dt.date.min),
            articles.c.published <= (f.date_to or dt.date.max)))}
    assert int(timeline.articles["n"].sum()) == len(expected & dated & in_range)
    if f.date_from is not None or f.date_to is not None:  # the venue track draws the period too
        lo, hi = f.date_from or dt.date.min, f.date_to or dt.date.max
        assert all(e >= lo and s <= hi for s, e in zip(timeline.venues["start"], timeline.venues["end"],
                                                          strict=True))
    assert set(art_q.load_articles(engine, f)["id"]) == expected

    # every other read stays inside it
    assert _ids(timeline.events["article_ids"]) <= expected
    assert set(timeline.venues["article_id"]) <= expected
    assert set(ev_q.load_event_reports(engine, f)["article_id"]) <= expected
    assert set(net_q.load_mentions(engine, f)["article_id"]) == expected & mentioned
    assert set(net_q.load_links(engine, f)["article_id"]) <= expected
    assert set(cand_q.candidates_table(engine, f)["article_id"]) <= expected
    grid = pos_q.positions_grid(engine, f)
    for actor_id, topic in zip(grid["actor_id"], grid["topic"], strict=True):
        assert set(pos_q.position_evidence(engine, f, actor_id, topic)["article_id"]) <= expected
    actors = act_q.actors_table(engine, f)
    for actor_id in actors["actor_id"].head(5):
        profile = act_q.actor_profile(engine, f, actor_id)
        assert profile is not None
        assert set(profile.articles["article_id"]) <= expected
        assert set(profile.positions["article_id"]) <= expected
        assert set(profile.quotes["article_id"]) <= expected
    network = views.network_view(engine, f)
    assert network.graph.number_of_nodes() <= len(actors) + 1 or not expected

    # a briefing (and the CLI, which builds one through the same parse_params) reads the same set
    data = collect_briefing(engine, f)
    assert set(data.sources["article_id"]) == expected
    assert int(data.source_counts["articles"].sum()) == len(expected)
    assert _ids(data.developments["article_ids"]) <= expected
    assert _ids(data.positions["article_ids"]) <= expected
    assert _ids(data.network_edges["article_ids"]) <= expected
    assert set(data.quotes["article_id"]) <= expected
    assert set(data.venues["article_id"]) <= expected


def test_the_actor_filter_reads_only_articles_naming_the_actor(engine: Engine) -> None:
    everyone = article_ids(engine, Filters())
    f = Filters(actors=("abbas_araghchi",))
    kept = article_ids(engine, f)
    with engine.connect() as conn:
        naming = {r for (r,) in conn.execute(select(mentions.c.article_id)
                                             .where(mentions.c.actor_id == "abbas_araghchi"))}
    assert kept == naming & everyone and kept < everyone
    # the network, the timeline and the positions page read the same articles for it
    assert set(net_q.load_mentions(engine, f)["article_id"]) == kept
    assert set(art_q.articles_table(engine, f)["id"]) == kept


def test_a_date_range_keeps_what_was_published_or_happened_in_it(engine: Engine) -> None:
    everyone = article_ids(engine, Filters())
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.published)).all()
        event_days = conn.execute(select(events.c.article_id, events.c.date)
                                  .where(events.c.date.is_not(None))).all()
    published = {str(a): p for a, p in rows}
    undated = {a for a, p in published.items() if p is None} & everyone
    assert undated, "the seeds hold an undated article"
    for lo, hi in ((dt.date(2026, 2, 2), dt.date(2026, 2, 28)), (dt.date(2000, 1, 1), dt.date(2026, 1, 31))):
        f = Filters(date_from=lo, date_to=hi)
        by_event = {str(a) for a, d in event_days if lo <= d <= hi}
        want = {a for a in everyone
                if (published[a] is not None and lo <= published[a] <= hi) or a in by_event}
        assert article_ids(engine, f) == want
        assert set(art_q.articles_table(engine, f)["id"]) == want
        assert set(collect_briefing(engine, f).sources["article_id"]) == want
        # an undated article is kept only through an event it dates inside the range
        assert undated & want == undated & by_event
    assert article_ids(engine, Filters(date_from=dt.date(2090, 1, 1))) == set()
