"""The briefing built from the five seeds (real ingest and extraction): its sections and their
provenance, the self-contained HTML file, the CSV/GraphML downloads, the PDF, and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from apptest.seeddb import SeededDb, build_seeded_db
from PIL import Image, ImageChops
from sqlalchemy import Engine, select, update

from parley.briefing import (
    QUOTE_COLUMNS,
    BriefingData,
    briefing_document,
    briefing_graphml,
    briefing_html,
    briefing_pdf,
    collect_briefing,
    frozen_filters,
    tables_zip,
)
from parley.filters import Filters
from parley.render.briefing_html import PLOTLY_MARK, document_html
from parley.render.document import Document
from parley.render.pdf import document_pdf, harfbuzz_available
from parley.store.db import bump_version, make_engine
from parley.store.schema import articles

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
ARABIC = re.compile("[\u0600-\u06ff]")
PAIR = re.compile("[\u0621-\u064a\u067e-\u06cc]{2,} [\u0621-\u064a\u067e-\u06cc]{2,}")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "</script><script>alert('x')</script><img src=x onerror=alert(1)>"
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> SeededDb:
    """The five seeds ingested with extraction (fixed extraction rows if it is not importable)."""
    db = build_seeded_db(tmp_path_factory.mktemp("briefing") / "parley.db", full=True)
    engine = make_engine(db.url)
    with engine.begin() as conn:  # a hostile outlet name: it is on every item from that article
        conn.execute(update(articles).where(articles.c.id == db.ids["004"]).values(outlet=HOSTILE))
        bump_version(conn)
    engine.dispose()
    return db


@pytest.fixture(scope="module")
def engine(seeded: SeededDb) -> Engine:
    return make_engine(seeded.url)


@pytest.fixture(scope="module")
def data(engine: Engine) -> BriefingData:
    return collect_briefing(engine, Filters())


def test_sections_in_order(data: BriefingData) -> None:
    doc = briefing_document(data, title="Muscat talks", notes="A note.", target="page")
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings[:4] == ["Analyst notes", "Sources by language and outlet", "Key developments",
                            "Positions: who wants what on the agenda"]
    assert {"The gap between the sides", "Venue track", "Actor network", "Selected quotes"} <= set(headings)
    assert doc.title == "Muscat talks"
    assert "5 source articles" in doc.subtitle and "Period: 2026-02-01 to 2026-02-05" in doc.subtitle


def test_sources_by_language_and_outlet(data: BriefingData, engine: Engine) -> None:
    with engine.connect() as conn:
        stored = conn.execute(select(articles.c.lang, articles.c.outlet)).all()
    assert int(data.source_counts["articles"].sum()) == len(stored)
    by_lang = data.source_counts.groupby("lang")["articles"].sum().to_dict()
    expected: dict[str, int] = {}
    for lang, _outlet in stored:
        expected[lang] = expected.get(lang, 0) + 1
    assert by_lang == expected


def test_every_item_names_its_sources(data: BriefingData) -> None:
    doc = briefing_document(data, target="page")
    quotes_ = [b for b in doc.blocks if b.kind == "quote"]
    assert quotes_, "the seeds have evidence sentences and quotes"
    for b in quotes_:
        assert b.source, b  # evidence and quotes carry their provenance line
        assert re.search(r"\d{4}-\d{2}-\d{2}|undated|[A-Z][a-z]+ \d{4}", b.source), b.source
    for name in ("developments", "positions", "venues", "network_edges", "quotes"):
        frame = getattr(data, name)
        assert len(frame), name
        assert all(str(s).strip() for s in frame["sources"]), name
    # The quotes are in their original language and script, Arabic and Persian both present.
    langs = set(data.quotes["lang"])
    assert {"ar", "fa"} <= langs, langs
    for text, lang in zip(data.quotes["text"], data.quotes["lang"], strict=True):
        if lang in ("ar", "fa"):
            assert ARABIC.search(text), text


def test_filters_narrow_the_briefing(engine: Engine, data: BriefingData) -> None:
    fa = collect_briefing(engine, Filters(langs=("fa",)))
    assert set(fa.sources["lang"]) == {"fa"} and len(fa.sources) < len(data.sources)
    assert set(fa.quotes["article_id"]) <= set(fa.sources["article_id"])
    early = collect_briefing(engine, Filters(date_to=dt.date(2026, 2, 1)))
    assert early.period() == "2026-02-01 to 2026-02-01"
    assert all(d is None or d.isoformat() <= "2026-02-01" for d in early.developments["date"])


def test_saved_briefing_is_pinned_to_the_articles_it_shows(engine: Engine, data: BriefingData) -> None:
    """Later ingests must not change a saved briefing: the saved filters name its articles."""
    fa = Filters(langs=("fa",), actors=("marco_rubio",))
    pinned = frozen_filters(engine, fa)
    assert pinned.langs == ("fa",) and pinned.actors == ("marco_rubio",)
    assert set(pinned.articles) == set(collect_briefing(engine, Filters(langs=("fa",))).sources["article_id"])
    assert pinned.articles
    # Pinning changes nothing the briefing shows.
    before, after = collect_briefing(engine, fa), collect_briefing(engine, pinned)
    for name in ("sources", "developments", "positions", "quotes", "network_edges"):
        assert getattr(before, name).equals(getattr(after, name)), name
    chosen = Filters(articles=(str(data.sources["article_id"].iloc[0]),))
    assert frozen_filters(engine, chosen) == chosen


def test_html_file_is_self_contained_and_escaped(data: BriefingData) -> None:
    html = briefing_html(data, title="Briefing <script>alert(2)</script>", notes="ملاحظة المحلل")
    assert html.count(f'id="{PLOTLY_MARK}"') == 1  # plotly.js inline, once
    assert html.count('class="plotly-graph-div"') == 2  # the timeline and the network
    start = html.index(f'id="{PLOTLY_MARK}"')
    ours = html[:start] + html[html.index("</script>", start):]  # everything but plotly.js itself
    assert not re.search(r"""\ssrc\s*=\s*["']?(https?:)?//""", ours)  # no remote scripts or images
    for external in ("<link", "@import", "url(http", "fonts.googleapis", "cdn.plot.ly"):
        assert external not in ours, external
    assert "Content-Security-Policy" in html and "default-src &#x27;none&#x27;" in html
    assert "<script>alert" not in html and "<img src=x" not in html  # article text and title escaped
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)" in html  # the outlet, as text
    assert '<p class="parley-text parley-rtl parley-para" dir="rtl" lang="ar"' in html  # the notes
    assert 'dir="rtl" lang="fa"' in html  # the Persian article's quotes and evidence


