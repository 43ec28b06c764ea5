"""Actors in a clause that hold nothing there: the parties after 'between', a partner after
'with', a witness or a place ('in the presence of', 'at the White House'), the one told, the
nationality before 'mediators', one named in a reason; and judgements, whose holder is the speaker,
not what is judged. And the one frame that moves the holder after the verb: the English passive's
agent ('was rejected by Hamas').
"""

from __future__ import annotations

import re

from parley.extract.actors import ActorSpan, possessive_mark
from parley.extract.matcher import COMMAS, Match
from parley.extract.records import Found

_BETWEEN_TOKENS = 6  # 'between the Islamic Republic of Iran and the United States'
_BETWEEN_GAP = 1  # 'between the two', 'بين إيران و…': at most this many words besides the first party


def between(f: Found, a: ActorSpan) -> bool:
    """The actor follows 'between' (بين، میان), alone or as the second of the pair."""
    doc = f.doc
    start = a.start - len(a.prefix)
    for m in f.stance_ending(doc.reach_back(start, _BETWEEN_TOKENS), start):
        if m.has("between"):
            named = [b for b in f.actors_in(m.end, start) if b.end <= start]
            if len(named) <= 1 and doc.tokens_between(m.end, start) <= (1 if named else 0) + _BETWEEN_GAP:
                return True
            # 'between Presidents Putin and Zelensky': the second of the pair right after the first
            if len(named) == 1 and doc.tokens_between(m.end, named[0].start - len(named[0].prefix)) \
                    <= _BETWEEN_GAP and doc.text[named[0].end:start].strip() in _AND:
                return True
    return False


_AND = ("", "and", "\u0648", "&")  # Arabic glues its و to the name (the prefix); Persian writes it apart


_WITNESS_TOKENS = 2  # 'بحضور الرئيس الأمريكي ترامب': a title may stand between the marker and the name


def partner(f: Found, a: ActorSpan) -> bool:
    """The actor stands right after 'with' (مع، با): a partner of the talks, not a subject; or
    after a place or witness marker ('at the White House', 'در کاخ سفید', 'بحضور ترامب'), or is
    the target ('against Iran', 'علیه ایران')."""
    doc = f.doc
    start = a.start - len(a.prefix)
    for m in f.stance_ending(doc.reach_back(start, _WITNESS_TOKENS), start):
        gap = doc.tokens_between(m.end, start)
        if (m.has("with") or m.has("location") or m.has("against") or m.has("benefit")) and gap == 0:
            return True
        if m.has("witness") and gap <= _WITNESS_TOKENS:
            return True
    return False


def about(f: Found, a: ActorSpan) -> bool:
    """The actor stands right after 'about' (topics.yaml about_markers: 'talks on Ukraine', 'مذاکرات
    درباره اوکراین', 'محادثات بشأن أوكرانيا'): what something is about holds nothing."""
    doc = f.doc
    start = a.start - len(a.prefix)
    if possessive_mark(doc.text, a.end):  # 'regarding Hamas' continued refusal': Hamas refuses
        return False
    return any(m.has("about") and m.end <= start and doc.tokens_between(m.end, start) == 0
               for m in f.topic_in(doc.reach_back(start, 1), start))


def judgement(f: Found, cue: Match) -> bool:
    """A predicative judgement ('illegal', 'constructive', 'غير مبرر', 'نامسئولانه'): what it judges
    stands before it, so the one who passes it is the speaker, never an actor named in what is
    judged ('the Board's resolution is illegal', 'Kyiv's proposal was constructive')."""
    return cue.has("topic_before")


def addressee(f: Found, a: ActorSpan) -> bool:
    """The actor is the one told by a verb of telling (speech_verbs.yaml addressee_verbs): right
    after it in English ('told Washington'), after the verb's own subject in Arabic ('أخبر
    مسؤولون إسرائيليون واشنطن')."""
    doc = f.doc
    start = a.start - len(a.prefix)
    for v in f.speech_ending(doc.reach_back(start, 3), start):
        if not v.has("tell"):
            continue
        gap = doc.tokens_between(v.end, start)
        if next((p.lang for p in v.payloads), "ar") == "en":  # 'told the UN': an article between
            return gap == 0 or doc.text[v.end:start].strip().lower() == "the"
        return gap >= 1  # the subject (an actor or not) stands between
    return False


def names_mediators(f: Found, a: ActorSpan) -> bool:
    """English: the actor right before a mediation noun qualifies it ('US mediators')."""
    if f.doc.lang_at(a.start) != "en":
        return False
    return any(c.has("stance") and "mediates" in c.idents("stance")
               for c in f.stance_in(a.end, f.doc.reach(a.end, 0) + 1))


_REASON_TOKENS = 12  # 'با استناد به ادعاهای نقض تعهدات هسته‌ای از سوی ایران': a reason this long


def in_reason(f: Found, a: ActorSpan, lo: int) -> bool:
    """The actor is named inside a reason phrase that a comma closes, after the reason marker
    ('citing violations by Iran, the E3 …', 'با استناد به … از سوی ایران، …', 'بسبب مطالب حماس،')."""
    doc = f.doc
    start = a.start - len(a.prefix)
    s1 = doc.sentences[doc.sentence_of(a.start)][1]
    closed = any(ch in doc.text[a.end:s1] for ch in COMMAS)
    return closed and any(r.has("reason") and lo <= r.start
                          and not any(ch in doc.text[r.end:start] for ch in COMMAS)
                          for r in f.stance_ending(doc.reach_back(start, _REASON_TOKENS), start))


_BE = frozenset({"was", "were", "is", "are", "been", "be", "being"})
_BY = re.compile(r"\s+by\s+(?:the\s+)?")


def passive_by(f: Found, cue: Match) -> int | None:
    """English passive: a form of 'be' (and at most one adverb) before the cue and 'by' after it
    ('was rejected by Hamas', 'were strongly criticised by the Kremlin'): where the agent starts."""
    doc = f.doc
    if next((p.lang for p in cue.payloads), "ar") != "en":
        return None
    words = doc.text[max(0, cue.start - 40):cue.start].lower().split()[-2:]
    if not words or not (words[-1] in _BE or (len(words) > 1 and words[-2] in _BE)):
        return None
    m = _BY.match(doc.text, cue.end)
    return m.end() if m else None
