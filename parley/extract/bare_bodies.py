"""Institutions named without their state: 'the parliament approved the law', 'أقره البرلمان',
'وزارت امور خارجه اعلام کرد'.

Such a noun (bare_bodies.yaml) stands for the body of the state the passage is about:
- the state named right beside it: its adjective or name right before it in English ('the
  Qatari foreign ministry'), right after it in Arabic and Persian ('وزارة الخارجية القطرية');
- else the nearest state named before it in its sentence or the two sentences before, then after
  it in its own sentence; a person or a body counts for its country ('مصادقة الرئيس مسعود
  بزشكيان على قانون أقره البرلمان': Pezeshkian's Iran).
The body must be one the data lists for that state; otherwise the noun names nobody. A noun inside
a name or title the gazetteer matched ('Foreign Ministry spokesman', 'البرلمان الإيراني') is left to
that match, an English noun right after another Capitalised word ('European Parliament') is part
of that name, and a noun with a title word beside it ('وزير الخارجية', 'Foreign Ministry spokesperson')
is a person's title. The mentions go to the mentions table only ('bare_body'): positions, quotes and events
read named actors.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, file_key, load_yaml
from parley.extract.actors import ActorSpan
from parley.extract.cues import lang_lists
from parley.extract.gazetteer import Gazetteer
from parley.extract.matcher import Match, PhraseMatcher
from parley.extract.records import Found

_FILE = "bare_bodies.yaml"
_SENTENCES_BACK = 2  # the passage: the noun's sentence and this many before it


@dataclass(frozen=True)
class BareBodies:
    """The nouns' matcher (ident: the body kind) and each kind's bodies by state."""

    matcher: PhraseMatcher
    of: dict[str, dict[str, str]]  # body kind -> state actor id -> body actor id


@lru_cache(maxsize=4)
def _load(_key: int) -> BareBodies:
    data = load_yaml(_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("bodies"), list):
        raise data_error(_FILE, None, "expected a mapping with a list 'bodies'")
    rows: list[tuple[str, str, str, str]] = []
    of: dict[str, dict[str, str]] = {}
    for e in data["bodies"]:
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            raise data_error(_FILE, None, "each body needs an 'id'")
        kind = e["id"]
        if kind in of:
            raise data_error(_FILE, kind, "duplicate id")
        states = e.get("of")
        if not isinstance(states, dict) or not states \
                or not all(isinstance(k, str) and isinstance(v, str) for k, v in states.items()):
            raise data_error(_FILE, kind, "'of' must map state actor ids to body actor ids")
        of[kind] = dict(states)
        for lang, forms in lang_lists(_FILE, kind, e.get("nouns")).items():
            rows += [(form, "bare_body", kind, lang) for form in forms]
    return BareBodies(PhraseMatcher(rows), of)


def bare_bodies() -> BareBodies:
    """The data of bare_bodies.yaml (read once per file version)."""
    return _load(file_key(_FILE))


def _state_of(gaz: Gazetteer, span: ActorSpan) -> str | None:
    if span.actor_id not in gaz.actors:
        return None
    actor = gaz.actors[span.actor_id]
    return actor.id if actor.kind == "state" else actor.country


def _beside(f: Found, m: Match, spans: list[ActorSpan], starts: list[int]) -> ActorSpan | None:
    """The state, or its adjective, written right beside the noun (English before, else after);
    ``starts``: the spans' starts (sorted), so that only the neighbours are read."""
    doc = f.doc
    k = bisect.bisect_left(starts, m.start)
    if doc.lang_at(m.start) == "en":
        before = [s for s in spans[max(0, k - 3):k] if s.end <= m.start and m.start - s.end <= 4
                  and doc.tokens_between(s.end, m.start) <= 1
                  and doc.text[s.end:m.start].strip().lower() in ("", "'s", "\u2019s", "the")]
        return before[-1] if before else None
    after = [s for s in spans[k:k + 3] if s.start >= m.end and doc.tokens_between(m.end, s.start) == 0]
    return after[0] if after else None


