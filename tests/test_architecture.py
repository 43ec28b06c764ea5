"""The layers keep running one way: each part imports only what tests/import_rules.yaml allows,
only the UI imports Streamlit, the core imports and runs with Streamlit absent, and no module of
parley/ outgrows the line limit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RULES = yaml.safe_load((REPO / "tests" / "import_rules.yaml").read_text(encoding="utf-8"))


def _module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> list[Path]:
    return sorted([*(REPO / "parley").rglob("*.py"), *(REPO / "pages").glob("*.py"), REPO / "dashboard.py",
                   REPO / "serve.py"])


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (absolute names; relative imports resolved), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            out.append((node.lineno, base))
            # "from parley import views" imports parley.views
            if base == "parley" or _is_package(base):
                out += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return out


def _part_of(module: str) -> str | None:
    for part in RULES["parts"]:
        if module == part or module.startswith(part + "."):
            return str(part)
    return None


def _within(name: str, prefixes: list[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _is_package(name: str) -> bool:
    return (REPO / Path(*name.split("."))).is_dir()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_imports_follow_the_layers(path: Path) -> None:
    me = _module_name(path)
    part = _part_of(me)
    wrong: list[str] = []
    for line, name in _imports(path):
        if _within(name, ["streamlit"]) and not _within(me, RULES["streamlit"]):
            wrong.append(f"line {line}: {name} (only {', '.join(RULES['streamlit'])} may import Streamlit)")
        if part is None or not name.startswith("parley") or name == "parley":
            continue
        if _is_package(name) and name != part and not _within(part, [name]):
            # "from parley.store import x" is judged by what x is (listed separately above)
            continue
        if _within(name, [part, *RULES["shared"]]):
            continue
        if not _within(name, RULES["parts"][part]):
            wrong.append(f"line {line}: {name} (a module of {part} may import "
                         f"{', '.join(RULES['parts'][part]) or 'no other part'})")
    assert not wrong, f"{me} imports against the layers:\n" + "\n".join(wrong)


def test_the_rules_can_catch_a_backward_import(tmp_path: Path) -> None:
    """The checker itself: a store module importing analyze, or analyze importing Streamlit, is caught."""
    assert not _within("parley.analyze.compare", RULES["parts"]["parley.store"])
    assert not _within("parley.store.queries", RULES["parts"]["parley.analyze"])
    assert not _within("parley.render.html", RULES["parts"]["parley.store"])
    assert not _within("parley.analyze", RULES["streamlit"])
    assert RULES["parts"]["parley.text"] == []


def test_no_module_of_parley_outgrows_the_limit() -> None:
    limit = int(RULES["max_lines"])
    long = {str(p.relative_to(REPO)): n for p in (REPO / "parley").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > limit}
    assert not long, f"modules over {limit} lines: {long}"


BLOCK_STREAMLIT = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "streamlit" or name.startswith("streamlit."):
            raise ImportError("Streamlit is absent here")
        return None
sys.meta_path.insert(0, Block())
import parley
names = [m.name for m in pkgutil.walk_packages(parley.__path__, "parley.")
         if not m.name.startswith("parley.ui")]
for name in names:
    importlib.import_module(name)
# and the core runs: extract an article, build a store, read it, draw a briefing
import datetime as dt, tempfile, pathlib
from parley.extract.pipeline import article_from_text, extract_article
ex = extract_article(article_from_text("Araghchi met Witkoff in Muscat on Saturday.", lang="en",
                                       published=dt.date(2025, 4, 12)))
assert ex.mentions, ex
from parley.ingest import ingest_paths
from parley.store.db import make_engine
from parley.briefing import briefing_html, collect_briefing
from parley.filters import Filters
tmp = pathlib.Path(tempfile.mkdtemp())
engine = make_engine(f"sqlite:///{tmp / 'p.db'}")
report = ingest_paths([pathlib.Path(sys.argv[1])], engine)
assert report.ingested and not report.rejected, report.summary()
html = briefing_html(collect_briefing(engine, Filters()))
assert "<html" in html
assert "streamlit" not in sys.modules
print(len(names))
"""


def test_the_core_imports_and_runs_without_streamlit() -> None:
    out = subprocess.run([sys.executable, "-c", BLOCK_STREAMLIT, str(REPO / "data" / "articles")],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert int(out.stdout.strip().splitlines()[-1]) > 40  # every core module was imported


def test_language_data_errors_go_through_one_helper() -> None:
    """Every error about a data file is built by parley.datafiles.data_error (file and entry named),
    except the loaders' own "file not found"."""
    offenders = []
    for path in (REPO / "parley").rglob("*.py"):
        if path.name in ("datafiles.py", "errors.py"):
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "GazetteerError(" in line and "file not found" not in line:
                offenders.append(f"{path.relative_to(REPO)}:{i}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_a_data_error_names_the_file_and_the_entry() -> None:
    from parley.datafiles import data_error

    assert str(data_error("stances.yaml", "modal", "must be a list")) == \
        "data/gazetteer/stances.yaml: entry 'modal': must be a list"
    assert str(data_error("topics.yaml", None, "must be a mapping")) == \
        "data/gazetteer/topics.yaml: top level: must be a mapping"


def test_script_ranges_live_only_in_text_script() -> None:
    """The Unicode ranges of scripts are written once, in parley/text/script.py (single punctuation
    characters such as the Arabic comma are no ranges)."""
    import re

    cp = (r"(\\u0[5-9][0-9a-fA-F]{2}|\\u[fF][bBcCdDeE][0-9a-fA-F]{2}|"
          r"0x0[5-9][0-9A-Fa-f]{2}|0x[Ff][BbCcDdEe][0-9A-Fa-f]{2})")
    # a class range ('\u0600-\u06ff', '(0x064B, 0x065F)') or a comparison ('0x0600 <= cp <= 0x06FF')
    ranges = re.compile(cp + r"\s*[-,)]\s*(\\u|0x)|" + cp + r"\"?\s*<=\s*\w+\s*<=")
    found = [f"{p.relative_to(REPO)}:{i}" for p in (REPO / "parley").rglob("*.py") if p.name != "script.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if ranges.search(line)]
    assert not found, found
