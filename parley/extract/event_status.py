"""An event's status (happened / planned / background / called off) from the markers around its
word and its date against the article's, and which dates and speech verbs belong to it: the
parts of parley.extract.events that read tense and time rather than who and where."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from parley.extract.matcher import COMMAS, Doc, Match
from parley.extract.records import Found, older_than_report
from parley.text.date_grammar import default_date_grammar
from parley.text.normalize import normalize

_SAID_WORDS = 9  # words between a speech verb and the date of the saying ('قال المبعوث … برّاك الثلاثاء')
_SAID_BEFORE = 3  # … and between a date and the speech verb after it ('On Friday Araghchi said')
_SAID_WORDS_FA = 15  # a Persian verb ends its clause: 'ترامپ عصر جمعه … در مراسم امضای توافق گفت'


def says_when(f: Found, lang: str, d0: int, d1: int, c0: int, c1: int, s0: int) -> bool:
    """The date [d0, d1) dates the speech verb [c0, c1) (original offsets): after it, close, with no
    'that' or future between ('said on Friday', 'قال عراقجي الأحد'), before it in its clause ('بقائی روز
    دوشنبه گفت'), or opening the sentence ('On Friday, Araghchi said'); not 'the two sides will meet on
    Friday, Araghchi said', nor 'said talks would resume next week'."""
    text = f.doc.article.text
    g = default_date_grammar()
    if c1 <= d0:
        gap = text[c1:d0]
        folded = normalize(gap).text
        return len(gap.split()) <= _SAID_WORDS and not g.tense_stop.search(folded) \
            and not g.future.search(folded)
    gap = text[d1:c0]
    limit = _SAID_WORDS_FA if lang == "fa" else _SAID_BEFORE
    if len(gap.split()) <= limit and not any(ch in gap for ch in COMMAS):
        return True
    return len(text[s0:d0].split()) <= 2


def rest_before(cues: list[Match], k: int, end: int) -> Iterator[Match]:
    """The cues after the k-th (in text order) that start before ``end``: a walk that stops at
    ``end`` (a slice to the list's end made every sentence of a long article cost the whole rest)."""
    for j in range(k + 1, len(cues)):
        if cues[j].start >= end:
            return
        yield cues[j]


def ahead_in(text: str) -> bool:
    """The words hold a future marker ('will', 'سوف', 'خواهد'): what they report is ahead."""
    return default_date_grammar().future.search(normalize(text).text) is not None


_TOLD_TOKENS = 3  # 'said it would', 'announced on Monday that they would'


def after_speech(f: Found, h: Match, lo_bound: int = 0) -> bool:
    """A speech verb (or its 'that') ends at most a few words before the marker (and not before
    ``lo_bound``, a sentence start)."""
    lo = max(lo_bound, f.doc.reach_back(h.start, _TOLD_TOKENS + 1))
    return any((c.has("verb") or c.has("comp")) and c.end <= h.start
               and f.doc.tokens_between(c.end, h.start) <= _TOLD_TOKENS for c in f.speech_in(lo, h.start))


_SAME_TALKS_TOKENS = 3  # 'الجولة الثالثة من المحادثات': one happening named twice
_SINCE_STOPS = (".", ",", "،", "؛", ";", ":", "!", "?", "؟")
SINCE_TOKENS = 5  # a since-phrase: 'since taking office last week', 'از زمان آغاز به کار در ماه گذشته'
_CANCEL_TOKENS = 10  # a postponement marker this close to the event word is the event's
STATEMENTS = ("announcement", "speech")


def _beside(doc: Doc, m: Match, cue: Match) -> bool:
    """The marker qualifies the event word: English before it, at most one word between ('the previous
    two rounds'); Arabic and Persian right after it, or before a talks noun ('الجولة السابقة من
    المحادثات', 'دور قبلی مذاکرات'), not before a verb ('خلال الأيام الماضية التقى')."""
    if m.end <= cue.start:
        return (doc.lang_at(m.start) == "en" or cue.has("needs_date")) \
            and doc.tokens_between(m.end, cue.start) <= 1
    return m.start >= cue.end and doc.lang_at(m.start) != "en" and doc.tokens_between(cue.end, m.start) == 0


def earlier_one(f: Found, cue: Match) -> bool:
    """The event word names an earlier one, which may be a second of its kind in a sentence: a prior
    marker beside it ('talks resumed in Geneva, where the previous round was held in March',
    'الجولة السابقة', 'دور قبلی')."""
    doc = f.doc
    near = f.event_in(doc.reach_back(cue.start, 3), doc.reach(cue.end, 1) + 1)  # ('previous round of')
    return any(m.has("prior") and _beside(doc, m, cue) for m in near)


def since_span(doc: Doc, end: int) -> tuple[int, int]:
    """What a 'since' ending at ``end`` names: a few words, up to a stop or a comma."""
    hi = doc.reach(end, SINCE_TOKENS)
    stops = [i for i in (doc.text.find(ch, end, hi) for ch in _SINCE_STOPS) if i != -1]
    return end, min(stops, default=hi)


def event_status(f: Found, cue: Match, kind: str, s0: int, s1: int, date: dt.date | None,
                 precision: str, *, dated_here: bool = False) -> str:
    """happened / planned / background / called_off, from the markers of the cue's clause
    [s0, s1) and the date against the article's."""
    doc = f.doc
    # what a 'since' names is when a state began, not a mark of the event ('the first trip since
    # taking office last week')
    since = [since_span(doc, c.end) for c in f.event_in(s0, s1) if c.has("since")]

    def gap(m: Match, c: Match = cue) -> int:  # words between a marker and an event word
        if m.end <= c.start:
            return doc.tokens_between(m.end, c.start)
        return doc.tokens_between(c.end, m.start) if m.start >= c.end else 0

    # a mark after the event word and nearer another one is that one's: 'the talks were
    # constructive, and a third round is expected', 'met Trump, who urged him to attend a summit set
    # for October'; one before it may govern a verb further on ('قرار است … در این سفر … دیدار کند')
    def anothers(m: Match, lo: int, hi: int) -> bool:  # (a talks word a few words on is this one:
        return m.start >= cue.end and any(  # 'the third round of talks, which will be held')
            (gap(m, c) < gap(m) or c is m) for c in f.event_in(lo, hi)  # a mark that is an event word
            if c is not cue and c.idents("event") and (c.end <= m.start or m.end <= c.start or c is m)
            and not (c.idents("event")[0] == kind and gap(c) <= _SAME_TALKS_TOKENS))  # is its own

    markers = {label for m in f.event_in(s0, s1) if not any(a <= m.start <= b for a, b in since)
               and not anothers(m, s0, s1) for label in ("planned", "background") if m.has(label)}
    # the pluperfect: 'had met', 'کرده بودند', 'وكان … التقيا'; not reported speech's tense ('said
    # they had met'), nor a day its sentence names within the week ('وكان … قد زار طهران أمس')
    t0 = doc.sentences[doc.sentence_of(cue.start)][0]
    recent = dated_here and date is not None and not older(f, date, precision)
    if not recent and any(m.has("pluperfect") and not after_speech(f, m, t0) for m in f.event_in(s0, s1)
                          if not any(a <= m.start <= b for a, b in since) and not anothers(m, s0, s1)):
        markers.add("background")
    if cue.has("recap"):
        markers.add("background")  # 'four rounds of negotiations': a recap of earlier talks
    if any(m.has("prior") and _beside(doc, m, cue) for m in f.event_in(s0, s1)):
        markers.add("background")  # 'the previous round of talks', 'الجولة السابقة', 'مذاکرات قبلی'
    # a postponement or cancellation is the happening's when it is said close to it: 'the round
    # was postponed', not 'a resolution at a closed meeting…, while Tehran announced it cancelled …'

    # a statement that something was cancelled was itself made ('Tehran announced it cancelled …')
    if kind not in STATEMENTS and any(m.has("called_off") and gap(m) <= _CANCEL_TOKENS
                                       for m in f.event_in(s0, s1)):
        return "called_off"
    t0, t1 = doc.sentences[doc.sentence_of(cue.start)]
    in_sentence = f.event_in(t0, t1)
    # 'was supposed to be held on 15 June, but …': a plan that did not come about
    if kind not in STATEMENTS and any(m.has("unrealized") and gap(m) <= _CANCEL_TOKENS for m in in_sentence):
        return "called_off"
    # after it anywhere in its sentence, or before it in its clause ('تبدأ اليوم جولة')
    if kind == "meeting" and any(m.has("scheduled") and not cue.start <= m.start < cue.end
                                 and (m.start >= cue.end or m.start >= s0) and not anothers(m, t0, t1)
                                 for m in in_sentence):
        markers.add("planned")  # 'the fifth round, in Rome, will be held on Friday'
    ref = f.doc.article.published
    # a day, or the start of a week or month, after the article's date ('next week') is a plan
    later = date is not None and ref.date is not None and date > ref.date
    if "planned" in markers or later:
        return "planned"
    return "background" if "background" in markers or older(f, date, precision) else "happened"


def older(f: Found, date: dt.date | None, precision: str) -> bool:
    """Dated a week or more before its article (records.older_than_report)."""
    return older_than_report(date, precision, f.doc.article.published.date)
