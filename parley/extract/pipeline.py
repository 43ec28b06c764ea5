"""extract_article: one article in, every extracted row out (spans index article.text)."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools

from parley.extract.actors import (
    delegation_spans,
    find_actor_spans,
    fuzzy_spans,
    mention_only_spans,
    nested_spans,
    to_mentions,
)
from parley.extract.bare_bodies import bare_bodies, find_bare_bodies
from parley.extract.bodies import find_bodies
from parley.extract.candidates import find_candidates
from parley.extract.capitals import capitals, find_capital_phrases
from parley.extract.cues import Cues, load_cues
from parley.extract.discovered import find_people, people_spans
from parley.extract.events import find_events
from parley.extract.gazetteer import Gazetteer, default_gazetteer
from parley.extract.links import find_links
from parley.extract.matcher import Doc, Match, PhraseMatcher, PhraseSets, gazetteer_matcher
from parley.extract.new_places import find_new_places
from parley.extract.positions import find_positions
from parley.extract.quotes import find_quotes
from parley.extract.records import Extraction, Found
from parley.extract.venues import find_venues
from parley.records import Article, Lang, Published, Segment
from parley.text.script import has_arabic_script

_SET_NAMES = ("gazetteer", "speech", "venue", "names", "stance", "event", "topic",
              "bare_nouns", "capital_nouns")
_SETS: dict[tuple[int, ...], tuple[tuple[PhraseMatcher, ...], Cues, PhraseSets]] = {}


def phrase_sets(matcher: PhraseMatcher, cues: Cues) -> PhraseSets:
    """The gazetteer's matcher, the cue matchers and the bare-body and capital nouns as one pass
    (_SET_NAMES order), built once."""
    own = (matcher, bare_bodies().matcher, capitals().nouns)
    key = (*(id(m) for m in own), id(cues))
    hit = _SETS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], own, strict=True)) and hit[1] is cues:
        return hit[2]
    sets = PhraseSets([matcher, *(getattr(cues, name) for name in _SET_NAMES[1:7]), *own[1:]])
    if len(_SETS) > 8:
        _SETS.clear()
    _SETS[key] = (own, cues, sets)
    return sets


def analyse(article: Article, gaz: Gazetteer | None = None) -> Found:
    """Normalise the article and run every matcher over it once."""
    gaz = gaz or default_gazetteer()
    cues = load_cues()
    doc = Doc.of(article)
    matcher = gazetteer_matcher(gaz)
    # the gazetteer and the cue sets in one pass: each set's matches, as its own find gives them
    found = dict(zip(_SET_NAMES, phrase_sets(matcher, cues).find_all(doc.norm), strict=True))
    gm = found["gazetteer"]
    own = doc.in_own_language
    speech = own(found["speech"])
    venue = own(found["venue"])
    names = own(found["names"])
    actors = find_actor_spans(doc, gaz, gm, cues, venue, names)
    anchors = [(m.start, m.end) for m in gm if m.has("role")]
    anchors += [(m.start, m.end) for m in speech if m.has("verb") or m.has("participle")]
    anchors += [(m.start, m.end) for m in names if m.has("title")]
    taken = [(m.start, m.end) for m in gm]
    extra = fuzzy_spans(doc, gaz, taken, anchors, matcher) + nested_spans(doc, gaz, gm, matcher)
    if extra:
        actors = sorted(actors + extra, key=lambda s: s.start)
    stance = own(found["stance"])
    event = own(found["event"])
    topic = own(found["topic"])
    cover = frozenset(i for t in topic if t.has("topic") for i in range(t.start, t.end))
    # a stance cue at most three words after another is its object ('rejected the demands for …',
    # 'رفض مطالب …'): the first governs through it
    verbs = [c for c in stance if c.has("stance") and not (c.start in cover and c.end - 1 in cover)]
    ask_to = [m for m in stance if m.has("askto")]  # in text order
    conds = [m.start for m in stance if m.has("cond")]  # a condition between: 'rejects talks if X insists'
    object_of = {c.start: p for p, c in itertools.pairwise(verbs)
                 if p.end <= c.start
                 and (doc.tokens_between(p.end, c.start) <= 3 or _asks_to(doc, p, c, ask_to))
                 and bisect.bisect_left(conds, p.end) == bisect.bisect_left(conds, c.start)
                 and all(ch.isalnum() or ch.isspace() or ch in "'\u2019" for ch in doc.text[p.end:c.start])
                 and doc.text[p.end:c.start].split() not in (["و"], ["and"], ["or"], ["او"])
                 and not doc.text[c.start:c.end].startswith("و")  # 'غير قانوني وغير مبرر': coordinated
                 and not (c.has("modal") or p.has("modal"))
                 and not c.has("topic_before")  # 'their demand for X unacceptable' judges the demand
                 and "mediates" not in (*c.idents("stance"), *p.idents("stance"))
                 and next((q.lang for q in c.payloads), "fa") != "fa"}  # Persian puts the object first
    # a stance cue inside a topic phrase ('support for terrorism') is part of the topic: no stop
    # ... nor do a mediation adjective ('a US-brokered deal') and mediators spoken to ('a positive
    # response to mediators on the ceasefire'); a reason ('citing the attacks', 'بسبب', 'به دلیل') ends
    # what a cue governs
    medobj_ends = {m.end for m in stance if m.has("medobj")}
    stops = sorted(c.start for c in stance
                   if (c.has("stance") and not (c.start in cover and c.end - 1 in cover)
                       and not ("mediates" in c.idents("stance")
                                and (doc.text[c.start - 1:c.start] == "-"  # 'the US-brokered peace deal'
                                     or any(e <= c.start and doc.tokens_between(e, c.start) == 0
                                            for e in medobj_ends if c.start - e < 8))))
                   or c.has("cond") or c.has("butnot") or c.has("reason"))
    demonyms = sorted((m for m in stance if m.has("demonym")), key=lambda m: m.start)
    sides = delegation_spans(doc, gaz, [m for m in event if m.has("delegation")], demonyms)
    if sides:
        named = sorted(actors, key=lambda a: a.start)
        reach = list(itertools.accumulate((a.end for a in named), max))
        starts = [a.start for a in named]
        free = [s for s in sides if (i := bisect.bisect_left(starts, s.end) - 1) < 0 or reach[i] <= s.start]
        actors = sorted(actors + free, key=lambda s: s.start)
    return Found(doc, gaz, cues, gm, speech, stance, topic, venue, event, names, actors,
                 demonyms=demonyms,
                 venue_starts=[m.start for m in venue], event_starts=[m.start for m in event],
                 stance_starts=[m.start for m in stance], topic_cover=cover, governed_stops=stops,
                 speech_starts=[m.start for m in speech], topic_starts=[m.start for m in topic],
                 actor_starts=[a.start for a in actors], demonym_starts=[m.start for m in demonyms],
                 object_of=object_of, bare_nouns=found["bare_nouns"], capital_nouns=found["capital_nouns"])


_ASK_TO_TOKENS = 8  # 'urged European signatories of the 2015 deal to trigger …': the infinitive this far


def _asks_to(doc: Doc, ask: Match, cue: Match, markers: list[Match]) -> bool:
    """A demand's addressee and then 'to' (stances.yaml asked_to) right before the next cue ('urged
    the Europeans to trigger the snapback', 'حثت الأطراف الأوروبية … على تفعيل'): what is asked is
    demanded, whatever the inner verb says."""
    if "demands" not in ask.idents("stance") or doc.tokens_between(ask.end, cue.start) > _ASK_TO_TOKENS:
        return False
    i = bisect.bisect_left(markers, ask.end, key=lambda m: m.start)
    return any(m.end <= cue.start and doc.tokens_between(m.end, cue.start) == 0
               for m in itertools.takewhile(lambda m: m.start < cue.start, markers[i:]))


def extract_article(article: Article, gaz: Gazetteer | None = None) -> Extraction:
    """Mentions, venues, quotes, positions, events, name candidates and typed links of one article."""
    f = analyse(article, gaz)
    people = find_people(f)  # people, organisations and outlets the gazetteer lacks, named in English
    bodies = find_bodies(f, people)
    # positions skip actors that are venues; events take them as places
    new_places = find_new_places(f, people + [b for b, _ in bodies]) + find_capital_phrases(f)
    venues, place_roles = find_venues(f, new_places)
    quotes, speech = find_quotes(f)
    named = to_mentions(f.doc, f.actors)
    also = mention_only_spans(f.doc, f.gaz, f.actors, f.demonyms, f.gaz_matches, gazetteer_matcher(f.gaz))
    also += find_bare_bodies(f)  # 'the parliament', 'البرلمان': the body of the state in the passage
    also += people_spans(f, people)
    for body, kind in bodies:
        also += people_spans(f, [body], via=f"discovered_{kind}", kind=kind)
    mentions = sorted(named + to_mentions(f.doc, also), key=lambda m: m.start)
    positions = find_positions(f, speech, place_roles)
    events = find_events(f, place_roles, speech.by_sentence)
    return Extraction(
        mentions=mentions,
        venues=venues,
        positions=positions,
        quotes=quotes,
        events=events,
        candidates=find_candidates(f),
        links=find_links(article.segments, named, events),  # a tie needs the actor named, not its adjective
    )


def article_from_text(text: str, lang: Lang = "ar", published: dt.date | None = None,
                      origin: str = "inline") -> Article:
    """A minimal Article (one segment per line) for tests, benchmarks and ad-hoc extraction."""
    segments: list[Segment] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            latin = not has_arabic_script(line)
            seg_lang: Lang = "en" if lang != "en" and latin else lang
            segments.append(Segment(len(segments), pos, pos + len(line), seg_lang, line))
        pos += len(line) + 1
    pub = Published(published, "day", "given") if published else Published(None, "unknown", "no date given")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=digest[:16], origin=origin, raw=text, text=text, body_hash=digest, title=None,
                   outlet=None, url=None, lang=lang, published=pub, segments=segments)
