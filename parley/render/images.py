"""Static PNG of a comparison summary, with Arabic and Persian shaped correctly.

A browser shapes Arabic script itself; these renderers draw glyphs, so shaping is decided
here, per renderer, at run time:

- matplotlib 3.11+ bundles libraqm: it shapes and orders raw (logical) text itself.
  Older matplotlib cannot, so it gets reshaped, visually ordered text.
- Pillow with raqm (``PIL.features.check("raqm")``) shapes raw text itself.
- Pillow with ``Layout.BASIC`` (or without raqm) cannot: arabic-reshaper picks the joined
  letter forms and python-bidi puts them in visual order first.

Giving reshaped text to a renderer that shapes by itself reverses it, so reshaper and bidi
are applied only on the paths that need them, and only in this package (parley/render/).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import arabic_reshaper

# The pure-Python algorithm applies rule L4 (mirroring: an opening « or ( in an RTL run is drawn
# with its mirrored glyph); bidi.get_display (Rust) does not, which flips brackets and quotes.
from bidi.algorithm import get_display
from PIL import Image, ImageDraw, ImageFont, features

from parley.analyze.compare import ComparisonSummary, SummaryText
from parley.errors import ParleyError
from parley.render.fonts import arabic_font, latin_font
from parley.text.script import LATIN_LETTER, RLM, Direction, has_arabic_script, lang_dir, script_dir

Renderer = Literal["auto", "matplotlib", "pillow-raqm", "pillow-basic"]
RENDERERS: tuple[Renderer, ...] = ("auto", "matplotlib", "pillow-raqm", "pillow-basic")

WIDTH = 1600
MARGIN = 40
DPI = 100


class RenderError(ParleyError):
    """A static image could not be drawn (unknown renderer, no font, renderer unavailable)."""


# --- capabilities -----------------------------------------------------------------------------


def has_raqm() -> bool:
    """True when this Pillow can shape complex scripts itself (libraqm found at run time)."""
    return bool(features.check("raqm"))


def matplotlib_shapes() -> bool:
    """True when matplotlib shapes Arabic itself (3.11 bundles libraqm); False if absent or older."""
    try:
        import matplotlib
    except ImportError:
        return False
    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return (major, minor) >= (3, 11)


def _matplotlib_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_renderer(renderer: str = "auto") -> Renderer:
    """The concrete renderer for ``renderer``; auto prefers matplotlib, then Pillow+raqm, then BASIC."""
    if renderer not in RENDERERS:
        raise RenderError(f"unknown renderer {renderer!r} (use one of {', '.join(RENDERERS)})")
    if renderer == "auto":
        if _matplotlib_available():
            return "matplotlib"
        return "pillow-raqm" if has_raqm() else "pillow-basic"
    if renderer == "pillow-raqm" and not has_raqm():
        raise RenderError("renderer pillow-raqm: this Pillow has no raqm layout (use pillow-basic)")
    if renderer == "matplotlib" and not _matplotlib_available():
        raise RenderError("renderer matplotlib: matplotlib is not installed")
    return renderer


# --- text preparation ---------------------------------------------------------------------------


def text_dir(text: str, lang: str | None = None) -> Direction:
    """The base direction of a line: from its language if known, else from its letters."""
    if lang in ("ar", "fa", "en"):
        return lang_dir(lang)
    return script_dir(text)


def visual_order(text: str, direction: Direction = "rtl") -> str:
    """Joined letter forms in visual order, for renderers that cannot shape (reshaper + bidi)."""
    return str(get_display(arabic_reshaper.reshape(text), base_dir="R" if direction == "rtl" else "L"))


def needs_shaping(renderer: Renderer) -> bool:
    """True when ``renderer`` needs text reshaped and reordered before drawing."""
    if renderer == "matplotlib":
        return not matplotlib_shapes()
    return renderer == "pillow-basic"


@lru_cache(maxsize=8)
def _charmap(path: Path) -> frozenset[int] | None:
    """The code points a font file covers (None if it cannot be read here)."""
    try:
        from matplotlib.ft2font import FT2Font
    except ImportError:
        return None
    try:
        return frozenset(FT2Font(str(path)).get_charmap())
    except (OSError, RuntimeError):
        return None


def _covers(path: Path, text: str) -> bool:
    cmap = _charmap(path)
    if cmap is None:  # unknown coverage: trust the Arabic font with Arabic-only lines
        return not LATIN_LETTER.search(text) and '"' not in text
    return all(ord(ch) in cmap or ch.isspace() or ord(ch) in (0x200C, 0x200D, 0x200F) for ch in text)


def _font_path(text: str, bold: bool = False) -> Path:
    """Noto Naskh Arabic for Arabic-script lines it fully covers, else DejaVu Sans (covers both)."""
    arabic, latin = arabic_font(bold), latin_font(bold)
    if has_arabic_script(text) and arabic is not None and _covers(arabic, text):
        return arabic
    path = latin or arabic
    if path is None:
        raise RenderError("no installed font covers Arabic or Latin (install fonts-noto-core or DejaVu)")
    return path


@lru_cache(maxsize=64)
def _pil_font(path: Path, size: int, basic: bool) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.BASIC if basic or not has_raqm() else ImageFont.Layout.RAQM
    return ImageFont.truetype(str(path), size, layout_engine=layout)


def measure(text: str, size: int, bold: bool = False, font: Path | None = None) -> float:
    """The drawn width of ``text`` in pixels (shaped), used for layout by every renderer."""
    path = font or _font_path(text, bold)
    if has_raqm():
        return float(_pil_font(path, size, False).getlength(text))
    return float(_pil_font(path, size, True).getlength(visual_order(text, text_dir(text))))


# --- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    x: float  # the anchor: the right edge for rtl lines, the left edge otherwise
    y: float  # the vertical middle of the line
    text: str  # logical order
    direction: Direction
    size: int
    bold: bool = False
    colour: str = "#1f2328"
    font: Path | None = None  # chosen once per block, so a wrapped paragraph keeps one font


@dataclass(frozen=True)
class _Rect:
    x0: float
    y0: float
    x1: float
    y1: float
    fill: str


Op = _Text | _Rect


def _fit(text: str, width: float, size: int, font: Path, max_lines: int) -> list[str]:
    """Wrap ``text`` (logical order) into at most ``max_lines`` lines of ``width`` px; ellipsis if cut."""
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if cur and measure(trial, size, font=font) > width:
            lines.append(cur)
            cur = w
            if len(lines) == max_lines:
                break
        else:
            cur = trial
    else:
        if cur:
            lines.append(cur)
        return lines
    # Noto Naskh Arabic has no U+2026: a missing glyph would draw a box, so fall back to dots.
    dots = next((d for d in ("\u2026", "...") if _covers(font, d)), "")
    last = lines[-1]
    while last and measure(f"{last} {dots}", size, font=font) > width:
        last = last[:-1]
    lines[-1] = f"{last.rstrip()} {dots}".rstrip()
    return lines


class _Layout:
    """Places text and boxes top to bottom in a fixed-width page."""

    def __init__(self, width: int = WIDTH) -> None:
        self.width = width
        self.y = float(MARGIN)
        self.ops: list[Op] = []

    def text_block(self, piece: SummaryText, x0: float, x1: float, *, size: int, bold: bool = False,
                   colour: str = "#1f2328", max_lines: int = 3, y: float | None = None) -> float:
        """Draw wrapped text in the box x0..x1 from ``y`` (default: the cursor); returns its bottom."""
        top = self.y if y is None else y
        direction = text_dir(piece.text, piece.lang)
        line_h = size * 1.55
        font = _font_path(piece.text, bold)
        lines = _fit(piece.text, x1 - x0, size, font, max_lines) if piece.text.strip() else []
        for i, line in enumerate(lines):
            anchor = x1 if direction == "rtl" else x0
            y_mid = top + line_h * (i + 0.5)
            self.ops.append(_Text(anchor, y_mid, line, direction, size, bold, colour, font))
        return top + line_h * max(len(lines), 1)


def _layout(summary: ComparisonSummary) -> _Layout:
    """Lay the summary out: title, source headers, aligned passages, facts grid."""
    lay = _Layout()
    inner = lay.width - 2 * MARGIN
    n = max(len(summary.sources), 1)
    gap = 24.0
    col_w = (inner - gap * (n - 1)) / n
    cols = [(MARGIN + i * (col_w + gap), MARGIN + i * (col_w + gap) + col_w) for i in range(n)]

    lay.y = lay.text_block(SummaryText(summary.title, "en"), MARGIN, lay.width - MARGIN, size=30,
                           bold=True, max_lines=2) + 10

    # Source headers: label and date (English), then the title in its own language and direction.
    top = lay.y
    bottoms = []
    for (x0, x1), src in zip(cols, summary.sources, strict=True):
        date = src.date or ""
        head = src.label + (f" \u00b7 {date}" if date and date not in src.label else "")
        colour = "#b42318" if date == "no date" else "#1f2328"
        y = lay.text_block(SummaryText(head, "en"), x0, x1, size=20, bold=True, colour=colour, y=top)
        y = lay.text_block(src.title, x0, x1, size=22, max_lines=2, y=y)
        bottoms.append(y)
    lay.y = max(bottoms) + 24
    lay.ops.insert(0, _Rect(MARGIN - 10, top - 6, lay.width - MARGIN + 10, lay.y - 12, "#eef2f7"))

    if summary.passages:
        lay.y = lay.text_block(SummaryText("Aligned passages", "en"), MARGIN, lay.width - MARGIN, size=24,
                               bold=True) + 4
        for k, row in enumerate(summary.passages):
            top = lay.y
            heights = []
            for (x0, x1), piece in zip(cols, row, strict=True):
                if piece is None:
                    heights.append(lay.text_block(SummaryText("(not in this source)", "en"), x0, x1, size=18,
                                                  colour="#6e7781", y=top))
                else:
                    heights.append(lay.text_block(piece, x0, x1, size=22, max_lines=3, y=top))
            bottom = max(heights)
            if k % 2 == 0:
                lay.ops.insert(0, _Rect(MARGIN - 10, top - 4, lay.width - MARGIN + 10, bottom + 4, "#f6f8fa"))
            lay.y = bottom + 14

    if summary.facts:
        lay.y += 10
        lay.y = lay.text_block(SummaryText("Facts", "en"), MARGIN, lay.width - MARGIN, size=24, bold=True) + 4
        fact_w = inner * 0.42
        cell_w = (inner - fact_w) / n
        for kind, fact, cells, disagree in summary.facts:
            top = lay.y
            label = f"{kind}: {fact}" + ("  \u26a0 sources differ" if disagree else "")
            y = lay.text_block(SummaryText(label, "en"), MARGIN, MARGIN + fact_w - 12, size=18,
                               colour="#b42318" if disagree else "#1f2328", max_lines=2, y=top)
            for i, cell in enumerate(cells):
                x0 = MARGIN + fact_w + i * cell_w
                mark = "\u2713" if cell == "yes" else (cell or "\u2014")
                y = max(y, lay.text_block(SummaryText(mark, "en"), x0, x0 + cell_w - 12, size=18,
                                          colour="#6e7781" if not cell else "#1f2328", max_lines=2, y=top))
            if disagree:
                lay.ops.insert(0, _Rect(MARGIN - 10, top - 2, lay.width - MARGIN + 10, y + 2, "#fdecea"))
            lay.ops.insert(0, _Rect(MARGIN - 10, y + 3, lay.width - MARGIN + 10, y + 4, "#d0d7de"))
            lay.y = y + 8
        if summary.more_facts:
            more = SummaryText(f"\u2026 and {summary.more_facts} more facts on the page", "en")
            lay.y = lay.text_block(more, MARGIN, lay.width - MARGIN, size=16, colour="#6e7781")
    lay.y += MARGIN
    return lay


# --- backends -------------------------------------------------------------------------------------


def _draw_pillow(ops: Sequence[Op], width: int, height: int, *, basic: bool) -> Image.Image:
    """Draw with Pillow: raqm shapes raw text; BASIC gets reshaped, visually ordered text."""
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    for op in ops:
        if isinstance(op, _Rect):
            draw.rectangle((op.x0, op.y0, op.x1, op.y1), fill=op.fill)
            continue
        font = _pil_font(op.font or _font_path(op.text, op.bold), op.size, basic)
        anchor = "rm" if op.direction == "rtl" else "lm"
        if basic:
            draw.text((op.x, op.y), visual_order(op.text, op.direction), font=font, fill=op.colour,
                      anchor=anchor)
        else:
            draw.text((op.x, op.y), op.text, font=font, fill=op.colour, anchor=anchor,
                      direction=op.direction)
    return img


def _draw_matplotlib(ops: Sequence[Op], width: int, height: int) -> Image.Image:
    """Draw with matplotlib's Agg canvas (no pyplot: safe inside a Streamlit server)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Rectangle

    shaped_by_us = needs_shaping("matplotlib")
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    for op in ops:
        if isinstance(op, _Rect):
            fig.patches.append(Rectangle((op.x0 / width, 1 - op.y1 / height), (op.x1 - op.x0) / width,
                                         (op.y1 - op.y0) / height, transform=fig.transFigure,
                                         facecolor=op.fill, edgecolor="none", zorder=0))
            continue
        props = FontProperties(fname=str(op.font or _font_path(op.text, op.bold)), size=op.size * 72 / DPI)
        if shaped_by_us:
            text = visual_order(op.text, op.direction)
        else:
            # raqm picks the base direction from the first strong letter; an RTL line that starts
            # with Latin ("date 2026-02-04 ...") needs the right-to-left mark to stay right to left.
            text = (RLM + op.text) if op.direction == "rtl" else op.text
        fig.text(op.x / width, 1 - op.y / height, text, fontproperties=props, color=op.colour,
                 ha="right" if op.direction == "rtl" else "left", va="center_baseline", zorder=2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    buf.seek(0)
    with Image.open(buf) as img:
        return img.convert("RGB")


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _render(ops: Sequence[Op], width: int, height: int, renderer: Renderer) -> Image.Image:
    if renderer == "matplotlib":
        return _draw_matplotlib(ops, width, height)
    return _draw_pillow(ops, width, height, basic=renderer == "pillow-basic")


def comparison_png(summary: ComparisonSummary, *, renderer: str = "auto") -> bytes:
    """A PNG of the comparison summary; Arabic and Persian shaped by ``renderer`` or by us."""
    chosen = resolve_renderer(renderer)
    lay = _layout(summary)
    return _png(_render(lay.ops, lay.width, int(lay.y), chosen))


def line_image(text: str, lang: str | None = None, *, renderer: str = "auto", size: int = 36,
               width: int = 900) -> Image.Image:
    """One line of text drawn by ``renderer`` (right-aligned if RTL), for checks and previews."""
    chosen = resolve_renderer(renderer)
    direction = text_dir(text, lang)
    height = int(size * 2)
    x = width - 20 if direction == "rtl" else 20
    ops = [_Text(x, height / 2, text, direction, size)]
    return _render(ops, width, height, chosen)
