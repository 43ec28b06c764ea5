"""Paths of the repository, the seed corpus and the test artifacts (screenshots, exports)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "data" / "articles"
SEEDS = sorted(SEED_DIR.glob("*.txt"))
ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots and exports; git-ignored


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" .. "004")."""
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path
