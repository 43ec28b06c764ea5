"""Positions: actor x topic x stance, from the frame of the clause that names them.

For every stance cue (stances.yaml) in a clause:
- holders: parley.extract.holders (the speaker of a quote, a mediator, the subject, the
  reporting verb's speaker); a speaker stating their state's position holds it too, and a person
  in one of the state's offices at the article's date speaks for the state (as a ministry does);
- topics (parley.extract.topic_frames): topic words after the cue up to the next cue (Persian
  and predicative cues such as 'non-negotiable': before it too); 'negotiate about X' is about X;
  X then 'only', or a restriction before X ('confined to'), is insisted on; mediation is always
  about diplomacy; no topic word: the stance's default topic, else no row;
- a negator right before a 'supports' cue makes it 'opposes', and so does a Persian negated
  copula after it; other negated cues, uncertainty ('unclear whether'), questions, a cue inside
  a condition ('unless Iran resumes the talks') and descriptions ('crossing a red line') give no row;
- a condition (إذا، اگر، if) or a precondition ('before any negotiation') makes supported or
  demanded talks 'conditional'; 'ready, but not on X' also rejects X;
- overrides: wanting talks is supporting them; being ready to use force is a warning.
Confidence = cue strength, lowered with the distance between actor and cue and when the holder is
only the sentence's speaker; a row whose named holder leaves it below _MIN_CONFIDENCE (a weaker cue,
'illegal', 'prevent', 'conditioned', with its subject more than 15 words away) is not kept.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace

from parley.extract.actors import ActorSpan
from parley.extract.gazetteer import Actor
from parley.extract.hedges import uncertain
from parley.extract.holders import holders
from parley.extract.matcher import COMMAS, Match, clause_span
from parley.extract.nonsubjects import passive_by
from parley.extract.quotes import Speech
from parley.extract.records import Found, Position
from parley.extract.topic_frames import Topics, condition_topics, governed_topics, venue_topic, window_end

_BUT_NOT_TOKENS = 6  # 'but not on its missile programme': the rejected topic this close after the contrast
_CANCEL_TOKENS = 3  # 'crossing a very big red line'
_NAME_TOKENS = 6  # an actor's name this long at most may hold a cue word ('Rapid Support Forces')
_MIN_CONFIDENCE = 0.5  # 0.7 x 0.7 ('opposes', holder far away) falls under it; 0.8 x 0.7 stays
_WARN_COND_TOKENS = 8  # 'warned that cooperation could collapse if': the condition this close after a warning
_NEG_AFTER_TOKENS = 6  # a clause-final negated copula governs the cue at most this many words back


def _negated(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A negator right before the cue, or (Persian) a negated copula closing the words it governs."""
    doc = f.doc
    before = f.stance_in(lo, cue.start)
    if any(c.has("cancel") and c.end <= cue.start
           and doc.tokens_between(c.end, cue.start) <= _CANCEL_TOKENS for c in before):
        return True  # 'crossing a very big red line' describes an act; it states no position
    for n in before:
        if n.has("neg") and n.end <= cue.start \
                and doc.tokens_between(n.end, cue.start) <= (0 if n.has("neg1") else 1):
            return not any(x.has("notneg") and x.start <= n.start < x.end
                           for x in f.stance_in(lo, n.start + 1))
    end = window_end(f, cue, hi)
    # 'have not' negates a noun of intent, and the cue it governs ('برنامه‌ای برای ازسرگیری … ندارد',
    # 'تمایلی به ازسرگیری … ندارد': a preposition may stand between)
    intent = cue.has("noun") or any(p.has("noun") and p.end <= cue.start
                                    and doc.tokens_between(p.end, cue.start) <= 1 for p in before)
    return any((n.has("negafter") or (n.has("neghave") and intent)) and n.end <= end
               and doc.tokens_between(cue.end, n.start) <= _NEG_AFTER_TOKENS
               for n in f.stance_in(cue.end, end))


_RELATIVE_END = re.compile(r"[\W_]*(?:as\W+\w+[\W_]*)?")  # nothing after the verb but 'as unacceptable'


