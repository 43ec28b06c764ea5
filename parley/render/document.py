"""A small document model shared by the briefing's HTML and PDF renderers.

A document is a title and a list of blocks; each block carries its text in logical order
and its language, so each renderer decides direction and shaping for its own target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "para", "quote", "meta", "table", "image"]

_RTL_CHARS = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LTR_CHARS = re.compile(r"[A-Za-z\u00c0-\u024f]")


def script_dir(text: str) -> Literal["rtl", "ltr"]:
    """Direction of a string from its first strong letter (for cells with no language)."""
    for ch in text:
        if _RTL_CHARS.match(ch):
            return "rtl"
        if _LTR_CHARS.match(ch):
            return "ltr"
    return "ltr"


def lang_dir(lang: str | None) -> Literal["rtl", "ltr"]:
    """Direction of a language code: ar and fa are right to left."""
    return "rtl" if lang in ("ar", "fa") else "ltr"


@dataclass(frozen=True)
class Block:
    """One block: a heading, a paragraph, a quote, a line of provenance, a table or an image."""

    kind: BlockKind
    text: str = ""
    lang: str = "en"
    source: str = ""  # provenance line: outlet, date, URL
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    png: bytes | None = None
    html: str | None = None  # a pre-rendered, self-contained HTML figure (HTML target only)


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = field(default_factory=tuple)
