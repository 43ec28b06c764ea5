"""Unknown names: person names the gazetteer lacks, kept for review (never dropped).

Signs (name_signs.yaml, speech_verbs.yaml):
- title: after a title word (وزير، المتحدث باسم، الفريق، سخنگوی, minister) and the words
  that continue the title (الخارجية، الأمريكي, of state), the next 2-3 words that are not
  function words, titles or known names ('المتحدث باسم البيت الأبيض أليكس فايفر');
- speech_verb: the 2-3 unknown words between a speech verb and its 'that' (VSO: 'قال جون
  سميث إن');
- capitalised: 2-3 Capitalised English words not in the gazetteer ('Juan Carlos').
"""

from __future__ import annotations

import bisect
import re

from parley.extract.records import Candidate, Found

# two or three capitalised words ('\b[A-Z]…' written to open with the letter's class, the word
# start tested after it: the regex engine then skips to the next capital, not every position)
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:[ \t]+[A-Z][a-z]+){1,2}\b")
_MAX = 3


class _Cover:
    """Which characters some span covers, so that 'does [s, e) overlap a span?' costs the
    length of [s, e), not the number of spans (asked for every word, that grew as the square
    of the article)."""

    def __init__(self, spans: list[tuple[int, int]], size: int) -> None:
        self.spans = spans
        self.any = bytearray(size + 1)  # a span covers this character
        self.inner = bytearray(size + 1)  # ... and the one before it: an empty [s, s) lies inside
        for a, b in spans:
            self.any[a:b] = b"\x01" * (b - a)
            if b - a > 1:
                self.inner[a + 1:b] = b"\x01" * (b - a - 1)

    def hits(self, s: int, e: int) -> bool:
        """Whether some span [a, b) has a < e and s < b."""
        if s < e:
            return self.any.find(1, s, e) != -1
        if s == e:
            return 0 <= s < len(self.inner) and self.inner[s] == 1
        return any(a < e and s < b for a, b in self.spans)


def find_candidates(f: Found) -> list[Candidate]:
    """Candidate rows of one article."""
    doc = f.doc
    text = doc.text
    art = doc.article
    size = len(text)
    known = _Cover([(m.start, m.end) for m in f.gaz_matches] + [(a.start, a.end) for a in f.actors], size)
    persons = _Cover([(a.start, a.end) for a in f.actors if a.kind == "person"], size)
    title_words = _Cover([(m.start, m.end) for m in f.names if m.has("title_word") or m.has("title")], size)
    stops = _Cover([(m.start, m.end) for m in f.names if m.has("stop")]
                   + [(m.start, m.end) for m in f.speech], size)
    out: list[Candidate] = []
    seen: set[str] = set()

    def emit(s: int, e: int, sign: str) -> None:
        o0, o1 = doc.orig_span(s, e)
        key = text[s:e]
        if key in seen:
            return
        seen.add(key)
        si = doc.sentence_of(s)
        e0, e1 = doc.orig_span(*doc.sentences[si])
        out.append(Candidate(doc.segment_idx(s), art.text[o0:o1], key, sign, o0, o1, art.text[e0:e1]))

    def take(start: int, limit: int) -> tuple[int, int] | None:
        """Up to _MAX name words from ``start``; None if a known name or nothing follows."""
        words = doc.words(start, limit)
        got: list[tuple[int, int]] = []
        for t0, t1 in words:
            if got and text[got[-1][1]:t0].strip():
                break  # punctuation ends a name
            if persons.hits(t0, t1):
                return None
            if not got and (title_words.hits(t0, t1) or known.hits(t0, t1)
                            or (f.clitics.definite(text[t0:t1]) and len(text[t0:t1]) > 3)):
                continue  # still the title: 'المتحدث باسم الخارجية العمانية …'
            if not got and stops.hits(t0, t1):
                return None
            if stops.hits(t0, t1) or known.hits(t0, t1) or title_words.hits(t0, t1) \
                    or not text[t0:t1].isalpha():
                break
            got.append((t0, t1))
            if len(got) == _MAX:
                break
        if len(got) < 2:
            return None
        return got[0][0], got[-1][1]

    for m in f.names:
        if not m.has("title"):
            continue
        s1 = doc.sentences[doc.sentence_of(m.start)][1]
        span = take(m.end, min(s1, m.end + 80))
        if span is not None:
            emit(span[0], span[1], "title")
    for v in f.speech:
        if not v.has("verb"):
            continue
        # the first 'that' within _MAX words after the verb
        comp = next((c for c in f.speech_in(v.end, doc.reach(v.end, _MAX) + 1) if c.has("comp")), None)
        if comp is None or known.hits(v.end, comp.start):
            continue
        span = take(v.end, comp.start)
        if span is not None and span[1] >= comp.start - 1:
            emit(span[0], span[1], "speech_verb")
    for mm in _CAPS.finditer(art.text):
        words = mm.group().split()
        while words and words[0] in f.cues.not_names_en:
            words = words[1:]
        while words and words[-1] in f.cues.not_names_en:
            words = words[:-1]
        if len(words) < 2 or any(w in f.cues.not_names_en for w in words):
            continue
        o0 = art.text.index(words[0], mm.start())
        o1 = art.text.index(words[-1], o0) + len(words[-1])
        n0 = bisect.bisect_left(doc.norm.offsets, o0)
        n1 = bisect.bisect_left(doc.norm.offsets, o1)
        if known.hits(n0, n1):
            continue
        emit(n0, n1, "capitalised")
    return out
