"""A briefing: the one-page summary of the current filters, built from the store.

``collect_briefing`` reads the store once into a ``BriefingData`` (plain frames, the timeline
and network views); ``briefing_document`` turns it into a ``Document`` that the HTML and PDF
renderers share; ``briefing_tables`` / ``tables_zip`` / ``briefing_graphml`` are the downloads.

Sections: title and period; sources by language and outlet; key developments; the positions
grid and the gap between the sides; the venue track; the actor network; selected quotes.
Every item names its source articles (outlet, date, URL where known). Article text stays in
its original language and logical order: each renderer decides direction and shaping.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time the names load on first use (see __getattr__)
    from parley.briefing.assemble import collect_briefing, filters_line, frozen_filters, load_refs, refs_label
    from parley.briefing.document import (
        briefing_document,
        briefing_figures,
        briefing_html,
        briefing_pdf,
        network_chart,
        timeline_chart,
    )
    from parley.briefing.exports import briefing_graphml, briefing_tables, csv_bytes, tables_zip
    from parley.briefing.model import (
        DEVELOPMENT_COLUMNS,
        EDGE_COLUMNS,
        FIGURE_CAPTIONS,
        FIGURE_IDS,
        GAP_COLUMNS,
        MAX_DEVELOPMENTS,
        MAX_EDGES,
        MAX_POSITIONS,
        MAX_QUOTES,
        MAX_REFS,
        NO_OUTLET,
        POSITION_COLUMNS,
        QUOTE_COLUMNS,
        SOURCE_COLUMNS,
        SOURCE_COUNT_COLUMNS,
        VENUE_COLUMNS,
        BriefingData,
        SourceRef,
        Target,
    )

# Which module holds each public name: importing the package (the CLI does, to list its commands)
# loads no pandas or plotly until a name is used.
_HOME = {
    "BriefingData": "parley.briefing.model",
    "DEVELOPMENT_COLUMNS": "parley.briefing.model",
    "EDGE_COLUMNS": "parley.briefing.model",
    "FIGURE_CAPTIONS": "parley.briefing.model",
    "FIGURE_IDS": "parley.briefing.model",
    "GAP_COLUMNS": "parley.briefing.model",
    "MAX_DEVELOPMENTS": "parley.briefing.model",
    "MAX_EDGES": "parley.briefing.model",
    "MAX_POSITIONS": "parley.briefing.model",
    "MAX_QUOTES": "parley.briefing.model",
    "MAX_REFS": "parley.briefing.model",
    "NO_OUTLET": "parley.briefing.model",
    "POSITION_COLUMNS": "parley.briefing.model",
    "QUOTE_COLUMNS": "parley.briefing.model",
    "SOURCE_COLUMNS": "parley.briefing.model",
    "SOURCE_COUNT_COLUMNS": "parley.briefing.model",
    "SourceRef": "parley.briefing.model",
    "Target": "parley.briefing.model",
    "VENUE_COLUMNS": "parley.briefing.model",
    "briefing_document": "parley.briefing.document",
    "briefing_figures": "parley.briefing.document",
    "briefing_graphml": "parley.briefing.exports",
    "briefing_html": "parley.briefing.document",
    "briefing_pdf": "parley.briefing.document",
    "briefing_tables": "parley.briefing.exports",
    "collect_briefing": "parley.briefing.assemble",
    "csv_bytes": "parley.briefing.exports",
    "filters_line": "parley.briefing.assemble",
    "frozen_filters": "parley.briefing.assemble",
    "load_refs": "parley.briefing.assemble",
    "network_chart": "parley.briefing.document",
    "refs_label": "parley.briefing.assemble",
    "tables_zip": "parley.briefing.exports",
    "timeline_chart": "parley.briefing.document",
}


def __getattr__(name: str) -> Any:
    """The public name from its module, imported on first use."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOME[name]), name)


__all__ = [
    "DEVELOPMENT_COLUMNS", "EDGE_COLUMNS", "FIGURE_CAPTIONS", "FIGURE_IDS", "GAP_COLUMNS",
    "MAX_DEVELOPMENTS", "MAX_EDGES", "MAX_POSITIONS", "MAX_QUOTES", "MAX_REFS", "NO_OUTLET",
    "POSITION_COLUMNS", "QUOTE_COLUMNS", "SOURCE_COLUMNS", "SOURCE_COUNT_COLUMNS", "VENUE_COLUMNS",
    "BriefingData", "SourceRef", "Target", "briefing_document", "briefing_figures", "briefing_graphml",
    "briefing_html", "briefing_pdf", "briefing_tables", "collect_briefing", "csv_bytes", "filters_line",
    "frozen_filters", "load_refs", "network_chart", "refs_label", "tables_zip", "timeline_chart",
]
