"""Venues: places with their role in the talks' story, from cue words in the clause.

Roles, first that applies (cues in venue_cues.yaml):
- moved_to / moved_from: a move word earlier in the sentence, and 'to' (إلى، لـ، به) or
  'instead of / from' (بدلًا من، به جای) right before the place;
- proposed: a proposal cue in the clause before the place (تنظيم اجتماع … في أنقرة،
  محاولات فاشلة … في أماكن مثل تركيا);
- visit: a visit word earlier in the clause with no other place between (زار طهران);
- talks_venue: 'in' (في، در، in, or بـ attached) right before the place and a talks word
  earlier in the clause (استئناف المفاوضات … في مسقط);
- mentioned: any other place name, except a name that also stands for an actor (واشنطن
  as the US government), which needs 'in' before it to count as a place at all.
A place in apposition right after another ('في مسقط، عمان') shares its role.
"""

from __future__ import annotations

import bisect
import dataclasses

from parley.extract.actors import resolve_places
from parley.extract.matcher import COMMAS, Match, clause_span, clitics
from parley.extract.records import Found, Venue

_NEAR = 2  # tokens between a marker and the place
_AFTER = 3  # Persian is verb-final, 'در رم برگزار شد': a talks word this close after the place
_PROPOSED_AFTER = 3  # 'Rome was floated as a possible venue': the proposal phrase this close after the place


def _before(f: Found, cues: list[Match], label: str, start: int, lo: int) -> Match | None:
    """The last cue with ``label`` ending before ``start`` and after ``lo``."""
    best = None
    for c in cues:
        if c.end <= start and c.start >= lo and c.has(label):
            best = c
    return best


def _marker(f: Found, cues: list[Match], label: str, place: Match) -> bool:
    """A ``label`` marker within _NEAR tokens before the place (or attached as a clitic)."""
    c = _before(f, cues, label, place.start, 0)
    return c is not None and f.doc.tokens_between(c.end, place.start) <= _NEAR


def _comma_start(f: Found, pos: int, lo: int) -> int:
    """Start of the comma-bounded part of the clause holding ``pos``."""
    last = max(f.doc.text.rfind(ch, lo, pos) for ch in COMMAS)
    return last + 1 if last != -1 else lo


