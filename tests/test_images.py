"""Static PNGs: Arabic and Persian shaped by the renderer itself, or by reshaper + bidi where it cannot.

Both paths must draw the same picture (joined letters, right to left, brackets mirrored), and
both must clearly differ from a deliberately wrong drawing: raw text through Pillow's BASIC
layout, which leaves the letters unjoined and in reverse order. The PNGs land in
tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from parley.analyze.compare import ComparisonSummary, SummarySource, SummaryText
from parley.render import images
from parley.render.images import (
    RenderError,
    comparison_png,
    has_raqm,
    line_image,
    resolve_renderer,
    visual_order,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

LINES = [
    pytest.param("وزير الخارجية الأمريكي ماركو روبيو", "ar", id="ar-name"),
    pytest.param("أكد روبيو أن الولايات المتحدة لا تزال منفتحة على الحوار", "ar", id="ar-sentence"),
    pytest.param("روبیو گفت: «ترامپ (رئیس‌جمهور) آماده گفت‌وگو است.»", "fa", id="fa-quotes-zwnj"),
    pytest.param("مارکو روبیو، وزیر خارجه آمریکا", "fa", id="fa-name"),
]

needs_raqm = pytest.mark.skipif(not has_raqm(), reason="this Pillow has no raqm")


def _ink(img: Image.Image) -> np.ndarray:
    """Ink coverage 0..1 per pixel (1 = black)."""
    return 1.0 - np.asarray(img.convert("L"), dtype=float) / 255.0


def _crop(img: Image.Image) -> np.ndarray:
    """The ink of ``img`` cut to its bounding box."""
    ink = _ink(img)
    rows = np.where((ink > 0.3).any(axis=1))[0]
    cols = np.where((ink > 0.3).any(axis=0))[0]
    return ink[rows.min(): rows.max() + 1, cols.min(): cols.max() + 1]


def _diff(a: Image.Image, b: Image.Image, blur: float = 3.0) -> float:
    """Difference of two drawings relative to their ink: about 0 identical, about 1 unrelated.

    Both are cut to their ink, right-aligned (RTL lines end at the right), and blurred, so a
    pixel of hinting or a slightly different kerning counts for little and letter forms and
    order count for a lot.
    """
    ia, ib = _crop(a), _crop(b)
    h, w = max(ia.shape[0], ib.shape[0]), max(ia.shape[1], ib.shape[1])

    def pad(x: np.ndarray) -> np.ndarray:
        out = np.zeros((h, w))
        out[: x.shape[0], w - x.shape[1]:] = x
        img = Image.fromarray((out * 255).astype("uint8")).filter(ImageFilter.GaussianBlur(blur))
        return np.asarray(img, dtype=float)

    pa, pb = pad(ia), pad(ib)
    return float(np.abs(pa - pb).sum() / max(pa.sum(), pb.sum(), 1.0))


def _wrong(text: str, like: Image.Image, size: int = 36) -> Image.Image:
    """The classic bug: raw logical text drawn by a renderer that cannot shape (BASIC layout)."""
    font = ImageFont.truetype(str(images._font_path(text)), size, layout_engine=ImageFont.Layout.BASIC)
    img = Image.new("RGB", like.size, "white")
    ImageDraw.Draw(img).text((like.width - 20, like.height / 2), text, font=font, fill="#1f2328", anchor="rm")
    return img


def _columns(img: Image.Image) -> tuple[int, int]:
    """Leftmost and rightmost inked columns."""
    cols = np.where((_ink(img) > 0.5).any(axis=0))[0]
    return int(cols.min()), int(cols.max())


@needs_raqm
@pytest.mark.parametrize(("text", "lang"), LINES)
def test_self_shaping_and_reshaper_paths_draw_the_same_line(text: str, lang: str) -> None:
    shaped_by_pillow = line_image(text, lang, renderer="pillow-raqm")
    shaped_by_us = line_image(text, lang, renderer="pillow-basic")
    wrong = _wrong(text, shaped_by_pillow)
    same = _diff(shaped_by_pillow, shaped_by_us)
    bad = _diff(shaped_by_pillow, wrong)
    assert same < 0.45, f"raqm vs reshaper+bidi differ by {same:.2f}"
    assert bad > 0.7, f"the unshaped drawing should look different, differs by only {bad:.2f}"
    assert bad > 2 * same
    # Joined letters are narrower than isolated forms: the wrong drawing is wider.
    w_ok = np.subtract(*_columns(shaped_by_pillow)[::-1])
    w_bad = np.subtract(*_columns(wrong)[::-1])
    assert w_bad > w_ok


@pytest.mark.parametrize(("text", "lang"), LINES)
def test_matplotlib_shapes_raw_text_itself(text: str, lang: str) -> None:
    assert images.matplotlib_shapes(), "matplotlib 3.11+ is pinned; it shapes with its bundled raqm"
    mpl = line_image(text, lang, renderer="matplotlib")
    ours = line_image(text, lang, renderer="pillow-basic")  # reshaper + bidi, same font, same anchor
    wrong = _wrong(text, mpl)
    same, bad = _diff(mpl, ours), _diff(mpl, wrong)
    assert same < 0.45, f"matplotlib vs reshaper+bidi differ by {same:.2f}"
    assert bad > 0.7 and bad > 2 * same


@needs_raqm
def test_reshaping_before_a_self_shaping_renderer_reverses_the_text() -> None:
    """Why reshaper/bidi must not run before raqm: the letters come out in the wrong order."""
    text = "أكد روبيو أن الولايات المتحدة لا تزال منفتحة على الحوار"
    good = line_image(text, "ar", renderer="pillow-raqm")
    double = line_image(visual_order(text), "ar", renderer="pillow-raqm")
    assert _diff(good, double) > 0.6
    mpl_double = line_image(visual_order(text), "ar", renderer="matplotlib")
    assert _diff(line_image(text, "ar", renderer="matplotlib"), mpl_double) > 0.6


def test_visual_order_mirrors_brackets_and_quotes() -> None:
    # In a right-to-left run an opening bracket is drawn with the mirrored glyph (UBA rule L4).
    assert visual_order("(\u0628)") == "(\ufe8f)"
    assert visual_order("«\u0628»") == "«\ufe8f»"
    out = visual_order("روبيو")
    assert not set(out) & set("روبيو"), "reshaped text uses presentation forms only"


def test_resolve_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RenderError, match="unknown renderer"):
        resolve_renderer("cairo")
    assert resolve_renderer("auto") == "matplotlib"
    assert resolve_renderer("pillow-basic") == "pillow-basic"
    monkeypatch.setattr(images, "has_raqm", lambda: False)
    with pytest.raises(RenderError, match="no raqm"):
        resolve_renderer("pillow-raqm")
    monkeypatch.setattr(images, "_matplotlib_available", lambda: False)
    assert resolve_renderer("auto") == "pillow-basic"


def _summary() -> ComparisonSummary:
    ar = ("وأوضح \"روبيو\"، خلال مؤتمر صحفي على هامش الاجتماع الوزاري للمعادن الحيوية في واشنطن، "
          "أن النظام القائم لا يعكس ثقافة الشعب أو تاريخه العريق")
    fa = ("date 2026-02-04 مارکو روبیو، وزیر خارجه آمریکا، در نشست خبری کنفرانس مواد معدنی کمیاب، "
          "درباره سیاست واشینگتن در قبال تهران گفت: «ترامپ آماده است با هر کسی در جهان گفتوگو و تعامل کند.»")
    en = "I think it's pretty clear right now, President Trump is willing to talk to anyone in the world."
    return ComparisonSummary(
        title="Source comparison: 000 | 001",
        sources=(SummarySource("000 · ar", SummaryText("أكد وزير الخارجية الأمريكي ماركو روبيو", "ar"),
                               "2026-02-05"),
                 SummarySource("004 · ar", SummaryText("ترامب يسعى للتهدئة", "ar"), "no date")),
        passages=((SummaryText(ar, "ar"), SummaryText(fa, "fa")), (SummaryText(en, "en"), None)),
        facts=(("venue", "Oman (moved_to)", ("yes", ""), False),
               ("event", "meeting: Witkoff", ("2026-02-03", "no date"), True)),
    )


RENDERERS = ["matplotlib", pytest.param("pillow-raqm", marks=needs_raqm), "pillow-basic"]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_comparison_png_is_a_png_and_saved_for_review(renderer: str) -> None:
    png = comparison_png(_summary(), renderer=renderer)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(png))
    assert img.width == images.WIDTH and img.height > 300
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"compare_summary_{renderer}.png").write_bytes(png)


@needs_raqm
def test_comparison_png_paths_agree_and_the_unshaped_one_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    raqm = Image.open(io.BytesIO(comparison_png(_summary(), renderer="pillow-raqm")))
    basic = Image.open(io.BytesIO(comparison_png(_summary(), renderer="pillow-basic")))
    monkeypatch.setattr(images, "visual_order", lambda text, direction="rtl": text)  # forget to shape
    wrong = Image.open(io.BytesIO(comparison_png(_summary(), renderer="pillow-basic")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wrong.save(ARTIFACTS / "compare_summary_wrong_unshaped.png")
    assert raqm.size == basic.size == wrong.size
    same, bad = _diff(raqm, basic), _diff(raqm, wrong)
    assert bad > 2 * same, (same, bad)