def _after_capital(f: Found, m: Match) -> bool:
    """An English noun right after a Capitalised word inside its sentence ('European Parliament'),
    read on the article's own text (the normalised text is case-folded)."""
    doc = f.doc
    s0, _ = doc.sentences[doc.sentence_of(m.start)]
    if doc.tokens_between(s0, m.start) <= 1:
        return False  # the sentence's first word is capitalised anyway
    o0, _ = doc.orig_span(m.start, m.end)
    words = doc.article.text[max(0, o0 - 40):o0].split()
    return bool(words) and words[-1][:1].isupper()


def _in_title(f: Found, m: Match, name_starts: list[int]) -> bool:
    """A title word of name_signs.yaml right before the noun or right after it; ``name_starts``: the
    starts of f.names (sorted), so that only the matches near the noun are read."""
    doc = f.doc
    lo, hi = bisect.bisect_left(name_starts, m.start - 40), bisect.bisect_right(name_starts, m.end + 40)
    return any(t.has("title") and ((t.end <= m.start and doc.tokens_between(t.end, m.start) == 0)
                                   or (t.start >= m.end and doc.tokens_between(m.end, t.start) == 0))
               for t in f.names[lo:hi])


def find_bare_bodies(f: Found) -> list[ActorSpan]:
    """Mentions of the bodies that the article names by a bare noun (see the module doc)."""
    data = bare_bodies()
    doc = f.doc
    gaz = f.gaz
    found = doc.in_own_language(f.bare_nouns if f.bare_nouns is not None else data.matcher.find(doc.norm))
    if not found:
        return []
    adjectives = [ActorSpan(d.start, d.end, d.idents("demonym")[0], "demonym", "state", d.prefix)
                  for d in f.demonyms]
    states = sorted([*f.actors, *adjectives], key=lambda s: s.start)
    starts = [s.start for s in states]
    name_starts = [n.start for n in f.names]
    taken = sorted([(x.start, x.end) for x in f.gaz_matches] + [(a.start, a.end) for a in f.actors])
    t_starts = [t[0] for t in taken]
    reach: list[int] = []
    for _, end in taken:
        reach.append(max(end, reach[-1]) if reach else end)
    out: list[ActorSpan] = []
    for m in found:
        i = bisect.bisect_left(t_starts, m.end) - 1
        if i >= 0 and reach[i] > m.start:
            continue  # inside a name or title the gazetteer matched
        if _in_title(f, m, name_starts):
            continue  # 'وزير الخارجية عباس عراقجي', 'Foreign Ministry spokesperson X': a person's title
        kind = m.idents("bare_body")[0]
        bodies = data.of[kind]
        beside = _beside(f, m, states, starts)
        if beside is not None:
            body = bodies.get(_state_of(gaz, beside) or "")
        elif doc.lang_at(m.start) == "en" and _after_capital(f, m):
            continue
        else:
            body = _context_body(f, m, states, starts, bodies)
        if body is not None and body in gaz.actors:
            out.append(ActorSpan(m.start, m.end, body, "bare_body", gaz.actors[body].kind, m.prefix))
    return out


def _context_body(f: Found, m: Match, states: list[ActorSpan], starts: list[int],
                  bodies: dict[str, str]) -> str | None:
    """The body of the nearest state named before the noun in its passage, else after it in its
    sentence, that has such a body."""
    doc = f.doc
    si = doc.sentence_of(m.start)
    lo = doc.sentences[max(0, si - _SENTENCES_BACK)][0]
    hi = doc.sentences[si][1]
    k = bisect.bisect_left(starts, m.start)
    for s in reversed(states[bisect.bisect_left(starts, lo):k]):
        body = bodies.get(_state_of(f.gaz, s) or "")
        if body is not None and s.end <= m.start:
            return body
    for s in states[k:bisect.bisect_left(starts, hi)]:
        body = bodies.get(_state_of(f.gaz, s) or "")
        if body is not None and s.start >= m.end:
            return body
    return None