def _role(f: Found, m: Match, lo: int, hi: int, place_starts: list[int]) -> str | None:
    """The role of the place name ``m``; ``place_starts``: the starts of every place name."""
    doc = f.doc
    s0, s_end = doc.sentences[doc.sentence_of(m.start)]
    vc = f.venue_in(s0, s_end)  # every rule reads cues of the place's own sentence
    cl = f.clitics
    to_clitic = cl.is_dative(m.prefix)
    in_clitic = cl.is_locative(m.prefix) or any(  # 'بمدينة إسطنبول', 'بالعاصمة مسقط': the noun takes the بـ
        c.has("place_nouns") and cl.is_locative(c.prefix) and c.end <= m.start
        and (doc.tokens_between(c.end, m.start) == 0 or _capital_named(f, c.start, m.start))
        for c in f.venue_in(max(s0, doc.reach_back(m.start, 4)), m.start))
    actor_too = m.has("actor")  # واشنطن may be the US government: needs a place cue right before
    if any(c.has("agent_markers")
           and ((c.end <= m.start and doc.tokens_between(c.end, m.start) <= 1)
                or (c.start >= m.end and doc.text[m.end:c.start].strip() in cl.possessives))
           for c in vc):  # before it ('بطلب من إيران') or after it ("at Iran's request")
        return "mentioned" if not actor_too else None  # 'بطلب من إيران': a requester, not a location
    moved = _before(f, vc, "move", m.start, s0) is not None or (  # Persian: 'از رم به مسقط منتقل شد'
        doc.lang_at(m.start) == "fa" and any(c.has("move") and m.end <= c.start < s_end for c in vc))
    if moved:
        to_m = _before(f, vc, "to", m.start, s0)
        from_m = _before(f, vc, "from", m.start, s0)
        near_to = to_clitic or (to_m is not None and doc.tokens_between(to_m.end, m.start) <= _NEAR)
        near_from = from_m is not None and doc.tokens_between(from_m.end, m.start) <= _NEAR
        from_last = to_m is not None and from_m is not None and from_m.start > to_m.start
        if near_from and (not near_to or from_last):
            return "moved_from"
        if near_to:
            return "moved_to"
    at_m = _before(f, vc, "at", m.start, lo)
    at_gap = doc.tokens_between(at_m.end, m.start) if at_m is not None else 99
    if at_m is not None and 0 < at_gap <= 2 and any(  # 'في مدينة إسطنبول', 'in the city of Rome'
            c.has("place_nouns") and at_m.end <= c.start and c.end <= m.start
            and doc.tokens_between(c.end, m.start) == 0 and doc.tokens_between(at_m.end, c.start) == 0
            for c in vc):
        at_gap = 0
    elif at_m is not None and 0 < at_gap <= 4 and _capital_named(f, at_m.end, m.start):
        at_gap = 0  # 'in the Omani capital, Muscat', 'في العاصمة العمانية مسقط'
    at = in_clitic or at_gap <= _NEAR
    at_strict = in_clitic or at_gap == 0
    part = _comma_start(f, m.start, lo)
    if _before(f, vc, "proposed", m.start, part) is not None and (at or not actor_too):
        return "proposed"
    if any(c.has("proposed_after") and c.start >= m.end and c.end <= hi
           and doc.tokens_between(m.end, c.start) <= _PROPOSED_AFTER for c in vc):
        return "proposed"
    if _hosts(f, vc, m, s0, s_end) or _named_talks(f, vc, m):
        return "talks_venue"
    visit = _before(f, vc, "visit", m.start, lo)
    prep = _before(f, vc, "prepositions", m.start, lo)
    governed = prep is not None and doc.tokens_between(prep.end, m.start) == 0  # a dative لـ is where to
    if visit is not None and not governed and not _any_in(place_starts, visit.end, m.start):
        # the first place after 'زار', as its object (not 'حرب مع إيران'); a visit for talks is to them
        to_talks = _for_talks(f, vc, *_own_stretch(f, vc, place_starts, m, visit, s0, s_end)) \
            or _delegation_to_talks(f, vc, visit, place_starts)
        return "talks_venue" if to_talks else "visit"
    if visit is None and doc.lang_at(m.start) == "fa" and _visit_after(f, vc, m, hi, at_strict):
        return "visit"  # verb-final 'به بیروت سفر کرد'
    talks = _before(f, vc, "talks", m.start, lo)
    if at_m is not None and at_gap <= _NEAR and any(  # 'the ceasefire in Gaza': where the war is
            c.has("scene_nouns") and c.end <= at_m.start and doc.tokens_between(c.end, at_m.start) == 0
            for c in vc):
        return "mentioned"
    if at_strict and talks is not None and at_m is not None and at_m.start >= talks.end \
            and not any(c.has("at") and talks.end <= c.start < at_m.start for c in vc):
        return "talks_venue"  # the first 'in' after the talks word: 'المفاوضات … في مسقط'
    if at and talks is not None and in_clitic:
        return "talks_venue"
    if at_strict and _here_for_talks(f, m, hi, place_starts):
        return "talks_venue"  # 'was in Cairo for talks', 'في القاهرة لإجراء مباحثات', 'در دوحه برای مذاکره'
    if at_strict and _during_talks(f, vc, m, hi):
        return "talks_venue"  # 'finalized in Cairo during a meeting', 'في القاهرة خلال اجتماع'
    if doc.lang_at(m.start) == "fa" and at_strict and any(c.has("talks") and c.start >= m.end and c.end <= hi
                         and doc.tokens_between(m.end, c.start) <= _AFTER
                         and not any(ch in COMMAS for ch in doc.text[m.end:c.start]) for c in vc):
        return "talks_venue"  # the talks word after the place: Persian 'در رم برگزار شد'
    if doc.lang_at(m.start) == "fa" and at_strict and _final_talks_verb(f, vc, m, hi, place_starts):
        return "talks_venue"  # 'در مراسمی در کاخ سفید با حضور … توافق صلح امضا کرد'
    if not actor_too or at_strict:
        return "mentioned"
    return None