def test_html_has_no_figure_script_without_figures() -> None:
    html = document_html(Document("Empty", "", ()))
    assert PLOTLY_MARK not in html and "<script" not in html


def test_tables_zip_csv_with_bom_and_graphml(data: BriefingData, tmp_path: Path) -> None:
    zf = zipfile.ZipFile(io.BytesIO(tables_zip(data)))
    names = set(zf.namelist())
    assert {"sources.csv", "developments.csv", "positions.csv", "position_gaps.csv", "venues.csv",
            "network_edges.csv", "quotes.csv", "network.graphml"} <= names
    for name in names - {"network.graphml"}:
        raw = zf.read(name)
        assert raw.startswith(b"\xef\xbb\xbf"), name
    rows = list(csv.reader(io.StringIO(zf.read("quotes.csv").decode("utf-8-sig"))))
    assert tuple(rows[0]) == QUOTE_COLUMNS
    assert len(rows) - 1 == len(data.quotes)
    assert any(ARABIC.search(r[QUOTE_COLUMNS.index("text")]) for r in rows[1:])
    path = tmp_path / "network.graphml"
    path.write_bytes(briefing_graphml(data))
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == set(data.network.graph.nodes) and graph.number_of_edges() > 0


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return BIDI_MARKS.sub("", out.stdout.decode("utf-8"))


def _pages(pdf: bytes, tmp_path: Path, name: str, first: int = 1, last: int = 1) -> list[Image.Image]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "90", "-png", "-f", str(first), "-l", str(last), str(path),
                    str(tmp_path / name)], check=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = []
    for png in sorted(tmp_path.glob(f"{name}-*.png")):
        shutil.copy(png, ARTIFACTS / f"briefing_{png.name}")
        out.append(Image.open(png).convert("L"))
    return out


