"""A briefing as a Document (the model the HTML and PDF renderers share), its figures, and the
finished HTML file and PDF."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go

from parley.analyze import timeline as tl
from parley.briefing.assemble import filters_line, refs_label
from parley.briefing.model import (
    FIGURE_CAPTIONS,
    FIGURE_IDS,
    NO_OUTLET,
    SOURCE_COUNT_COLUMNS,
    BriefingData,
    Target,
    is_missing,
    split_ids,
)
from parley.render.document import Block, Document
from parley.text.script import script_lang


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
    if is_missing(value):
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
        b += [Block("heading", "Analyst notes"), Block("para", notes.strip(), script_lang(notes))]
    b.append(Block("meta", data.curation_line()))

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
                   ("" if is_missing(ev["place"]) else f", in {ev['place']}")
            cited = "Sources: " + refs_label(data.refs, split_ids(ev["article_ids"]), url=True)
            evidence = "" if is_missing(ev["evidence"]) else str(ev["evidence"])
            if evidence:
                b.append(Block("para", what, "en"))
                lang = str(ev["evidence_lang"] or script_lang(evidence))
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


def briefing_html(data: BriefingData, *, title: str = "", notes: str = "") -> str:
    """The briefing as a self-contained HTML file (plotly.js inline, no network needed)."""
    from parley.render.briefing_html import document_html

    return document_html(briefing_document(data, title=title, notes=notes, target="html"))


def briefing_pdf(data: BriefingData, *, title: str = "", notes: str = "",
                 shaping: Literal["auto", "harfbuzz", "reshaper"] = "auto") -> bytes:
    """The briefing as PDF bytes, Arabic and Persian shaped (see parley.render.pdf)."""
    from parley.render.pdf import document_pdf

    return document_pdf(briefing_document(data, title=title, notes=notes, target="pdf"), shaping=shaping)