def _capital_named(f: Found, a: int, b: int) -> bool:
    """Between 'in' and the name only a place noun, a nationality adjective or a country's name, 'the'
    and a comma: 'in the Omani capital, Muscat', 'في العاصمة العمانية، مسقط', 'در پایتخت عمان، مسقط' is 'in
    Muscat'."""
    rest = f.doc.text[a:b]
    parts = [c for c in f.venue_in(a, b) if c.has("place_nouns") and c.end <= b]
    if not parts:
        return False
    parts += [d for d in f.demonyms_in(a, b) if d.end <= b]
    places = f.gaz.places  # a country's name: 'در پایتخت عمان، مسقط'
    gm = f.gaz_matches
    lo, hi = (bisect.bisect_left(gm, x, key=lambda m: m.start) for x in (a, b))
    parts += [m for m in gm[lo:hi] if m.end <= b and m.has("place")
              and any(p in places and places[p].kind == "country" for p in m.idents("place"))]
    for c in sorted(parts, key=lambda c: -c.start):
        rest = rest[:c.start - a] + " " + rest[c.end - a:]
    return all(ch.isspace() or ch in COMMAS for ch in rest)


_FINAL = 12  # Persian: words between 'در X' and the clause's final talks verb


def _final_talks_verb(f: Found, vc: list[Match], m: Match, hi: int, place_starts: list[int]) -> bool:
    """Persian ends its clause with the verb: a holding or signing verb (برگزار، امضا) further on in the
    clause of 'در X', with no other place and no speech verb between ('در کاخ سفید با حضور ترامپ توافق صلح
    امضا کرد')."""
    doc = f.doc
    end = min(hi, doc.reach(m.end, _FINAL))
    if _any_in(place_starts, m.end, end):
        j = bisect.bisect_left(place_starts, m.end)
        end = place_starts[j]
    if f.speech_in(m.end, end):
        return False
    return any(c.has("final_verb") and m.end <= c.start and c.end <= end for c in vc)


_DURING = 2  # 'during a meeting', 'during their third meeting': words between 'during' and the talks word


def _during_talks(f: Found, vc: list[Match], m: Match, hi: int) -> bool:
    """'in X during a meeting', 'في القاهرة خلال اجتماع', 'در ژنو در جریان نشست': 'during' right after the
    place and a talks word (not a signing or hosting verb) right after it."""
    doc = f.doc
    return any(d.has("during") and d.start >= m.end and doc.tokens_between(m.end, d.start) == 0
               and any(_talks_noun(c) and c.start >= d.end and c.end <= hi
                       and doc.tokens_between(d.end, c.start) <= _DURING for c in vc)
               for d in vc)


_HOST_GAP = 2  # 'Baku will host', 'قطر هفته گذشته میزبان': words between the host and the cue


def _hosts(f: Found, vc: list[Match], m: Match, lo: int, hi: int) -> bool:
    """The place hosts talks of its sentence [lo, hi) (venue_cues.yaml 'host'): right before the
    cue (English, Persian) or right after it (Arabic verb first, 'hosted by', 'به میزبانی')."""
    doc = f.doc
    if not any(c.has("talks") and not c.has("host") for c in vc):
        return False
    lang = doc.lang_at(m.start)
    for c in vc:
        if not c.has("host"):
            continue
        if c.start >= m.end and lang != "ar" and doc.tokens_between(m.end, c.start) <= _HOST_GAP \
                and not any(ch in COMMAS for ch in doc.text[m.end:c.start]):
            return True
        if c.end <= m.start and doc.tokens_between(c.end, m.start) == 0 and not m.prefix:
            return True
    return False


