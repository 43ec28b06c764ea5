"""The actor network: edges and their types, metrics (brokers), focus, exports, layout, figure."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from network_data import build_store
from seeds import SEED_DIR
from sqlalchemy import Engine, select, update

from parley.analyze.network import (
    CO_OCCURS,
    build_actor_graph,
    edge_table,
    focus,
    graph_metrics,
    keep_sides,
    liaison_brokerage,
    roll_up,
)
from parley.analyze.network_export import to_edge_csv, to_gexf, to_graphml
from parley.analyze.network_layout import layout_graph
from parley.datafiles import gazetteer_dir
from parley.errors import GazetteerError
from parley.extract.links import edge_types_in, find_links, link_types, load_edge_cues
from parley.extract.records import Event, Link, Mention
from parley.filters import Filters
from parley.records import Segment
from parley.render.figures import brokers_html, network_figure
from parley.store import actors as act_q
from parley.store import events as ev_q
from parley.store import network as net_q
from parley.store.schema import base_of
from parley.store.schema import events as events_table
from parley.store.schema import links as links_table
from parley.store.schema import segments as segments_table
from parley.views import network_view

MEDIATORS = ("egypt", "qatar", "turkey", "oman")


@pytest.fixture
def store(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine = build_store(sqlite_url)
    yield engine
    engine.dispose()


def _graph(engine, window=None, f: Filters | None = None) -> nx.Graph:  # type: ignore[no-untyped-def]
    f = f or Filters()
    return build_actor_graph(net_q.load_mentions(engine, f), ev_q.load_event_reports(engine, f), window,
                             actors=act_q.load_actors(engine), links=net_q.load_links(engine, f))


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("وكان رئيس الوزراء القطري قد زار طهران حيث التقى مع علي لاريجاني", "visit", ("met",)),
    ("أجرى الرئيس المصري اتصالاً هاتفيًا مع نظيره الإيراني", None, ("called",)),
    ("وقبل ذلك بيوم، استضاف وزير الخارجية التركي نظيره الإيراني", None, ("hosted",)),
    ("وتعمل مصر وتركيا وقطر على تنظيم اجتماع بين ويتكوف والمسؤولين", None, ("mediated",)),
    ("عمان نقش میانجی را ایفا کرد", None, ("mediated",)),
    ("وزیر خارجه با همتای خود تماس تلفنی داشت", None, ("called",)),
    ("محذرة من أن الصراع سيكون له عواقب مدمرة", None, ("warned",)),
    ("متهمًا القيادة الإيرانية بتبديد الموارد", None, ("criticised",)),
    ("Rubio warned Tehran and criticised its leaders", None, ("criticised", "warned")),
    ("They discussed metals and meteorology", None, ()),  # 'met' is a whole English word only
    ("A plain sentence with no cue", "meeting", ("met",)),
    ("جملة عادية بلا إشارة", None, ()),
])
def test_edge_types_from_cue_words_and_event_kinds(text: str, kind: str | None,
                                                  expected: tuple[str, ...]) -> None:
    assert edge_types_in(text, kind) == expected


def test_edge_cues_file_is_valid_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cues = load_edge_cues()
    assert {"met", "called", "hosted", "mediated", "criticised", "warned"} <= set(cues.types)
    assert all(set(by_lang) <= {"ar", "fa", "en"} for by_lang in cues.cues.values())
    bad = tmp_path / "gaz"
    shutil.copytree(gazetteer_dir(), bad)
    (bad / "edge_cues.yaml").write_text("types:\n  met:\n    cues: {xx: [met]}\n", encoding="utf-8")
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(bad))
    with pytest.raises(GazetteerError, match=r"edge_cues.yaml.*'met'.*unknown language 'xx'"):
        load_edge_cues()


def _event(segment_idx: int, kind: str, actor_ids: str, evidence: str) -> Event:
    return Event("ev", segment_idx, None, "unknown", "test", kind, actor_ids, None, 0, 1, evidence)


def test_links_are_segments_naming_two_actors_typed_by_their_text() -> None:
    segs = [Segment(0, 0, 10, "ar", "وقبل ذلك بيوم، استضاف وزير الخارجية التركي نظيره الإيراني"),
            Segment(1, 11, 20, "en", "Rubio warned Tehran and criticised its leaders"),
            Segment(2, 21, 30, "en", "Oman met nobody else here"),
            Segment(3, 31, 40, "en", "A plain sentence"),
            Segment(4, 41, 50, "en", "Two actors, no cue")]
    mentions = [Mention(0, "hakan_fidan", 0, 1, "x"), Mention(0, "abbas_araghchi", 2, 3, "x"),
                Mention(1, "marco_rubio", 11, 12, "x"), Mention(1, "iran", 13, 14, "x"),
                Mention(1, "iran", 15, 16, "x"),
                Mention(2, "oman", 21, 22, "x"), Mention(2, "oman", 23, 24, "x"),  # one actor twice
                Mention(3, "usa", 31, 32, "x"),
                Mention(4, "usa", 41, 42, "x"), Mention(4, "iran", 43, 44, "x")]
    # segment 3 names one actor, but its event names two: it is a link; the event's evidence
    # (a sentence of its own) adds its cue types to the segment's
    events = [_event(3, "meeting", "usa;iran", "They phoned each other")]
    assert find_links(segs, mentions, events) == [
        Link(0, "hosted"), Link(1, "criticised;warned"), Link(3, "called"), Link(4, "")]
    assert link_types(["Rubio warned Tehran", "and criticised it", "he met them"]) == "met;criticised;warned"
    assert link_types([]) == ""


def test_graph_types_come_from_stored_links_not_text(store) -> None:  # type: ignore[no-untyped-def]
    f = Filters()
    mentions, events = net_q.load_mentions(store, f), ev_q.load_event_reports(store, f)
    actors = act_q.load_actors(store)
    untyped = build_actor_graph(mentions, events, actors=actors)  # no links: kinds of events only
    assert untyped.edges["mohammed_al_thani", "ali_larijani"]["type"] == "met"  # a 'visit' event
    assert untyped.edges["israel", "iran"]["type"] == CO_OCCURS
    assert untyped.edges["egypt", "steve_witkoff"]["types"] == ""
    links = pd.DataFrame([("a004", 1, "criticised"), ("a003", 0, "mediated;hosted"), ("a003", 0, "called")],
                         columns=["article_id", "segment_idx", "types"])
    g = build_actor_graph(mentions, events, actors=actors, links=links)
    assert g.edges["israel", "iran"]["types"] == "criticised"  # what the row says, not the text
    assert g.edges["egypt", "steve_witkoff"]["types"] == "mediated;hosted;called"  # rows ORed
    assert g.edges["egypt", "qatar"]["types"] == "hosted;called"  # 'mediated' needs one mediator
    assert g.edges["oman", "marco_rubio"]["type"] == CO_OCCURS
    # the view reads the links table only: blanking every sentence changes nothing
    before = edge_table(network_view(store, f).graph)
    with store.begin() as conn:
        conn.execute(update(segments_table).values(text=""))
        conn.execute(update(base_of(events_table)).values(evidence=""))
    pd.testing.assert_frame_equal(edge_table(network_view(store, f).graph), before)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from parley.ingest import ingest_paths
    from parley.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'parley.db'}")
    report = ingest_paths([SEED_DIR], engine, extract=True)
    assert not report.rejected, report.summary()
    yield engine
    engine.dispose()


def test_seed_ingest_stores_typed_links_for_the_network(seeds_store: Engine) -> None:
    with seeds_store.connect() as conn:
        stored = conn.execute(select(links_table.c.types)).scalars().all()
    assert stored and {"met", "called", "hosted", "mediated", "warned"} <= {
        t for row in stored for t in row.split(";") if t}
    g = network_view(seeds_store, Filters()).graph
    # 'تعمل مصر وتركيا وقطر على تنظيم اجتماع ...': the mediators mediate with the US side
    for mediator in ("egypt", "qatar", "turkey"):
        assert g.edges[mediator, "steve_witkoff"]["types"] == "mediated"
        assert g.edges[mediator, "white_house"]["types"] == "mediated"
    assert "mediated" not in g.edges["egypt", "qatar"]["types"]  # two mediators
    assert g.edges["hakan_fidan", "abbas_araghchi"]["types"] == "hosted;met"  # Fidan hosted Araghchi
    assert g.edges["mohammed_bin_abdulrahman_al_thani", "ali_larijani"]["type"] == "met"
    assert g.edges["abdel_fattah_el_sisi", "masoud_pezeshkian"]["type"] == "called"
    assert g.edges["usa", "iran"]["types"] == "met;warned"
    assert g.edges["usa", "iran"]["weight"] == 20


def test_graph_nodes_edges_weights_and_types(store) -> None:  # type: ignore[no-untyped-def]
    g = _graph(store)
    assert g.nodes["oman"]["mentions"] == 4
    assert g.nodes["oman"]["side"] == "mediator"
    assert g.nodes["oman"]["name_ar"] == "سلطنة عمان"
    assert g.edges["mohammed_al_thani", "ali_larijani"]["type"] == "met"
    assert g.edges["abdel_fattah_el_sisi", "masoud_pezeshkian"]["type"] == "called"
    assert set(g.edges["hakan_fidan", "abbas_araghchi"]["types"].split(";")) == {"hosted", "met"}
    # 'mediated' links a mediator to a party, never two mediators
    assert "mediated" in g.edges["egypt", "steve_witkoff"]["types"]
    assert g.edges["egypt", "qatar"]["type"] == CO_OCCURS
    assert g.edges["israel", "iran"]["type"] == "warned"
    # weight = distinct sentences: egypt, qatar, turkey share two sentences; oman-rubio two
    assert g.edges["egypt", "qatar"]["weight"] == 2
    assert g.edges["oman", "marco_rubio"]["weight"] == 2
    # the event with two reports links usa and iran in one of them (a002's report names only iran)
    assert g.edges["usa", "iran"]["weight"] == 2  # a002 seg 0 (mentions + event) and a000 seg 1 (event)


def test_window_leaves_out_undated_and_out_of_range_rows(store) -> None:  # type: ignore[no-untyped-def]
    everything = _graph(store)
    assert "israel" in everything
    g = _graph(store, window=(dt.date(2026, 1, 1), dt.date(2026, 2, 3)))
    assert "israel" not in g  # only in the undated article
    assert "marco_rubio" not in g  # only in articles of 4 and 5 February
    assert g.has_edge("mohammed_al_thani", "ali_larijani")


def test_brokers_sit_between_us_and_iran(store) -> None:  # type: ignore[no-untyped-def]
    m = graph_metrics(_graph(store)).set_index("actor_id")
    assert list(graph_metrics(_graph(store))) == [
        "actor_id", "name_en", "name_ar", "side", "mentions", "degree", "weighted_degree",
        "betweenness", "us_iran_brokerage", "community"]
    brokers = [a for a in MEDIATORS if m.loc[a, "us_iran_brokerage"] > 0]
    assert len(brokers) >= 3, m[["betweenness", "us_iran_brokerage"]]
    assert all(m.loc[a, "betweenness"] > 0 for a in brokers)
    assert m.loc["israel", "us_iran_brokerage"] == 0
    assert m.loc["hakan_fidan", "us_iran_brokerage"] == 0  # a leaf lies on no path between others
    assert m.loc["egypt", "degree"] == 4  # qatar, turkey, witkoff (one sentence) and iran (another)
    g = _graph(store)
    assert m.loc["oman", "weighted_degree"] == sum(d["weight"] for _, _, d in g.edges("oman", data=True))
    assert (m["community"] >= 1).all()
    again = graph_metrics(_graph(store)).set_index("actor_id")
    pd.testing.assert_frame_equal(m, again)  # seeded: the same communities every run


def test_focus_is_the_actor_and_its_neighbours(store) -> None:  # type: ignore[no-untyped-def]
    g = _graph(store)
    f = focus(g, ["oman"])
    assert set(f) == {"oman", *g.neighbors("oman")}
    assert "israel" not in f
    assert set(focus(g, ["nobody"])) == set()
    assert set(keep_sides(g, ["mediator"])) == {n for n, s in g.nodes(data="side") if s == "mediator"}


def test_exports_round_trip_with_arabic_names(store) -> None:  # type: ignore[no-untyped-def]
    g = _graph(store)
    back = nx.read_graphml(io.BytesIO(to_graphml(g)))
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["qatar"]["name_ar"] == "قطر"
    assert int(back.edges["egypt", "qatar"]["weight"]) == 2
    gexf = nx.read_gexf(io.BytesIO(to_gexf(g)))
    assert gexf.number_of_nodes() == g.number_of_nodes()
    raw = to_edge_csv(g)
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(table.columns) == ["source", "target", "source_en", "target_en", "weight", "type", "types"]
    assert len(table) == g.number_of_edges()
    assert table["weight"].sum() == sum(w for _, _, w in g.edges(data="weight"))
    pd.testing.assert_frame_equal(table.drop(columns="types"),
                                  edge_table(g).drop(columns="types"), check_dtype=False)


def _random_graph(n: int, seed: int) -> nx.Graph:
    g = nx.gnm_random_graph(n, n * 3, seed=seed)
    g = nx.relabel_nodes(g, {i: f"a{i:04d}" for i in g})
    for a, b in g.edges:
        g.edges[a, b]["weight"] = 1 + (hash((a, b)) % 5)
    return g


def test_layout_at_500_nodes_is_bounded_and_deterministic() -> None:
    g = _random_graph(500, 1)
    pos = layout_graph(g, iterations=30)
    arr = np.array(list(pos.values()))
    assert arr.shape == (500, 2)
    assert np.isfinite(arr).all() and np.abs(arr).max() <= 1.0 + 1e-9
    assert len({(round(x, 3), round(y, 3)) for x, y in arr}) > 490  # nodes do not pile up
    g2 = g.copy()
    g2.add_edge("a0000", "a0499", weight=9)
    assert layout_graph(g2, iterations=30) != pos
    fresh = layout_graph(nx.Graph(g), iterations=30, seed=7)
    assert fresh == pos  # equal graphs (built in any order), same layout


def test_linked_nodes_sit_closer_than_unlinked_ones() -> None:
    g = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    g = nx.relabel_nodes(g, {i: f"n{i:02d}" for i in g})
    pos = layout_graph(g, iterations=80)
    p = {k: np.array(v) for k, v in pos.items()}
    inside = np.mean([np.linalg.norm(p[a] - p[b]) for a, b in g.edges])
    across = np.mean([np.linalg.norm(p["n00"] - p[f"n{j:02d}"]) for j in range(8, 16)])
    assert inside < across


def test_network_figure_sizes_colours_and_arabic_labels(store) -> None:  # type: ignore[no-untyped-def]
    g = _graph(store)
    fig = network_figure(g, layout_graph(g), label_top=5, highlight=["oman"])
    nodes = [t for t in fig.data if t.customdata is not None and len(t.customdata)
             and t.customdata[0][0] == "actor"]
    ids = [c[1] for t in nodes for c in t.customdata]
    assert sorted(ids) == sorted(g.nodes)
    labels = " ".join(x for t in nodes for x in t.text)
    assert "سلطنة عمان" in labels  # highlighted, so labelled, in Arabic too
    sizes = {c[1]: s for t in nodes for c, s in zip(t.customdata, t.marker.size, strict=True)}
    assert sizes["oman"] > sizes["hakan_fidan"]  # 4 mentions against 1
    colours = {t.name: t.marker.color for t in nodes}
    assert colours["side: us"] != colours["side: iran"] != colours["side: mediator"]
    widths = sorted({t.line.width for t in fig.data if t.mode == "lines"})
    assert len(widths) >= 2  # edge width follows weight


def test_roll_up_merges_people_into_their_country(store) -> None:  # type: ignore[no-untyped-def]
    g = _graph(store)
    country = {"mohammed_al_thani": "qatar", "abdel_fattah_el_sisi": "egypt", "hakan_fidan": "turkey",
               "marco_rubio": "usa", "steve_witkoff": "usa", "abbas_araghchi": "iran",
               "ali_larijani": "iran", "masoud_pezeshkian": "iran"}
    states = roll_up(g, country, act_q.load_actors(store))
    assert set(states) == {"usa", "iran", "oman", "qatar", "egypt", "turkey", "israel"}
    assert states.nodes["usa"]["mentions"] == sum(g.nodes[a]["mentions"] for a in ("usa", "marco_rubio",
                                                                                      "steve_witkoff"))
    assert states.nodes["qatar"]["name_ar"] == "قطر"
    # Qatar's PM met Larijani: at the states level Qatar is linked to Iran by a 'met' edge
    assert "met" in states.edges["qatar", "iran"]["types"]
    assert "called" in states.edges["egypt", "iran"]["types"]  # Sisi called Pezeshkian
    assert not any(a == b for a, b in states.edges)
    total = sum(w for a, b, w in g.edges(data="weight") if country.get(a, a) != country.get(b, b))
    assert sum(w for _, _, w in states.edges(data="weight")) == total
    broker = liaison_brokerage(states)
    assert all(broker[m] >= 1 for m in MEDIATORS)  # each is linked to both the US and Iran
    assert broker["usa"] == broker["iran"] == 0


def test_brokers_html_lists_mediators_with_arabic_names(store) -> None:  # type: ignore[no-untyped-def]
    html = brokers_html(graph_metrics(_graph(store)))
    assert "Between the US and Iran" in html
    assert 'data-actor="oman"' in html and '<bdi dir="rtl" lang="ar">سلطنة عمان</bdi>' in html
    assert 'data-actor="israel"' not in html
    hostile = pd.DataFrame([{"actor_id": "x", "name_en": "<script>", "name_ar": "<b>", "side": "mediator",
                             "mentions": 1, "degree": 2, "weighted_degree": 2, "betweenness": 0.5,
                             "us_iran_brokerage": 1, "community": 1}])
    assert "<script>" not in brokers_html(hostile) and "&lt;b&gt;" in brokers_html(hostile)


def test_media_are_sources_not_brokers() -> None:
    g = nx.Graph()
    for n, side in (("us1", "us"), ("ir1", "iran"), ("med", "mediator"), ("paper", "media")):
        g.add_node(n, side=side)
    g.add_edges_from([("us1", "med"), ("ir1", "med"), ("us1", "paper"), ("ir1", "paper")])
    assert liaison_brokerage(g) == {"us1": 0, "ir1": 0, "med": 1, "paper": 0}


def test_large_graph_communities_still_find_the_blocs() -> None:
    # Two dense blocs joined by many faint links: over BACKBONE_EDGES links only the heaviest
    # go to Louvain, and the two blocs still come out as two communities.
    import parley.analyze.network as net

    g = nx.Graph()
    left, right = [f"l{i:02d}" for i in range(30)], [f"r{i:02d}" for i in range(30)]
    for bloc in (left, right):
        for i, a in enumerate(bloc):
            g.add_node(a, side="other", mentions=1)
            for b in bloc[i + 1:]:
                g.add_edge(a, b, weight=5)
    for a in left:
        for b in right:
            g.add_edge(a, b, weight=1)
    old = net.BACKBONE_EDGES
    try:
        net.BACKBONE_EDGES = 1000
        m = graph_metrics(g).set_index("actor_id")
    finally:
        net.BACKBONE_EDGES = old
    assert m.loc[left, "community"].nunique() == 1 and m.loc[right, "community"].nunique() == 1
    assert m.loc["l00", "community"] != m.loc["r00", "community"]
