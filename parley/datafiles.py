"""Locate and read the language data files under data/gazetteer/."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from parley.errors import GazetteerError

REPO_ROOT = Path(__file__).resolve().parent.parent


def gazetteer_dir() -> Path:
    """The folder of data files; PARLEY_GAZETTEER_DIR overrides it (tests, other corpora)."""
    override = os.environ.get("PARLEY_GAZETTEER_DIR")
    return Path(override) if override else REPO_ROOT / "data" / "gazetteer"


@lru_cache(maxsize=64)
def _gazetteer_path(override: str | None, name: str) -> Path:
    return (Path(override) if override else REPO_ROOT / "data" / "gazetteer") / name


def gazetteer_path(name: str) -> Path:
    """``gazetteer_dir() / name``, without rebuilding the path on every call (per article)."""
    return _gazetteer_path(os.environ.get("PARLEY_GAZETTEER_DIR"), name)


def file_key(name: str) -> int:
    """A key of data file NAME's path and version (its modification time, 0.0 when it is missing),
    for a per-version cache of what is read from it; one stat per call (it is called per article)."""
    path = gazetteer_path(name)
    try:
        mtime = os.stat(path).st_mtime
    except (FileNotFoundError, NotADirectoryError):
        mtime = 0.0
    return hash((str(path), mtime))


@lru_cache(maxsize=64)
def _load_yaml_cached(path: str, mtime: float) -> Any:
    with open(path, encoding="utf-8") as fh:
        # libyaml's loader when present: about ten times faster on the actor file.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(fh, Loader=loader)  # a safe loader either way


def load_yaml(name: str) -> Any:
    """Parse data/gazetteer/NAME; raises GazetteerError naming the file if it is missing or bad."""
    path = gazetteer_path(name)
    try:
        return _load_yaml_cached(str(path), path.stat().st_mtime)
    except FileNotFoundError as exc:
        raise GazetteerError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML: {exc}") from exc


def data_error(file: str, entry: str | None, msg: str) -> GazetteerError:
    """The one form of a language-data error: the file under data/gazetteer/, the entry (None:
    the file's top level) and what is wrong, e.g. "data/gazetteer/stances.yaml: entry 'modal': ..."."""
    where = f"entry '{entry}'" if entry is not None else "top level"
    return GazetteerError(f"data/gazetteer/{file}: {where}: {msg}")


def english_words(file: str, data: dict[str, object], key: str) -> tuple[str, ...]:
    """``data[key]``, a mapping with one key 'en' holding a list of words (signs that only English
    writes, such as capitalised heads), lower-cased; raises the file's data error otherwise."""
    value = data.get(key)
    if not isinstance(value, dict) or set(value) != {"en"} or not isinstance(value["en"], list) \
            or not all(isinstance(x, str) and x.strip() for x in value["en"]):
        raise data_error(file, key, "expected a mapping with one key 'en' holding a list of words")
    return tuple(str(x).strip().lower() for x in value["en"])