def _relative_object(f: Found, cue: Match, lo: int, hi: int) -> tuple[ActorSpan, Topics] | None:
    """English reduced relative at a clause's end: '…, conditions Hamas has rejected.', '…—demands
    Tehran has dismissed as unacceptable.': the actor right before the verb holds it, about the
    topics of the words before that actor; None when the frame does not apply."""
    doc = f.doc
    if next((p.lang for p in cue.payloads), "ar") != "en" or cue.has("topic_before") \
            or not _RELATIVE_END.fullmatch(doc.text[cue.end:hi]):
        return None
    subject = [a for a in f.actors_in(lo, cue.start) if a.end <= cue.start
               and doc.tokens_between(a.end, cue.start) <= 1]
    if not subject:
        return None
    who = subject[-1]
    head = doc.text[lo:who.start].rstrip()
    cut = max(head.rfind(","), head.rfind("\u2014"), head.rfind("-"))  # the noun after ',' or '—'
    if cut == -1 or not 1 <= len(head[cut + 1:].split()) <= 2:  # 'conditions', 'a condition'
        return None
    topics = [(t.idents("topic")[0], t, False) for t in f.topic_in(lo, lo + cut) if t.has("topic")]
    return (who, topics[-2:]) if topics else None


def _backs_a_refusal(f: Found, cue: Match, lo: int) -> bool:
    """Persian, verb last: a positive verb whose object a refusal noun heads ('قانون تعلیق همکاری
    … را امضا کرد' signs the suspension): the refusal is the position, not the signing."""
    polarity = f.cues.stances[cue.idents("stance")[0]].polarity
    if next((p.lang for p in cue.payloads), "ar") != "fa" or polarity <= 0:
        return False
    prev = [c for c in f.stance_in(lo, cue.start) if c.has("stance") and c.end <= cue.start]
    return bool(prev) and prev[-1].has("noun") and f.cues.stances[prev[-1].idents("stance")[0]].polarity < 0


_SEND_TOKENS = 3  # 'أرسلت حماس وفدا', 'هیئتی را به قاهره اعزام کرد': the delegation word this close


