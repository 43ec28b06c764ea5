"""Hedges that make a stance cue state no position: a question, uncertainty before the cue in its
clause ('unclear whether Iran will accept'), a condition the cue stands in ('… unless Iran resumes
the talks'), and a denial governing it ('Iran denied that it had agreed to …', '… را تکذیب کرد').
"""

from __future__ import annotations

from parley.extract.matcher import COMMAS, Match
from parley.extract.records import Found

_BACKGROUND_AFTER = 2  # 'وافقت إيران بموجبه': the subject between the verb and the marker
_DENY_TOKENS = 8  # 'denied reports that it had agreed to': the denial this close before the cue


def _denied(f: Found, cue: Match, hi: int) -> bool:
    """A denial (stances.yaml denials) governing the cue: before it in its sentence with no comma
    between ('Iran denied that it had agreed', 'نفت حماس أنها رفضت'), or (Persian, the verb last)
    after it in its clause ('… را تکذیب کرد')."""
    doc = f.doc
    s0 = doc.sentences[doc.sentence_of(cue.start)][0]
    if any(d.has("deny") and d.end <= cue.start and doc.tokens_between(d.end, cue.start) <= _DENY_TOKENS
           and not any(ch in doc.text[d.end:cue.start] for ch in COMMAS) for d in f.stance_in(s0, cue.start)):
        return True
    return doc.lang_at(cue.start) == "fa" and any(
        d.has("deny") and doc.tokens_between(cue.end, d.start) <= _DENY_TOKENS
        and not any(ch in doc.text[cue.end:d.start] for ch in COMMAS) for d in f.stance_in(cue.end, hi))


def uncertain(f: Found, cue: Match, lo: int, hi: int) -> bool:
    """A question, uncertainty before the cue in its clause ('unclear whether Iran will accept'), or
    a condition the cue stands in ('… unless Iran resumes the talks'), or a denial governing it."""
    doc = f.doc
    _, s1 = doc.sentences[doc.sentence_of(cue.start)]
    if doc.text[s1 - 1:s1 + 1].strip()[:1] in ("?", "\u061f"):
        return True
    # ... or history told in a relative clause ('the accord, under which Iran agreed to …')
    if any((u.has("uncertain") or u.has("background")) and u.end <= cue.start
           for u in f.stance_in(lo, cue.start)):
        return True
    if doc.lang_at(cue.start) == "ar" and any(  # 'الاتفاق الذي وافقت إيران بموجبه': the marker follows
            u.has("background") and doc.tokens_between(cue.end, u.start) <= _BACKGROUND_AFTER
            for u in f.stance_in(cue.end, hi)):
        return True
    if _denied(f, cue, hi):
        return True
    # inside a condition ('unless it resumes negotiations', 'إذا رفضت', 'اگر … نپذیرد'): a hypothesis
    return any(c.has("cond") and c.end <= cue.start
               and not any(ch in doc.text[c.end:cue.start] for ch in COMMAS)
               for c in f.stance_in(lo, cue.start))
