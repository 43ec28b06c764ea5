"""Find installed fonts that cover Arabic, Persian and Latin, for renderers outside the browser."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Preferred files, best first: Noto Naskh (fonts-noto-core), Noto Sans Arabic, then DejaVu
# (installed by default on Debian, covers Arabic and Persian letters).
_ARABIC = ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "DejaVuSans.ttf")
_ARABIC_BOLD = ("NotoNaskhArabic-Bold.ttf", "NotoSansArabic-Bold.ttf", "DejaVuSans-Bold.ttf")
_LATIN = ("DejaVuSans.ttf", "NotoSans-Regular.ttf")
_LATIN_BOLD = ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf")


@lru_cache(maxsize=16)
def _find(names: tuple[str, ...]) -> Path | None:
    for name in names:
        for root in _FONT_DIRS:
            if root.is_dir():
                hit = next(iter(sorted(root.rglob(name))), None)
                if hit is not None:
                    return hit
    return None


def arabic_font(bold: bool = False) -> Path | None:
    """An installed TrueType font with Arabic and Persian glyphs, or None."""
    return _find(_ARABIC_BOLD if bold else _ARABIC)


def latin_font(bold: bool = False) -> Path | None:
    """An installed TrueType font for Latin text, or None."""
    return _find(_LATIN_BOLD if bold else _LATIN)