def _sends_a_delegation(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A sending verb with a delegation word close after it (Persian: before it, verb last)."""
    doc = f.doc
    if next((p.lang for p in cue.payloads), "ar") == "fa":
        before = f.stance_in(max(lo, doc.reach_back(cue.start, _SEND_TOKENS + 1)), cue.start)
        return any(d.has("deleg") and d.end <= cue.start
                   and doc.tokens_between(d.end, cue.start) <= _SEND_TOKENS for d in before)
    return any(d.has("deleg") and doc.tokens_between(cue.end, d.start) <= _SEND_TOKENS
               for d in f.stance_in(cue.end, min(hi, doc.reach(cue.end, _SEND_TOKENS) + 1)))


def _act_subject(f: Found, cue: Match) -> bool:
    """An act is the cue's subject ('في خطوة تهدد', 'a move that threatens', 'اقدامی که … تهدید'):
    the act noun right before the cue, or a relative pronoun between (Persian: the object too)."""
    doc = f.doc
    if cue.has("topic_before"):  # 'خطوة "غير مقبولة" بالنسبة لواشنطن' judges the act: someone's position
        return False
    lang = next((p.lang for p in cue.payloads), "ar")
    reach = 4 if lang == "fa" else 1
    for a in f.stance_ending(doc.reach_back(cue.start, reach), cue.start):
        if not a.has("act"):
            continue
        gap = doc.tokens_between(a.end, cue.start)
        rel = any(r.has("relative") for r in f.stance_in(a.end, doc.reach(a.end, 0) + 1))
        if gap == 0 or (rel and (gap == 1 or lang == "fa")):
            return True
    return False


_ASKED_TOKENS = 2  # 'urged Iran to', 'از ایران خواستار': the one asked this close to the demand
_ASKED_TOKENS_AR = 5  # 'حثت الدول الأوروبية الثلاث إيران على': Arabic puts the subject first


def _asks_another(f: Found, d: Match) -> bool:
    """A demand cue that names the one asked: an actor right after it and then 'to' (stances.yaml
    asked_to: 'called on Iran to resume', 'دعا إيران إلى'), or Persian 'از' and an actor right before
    it ('از ایران خواستار ازسرگیری … شد'). What is asked of another is demanded, talks too."""
    if "demands" not in d.idents("stance"):
        return False
    doc = f.doc
    if doc.lang_at(d.start) == "fa":
        near = f.actors_in(doc.reach_back(d.start, _ASKED_TOKENS), d.start)
        return any(a.end <= d.start and doc.text[:a.start - len(a.prefix)].rstrip().endswith("\u0627\u0632")
                   for a in near)
    reach = _ASKED_TOKENS if doc.lang_at(d.start) == "en" else _ASKED_TOKENS_AR
    for a in f.actors_in(d.end, doc.reach(d.end, reach) + 1):
        if any(m.has("askto") and doc.tokens_between(a.end, m.start) == 0
               for m in f.stance_in(a.end, doc.reach(a.end, 0) + 1)):
            return True
    return False


_AIM_TOKENS = 3  # 'negotiations through Oman aimed at': the talks word this close before the aim


def _aim_of_talks(f: Found, cue: Match, lo: int) -> bool:
    """An aim whose subject is talks, not an actor (stances.yaml aims, aims_of): a talks word at most
    three words before it with no comma between ('rounds of negotiations through Oman aimed at …'),
    or right after 'the goal of' ('the goal of the meeting is …', 'الهدف من الاجتماع')."""
    doc = f.doc
    if cue.has("aimof"):
        return any(t.has("topic") and t.idents("topic")[0] == "diplomacy"
                   and doc.tokens_between(cue.end, t.start) <= 1
                   for t in f.topic_in(cue.end, doc.reach(cue.end, 1) + 1))
    if not cue.has("aim"):
        return False
    return any(t.has("topic") and t.idents("topic")[0] == "diplomacy" and t.end <= cue.start
               and doc.tokens_between(t.end, cue.start) <= _AIM_TOKENS
               and not any(ch in doc.text[t.end:cue.start] for ch in COMMAS)
               for t in f.topic_in(max(lo, doc.reach_back(cue.start, _AIM_TOKENS + 2)), cue.start))


_ORGS: dict[int, tuple[Mapping[str, Actor], dict[str, tuple[Actor, ...]]]] = {}


def _role_orgs(actors: Mapping[str, Actor], role: str) -> tuple[Actor, ...]:
    """The orgs whose id and '_' open ``role``, in the gazetteer's order (read once per role and
    gazetteer, not by a scan of every actor per role term)."""
    held = _ORGS.get(id(actors))
    if held is None or held[0] is not actors:
        _ORGS.clear()
        held = _ORGS[id(actors)] = (actors, {})
    orgs = held[1].get(role)
    if orgs is None:
        orgs = held[1][role] = tuple(a for a in actors.values()
                                     if a.kind == "org" and role.startswith(a.id + "_"))
    return orgs


def _speaks_for(f: Found, who: Actor, state: Actor, day: dt.date | None) -> bool:
    """Whether ``who`` speaks for its country ``state``: an org of the state's own side ('other' tells
    no state apart); a person in one of the state's offices at ``day`` (a minister, a president; not a
    former holder), an office of an org counting only when that org speaks for the state (the IAEA's
    director general does not speak for Argentina, nor Hezbollah's leader for Lebanon)."""
    if who.kind == "org":  # an org of no state (the EU, the UN) speaks for none ('Kallas' is not Estonia)
        return state.side == who.side and who.side != "other" and who.country == state.id
    if who.kind != "person" or state.kind != "state":
        return False
    for term in who.roles:
        if not term.covers(day):
            continue
        body = next((a for a in _role_orgs(f.gaz.actors, term.role)
                     if a.country is None or a.country == state.id), None) if "_" in term.role else None
        if body is None or _speaks_for(f, body, state, day):
            return True
    return False


def _talks_named_near(f: Found, cue: Match) -> bool:
    """A talks word (topic diplomacy) in the cue's sentence or the one before it."""
    doc = f.doc
    si = doc.sentence_of(cue.start)
    lo = doc.sentences[max(0, si - 1)][0]
    return any(t.has("topic") and t.idents("topic")[0] == "diplomacy"
               for t in f.topic_in(lo, doc.sentences[si][1]))


def _in_name(f: Found, m: Match) -> bool:
    """Whether ``m`` lies inside an actor's name ('the Rapid Support Forces')."""
    return any(a.start <= m.start and m.end <= a.end
               for a in f.actors_in(f.doc.reach_back(m.start, _NAME_TOKENS), m.end))


def _but_not(f: Found, out: list[Position], cue_of: dict[int, Match]) -> list[Position]:
    """'ready to talk, but not about its missiles': the holder of the support before the
    contrast rejects the topics right after it, and that support becomes conditional."""
    doc = f.doc
    extra: list[Position] = []
    cue_starts = [cue_of[k].start for k in range(len(out))]  # rows are made cue by cue, in text order
    for b in f.stance:
        if not b.has("butnot"):
            continue
        si = doc.sentence_of(b.start)
        s0 = doc.sentences[si][0] if si else 0
        rows = range(bisect.bisect_left(cue_starts, s0), bisect.bisect_left(cue_starts, b.start))
        prior = [k for k in rows if cue_of[k].end <= b.start
                 and doc.sentence_of(cue_of[k].start) == si and out[k].polarity > 0]
        if not prior:
            continue
        last = cue_of[prior[-1]].start
        holders = [out[k] for k in prior if cue_of[k].start == last]
        topics = [t for t in f.topic_in(b.end, doc.reach(b.end, _BUT_NOT_TOKENS) + 1) if t.has("topic")]
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


def find_positions(f: Found, speech: Speech, place_roles: Mapping[int, str]) -> list[Position]:
    """Position rows of one article, from the quotes stage's ``speech`` and the venue stage's
    ``place_roles`` (a place that is a venue holds no position)."""
    doc = f.doc
    breaks = [c.start for c in f.stance if c.has("break") or c.has("butnot")]
    # a speech verb opens a new reported clause: '… تمنح الأولوية …، مشددًا على أن واشنطن لن …'
    breaks = sorted(breaks + [c.start for c in f.speech if c.has("verb") or c.has("participle")])
    break_at = set(breaks)
    out: list[Position] = []
    cue_of: dict[int, Match] = {}  # index in out -> the cue that made the row
    seen: set[tuple[str, str, str, int]] = set()
    governs = {p.start for p in f.object_of.values()}
    day = doc.article.published.date
    for cue in f.stance:
        if not cue.has("stance") or f.in_topic(cue.start, cue.end) \
                or cue.start in governs:  # 'support for terrorism' is a topic; its object speaks for a verb
            continue
        if _in_name(f, cue) or _act_subject(f, cue):  # 'the Rapid Support Forces'; 'a step that threatens'
            continue
        # a cue that is itself a speech verb ('Iran … warned the US that …') keeps its subject
        lo, hi = clause_span(doc, cue.start, [b for b in breaks if b != cue.start]
                             if cue.start in break_at else breaks)
        if _backs_a_refusal(f, cue, lo) or (cue.has("send") and not _sends_a_delegation(f, cue, lo, hi)):
            continue
        # '…, conditions Hamas has rejected.': the object stands before the verb
        relative = _relative_object(f, cue, lo, hi)
        outer = None if relative else f.object_of.get(cue.start)  # 'rejected the demands for X'
        if outer is not None and (_in_name(f, outer) or (
                f.cues.stances[outer.idents("stance")[0]].polarity > 0
                and f.cues.stances[cue.idents("stance")[0]].polarity < 0)):
            outer = None  # 'signed a law suspending cooperation' suspends it: backing a refusal refuses
        if outer is None and _aim_of_talks(f, cue, lo):  # 'talks aimed at a deal': the talks' aim
            continue
        base = (outer or cue).idents("stance")[0]
        info = f.cues.stances[base]
        if uncertain(f, cue, lo, hi):
            continue
        stance = base
        # 'is not ready to resume the talks': a negator before the verb governing the cue negates it too
        if _negated(f, cue, lo, hi) or (outer is not None and _negated(f, outer, lo, hi)):
            if base != "supports" or (outer or cue).has("partake"):  # 'did not attend' opposes nothing
                continue
            stance = "opposes"
        topics = governed_topics(f, cue, lo, hi)
        if passive_by(f, cue) is not None:  # 'the ceasefire was welcomed by Egypt': the subject is the topic
            topics = [(t.idents("topic")[0], t, False) for t in f.topic_in(lo, cue.start)
                      if t.has("topic") and t.end <= cue.start][-2:]
        fixed = f.cues.fixed_topics.get(base)
        if fixed is not None:
            topics = [(fixed, cue, False)]
        if cue.has("dealonly"):  # 'وقعت … اتفاق سلام' signs a deal; 'وقع هجوم' is an attack that happened
            topics = [t for t in topics if t[0] == "diplomacy"]
        if cue.has("noforce"):  # 'launched strikes' is an act, not a stance on force
            topics = [t for t in topics if t[0] != "military_force"]
        if not topics and (cue.has("talksact") or cue.has("send")  # 'sent a delegation to Cairo'
                           or (cue.has("partake") and _talks_named_near(f, cue))):  # '… joined (them)'
            topics = [("diplomacy", cue, False)]
        if not topics and info.default_topic:
            topics = [(info.default_topic, cue, False)]
        if not topics and cue.has("venueok"):  # 'agreed to hold the next round on Sunday in Muscat'
            topics = venue_topic(f, cue, hi, place_roles)
        if not topics and base == "warns":  # 'warned that cooperation would end if the E3 trigger the
            # snapback': what the warning is against, named in its condition (talks failing name no threat)
            topics = [t for t in condition_topics(f, cue, hi, _WARN_COND_TOKENS) if t[0] != "diplomacy"]
        on_condition = not topics and stance == "supports"
        if on_condition:  # 'Israel agreed to it so long as Iran launches no attacks': what it hangs on
            topics = condition_topics(f, cue, hi)
        if relative is not None:
            actors, fallback, dist = [relative[0]], None, 0
            topics = relative[1]
        elif not topics:
            continue
        else:  # 'welcomed Egypt's willingness to …': the one who welcomes holds it, not Egypt
            actors, fallback, dist = holders(f, outer or cue, lo, hi, speech, place_roles)
        ids = [a.actor_id for a in actors]
        if not ids and fallback:
            ids = [fallback]
        # an outlet reports, it takes no side, even as a quote's misread speaker ('he told Mehr that …')
        ids = [a for a in ids if a not in f.gaz.actors or f.gaz.actors[a].kind != "media"]
        if cue.has("sched"):  # a mediator rescheduling a round mediates; a party doing so states nothing
            ids = [a for a in ids if a in f.gaz.actors and f.gaz.actors[a].side == "mediator"]
        if not ids:
            continue
        si = doc.sentence_of(cue.start)
        speaker = speech.by_sentence.get(si)
        if speaker and speaker not in ids and speaker in f.gaz.actors:
            sp = f.gaz.actors[speaker]
            if sp.kind == "person" and sp.country is not None and sp.country in ids:
                ids.append(speaker)
        for aid in list(ids):  # a ministry, a parliament, an army speaks for its state (not a movement in it)
            org = f.gaz.actors.get(aid)
            state = f.gaz.actors.get(org.country) if org is not None and org.country is not None else None
            if org is None or state is None or state.id in ids:
                continue
            if _speaks_for(f, org, state, day):
                ids.append(state.id)
        lang = next((p.lang for p in cue.payloads), "ar")
        c_lo = lo if lang == "fa" else cue.end
        c_hi = hi if lang == "fa" else window_end(f, cue, hi)
        # the condition of this cue: right after its governed words, or (Persian) anywhere in the clause
        cond = next((c for c in f.stance_in(c_lo, hi) if c.has("cond")
                     and (c.start <= c_hi or lang == "fa")
                     and not any(x.has("stance") for x in f.stance_in(c_hi, c.start))), None)
        condition = doc.orig_text(cond.start, hi).strip() if cond is not None else None
        if condition is None:  # a precondition inside the demand: 'before any negotiation, …'
            pre = next((c for c in f.stance_in(lo, hi) if c.has("precond")), None)
            condition = doc.orig_text(pre.start, hi).strip() if pre is not None else None
        conf = info.strength * (1.0 if dist <= 6 else 0.85 if dist <= 15 else 0.7)
        if not actors:
            conf *= 0.85
        if actors and round(conf, 2) < _MIN_CONFIDENCE:  # a weaker cue ('illegal', 'prevent') needs its
            continue  # subject within 15 words; the sentence's own speaker, below the floor too, is kept
        c0, c1 = doc.orig_span(lo, hi)
        s0, s1 = doc.sentences[si]
        e0, e1 = doc.orig_span(s0, s1)
        asks = _asks_another(f, outer or cue)
        for topic, tmatch, only in topics:
            if topic == "diplomacy" and tmatch is not cue and f.cues.nuclear_parties.intersection(ids):
                topic = "nuclear"  # 'Iran and the IAEA signed an agreement': a deal with the IAEA is nuclear
            st = "insists" if only and info.polarity > 0 else stance
            # 'the US must negotiate', 'requested a meeting': what is laid down or asked for stays demanded
            # ... and so does an outcome sought ('calls for a ceasefire'), unlike talks wanted
            # ... and so does what is asked of another ('called on Iran to resume the talks')
            if not (cue.has("modal") or (outer or cue).has("explicit") or tmatch.has("outcome") or asks):
                turned = f.cues.overrides.get((st, topic), st)
                if turned == "warns" and st == "supports" and not (outer or cue).has("ready") \
                        and not on_condition:
                    continue  # 'joined the bombing', 'to resume the strikes': an act of force, no stance
                st = turned
            if condition and (st == "supports" or (st in ("demands", "rejects") and topic == "diplomacy")):
                st = "conditional"  # talks wanted on a condition ('before any negotiation, the US must …')
            if on_condition:
                st = "conditional"
            pol = f.cues.stances[st].polarity if st in f.cues.stances else info.polarity
            cues = doc.orig_text(cue.start, cue.end)
            if outer is not None:
                cues = doc.orig_text(outer.start, outer.end) + ";" + cues
            if tmatch is not cue:
                cues += ";" + doc.orig_text(tmatch.start, tmatch.end)
            joins = st == "supports" and topic == "diplomacy" and (outer or cue).has("partake")
            for aid in ids:
                # a mediator (actors.yaml side 'mediator') joining or attending talks mediates them
                row_st = "mediates" if joins and aid in f.gaz.actors \
                    and f.gaz.actors[aid].side == "mediator" else st
                key = (aid, topic, row_st, doc.segment_idx(cue.start))
                if key in seen:
                    continue
                seen.add(key)
                cue_of[len(out)] = cue
                row_pol = f.cues.stances[row_st].polarity if row_st != st else pol
                out.append(Position(doc.segment_idx(cue.start), aid, topic, row_st, row_pol, condition, cues,
                                    round(conf, 2), c0, c1, doc.article.text[e0:e1]))
    rows = out + _but_not(f, out, cue_of)
    # a mediator of talks is not also their supporter in the same segment ('flew to Doha to meet other
    # mediators'): mediation says more
    mediating = {(p.segment_idx, p.actor_id) for p in rows if p.stance == "mediates"}
    return [p for p in rows if not (p.stance == "supports" and p.topic == "diplomacy"
                                    and (p.segment_idx, p.actor_id) in mediating)]
