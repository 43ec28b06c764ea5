"""People the gazetteer lacks, named in English with a sign that they are people.

A run of two to four Capitalised words that no gazetteer name covers is a person when a sign in
person_signs.yaml says so: a title noun just before it ('Defense Minister Rustem Umerov',
'political adviser Ofer Falk') or in a comma phrase beside it ('Behrouz Kamalvandi, spokesperson
for ...'), a speech verb beside it ('Zaher Jabarin said'), or a list that holds a person ('Khaled
Mashal, Khalil al-Hayya, Zaher Jabarin'). The person becomes an actor of the article with an id
made from the name (``person_id``: 'Abdel Fattah al-Burhan' -> abdel_fattah_al_burhan), the form
the gazetteer's ids take, so a later gazetteer entry keeps the same id. Its mentions go to the
mentions table only (via 'discovered'): positions, quotes and events read gazetteer actors.

English only: Arabic and Persian script has no capital letters, so unknown names there stay
candidates for review (candidates.py).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, file_key, load_yaml
from parley.extract.actors import ActorSpan
from parley.extract.records import Found

_FILE = "person_signs.yaml"
_PARTICLES = r"(?:al|el|bin|ibn|abu|bint|ben|de|da|van|von|der|del|la|le)"
_WORD = rf"(?:{_PARTICLES}[- ])?[A-Z][a-z\u00df-\u00ff]+(?:-[A-Za-z][a-z\u00df-\u00ff]+)*"
# a middle initial may stand inside the run ('Edgard D. Kagan'); the id leaves it out (edgard_kagan)
_RUN = re.compile(rf"(?<![\w'\u2019-]){_WORD}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_WORD})*")
_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+")
_TOKEN = re.compile(rf"{_WORD}")
_WORDS = re.compile(r"[A-Za-z\u00c0-\u00ff][\w'\u2019.-]*|[,;:.!?()\"“”«»\u2013\u2014]")
_MIN, _MAX = 2, 4
_BEFORE = 3  # title words this close before the name
_COMMA_REACH = 6  # 'the head of the general intelligence agency, NAME': the title this far before the comma
_HEADLINE = 0.6  # this share of a line's words Capitalised: a headline
_LIST = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


@dataclass(frozen=True)
class _Signs:
    titles: frozenset[str]
    titles_prefix: tuple[str, ...]
    not_person: frozenset[str]
    not_name: frozenset[str]
    speech: frozenset[str]

    def is_title(self, word: str) -> bool:
        w = _bare(word)
        return w in self.titles or any(w.startswith(p) for p in self.titles_prefix)


def _bare(word: str) -> str:
    """A word in lower case without an English possessive ('Putin’s' -> 'putin')."""
    w = word.lower().rstrip(".")
    for mark in ("'s", "\u2019s", "'", "\u2019"):
        if w.endswith(mark):
            return w[:-len(mark)]
    return w


def _en_list(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, dict) or set(value) != {"en"}:
        raise data_error(_FILE, key, "expected a mapping with one key 'en' (capital letters are the sign)")
    items = value["en"]
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise data_error(_FILE, key, "'en' must be a list of non-empty strings")
    return tuple(x.strip().lower() for x in items)


@lru_cache(maxsize=4)
def _load(_key: int) -> _Signs:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise data_error(_FILE, None, "top level must be a mapping")
    titles = _en_list(data, "titles")
    return _Signs(frozenset(t for t in titles if not t.endswith("*")),
                  tuple(t[:-1] for t in titles if t.endswith("*")),
                  frozenset(_en_list(data, "not_person_words")), frozenset(_en_list(data, "not_name_words")),
                  frozenset(_en_list(data, "speech")))


def person_signs() -> _Signs:
    """The signs of person_signs.yaml (read once per file version)."""
    return _load(file_key(_FILE))


def person_id(name: str) -> str | None:
    """The actor id a name gets: ASCII letters and digits in lower case, words joined by '_'
    ('Stéphane Dujarric' -> stephane_dujarric); None when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return slug[:64] if slug and slug[0].isalpha() else None


@dataclass(frozen=True)
class Person:
    """A discovered person: its span on the article's clean text, name and id."""

    start: int
    end: int
    name: str
    actor_id: str


def _runs(text: str, lo: int, hi: int, signs: _Signs,
          known: Callable[[int, int], bool] = lambda s, e: False) -> list[tuple[int, int, int]]:
    """(start, end, words) of the name runs in text[lo:hi]: maximal runs of Capitalised words
    with title, organisation and sentence words cut away. A word of a ``known`` name ends the run
    before it, which is that name's own ('Seyyed Abbas Araghchi'), and starts a new one ('Ambassador to
    Malaysia Edgard Kagan': Malaysia is no part of his name)."""
    out: list[tuple[int, int, int]] = []
    for m in _RUN.finditer(text, lo, hi):
        run: list[tuple[int, int]] = []
        for t in _TOKEN.finditer(text, m.start(), m.end()):
            w = _bare(t.group())
            if known(t.start(), t.end()):
                run = []  # words right before a known name are its own ('Datuk Seri Anwar Ibrahim')
                continue
            if signs.is_title(w) or w in signs.not_name or w in signs.not_person:
                if w in signs.not_person and run:
                    run = []  # 'Shura Council': the run was an organisation's name
                    continue
                if len(run) >= _MIN:
                    out.append((run[0][0], run[-1][1], len(run)))
                run = []
                continue
            run.append((t.start(), t.end()))
        if len(run) >= _MIN:
            out.append((run[0][0], run[-1][1], len(run)))
    return [r for r in out if r[2] <= _MAX]


