"""Positions: actor x topic x stance, from the clause that names both.

For every stance cue (stances.yaml) in a clause:
- subject: inside a quote, its speaker; else the first actor after the last 'that' (أن، که)
  before the cue; else the first actor of the clause before the cue; else (verb first, as
  in Arabic VSO 'تصر إيران على …') the first actor a few words after it; else the speaker
  of the sentence. Coordinated subjects ('مصر وتركيا وقطر') each get the position, and a
  speaker stating their own state's position ('أكد فانس أن واشنطن لن تتوانى …') holds it too;
- topics: topic words after the cue up to the next cue (Persian puts them before the verb:
  the whole clause); 'negotiate about X' is about X; X followed by 'only' (فقط) is insisted
  on; no topic word: the stance's default topic, else no row;
- a negator right before a 'supports' cue makes it 'opposes' (not 'لا تزال' = still), and so
  does a Persian negated copula closing its words ('آماده مذاکره نیست');
- a condition marker (إذا، اگر، if) makes 'supports' 'conditional' and is kept as condition;
- overrides: being ready to use force is a warning.
Confidence = cue strength, lowered with the distance between actor and cue.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from parley.extract.actors import ActorSpan
from parley.extract.matcher import COMMAS, Match, clause_span, clitics
from parley.extract.quotes import Speech
from parley.extract.records import Position

if TYPE_CHECKING:
    from parley.extract.pipeline import Found

_TOPIC_GAP = 10  # a topic word must follow the cue, or the previous topic word, within this many words
_VSO_TOKENS = 0  # verb first: the subject is the very next word ('تصر إيران')
_JOINERS = {"", ",", "\u060c", "and"}  # nothing, commas or 'and' between coordinated actors


def _usable(a: ActorSpan) -> bool:
    cl = clitics()
    return a.kind != "media" and not cl.is_dative(a.prefix) and not cl.is_locative(a.prefix)


def _coordinated(f: Found, first: ActorSpan, pool: list[ActorSpan], limit: int) -> list[ActorSpan]:
    """``first`` and the actors joined to it by 'و'/','/'and' ('مصر وتركيا وقطر')."""
    out = [first]
    cur = first
    for a in pool:
        if a.start < cur.end or a.start >= limit:
            continue
        gap = f.doc.text[cur.end:a.start - len(a.prefix)].strip()  # 'مصر وتركيا': the و is the prefix
        if gap in _JOINERS and clitics().is_conjunction(a.prefix) and a.kind == first.kind:
            out.append(a)
            cur = a
        else:
            break
    return out


def _subjects(f: Found, cue: Match, lo: int, hi: int,
              speech: Speech) -> tuple[list[ActorSpan], str | None, int]:
    """Subject actors of ``cue`` in clause [lo, hi); (actors, fallback speaker id, distance rank)."""
    doc = f.doc
    for q0, q1, who in speech.spans:
        if q0 <= cue.start < q1 and who is not None:
            inside = [a for a in f.actors if max(q0, lo) <= a.start and a.end <= cue.start and _usable(a)]
            if not inside:
                return [], who, 1
            lo = max(lo, q0)  # the quote's own words name the subject
    pool = [a for a in f.actors if lo <= a.start and a.end <= hi and _usable(a)
            and f.place_roles.get(a.start, "mentioned") == "mentioned"]  # a venue is not a subject
    for c in f.stance:  # 'اگر … فراهم شود، واشینگتن … گشوده است': the subject follows the condition
        if c.has("cond") and lo <= c.start < cue.start:
            comma = next((i for i in range(c.end, cue.start) if doc.text[i] in COMMAS), None)
            if comma is not None:
                lo = comma + 1
    comps = [c for c in f.speech if c.has("comp") and lo <= c.start and c.end <= cue.start]
    start = comps[-1].end if comps else lo
    before = [a for a in pool if max(start, lo) <= a.start and a.end <= cue.start]
    if not before and comps:
        before = [a for a in pool if lo <= a.start and a.end <= comps[-1].start]
    if before:
        return _coordinated(f, before[0], pool, cue.start), None, doc.tokens_between(before[0].end, cue.start)
    after = [a for a in pool if a.start >= cue.end and doc.tokens_between(cue.end, a.start) <= _VSO_TOKENS]
    if after:
        return _coordinated(f, after[0], pool, hi), None, doc.tokens_between(cue.end, after[0].start)
    who = speech.by_sentence.get(doc.sentence_of(cue.start))
    return [], who, 20


_NEG_AFTER_TOKENS = 6  # a clause-final negated copula governs the cue at most this many words back


def _negated(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A negator right before the cue, or (Persian) a negated copula closing the words it governs."""
    doc = f.doc
    for n in f.stance:
        if n.has("neg") and lo <= n.start and n.end <= cue.start \
                and doc.tokens_between(n.end, cue.start) <= 1:
            return not any(x.has("notneg") and x.start <= n.start < x.end for x in f.stance)
    end = _window_end(f, cue, hi)
    return any(n.has("negafter") and cue.end <= n.start and n.end <= end
               and doc.tokens_between(cue.end, n.start) <= _NEG_AFTER_TOKENS for n in f.stance)


def _in_topic(f: Found, c: Match) -> bool:
    """A cue word inside a topic phrase ('support for terrorism') is part of the topic."""
    covered = f.cache.get("topic_cover")
    if covered is None:
        covered = set()
        for t in f.topic:
            if t.has("topic"):
                covered.update(range(t.start, t.end))
        f.cache["topic_cover"] = covered
    return c.start in covered and c.end - 1 in covered


