"""Events: meetings, calls, visits, speeches, announcements and strikes, each dated.

One event per (sentence, kind), from the cue words in event_cues.yaml (a second of a kind only
when it is an earlier one, 'after earlier meetings in Baku', or has another status, 'held talks
and agreed to meet again'):
- skipped when its comma-bounded clause is hypothetical (إذا، احتمال، could); talks named by
  a noun, and plain statements ('said'), count only in a sentence that dates them;
- actors: the first actor of the sentence before the cue (and those coordinated with it),
  plus the actors after the cue up to the next comma or event cue; with nobody before the
  cue (Arabic verb first: 'وزار … الفريق إيال زمير، واشنطن') the words after it up to the
  next event cue; a place that is the venue is the event's place, not an actor;
- date: the date expression of the sentence nearest the cue, absolute (find_dates) or
  relative to the article's date (resolve_relative over the whole text, so 'قبل ذلك بيوم'
  counts from the date before it); none in the sentence: the article's date and precision
  (basis 'article date'); an undated article gives undated events, never today's date;
- status: called_off / planned / background from the markers of its clause, or a date after
  (planned) or weeks before (background) the article's; else happened. A plan is not dated
  by its report; an undated article's events take the latest day its text names;
- event_id: a short hash of kind, sorted actor ids, place and date, shared by the reports
  of the same development in several articles.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import TypeVar

from parley.extract.actors import ActorSpan, resolve_places
from parley.extract.dates import (
    beside_a_day,
    date_mentions,
    dated_by_its_report,
    datelines,
    last_before,
    latest_named_day,
    nearest_mention,
    not_since,
)
from parley.extract.event_parties import (
    after_with,
    delegation_of,
    demonym_agent,
    nationalities_after,
    possessor_of,
    told_of,
    usable,
    venue_country,
    with_their_people,
)
from parley.extract.event_status import (
    STATEMENTS,
    after_speech,
    ahead_in,
    earlier_one,
    event_status,
    older,
    rest_before,
    says_when,
    since_span,
)
from parley.extract.matcher import COMMAS, Match, clause_span
from parley.extract.records import ARTICLE_DATE, RECAP, Event, Found, no_year_basis
from parley.text.date_scan import DateMention

_T = TypeVar("_T")
_AFTER_TOKENS = 15
_AND = ("and", "و", "&")  # 'Araghchi and Witkoff met': both met
_JOINS = ("", *COMMAS, *_AND, "and the")  # between two names of one list
_AGENT_BY_DEMONYM = ("strike",)  # kinds whose agent is often named by an adjective ('Israeli strikes')
_QUALIFIER = 3  # words of title between a state and the person it qualifies ('US President Trump')


def event_id(kind: str, actor_ids: list[str], place: str | None, date: dt.date | None) -> str:
    """Stable id of a development: kind, sorted actors, place, date (or 'undated')."""
    key = "|".join([kind, ";".join(sorted(actor_ids)), place or "", date.isoformat() if date else "undated"])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _words_basis(d: DateMention, basis: str) -> str:
    """``basis``, or for a day and month left without a year ('15 June' in an undated article) the
    basis that lets the closing pass find its year from other articles."""
    return no_year_basis(d.surface, *d.no_year) if d.date is None and d.no_year is not None else basis


def _dates(f: Found) -> tuple[list[DateMention], DateMention | None]:
    """The article's date mentions, and for an undated article the latest day it names
    explicitly: its own text is the best evidence of when it was written."""
    art = f.doc.article
    named = sorted(f.doc.orig_span(a.start, a.end) for a in f.actors)  # 'the March 23 Movement'
    named_starts = [a for a, _b in named]

    def in_a_name(d: DateMention) -> bool:  # names do not overlap: the last one starting before d's end
        i = bisect.bisect_left(named_starts, d.end) - 1
        return i >= 0 and named[i][1] > d.start

    def dates(ref: dt.date | None, precision: str = "day", words: tuple[str, int, int] | None = None
              ) -> list[DateMention]:
        found = date_mentions(art.text, ref, precision, words)
        return [d for d in found if not in_a_name(d)] if named else found

    if art.published.date is not None:
        return dates(art.published.date, art.published.precision), None
    mentions = dates(None)
    # without a reference, a relative mention has a day only when its words fix it: 'Saturday 3 May'
    # (the year whose 3 May is a Saturday), 'the next day' after a full date
    latest = latest_named_day(mentions)
    return (dates(latest.date, words=latest.no_year) if latest is not None else mentions), latest


def _comma_clause(f: Found, cue: Match, breaks: list[int]) -> tuple[int, int]:
    lo, hi = clause_span(f.doc, cue.start, breaks)
    text = f.doc.text
    last = max(text.rfind(ch, lo, cue.start) for ch in COMMAS)  # the comma before the cue, if any
    if last != -1:
        lo = last + 1
    after = [i for i in (text.find(ch, cue.end, hi) for ch in COMMAS) if i != -1]
    if after:
        hi = min(after)
    return lo, hi


def find_events(f: Found, place_roles: Mapping[int, str],
                speakers: Mapping[int, str] | None = None) -> list[Event]:
    """Event rows of one article; ``place_roles`` are the venue stage's roles of place names,
    ``speakers`` the quotes stage's speaker of each sentence (who 'added in remarks to CNN')."""
    doc = f.doc
    text = doc.text
    art = doc.article
    breaks = [c.start for c in f.stance if c.has("break")]
    dates: list[DateMention] | None = None  # parsed on first need: many articles report no event
    lines: list[DateMention] = []
    date_starts: list[int] = []
    latest: DateMention | None = None
    speech_starts = sorted(c.start for c in f.speech if c.has("verb") or c.has("comp"))
    offsets = doc.norm.offsets
    place_matches = [m for m in f.gaz_matches if m.has("place")]
    place_starts = [m.start for m in place_matches]
    cues = [c for c in f.event if c.has("event")]
    # without a prior marker no cue names an earlier one, without a delegation word none has one
    priors = any(c.has("prior") for c in f.event)
    delegations = any(c.has("delegation") for c in f.event)
    out: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for k, cue in enumerate(cues):
        kind = cue.idents("event")[0]
        si = doc.sentence_of(cue.start)
        # another of its kind in the sentence: only an earlier one, not the same talks' other word
        # ('الجولة السابقة من المحادثات')
        second = (si, kind) in seen
        same = k > 0 and cues[k - 1].idents("event")[0] == kind \
            and doc.tokens_between(cues[k - 1].end, cue.start) <= _SAME_TALKS \
            and not any(ch in COMMAS for ch in text[cues[k - 1].end:cue.start])
        if second and same:
            continue
        earlier = priors and earlier_one(f, cue)  # 'the previous round', 'الجولة السابقة', 'دور قبلی'
        prior = second and earlier
        if cue.has("round") and k + 1 < len(cues) and cues[k + 1].has("needs_date") \
                and doc.tokens_between(cue.end, cues[k + 1].start) <= 1:
            continue  # 'دور پنجم مذاکرات': the talks word stands for its round
        h0, h1 = _comma_clause(f, cue, breaks)
        # a hypothetical marker in the clause before the cue, or at most a word after it; a marker
        # governs the first event word after it ('may announce a deal during his meeting on Monday')
        hypo = [h for h in f.event_in(h0, cue.start) if h.end <= cue.start
                and not any(h.end <= c.start and c.end <= cue.start for c in cues[max(0, k - 3):k])]
        hypo += f.event_in(cue.end, min(h1, doc.reach(cue.end, 1) + 1))
        # 'said it would host': the future of what was said, a plan
        told = [h for h in hypo if h.has("reported_future") and after_speech(f, h)]
        if any(h.has("hypo") and h not in told and not beside_a_day(doc.text, h.start, h.end)
               for h in hypo):
            continue
        s0, s1 = doc.sentences[si]
        # up to the next event cue, or reported speech after the event, which is another matter:
        # 'في خطاب … وزعم فيه أن الولايات المتحدة …'
        # (a talks word of the same kind a few words on names the same happening: 'جولة جديدة من
        # المفاوضات بين حماس وإسرائيل')
        nxt = next(([c.start] for c in rest_before(cues, k, s1) if c.idents("event")[0] != kind
                    or doc.tokens_between(cue.end, c.start) > _SAME_TALKS), [])
        j = bisect.bisect_left(speech_starts, cue.end)
        nxt += speech_starts[j:j + 1]
        stop = min([x for x in nxt if x < s1], default=s1)
        toks = doc.words(cue.end, stop, _AFTER_TOKENS)
        stop = toks[-1][1] if toks else cue.end
        p0 = _after_dateline(text, s0, cue.start)  # 'MUSCAT, Oman (AP) – Iran and the US met': not Oman
        before = [a for a in f.actors_in(p0, cue.start) if a.end <= cue.start and usable(a)]
        sources = [c.end for c in f.speech_in(p0, cue.start) if c.has("according")]  # 'according to X',
        before = [a for a in before if not any(  # 'به گفته X': X is the source, no party
            e <= a.start and doc.tokens_between(e, a.start) == 0 for e in sources)]
        subject: ActorSpan | None = None
        # the last 'that' before the event word: what was said holds the event
        told_at = max((c.start for c in f.speech_in(p0, cue.start) if c.has("comp")), default=None) \
            if kind not in STATEMENTS else None
        if told_at is not None and before:  # 'the ministry announced that Albusaidi arrived': he did
            inner = [a for a in before if a.start > told_at]
            if inner and kind in _RECIPROCAL and after_with(f, inner[0]):
                subject = before[0]  # 'X wrote that on Friday [he] meets with Putin'
            before = inner or before
        if kind in STATEMENTS:  # who said it: not a name quoted, and the cue's own clause first
            before = [a for a in before if not _quoted(text, s0, a.start)  # nor a state inside a title
                      and not any(o.start <= a.start and a.end <= o.end and o != a for o in before)]
            # a state or body qualifying the person named right after it: 'United States President, Donald
            # Trump, said', 'Iran's foreign minister Abbas Araghchi announced': the person speaks
            before = [a for a in before if a.kind == "person" or not any(
                b.kind == "person" and b.start >= a.end and doc.tokens_between(a.end, b.start) <= _QUALIFIER
                for b in before)]
            comma = max(text.rfind(ch, s0, cue.start) for ch in COMMAS)
            spoken = [a for a in before if a.start > comma]  # 'after Hamas replied, Trump posted'
            before = spoken or [a for a in before if comma - a.end > 2] or before  # not the one set off
        if before:
            chosen = [before[0]]
            for a in before[1:]:  # a list that runs on from the first: 'Egypt, Qatar and the US met'
                gap = text[chosen[-1].end:a.start - len(a.prefix)].strip().lower()
                if gap in _JOINS or (gap[:1] in COMMAS and gap[1:].strip() in _JOINS):
                    chosen.append(a)
                elif kind in _RECIPROCAL and after_with(f, a) and a.start > chosen[-1].end:
                    chosen.append(a)  # the other party before the verb: 'عراقچی امروز با ویتکاف دیدار کرد'
            after_end = min([i for i in (text.find(ch, cue.end, stop) for ch in COMMAS) if i != -1],
                            default=stop)  # the first comma after the cue
        else:
            chosen = []
            after_end = stop
        after = [a for a in f.actors_in(cue.end, after_end) if a.end <= after_end and usable(a)]
        if kind in STATEMENTS and not chosen and speakers and si in speakers \
                and all(a.kind == "media" for a in after):
            after = []  # 'He added in remarks to CBS': the outlet spoken to; the sentence's speaker said it
        chosen += after
        if subject is not None:
            chosen.insert(0, subject)
        place: str | None = None
        w0 = chosen[0].start if chosen else cue.start
        window = _starting_in(place_matches, place_starts, w0, after_end)
        # the venue of the event: a place with a venue role here, else a place that is not also an actor
        sentence = _starting_in(place_matches, place_starts, p0, s1)
        ranked = [m for m in window if place_roles.get(m.start, "mentioned") != "mentioned"]
        ranked += [m for m in window if m.start in place_roles and not m.has("actor")]
        ranked += [m for m in sentence if m.start in place_roles and not m.has("actor")]  # 'وفي مسقط، التقى
        if ranked:
            pids = [p for p in resolve_places(doc, ranked[0], f.cues, f.venue) if p in f.gaz.places]
            place = pids[0] if pids else None
        venues = [m for m in window if place_roles.get(m.start, "mentioned") != "mentioned"]
        roled = [m for m in sentence if place_roles.get(m.start, "mentioned") != "mentioned"]
        venues_here = {m.start for m in venues} | {a.start for a in chosen if any(  # 'Doha, Qatar'
            venue_country(f, m, a) for m in roled)}
        # a venue is no party, unless it is the only one named: 'Russia said it would host the envoys'
        parties = [a for a in chosen if a.start not in venues_here]
        hosts_only, chosen = kind == "meeting" and not parties and bool(chosen), parties or chosen
        actor_ids: list[str] = []
        by = (demonym_agent(f, cue) or possessor_of(f, cue, p0)) if kind in _AGENT_BY_DEMONYM \
            else delegation_of(f, cue, s0) if delegations else None
        if by is not None:  # 'US strikes', 'الضربات الأمريكية', 'حملات هوایی اسرائیل'
            actor_ids.append(by)
        for a in chosen:
            if a.actor_id not in actor_ids:
                actor_ids.append(a.actor_id)
        lead = bool(before and chosen and chosen[0].start < cue.start)  # 'talks between American and
        if kind == "meeting" and not lead and len(states := nationalities_after(f, cue, s1, chosen)) >= 2:
            actor_ids = states + [a for a in actor_ids if a not in states]  # Ukrainian officials'
        # 'the upcoming talks', 'المحادثات المرتقبة': talks named as a plan need no date
        near = f.event_in(doc.reach_back(cue.start, 2), doc.reach(cue.end, 2) + 1)
        ahead = cue.has("needs_date") and kind == "meeting" and any(h.has("planned_talks") for h in near)
        # 'postponed the talks', 'تأجيل المحادثات', 'مذاکرات به تعویق افتاد': talks called off need no date
        off = cue.has("needs_date") and kind == "meeting" and any(h.has("called_off") for h in f.event_in(
            doc.reach_back(cue.start, _OFF_NEAR), doc.reach(cue.end, _OFF_NEAR) + 1))
        here = f.event_in(s0, s1)
        held = any(h.has("held") for h in here)  # 'were held', 'will be held'
        sides = any(h.has("both_sides") for h in here)
        plan = cue.has("needs_date") and any(h.has("scheduled") for h in here)  # 'a third round is set for'
        told_round = kind == "meeting" and bool(chosen) and not (after or by) \
            and told_of(cue, cues[max(0, k - 2):k], p0)
        if kind == "meeting" and (hosts_only or told_round or (not actor_ids and (ahead or sides or plan))):
            # 'the two sides will meet again', 'its first round was held in Muscat, Oman': the last talks'
            actor_ids = next((e.actor_ids.split(";") for e in out[::-1] if e.kind == "meeting"), actor_ids)
        if not actor_ids and kind in STATEMENTS and speakers and si in speakers:
            actor_ids = [speakers[si]]  # 'وأضاف في حديثه لشبكة فوكس نيوز': the sentence's speaker
        if kind in _RECIPROCAL:
            actor_ids = with_their_people(f, actor_ids, [a for a in f.actors_in(p0, s1) if usable(a)])
        if not actor_ids or (kind == "visit" and not sentence):
            continue  # a visit goes somewhere: 'وارد مرحله جدید شد' (entered a new phase) is none
        seen.add((si, kind))
        o_s0, o_s1 = doc.orig_span(s0, s1)
        o_cue = offsets[cue.start]
        if dates is None:
            dates, latest = _dates(f)
            date_starts = [d.start for d in dates]  # in text order
            lines = datelines(art.text, dates)  # 'ISTANBUL, May 16. /TASS/.': its paragraphs' day
        in_sentence = [d for d in _starting_in(dates, date_starts, o_cue if second else o_s0, o_s1 + 1)
                       if d.end <= o_s1]  # an earlier one is dated by what follows it
        in_sentence = not_since(in_sentence, [since_span(doc, c.end) for c in here if c.has("since")],
                                offsets, art.text)  # not 'the first trip since taking office last week'
        # (an act's 'that' only right after it: 'passed a resolution to that effect on Thursday' is dated
        # Thursday)
        said = min([c.start for c in f.speech_in(cue.end, s1) if c.has("comp") and text[c.start].isalpha()
                    and not text[c.start - 1].isalpha()
                    and not (cue.has("act") and doc.tokens_between(cue.end, c.start) > 0)],
                   default=None) \
            if kind == "announcement" else None  # what was said starts here: 'announced that … next week'
        if said is not None:
            in_sentence = [d for d in in_sentence if d.start < offsets[said]]
        # 'announced on Monday that talks will be held next week': Monday is the saying's, not the plan's
        # (a past happening reported is dated by the saying: 'أعلن أمس أنه التقى')
        if told_at is not None and ahead_in(art.text[offsets[told_at]:o_s1]):
            in_sentence = [d for d in in_sentence if d.start >= offsets[told_at]]
        if kind == "announcement" and cue.has("needs_date"):  # 'said on Friday', not what was said
            o_end = offsets[cue.end - 1] + 1
            lang = doc.lang_at(cue.start)
            in_sentence = [d for d in in_sentence if says_when(f, lang, d.start, d.end, o_cue, o_end, o_s0)]
        # a call or a statement is about what follows it: an event word of another kind there starts
        # its own matter, with its own date and plan ('discussed in a phone call the upcoming talks
        # set for Friday'); a visit and its talks share theirs ('arrived for talks on Friday')
        other = next((c.start for c in rest_before(cues, k, s1) if c.idents("event")[0] != kind), s1) \
            if kind in _ABOUT else s1
        in_sentence = [d for d in in_sentence if other == s1 or d.start < offsets[other]]
        if cue.has("needs_date") and not ahead \
                and not any(d.date is not None or d.no_year is not None for d in in_sentence) \
                and not (held and kind == "meeting") and not cue.has("recap") and not earlier and not off:
            # 'were held' makes talks a happening, not a saying; so does a count of rounds ('five rounds
            # of talks since April'), and an earlier round named ('after a previous round of talks')
            seen.discard((si, kind))
            continue  # 'the talks' without a date in its sentence: a subject, not a happening
        date: dt.date | None
        if in_sentence:
            d = nearest_mention(in_sentence, o_cue, earlier)  # a day it can name
            date = d.date
            precision = d.precision if d.date is not None else "unknown"
            basis = _words_basis(d, f"'{d.surface}'" + (" (relative)" if d.relative else ""))
        elif cue.has("recap"):  # 'four rounds of negotiations': earlier talks, not the report's day
            date, precision, basis = None, "unknown", RECAP
        elif earlier:
            date, precision, basis = None, "unknown", "an earlier one, undated"
        elif (line := last_before(lines, o_s0)) is not None:
            date, basis = line.date, _words_basis(line, f"dateline '{line.surface}'")
            precision = "day" if line.date else "unknown"
        elif art.published.date is not None:
            date, precision, basis = art.published.date, art.published.precision, ARTICLE_DATE
        elif latest is not None:  # a day and month without a year: the closing pass may find its year
            date, precision = latest.date, "day" if latest.date else "unknown"
            basis = _words_basis(latest, "undated article: the latest day its text names, "
                                 f"'{latest.surface}'")
        else:
            date, precision, basis = None, "unknown", "undated article"
        context = [c for c in f.event_in(s0, cue.start)  # 'since the war', 'after the strikes'
                   if (c.has("context") or c.has("after")) and c.end <= cue.start
                   and doc.tokens_between(c.end, cue.start) <= _CONTEXT_TOKENS]
        if context:
            if kind != "strike" and any(c.idents("event")[0] == kind for c in rest_before(cues, k, s1)):
                seen.discard((si, kind))  # the news is the next one: 'بعد الاجتماع مع حماس' beside
                continue  # 'امروز ما چهار ساعت جلسه داشتیم' after 'با اشاره به محتوای جلسات'
            # 'since the war' is background whatever else its clause says, and so is an attack the
            # news follows ('talks resumed after the strikes'); a meeting or a statement it follows
            # ('announced after a meeting') is a happening, background only when dated weeks back
            status = "background" if kind == "strike" or any(c.has("context") for c in context) \
                or earlier or older(f, date, precision) else "happened"
        else:
            c0, c1 = clause_span(doc, cue.start, breaks)
            if other < s1:  # and the words that qualify it: 'the upcoming nuclear talks'
                c1 = min(c1, max(cue.end, doc.reach_back(other, 2)))
            if kind in STATEMENTS:  # what it announced is not when: 'announced moving the upcoming talks'
                c0 = max(c0, doc.reach_back(cue.start, 2))  # 'will announce', 'is expected to announce'
                c1 = min(c1, said if said is not None else c1, doc.reach(cue.end, 1) + 1)
            status = event_status(f, cue, kind, c0, c1, date, precision, dated_here=bool(in_sentence))
        # an earlier one; and in a dated report, an attack named by its agent with no day of its own
        # ('Israel's attacks', 'الضربات الإسرائيلية'): the war recalled, not the day's news, which is dated
        if prior or (kind == "strike" and by is not None and not in_sentence and status == "happened"
                     and art.published.date is not None):
            status = "background"
        if told and status == "happened":
            status = "planned"
        if ahead and status == "happened" and not held:
            status = "planned"  # 'the upcoming talks'
        # a second of its kind is another happening only by its status ('held talks and agreed to meet
        # again'); a plan is not dated by the day it was reported
        if second and not prior and any(e.kind == kind and e.start == o_s0 and e.status == status
                                        for e in out):
            continue
        if not in_sentence and (status == "planned" or (status == "background" and basis == ARTICLE_DATE)):
            # a plan is not dated by the day it was reported, nor is the past it recalls
            date, precision, basis = None, "unknown", f"{status}, no date given ({basis})"
        out.append(Event(event_id(kind, actor_ids, place, date), doc.segment_idx(cue.start), date, precision,
                         basis, kind, ";".join(actor_ids), place, o_s0, o_s1, art.text[o_s0:o_s1], status))
    out = dated_by_its_report(out, lambda e: event_id(e.kind, e.actor_ids.split(";"), e.place_id, e.date))
    return _one_per_happening(out, f.cues.specificity, f.cues.statements_fold_into)


