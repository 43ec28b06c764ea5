"""Quotes: marked speech («» "" “”), reported speech after speech verbs, embedded posts.

Who spoke (speech_verbs.yaml holds every word):
1. an actor in the slot between the verb and its clause (Arabic VSO: 'قال وزير الخارجية
   الإيراني عباس عراقجي إن …'), skipping an outlet spoken to ('لشبكة "فوكس نيوز"');
   an unnamed subject there ('مسؤول أمريكي') leaves the quote unattributed;
2. a sentence opening with a pronoun ('او افزود', 'He said') or an empty/anaphoric slot
   ('وأضاف:', 'وأضاف المسؤولون') continues the previous speaker;
3. a later verb in the same sentence ('… مؤكدًا أن') keeps the earlier verb's speaker;
4. otherwise the first actor before the verb in the sentence (SVO/SOV: 'روبیو … گفت');
5. 'according to X' (به گفته، وفقا لـ) makes X the speaker of the rest of the sentence.
A marked quote takes the speaker of the nearest speech verb before it in its sentence (or
right after it); scare quotes (under four words with no speech verb or colon just before,
or only a name) are skipped. English posts inside an Arabic or Persian article are quoted
from their author line ('— Secretary Marco Rubio (@SecRubio) February 5, 2026') or header
('-- Secretary of State Marco Rubio on Iran:').
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from parley.extract.actors import ActorSpan
from parley.extract.matcher import COMMAS, Match
from parley.extract.records import Found, Quote, ending_in

_PAIRS = {"«": "»", "“": "”"}
_MARK_CHARS = re.compile("[«»“”]")
_STRAIGHT = re.compile('"')
_SLOT_TOKENS = 20
_MIN_WORDS = 4
_SIGNATURE = re.compile(r"(?:^|\s)(?:—|–|--)\s*[^\n]*\(@\w+\)[^\n]*$")
_HEADER = re.compile(r"(?:—|–|--)\s*([^\n]*?):\s*$")
_URL = re.compile(r"\s*(?:https?://\S+|pic\.twitter\.com/\S+)")


@dataclass
class Speech:
    """Quote spans with speakers, and the speaker of each sentence, for the positions stage."""

    spans: list[tuple[int, int, str | None]] = field(default_factory=list)  # normalised spans
    by_sentence: dict[int, str] = field(default_factory=dict)
    _bounds: list[int] = field(default_factory=list, repr=False)  # every span's start and end, sorted
    _active: list[tuple[int, ...]] = field(default_factory=list, repr=False)  # spans open from each bound
    _indexed: int = field(default=-1, repr=False)  # how many spans the index covers

    def around(self, pos: int) -> list[tuple[int, int, str | None]]:
        """The spans holding ``pos`` (q0 <= pos < q1), in list order; by bisection over an index
        of the spans built once, not a scan of every quote for every cue."""
        if self._indexed != len(self.spans):
            self._index()
        i = bisect.bisect_right(self._bounds, pos) - 1
        return [self.spans[k] for k in self._active[i]] if i >= 0 else []

    def _index(self) -> None:
        opens: dict[int, list[int]] = {}
        closes: dict[int, list[int]] = {}
        for k, (q0, q1, _) in enumerate(self.spans):
            if q0 < q1:
                opens.setdefault(q0, []).append(k)
                closes.setdefault(q1, []).append(k)
        self._bounds = sorted(opens.keys() | closes.keys())
        active: set[int] = set()
        self._active = []
        for b in self._bounds:
            active.difference_update(closes.get(b, ()))
            active.update(opens.get(b, ()))
            self._active.append(tuple(sorted(active)))
        self._indexed = len(self.spans)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _marked(text: str) -> list[tuple[int, int, str]]:
    """(open, close, mark) of outermost quotation pairs in the normalised text."""
    out: list[tuple[int, int, str]] = []
    stack: list[tuple[int, str]] = []
    for m in _MARK_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stack.append((i, ch))
        elif stack and ch == _PAIRS[stack[-1][1]]:
            o, mark = stack.pop()
            if not stack:
                out.append((o, i, mark))
    taken = [(o, c) for o, c, _ in out]  # outermost pairs: apart, in text order
    opens = [o for o, _ in taken]

    def in_taken(p: int) -> bool:
        j = bisect.bisect_right(opens, p) - 1
        return j >= 0 and p <= taken[j][1]

    for line in re.finditer(r"[^\n]+", text):
        pos = [q.start() for q in _STRAIGHT.finditer(text, line.start(), line.end())]
        pos = [p for p in pos if not in_taken(p)]
        for a, b in zip(pos[0::2], pos[1::2], strict=False):
            out.append((a, b, '"'))
        if len(pos) % 2:  # '"We have no plans …,” he said': a straight mark closed by a curly one
            close = text.find("\u201d", pos[-1], line.end())
            if close != -1 and not in_taken(close) and "\u201c" not in text[pos[-1]:close]:
                out.append((pos[-1], close, '"'))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for o, c, mark in out:  # drop pairs nested inside a kept pair
        if kept and o < kept[-1][1]:
            continue
        kept.append((o, c, mark))
    return kept


class _Speakers:
    """Resolves the speaker of speech verbs, remembering the previous speaker."""

    def __init__(self, f: Found) -> None:
        self.f = f
        self.doc = f.doc
        self.last: str | None = None
        self.verb_speaker: dict[int, str | None] = {}
        self._verb_starts: list[int] = []  # the keys of verb_speaker, sorted

    def _addressee(self, a: ActorSpan) -> bool:
        text = self.doc.text
        cl = self.f.clitics
        if cl.is_dative(a.prefix):
            return True
        k = self.doc.token_index(a.start - 1)
        if a.kind != "media" or k < 0:
            return False
        t0, t1 = self.doc.tokens[k]
        word = text[t0:t1]
        return t1 <= a.start and cl.dative_word(word)

    def slot_speaker(self, s0: int, e0: int) -> tuple[str | None, str]:
        """Speaker named in [s0, e0) -> (actor, 'actor'), or (None, 'unnamed'|'anaphor'|'empty')."""
        cands = [a for a in self.f.actors_in(s0, e0) if a.end <= e0 and not self._addressee(a)]
        persons = [a for a in cands if a.kind == "person"]
        others = [a for a in cands if a.kind != "media"]
        for group in (persons, others, cands):
            if group:
                return group[0].actor_id, "actor"
        for c in self.f.speech_in(s0, e0):
            if c.end <= e0:
                if c.has("anaphor"):
                    return None, "anaphor"
                if c.has("unnamed"):
                    return None, "anaphor" if self.f.clitics.definite(c.prefix) else "unnamed"
        return None, "empty" if _words(self.doc.text[s0:e0]) <= 2 else "unnamed"

    def speaker(self, verb: Match, slot_end: int) -> str | None:
        """The speaker of ``verb`` whose clause starts at ``slot_end``."""
        doc = self.doc
        si = doc.sentence_of(verb.start)
        s0, _ = doc.sentences[si]
        if self._subject_first(verb, s0):
            subject = self._subject(verb, s0)
            if subject is not None:
                return self._keep(verb, subject)
        who, how = self.slot_speaker(verb.end, slot_end)
        if how == "actor":
            return self._keep(verb, who)
        if how == "unnamed":
            return self._keep(verb, None)
        first = doc.words(s0, verb.start, 2)
        opens_with_pronoun = any(
            c.has("anaphor") for c in self.f.speech_in(first[0][0], first[0][0] + 1)
        ) if first else False
        if opens_with_pronoun:
            return self._keep(verb, self.last)
        k = bisect.bisect_left(self._verb_starts, verb.start) - 1  # the last verb before, in the sentence
        if k >= 0 and self._verb_starts[k] >= s0:
            return self._keep(verb, self.verb_speaker[self._verb_starts[k]])
        before = [a for a in self.f.actors_in(s0, verb.start) if a.end <= verb.start
                  and a.kind != "media" and not self._addressee(a)]
        if before:
            persons = [a for a in before if a.kind == "person"]
            return self._keep(verb, (persons or before)[0].actor_id)
        return self._keep(verb, self.last)

    def _subject_first(self, verb: Match, s0: int) -> bool:
        """English names its speaker before the verb ('Witkoff said Iran must', '…, insisting Iran
        must'), except in an inverted attribution right after a quote ('“…,” said Witkoff')."""
        if next((p.lang for p in verb.payloads), "ar") != "en":
            return False
        before = self.doc.text[s0:verb.start].rstrip()
        return not before.endswith(("\"", "”", "’", "',", "\",", "”,", "’,"))

    def _subject(self, verb: Match, s0: int) -> str | None:
        """The first person (else actor) named before ``verb`` in its sentence, not an addressee."""
        before = [a for a in self.f.actors_in(s0, verb.start) if a.end <= verb.start
                  and a.kind != "media" and not self._addressee(a)]
        persons = [a for a in before if a.kind == "person"]
        return (persons or before)[0].actor_id if before else None

    def _keep(self, verb: Match, who: str | None) -> str | None:
        if verb.start not in self.verb_speaker:
            bisect.insort(self._verb_starts, verb.start)
        self.verb_speaker[verb.start] = who
        if who is not None:
            self.last = who
        return who


def _post_blocks(f: Found) -> list[tuple[int, int, str | None, int, int]]:
    """English posts inside an Arabic/Persian article: (start, end, speaker, text start, text end)."""
    art = f.doc.article
    if art.lang == "en" or not art.segments:
        return []
    blocks: list[list[int]] = []
    for seg in art.segments:
        if seg.lang == "en" and _words(seg.text) >= 3:
            if blocks and blocks[-1][-1] == seg.idx - 1:
                blocks[-1].append(seg.idx)
            else:
                blocks.append([seg.idx])
    by_idx = {s.idx: s for s in art.segments}
    out = []
    norm = f.doc.norm
    starts = norm.offsets
    for b in blocks:
        segs = [by_idx[i] for i in b]
        speaker: str | None = None
        body: list[tuple[int, int]] = []
        for seg in segs:
            head = _HEADER.search(seg.text)
            sig = _SIGNATURE.search(seg.text)
            author_span = None
            if head and not sig:
                author_span = (seg.start + head.start(), seg.end)
            elif sig:
                author_span = (seg.start + sig.start(), seg.end)
                if sig.start() > 0:
                    body.append((seg.start, seg.start + sig.start()))
            else:
                body.append((seg.start, seg.end))
            if author_span is not None:
                who = _actor_in(f, starts, author_span)
                if who is not None and (speaker is None or head):
                    speaker = who if head or speaker is None else speaker
        if not body or (speaker is None and not any(_SIGNATURE.search(s.text) for s in segs)):
            continue
        t0, t1 = body[0][0], body[-1][1]
        raw = art.text[t0:t1]
        trimmed = _URL.sub("", raw).rstrip()
        out.append((segs[0].start, segs[-1].end, speaker, t0, t0 + len(trimmed)))
    return out


def _actor_in(f: Found, offsets: tuple[int, ...], span: tuple[int, int]) -> str | None:
    n0 = bisect.bisect_left(offsets, span[0])
    n1 = bisect.bisect_left(offsets, span[1])
    found = [a for a in f.actors_in(n0, n1) if a.end <= n1 and a.kind == "person"]
    return found[0].actor_id if found else None


_DASH_BEFORE = re.compile(r"\s[-\u2013\u2014]\s*$")  # ' - ' before the attribution
_END_AFTER = re.compile(r"[\s.!?\u2019\u201d\"']*$")


def _trailing_attribution(f: Found, v: Match, s0: int, s1: int) -> tuple[str, int] | None:
    """English speech set off by a dash and attributed at its end ('… - said Medinsky.', '… -
    Umerov said.'): (speaker, end of the speech), or None."""
    doc = f.doc
    text = doc.text
    after = [a for a in f.actors_in(v.end, s1) if a.end <= s1 and a.kind == "person"]
    if after and _END_AFTER.fullmatch(text, after[0].end, s1) and not text[v.end:after[0].start].strip():
        dash = _DASH_BEFORE.search(text, s0, v.start)
        if dash is not None and _END_AFTER.fullmatch(text, after[0].end, s1):
            return after[0].actor_id, dash.start()
    before = [a for a in f.actors_in(s0, v.start) if a.end <= v.start and a.kind == "person"]
    if before and _END_AFTER.fullmatch(text, v.end, s1) and not text[before[-1].end:v.start].strip():
        b = before[-1]
        dash = _DASH_BEFORE.search(text, s0, b.start - len(b.prefix))
        if dash is not None:
            return b.actor_id, dash.start()
    return None


def find_quotes(f: Found) -> tuple[list[Quote], Speech]:
    """Quote rows of one article, and who speaks where (for positions)."""
    doc = f.doc
    text = doc.text
    art = doc.article
    sp = _Speakers(f)
    speech = Speech()
    quotes: list[tuple[int, int, str | None, str]] = []  # normalised content span, speaker, cue
    posts = _post_blocks(f)
    post_spans = []
    for b0, b1, who, t0, t1 in posts:
        n0 = bisect.bisect_left(doc.norm.offsets, b0)
        n1 = bisect.bisect_left(doc.norm.offsets, b1)
        post_spans.append((n0, n1))
        c0 = bisect.bisect_left(doc.norm.offsets, t0)
        c1 = bisect.bisect_left(doc.norm.offsets, t1)
        quotes.append((c0, c1, who, "post"))

    post_starts = [a for a, _ in post_spans]  # the posts are apart, in text order

    def in_post(pos: int) -> bool:
        j = bisect.bisect_right(post_starts, pos) - 1
        return j >= 0 and pos < post_spans[j][1]

    verbs = [m for m in f.speech if (m.has("verb") or m.has("participle")) and not in_post(m.start)]
    verb_starts = [v.start for v in verbs]
    marks = [(o, c, mk) for o, c, mk in _marked(text) if not in_post(o)]
    kept_marks: list[tuple[int, int, str]] = []
    for o, c, mk in marks:
        content = text[o + 1:c]
        if not content.strip():
            continue
        covered = sum(a.end - a.start for a in f.actors_in(o + 1, c) if a.end <= c)
        if covered >= len(content.strip()) - 2:
            continue  # only a name: "أكسيوس"
        near_verb = any(doc.sentence_of(v.start) == doc.sentence_of(o)  # ending at most 3 words before
                        for v in ending_in(verbs, doc.reach_back(o, 3), o))
        colon = text[max(0, o - 3):o].strip().endswith(":")
        if _words(content) >= _MIN_WORDS or ((near_verb or colon) and _words(content) >= 3):
            kept_marks.append((o, c, mk))

    mark_opens = [o for o, _, _ in kept_marks]  # kept marks are apart, in text order

    def inside_mark(pos: int) -> bool:
        j = bisect.bisect_left(mark_opens, pos) - 1
        return j >= 0 and pos < kept_marks[j][1]

    def mark_opens_in(lo: int, hi: int) -> bool:
        j = bisect.bisect_left(mark_opens, lo)
        return j < len(mark_opens) and mark_opens[j] < hi

    # Attribution phrases: 'به گفته وزیر خارجه آمریکا، …'
    for m in f.speech:
        if not m.has("according") or in_post(m.start) or inside_mark(m.start):
            continue
        after = f.actors_in(m.end, doc.reach(m.end, 1) + 1)  # at most a word after it
        if not after:
            continue
        a = after[0]
        si = doc.sentence_of(m.start)
        _, s1 = doc.sentences[si]
        c0 = a.end
        comma = min((i for i in (text.find(ch, a.end, s1) for ch in COMMAS) if i != -1), default=None)
        if comma is not None and doc.tokens_between(a.end, comma) <= 3:
            c0 = comma  # 'بحسب موقع "أكسيوس" الأمريكي، فإن …': the words after the comma
        while c0 < s1 and (text[c0].isspace() or text[c0] in COMMAS + "\"«»“”"):
            c0 += 1
        if _words(text[c0:s1]) >= 3 and not mark_opens_in(c0, s1):
            quotes.append((c0, s1, a.actor_id, doc.orig_text(m.start, m.end)))
            sp.last = a.actor_id
            speech.by_sentence[si] = a.actor_id

    verb_clause: dict[int, int] = {}
    for i, v in enumerate(verbs):
        if inside_mark(v.start):
            continue
        si = doc.sentence_of(v.start)
        s0, s1 = doc.sentences[si]
        limit = s1  # the next verb of the sentence outside a quote
        for w in verbs[i + 1:bisect.bisect_left(verb_starts, s1, lo=i + 1)]:
            if not inside_mark(w.start):
                limit = w.start
                break
        lang = next((p.lang for p in v.payloads), "ar")
        clause_start: int | None = None
        toks = doc.words(v.end, limit, _SLOT_TOKENS)
        window_end = toks[-1][1] if toks else v.end
        if lang == "fa" and toks:
            # Persian puts the subject before the verb: what follows is the clause itself
            window_end = toks[0][1]
        colon_at = text.find(":", v.end, window_end + 1)
        comp = next((c for c in f.speech_in(v.end, window_end) if c.has("comp")), None)
        j = bisect.bisect_left(mark_opens, v.end)
        if comp is not None and j < len(mark_opens) and mark_opens[j] < comp.start:
            comp = None  # 'وقال "… إن …"': the quote right after the verb is its clause, not a 'that' in it
        if colon_at != -1 and (comp is None or colon_at < comp.start):
            clause_start = colon_at + 1
        elif comp is not None:
            clause_start = comp.end
        elif lang == "fa" and toks:
            clause_start = v.end
        if clause_start is None:
            j = bisect.bisect_left(mark_opens, v.end)
            if j < len(mark_opens) and mark_opens[j] < window_end + 1:
                sp.speaker(v, mark_opens[j])  # 'قال ترامب للصحفيين … "آمل …"': the quote is the clause
            elif lang == "en" and not inside_mark(v.start):
                tail = _trailing_attribution(f, v, s0, s1)
                if tail is not None:  # '… ready to continue contacts - said Medinsky.'
                    who, c1 = tail
                    line0 = text.rfind("\n", 0, s0) + 1  # the attribution closes its paragraph
                    quotes.append((line0, c1, who, doc.orig_text(v.start, v.end)))
                    for k in range(doc.sentence_of(line0), si + 1):
                        speech.by_sentence.setdefault(k, who)
                    sp.last = who
            continue
        slot_end = comp.start if comp is not None and clause_start == comp.end else (
            colon_at if colon_at != -1 and clause_start == colon_at + 1 else v.end)
        who = sp.speaker(v, slot_end)
        speech.by_sentence.setdefault(si, who) if who else None
        verb_clause[v.start] = clause_start
        c0 = clause_start
        while c0 < limit and (text[c0].isspace() or text[c0] in COMMAS):
            c0 += 1
        c1 = limit
        while c1 > c0 and (text[c1 - 1].isspace() or text[c1 - 1] in COMMAS + ".;\u061b"):
            c1 -= 1
        # a marked quote starting the clause, or inside it, is the quote itself
        if mark_opens_in(c0 - 1, c1) or inside_mark(c0) or mark_opens_in(v.end, c0):
            continue
        if _words(text[c0:c1]) >= 3:
            quotes.append((c0, c1, who, doc.orig_text(v.start, v.end)))

    for o, c, mk in kept_marks:
        si = doc.sentence_of(o)
        s0, s1 = doc.sentences[si]
        lo, hi = bisect.bisect_left(verb_starts, s0), bisect.bisect_left(verb_starts, o)
        before = [v for v in verbs[lo:hi] if v.end <= o and v.start in sp.verb_speaker]
        # the verb at most 4 words on, or right after a speaker named there ('“…,” foreign ministry
        # spokesperson Esmaeil Baghaei told …')
        reach = doc.reach(c, 4) + 1
        named = next((a for a in f.actors_in(c, reach) if a.kind == "person"), None)
        if named is not None:  # Persian may put the one told before its verb ('به خبرنگاران گفت')
            reach = max(reach, doc.reach(named.end, 2 if doc.lang_at(c) == "fa" else 0) + 1)
        later = verbs[bisect.bisect_right(verb_starts, c):bisect.bisect_left(verb_starts, min(s1, reach))]
        who = None
        cue = mk + _PAIRS.get(mk, mk)
        if before:
            who = sp.verb_speaker[before[-1].start]
        elif later:
            who = sp.speaker(later[0], later[0].end)
        quotes.append((o + 1, c, who, cue))
        if who:
            speech.by_sentence.setdefault(si, who)

    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for c0, c1, who, cue in sorted(quotes):
        o0, o1 = doc.orig_span(c0, c1)
        if (o0, o1) in seen or o1 <= o0:
            continue
        seen.add((o0, o1))
        seg = doc.segment_idx(c0)
        lang = art.segments[seg].lang if art.segments and seg < len(art.segments) else art.lang
        out.append(Quote(seg, who, lang, art.text[o0:o1], o0, o1, cue))
        speech.spans.append((c0, c1, who))
    return out, speech
