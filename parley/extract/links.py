"""Edge cue words: how two actors named in one sentence are linked (met, called, hosted, mediated...).

The cue file is data/gazetteer/edge_cues.yaml. Extraction types each segment naming two or more
actors once, at ingest (``find_links``), and the store keeps the result in the links table; the
network page only reads those types. Pure: no Streamlit, no database.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.datafiles import data_error, load_yaml
from parley.extract.records import Event, Link, Mention
from parley.records import Segment
from parley.text.normalize import normalize_text

CUES_FILE = "edge_cues.yaml"
LANGS = ("ar", "fa", "en")


@dataclass(frozen=True)
class EdgeCues:
    """Edge types in precedence order, the event kinds and (normalised) cue words that give them."""

    types: tuple[str, ...]
    kinds: dict[str, tuple[str, ...]]  # event kind -> edge types
    cues: dict[str, dict[str, tuple[str, ...]]]  # type -> lang -> normalised cues
    mediator_only: frozenset[str]
    request_after: dict[str, tuple[str, ...]]  # lang -> normalised cues
    request_before: dict[str, tuple[str, ...]]



def _cue_map(entry: str, value: Any) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise data_error(CUES_FILE, entry, "cues must be a mapping keyed by ar/fa/en")
    out: dict[str, tuple[str, ...]] = {}
    for lang, items in value.items():
        if lang not in LANGS:
            raise data_error(CUES_FILE, entry, f"unknown language '{lang}' (use {', '.join(LANGS)})")
        if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
            raise data_error(CUES_FILE, entry, f"'{lang}' must be a list of non-empty strings")
        out[lang] = tuple(dict.fromkeys(normalize_text(x.strip()) for x in items))
    return out


def load_edge_cues() -> EdgeCues:
    """Read and validate edge_cues.yaml; raises GazetteerError naming the file and entry."""
    data = load_yaml(CUES_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict) or not data["types"]:
        raise data_error(CUES_FILE, None, "top level needs 'types: {...}'")
    types: list[str] = []
    kinds: dict[str, list[str]] = {}
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    mediator_only: set[str] = set()
    for name, spec in data["types"].items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z_]*", name):
            raise data_error(CUES_FILE, str(name), "type names are lower-case ASCII")
        if not isinstance(spec, dict):
            raise data_error(CUES_FILE, name, "expected a mapping with 'cues' and/or 'event_kinds'")
        unknown = set(spec) - {"cues", "event_kinds", "mediator_only"}
        if unknown:
            raise data_error(CUES_FILE, name, f"unknown keys {sorted(unknown)}")
        ek = spec.get("event_kinds") or []
        if not isinstance(ek, list) or not all(isinstance(k, str) for k in ek):
            raise data_error(CUES_FILE, name, "'event_kinds' must be a list of event kinds")
        types.append(name)
        for k in ek:
            kinds.setdefault(k, []).append(name)
        cues[name] = _cue_map(name, spec.get("cues"))
        if not cues[name] and not ek:
            raise data_error(CUES_FILE, name, "needs 'cues' or 'event_kinds'")
        if spec.get("mediator_only"):
            mediator_only.add(name)
    request = data.get("request") or {}
    if not isinstance(request, dict):
        raise data_error(CUES_FILE, "request", "expected a mapping with 'after' and 'before'")
    return EdgeCues(
        types=tuple(types), kinds={k: tuple(v) for k, v in kinds.items()}, cues=cues,
        mediator_only=frozenset(mediator_only),
        request_after=_cue_map("request.after", request.get("after")),
        request_before=_cue_map("request.before", request.get("before")),
    )


@lru_cache(maxsize=1)
def default_edge_cues() -> EdgeCues:
    """The edge cues loaded once per process."""
    return load_edge_cues()


@lru_cache(maxsize=4096)
def _en_pattern(cue: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(cue) + r"\b")


def cue_found(norm_text: str, lang: str, cue: str) -> bool:
    """Whether a normalised cue occurs in normalised text (whole words for English)."""
    if lang == "en":
        return _en_pattern(cue).search(norm_text) is not None
    return cue in norm_text


# One Aho-Corasick automaton over every normalised cue: a scan costs the length of the text,
# not the number of cues. A value is (cue length, English?, types).
Matcher = Any  # ahocorasick.Automaton (untyped)


def _cue_matcher(cues: dict[str, dict[str, tuple[str, ...]]]) -> Matcher:
    """An automaton finding every cue at every position, each cue mapped to its types."""
    import ahocorasick

    lookup: dict[str, tuple[bool, set[str]]] = {}
    for typ, by_lang in cues.items():
        for lang, words in by_lang.items():
            for w in words:
                english, types = lookup.setdefault(w, (lang == "en", set()))
                types.add(typ)
                lookup[w] = (english and lang == "en", types)
    automaton = ahocorasick.Automaton()
    for w, (english, types) in lookup.items():
        automaton.add_word(w, (len(w), english, frozenset(types)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_MATCHERS: dict[int, tuple[EdgeCues, Matcher]] = {}  # the cues are kept, so their id is not reused
_SCANS: OrderedDict[tuple[int, str], frozenset[str]] = OrderedDict()
_SCAN_CACHE_SIZE = 50_000


def _cue_types(text: str, cues: EdgeCues) -> frozenset[str]:
    """The types whose cue words occur in the text, normalised (one pass, cached per text).

    English cues must stand as whole words ('met' not in 'metal'); Arabic and Persian cues
    match inside words too, since clitics attach to them (والتقى).
    """
    key = (id(cues), text)
    hit = _SCANS.get(key)
    if hit is not None:
        return hit
    norm = normalize_text(text)
    if id(cues) not in _MATCHERS:
        _MATCHERS[id(cues)] = (cues, _cue_matcher(cues.cues))
    automaton = _MATCHERS[id(cues)][1]
    found: set[str] = set()
    if len(automaton):
        for end, (length, english, types) in automaton.iter(norm):
            if english:
                start = end - length + 1
                if (start > 0 and _word_char(norm[start - 1])) or (
                        end + 1 < len(norm) and _word_char(norm[end + 1])):
                    continue
            found |= types
    result = frozenset(found)
    _SCANS[key] = result
    if len(_SCANS) > _SCAN_CACHE_SIZE:
        _SCANS.popitem(last=False)
    return result


def edge_types_in(text: str, kind: str | None = None, cues: EdgeCues | None = None) -> tuple[str, ...]:
    """The edge types a sentence (and its event kind) states, in precedence order; () if none."""
    c = cues or default_edge_cues()
    found = set(c.kinds.get(kind or "", ())) | _cue_types(text or "", c)
    return tuple(t for t in c.types if t in found)


def link_types(texts: Iterable[str], cues: EdgeCues | None = None) -> str:
    """The cue types stated in any of ``texts``, ';'-separated in the cue file's order ('' if none)."""
    c = cues or default_edge_cues()
    found: set[str] = set()
    for text in texts:
        found.update(edge_types_in(text, None, c))
    return ";".join(t for t in c.types if t in found)


def find_links(segments: Sequence[Segment], mentions: Iterable[Mention], events: Iterable[Event],
               cues: EdgeCues | None = None) -> list[Link]:
    """One Link per segment naming two or more distinct actors (its mentions and the actors of
    its events together), typed by the cue words of the segment's text and of its events'
    evidence; in segment order."""
    actors_at: dict[int, set[str]] = {}
    evidence: dict[int, list[str]] = {}
    for m in mentions:
        actors_at.setdefault(m.segment_idx, set()).add(m.actor_id)
    for e in events:
        actors_at.setdefault(e.segment_idx, set()).update(p for p in e.actor_ids.split(";") if p)
        evidence.setdefault(e.segment_idx, []).append(e.evidence)
    text_of = {s.idx: s.text for s in segments}
    return [Link(idx, link_types([text_of.get(idx, ""), *evidence.get(idx, ())], cues))
            for idx in sorted(actors_at) if len(actors_at[idx]) >= 2]
