"""Who a clause's speaker or subject is when the clause does not name it: the reporting verb's
speaker ('Iran said …', 'قال عراقجي'), the last sentence's subject, the last person a pronoun
refers to ('او … تأکید کرد', 'وشدد على …'), the speaker of a statement's next sentence.
"""

from __future__ import annotations

from parley.extract.actors import ActorSpan
from parley.extract.matcher import Match, clitics
from parley.extract.quotes import Speech
from parley.extract.records import Found


def usable(a: ActorSpan) -> bool:
    """An actor that can hold a position: no medium, none after a dative or locative clitic (لـ، بـ)."""
    if not a.prefix:  # most actors: no clitic, so neither dative nor locative (no table look-up)
        return a.kind != "media"
    cl = clitics()
    return a.kind != "media" and not cl.is_dative(a.prefix) and not cl.is_locative(a.prefix)


def previous_subject(f: Found, s0: int) -> ActorSpan | None:
    """The first actor of the sentence before the one starting at ``s0`` (what 'he'/'وی' refers to)."""
    si = f.doc.sentence_of(s0)
    if si == 0:
        return None
    p0, p1 = f.doc.sentences[si - 1]
    prev = [a for a in f.actors_in(p0, p1) if a.end <= p1 and usable(a)]
    return prev[0] if prev else None


def no_subject(f: Found, verb: Match) -> bool:
    """An Arabic verb with its 'that' or a preposition right after it ('وشدد على', 'وأكد أن'): no
    subject named between ('وذكرت وسائل الإعلام أن' names one)."""
    nxt = f.doc.reach(verb.end, 0) + 1
    return any(c.has("comp") for c in f.speech_in(verb.end, nxt)) \
        or any(c.has("medobj") for c in f.stance_in(verb.end, nxt))


_SPEAKER_SENTENCES = 2  # a judgement with no verb of its own is the speaker's of this many sentences back


_SUBJECT_TOKENS = 3  # 'بدورها، اتهمت أوكرانيا …': an actor this close to the sentence start is its subject


def recent_speaker(f: Found, cue: Match, speech: Speech, pool: list[ActorSpan]) -> str | None:
    """The speaker (not a medium) of the cue's sentence, or of one of the two sentences before it,
    when the sentence names no subject of its own near its start."""
    doc = f.doc
    si = doc.sentence_of(cue.start)
    s0 = doc.sentences[si][0]
    if any(s0 <= a.start < cue.start and doc.tokens_between(s0, a.start) <= _SUBJECT_TOKENS for a in pool):
        return None
    for k in range(si, max(-1, si - 1 - _SPEAKER_SENTENCES), -1):
        who = speech.by_sentence.get(k)
        if who is not None:
            actor = f.gaz.actors.get(who)
            return None if actor is not None and actor.kind == "media" else who
    return None


_ANTECEDENT_SENTENCES = 6  # 'او' refers to a person named at most this many sentences (or headings) back


def antecedent(f: Found, s0: int) -> ActorSpan | None:
    """The person a pronoun opening the sentence at ``s0`` refers to: the first person of the
    nearest earlier sentence that names one (a title the gazetteer cannot resolve names none)."""
    si = f.doc.sentence_of(s0)
    for k in range(si - 1, max(-1, si - 1 - _ANTECEDENT_SENTENCES), -1):
        p0, p1 = f.doc.sentences[k]
        people = [a for a in f.actors_in(p0, p1) if a.end <= p1 and a.kind == "person" and usable(a)]
        if people:
            return people[0]
    return None


_CLAUSE_END = (",", ".", ";", "")
_REPORTER_TOKENS = 4  # 'Iran's foreign minister Abbas Araghchi said': the speaker this close before the verb


def chain_first(actors: list[ActorSpan]) -> ActorSpan:
    """The first person among ``actors`` (a sentence's subject), else the first actor."""
    persons = [a for a in actors if a.kind == "person"]
    return (persons or actors)[0]


def reporter_of(f: Found, cue: Match, lo: int) -> ActorSpan | None:
    """The speaker of the speech verb that opens the cue's clause: the actor right before it
    ('Iran said'), or right after it (verb first: 'قال عراقجي', 'said Araghchi'); media are
    sources, not holders."""
    doc = f.doc
    s0, _ = doc.sentences[doc.sentence_of(cue.start)]
    verbs = [v for v in f.speech_in(s0, cue.start) if (v.has("verb") or v.has("participle"))
             and v.end <= cue.start and lo <= v.end]
    if not verbs:
        return None
    v = verbs[-1]
    before = [a for a in f.actors_in(s0, v.start) if a.end <= v.start and usable(a)
              and doc.tokens_between(a.end, v.start) <= _REPORTER_TOKENS]
    if before:
        return before[-1]
    named = [a for a in f.actors_in(s0, v.start) if a.end <= v.start and usable(a)]
    if any(p.has("anaphor") for p in f.speech_ending(doc.reach_back(v.start, 1), v.start)):
        # 'وی تأکید کرد', 'He added': the last sentence's subject; but 'Witkoff …, days later,
        # insisting' has its own subject before the verb
        return chain_first(named) if named else previous_subject(f, s0)
    lang = next((p.lang for p in v.payloads), "ar")
    after = [a for a in f.actors_in(v.end, min(cue.start, doc.reach(v.end, 1) + 1)) if usable(a)]
    # verb first: 'قال عراقجي' (not the subject of 'that …', nor in Persian, whose verb comes last)
    # English inverts only at a clause's end ('…, said Araghchi.'): 'said Iran must …' is reported
    if after and lang == "en" and doc.text[after[0].end:after[0].end + 2].strip()[:1] not in _CLAUSE_END:
        after = []
    if after and lang != "fa" and not any(c.has("comp") for c in f.speech_in(v.end, after[0].start)):
        return after[0]
    if v.has("participle"):  # '…، مؤكدًا أنّ …', '…, stressing that …': the sentence's subject speaks
        subject = [a for a in f.actors_in(s0, v.start) if a.end <= v.start and usable(a)]
        if subject:
            return subject[0]
    return None
