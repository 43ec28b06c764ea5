"""The topics a stance cue governs: topic words after it up to the next cue (Persian and predicative
cues: before it too), 'negotiate about X' is about X, 'X only' or 'confined to X' is insisted on;
a predicative judgement judges the topics before it; a deal with the IAEA is nuclear; leaving a deal
is no withdrawal of forces; with no topic word, a venue agreed to or what a condition names.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from parley.extract.matcher import COMMAS, Doc, Match
from parley.extract.records import Found

Topics = list[tuple[str, Match, bool]]  # (topic, its match, 'only')

_TOPIC_GAP = 10  # a topic word must follow the cue, or the previous topic word, within this many words
_RESTRICT_TOKENS = 3  # 'confined to the nuclear file': the restriction this close before the topic
_VENUE_ROLES = frozenset({"talks_venue", "proposed", "moved_to"})
_COND_TOKENS = 3  # 'agreed to it so long as': a condition this close after a cue naming no topic
_COMP_TOKENS = 5  # a 'that' this close after the cue opens the words it governs ('warned X that …')


def window_end(f: Found, cue: Match, hi: int) -> int:
    """Where the words a cue governs stop: the next cue or condition marker, or ``hi``."""
    stops = f.governed_stops
    i = bisect.bisect_left(stops, cue.end)
    return stops[i] if i < len(stops) and stops[i] < hi else hi


def governed_topics(f: Found, cue: Match, lo: int, hi: int) -> Topics:
    """(topic, match, only) for the topic words this cue governs."""
    doc = f.doc
    lang = next((p.lang for p in cue.payloads), "ar")
    end = window_end(f, cue, hi)
    start = cue.end
    # Persian puts the topic before its verb; so do predicative cues ('enrichment is non-negotiable');
    # a Persian verbal noun with its complement after it ('امتناع حماس از خلع سلاح') reads it there
    after = cue.has("noun") and any(t.has("topic") and t.start >= cue.end for t in f.topic_in(cue.end, end))
    if cue.has("topic_before") or (lang == "fa" and not after):
        # ... past a mediation agent inside the object ('توافق صلح با میانجیگری آمریکا را امضا کرد')
        prev = [c.end for c in f.stance_in(lo, cue.start) if c.has("stance") and c.end <= cue.start
                and not (c.has("agent") and "mediates" in c.idents("stance"))]
        start = prev[-1] if prev else lo
        # a reporting verb whose complement has its own verb governs none of its words ('تاکید کرد دولت …
        # گفتگو را … ترجیح می‌دهد': the talks are the object of 'prefers')
        reports = any(v.has("verb") for v in f.speech_in(cue.start, cue.end))
        if lang == "fa" and not after and end < hi and reports:
            end = cue.end
    found = []
    reach = cue.end
    # 'warned the United States that its military …': the complement clause starts at the 'that'
    comp = next((c for c in f.speech_in(cue.end, min(end, doc.reach(cue.end, _COMP_TOKENS) + 1))
                 if c.has("comp")), None)
    if comp is not None:
        reach = comp.end
    # Persian: a reason between the object and the verb is no topic ('… را به دلیل حملات تعلیق کرد')
    reasons = [(r.start, _reason_end(doc, r.end, cue.start)) for r in f.stance_in(start, cue.start)
               if r.has("reason")]
    for t in f.topic_in(start, end):
        inside = cue.start <= t.start and t.end <= cue.end  # part of the cue: 'غير قابل للتفاوض'
        if not t.has("topic") or t.start < start or t.end > end or inside \
                or any(r0 <= t.start < r1 for r0, r1 in reasons):
            continue
        if t.start >= cue.end and doc.tokens_between(reach, t.start) > _TOPIC_GAP:
            break
        if _left_a_deal(f, t):
            continue
        found.append(t)
        reach = max(reach, t.end)
    if cue.has("topic_before"):
        found = _judged(doc, found, cue)
    out: list[tuple[str, Match, bool]] = []
    about_nuclear: set[int] = set()  # 'talks on the nuclear file' are nuclear talks: diplomacy
    for k, t in enumerate(found):
        topic = t.idents("topic")[0]
        if _with_nuclear_party(f, t):  # 'an agreement between Iran and the IAEA' is nuclear cooperation
            out.append(("nuclear", t, False))
            continue
        if topic == "nuclear" and (k in about_nuclear or any(
                o is not t and o.idents("topic")[0] != "nuclear"
                and (doc.tokens_between(o.end, t.start) == 0 if o.end <= t.start
                     else doc.tokens_between(t.end, o.start) == 0)
                for o in found[max(0, k - 1):k + 2])):
            continue  # 'اتفاق نووي', 'nuclear talks', 'nuclear enrichment': 'nuclear' qualifies the other
        # a restriction at most a word after the talks, or ending at most a word before them
        near = f.stance_in(t.end, doc.reach(t.end, 1) + 1)
        near += f.stance_ending(doc.reach_back(t.start, 1), t.start)
        if topic == "diplomacy" and any(r.has("restrict") for r in near):
            continue  # 'talks confined to the nuclear file': the restriction is the position
        if topic == "diplomacy":
            # 'about' at most a word after the talks
            about = next((a for a in f.topic_in(t.end, doc.reach(t.end, 1) + 1) if a.has("about")), None)
            objects = [j for j in range(k + 1, len(found)) if about and found[j].start >= about.end
                       and doc.tokens_between(about.end, found[j].start) <= 3
                       and found[j].idents("topic")[0] != "diplomacy"]
            if objects and all(found[j].idents("topic")[0] == "nuclear" for j in objects):
                about_nuclear.update(objects)
            elif objects:
                continue  # 'negotiate about the missiles': the talks' object is the topic
        only = any(o.has("only") for o in f.stance_in(t.end, doc.reach(t.end, 2) + 1))
        only = only or any(r.has("restrict") and cue.end <= r.start
                           for r in f.stance_ending(doc.reach_back(t.start, _RESTRICT_TOKENS), t.start))
        out.append((topic, t, only))
    return out


def _judged(doc: Doc, found: list[Match], cue: Match) -> list[Match]:
    """What a predicative judgement judges: the topics before it, from the last comma on when some
    stand there ('ضمن تأکید بر غنی‌سازی، هرگونه مذاکره … را بی‌فایده خواند' judges the talks); a topic
    after it belongs to another part of the clause ('… را بی‌فایده دانست و از غنی‌سازی دفاع کرد').
    With none before, those after ('مطالب وصفتها بغير المقبولة، لسحب القوات')."""
    before = [t for t in found if t.end <= cue.start]
    if not before:
        return found
    comma = max(doc.text.rfind(ch, before[0].start, cue.start) for ch in COMMAS)
    return [t for t in before if t.start > comma] or before


_PARTY_TOKENS = 4  # 'اتفاق بين إيران والوكالة': the party this close after the deal


def _with_nuclear_party(f: Found, t: Match) -> bool:
    """A deal or talks word with a nuclear party (topics.yaml nuclear_parties) close after it,
    behind 'between' or 'with' ('an agreement between Iran and the IAEA'): nuclear cooperation."""
    if t.idents("topic")[0] != "diplomacy" or not f.cues.nuclear_parties:
        return False
    doc = f.doc
    near = f.stance_in(t.end, doc.reach(t.end, 1) + 1)
    if not any(m.has("between") or m.has("with") or m.has("medobj") for m in near):
        return False
    return any(a.actor_id in f.cues.nuclear_parties
               for a in f.actors_in(t.end, doc.reach(t.end, _PARTY_TOKENS) + 1))


_LEAVE_TOKENS = 3  # 'انسحاب واشنطن من الاتفاق': 'from' this close after the withdrawal, the deal right after


def _left_a_deal(f: Found, t: Match) -> bool:
    """A force word followed by 'from' and a deal or a treaty ('withdrawal from the nuclear deal',
    'خروج آمریکا از برجام', 'withdrew from the NPT'): leaving the deal, not moving forces."""
    if t.idents("topic")[0] != "military_force":
        return False
    doc = f.doc
    for w in f.topic_in(t.end, doc.reach(t.end, _LEAVE_TOKENS) + 1):
        if w.has("wfrom"):
            nxt = f.topic_in(w.end, doc.reach(w.end, 1) + 1)
            return any(n.has("topic") and n.idents("topic")[0] in ("diplomacy", "nuclear") for n in nxt)
    return False


def _reason_end(doc: Doc, start: int, limit: int) -> int:
    """Where a reason phrase starting at ``start`` ends: the next comma, else ``limit``."""
    ends = [i for i in (doc.text.find(ch, start, limit) for ch in COMMAS) if i != -1]
    return min(ends, default=limit)


def venue_topic(f: Found, cue: Match, hi: int, place_roles: Mapping[int, str]) -> Topics:
    """The venue, when a cue naming no other topic governs a place where talks are held or are
    proposed ('وافقت على عقد الجولة المقبلة في مسقط')."""
    end = window_end(f, cue, hi)
    lang = next((p.lang for p in cue.payloads), "ar")
    start = cue.end if lang != "fa" else f.doc.reach_back(cue.start, _TOPIC_GAP)
    for pos, role in place_roles.items():
        if start <= pos < end and role in _VENUE_ROLES:
            return [("venue", cue, False)]
    return []


def condition_topics(f: Found, cue: Match, hi: int, reach: int = _COND_TOKENS) -> Topics:
    """The topics of the condition right after a cue that names none ('agreed to it so long as …'),
    at most ``reach`` words after it."""
    doc = f.doc
    cond = next((c for c in f.stance_in(cue.end, min(hi, doc.reach(cue.end, reach) + 1))
                 if c.has("cond")), None)
    if cond is None:
        return []
    return [(t.idents("topic")[0], t, False) for t in f.topic_in(cond.end, hi) if t.has("topic")][:2]
