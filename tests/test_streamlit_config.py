"""Streamlit settings the dashboard relies on (.streamlit/config.toml)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
DOCUMENTED = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
NOT_WRITTEN = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)  # magic leaves these alone


def magic_writes(source: str) -> list[int]:
    """Lines whose bare expression Streamlit's magic would write to the page: an expression
    statement that is neither a call nor a docstring."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0]) for node in ast.walk(tree) if isinstance(node, DOCUMENTED) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
                  and isinstance(node.body[0].value.value, str)}
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and not isinstance(n.value, NOT_WRITTEN) and id(n) not in docstrings]


def test_magic_writes_are_found() -> None:
    source = '"""Doc."""\nimport x\nx.y\n"note"\nf()\n\ndef g():\n    """Doc."""\n    1\n'
    assert magic_writes(source) == [3, 4, 9]


def test_magic_is_off_and_no_page_needs_it() -> None:
    assert CONFIG["runner"]["magicEnabled"] is False
    for path in [REPO / "dashboard.py", *sorted((REPO / "pages").glob("*.py"))]:
        assert not magic_writes(path.read_text(encoding="utf-8")), path.name