@needs_poppler
@pytest.mark.skipif(not harfbuzz_available(), reason="uharfbuzz not installed")
def test_pdf_text_layer_is_logical_order(data: BriefingData, tmp_path: Path) -> None:
    pdf = briefing_pdf(data, title="Briefing", shaping="harfbuzz")
    assert pdf.startswith(b"%PDF")
    text = _pdftotext(pdf, tmp_path)
    assert not PRESENTATION_FORMS.search(text)
    squashed = re.sub(r"\s+", " ", text)
    pairs = [PAIR.search(str(q)) for q in data.quotes["text"]]
    checked = [m.group(0) for m in pairs if m]
    assert len(checked) >= 3
    for pair in checked:  # two Arabic or Persian words in a row, in logical (reading) order
        assert pair in squashed, pair
    _pages(pdf, tmp_path, "pdf_harfbuzz", 1, 3)  # for looking at: tests/artifacts/briefing_pdf_*.png


def _ink_diff(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0)
    return diff.histogram()[255] / (a.width * a.height)


@needs_poppler
def test_pdf_reshaper_path_draws_what_harfbuzz_draws(data: BriefingData, tmp_path: Path) -> None:
    """The briefing's quotes drawn by reshaper+bidi match harfbuzz; reversed unjoined text does not."""
    if not harfbuzz_available():
        pytest.skip("uharfbuzz not installed")
    doc = briefing_document(data, target="page")
    blocks = tuple(b for b in doc.blocks if b.kind == "quote" and b.lang in ("ar", "fa"))[:4]
    assert blocks
    quotes_doc = Document("Quotes", "", tuple(b.__class__("quote", b.text, b.lang) for b in blocks))
    shaped = _pages(document_pdf(quotes_doc, shaping="harfbuzz"), tmp_path, "q_harfbuzz")[0]
    _pages(briefing_pdf(data, shaping="reshaper"), tmp_path, "pdf_reshaper", 1, 2)  # for looking at
    reshaped = _pages(document_pdf(quotes_doc, shaping="reshaper"), tmp_path, "q_reshaper")[0]
    wrong_doc = Document("Quotes", "", tuple(b.__class__("quote", " ".join(w[::-1] for w in b.text.split()),
                                                         b.lang) for b in blocks))
    wrong = _pages(document_pdf(wrong_doc, shaping="harfbuzz"), tmp_path, "q_wrong")[0]
    same, different = _ink_diff(shaped, reshaped), _ink_diff(shaped, wrong)
    assert different > 0.0005
    assert same < different / 4, (same, different)


def test_cli_writes_the_same_html_file(seeded: SeededDb, engine: Engine, tmp_path: Path) -> None:
    out, pdf = tmp_path / "out" / "b.html", tmp_path / "b.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "parley", "briefing", "--db", seeded.url, "--out", str(out), "--pdf", str(pdf),
         "--lang", "ar", "--actor", "no_such_actor", "--title", "CLI briefing"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "no_such_actor" in proc.stderr  # a bad id is a notice, not a crash
    expected = briefing_html(collect_briefing(engine, Filters(langs=("ar",))), title="CLI briefing")
    assert out.read_text(encoding="utf-8") == expected
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_unknown_saved_briefing_is_an_error(seeded: SeededDb, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "parley", "briefing", "--db", seeded.url, "--out", str(tmp_path / "x.html"),
         "--id", "nosuchid"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "no saved briefing" in proc.stderr
    assert not (tmp_path / "x.html").exists()


def test_key_developments_are_what_happened(engine: Engine, data: BriefingData) -> None:
    """Plans, called-off events and recalled background are not key developments."""
    from sqlalchemy import func

    from parley.store.schema import events

    with engine.connect() as conn:
        not_done = set(conn.execute(select(events.c.event_id).where(events.c.status != "happened")).scalars())
        done = set(conn.execute(select(events.c.event_id).where(events.c.status == "happened")).scalars())
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() > 0
    assert set(data.developments["event_id"]) <= done
    assert not (set(data.developments["event_id"]) & (not_done - done))