_OPEN_QUOTES = "\u201c\u00ab"
_QUOTE_RUN = 15  # characters of quoted words before a name that make it part of the quotation
_CLOSE_QUOTES = "\u201d\u00bb"
_RECIPROCAL = ("meeting", "call")
_OFF_NEAR = 3  # words between a talks noun and the word that calls it off ('postponed the talks')
_SAME_TALKS = 3  # words between two talks words of one happening ('a new round of the talks')
_ABOUT = ("call", "speech", "announcement")  # kinds that can be about another happening


_DATELINE_CHARS = 60  # a dateline ends with its dash this close to the start of a paragraph
_DATELINE_DASHES = (" \u2013 ", " \u2014 ", " - ", " -- ")
_DATELINE_WORDS = 6


def _after_dateline(text: str, s0: int, cue: int) -> int:
    """Where a paragraph's first sentence starts after its dateline ('DUBAI, United Arab Emirates
    (AP) — ', 'القاهرة - '): the places and agencies named there take no part in its events."""
    if s0 > 0 and text[s0 - 1] != "\n":
        return s0
    head = text[s0:min(cue, s0 + _DATELINE_CHARS)]
    ends = [i for i in (head.find(d) for d in _DATELINE_DASHES) if i > 0]
    if not ends or len(head[:min(ends)].split()) > _DATELINE_WORDS:
        return s0
    k = min(ends)
    return s0 + k + len(next(d for d in _DATELINE_DASHES if head.startswith(d, k)))


