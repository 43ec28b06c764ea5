"""A capital named by its state only: 'the Omani capital', 'العاصمة العمانية', 'عاصمة عمان', 'پایتخت عمان',
"Oman's capital", 'the capital of Oman' stand for Muscat (capitals.yaml); not when a money word follows
('the Iranian capital market', 'بازار سرمایه').

The state is a nationality adjective or the state's name right after the capital noun (Arabic, Persian,
English 'capital of'), or right before it in English (an adjective, or a name with its possessive). The
phrase becomes a place match of the capital, so venues.py reads its role like the city's name ('وصل إلى
العاصمة العمانية' is a visit to Muscat). When the sentence names the city itself, the phrase is only its
apposition ('روما، العاصمة الإيطالية', 'in Rome, the Italian capital') and nothing is added.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from parley.datafiles import data_error, file_key, load_yaml
from parley.extract.cues import lang_lists
from parley.extract.matcher import Match, PhraseMatcher
from parley.extract.phrases import Payload
from parley.extract.records import Found

_FILE = "capitals.yaml"


@dataclass(frozen=True)
class Capitals:
    """The capital nouns' matcher and each state's capital."""

    nouns: PhraseMatcher  # labels 'capital' and 'not_after'
    of: dict[str, str]  # state actor id -> capital place id


@lru_cache(maxsize=4)
def _load(_key: int) -> Capitals:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise data_error(_FILE, None, "top level must be a mapping")
    caps = data.get("capitals")
    if not isinstance(caps, dict) or not caps \
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in caps.items()):
        raise data_error(_FILE, "capitals", "expected a mapping state actor id -> capital place id")
    rows = [(form, key, key, lang) for key, entry in (("capital", "nouns"), ("not_after", "not_after"))
            for lang, forms in lang_lists(_FILE, entry, data.get(entry)).items() for form in forms]
    return Capitals(PhraseMatcher(rows), dict(caps))


def capitals() -> Capitals:
    """The data of capitals.yaml (read once per file version)."""
    return _load(file_key(_FILE))


def _states(f: Found) -> list[tuple[int, int, str, bool]]:
    """(start, end, state id, is a name) of the states named or meant by an adjective, in text order."""
    out = [(d.start, d.end, d.idents("demonym")[0], False) for d in f.demonyms]
    out += [(a.start, a.end, a.actor_id, True) for a in f.actors if a.kind == "state"]
    return sorted(out)


def find_capital_phrases(f: Found) -> list[Match]:
    """Place matches (label 'place') of the capitals named by their state only (see the module doc)."""
    data = capitals()
    doc = f.doc
    found = doc.in_own_language(f.capital_nouns if f.capital_nouns is not None else data.nouns.find(doc.norm))
    nouns = [m for m in found if m.has("capital")]
    if not nouns:
        return []
    money = [m.start for m in found if m.has("not_after")]
    states = _states(f)
    starts = [s[0] for s in states]
    named: dict[str, list[int]] = {}  # place id -> where the text names it (ascending)
    for m in f.gaz_matches:
        for pid in m.idents("place") if m.has("place") else ():
            named.setdefault(pid, []).append(m.start)
    out: list[Match] = []
    for n in nouns:
        i = bisect.bisect_left(money, n.end)
        if i < len(money) and doc.tokens_between(n.end, money[i]) == 0:
            continue  # 'the Iranian capital market'
        en = doc.lang_at(n.start) == "en"
        k = bisect.bisect_left(starts, n.end)
        state = None
        if k < len(states):  # right after: 'العاصمة العمانية', 'پایتخت عمان', 'capital of Oman'
            s0, s1, sid, is_name = states[k]
            words = doc.text[n.end:s0].split()
            if (not en and not words) or (en and is_name and words == ["of"]):
                lo = n.start
                if en and doc.text[max(0, lo - 4):lo] == "the ":
                    lo -= 4  # 'in the capital of Qatar': the phrase is what 'in' governs
                state = (lo, max(n.end, s1), sid)
        if state is None and en and k > 0:  # right before: 'the Omani capital', "Oman's capital"
            s0, s1, sid, is_name = states[k - 1]
            gap = doc.text[s1:n.start].strip()
            if s1 <= n.start and (gap == "" or (is_name and gap in ("'s", "\u2019s"))):
                state = (s0, n.end, sid)
        if state is None or state[2] not in data.of:
            continue
        city = data.of[state[2]]
        if city not in f.gaz.places:
            continue
        s_lo, s_hi = doc.sentences[doc.sentence_of(n.start)]
        at = named.get(city, [])
        i = bisect.bisect_left(at, s_lo)
        if i < len(at) and at[i] < s_hi:
            continue  # the sentence names the city: the phrase is its apposition
        payload = Payload("place", city, doc.lang_at(n.start), "capital")
        out.append(Match(state[0], state[1], n.prefix, (payload,), frozenset({"place", "capital_phrase"})))
    return out
