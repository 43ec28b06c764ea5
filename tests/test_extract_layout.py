"""The shape of the extraction and loading code: which layer imports which, module sizes, and
the pipeline's stages reading a frozen Found."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from seeds import REPO, seed

from parley.extract.pipeline import analyse
from parley.extract.records import Found
from parley.load.article import build_article
from parley.load.readers import read_path

PARLEY = REPO / "parley"
MAX_LINES = 450
# a Unicode script range spelled out: parley.text.script is their one home
RANGE_SPELLINGS = ("\\u0600", "\\u06ff", "\\u0750", "\\u077f", "0x0600", "0x06ff", "0x0750")


def _modules(folder: str) -> list[Path]:
    return sorted((PARLEY / folder).glob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at run time or for types only."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("path", _modules("extract") + _modules("load"), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it by concept"


@pytest.mark.parametrize("path", _modules("load"), ids=lambda p: p.name)
def test_load_does_not_import_extract(path: Path) -> None:
    assert not [m for m in _imports(path) if m.startswith("parley.extract")]


@pytest.mark.parametrize("path", _modules("text"), ids=lambda p: p.name)
def test_text_imports_no_higher_layer(path: Path) -> None:
    allowed = ("parley.text", "parley.datafiles", "parley.errors", "parley.records")
    assert not [m for m in _imports(path) if m.startswith("parley") and not m.startswith(allowed)]


@pytest.mark.parametrize("path", _modules("extract"), ids=lambda p: p.name)
def test_stages_do_not_import_the_pipeline(path: Path) -> None:
    assert "parley.extract.pipeline" not in _imports(path)


@pytest.mark.parametrize("path", _modules("extract") + _modules("load"), ids=lambda p: p.name)
def test_script_ranges_only_in_text_script(path: Path) -> None:
    source = path.read_text(encoding="utf-8").lower()
    assert not [s for s in RANGE_SPELLINGS if s in source]


def test_found_is_frozen_and_complete() -> None:
    (doc,) = read_path(seed("000")).docs
    f = analyse(build_article(doc))
    assert dataclasses.fields(Found)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.actors = []  # type: ignore[misc]
    assert f.stance_starts == [m.start for m in f.stance]
    assert f.governed_stops == sorted(f.governed_stops)
    assert all(f.in_topic(t.start, t.end) for t in f.topic if t.has("topic"))