def is_headline(line: str) -> bool:
    """A line in title case with no full stop ('Ceasefire Now In Effect, Says Trump'): its capitals
    are no sign."""
    if line.rstrip().endswith((".", "!", "?", "\"", "”")):
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= _HEADLINE * len(words)


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return _WORDS.findall(text[max(0, pos - 120):pos])[-n:]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return _WORDS.findall(text[pos:pos + 120])[:n]


def _has_sign(text: str, s: int, e: int, signs: _Signs) -> bool:
    before = _words_before(text, s, _COMMA_REACH + 1)
    after = _words_after(text, e, _COMMA_REACH + 1)
    close = before[-_BEFORE:]
    if close and close[-1] == "The":
        return False  # 'told The Harbour Ledger': a capital The makes it the name of a thing
    # a title just before, with no punctuation or speech verb between it and the name
    for i in range(len(close) - 1, -1, -1):
        if not close[i][0].isalpha() or _bare(close[i]) in signs.speech:
            break
        if signs.is_title(close[i]):
            return True
    if before and _bare(before[-1]) in signs.speech:
        return True  # 'said Andriy Yermak'
    if after and _bare(after[0]) in signs.speech:
        return True  # 'Zaher Jabarin said'
    if len(after) >= 2 and after[0] == "," and _bare(after[1]) in signs.speech:
        return True
    if after and after[0] == ",":  # 'NAME, spokesperson for ...', 'NAME, the head of ...'
        for w in after[1:_BEFORE + 2]:
            if not w[0].isalpha():
                break
            if signs.is_title(w):
                return True
    if before and before[-1] == ",":  # 'the head of the intelligence agency, NAME'
        for w in reversed(before[:-1]):
            if not w[0].isalpha():
                break
            if signs.is_title(w):
                return True
    return False


def find_people(f: Found) -> list[Person]:
    """The people of the article's English segments that the gazetteer lacks (see module doc)."""
    doc = f.doc
    art = doc.article
    text = art.text
    signs = person_signs()
    segments = art.segments or []
    spans = [(seg.start, seg.end) for seg in segments if seg.lang == "en" and not is_headline(seg.text)]
    if not segments and art.lang == "en":
        spans = [(0, len(text))]
    if not spans:  # no English text: nobody to discover, and no names to map
        return []
    known = sorted(f.gaz_orig_spans + f.actor_orig_spans)
    known_starts = [k[0] for k in known]
    reach = [0] * len(known)
    top = 0
    for i, k in enumerate(known):
        top = max(top, k[1])
        reach[i] = top

    def is_known(s: int, e: int) -> bool:
        i = bisect.bisect_left(known_starts, e) - 1
        return i >= 0 and reach[i] > s

    persons_at = sorted(o for o, a in zip(f.actor_orig_spans, f.actors, strict=True) if a.kind == "person")
    runs = [r for lo, hi in spans for r in _runs(text, lo, hi, signs, is_known)
            if not is_known(r[0], r[1])]
    people: dict[tuple[int, int], Person] = {}
    for s, e, _n in runs:
        if _has_sign(text, s, e, signs):
            pid = person_id(_INITIAL.sub("", text[s:e]))
            if pid is not None and pid not in f.gaz.actors:
                people[(s, e)] = Person(s, e, text[s:e], pid)
    # a list with a person in it is a list of people: 'Khaled Mashal, Khalil al-Hayya, Zaher Jabarin'
    anchors = sorted([*persons_at, *people])
    changed = True
    while changed:
        changed = False
        for s, e, _n in runs:
            if (s, e) in people:
                continue
            if any(_LIST.match(text[b:s]) and b <= s for _a, b in anchors if 0 <= s - b <= 8) \
                    or any(_LIST.match(text[e:a]) for a, _b in anchors if 0 <= a - e <= 8):
                pid = person_id(_INITIAL.sub("", text[s:e]))
                if pid is not None and pid not in f.gaz.actors:
                    people[(s, e)] = Person(s, e, text[s:e], pid)
                    anchors.append((s, e))
                    changed = True
    return sorted(people.values(), key=lambda p: p.start)


def people_spans(f: Found, people: list[Person], via: str = "discovered",
                 kind: str = "person") -> list[ActorSpan]:
    """The discovered people (or bodies) as ActorSpans on the normalised text."""
    offsets = f.doc.norm.offsets
    out = []
    for p in people:
        n0 = bisect.bisect_left(offsets, p.start)
        n1 = bisect.bisect_left(offsets, p.end)
        out.append(ActorSpan(n0, n1, p.actor_id, via, kind, ""))
    return out
