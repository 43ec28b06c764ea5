"""A briefing: the one-page summary of the current filters, built from the store.

``collect_briefing`` reads the store once into a ``BriefingData`` (plain frames, the timeline
and network views); ``briefing_document`` turns it into a ``Document`` that the HTML and PDF
renderers share; ``briefing_tables`` / ``tables_zip`` / ``briefing_graphml`` are the downloads.

Sections: title and period; sources by language and outlet; key developments; the positions
grid and the gap between the sides; the venue track; the actor network; selected quotes.
Every item names its source articles (outlet, date, URL where known). Article text stays in
its original language and logical order: each renderer decides direction and shaping.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from parley import views
from parley.analyze import network as net
from parley.analyze import timeline as tl
from parley.filters import MAX_IDS, Filters, to_params
from parley.render.briefing_html import guess_lang
from parley.render.document import Block, Document, script_dir
from parley.store import briefings as briefing_reads
from parley.store import queries
from parley.store import timeline_queries as tq
from parley.store.filters import article_ids

Target = Literal["html", "pdf", "page"]  # page: figure blocks carry only their caption

SOURCE_COLUMNS = briefing_reads.SOURCE_COLUMNS
SOURCE_COUNT_COLUMNS = ("lang", "outlet", "articles")
DEVELOPMENT_COLUMNS = ("event_id", "date", "date_precision", "kind", "actors", "place", "reports",
                       "evidence", "evidence_lang", "article_ids", "sources")
POSITION_COLUMNS = ("actor_id", "actor", "side", "topic", "stances", "polarity", "positions",
                    "article_ids", "sources")
GAP_COLUMNS = ("topic", "us", "iran", "mediators", "us_polarity", "iran_polarity", "gap", "reading")
VENUE_COLUMNS = ("date", "date_precision", "place", "role", "asked_by", "article_id", "sources")
EDGE_COLUMNS = ("source", "target", "source_en", "target_en", "type", "weight", "article_ids", "sources")
QUOTE_COLUMNS = ("quote_id", "speaker_id", "speaker", "side", "lang", "text", "cue", "article_id",
                 "sources")

LRM = "\u200e"  # LEFT-TO-RIGHT MARK
MAX_DEVELOPMENTS = 30
MAX_POSITIONS = 40
MAX_QUOTES = 12
MAX_EDGES = 15
MAX_REFS = 3  # source articles named in one table cell before "and N more"
NO_OUTLET = "unknown outlet"
FIGURE_IDS = {"timeline": "parley-fig-timeline", "network": "parley-fig-network"}
FIGURE_CAPTIONS = {
    "timeline": "Key developments: events by side, article publication dates and the talks venue",
    "network": "Actor network: node size is mentions, colour is side, edge width is shared sentences",
}


@dataclass(frozen=True)
class SourceRef:
    """Where an item comes from: an article's outlet, date (with precision), URL and language."""

    article_id: str
    outlet: str | None
    published: dt.date | None
    date_precision: str
    url: str | None
    lang: str
    title: str | None

    def label(self, *, url: bool = True) -> str:
        """'Outlet, 2026-02-05, https://…' (the URL only when known and asked for)."""
        outlet = self.outlet or NO_OUTLET
        if script_dir(outlet) == "rtl":
            # A left-to-right mark ends the Arabic-script name, so the comma and date after it
            # stay in the line's left-to-right order in plain-text targets (PDF, CSV).
            outlet += LRM
        parts = [outlet, tl.date_label(self.published, self.date_precision)]
        if url and self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True)
class BriefingData:
    """Everything a briefing shows, read from the store for one set of filters."""

    filters: Filters
    sources: pd.DataFrame  # SOURCE_COLUMNS, the filtered (non-duplicate) articles
    source_counts: pd.DataFrame  # SOURCE_COUNT_COLUMNS
    developments: pd.DataFrame  # DEVELOPMENT_COLUMNS, date order, undated last
    positions: pd.DataFrame  # POSITION_COLUMNS
    gaps: pd.DataFrame  # GAP_COLUMNS
    venues: pd.DataFrame  # VENUE_COLUMNS
    venue_path: tuple[str, ...]
    network_edges: pd.DataFrame  # EDGE_COLUMNS
    quotes: pd.DataFrame  # QUOTE_COLUMNS
    timeline: tl.TimelineView
    network: net.NetworkView
    refs: dict[str, SourceRef]

    def period(self) -> str:
        """The period covered: the filters' dates, else the span of the dated sources."""
        start, end = self.filters.date_from, self.filters.date_to
        dated = [r.published for r in self.refs.values() if r.published is not None
                 and r.article_id in set(self.sources["article_id"])]
        if start is None and dated:
            start = min(dated)
        if end is None and dated:
            end = max(dated)
        if start is None and end is None:
            return "undated"
        return f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"


