"""Places the gazetteer lacks, named in English: 'talks in Putrajaya', 'arrived in Gyeongju'.

A run of one to three Capitalised words right after 'in', 'at' or 'to' (place_signs.yaml) that no
gazetteer name, discovered person or nationality adjective covers, and that holds no title, month,
weekday or sentence word (person_signs.yaml, name_signs.yaml), is a place name the gazetteer lacks.
It is returned as a place match of its own with an id made from its name (discovered.person_id:
'Ciragan Palace' -> ciragan_palace), so that venues.py reads its role from the same frames as a known
place's; venues keep it only when the frame gives it a role (a place only mentioned is not kept: a
capitalised word after 'in' is too often no place). English only: capital letters are the sign.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, english_words, file_key, load_yaml
from parley.extract.discovered import Person, is_headline, person_id, person_signs
from parley.extract.matcher import Match
from parley.extract.phrases import Payload
from parley.extract.records import Found

_FILE = "place_signs.yaml"
_WORD = r"[A-Z][a-z\u00df-\u00ff]+(?:-[A-Z][a-z\u00df-\u00ff]+)*"
_MAX = 3


@dataclass(frozen=True)
class _PlaceSigns:
    before: re.Pattern[str]  # the run after one of the 'before' words
    heads: frozenset[str]
    not_place: frozenset[str]


def _en(data: dict[str, object], key: str) -> tuple[str, ...]:
    return english_words(_FILE, data, key)


@lru_cache(maxsize=4)
def _load(_key: int) -> _PlaceSigns:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise data_error(_FILE, None, "top level must be a mapping")
    words = "|".join(re.escape(w) for w in sorted(_en(data, "before"), key=len, reverse=True))
    name = rf"({_WORD}(?:[ \t]+{_WORD}){{0,{_MAX - 1}}})"
    run = re.compile(rf"(?<![\w'\u2019-])(?:{words})[ \t]+(?:the[ \t]+)?{name}(?![\w'\u2019-])")
    return _PlaceSigns(run, frozenset(_en(data, "place_heads")), frozenset(_en(data, "not_place")))


def place_signs() -> _PlaceSigns:
    """The signs of place_signs.yaml (read once per file version)."""
    return _load(file_key(_FILE))


def _name(run: str, signs: _PlaceSigns, no_name: frozenset[str], most: int) -> str:
    """The run's words up to the first that is no part of a place name ('Gyeongju Tuesday' ->
    'Gyeongju'); '' when the first is none."""
    person = person_signs()
    kept: list[str] = []
    for w in run.split()[:most]:
        low = w.lower()
        if w in no_name or low in signs.not_place or person.is_title(low) or low in person.not_name \
                or (low in person.not_person and low not in signs.heads):
            break
        kept.append(w)
    return " ".join(kept) if kept and run.startswith(kept[0]) else ""


def _known(f: Found, people: list[Person]) -> tuple[list[int], list[int]]:
    """The starts of the spans the gazetteer, a discovered name or an adjective covers on the
    original text, sorted, and the furthest end reached up to each (a sentinel when none)."""
    doc = f.doc
    known = sorted(f.gaz_orig_spans + f.actor_orig_spans
                   + [doc.orig_span(d.start, d.end) for d in f.demonyms]
                   + [(p.start, p.end) for p in people])
    reach: list[int] = []
    for _, end in known:
        reach.append(max(end, reach[-1]) if reach else end)
    return [k[0] for k in known] or [len(doc.article.text) + 1], reach or [-1]


def find_new_places(f: Found, people: list[Person]) -> list[Match]:
    """Place matches (label 'place', and 'new_place') on the normalised text for the English place
    names the gazetteer lacks (see the module doc); ``people``: the discovered people and bodies."""
    doc = f.doc
    art = doc.article
    segments = art.segments or []
    # a headline's capitals are no sign: there the name is its first word ('Talks in Paris Focus on ...')
    spans = [(s.start, s.end, is_headline(s.text)) for s in segments if s.lang == "en"]
    if not segments and art.lang == "en":
        spans = [(0, len(art.text), False)]
    if not spans:
        return []
    signs = place_signs()
    no_name = f.cues.not_names_en
    starts: list[int] = []
    reach: list[int] = []
    offsets = doc.norm.offsets
    out: list[Match] = []
    for lo, hi, headline in spans:
        for m in signs.before.finditer(art.text, lo, hi):
            s, e = m.span(1)
            if not reach:  # the known names' spans, mapped once, when the first sign is found
                starts, reach = _known(f, people)
            i = bisect.bisect_left(starts, e) - 1
            if i >= 0 and reach[i] > s:
                continue  # the gazetteer, a discovered name or an adjective has these words
            name = _name(art.text[s:e], signs, no_name, 1 if headline else _MAX)
            if not name:
                continue
            e = s + len(name)
            if art.text[e:e + 2] in ("'s", "\u2019s"):
                continue  # "in Tusk's office": a person's
            pid = person_id(name)
            if pid is None or pid in f.gaz.places or pid in f.gaz.actors:
                continue
            n0, n1 = bisect.bisect_left(offsets, s), bisect.bisect_left(offsets, e)
            out.append(Match(n0, n1, "", (Payload("place", pid, "en", name),),
                             frozenset({"place", "new_place"})))
    return out
