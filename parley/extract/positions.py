"""Positions: actor x topic x stance, from the frame of the clause that names them.

For every stance cue (stances.yaml) in a clause:
- holder: inside a quote, its speaker; a mediation cue's mediator (a nationality adjective next
  to it, the actor after 'mediated by / بوساطة', or the one right before it, never the pair of
  parties nor an addressee 'to the mediators'); an obligation's ('must', يجب على, باید) speaker;
  else the first actor after the last 'that' (أن، که) before the cue, past an English fronted
  phrase set off by a comma; else the first actor of the clause; else (verb first, Arabic VSO
  'تصر إيران على …') the very next actor; else the speaker of the reporting verb that opens
  the clause ('Iran said it was ready', '…، مؤكدًا أن', 'وی تأکید کرد' -> the last subject);
  coordinated subjects each hold it; a speaker stating their state's position holds it too;
  names inside a topic phrase and agencies never do;
- topics: topic words after the cue up to the next cue (Persian and predicative cues such as
  'non-negotiable': before it too); 'negotiate about X' is about X; X then 'only', or a
  restriction before X ('confined to'), is insisted on; mediation is always about diplomacy;
  no topic word: the stance's default topic, else no row;
- a negator right before a 'supports' cue makes it 'opposes', and so does a Persian negated
  copula after it; other negated cues, uncertainty ('unclear whether'), questions and
  descriptions ('crossing a red line') give no row;
- a condition (إذا، اگر، if) or a precondition ('before any negotiation') makes supported or
  demanded talks 'conditional'; 'ready, but not on X' also rejects X;
- overrides: wanting talks is supporting them; being ready to use force is a warning.
Confidence = cue strength, lowered with the distance between actor and cue.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import TYPE_CHECKING

from parley.extract.actors import ActorSpan
from parley.extract.matcher import COMMAS, Match, clause_span, clitics
from parley.extract.quotes import Speech
from parley.extract.records import Position

if TYPE_CHECKING:
    from parley.extract.pipeline import Found

_TOPIC_GAP = 10  # a topic word must follow the cue, or the previous topic word, within this many words
_VSO_TOKENS = 0  # verb first: the subject is the very next word ('تصر إيران')
_AGENT_TOKENS = 2  # 'mediated by the Sultanate of Oman': the holder within this many words after the cue
_MEDIATOR_TOKENS = 3  # 'Oman, which mediated': the mediator this close before a mediation cue
_MEDIATOR_SUBJECT_TOKENS = 8  # 'Oman has for weeks played the role of mediator': a lone subject this far back
_RESTRICT_TOKENS = 3  # 'confined to the nuclear file': the restriction this close before the topic
_BUT_NOT_TOKENS = 6  # 'but not on its missile programme': the rejected topic this close after the contrast
_JOINERS = {"", ",", "\u060c", "and", "\u0648"}  # nothing, commas, 'and', or Persian's own word 'و'


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
            and f.place_roles.get(a.start, "mentioned") == "mentioned"  # a venue is not a subject
            and not _inside_topic(f, a)]  # nor a name inside a topic ('قطعنامه‌های شورای امنیت')
    for c in f.stance:  # 'اگر … فراهم شود، واشینگتن … گشوده است': the subject follows the condition
        if c.has("cond") and lo <= c.start < cue.start:
            comma = next((i for i in range(c.end, cue.start) if doc.text[i] in COMMAS), None)
            if comma is not None:
                lo = comma + 1
    if cue.has("modal"):  # 'X said the US must …': the speaker demands what is laid on another
        return _obligation_holder(f, cue, lo, speech)
    if cue.idents("stance")[0] in f.cues.fixed_topics:
        return _mediators(f, cue, pool, hi), None, 0
    comps = [c for c in f.speech if c.has("comp") and lo <= c.start and c.end <= cue.start]
    start = comps[-1].end if comps else lo
    before = [a for a in pool if max(start, lo) <= a.start and a.end <= cue.start]
    if not before and comps:
        before = [a for a in pool if lo <= a.start and a.end <= comps[-1].start]
    if before:
        first = _after_fronted(f, before, cue)
        return _chain_holding(f, first, pool, cue.start), None, doc.tokens_between(first.end, cue.start)
    after = [a for a in pool if a.start >= cue.end and doc.tokens_between(cue.end, a.start) <= _VSO_TOKENS]
    if after:
        return _coordinated(f, after[0], pool, hi), None, doc.tokens_between(cue.end, after[0].start)
    reporter = _reporter(f, cue, lo)
    if reporter is not None:  # 'Iran said it was ready to …': the clause reports its speaker's position
        return _coordinated(f, reporter, pool, cue.start), None, doc.tokens_between(reporter.end, cue.start)
    who = speech.by_sentence.get(doc.sentence_of(cue.start))
    return [], who, 20


def _demonym_next_to(f: Found, cue: Match) -> list[ActorSpan]:
    """The states of the nationality adjectives right next to a mediation cue, with those
    coordinated with them ('Omani mediation', 'الوسطاء المصريين والقطريين', 'Egyptian and Qatari
    mediators'); [] if none."""
    doc = f.doc
    en = doc.lang_at(cue.start) == "en"  # English adjectives come first; Arabic and Persian ones follow
    dems = f.demonyms
    for k, d in enumerate(dems):
        if (not en and d.start >= cue.end and doc.tokens_between(cue.end, d.start) == 0) \
                or (en and d.end <= cue.start and doc.tokens_between(d.end, cue.start) == 0):
            chain = [d]
            if en:  # 'Egyptian and Qatari mediators': walk back over 'X and', 'X,'
                for p in reversed(dems[:k]):
                    if doc.text[p.end:chain[0].start - len(chain[0].prefix)].strip() in _JOINERS:
                        chain.insert(0, p)
                    else:
                        break
            else:  # 'المصريين والقطريين': walk on over 'و', '،'
                for n in dems[k + 1:]:
                    gap = doc.text[chain[-1].end:n.start - len(n.prefix)].strip()
                    if gap in _JOINERS or (not gap and clitics().is_conjunction(n.prefix)):
                        chain.append(n)
                    else:
                        break
            return [ActorSpan(c.start, c.end, c.idents("demonym")[0], "demonym", "state", c.prefix)
                    for c in chain if c.idents("demonym")[0] in f.gaz.actors]
    return []


def _previous_subject(f: Found, s0: int) -> ActorSpan | None:
    """The first actor of the sentence before the one starting at ``s0`` (what 'he'/'وی' refers to)."""
    si = f.doc.sentence_of(s0)
    if si == 0:
        return None
    p0, p1 = f.doc.sentences[si - 1]
    prev = [a for a in f.actors if p0 <= a.start and a.end <= p1 and _usable(a)]
    return prev[0] if prev else None


def _obligation_holder(f: Found, cue: Match, lo: int,
                       speech: Speech) -> tuple[list[ActorSpan], str | None, int]:
    """Who lays an obligation ('must', يجب على, باید) on another: the reporting verb's speaker,
    else the sentence's speaker, else its first actor that is not the one obliged."""
    doc = f.doc
    who = speech.by_sentence.get(doc.sentence_of(cue.start))
    reporter = _reporter(f, cue, lo)
    if reporter is not None:
        return [reporter], None, doc.tokens_between(reporter.end, cue.start)
    if who is None:  # '…, insisting Iran must …': the sentence's subject, not the one obliged
        s0 = doc.sentences[doc.sentence_of(cue.start)][0]
        others = [a for a in f.actors if s0 <= a.start and a.end <= cue.start and _usable(a)
                  and doc.tokens_between(a.end, cue.start) > 1]
        if others:
            return [others[0]], None, doc.tokens_between(others[0].end, cue.start)
    return [], who, 10


def _mediators(f: Found, cue: Match, pool: list[ActorSpan], hi: int) -> list[ActorSpan]:
    """The mediators a mediation cue names: nationality adjectives next to it ('Egyptian
    mediators'); the actor after 'mediated by / بوساطة'; else the actor right before it (with
    its coordination), or a lone subject a little further back. Never the pair of parties
    ('Iran, US begin mediated talks', 'ایران و آمریکا') nor an addressee ('to the mediators')."""
    doc = f.doc
    states = _demonym_next_to(f, cue)
    if states:
        return states
    if cue.has("agent"):
        after = [a for a in pool if a.start >= cue.end
                 and doc.tokens_between(cue.end, a.start) <= _AGENT_TOKENS]
        if after:
            return _coordinated(f, after[0], pool, hi)
    if any(c.has("medobj") and c.end <= cue.start and doc.tokens_between(c.end, cue.start) == 0
           for c in f.stance):
        return []
    lang = next((p.lang for p in cue.payloads), "ar")
    near = [a for a in pool if a.end <= cue.start
            and (lang == "fa" or doc.tokens_between(a.end, cue.start) <= _MEDIATOR_TOKENS)]
    if not near:
        lone = [a for a in pool if a.end <= cue.start
                and doc.tokens_between(a.end, cue.start) <= _MEDIATOR_SUBJECT_TOKENS]
        return [lone[0]] if lone and len(_coordinated(f, lone[0], pool, cue.start)) == 1 else []
    if lang == "fa":  # verb-final: the subject opens the clause ('عمان پیام‌ها را … منتقل کرد')
        chain = _coordinated(f, near[0], pool, cue.start)
        return chain if len(chain) == 1 else []
    return _chain_holding(f, near[-1], pool, cue.start)  # 'مصر وتركيا وقطر على تنظيم اجتماع'


def _chain_holding(f: Found, actor: ActorSpan, pool: list[ActorSpan], limit: int) -> list[ActorSpan]:
    """The whole coordination that ``actor`` belongs to ('Egypt, Qatar and Turkey urged')."""
    for a in pool:
        chain = _coordinated(f, a, pool, limit)
        if actor in chain:
            return chain
    return [actor]


def _after_fronted(f: Found, before: list[ActorSpan], cue: Match) -> ActorSpan:
    """The subject of the cue among the actors before it: the first one, unless a fronted phrase
    set off by a comma names another ('In response to Pezeshkian's law, Saar urged …')."""
    doc = f.doc
    if doc.lang_at(cue.start) != "en":  # Arabic and Persian open with adverbials too ('پیشتر، …')
        return before[0]
    comma = max((i for i in range(before[0].end, cue.start) if doc.text[i] in COMMAS), default=None)
    if comma is None:
        return before[0]
    last_part = [a for a in before if a.start > comma]
    if not last_part:
        return before[0]
    # a list of actors ('Egypt, Qatar and Turkey') is one subject, not a fronted phrase
    gap = doc.text[before[0].end:last_part[0].start - len(last_part[0].prefix)]
    listed = gap.strip(" ,\u060c") in ("", "and", "\u0648")
    return before[0] if listed else last_part[0]


_CLAUSE_END = (",", ".", ";", "")
_REPORTER_TOKENS = 4  # 'Iran's foreign minister Abbas Araghchi said': the speaker this close before the verb


def _reporter(f: Found, cue: Match, lo: int) -> ActorSpan | None:
    """The speaker of the speech verb that opens the cue's clause: the actor right before it
    ('Iran said'), or right after it (verb first: 'قال عراقجي', 'said Araghchi'); media are
    sources, not holders."""
    doc = f.doc
    s0, _ = doc.sentences[doc.sentence_of(cue.start)]
    verbs = [v for v in f.speech if (v.has("verb") or v.has("participle"))
             and s0 <= v.start and v.end <= cue.start and lo <= v.end]
    if not verbs:
        return None
    v = verbs[-1]
    before = [a for a in f.actors if s0 <= a.start and a.end <= v.start and _usable(a)
              and doc.tokens_between(a.end, v.start) <= _REPORTER_TOKENS]
    if before:
        return before[-1]
    if any(p.has("anaphor") and p.end <= v.start and doc.tokens_between(p.end, v.start) <= 1
           for p in f.speech):
        return _previous_subject(f, s0)  # 'وی تأکید کرد', 'He added': the last sentence's subject
    lang = next((p.lang for p in v.payloads), "ar")
    after = [a for a in f.actors if v.end <= a.start < cue.start and _usable(a)
             and doc.tokens_between(v.end, a.start) <= 1]
    # verb first: 'قال عراقجي' (not the subject of 'that …', nor in Persian, whose verb comes last)
    # English inverts only at a clause's end ('…, said Araghchi.'): 'said Iran must …' is reported
    if after and lang == "en" and doc.text[after[0].end:after[0].end + 2].strip()[:1] not in _CLAUSE_END:
        after = []
    if after and lang != "fa" and not any(c.has("comp") and v.end <= c.start < after[0].start
                                          for c in f.speech):
        return after[0]
    if v.has("participle"):  # '…، مؤكدًا أنّ …', '…, stressing that …': the sentence's subject speaks
        subject = [a for a in f.actors if s0 <= a.start and a.end <= v.start and _usable(a)]
        if subject:
            return subject[0]
    return None


_CANCEL_TOKENS = 3  # 'crossing a very big red line'
_NEG_AFTER_TOKENS = 6  # a clause-final negated copula governs the cue at most this many words back


def _negated(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A negator right before the cue, or (Persian) a negated copula closing the words it governs."""
    doc = f.doc
    before = f.stance_in(lo, cue.start)
    if any(c.has("cancel") and c.end <= cue.start
           and doc.tokens_between(c.end, cue.start) <= _CANCEL_TOKENS for c in before):
        return True  # 'crossing a very big red line' describes an act; it states no position
    for n in before:
        if n.has("neg") and n.end <= cue.start and doc.tokens_between(n.end, cue.start) <= 1:
            return not any(x.has("notneg") and x.start <= n.start < x.end
                           for x in f.stance_in(lo, n.start + 1))
    end = _window_end(f, cue, hi)
    return any(n.has("negafter") and n.end <= end
               and doc.tokens_between(cue.end, n.start) <= _NEG_AFTER_TOKENS
               for n in f.stance_in(cue.end, end))


def _inside_topic(f: Found, a: ActorSpan) -> bool:
    """An actor named inside a topic phrase ('the Security Council resolutions') is part of it."""
    covered = _topic_cover(f)
    return a.start in covered and a.end - 1 in covered


def _topic_cover(f: Found) -> set[int]:
    """Positions inside some topic phrase (built once per article)."""
    covered = f.cache.get("topic_cover")
    if covered is None:
        covered = set()
        for t in f.topic:
            if t.has("topic"):
                covered.update(range(t.start, t.end))
        f.cache["topic_cover"] = covered
    return covered


def _in_topic(f: Found, c: Match) -> bool:
    """A cue word inside a topic phrase ('support for terrorism') is part of the topic."""
    covered = _topic_cover(f)
    return c.start in covered and c.end - 1 in covered


def _window_end(f: Found, cue: Match, hi: int) -> int:
    """Where the words a cue governs stop: the next cue or condition marker, or ``hi``."""
    if not f.stops_ready:
        f.sorted_stops = sorted(c.start for c in f.stance
                                if (c.has("stance") and not _in_topic(f, c))
                                or c.has("cond") or c.has("butnot"))
        f.stops_ready = True
    i = bisect.bisect_left(f.sorted_stops, cue.end)
    return f.sorted_stops[i] if i < len(f.sorted_stops) and f.sorted_stops[i] < hi else hi


def _topics(f: Found, cue: Match, lo: int, hi: int) -> list[tuple[str, Match, bool]]:
    """(topic, match, only) for the topic words this cue governs."""
    doc = f.doc
    lang = next((p.lang for p in cue.payloads), "ar")
    end = _window_end(f, cue, hi)
    start = cue.end
    # Persian puts the topic before its verb; so do predicative cues ('enrichment is non-negotiable')
    if cue.has("topic_before") or lang == "fa":
        prev = [c.end for c in f.stance if c.has("stance") and lo <= c.start and c.end <= cue.start]
        start = prev[-1] if prev else lo
    found = []
    reach = cue.end
    for t in f.topic:
        inside = cue.start <= t.start and t.end <= cue.end  # part of the cue: 'غير قابل للتفاوض'
        if not t.has("topic") or t.start < start or t.end > end or inside:
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
        if topic == "diplomacy" and any(r.has("restrict") and (
                (r.start >= t.end and doc.tokens_between(t.end, r.start) <= 1)
                or (r.end <= t.start and doc.tokens_between(r.end, t.start) <= 1)) for r in f.stance):
            continue  # 'talks confined to the nuclear file': the restriction is the position
        only = any(o.has("only") and o.start >= t.end and doc.tokens_between(t.end, o.start) <= 2
                   for o in f.stance)
        only = only or any(r.has("restrict") and cue.end <= r.start and r.end <= t.start
                           and doc.tokens_between(r.end, t.start) <= _RESTRICT_TOKENS for r in f.stance)
        out.append((topic, t, only))
    return out


def _uncertain(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A question, or uncertainty before the cue in its clause ('unclear whether Iran will accept')."""
    doc = f.doc
    _, s1 = doc.sentences[doc.sentence_of(cue.start)]
    if doc.text[s1 - 1:s1 + 1].strip()[:1] in ("?", "\u061f"):
        return True
    return any(u.has("uncertain") and u.end <= cue.start for u in f.stance_in(lo, cue.start))


def _but_not(f: Found, out: list[Position], cue_of: dict[int, Match]) -> list[Position]:
    """'ready to talk, but not about its missiles': the holder of the support before the
    contrast rejects the topics right after it, and that support becomes conditional."""
    doc = f.doc
    extra: list[Position] = []
    for b in f.stance:
        if not b.has("butnot"):
            continue
        si = doc.sentence_of(b.start)
        prior = [k for k, p in enumerate(out) if cue_of[k].end <= b.start
                 and doc.sentence_of(cue_of[k].start) == si and p.polarity > 0]
        if not prior:
            continue
        last = cue_of[prior[-1]].start
        holders = [out[k] for k in prior if cue_of[k].start == last]
        topics = [t for t in f.topic if t.has("topic") and t.start >= b.end
                  and doc.tokens_between(b.end, t.start) <= _BUT_NOT_TOKENS]
        if not topics:
            continue
        for k in prior:
            if cue_of[k].start == last and out[k].stance == "supports":
                out[k] = replace(out[k], stance="conditional",
                                 condition=doc.orig_text(b.start, topics[0].end))
        t = topics[0]
        topic = t.idents("topic")[0]
        for h in {p.actor_id: p for p in holders}.values():
            extra.append(replace(h, topic=topic, stance="rejects", polarity=-1,
                                 cues=doc.orig_text(b.start, b.end) + ";" + doc.orig_text(t.start, t.end)))
    return extra


def find_positions(f: Found, speech: Speech) -> list[Position]:
    """Position rows of one article."""
    doc = f.doc
    breaks = [c.start for c in f.stance if c.has("break") or c.has("butnot")]
    # a speech verb opens a new reported clause: '… تمنح الأولوية …، مشددًا على أن واشنطن لن …'
    breaks += [c.start for c in f.speech if c.has("verb") or c.has("participle")]
    out: list[Position] = []
    cue_of: dict[int, Match] = {}  # index in out -> the cue that made the row
    seen: set[tuple[str, str, str, int]] = set()
    for cue in f.stance:
        if not cue.has("stance") or _in_topic(f, cue):
            continue
        base = cue.idents("stance")[0]
        info = f.cues.stances[base]
        lo, hi = clause_span(doc, cue.start, breaks)
        if _uncertain(f, cue, lo, hi):
            continue
        stance = base
        if _negated(f, cue, lo, hi):
            if base != "supports":
                continue
            stance = "opposes"
        topics = _topics(f, cue, lo, hi)
        fixed = f.cues.fixed_topics.get(base)
        if fixed is not None:
            topics = [(fixed, cue, False)]
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
        if condition is None:  # a precondition inside the demand: 'before any negotiation, …'
            pre = next((c for c in f.stance if c.has("precond") and lo <= c.start < hi), None)
            condition = doc.orig_text(pre.start, hi).strip() if pre is not None else None
        conf = info.strength * (1.0 if dist <= 6 else 0.85 if dist <= 15 else 0.7)
        if not actors:
            conf *= 0.85
        c0, c1 = doc.orig_span(lo, hi)
        s0, s1 = doc.sentences[si]
        e0, e1 = doc.orig_span(s0, s1)
        for topic, tmatch, only in topics:
            st = "insists" if only and info.polarity > 0 else stance
            if not cue.has("modal"):  # 'the US must pay for the attacks' demands; it warns of nothing
                st = f.cues.overrides.get((st, topic), st)
            if condition and (st == "supports" or (st == "demands" and topic == "diplomacy")):
                st = "conditional"  # talks wanted on a condition ('before any negotiation, the US must …')
            pol = f.cues.stances[st].polarity if st in f.cues.stances else info.polarity
            cues = doc.orig_text(cue.start, cue.end)
            if tmatch is not cue:
                cues += ";" + doc.orig_text(tmatch.start, tmatch.end)
            for aid in ids:
                key = (aid, topic, st, doc.segment_idx(cue.start))
                if key in seen:
                    continue
                seen.add(key)
                cue_of[len(out)] = cue
                out.append(Position(doc.segment_idx(cue.start), aid, topic, st, pol, condition, cues,
                                    round(conf, 2), c0, c1, doc.article.text[e0:e1]))
    return out + _but_not(f, out, cue_of)