def _frame(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))


def _isna(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _day(value: Any) -> dt.date | None:
    return None if _isna(value) else pd.Timestamp(value).date()


def _ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


def load_refs(engine: Engine, article_ids: Iterable[str]) -> dict[str, SourceRef]:
    """Provenance of the given articles: outlet, date, URL, language, title."""
    return {r["id"]: SourceRef(r["id"], r["outlet"], _day(r["published"]), r["date_precision"], r["url"],
                               r["lang"], r["title"])
            for r in briefing_reads.article_refs(engine, article_ids)}


def refs_label(refs: dict[str, SourceRef], article_ids: Iterable[str], *, url: bool = False) -> str:
    """A table cell naming the source articles, earliest first: 'Outlet, date; …; and 2 more'."""
    found = [refs[a] for a in dict.fromkeys(article_ids) if a in refs]
    found.sort(key=lambda r: (r.published is None, r.published or dt.date.min, r.outlet or "", r.article_id))
    labels = list(dict.fromkeys(r.label(url=url) for r in found))
    more = len(labels) - MAX_REFS
    return "; ".join(labels[:MAX_REFS]) + (f"; and {more} more" if more > 0 else "")


def _sources(engine: Engine, filters: Filters) -> pd.DataFrame:
    return _frame(briefing_reads.source_rows(engine, filters), SOURCE_COLUMNS)


def _source_counts(sources: pd.DataFrame) -> pd.DataFrame:
    if sources.empty:
        return _frame([], SOURCE_COUNT_COLUMNS)
    df = sources.assign(outlet=sources["outlet"].fillna(NO_OUTLET))
    counts = df.groupby(["lang", "outlet"], sort=True).size().reset_index(name="articles")
    return counts.sort_values(["lang", "articles", "outlet"], ascending=[True, False, True]) \
        .reset_index(drop=True)[list(SOURCE_COUNT_COLUMNS)]


def _developments(reports: pd.DataFrame, merged: pd.DataFrame, names: dict[str, str],
                  places: dict[str, str], refs: dict[str, SourceRef]) -> pd.DataFrame:
    """One row per merged event that happened, with an evidence sentence (original language) from one
    report."""
    first: dict[str, tuple[str, str]] = {}
    for r in reports.to_dict("records"):
        eid = str(r["event_id"])
        if eid not in first and str(r["evidence"] or "").strip():
            ref = refs.get(str(r["article_id"]))
            first[eid] = (str(r["evidence"]), ref.lang if ref else "")
    rows = []
    if "status" in merged.columns:  # key developments are what happened, not plans or background
        merged = merged[merged["status"] == "happened"]
    for ev in merged.head(MAX_DEVELOPMENTS).to_dict("records"):
        eid = str(ev["event_id"])
        arts = _ids(ev["article_ids"])
        members = _ids(ev["member_ids"]) if "member_ids" in ev else [eid]
        evidence, lang = next((first[m] for m in members if m in first), ("", ""))
        place = None if _isna(ev["place_id"]) else str(places.get(str(ev["place_id"]), ev["place_id"]))
        rows.append({"event_id": eid, "date": _day(ev["date"]), "date_precision": str(ev["date_precision"]),
                     "kind": str(ev["kind"]),
                     "actors": ", ".join(names.get(a, a) for a in _ids(ev["actor_ids"])),
                     "place": place, "reports": int(ev["n_reports"]), "evidence": evidence,
                     "evidence_lang": lang, "article_ids": ";".join(arts), "sources": refs_label(refs, arts)})
    return _frame(rows, DEVELOPMENT_COLUMNS)


def _positions(grid: pd.DataFrame, arts: dict[tuple[str, str], list[str]],
               refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for cell in grid.to_dict("records"):
        ids = arts.get((str(cell["actor_id"]), str(cell["topic"])), [])
        rows.append({"actor_id": cell["actor_id"], "actor": cell["name_en"], "side": cell["side"],
                     "topic": cell["topic"], "stances": cell["stances"], "polarity": float(cell["polarity"]),
                     "positions": int(cell["positions"]), "article_ids": ";".join(ids),
                     "sources": refs_label(refs, ids)})
    return _frame(rows, POSITION_COLUMNS)


def _side_cell(cells: pd.DataFrame) -> str:
    return "; ".join(f"{a}: {s}" for a, s in zip(cells["actor"], cells["stances"], strict=True))


def _gaps(pos: pd.DataFrame) -> pd.DataFrame:
    """Per topic: what each side says, their mean polarity (-1 against … +1 for) and the gap."""
    rows = []
    for topic in sorted(set(pos["topic"])) if len(pos) else []:
        sub = pos[pos["topic"] == topic]
        us, iran, med = (sub[sub["side"] == s] for s in ("us", "iran", "mediator"))

        def mean(cells: pd.DataFrame) -> float | None:
            n = int(cells["positions"].sum())
            return round(float((cells["polarity"] * cells["positions"]).sum()) / n, 2) if n else None

        u, i = mean(us), mean(iran)
        gap = round(abs(u - i), 2) if u is not None and i is not None else None
        if gap is None:
            reading = "only the US side on record" if u is not None else \
                "only the Iranian side on record" if i is not None else "neither side on record"
        elif u is not None and i is not None and u * i < 0:
            reading = "opposed"
        elif gap == 0:
            reading = "aligned"
        else:
            reading = "apart" if gap >= 1 else "close"
        rows.append({"topic": topic, "us": _side_cell(us), "iran": _side_cell(iran),
                     "mediators": _side_cell(med),
                     "us_polarity": u, "iran_polarity": i, "gap": gap, "reading": reading})
    return _frame(rows, GAP_COLUMNS)


def _venues(track: pd.DataFrame, refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows = [{"date": _day(v["start"]),
             "date_precision": v["date_precision"], "place": v["place_en"],
             "role": tl.ROLE_EN.get(str(v["role"]), str(v["role"])), "asked_by": v["asked_by"] or "",
             "article_id": v["article_id"], "sources": refs_label(refs, [str(v["article_id"])])}
            for v in track.to_dict("records")]
    return _frame(rows, VENUE_COLUMNS)


def _edge_articles(mentions: pd.DataFrame, reports: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(actor, actor) sorted pair -> articles with a sentence or event naming both."""
    ctx: dict[tuple[str, int], set[str]] = {}
    m, r = mentions, reports
    for art, seg, aid in zip(m["article_id"], m["segment_idx"], m["actor_id"], strict=True):
        ctx.setdefault((str(art), int(seg)), set()).add(str(aid))
    for art, seg, ids in zip(r["article_id"], r["segment_idx"], r["actor_ids"], strict=True):
        ctx.setdefault((str(art), int(seg)), set()).update(_ids(ids))
    out: dict[tuple[str, str], list[str]] = {}
    for (art, _seg), members in ctx.items():
        ordered = sorted(members)
        for k, a in enumerate(ordered):
            for b in ordered[k + 1:]:
                arts = out.setdefault((a, b), [])
                if art not in arts:
                    arts.append(art)
    return out


def _edges(view: net.NetworkView, pair_arts: dict[tuple[str, str], list[str]],
           refs: dict[str, SourceRef]) -> pd.DataFrame:
    rows = []
    for e in view.edges.head(MAX_EDGES).to_dict("records"):
        ids = pair_arts.get((str(e["source"]), str(e["target"])), [])
        rows.append({**{str(k): v for k, v in e.items()}, "weight": int(e["weight"]),
                     "article_ids": ";".join(ids), "sources": refs_label(refs, ids)})
    return _frame(rows, EDGE_COLUMNS)


def _quotes(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """Quotes in the filtered articles (speakers narrowed by the actor/side filters), attributed first."""
    rows = briefing_reads.quote_rows(engine, filters, MAX_QUOTES * 20)
    # Round robin over the articles, so one long article does not fill the section.
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_article.setdefault(str(r["article_id"]), []).append(r)
    picked: list[dict[str, Any]] = []
    while len(picked) < MAX_QUOTES and any(by_article.values()):
        for group in by_article.values():
            if group and len(picked) < MAX_QUOTES:
                picked.append(group.pop(0))
    return picked


def collect_briefing(engine: Engine, filters: Filters) -> BriefingData:
    """Read everything the briefing of ``filters`` shows (the briefing id in filters is ignored)."""
    filters = filters.replace(briefing=None)
    sources = _sources(engine, filters)
    view = views.timeline_view(engine, filters, "side")
    reports = tq.load_event_reports(engine, filters)
    network = views.network_view(engine, filters, None)
    pair_arts = _edge_articles(tq.load_mentions(engine, filters),
                               tq.load_event_reports(engine, filters, naming=False))
    grid = queries.positions_grid(engine, filters).head(MAX_POSITIONS)
    pos_arts = briefing_reads.position_articles(engine, filters)
    quote_rows = _quotes(engine, filters)
    wanted = set(sources["article_id"]) | set(reports["article_id"]) | set(view.venues["article_id"])
    wanted |= {a for ids in pos_arts.values() for a in ids} | {str(q["article_id"]) for q in quote_rows}
    wanted |= {a for ids in pair_arts.values() for a in ids}
    refs = load_refs(engine, wanted)
    actors_df = tq.load_actors(engine)
    names = {str(a): str(n) for a, n in zip(actors_df["actor_id"], actors_df["name_en"], strict=True)}
    places_df = tq.load_places(engine)
    places = {str(p): str(n) for p, n in zip(places_df["place_id"], places_df["name_en"], strict=True)}
    positions_df = _positions(grid, pos_arts, refs)
    quotes_df = _frame([{**q, "sources": refs_label(refs, [str(q["article_id"])], url=True)}
                        for q in quote_rows], QUOTE_COLUMNS)
    return BriefingData(
        filters=filters, sources=sources, source_counts=_source_counts(sources),
        developments=_developments(reports, view.events, names, places, refs),
        positions=positions_df, gaps=_gaps(positions_df), venues=_venues(view.venues, refs),
        venue_path=view.path, network_edges=_edges(network, pair_arts, refs), quotes=quotes_df,
        timeline=view, network=network, refs=refs)


# --- the document ---------------------------------------------------------------------------


def frozen_filters(engine: Engine, filters: Filters) -> Filters:
    """The filters to save with a briefing, pinned to the articles in its scope now.

    Later ingests then leave a saved briefing as it was. The pinned set is the articles the
    filters keep (parley.store.filters.where), and pinning happens only when the set fits in a
    link (MAX_IDS ids).
    """
    if filters.articles:
        return filters
    ids = tuple(sorted(article_ids(engine, filters.replace(briefing=None))))
    return filters.replace(articles=ids) if 0 < len(ids) <= MAX_IDS else filters


def filters_line(filters: Filters) -> str:
    """The filters in words ('languages ar, fa; actors marco_rubio'), or 'all articles'."""
    words = {"from": "from", "to": "to", "lang": "languages", "outlet": "outlets", "side": "sides",
             "actor": "actors", "topic": "topics", "a": "articles"}
    params = to_params(filters.replace(briefing=None))
    if not params:
        return "all articles"
    return "; ".join(f"{words.get(k, k)} {v.replace(',', ', ')}" for k, v in params.items())


def timeline_chart(data: BriefingData) -> go.Figure:
    """The key-developments timeline (events, publications, venues) as a plotly figure."""
    from parley.render.figures import timeline_figure

    view = data.timeline
    return timeline_figure(view.rows, view.articles, view.venues)


def network_chart(data: BriefingData) -> go.Figure:
    """The actor network snapshot as a plotly figure."""
    from parley.render.figures import network_figure

    fig = network_figure(data.network.graph, data.network.positions, label_top=20)
    fig.update_layout(height=520)
    return fig


def briefing_figures(data: BriefingData) -> dict[str, go.Figure]:
    """The briefing's plotly figures keyed by their caption (the image blocks' text)."""
    out: dict[str, go.Figure] = {}
    if len(data.developments):
        out[FIGURE_CAPTIONS["timeline"]] = timeline_chart(data)
    if data.network.graph.number_of_nodes():
        out[FIGURE_CAPTIONS["network"]] = network_chart(data)
    return out


def _figure_html(fig: go.Figure, div_id: str) -> str:
    """A figure as an HTML fragment without plotly.js (the file renderer inlines it once)."""
    fig = go.Figure(fig)
    # An explicit template: a Streamlit process changes plotly's default one, and the file
    # must come out the same from the dashboard and from the CLI.
    fig.update_layout(dragmode=False, clickmode="none", template="plotly")
    html: str = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                            config={"displaylogo": False, "responsive": True, "scrollZoom": False})
    return html


def _figure_block(data: BriefingData, which: Literal["timeline", "network"], target: Target) -> Block:
    caption = FIGURE_CAPTIONS[which]
    if target == "page":
        return Block("image", caption, "en")
    if target == "html":
        fig = timeline_chart(data) if which == "timeline" else network_chart(data)
        return Block("image", caption, "en", html=_figure_html(fig, FIGURE_IDS[which]))
    from parley.render import briefing_images

    png = (briefing_images.timeline_png(data.timeline) if which == "timeline"
           else briefing_images.network_png(data.network.graph, data.network.positions))
    return Block("image", caption, "en", png=png)


def _cell(value: Any) -> str:
    if _isna(value):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _table(header: Sequence[str], frame: pd.DataFrame, columns: Sequence[str]) -> Block:
    rows = tuple(tuple(_cell(r[c]) for c in columns) for r in frame.to_dict("records"))
    return Block("table", header=tuple(header), rows=rows)


def briefing_document(data: BriefingData, *, title: str = "", notes: str = "", target: Target = "html",
                      generated: str = "") -> Document:
    """The briefing as a Document; ``target`` picks the figures (plotly HTML or static PNG)."""
    title = title.strip() or "Briefing"
    n = len(data.sources)
    subtitle = (f"Period: {data.period()} · {n} source article{'s' if n != 1 else ''} · "
                f"filters: {filters_line(data.filters)}" + (f" · generated {generated}" if generated else ""))
    b: list[Block] = []
    if notes.strip():
        b += [Block("heading", "Analyst notes"), Block("para", notes.strip(), guess_lang(notes))]

    b.append(Block("heading", "Sources by language and outlet"))
    if n:
        b.append(_table(("Language", "Outlet", "Articles"), data.source_counts, SOURCE_COUNT_COLUMNS))
        listing = data.sources.assign(
            outlet=data.sources["outlet"].fillna(NO_OUTLET),
            date=[tl.date_label(p, str(pr)) for p, pr in
                  zip(data.sources["published"], data.sources["date_precision"], strict=True)])
        b.append(_table(("Outlet", "Language", "Published", "Title", "URL"), listing,
                        ("outlet", "lang", "date", "title", "url")))
    else:
        b.append(Block("meta", "No article matches these filters."))

    b.append(Block("heading", "Key developments"))
    dev = data.developments
    if len(dev):
        b.append(_figure_block(data, "timeline", target))
        undated = int(dev["date"].isna().sum())
        if undated:
            b.append(Block("meta", f"{undated} development(s) have no date in their sources; listed last."))
        for ev in dev.to_dict("records"):
            when = tl.date_label(ev["date"], str(ev["date_precision"]))
            what = f"{when}: {str(ev['kind']).capitalize()} — {ev['actors'] or 'no actor named'}" + \
                   ("" if _isna(ev["place"]) else f", in {ev['place']}")
            cited = "Sources: " + refs_label(data.refs, _ids(ev["article_ids"]), url=True)
            evidence = "" if _isna(ev["evidence"]) else str(ev["evidence"])
            if evidence:
                b.append(Block("para", what, "en"))
                lang = str(ev["evidence_lang"] or guess_lang(evidence))
                b.append(Block("quote", evidence, lang, source=cited))
            else:
                b.append(Block("para", what, "en", source=cited))
    else:
        b.append(Block("meta", "No dated developments in these sources."))

    b.append(Block("heading", "Positions: who wants what on the agenda"))
    if len(data.positions):
        b.append(_table(("Actor", "Side", "Topic", "Stances", "Polarity", "Sources"), data.positions,
                        ("actor", "side", "topic", "stances", "polarity", "sources")))
        b.append(Block("heading", "The gap between the sides"))
        b.append(Block("meta", "Polarity runs from -1 (against) to +1 (for); the gap is the distance "
                               "between the US and Iranian sides' mean polarity (0 to 2)."))
        b.append(_table(("Topic", "US side", "Iranian side", "Mediators", "Gap", "Reading"), data.gaps,
                        ("topic", "us", "iran", "mediators", "gap", "reading")))
    else:
        b.append(Block("meta", "No positions found in these sources."))

    b.append(Block("heading", "Venue track"))
    if len(data.venues):
        if data.venue_path:
            b.append(Block("para", "Where the talks went: " + " → ".join(data.venue_path), "en"))
        b.append(_table(("Date", "Venue", "What", "Asked by", "Source"), data.venues.assign(
            when=[tl.date_label(d, str(p)) for d, p in
                  zip(data.venues["date"], data.venues["date_precision"], strict=True)]),
            ("when", "place", "role", "asked_by", "sources")))
    else:
        b.append(Block("meta", "No talks venue is named in these sources."))

    b.append(Block("heading", "Actor network"))
    if data.network.graph.number_of_nodes():
        b.append(_figure_block(data, "network", target))
        top = data.network.metrics.head(10)
        b.append(_table(("Actor", "Side", "Mentions", "Links", "Betweenness (brokers)"), top,
                        ("name_en", "side", "mentions", "degree", "betweenness")))
        if len(data.network_edges):
            b.append(_table(("Actor", "Linked to", "Link", "Shared sentences", "Sources"),
                            data.network_edges.assign(weight=data.network_edges["weight"].astype(str)),
                            ("source_en", "target_en", "type", "weight", "sources")))
    else:
        b.append(Block("meta", "No actors are linked in these sources."))

    b.append(Block("heading", "Selected quotes"))
    if len(data.quotes):
        for q in data.quotes.to_dict("records"):
            speaker = q["speaker"] or "unattributed"
            b.append(Block("quote", str(q["text"]), str(q["lang"]), source=f"{speaker} — {q['sources']}"))
    else:
        b.append(Block("meta", "No quotes in these sources."))
    return Document(title=title, subtitle=subtitle, blocks=tuple(b))


# --- downloads ------------------------------------------------------------------------------


def briefing_tables(data: BriefingData) -> dict[str, pd.DataFrame]:
    """The briefing's underlying tables, by file stem, with provenance columns."""
    return {
        "sources": data.sources,
        "sources_by_language_outlet": data.source_counts,
        "developments": data.developments,
        "positions": data.positions,
        "position_gaps": data.gaps,
        "venues": data.venues,
        "network_metrics": data.network.metrics,
        "network_edges": data.network_edges,
        "quotes": data.quotes,
    }


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as CSV, UTF-8 with a BOM (so spreadsheets read Arabic and Persian correctly)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow(["" if _isna(v) else v for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def tables_zip(data: BriefingData) -> bytes:
    """A zip of the briefing's tables, one CSV (UTF-8 with BOM) each, plus the network's GraphML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, frame in briefing_tables(data).items():
            info = zipfile.ZipInfo(f"{name}.csv", date_time=(2026, 1, 1, 0, 0, 0))
            zf.writestr(info, csv_bytes(frame), compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("network.graphml", date_time=(2026, 1, 1, 0, 0, 0))
        zf.writestr(info, briefing_graphml(data), compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def briefing_graphml(data: BriefingData) -> bytes:
    """The briefing's actor network as GraphML (UTF-8)."""
    return net.to_graphml(data.network.graph)


def briefing_html(data: BriefingData, *, title: str = "", notes: str = "") -> str:
    """The briefing as a self-contained HTML file (plotly.js inline, no network needed)."""
    from parley.render.briefing_html import document_html

    return document_html(briefing_document(data, title=title, notes=notes, target="html"))


def briefing_pdf(data: BriefingData, *, title: str = "", notes: str = "",
                 shaping: Literal["auto", "harfbuzz", "reshaper"] = "auto") -> bytes:
    """The briefing as PDF bytes, Arabic and Persian shaped (see parley.render.pdf)."""
    from parley.render.pdf import document_pdf

    return document_pdf(briefing_document(data, title=title, notes=notes, target="pdf"), shaping=shaping)
