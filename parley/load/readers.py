"""Read input files into RawDocuments: .txt, .html/.htm, .json and .jsonl.

Two ways in, for two kinds of caller:

* ``read_bytes_with_rejects(name, data) -> ReadResult`` (and ``read_path(path)``) never
  raise for bad input: a whole-file problem (empty, too large, binary, undecodable,
  unsupported type, a page without main text) gives one reject; in .json lists and .jsonl
  files each bad record is rejected by itself (origin ``name#N``) and the others are kept.
  Batch ingest uses these.
* ``read_bytes(name, data) -> list[RawDocument]`` is strict: it raises the first reject as
  a ``LoadError`` (uploads of one file, tests).

A reject is a ``LoadError``: ``.origin`` names the file (or ``file#N``) and ``.reason`` is
one line in plain words. Origins: the name given (for ``read_path`` the path as a string);
for a .jsonl file ``name#N`` with N the 1-based line number; for a .json list ``name#N``
with N the 1-based position in the list; a single .json object keeps ``name``.

Text encodings are detected, not assumed (parley.load.decoding: byte-order marks, UTF-8, an
HTML page's declared charset, Windows-1256, charset-normalizer among Windows-1252, Windows-1256
and Latin-1). A JSON string's lone surrogate (an escape such as \\ud800 with no pair) becomes
U+FFFD. HTML pages: parley.load.html. ``walk`` reads folders without following a symbolic
link out of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import LoadError
from parley.load.decoding import decode, without_surrogates
from parley.load.html import read_html
from parley.records import RawDocument

# Largest file read: 5 MB. A news article is a few KB of text; anything bigger is an export
# dump or a wrong file, and reading it whole would stall an upload.
MAX_BYTES = 5 * 1024 * 1024

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl")
_OPTIONAL_FIELDS = ("title", "url", "outlet", "published")


@dataclass
class ReadResult:
    """Documents read from one input, and the rejects (LoadError: origin + reason) beside them."""

    docs: list[RawDocument] = field(default_factory=list)
    rejects: list[LoadError] = field(default_factory=list)


# --- formats ----------------------------------------------------------------------------

def _doc_from_record(origin: str, record: Any) -> RawDocument:
    if not isinstance(record, dict):
        raise LoadError(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if isinstance(text, str):
        text = without_surrogates(text)
    if not isinstance(text, str) or not text.strip():
        raise LoadError(origin, "JSON record has no 'text' (a non-empty string is required)")
    extra: dict[str, str | None] = {}
    for key in _OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise LoadError(origin, f"JSON field '{key}' must be a string")
        extra[key] = (without_surrogates(value).strip() or None) if isinstance(value, str) else None
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(origin=origin, raw=raw, title=extra["title"], url=extra["url"],
                       outlet=extra["outlet"], published=extra["published"])


def _read_json(name: str, text: str, out: ReadResult) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(name, f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, list):
        if not data:
            raise LoadError(name, "empty JSON list")
        for i, record in enumerate(data, start=1):
            try:
                out.docs.append(_doc_from_record(f"{name}#{i}", record))
            except LoadError as err:
                out.rejects.append(err)
    else:
        out.docs.append(_doc_from_record(name, data))


def _read_jsonl(name: str, text: str, out: ReadResult) -> None:
    seen = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        origin = f"{name}#{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.rejects.append(LoadError(origin, f"not valid JSON: {exc.msg}"))
            continue
        try:
            out.docs.append(_doc_from_record(origin, record))
        except LoadError as err:
            out.rejects.append(err)
    if not seen:
        raise LoadError(name, "empty file")


# --- entry points -----------------------------------------------------------------------

def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _read_into(name: str, data: bytes, out: ReadResult) -> None:
    ext = _suffix(name)
    if ext not in SUPPORTED_EXTENSIONS:
        raise LoadError(name, f"unsupported file type '{ext or '(none)'}' "
                              f"(use {', '.join(SUPPORTED_EXTENSIONS)})")
    if len(data) > MAX_BYTES:
        raise LoadError(name, f"larger than {MAX_BYTES} bytes ({len(data)} bytes)")
    if not data.strip():
        raise LoadError(name, "empty file")
    if ext in (".html", ".htm"):
        out.docs.append(read_html(name, data))
        return
    text = decode(name, data)
    if not text.strip():
        raise LoadError(name, "empty file")
    if ext == ".txt":
        out.docs.append(RawDocument(origin=name, raw=text))
    elif ext == ".json":
        _read_json(name, text, out)
    else:
        _read_jsonl(name, text, out)


def read_bytes_with_rejects(name: str, data: bytes) -> ReadResult:
    """Read one input leniently: documents plus rejects (whole-file or per-record); never raises."""
    out = ReadResult()
    try:
        _read_into(name, data, out)
    except LoadError as err:
        out.rejects.append(err)
    return out


def read_bytes(name: str, data: bytes) -> list[RawDocument]:
    """Read one input strictly: its documents, or the first reject raised as LoadError."""
    out = read_bytes_with_rejects(name, data)
    if out.rejects:
        raise out.rejects[0]
    return out.docs


def read_path(path: Path) -> ReadResult:
    """Read a file leniently (see read_bytes_with_rejects); origin is the path as given."""
    name = str(path)
    if path.is_dir():  # a folder the walk could not open (walk yields it so that it is reported)
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return ReadResult(rejects=[LoadError(name, f"cannot read this folder: {exc.strerror or exc}")])
        return ReadResult(rejects=[LoadError(name, "a folder, not a file")])
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and _suffix(name) in SUPPORTED_EXTENSIONS:
            return ReadResult(rejects=[LoadError(name, f"larger than {MAX_BYTES} bytes ({size} bytes)")])
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(rejects=[LoadError(name, f"cannot read: {exc.strerror or exc}")])
    return read_bytes_with_rejects(name, data)


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: files as given (a symbolic link named here is the user's choice); folders
    recursively (supported types, sorted, no hidden files or folders), where a symbolic link is
    followed only when it leads to a file or folder inside the folder walked, and a file reached
    twice (through a link) is read once. A subfolder that cannot be opened is yielded itself,
    for read_path to report; the rest is read."""
    for path in paths:
        if path.is_dir():
            yield from _walk_folder(path)
        else:
            yield path


def _walk_folder(root: Path) -> list[Path]:
    real_root = root.resolve()
    found: dict[Path, tuple[bool, Path]] = {}  # the real file -> (reached through a link?, path)
    walked: set[Path] = set()  # real folders walked (a link back up must not loop)
    stack = [(root, real_root, False)]  # folders to walk by their own path, depth first ...
    later: list[tuple[Path, Path, bool]] = []  # ... then those reached through a link
    while stack or later:
        folder, real, linked = stack.pop() if stack else later.pop()
        if real in walked:
            continue
        walked.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if folder == root:
                raise
            found[real] = (linked, folder)  # read_path reports it; the rest of the folder is read
            continue
        below = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            link = entry.is_symlink()
            if link:
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # a broken link, or a loop of links
                    continue
                if not target.is_relative_to(real_root):
                    continue  # leads out of the folder: never followed
            else:
                target = real / entry.name
            if target.is_dir():
                below.append((path, target, linked or link))
            elif target.is_file() and path.suffix.lower() in SUPPORTED_EXTENSIONS:
                seen = found.get(target)
                if seen is None or (linked or link, path) < seen:  # a file's own path before a link's
                    found[target] = (linked or link, path)
        stack += [b for b in reversed(below) if not b[2]]
        later += [b for b in reversed(below) if b[2]]
    return sorted(path for _, path in found.values())
