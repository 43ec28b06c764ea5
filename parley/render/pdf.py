"""PDF output with Arabic and Persian shaped correctly, no browser needed.

fpdf2 shapes text itself when uharfbuzz is installed (``set_text_shaping``): that is the
default path. Without it, each line is wrapped in logical order, then passed through
arabic-reshaper and python-bidi (visual order) before it is drawn: this module and
parley/render/images.py are the only places those libraries are used.
"""

from __future__ import annotations

import importlib.util
from io import BytesIO
from typing import Literal

from fpdf import FPDF

from parley.errors import ParleyError
from parley.render.document import Block, Document
from parley.render.fonts import arabic_font, latin_font
from parley.text.script import lang_dir, script_dir

Shaping = Literal["auto", "harfbuzz", "reshaper"]
_SIZES = {"heading": 13.0, "para": 10.5, "quote": 10.5, "meta": 8.0}


def harfbuzz_available() -> bool:
    """True when fpdf2 can shape text itself (uharfbuzz importable)."""
    return importlib.util.find_spec("uharfbuzz") is not None


def _visual(text: str) -> str:
    """Logical -> shaped visual order, for a renderer that cannot shape (one line)."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


class _Writer:
    def __init__(self, shaping: Literal["harfbuzz", "reshaper"]) -> None:
        self.shaping = shaping
        pdf = FPDF(format="A4")
        pdf.set_auto_page_break(True, margin=15)
        pdf.set_margins(15, 15, 15)
        ar, ar_b = arabic_font(), arabic_font(bold=True)
        la, la_b = latin_font(), latin_font(bold=True)
        if ar is None or la is None:
            raise ParleyError("no installed font covers Arabic and Latin (install fonts-noto-core)")
        pdf.add_font("latin", fname=str(la))
        pdf.add_font("latin", style="B", fname=str(la_b or la))
        pdf.add_font("arabic", fname=str(ar))
        pdf.add_font("arabic", style="B", fname=str(ar_b or ar))
        pdf.set_fallback_fonts(["arabic"] if shaping == "harfbuzz" else [])
        if shaping == "harfbuzz":
            pdf.set_text_shaping(use_shaping_engine=True)
        self.pdf = pdf

    def _font(self, rtl: bool, size: float, bold: bool = False) -> None:
        self.pdf.set_font("arabic" if rtl else "latin", style="B" if bold else "", size=size)

    def text(self, text: str, *, rtl: bool, size: float, bold: bool = False, gray: bool = False) -> None:
        pdf = self.pdf
        self._font(rtl, size, bold)
        pdf.set_text_color(90 if gray else 0)
        height = size * 0.55
        if self.shaping == "harfbuzz" or not rtl:
            pdf.multi_cell(0, height, text, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")
            return
        for line in self._wrap(text, pdf.epw):
            pdf.cell(0, height, _visual(line), align="R", new_x="LMARGIN", new_y="NEXT")

    def _wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrap in logical order, measuring shaped widths (the reshaper path)."""
        lines: list[str] = []
        for para in text.splitlines() or [""]:
            current = ""
            for word in para.split():
                trial = f"{current} {word}".strip()
                if current and self.pdf.get_string_width(_visual(trial)) > width:
                    lines.append(current)
                    current = word
                else:
                    current = trial
            lines.append(current)
        return lines

    def table(self, block: Block) -> None:
        pdf = self.pdf
        self._font(False, 8.5)
        pdf.set_text_color(0)
        ncols = max(len(block.header), *(len(r) for r in block.rows)) if block.rows else len(block.header)
        if ncols == 0:
            return
        with pdf.table(text_align="LEFT", line_height=5, col_widths=_col_widths(block, ncols)) as table:
            for cells in ((block.header,) if block.header else ()) + block.rows:
                row = table.row()
                for cell in cells:
                    rtl = script_dir(cell) == "rtl"
                    if self.shaping == "reshaper" and rtl:
                        cell = _visual(cell)
                    row.cell(cell, align="RIGHT" if rtl else "LEFT")

    def image(self, png: bytes) -> None:
        self.pdf.image(BytesIO(png), w=self.pdf.epw)


def _col_widths(block: Block, ncols: int) -> tuple[float, ...]:
    """Column widths in proportion to each column's typical text length (bounded)."""
    lengths = [1.0] * ncols
    for cells in ((block.header,) if block.header else ()) + block.rows:
        for i, cell in enumerate(cells[:ncols]):
            lengths[i] = max(lengths[i], min(float(len(cell)), 60.0))
    return tuple(max(length, 6.0) for length in lengths)


def document_pdf(doc: Document, *, shaping: Shaping = "auto") -> bytes:
    """Render ``doc`` to PDF bytes; shaping 'auto' uses harfbuzz when installed."""
    auto: Literal["harfbuzz", "reshaper"] = "harfbuzz" if harfbuzz_available() else "reshaper"
    mode = auto if shaping == "auto" else shaping
    if mode == "harfbuzz" and not harfbuzz_available():
        raise ParleyError("harfbuzz shaping asked for, but uharfbuzz is not installed")
    w = _Writer(mode)
    w.pdf.add_page()
    w.text(doc.title, rtl=script_dir(doc.title) == "rtl", size=18, bold=True)
    if doc.subtitle:
        w.text(doc.subtitle, rtl=script_dir(doc.subtitle) == "rtl", size=9, gray=True)
    for block in doc.blocks:
        if block.kind == "table":
            w.pdf.ln(1)
            w.table(block)
            w.pdf.ln(2)
        elif block.kind == "image":
            if block.png:
                w.image(block.png)
        else:
            direction = script_dir(block.text) if block.kind == "heading" else lang_dir(block.lang)
            rtl = direction == "rtl"
            if block.kind == "heading":
                w.pdf.ln(3)
            w.text(block.text, rtl=rtl, size=_SIZES[block.kind], bold=block.kind == "heading",
                   gray=block.kind == "meta")
            if block.source:
                w.text(block.source, rtl=script_dir(block.source) == "rtl", size=7.5, gray=True)
    return bytes(w.pdf.output())
