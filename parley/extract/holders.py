"""Holders: who takes the position a stance cue states, from the frame of its clause.

- inside a quote: its speaker;
- a mediation cue: its mediator (a nationality adjective next to it, the actor after 'mediated
  by / بوساطة', or the one right before it), never the pair of parties nor an addressee 'to
  the mediators';
- an obligation ('must', يجب على, باید): the one who lays it, the reporting verb's speaker;
- else the first actor after the last 'that' (أن، که) before the cue, past an English fronted
  phrase set off by a comma; else the first actor of the clause; else (verb first, Arabic VSO
  'تصر إيران على …') the very next actor; else the speaker of the reporting verb that opens
  the clause ('Iran said it was ready', '…، مؤكدًا أن', 'وی تأکید کرد' -> the last subject);
- coordinated subjects each hold it; names inside a topic phrase, places that are venues and
  media never do.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from parley.extract.actors import ActorSpan, possessive_mark, possessor
from parley.extract.antecedents import (
    antecedent,
    no_subject,
    previous_subject,
    recent_speaker,
    reporter_of,
    usable,
)
from parley.extract.matcher import COMMAS, Match, clitics
from parley.extract.nonsubjects import (
    about,
    addressee,
    between,
    in_reason,
    judgement,
    names_mediators,
    partner,
    passive_by,
)
from parley.extract.quotes import Speech
from parley.extract.records import Found

_VSO_TOKENS = 0  # verb first: the subject is the very next word ('تصر إيران')
_AGENT_TOKENS = 2  # 'mediated by the Sultanate of Oman': the holder within this many words after the cue
_MEDIATOR_TOKENS = 3  # 'Oman, which mediated': the mediator this close before a mediation cue
_MEDIATOR_SUBJECT_TOKENS = 8  # 'Oman has for weeks played the role of mediator': a lone subject this far back
_BODIES = {"state", "org"}  # 'Hamas and Israel', 'Iran and the IAEA' are one subject
_JOINERS = {"", ",", "\u060c", "and", "\u0648"}  # nothing, commas, 'and', or Persian's own word 'و'


def _coordinated(f: Found, first: ActorSpan, pool: list[ActorSpan], limit: int) -> list[ActorSpan]:
    """``first`` and the actors joined to it by 'و'/','/'and' ('مصر وتركيا وقطر')."""
    out = [first]
    cur = first
    for a in pool:
        if a.start < cur.end or a.start >= limit:
            continue
        gap = f.doc.text[cur.end:a.start - len(a.prefix)].strip()  # 'مصر وتركيا': the و is the prefix
        if gap[:1] in (",", "\u060c") and gap[1:].split()[:1] in (["and"], ["\u0648"]):  # 'X, Y, and the Z'
            gap = gap[1:].strip()
        # two names side by side with neither a joiner nor 'و' are verb, subject and object
        # ('اتهمت أوكرانيا الجانب الروسي'), not a coordination
        if ((gap in _JOINERS and clitics().is_conjunction(a.prefix) and (gap or a.prefix))
                or _described_conjunct(f, gap, cur) or _titled_conjunct(f, cur, a)) \
                and (a.kind == first.kind or {a.kind, first.kind} <= _BODIES):
            out.append(a)
            cur = a
        else:
            break
    return out


_DESCRIBED_WORDS = 2  # 'the DRC and the rebel M23': this many words between 'and' and the name


def _described_conjunct(f: Found, gap: str, cur: ActorSpan) -> bool:
    """English or Persian 'and' (و as a word) with a short description before the next name ('the
    government of the DRC and the rebel M23', 'دولت کنگو و گروه شورشی ام۲۳'). Arabic glues its و
    to the next word, where it cannot be told from a word's own first letter (وزير)."""
    words = gap.split()
    return f.doc.lang_at(cur.start) in ("en", "fa") and len(words) > 1 \
        and words[0] in ("and", "\u0648") and len(words) - 1 <= _DESCRIBED_WORDS


def holders(f: Found, cue: Match, lo: int, hi: int, speech: Speech,
            place_roles: Mapping[int, str]) -> tuple[list[ActorSpan], str | None, int]:
    """Subject actors of ``cue`` in clause [lo, hi); (actors, fallback speaker id, distance rank).

    ``place_roles`` are the venue stage's roles of place names: a place with a role other than
    'mentioned' is a venue here, not a subject."""
    doc = f.doc
    if cue.idents("stance")[0] in f.cues.fixed_topics and _other_mediators(f, cue):
        subject = [a for a in f.actors_in(lo, cue.start) if a.end <= cue.start and usable(a)]
        if subject:  # 'the Qatari PM heads to Egypt to meet other mediators': he mediates too
            return [subject[0]], None, doc.tokens_between(subject[0].end, cue.start)
    if cue.idents("stance")[0] in f.cues.fixed_topics and _mediators_are_object(f, cue) \
            and not cue.has("sched") \
            and not _demonym_next_to(f, cue):  # 'من الوسطاء المصريين' still names Egypt
        return [], None, 0  # 'a response to the mediators': nobody here mediates, not even the speaker
    for q0, q1, who in speech.around(cue.start):
        if who is not None:
            inside = [a for a in f.actors_in(max(q0, lo), cue.start) if a.end <= cue.start and usable(a)
                      and not partner(f, a)]
            if (not inside or judgement(f, cue)) and not _verb_first_subject(f, cue, min(q1, hi)):
                return [], who, 1
            lo = max(lo, q0)  # the quote's own words name the subject
    pool = [a for a in f.actors_in(lo, hi) if a.end <= hi and usable(a)
            and place_roles.get(a.start, "mentioned") == "mentioned"  # a venue is not a subject
            and not f.in_topic(a.start, a.end)  # nor a name inside a topic ('قطعنامه‌های شورای امنیت')
            and not names_mediators(f, a)  # nor 'US' in 'Egyptian, Qatari and US mediators'
            and not partner(f, a)  # nor a partner: 'المحادثات مع أميركا'
            and not between(f, a)  # nor a party: 'آتش‌بس میان روسیه و اوکراین'
            and not addressee(f, a)  # nor the one told: 'Rubio told Fidan that …'
            and not about(f, a)  # nor what it is about: 'مذاکرات درباره اوکراین'
            and not in_reason(f, a, lo)]  # nor one named in a reason: 'citing violations by Iran, …'
    for c in f.stance_in(lo, cue.start):  # 'اگر … فراهم شود، واشینگتن …': the subject follows the condition
        if c.has("cond") and lo <= c.start:
            comma = _first_comma(doc.text, c.end, cue.start)
            if comma is not None:
                lo = comma + 1
    owner = _possessor(f, cue, pool)
    if owner is not None:  # 'Israel's demand for disarmament', 'Hamas' refusal to disarm'
        return [owner], None, 0
    viewer = _viewer(f, cue, hi)
    if viewer is not None:  # '"غير مقبولة" بالنسبة لواشنطن': unacceptable in Washington's view
        return [viewer], None, 0
    if judgement(f, cue):  # 'أكدت الخارجية أن قرار مجلس الوكالة "غير قانوني"': the ministry judges
        reporter = reporter_of(f, cue, lo)
        if reporter is not None:
            return [reporter], None, doc.tokens_between(reporter.end, cue.start)
        speaker = recent_speaker(f, cue, speech, pool)
        if speaker is not None:  # a statement's next sentence, with no verb of its own: its speaker's
            return [], speaker, 10
    if cue.has("noun"):  # 'مطالبة إسرائيل', 'امتناع حماس': the genitive right after a verbal noun
        genitive = [a for a in pool if a.start >= cue.end and doc.tokens_between(cue.end, a.start) == 0]
        if genitive:
            return _coordinated(f, genitive[0], pool, hi), None, 0
    if cue.has("modal"):  # 'X said the US must …': the speaker demands what is laid on another
        return _obligation_holder(f, cue, lo, speech)
    if cue.idents("stance")[0] in f.cues.fixed_topics:  # a host is a venue and a mediator: 'تستضيفها قطر'
        hosts = [a for a in f.actors_in(lo, hi) if a.end <= hi and usable(a)
                 and not f.in_topic(a.start, a.end) and not addressee(f, a)
                 and not between(f, a)]  # the parties: 'talks between X and Y, hosted in Doha'
        found = _mediators(f, cue, hosts, hi)
        if not found:  # 'في مسقط التي تقود جهود الوساطة': the host city's state mediates
            found = [c for c in _host_city_state(f, cue, lo)  # nearer than any actor
                     if not any(c.end <= a.start and a.end <= cue.start for a in hosts)]
        return found, None, 0
    comps = [c for c in f.speech_in(lo, cue.start) if c.has("comp") and c.end <= cue.start]
    en = next((p.lang for p in cue.payloads), "ar") == "en"
    by = passive_by(f, cue)
    agent = next((a for a in pool if by is not None and a.start - len(a.prefix) == by), None)
    if agent is not None:  # 'the proposal was rejected by Hamas': the agent holds it
        return _coordinated(f, agent, pool, hi), None, 0
    if comps and en and _NEXT_VERB.search(doc.text[comps[-1].end:cue.start]):
        # 'Hamas insists that the UN oversee aid, demands guarantees …': the 'that' clause has ended
        # and the next verb is the subject's again
        main = [a for a in pool if lo <= a.start and a.end <= comps[-1].start]
        if main:
            dist = doc.tokens_between(main[0].end, cue.start)
            return _chain_holding(f, main[0], pool, cue.start), None, dist
    start = comps[-1].end if comps else lo
    before = [a for a in pool if max(start, lo) <= a.start and a.end <= cue.start]
    if not before and comps:
        before = [a for a in pool if lo <= a.start and a.end <= comps[-1].start]
    if before:
        first = _after_fronted(f, before, cue)
        return _chain_holding(f, first, pool, cue.start), None, doc.tokens_between(first.end, cue.start)
    # a predicative cue says something of the topic before it ('progress depends on Washington'):
    # the actor after it is its complement, never its holder
    after = [] if cue.has("topic_before") or en else [
        a for a in pool if a.start >= cue.end and (doc.tokens_between(cue.end, a.start) <= _VSO_TOKENS
                                                   or _titled_subject(f, cue, a))
        and not (cue.has("masc") and a.kind == "state")]  # 'يطالب إيران': a masculine verb's object
    if after:
        return _coordinated(f, after[0], pool, hi), None, doc.tokens_between(cue.end, after[0].start)
    reporter = reporter_of(f, cue, lo)
    if reporter is not None:  # 'Iran said it was ready to …': the clause reports its speaker's position
        return _coordinated(f, reporter, pool, cue.start), None, doc.tokens_between(reporter.end, cue.start)
    s0 = doc.sentences[doc.sentence_of(cue.start)][0]
    opening = f.speech_in(s0, s0 + 1) if lo == s0 else []
    # 'او … بر … تأکید کرد' (the verb last), 'وشدد على …' (no subject named): the last person named
    word = doc.words(s0, cue.start, 1)
    first_word = f.speech_in(word[0][0], word[0][1]) if word and lo <= word[0][1] else []
    verb = next((p for p in first_word if p.has("verb")), None)
    if (doc.lang_at(s0) == "fa" and any(p.has("anaphor") for p in opening)) or (
            doc.lang_at(s0) == "ar" and verb is not None and no_subject(f, verb)):
        owner = antecedent(f, s0)
        if owner is not None:
            return [owner], None, 15
    head = re.split(r"[,\u060c]", doc.text[lo:cue.start])[-1].split()  # the words after the last comma
    if doc.lang_at(cue.start) == "en" and 1 <= len(head) <= _PRONOUN_WORDS \
            and any(w.lower() in _HE_SHE for w in head):
        # '…, where he called for …', 'He urged …': the person named earlier in the sentence, else before
        people = [a for a in f.actors_in(s0, lo) if a.end <= lo and a.kind == "person" and usable(a)]
        owner = people[0] if people else antecedent(f, s0)
        if owner is not None:
            return [owner], None, 15
    if any(p.has("possessive") for p in opening):
        owner = previous_subject(f, s0)  # 'Their proposal … calls for …': the last sentence's subject
        if owner is not None:
            return [owner], None, 15
    who = speech.by_sentence.get(doc.sentence_of(cue.start))
    if any(m.has("according") for m in f.speech_in(cue.end, doc.sentences[doc.sentence_of(cue.start)][1])):
        who = None  # '… rejected the plan, according to Kellogg': the source reports, it holds nothing
    return [], who, 20


_TITLE_TOKENS = 5  # 'انضم رئيس المخابرات العامة المصرية اللواء حسن رشاد': a title this long before the name


def _titled_subject(f: Found, cue: Match, a: ActorSpan) -> bool:
    """Arabic, verb first: a person named after a title that follows the verb ('انضم رئيس المخابرات
    العامة المصرية اللواء حسن رشاد', 'حضر رئيس الوفد …'): no comma, topic or cue between but
    nationality adjectives and delegation words."""
    doc = f.doc
    if a.kind != "person" or doc.lang_at(cue.start) != "ar" or a.start < cue.end \
            or doc.tokens_between(cue.end, a.start) > _TITLE_TOKENS \
            or any(ch in doc.text[cue.end:a.start] for ch in COMMAS):
        return False
    return not f.topic_in(cue.end, a.start) and all(
        m.has("demonym") or m.has("deleg") for m in f.stance_in(cue.end, a.start) if m.start < a.start)


def _titled_conjunct(f: Found, cur: ActorSpan, a: ActorSpan) -> bool:
    """Arabic lists of people each with a title: 'حسن رشاد، ورئيس مجلس الوزراء … محمد بن عبد الرحمن':
    a comma, then a title of at most five words (nationality adjectives aside, no topic or cue)."""
    doc = f.doc
    gap = doc.text[cur.end:a.start - len(a.prefix)].strip()
    if a.kind != "person" or cur.kind != "person" or doc.lang_at(a.start) != "ar" \
            or gap[:1] not in (",", "\u060c") or any(ch in gap[1:] for ch in COMMAS) \
            or not 1 <= len(gap[1:].split()) <= _TITLE_TOKENS:
        return False
    lo = cur.end + doc.text[cur.end:].index(gap[0]) + 1
    return not f.topic_in(lo, a.start) and all(m.has("demonym") for m in f.stance_in(lo, a.start)
                                                if m.start < a.start)


_HE_SHE = ("he", "she")
_PRONOUN_WORDS = 3  # 'he', 'where he', 'and he also': the pronoun is the clause's subject


def _host_city_state(f: Found, cue: Match, lo: int) -> list[ActorSpan]:
    """The state of the one city named shortly before a mediation cue that no actor names ('Doha,
    which has long mediated', 'في مسقط التي تقود جهود الوساطة'), as an actor; [] if none."""
    doc = f.doc
    near = [m for m in f.gaz_matches if m.has("place") and lo <= m.start and m.end <= cue.start
            and doc.tokens_between(m.end, cue.start) <= _MEDIATOR_SUBJECT_TOKENS]
    states = {f.gaz.places[p].country for m in near for p in m.idents("place")
              if p in f.gaz.places and f.gaz.places[p].kind == "city"}
    if len(near) != 1 or len(states) != 1 or None in states:
        return []
    after = doc.reach(near[0].end, 0) + 1  # the relative pronoun right after the city (its comma aside)
    if not any(r.has("relative") for r in f.stance_in(near[0].end, after)):
        return []
    state = next(iter(states))
    if state is None or state not in f.gaz.actors:
        return []
    return [ActorSpan(near[0].start, near[0].end, state, "host city", "state", near[0].prefix)]


def _other_mediators(f: Found, cue: Match) -> bool:
    """'Other' right before or after a mediation noun ('other mediators', 'وسطاء آخرين')."""
    doc = f.doc
    near = f.stance_in(cue.end, doc.reach(cue.end, 0) + 1)
    near += f.stance_ending(doc.reach_back(cue.start, 0), cue.start)
    return any(m.has("other") for m in near)


_NEXT_VERB = re.compile(r",\s*(?:and\s+)?$")  # ', demands', ', and seeks': a verb after a comma


def _possessor(f: Found, cue: Match, pool: list[ActorSpan]) -> ActorSpan | None:
    """English: the actor whose possessive stands right before a noun cue ('Israel's demand for
    disarmament' is Israel's demand, whoever reports it); None otherwise."""
    if next((p.lang for p in cue.payloads), "ar") != "en":
        return None
    # a possessive and at most one word before the cue: "Israel's demand", "Hamas' continued refusal"
    return possessor(f.doc.text, [a for a in pool if a.end <= cue.start], cue.start, 1)


def _viewer(f: Found, cue: Match, hi: int) -> ActorSpan | None:
    """The actor named right after 'in the view of' (بالنسبة ل، از نظر) right after the cue."""
    doc = f.doc
    view = next((v for v in f.stance_in(cue.end, min(hi, doc.reach(cue.end, 1) + 1)) if v.has("view")), None)
    if view is None:
        return None
    return next((a for a in f.actors_in(view.end, min(hi, doc.reach(view.end, 1) + 1))
                 if a.kind != "media" and doc.tokens_between(view.end, a.start - len(a.prefix)) == 0), None)


def _verb_first_subject(f: Found, cue: Match, hi: int) -> bool:
    """An Arabic verb cue with its subject right after it ('«طلب الجانب الأوكراني …»'): inside a
    quote, that subject holds the position, not the quote's speaker."""
    if next((p.lang for p in cue.payloads), "ar") != "ar" or cue.has("topic_before"):
        return False
    return any(a.end <= hi and usable(a) and f.doc.tokens_between(cue.end, a.start) <= _VSO_TOKENS
               for a in f.actors_in(cue.end, hi))


def _demonym_next_to(f: Found, cue: Match) -> list[ActorSpan]:
    """The states of the nationality adjectives right next to a mediation cue, with those
    coordinated with them ('Omani mediation', 'الوسطاء المصريين والقطريين', 'Egyptian and Qatari
    mediators'); [] if none."""
    doc = f.doc
    en = doc.lang_at(cue.start) == "en"  # English adjectives come first; Arabic and Persian ones follow
    dems = f.demonyms
    if en:  # the first adjective ending right before the cue (no word between) ...
        k = bisect.bisect_left(dems, doc.reach_back(cue.start, 0), key=_end)
        next_to = k < len(dems) and dems[k].end <= cue.start
    else:  # ... or starting right after it, or after one adjective ('وساطة مشتركة قطرية')
        k = bisect.bisect_left(f.demonym_starts, cue.end)
        next_to = k < len(dems) and dems[k].start <= doc.reach(cue.end, 1)
    if not next_to:
        return []
    chain = [dems[k]]
    if en:  # 'Egyptian and Qatari mediators': walk back over 'X and', 'X,'
        for p in (dems[j] for j in range(k - 1, -1, -1)):
            if doc.text[p.end:chain[0].start - len(chain[0].prefix)].strip() in _JOINERS:
                chain.insert(0, p)
            else:
                break
    else:  # 'المصريين والقطريين': walk on over 'و', '،'
        for n in (dems[j] for j in range(k + 1, len(dems))):
            gap = doc.text[chain[-1].end:n.start - len(n.prefix)].strip()
            if gap in _JOINERS or (not gap and clitics().is_conjunction(n.prefix)):
                chain.append(n)
            else:
                break
    return [ActorSpan(c.start, c.end, c.idents("demonym")[0], "demonym", "state", c.prefix)
            for c in chain if c.idents("demonym")[0] in f.gaz.actors]


def _end(m: Match) -> int:
    return m.end


def _first_comma(text: str, start: int, end: int) -> int | None:
    """The position of the first comma in text[start:end], or None."""
    return min((i for i in (text.find(ch, start, end) for ch in COMMAS) if i != -1), default=None)


def _obligation_holder(f: Found, cue: Match, lo: int,
                       speech: Speech) -> tuple[list[ActorSpan], str | None, int]:
    """Who lays an obligation ('must', يجب على, باید) on another: the reporting verb's speaker,
    else the sentence's speaker, else its first actor that is not the one obliged."""
    doc = f.doc
    who = speech.by_sentence.get(doc.sentence_of(cue.start))
    reporter = reporter_of(f, cue, lo)
    if reporter is not None:
        return [reporter], None, doc.tokens_between(reporter.end, cue.start)
    if who is None:  # '…, insisting Iran must …': the sentence's subject, not the one obliged
        s0 = doc.sentences[doc.sentence_of(cue.start)][0]
        others = [a for a in f.actors_in(s0, cue.start) if a.end <= cue.start and usable(a)
                  and doc.tokens_between(a.end, cue.start) > 1
                  and not addressee(f, a) and not partner(f, a)]
        if others:
            return [others[0]], None, doc.tokens_between(others[0].end, cue.start)
    return [], who, 10


def _mediators_are_object(f: Found, cue: Match) -> bool:
    """A preposition right before the mediation noun: 'to the mediators', 'إلى الوسطاء'."""
    return any(c.has("medobj") for c in f.stance_ending(f.doc.reach_back(cue.start, 0), cue.start))


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
                 and doc.tokens_between(cue.end, a.start) <= _AGENT_TOKENS
                 and not _talks_between(f, cue.end, a)]
        if after:
            return _coordinated(f, after[0], pool, hi)
    if _mediators_are_object(f, cue) and not cue.has("sched"):  # 'از تعویق … خبر داد' is no object
        return []
    lang = next((p.lang for p in cue.payloads), "ar")
    if lang in ("ar", "fa"):  # verb first, or a noun with its genitive: 'محادثات تستضيفها مصر', 'وساطة عمان',
        # an adjective between ('الوساطة المشتركة لقطر', 'میانجیگری مشترک قطر'), but 'بين الطرفين
        # (إسرائيل وحماس)' names the parties in brackets
        # ... but 'میزبان مذاکرات ایران و آمریکا', 'استضافة محادثات إيران': the talks' parties
        next_to = [a for a in pool if a.start >= cue.end
                   and doc.tokens_between(cue.end, a.start) <= 1
                   and "(" not in doc.text[cue.end:a.start] and not _talks_between(f, cue.end, a)]
        if next_to:
            return _coordinated(f, next_to[0], pool, hi)
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


def _talks_between(f: Found, start: int, a: ActorSpan) -> bool:
    """A talks word between a mediation cue and the actor after it: the actor is a party of the talks
    ('میزبان مذاکرات ایران و آمریکا', 'باستضافة محادثات إيران'), not their host."""
    return any(t.has("topic") and t.idents("topic")[0] == "diplomacy" for t in f.topic_in(start, a.start))


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
    # 'Iran's Foreign Minister Abbas Araghchi insisted': a possessive only qualifies the subject
    while len(before) > 1 and possessive_mark(doc.text, before[0].end):
        before = before[1:]
    comma = max(doc.text.rfind(ch, before[0].end, cue.start) for ch in COMMAS)
    if comma == -1:
        return before[0]
    last_part = [a for a in before if a.start > comma]
    if not last_part:
        return before[0]
    # a list of actors ('Egypt, Qatar and Turkey') is one subject, not a fronted phrase
    gap = doc.text[before[0].end:last_part[0].start - len(last_part[0].prefix)]
    listed = gap.strip(" ,\u060c") in ("", "and", "\u0648")
    return before[0] if listed else last_part[0]
