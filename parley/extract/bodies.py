"""Organisations and outlets the gazetteer lacks, named in English with a sign.

A run of Capitalised words (Al-, The and all-capital words such as TV allowed) is a body when it
ends in a head noun of body_signs.yaml ('Gaza Humanitarian Foundation', 'Al-Aqsa TV') or stands
where an outlet stands ('told The Media Line', 'according to Israel Hayom', 'Al Araby reported'),
and holds a word of its own: not a title, not a generic noun, not a name the gazetteer knows
('Foreign Ministry', 'Israeli Army' are no bodies of their own). Its id is made from its name like
a person's (discovered.person_id: 'the_media_line'); it goes to the mentions only (via
'discovered_org' or 'discovered_media'). English only, as for people.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, english_words, file_key, load_yaml
from parley.extract.discovered import Person, person_id, person_signs
from parley.extract.records import Found

_FILE = "body_signs.yaml"
_WORD = (r"(?:(?:Al|al|El|el)-)?(?:[A-Z][a-z\u00df-\u00ff]+|[A-Z]{2,5}|[A-Z][a-z]*[A-Z][a-z]+)"
         r"(?:-[A-Z][a-z]+)*")
_RUN = re.compile(rf"(?<![\w'\u2019-])(?:The )?{_WORD}(?:[ \t]+{_WORD}){{0,4}}")
_TOKEN = re.compile(_WORD)
_WORDS = re.compile(r"[A-Za-z][\w'\u2019.-]*|[,;:.!?()\"“”«»\u2013\u2014]")


@dataclass(frozen=True)
class _BodySigns:
    media_heads: frozenset[str]
    org_heads: frozenset[str]
    before: tuple[tuple[str, ...], ...]  # word sequences right before an outlet ('told', 'according to')
    after: frozenset[str]  # words right after an outlet ('reported')
    generic: frozenset[str]


def _en(data: dict[str, object], key: str) -> tuple[str, ...]:
    return english_words(_FILE, data, key)


@lru_cache(maxsize=4)
def _load(_key: int) -> _BodySigns:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise data_error(_FILE, None, "top level must be a mapping")
    return _BodySigns(frozenset(_en(data, "media_heads")), frozenset(_en(data, "org_heads")),
                      tuple(tuple(p.split()) for p in _en(data, "outlet_before")),
                      frozenset(_en(data, "outlet_after")), frozenset(_en(data, "generic")))


def body_signs() -> _BodySigns:
    """The signs of body_signs.yaml (read once per file version)."""
    return _load(file_key(_FILE))


def find_bodies(f: Found, people: list[Person]) -> list[tuple[Person, str]]:
    """(span and id, kind 'org' or 'media') of the bodies of the English segments (module doc)."""
    doc = f.doc
    art = doc.article
    text = art.text
    signs, ps = body_signs(), person_signs()
    segments = art.segments or []
    spans = [(seg.start, seg.end) for seg in segments if seg.lang == "en"]
    if not spans:  # no English segment: no body to find, and no names to map
        return []
    known = sorted(f.gaz_orig_spans + f.actor_orig_spans + [(p.start, p.end) for p in people])
    starts = [k[0] for k in known]

    def known_words(s: int, e: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(starts, s)
        return [k for k in known[max(i - 1, 0):bisect.bisect_left(starts, e)] if k[0] < e and k[1] > s]

    out: list[tuple[Person, str]] = []
    for lo, hi in spans:
        line = text[lo:hi]
        words = [w for w in line.split() if w[:1].isalpha()]
        if words and sum(w[0].isupper() for w in words) >= 0.6 * len(words) \
                and not line.rstrip().endswith((".", "!", "?", "\"", "\u201d")):
            continue  # a headline in title case
        for m in _RUN.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            toks = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, s, e)]
            if text[s:e].startswith("The "):
                toks = [(s, s + 3, "The"), *toks]
            while toks and (toks[-1][2].lower() in ps.not_name or ps.is_title(toks[-1][2])):
                toks.pop()  # 'Al Araby networks' is cut by the lower case; 'X Minister' by its title
            if len(toks) < 1:
                continue
            s, e = toks[0][0], toks[-1][1]
            cover = known_words(s, e)
            if any(a <= s and e <= b for a, b in cover):
                continue  # the gazetteer's (or a discovered person's) name
            own = [w for a, b, w in toks if w != "The" and w.lower() not in signs.generic
                   and w.lower() not in ps.not_name and not ps.is_title(w)
                   and not any(x <= a and b <= y for x, y in cover)
                   and w.lower() not in signs.media_heads and w.lower() not in signs.org_heads]
            if not own:
                continue
            head = toks[-1][2].lower()
            kind = "media" if head in signs.media_heads else "org" if head in signs.org_heads else ""
            if not kind:
                before = [w.lower() for w in _WORDS.findall(text[max(0, s - 40):s])]
                after = [w.lower() for w in _WORDS.findall(text[e:e + 30])]
                if any(tuple(before[-len(p):]) == p for p in signs.before) \
                        or (after and after[0] in signs.after):
                    kind = "media"
            if not kind or (len(toks) == 1 and (kind == "org" or not toks[0][2].isupper())):
                continue  # one word needs to be an acronym ('Footage aired ...' is no outlet)
            pid = person_id(text[s:e])
            if pid is None or pid in f.gaz.actors:
                continue
            out.append((Person(s, e, text[s:e], pid), kind))
    return out
