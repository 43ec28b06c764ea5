"""A small document model shared by the briefing's HTML and PDF renderers.

A document is a title and a list of blocks; each block carries its text in logical order
and its language, so each renderer decides direction and shaping for its own target (with
parley.text.script's lang_dir and script_dir).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "para", "quote", "meta", "table", "image"]


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