def _quoted(text: str, s0: int, at: int) -> bool:
    """True when ``at`` lies inside a quotation opened since ``s0`` ('“… Araghchi and Witkoff …,” the
    Omani minister said in a post on X': the names quoted did not post it)."""
    span = text[s0:at]
    opened = sum(span.count(q) for q in _OPEN_QUOTES) - sum(span.count(q) for q in _CLOSE_QUOTES)
    # a name set in quotes ('وأوضح "روبيو"') is no quotation: the words must run on before it
    return opened > 0 and len(span) - max(span.rfind(q) for q in _OPEN_QUOTES) > _QUOTE_RUN


def _starting_in(items: list[_T], starts: list[int], lo: int, hi: int) -> list[_T]:
    """The items whose start (``starts``, sorted) lies in [lo, hi)."""
    return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _one_per_happening(found: list[Event], order: tuple[str, ...], folds: tuple[str, ...]) -> list[Event]:
    """Within a sentence, drop an event whose actors another, more specific kind shares
    with the same status ('Fidan received Araghchi in Ankara and met him': a visit with its meeting
    is one visit; 'X stated in an interview' is the interview; 'X announced it will meet Y' is an
    announcement and a planned meeting)."""
    rank = {k: i for i, k in enumerate(order)}
    by_span: dict[tuple[int, int], list[Event]] = {}  # the events of each sentence
    for e in found:
        by_span.setdefault((e.start, e.end), []).append(e)
    keep: list[Event] = []
    for e in found:
        mine = set(e.actor_ids.split(";"))
        if any(o is not e and (o.status == "planned") == (e.status == "planned")
               and ((e.kind in rank and rank.get(o.kind, 99) < rank[e.kind])
                    or (e.kind == "announcement" and o.kind in folds))
               and mine & set(o.actor_ids.split(";"))
               for o in by_span[(e.start, e.end)]):
            continue
        keep.append(e)
    return keep


_CONTEXT_TOKENS = 2  # 'after the US strikes': a context word this close before the event word