def _window_end(f: Found, cue: Match, hi: int) -> int:
    """Where the words a cue governs stop: the next cue or condition marker, or ``hi``."""
    if not f.stops_ready:
        f.sorted_stops = sorted(c.start for c in f.stance
                                if (c.has("stance") and not _in_topic(f, c)) or c.has("cond"))
        f.stops_ready = True
    i = bisect.bisect_left(f.sorted_stops, cue.end)
    return f.sorted_stops[i] if i < len(f.sorted_stops) and f.sorted_stops[i] < hi else hi


def _topics(f: Found, cue: Match, lo: int, hi: int) -> list[tuple[str, Match, bool]]:
    """(topic, match, only) for the topic words this cue governs."""
    doc = f.doc
    lang = next((p.lang for p in cue.payloads), "ar")
    end = _window_end(f, cue, hi)
    start = lo if lang == "fa" else cue.end
    if lang == "fa":
        prev = [c.end for c in f.stance if c.has("stance") and lo <= c.start and c.end <= cue.start]
        start = prev[-1] if prev else lo
    found = []
    reach = cue.end
    for t in f.topic:
        if not t.has("topic") or t.start < start or t.end > end:
            continue
        if t.start >= cue.end and doc.tokens_between(reach, t.start) > _TOPIC_GAP:
            break
        found.append(t)
        reach = max(reach, t.end)
    out: list[tuple[str, Match, bool]] = []
    for k, t in enumerate(found):
        topic = t.idents("topic")[0]
        if k and topic == "nuclear" and found[k - 1].idents("topic")[0] == "diplomacy" \
                and doc.tokens_between(found[k - 1].end, t.start) == 0:
            continue  # 'اتفاق نووي', 'nuclear talks' read as one: a deal is diplomacy
        if topic == "diplomacy":
            about = [a for a in f.topic if a.has("about") and a.start >= t.end
                     and doc.tokens_between(t.end, a.start) <= 1]
            if about and any(o.start >= about[0].end and doc.tokens_between(about[0].end, o.start) <= 3
                             and o.idents("topic")[0] != "diplomacy" for o in found[k + 1:]):
                continue
        only = any(o.has("only") and o.start >= t.end and doc.tokens_between(t.end, o.start) <= 2
                   for o in f.stance)
        out.append((topic, t, only))
    return out


def find_positions(f: Found, speech: Speech) -> list[Position]:
    """Position rows of one article."""
    doc = f.doc
    breaks = [c.start for c in f.stance if c.has("break")]
    # a speech verb opens a new reported clause: '… تمنح الأولوية …، مشددًا على أن واشنطن لن …'
    breaks += [c.start for c in f.speech if c.has("verb") or c.has("participle")]
    out: list[Position] = []
    seen: set[tuple[str, str, str, int]] = set()
    for cue in f.stance:
        if not cue.has("stance") or _in_topic(f, cue):
            continue
        base = cue.idents("stance")[0]
        info = f.cues.stances[base]
        lo, hi = clause_span(doc, cue.start, breaks)
        stance = base
        if _negated(f, cue, lo, hi):
            if base != "supports":
                continue
            stance = "opposes"
        topics = _topics(f, cue, lo, hi)
        if not topics and info.default_topic:
            topics = [(info.default_topic, cue, False)]
        if not topics:
            continue
        actors, fallback, dist = _subjects(f, cue, lo, hi, speech)
        ids = [a.actor_id for a in actors]
        if not ids and fallback:
            ids = [fallback]
        if not ids:
            continue
        si = doc.sentence_of(cue.start)
        speaker = speech.by_sentence.get(si)
        if speaker and speaker not in ids and speaker in f.gaz.actors:
            sp = f.gaz.actors[speaker]
            if sp.kind == "person" and sp.country is not None and sp.country in ids:
                ids.append(speaker)
        lang = next((p.lang for p in cue.payloads), "ar")
        c_lo = lo if lang == "fa" else cue.end
        c_hi = hi if lang == "fa" else _window_end(f, cue, hi)
        # the condition of this cue: right after its governed words, or (Persian) anywhere in the clause
        cond = next((c for c in f.stance if c.has("cond") and c_lo <= c.start < hi
                     and (c.start <= c_hi or lang == "fa")
                     and not any(x.has("stance") and c_hi <= x.start < c.start for x in f.stance)), None)
        condition = doc.orig_text(cond.start, hi).strip() if cond is not None else None
        conf = info.strength * (1.0 if dist <= 6 else 0.85 if dist <= 15 else 0.7)
        if not actors:
            conf *= 0.85
        c0, c1 = doc.orig_span(lo, hi)
        s0, s1 = doc.sentences[si]
        e0, e1 = doc.orig_span(s0, s1)
        for topic, tmatch, only in topics:
            st = "insists" if only and info.polarity > 0 else stance
            st = f.cues.overrides.get((st, topic), st)
            if st == "supports" and condition:
                st = "conditional"
            pol = f.cues.stances[st].polarity if st in f.cues.stances else info.polarity
            cues = doc.orig_text(cue.start, cue.end)
            if tmatch is not cue:
                cues += ";" + doc.orig_text(tmatch.start, tmatch.end)
            for aid in ids:
                key = (aid, topic, st, doc.segment_idx(cue.start))
                if key in seen:
                    continue
                seen.add(key)
                out.append(Position(doc.segment_idx(cue.start), aid, topic, st, pol, condition, cues,
                                    round(conf, 2), c0, c1, doc.article.text[e0:e1]))
    return out
