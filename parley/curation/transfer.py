"""Curation in and out of a store: a YAML file of accepted actors, aliases and every correction
(``python -m parley curation export|import``), and the accepted actors in the form of
data/gazetteer/actors.yaml, so the next extraction finds them by itself."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine

from parley.errors import ParleyError
from parley.store import curation as store

FORMAT = "parley-curation"
VERSION = 1
_FIELDS = ("id", "at", "who", "kind", "target", "before", "after", "note", "reverted_by", "article_id",
           "span_start", "span_end", "span_hash", "flag")
MAX_FILE = 50 * 1024 * 1024


def _aliases(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The names analysts attached to actors (accepted candidates, aliases), in force, unique."""
    out: dict[tuple[str, str, str], dict[str, str]] = {}
    for r in rows:
        if r["reverted_by"] is None and r["kind"] in ("actor_accept", "actor_alias"):
            after = json.loads(r["after"])
            key = (str(after["actor_id"]), str(after.get("lang") or ""), str(after.get("surface") or ""))
            if key[2]:
                out[key] = {"actor_id": key[0], "lang": key[1], "surface": key[2]}
    return list(out.values())


def curation_document(engine: Engine) -> dict[str, Any]:
    """The store's curation as one document (see the module docstring)."""
    rows = store.all_corrections(engine)
    actors = [{k: a[k] for k in ("actor_id", "name_en", "name_ar", "name_fa", "kind", "side")}
              for a in store.accepted_actors(engine)]
    corrections = []
    for r in rows:
        item = {k: r.get(k) for k in _FIELDS}
        item["at"] = r["at"].isoformat(sep=" ") if isinstance(r["at"], dt.datetime) else str(r["at"])
        for k in ("target", "before", "after"):
            item[k] = json.loads(r[k] or "{}")
        corrections.append(item)
    return {"format": FORMAT, "version": VERSION, "accepted_actors": actors, "aliases": _aliases(rows),
            "corrections": corrections}


def export_curation(engine: Engine, out: Path) -> int:
    """Write the curation YAML to ``out``; returns how many corrections it holds."""
    doc = curation_document(engine)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return len(doc["corrections"])


def import_curation(engine: Engine, path: Path) -> tuple[int, int, dict[int, str]]:
    """Apply a curation YAML to this store: (added, already there, flagged {id: why})."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise ParleyError(f"{path}: larger than {MAX_FILE // (1024 * 1024)} MB")
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ParleyError(f"{path}: cannot read a curation file: {str(exc).splitlines()[0]}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT \
            or not isinstance(doc.get("corrections"), list):
        raise ParleyError(f"{path}: not a Parley curation file (format: {FORMAT}, corrections: [...])")
    rows = []
    for item in doc["corrections"]:
        if not isinstance(item, dict) or not {"id", "at", "who", "kind"} <= item.keys():
            raise ParleyError(f"{path}: a correction needs id, at, who and kind")
        at = item["at"] if isinstance(item["at"], dt.datetime) else dt.datetime.fromisoformat(str(item["at"]))
        rows.append({**item, "at": at, **{k: json.dumps(item.get(k) or {}, ensure_ascii=False)
                                          for k in ("target", "before", "after")}})
    return store.import_corrections(engine, rows)


def gazetteer_entries(engine: Engine) -> dict[str, Any]:
    """The accepted actors as data/gazetteer/actors.yaml entries (id, kind, side, name per
    language, aliases per language), and the names added to gazetteer actors (``add_aliases``:
    copy them into those actors' ``aliases`` by hand)."""
    names = _aliases(store.all_corrections(engine))
    new = {a["actor_id"]: a for a in store.accepted_actors(engine)}
    entries = []
    for actor_id, a in new.items():
        entry: dict[str, Any] = {"id": actor_id, "kind": a["kind"], "side": a["side"],
                                 "name": {lg: a[f"name_{lg}"] for lg in ("en", "ar", "fa")
                                          if a.get(f"name_{lg}")}}
        aliases: dict[str, list[str]] = {}
        for n in names:
            if n["actor_id"] == actor_id and n["lang"] in ("en", "ar", "fa") \
                    and n["surface"] != entry["name"].get(n["lang"]):
                aliases.setdefault(n["lang"], []).append(n["surface"])
        if aliases:
            entry["aliases"] = aliases
        entries.append(entry)
    extra = [n for n in names if n["actor_id"] not in new]
    doc: dict[str, Any] = {"actors": entries}
    if extra:
        doc["add_aliases"] = extra
    return doc


def export_gazetteer(engine: Engine, out: Path) -> int:
    """Write the accepted actors in actors.yaml form to ``out``; returns how many actors."""
    doc = gazetteer_entries(engine)
    head = ("# Actors accepted by analysts (python -m parley curation export --gazetteer). Append the\n"
            "# entries under 'actors' to data/gazetteer/actors.yaml, then run python -m parley extract.\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    out.write_text(head + body, encoding="utf-8")
    return len(doc["actors"])
