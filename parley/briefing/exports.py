"""A briefing's downloads besides the document: its tables as CSV (one file or a zip) and its
network as GraphML."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd

from parley.analyze.network_export import to_graphml
from parley.briefing.model import BriefingData, is_missing


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
        writer.writerow(["" if is_missing(v) else v for v in row])
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
    return to_graphml(data.network.graph)