def _talks_noun(c: Match) -> bool:
    """A named_talks cue. A form a talks stem also covers ('negotiation*', 'مذاکرات*') comes out as
    the stem's match only, so a talks stem counts too: those stems are all talks nouns."""
    return c.has("named_talks") or any(p.label == "talks" and p.stem for p in c.payloads)


def _named_talks(f: Found, vc: list[Match], m: Match) -> bool:
    """Talks named by their city: 'the Istanbul talks', 'محادثات إسطنبول', 'مذاکرات ژنو'."""
    doc = f.doc
    kinds = {f.gaz.places[p].kind for p in m.idents("place") if p in f.gaz.places}
    if not kinds or "country" in kinds:
        return False
    if doc.lang_at(m.start) == "en":
        return any(_talks_noun(c) and c.start >= m.end and doc.tokens_between(m.end, c.start) == 0
                   and doc.text[m.end:c.start].strip() == "" for c in vc)
    return not m.prefix and any(_talks_noun(c) and c.end <= m.start
                                and doc.tokens_between(c.end, m.start) == 0
                                and doc.text[c.end:m.start].strip() == "" for c in vc)


_PURPOSE = 2  # 'to resume indirect talks': at most this many words between the purpose and the talks


def _own_stretch(f: Found, vc: list[Match], place_starts: list[int], m: Match, visit: Match,
                 lo: int, hi: int) -> tuple[int, int]:
    """The part of the sentence [lo, hi) where the purpose of the visit to ``m`` stands: after the
    place up to the next place ('arrived in Cairo to resume the talks, after a visit to Ankara': the
    purpose is Cairo's, not Ankara's); in Persian also before it, from the visit word before this one
    ('برای ازسرگیری مذاکرات به مسقط رفت')."""
    j = bisect.bisect_right(place_starts, m.start)
    end = min(hi, place_starts[j]) if j < len(place_starts) else hi
    if f.doc.lang_at(m.start) != "fa":
        return m.end, end
    return max([lo] + [c.end for c in vc if c.has("visit") and c.end <= visit.start]), end


def _for_talks(f: Found, vc: list[Match], lo: int, hi: int) -> bool:
    """A purpose word right before a talks word in the sentence [lo, hi): 'to resume … talks'."""
    doc = f.doc
    return any(p.has("purpose") and any(c.has("talks") and c.start >= p.end and c.end <= hi
                                        and doc.tokens_between(p.end, c.start) <= _PURPOSE for c in vc)
               for p in vc if lo <= p.start < hi)


_HERE_FOR = 2  # 'in Cairo on Monday for talks': the purpose word this close after the place


def _here_for_talks(f: Found, m: Match, hi: int, place_starts: list[int]) -> bool:
    """A purpose word right after 'in X', before the next place, governing a talks word."""
    j = bisect.bisect_right(place_starts, m.start)
    end = min(hi, place_starts[j]) if j < len(place_starts) else hi
    doc = f.doc
    return any((p.has("purpose") or p.has("here_for")) and p.start >= m.end
               and any(c.has("talks") and c.start >= p.end and c.end <= end
                       for c in f.venue_in(p.end, min(end, doc.reach(p.end, _PURPOSE) + 1)))
               for p in f.venue_in(m.end, min(end, doc.reach(m.end, _HERE_FOR) + 1)))


def _delegation_to_talks(f: Found, vc: list[Match], visit: Match, place_starts: list[int]) -> bool:
    """A negotiating delegation before the visit word, and a talks noun in the sentence: 'the
    delegation charged with the negotiations arrived in Sharm el-Sheikh' (venue_cues.yaml delegation;
    a talks word of any kind: 'negotiations' matches as one of them)."""
    doc = f.doc

    def goes_elsewhere(lo: int, hi: int) -> bool:  # 'يصل وفد … إلى القاهرة …، أعقبت زيارة …': Cairo's
        return any((c.has("to") or c.has("visit")) and lo <= c.start and c.end <= hi
                   and _any_in(place_starts, c.end, hi)
                   and doc.tokens_between(c.end, place_starts[bisect.bisect_left(place_starts, c.end)]) == 0
                   for c in vc)

    return any(c.has("delegation") and c.end <= visit.start and not goes_elsewhere(c.end, visit.start)
               for c in vc) \
        and any((c.has("named_talks") or c.has("talks")) and not c.has("delegation") for c in vc)


