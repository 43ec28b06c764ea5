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

from parley.analyze.network import (
    CO_OCCURS,
    build_actor_graph,
    edge_table,
    edge_types_in,
    focus,
    graph_key,
    graph_metrics,
    keep_sides,
    layout_graph,
    liaison_brokerage,
    load_edge_cues,
    roll_up,
    to_edge_csv,
    to_gexf,
    to_graphml,
)
from parley.datafiles import gazetteer_dir
from parley.errors import GazetteerError
from parley.filters import Filters
from parley.render.figures import brokers_html, network_figure
from parley.store import timeline_queries as q

MEDIATORS = ("egypt", "qatar", "turkey", "oman")


@pytest.fixture
def store(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine = build_store(sqlite_url)
    yield engine
    engine.dispose()


def _graph(engine, window=None, f: Filters | None = None) -> nx.Graph:  # type: ignore[no-untyped-def]
    f = f or Filters()
    return build_actor_graph(q.load_mentions(engine, f), q.load_event_reports(engine, f), window,
                             actors=q.load_actors(engine), segments=q.load_cooccurrence_segments(engine, f))


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


def test_layout_at_500_nodes_is_bounded_deterministic_and_cached() -> None:
    g = _random_graph(500, 1)
    pos = layout_graph(g, iterations=30)
    arr = np.array(list(pos.values()))
    assert arr.shape == (500, 2)
    assert np.isfinite(arr).all() and np.abs(arr).max() <= 1.0 + 1e-9
    assert len({(round(x, 3), round(y, 3)) for x, y in arr}) > 490  # nodes do not pile up
    assert layout_graph(g, iterations=30) is pos  # cached by graph hash
    g2 = g.copy()
    g2.add_edge("a0000", "a0499", weight=9)
    assert graph_key(g2) != graph_key(g)
    assert layout_graph(g2, iterations=30) is not pos
    fresh = layout_graph(nx.Graph(g), iterations=30, seed=7)
    assert fresh == pos  # equal graphs, equal key, same layout


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
    states = roll_up(g, country, q.load_actors(store))
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
