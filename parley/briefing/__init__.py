"""A briefing: the one-page summary of the current filters, built from the store.

``collect_briefing`` reads the store once into a ``BriefingData`` (plain frames, the timeline
and network views); ``briefing_document`` turns it into a ``Document`` that the HTML and PDF
renderers share; ``briefing_tables`` / ``tables_zip`` / ``briefing_graphml`` are the downloads.

Sections: title and period; sources by language and outlet; key developments; the positions
grid and the gap between the sides; the venue track; the actor network; selected quotes.
Every item names its source articles (outlet, date, URL where known). Article text stays in
its original language and logical order: each renderer decides direction and shaping.
"""

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

__all__ = [
    "DEVELOPMENT_COLUMNS", "EDGE_COLUMNS", "FIGURE_CAPTIONS", "FIGURE_IDS", "GAP_COLUMNS",
    "MAX_DEVELOPMENTS", "MAX_EDGES", "MAX_POSITIONS", "MAX_QUOTES", "MAX_REFS", "NO_OUTLET",
    "POSITION_COLUMNS", "QUOTE_COLUMNS", "SOURCE_COLUMNS", "SOURCE_COUNT_COLUMNS", "VENUE_COLUMNS",
    "BriefingData", "SourceRef", "Target", "briefing_document", "briefing_figures", "briefing_graphml",
    "briefing_html", "briefing_pdf", "briefing_tables", "collect_briefing", "csv_bytes", "filters_line",
    "frozen_filters", "load_refs", "network_chart", "refs_label", "tables_zip", "timeline_chart",
]