def _visit_after(f: Found, vc: list[Match], m: Match, hi: int, at: bool) -> bool:
    """Persian puts the visit verb after its place: 'به بیروت سفر کرد', 'در پایگاه اندروز به زمین نشست'
    ('to' or 'at' right before the place, the visit word a few words after it, no comma between)."""
    doc = f.doc
    to = at or f.clitics.is_dative(m.prefix) or any(
        c.has("to") and c.end <= m.start and doc.tokens_between(c.end, m.start) == 0 for c in vc)
    return to and any(c.has("visit") and m.end <= c.start and c.end <= hi
                      and doc.tokens_between(m.end, c.start) <= _AFTER
                      and not any(ch in COMMAS for ch in doc.text[m.end:c.start]) for c in vc)


def _its_capital(f: Found, a: int, b: int) -> bool:
    """Only a possessive, a place noun and a comma between two places: "in Oman’s capital, Muscat"."""
    doc = f.doc
    gap = doc.text[a:b]
    if not any(ch in COMMAS for ch in gap):
        return False
    nouns = [c for c in f.venue_in(a, b) if c.has("place_nouns") and c.end <= b]
    if not nouns:
        return False
    rest = gap
    for c in sorted(nouns, key=lambda c: -c.start):
        rest = rest[:c.start - a] + rest[c.end - a:]
    for mark in clitics().possessives:  # longest first
        rest = rest.replace(mark, "")
    return all(ch.isspace() or ch in COMMAS for ch in rest)


_AND_GAP = 3  # 'and two', 'والثانية', 'و دو دور دیگر': words between the two places besides 'in'


def _venue_in_city(f: Found, venue: Match, m: Match) -> bool:
    """A building and then 'in' its city: 'at the Ritz-Carlton in Riyadh', 'بقصر الاتحادية في القاهرة'."""
    places = f.gaz.places
    if not any(p in places and places[p].kind == "venue" for p in venue.idents("place")):
        return False
    gap = f.doc.text[venue.end:m.start]
    return any(c.has("at") and gap[c.start - venue.end:c.end - venue.end] == gap.strip()
               for c in f.venue_in(venue.end, m.start) if venue.end <= c.start and c.end <= m.start)


def _joined(f: Found, a: int, b: int) -> bool:
    """Only one coordinating word between two places: 'Cairo and Doha', 'قاهره و دوحه'."""
    gap = f.doc.text[a:b]
    return any(c.has("coordination") and gap[c.start - a:c.end - a] == gap.strip()
               for c in f.venue_in(a, b) if a <= c.start and c.end <= b)


