"""Who takes part in an event: the state of a delegation or of a nationality adjective around the
event word, a possessive before it, the object of 'with', and a state named only as its venue's
country ('Doha, Qatar', 'الدوحة بقطر', 'دوحه قطر'), which is part of the place, not a party."""

from __future__ import annotations

from parley.extract.actors import ActorSpan, possessor
from parley.extract.capitals import capitals
from parley.extract.event_status import STATEMENTS
from parley.extract.matcher import COMMAS, Match
from parley.extract.records import Found

_DEMONYM_BEFORE = 1  # 'US airstrikes', 'Israeli strikes'
_DEMONYM_AFTER = 3  # 'ضربات جوية أمريكية', 'الضربة التي شنتها القوات الأمريكية'
_POSSESSOR_WORDS = 3  # "Israel's June 13 surprise attack": at most this many words between
_COUNTRY_AFTER = 1  # words between a city and its country ('Doha, Qatar')
_CAPITAL_OF = 3  # ... or with a capital noun between them ('Muscat, the capital of Oman')
_PARTIES_AFTER = 6  # 'محادثات بين مسؤولين أميركيين وأوكرانيين': two nationalities after the talks word
_QUALIFIER = 3  # words of title between a nationality and the person it qualifies ('التركي هاكان فيدان')


def usable(a: ActorSpan) -> bool:
    """An actor that can take part in an event: not an outlet."""
    return a.kind != "media"


def venue_country(f: Found, venue: Match, a: ActorSpan) -> bool:
    """True when ``a`` names the country of the place ``venue`` right after it ('Doha, Qatar'), or
    after a capital noun in apposition ('Muscat, the capital of Oman', 'مسقط، عاصمة عمان')."""
    if a.start < venue.end:  # the cheap test first
        return False
    places = f.gaz.places
    countries = {places[p].country for p in venue.idents("place") if p in places}
    if a.actor_id not in countries:
        return False
    gap = f.doc.tokens_between(venue.end, a.start)
    if gap <= _COUNTRY_AFTER:
        return True
    if gap > _CAPITAL_OF:
        return False
    nouns = f.capital_nouns if f.capital_nouns is not None else capitals().nouns.find(f.doc.norm)
    return any(n.has("capital") and venue.end <= n.start and n.end <= a.start for n in nouns)


def delegation_of(f: Found, cue: Match, s0: int) -> str | None:
    """The state of a delegation named by its nationality before the cue in its sentence
    ('An Israeli delegation departed for Doha', 'وصل الوفد الإيراني', 'هیئت ایرانی وارد شد')."""
    doc = f.doc
    # before the cue (its subject), or right after it (verb first: 'وصل الوفد الإيراني')
    nouns = [n for n in f.event_in(s0, cue.end + 80) if n.has("delegation")
             and (n.end <= cue.start or (n.start >= cue.end and doc.tokens_between(cue.end, n.start) <= 1))]
    if not nouns:
        return None
    # an adjective next to a noun starts at most a word past the last noun's end
    for d in f.demonyms_in(s0, max(doc.reach(n.end, 0) for n in nouns) + 1):
        for n in nouns:
            if (d.end <= n.start and doc.tokens_between(d.end, n.start) == 0) or (
                    n.end <= d.start and doc.tokens_between(n.end, d.start) == 0):
                state = d.idents("demonym")[0]
                return state if state in f.gaz.actors else None
    return None


def demonym_agent(f: Found, cue: Match) -> str | None:
    """The state named by a nationality adjective right around an event cue, or None."""
    doc = f.doc
    near = f.demonyms_ending(doc.reach_back(cue.start, _DEMONYM_BEFORE), cue.start)
    near += f.demonyms_in(cue.end, doc.reach(cue.end, _DEMONYM_AFTER) + 1)
    for d in near:
        before = d.end <= cue.start and doc.tokens_between(d.end, cue.start) <= _DEMONYM_BEFORE
        after = d.start >= cue.end and doc.tokens_between(cue.end, d.start) <= _DEMONYM_AFTER \
            and not any(ch in COMMAS for ch in doc.text[cue.end:d.start])
        if before or after:
            state = d.idents("demonym")[0]
            if state in f.gaz.actors:
                return state
    return None


def possessor_of(f: Found, cue: Match, s0: int) -> str | None:
    """The actor whose possessive ('Israel’s', "Hamas'") stands right before an event word, or in
    Persian, whose name follows it as its genitive ('حملات هوایی اسرائیل': Persian attack words are
    all nouns; the verb is 'حمله کرد', with no actor after it)."""
    before = [a for a in f.actors_in(s0, cue.start) if a.end <= cue.start and usable(a)]
    a = possessor(f.doc.text, before, cue.start, _POSSESSOR_WORDS)
    if a is None and f.doc.lang_at(cue.start) == "fa":
        a = next((b for b in f.actors_in(cue.end, f.doc.reach(cue.end, 1) + 1) if usable(b)
                  and f.doc.tokens_between(cue.end, b.start) == 0), None)
    return a.actor_id if a is not None else None


def after_with(f: Found, a: ActorSpan) -> bool:
    """The actor is the object of 'with' ('با رییس جمهور روسیه', 'مع بوتين', 'with Putin')."""
    lo = f.doc.reach_back(a.start, 1)
    return any(m.has("with") and m.end <= a.start for m in f.event_in(lo, a.start))


def with_their_people(f: Found, actor_ids: list[str], named: list[ActorSpan]) -> list[str]:
    """The event's parties, and the people its sentence names whose state is one of them ('Iran and
    the US held talks in Muscat, with Araghchi and Witkoff leading': Araghchi and Witkoff too)."""
    acts = f.gaz.actors
    states = {a for a in actor_ids if a in acts and acts[a].kind != "person"}
    more = [a.actor_id for a in named if a.kind == "person" and a.actor_id not in actor_ids
            and a.actor_id in acts and acts[a.actor_id].country in states]
    return actor_ids + list(dict.fromkeys(more))


def nationalities_after(f: Found, cue: Match, s1: int, named: list[ActorSpan]) -> list[str]:
    """The states of the nationality adjectives right after a talks word, in its sentence (ending at
    ``s1``): 'talks between American and Ukrainian officials' -> usa, ukraine; they are its parties,
    before anyone named further on ('… in which Zelensky took part by phone'). Not a nationality
    that qualifies a person of ``named`` ('استضاف وزير الخارجية التركي هاكان فيدان')."""
    doc = f.doc
    states = [d.idents("demonym")[0] for d in f.demonyms_in(cue.end, doc.reach(cue.end, _PARTIES_AFTER) + 1)
              if d.end <= s1 and not any(a.start >= d.end and doc.tokens_between(d.end, a.start) <= _QUALIFIER
                                         for a in named)]
    return list(dict.fromkeys(st for st in states if st in f.gaz.actors))


def told_of(cue: Match, before: list[Match], s0: int) -> bool:
    """A talks noun (a round, 'talks') that a statement word before it in its sentence (from ``s0``)
    tells of: 'أعلن البيت الأبيض عن جولة ثانية', 'Rubio announced a new round'. Who told of the round is
    no party to it (when no party is named after it)."""
    return cue.has("needs_date") and any(c.idents("event")[0] in STATEMENTS and s0 <= c.start
                                         for c in before)
