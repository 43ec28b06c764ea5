"""PDF output: Arabic and Persian come out shaped and in the right order on both paths."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from parley.render.document import Block, Document
from parley.render.pdf import document_pdf, harfbuzz_available

AR = "أكد وزير الخارجية الأمريكي ماركو روبيو أن واشنطن منفتحة على الحوار"
FA = "روبیو گفت: «ترامپ آماده است با هر کسی گفت‌وگو کند.»"
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _doc(*blocks: Block) -> Document:
    return Document("Briefing", "", blocks)


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return BIDI_MARKS.sub("", out.stdout.decode("utf-8"))


def _raster(pdf: bytes, tmp_path: Path, name: str) -> Image.Image:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / name)],
                   check=True)
    png = next(tmp_path.glob(f"{name}-*1.png"))
    artifacts = Path(__file__).parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(png, artifacts / f"pdf_{name}.png")
    return Image.open(png).convert("L")


def _ink_diff(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels that differ clearly between two renderings of the same page."""
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0)
    hist = diff.histogram()
    return hist[255] / (a.width * a.height)


@needs_poppler
@pytest.mark.skipif(not harfbuzz_available(), reason="uharfbuzz not installed")
def test_harfbuzz_pdf_text_layer_is_logical_order(tmp_path: Path) -> None:
    pdf = document_pdf(_doc(Block("para", AR, "ar"), Block("para", FA, "fa")), shaping="harfbuzz")
    text = _pdftotext(pdf, tmp_path)
    assert "ماركو روبيو" in text
    assert "روبیو گفت" in text
    assert not PRESENTATION_FORMS.search(text)


@needs_poppler
def test_both_shaping_paths_draw_the_same_joined_text(tmp_path: Path) -> None:
    """The reshaper+bidi path draws what harfbuzz draws; unshaped text would not."""
    if not harfbuzz_available():
        pytest.skip("uharfbuzz not installed")
    doc = _doc(Block("para", AR, "ar"))
    shaped = _raster(document_pdf(doc, shaping="harfbuzz"), tmp_path, "harfbuzz")
    reshaped = _raster(document_pdf(doc, shaping="reshaper"), tmp_path, "reshaper")
    # A wrong rendering: the same words with letters reversed and unjoined (what a renderer
    # that cannot shape draws from logical-order text).
    wrong_doc = _doc(Block("para", " ".join(w[::-1] for w in AR.split()), "ar"))
    wrong = _raster(document_pdf(wrong_doc, shaping="harfbuzz"), tmp_path, "wrong")
    same = _ink_diff(shaped, reshaped)
    different = _ink_diff(shaped, wrong)
    assert different > 0.0005, "the control rendering should differ visibly"
    assert same < different / 4, (same, different)


def test_document_with_table_and_quote_renders(tmp_path: Path) -> None:
    doc = _doc(
        Block("heading", "Positions"),
        Block("table", header=("Actor", "Topic", "Stance"), rows=(("Iran", "nuclear", "insists"),
                                                                 ("إيران", "الصواريخ", "ترفض"))),
        Block("quote", FA, "fa", source="IRNA, 2026-02-04, https://example.org/a"),
        Block("meta", "<script>alert(1)</script> is text here, not markup"),
    )
    pdf = document_pdf(doc, shaping="reshaper")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