def _in_and_in(f: Found, prev: Match, m: Match) -> bool:
    """A second 'in Y' coordinated with the first place of the same sentence: 'three in Muscat and two
    in Rome', 'أولهما في مسقط والثانية في روما', 'یکی در مسقط و دیگری در رم'."""
    doc = f.doc
    if prev.end > m.start or doc.sentence_of(prev.start) != doc.sentence_of(m.start):
        return False
    at = [c for c in f.venue_in(prev.end, m.start) if c.has("at") and c.end <= m.start]
    if not at or m.prefix or doc.tokens_between(at[-1].end, m.start) != 0:
        return False
    gap = doc.text[prev.end:at[-1].start]
    if any(ch in COMMAS for ch in gap) or doc.tokens_between(prev.end, at[-1].start) > _AND_GAP:
        return False
    words = gap.split()
    conj = clitics().conjunction
    return bool(words) and (
        any(c.has("coordination") and c.end <= at[-1].start for c in f.venue_in(prev.end, m.start))
        or (len(words[0]) > 1 and words[0][0] in conj))


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    """Whether some position of ``starts`` (sorted) lies in [lo, hi)."""
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def find_venues(f: Found, new: list[Match] | None = None) -> tuple[list[Venue], dict[int, str]]:
    """Venue rows of one article, and the role of each place name of places.yaml that has one, by
    its match start in the normalised text (for positions and events). ``new``: more place matches:
    names the gazetteer lacks (new_places.py, label 'new_place'), kept only with a role other than
    'mentioned', and capitals named by their state (capitals.py), read like the city's name."""
    doc = f.doc
    roles: dict[int, str] = {}
    place_ids: dict[int, list[str]] = {}
    breaks = [c.start for c in f.stance if c.has("break")]
    out: list[Venue] = []
    seen: set[tuple[int, str]] = set()
    prev: tuple[Match, str] | None = None
    places = sorted([m for m in f.gaz_matches if m.has("place")] + (new or []), key=lambda m: m.start)
    place_starts = [m.start for m in places]
    for m in places:
        unknown = m.has("new_place")
        pids = m.idents("place") if unknown else \
            [p for p in resolve_places(doc, m, f.cues, f.venue) if p in f.gaz.places]
        if not pids:
            continue
        lo, hi = clause_span(doc, m.start, breaks)
        role: str | None
        # (the sentence first: the text between is read only within one sentence)
        if prev is not None and prev[0].end <= m.start and prev[1] != "mentioned" \
                and doc.sentence_of(prev[0].start) == doc.sentence_of(m.start) \
                and (doc.text[prev[0].end:m.start].strip() in COMMAS or _joined(f, prev[0].end, m.start)
                     or (m.prefix and clitics().is_conjunction(m.prefix)
                         and not doc.text[prev[0].end:m.start].strip())
                     or _its_capital(f, prev[0].end, m.start) or _venue_in_city(f, prev[0], m)):
            role = prev[1]  # apposition 'في مسقط، عمان' or coordination 'تركيا وروما'
        elif prev is not None and prev[1] != "mentioned" and _in_and_in(f, prev[0], m):
            role = prev[1]  # 'three in Muscat and two in Rome', 'أولهما في مسقط والثانية في روما'
        else:
            role = _role(f, m, lo, hi, place_starts)
        if role is None or (unknown and role == "mentioned"):
            continue
        prev = (m, role)
        if not unknown:
            roles[m.start] = role
            place_ids[m.start] = pids
        o0, o1 = doc.orig_span(m.start, m.end)
        s0, s1 = doc.sentences[doc.sentence_of(m.start)]
        e0, e1 = doc.orig_span(s0, s1)
        for pid in pids:
            if (m.start, pid) in seen:
                continue
            seen.add((m.start, pid))
            out.append(Venue(doc.segment_idx(m.start), pid, role, o0, o1, doc.article.text[e0:e1]))
    cities = _held_in_its_city(f, out)
    if cities:
        out = [dataclasses.replace(v, role="talks_venue") if v.place_id in cities and v.role == "mentioned"
               else v for v in out]
        roles.update({s: "talks_venue" for s, pids in place_ids.items()
                      if set(pids) & cities and roles[s] == "mentioned"})
    return out, roles


def _held_in_its_city(f: Found, out: list[Venue]) -> set[str]:
    """Talks held in a country happen in a city of it that the article names: 'talks in Oman' and a
    dateline 'MUSCAT' make Muscat the venue too, when no city of that country is one already."""
    places = f.gaz.places
    out = [v for v in out if v.place_id in places]  # a place the gazetteer lacks has no country
    hosts = {places[v.place_id].country for v in out
             if v.role == "talks_venue" and places[v.place_id].kind == "country"}
    held = {places[v.place_id].country for v in out
            if v.role == "talks_venue" and places[v.place_id].kind == "city"}
    cities = {v.place_id for v in out if v.role == "mentioned" and places[v.place_id].kind == "city"
              and places[v.place_id].country in hosts - held}
    if len({places[c].country for c in cities}) != len(cities):
        return set()  # a country with two cities named: which one is not said
    return cities
