"""Load and validate the cue files of extraction (language data, never Python literals).

Files under data/gazetteer/: speech_verbs.yaml, topics.yaml, stances.yaml, venue_cues.yaml,
event_cues.yaml, name_signs.yaml (clitics.yaml is read by the matcher). Lists are keyed by
ar/fa/en; every problem raises GazetteerError naming the file and the entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.datafiles import data_error, load_yaml
from parley.extract.matcher import PhraseMatcher, phrase_key

LANGS = ("en", "ar", "fa")
_AR = ("ar",)  # clitic prefixes are Arabic
Rows = list[tuple[str, str, str, str]]



def lang_lists(file: str, entry: str, value: Any, *, allow_empty: bool = False) -> dict[str, tuple[str, ...]]:
    """Validate a mapping lang -> list of phrases; raises GazetteerError naming file and entry."""
    if not isinstance(value, dict):
        raise data_error(file, entry, "expected a mapping keyed by en/ar/fa")
    out: dict[str, tuple[str, ...]] = {}
    for lang, items in value.items():
        if lang not in LANGS:
            raise data_error(file, entry, f"unknown language '{lang}' (use {', '.join(LANGS)})")
        if items is None:
            items = []
        if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
            raise data_error(file, entry, f"'{lang}' must be a list of non-empty strings")
        out[lang] = tuple(str(x).strip() for x in items)
    if not allow_empty and not any(out.values()):
        raise data_error(file, entry, "needs at least one phrase")
    return out


def _rows(label: str, ident: str, lists: dict[str, tuple[str, ...]]) -> Rows:
    return [(form, label, ident, lang) for lang, forms in lists.items() for form in forms]


def _mapping(file: str) -> dict[str, Any]:
    data = load_yaml(file)
    if not isinstance(data, dict):
        raise data_error(file, None, "top level must be a mapping")
    return data


def _section(file: str, data: dict[str, Any], key: str) -> Any:
    if key not in data:
        raise data_error(file, key, "missing")
    return data[key]


@dataclass(frozen=True)
class StanceInfo:
    """A stance's polarity, cue strength and default topic."""

    polarity: int
    strength: float
    default_topic: str | None


@dataclass(frozen=True)
class AmbiguousPlace:
    """Places sharing a written form, and the reading used when context does not decide."""

    places: frozenset[str]
    default: str


@dataclass(frozen=True)
class Cues:
    """Every cue matcher of extraction, built once per gazetteer folder."""

    speech: PhraseMatcher  # verb, participle, comp, according, anaphor, unnamed, possessive, tell, notverb
    # stance, cond, only, neg, negafter, notneg, break, agent, restrict, butnot, uncertain, demonym, explicit,
    # neg1, noun, view, reason, with, masc, between, other, relative, neghave, talksact, dealonly,
    # witness, location, against, askto, notcue, send, deleg, act, noforce, venueok, sched, ready,
    # aim, aimof, benefit, partake
    stance: PhraseMatcher
    topic: PhraseMatcher  # topic, about, outcome, nontopic, wfrom
    # move, to, from, proposed, visit, talks, at, prepositions, proposed_after, agent_markers, purpose,
    # place_nouns, ctx, host, named_talks, scene_nouns, delegation
    venue: PhraseMatcher
    # event, hypo, needs_date, held, delegation, called_off, planned, background, context, planned_talks,
    # with, round
    event: PhraseMatcher
    names: PhraseMatcher  # title, title_word, stop, not_holder_before, not_holder_after
    specificity: tuple[str, ...]  # event kinds, most specific first
    statements_fold_into: tuple[str, ...]  # kinds an announcement of the same sentence is part of
    stances: dict[str, StanceInfo]
    topics: tuple[str, ...]
    overrides: dict[tuple[str, str], str]  # (stance, topic) -> stance
    fixed_topics: dict[str, str]  # stance -> the one topic it is about (mediation: diplomacy)
    nuclear_parties: frozenset[str]  # actor ids whose deals and talks are nuclear (the IAEA)
    not_names_en: frozenset[str]
    ambiguous: tuple[AmbiguousPlace, ...]


def _speech_rows() -> Rows:
    f = "speech_verbs.yaml"
    data = _mapping(f)
    verbs = _section(f, data, "verbs")
    if not isinstance(verbs, dict):
        raise data_error(f, "verbs", "expected a mapping keyed by en/ar/fa")
    rows: Rows = []
    for lang, kinds in verbs.items():
        if lang not in LANGS or not isinstance(kinds, dict):
            raise data_error(f, f"verbs.{lang}", "expected lang: {verb: [...], participle: [...]}")
        for kind in ("verb", "participle"):
            forms = lang_lists(f, f"verbs.{lang}.{kind}", {lang: kinds.get(kind) or []}, allow_empty=True)
            rows += _rows(kind, kind, forms)
    for key, label in (("complementizers", "comp"), ("according_to", "according"),
                       ("anaphors", "anaphor"), ("unnamed_subjects", "unnamed")):
        rows += _rows(label, label, lang_lists(f, key, _section(f, data, key)))
    rows += _rows("tell", "tell", lang_lists(f, "addressee_verbs", data.get("addressee_verbs") or {},
                                             allow_empty=True))
    rows += _rows("notverb", "notverb", lang_lists(f, "not_verbs", data.get("not_verbs") or {},
                                                   allow_empty=True))
    possessives = data.get("possessive_anaphors") or {}
    rows += _rows("possessive", "possessive",
                  lang_lists(f, "possessive_anaphors", possessives, allow_empty=True))
    return rows


def _stance_rows() -> tuple[Rows, dict[str, StanceInfo], dict[tuple[str, str], str], dict[str, str]]:
    f = "stances.yaml"
    data = _mapping(f)
    stances = _section(f, data, "stances")
    if not isinstance(stances, dict) or not stances:
        raise data_error(f, "stances", "expected a mapping stance -> cues")
    rows: Rows = []
    info: dict[str, StanceInfo] = {}
    for name, body in stances.items():
        if not isinstance(body, dict):
            raise data_error(f, str(name), "expected a mapping")
        pol = body.get("polarity")
        if pol not in (-1, 0, 1):
            raise data_error(f, str(name), "polarity must be -1, 0 or 1")
        strength = body.get("strength", 0.7)
        if not isinstance(strength, int | float) or not 0 < strength <= 1:
            raise data_error(f, str(name), "strength must be in (0, 1]")
        lists = lang_lists(f, str(name), {k: v for k, v in body.items() if k in LANGS})
        info[str(name)] = StanceInfo(int(pol), float(strength), body.get("default_topic"))
        rows += _rows("stance", str(name), lists)
    overrides: dict[tuple[str, str], str] = {}
    for i, o in enumerate(data.get("overrides") or []):
        if not isinstance(o, dict) or not {"stance", "topic", "becomes"} <= set(o):
            raise data_error(f, f"overrides #{i}", "needs stance, topic, becomes")
        if o["stance"] not in info or o["becomes"] not in info:
            raise data_error(f, f"overrides #{i}", "unknown stance")
        overrides[(o["stance"], o["topic"])] = o["becomes"]
    for key, label in (("conditions", "cond"), ("only", "only"), ("negators", "neg"),
                       ("negators_after", "negafter"), ("not_negation", "notneg"),
                       ("clause_breaks", "break"), ("agent_after", "agent"), ("restrict", "restrict"),
                       ("but_not", "butnot"), ("uncertain", "uncertain"), ("denials", "deny"),
                       ("background", "background"), ("topic_before", "topic_before"),
                       ("cancel_before", "cancel"), ("mediator_object", "medobj"), ("modal", "modal"),
                       ("explicit_demands", "explicit"), ("negators_next_word", "neg1"),
                       ("noun_cues", "noun"), ("in_view_of", "view"), ("reasons", "reason"),
                       ("companion_markers", "with"), ("masculine_verbs", "masc"),
                       ("between_markers", "between"), ("other_markers", "other"),
                       ("relative_pronouns", "relative"), ("negators_have", "neghave"),
                       ("talks_acts", "talksact"), ("deal_only", "dealonly"), ("witness_markers", "witness"),
                       ("location_markers", "location"),
                       ("against_markers", "against"), ("beneficiary_markers", "benefit"),
                       ("asked_to", "askto"), ("not_cues", "notcue"),
                       ("sending_verbs", "send"), ("delegation_words", "deleg"), ("act_nouns", "act"),
                       ("no_force", "noforce"), ("venue_agreement", "venueok"),
                       ("scheduling", "sched"), ("readiness", "ready"),
                       ("aims", "aim"), ("aims_of", "aimof"), ("participation", "partake"),
                       ("preconditions", "precond")):
        rows += _rows(label, label, lang_lists(f, key, _section(f, data, key), allow_empty=True))
    dem = _mapping("demonyms.yaml")
    demonyms = _section("demonyms.yaml", dem, "demonyms")
    if not isinstance(demonyms, dict):
        raise data_error("demonyms.yaml", "demonyms", "expected a mapping actor id -> forms")
    for state, lists in demonyms.items():
        rows += _rows("demonym", str(state), lang_lists("demonyms.yaml", str(state), lists))
    fixed = data.get("fixed_topic") or {}
    if not isinstance(fixed, dict) or not set(fixed) <= set(info):
        raise data_error(f, "fixed_topic", "expected a mapping stance -> topic")
    return rows, info, overrides, {str(k): str(v) for k, v in fixed.items()}


def _nuclear_parties() -> frozenset[str]:
    f = "topics.yaml"
    ids = _mapping(f).get("nuclear_parties") or []
    if not isinstance(ids, list) or not all(isinstance(x, str) and x for x in ids):
        raise data_error(f, "nuclear_parties", "must be a list of actor ids")
    return frozenset(ids)


def _topic_rows() -> tuple[Rows, tuple[str, ...]]:
    f = "topics.yaml"
    data = _mapping(f)
    topics = _section(f, data, "topics")
    if not isinstance(topics, dict) or not topics:
        raise data_error(f, "topics", "expected a mapping topic -> cues")
    rows: Rows = []
    for name, lists in topics.items():
        rows += _rows("topic", str(name), lang_lists(f, str(name), lists))
    rows += _rows("about", "about", lang_lists(f, "about_markers", _section(f, data, "about_markers")))
    rows += _rows("wfrom", "wfrom", lang_lists(f, "withdrawal_from", data.get("withdrawal_from") or {},
                                               allow_empty=True))
    outcomes = data.get("diplomacy_outcomes") or {}
    rows += _rows("outcome", "outcome", lang_lists(f, "diplomacy_outcomes", outcomes, allow_empty=True))
    # longer phrases that only look like a topic word ('diplomatic sources', 'در گفت‌وگو با'):
    # matched so that they win over the word inside them, and then read as no topic
    rows += _rows("nontopic", "nontopic", lang_lists(f, "not_topics", data.get("not_topics") or {},
                                                      allow_empty=True))
    return rows, tuple(str(t) for t in topics)


def _venue_rows() -> Rows:
    f = "venue_cues.yaml"
    data = _mapping(f)
    moves = _section(f, data, "moves")
    if not isinstance(moves, dict):
        raise data_error(f, "moves", "expected verbs/to/from")
    rows: Rows = []
    for key, label in (("verbs", "move"), ("to", "to"), ("from", "from")):
        rows += _rows(label, label, lang_lists(f, f"moves.{key}", _section(f, moves, key)))
    for key in ("proposed", "visit", "talks", "at", "prepositions", "proposed_after", "agent_markers",
                "place_nouns", "purpose", "host", "named_talks", "scene_nouns", "delegation", "during",
                "coordination", "here_for"):
        rows += _rows(key, key, lang_lists(f, key, _section(f, data, key)))
    rows += _rows("final_verb", "final_verb", lang_lists(f, "final_verb", _section(f, data, "final_verb")))
    # phrases that hold a proposal word but propose no place ('the proposed plan'): matched so that
    # they win over the word inside them, and then read as nothing
    rows += _rows("not_proposed", "not_proposed",
                  lang_lists(f, "not_proposed", data.get("not_proposed") or {}, allow_empty=True))
    return rows


def _ambiguous() -> tuple[Rows, tuple[AmbiguousPlace, ...]]:
    f = "venue_cues.yaml"
    data = _mapping(f)
    rows: Rows = []
    out: list[AmbiguousPlace] = []
    for i, e in enumerate(data.get("ambiguous") or []):
        if not isinstance(e, dict) or not isinstance(e.get("places"), list) or len(e["places"]) < 2:
            raise data_error(f, f"ambiguous #{i}", "needs 'places' (two or more place ids)")
        places = tuple(str(p) for p in e["places"])
        if e.get("default") not in places:
            raise data_error(f, f"ambiguous #{i}", "'default' must be one of 'places'")
        ctx = e.get("context") or {}
        if not isinstance(ctx, dict) or not set(ctx) <= set(places):
            raise data_error(f, f"ambiguous #{i}", "'context' keys must be among 'places'")
        for pid, lists in ctx.items():
            rows += _rows("ctx", str(pid), lang_lists(f, f"ambiguous #{i}.{pid}", lists))
        out.append(AmbiguousPlace(frozenset(places), str(e["default"])))
    return rows, tuple(out)


def _event_rows() -> Rows:
    f = "event_cues.yaml"
    data = _mapping(f)
    events = _section(f, data, "events")
    if not isinstance(events, dict) or not events:
        raise data_error(f, "events", "expected a mapping kind -> cues")
    rows: Rows = []
    for kind, lists in events.items():
        rows += _rows("event", str(kind), lang_lists(f, str(kind), lists))
    rows += _rows("hypo", "hypo", lang_lists(f, "hypothetical", _section(f, data, "hypothetical")))
    dated = lang_lists(f, "dated_meetings", _section(f, data, "dated_meetings"))
    rows += _rows("event", "meeting", dated) + _rows("needs_date", "needs_date", dated)
    rounds = lang_lists(f, "rounds", _section(f, data, "rounds"))
    rows += _rows("event", "meeting", rounds) + _rows("needs_date", "needs_date", rounds)
    rows += _rows("round", "round", rounds)
    said = lang_lists(f, "dated_statements", _section(f, data, "dated_statements"))
    rows += _rows("event", "announcement", said) + _rows("needs_date", "needs_date", said)
    rows += _rows("held", "held", lang_lists(f, "held_verbs", _section(f, data, "held_verbs")))
    scheduled = lang_lists(f, "scheduled_verbs", _section(f, data, "scheduled_verbs"))
    rows += _rows("held", "held", scheduled) + _rows("scheduled", "scheduled", scheduled)
    for key, label in (("called_off_markers", "called_off"), ("planned_markers", "planned"),
                       ("unrealized_markers", "unrealized"),
                       ("background_markers", "background"), ("background_before", "context"),
                       ("after_before", "after"), ("since_words", "since"),
                       ("pluperfect", "pluperfect"),
                       ("prior", "prior"), ("reported_future", "reported_future"), ("acts", "act"),
                       ("not_called_off", "not_called_off")):
        rows += _rows(label, label, lang_lists(f, key, _section(f, data, key)))
    recap = _recap(f, _section(f, data, "recap"))
    rows += _rows("event", "meeting", recap) + _rows("needs_date", "needs_date", recap)
    rows += _rows("recap", "recap", recap)
    rows += _rows("both_sides", "both_sides", lang_lists(f, "both_sides", _section(f, data, "both_sides")))
    rows += _rows("with", "with", lang_lists(f, "with_words", _section(f, data, "with_words")))
    rows += _rows("planned_talks", "planned_talks",
                  lang_lists(f, "planned_talks", _section(f, data, "planned_talks")))
    nouns = lang_lists(f, "delegation_nouns", _section(f, data, "delegation_nouns"))
    rows += _rows("delegation", "delegation", nouns)
    return rows


def _recap(f: str, data: Any) -> dict[str, tuple[str, ...]]:
    """'four rounds of negotiations': each count joined to each round word, and the whole words."""
    if not isinstance(data, dict):
        raise data_error(f, "recap", "expected counts, rounds and whole")
    counts = lang_lists(f, "recap.counts", data.get("counts"))
    rounds = lang_lists(f, "recap.rounds", data.get("rounds"))
    whole = lang_lists(f, "recap.whole", data.get("whole") or {}, allow_empty=True)
    return {lang: tuple(f"{c} {r}" for c in counts.get(lang, ()) for r in rounds.get(lang, ()))
            + whole.get(lang, ()) for lang in sorted(set(counts) | set(whole))}


def _specificity(key: str = "specificity") -> tuple[str, ...]:
    f = "event_cues.yaml"
    data = _mapping(f)
    order = data.get(key) or []
    kinds = set(_section(f, data, "events"))
    if not isinstance(order, list) or not set(order) <= kinds or len(set(order)) != len(order):
        raise data_error(f, key, f"must list event kinds ({', '.join(sorted(kinds))}) once each")
    return tuple(str(k) for k in order)


def _name_rows() -> tuple[Rows, frozenset[str]]:
    f = "name_signs.yaml"
    data = _mapping(f)
    rows: Rows = []
    for key, label in (("titles", "title"), ("title_words", "title_word"), ("stop", "stop"),
                       ("not_holder_before", "not_holder_before"), ("not_holder_after", "not_holder_after")):
        rows += _rows(label, label, lang_lists(f, key, _section(f, data, key)))
    nn = _section(f, data, "not_names_en")
    if not isinstance(nn, list) or not all(isinstance(x, str) for x in nn):
        raise data_error(f, "not_names_en", "must be a list of words")
    return rows, frozenset(str(x) for x in nn)


@lru_cache(maxsize=4)
def _load(override: str) -> Cues:
    stance_rows, info, overrides, fixed_topics = _stance_rows()
    topic_rows, topics = _topic_rows()
    for s in info.values():
        if s.default_topic is not None and s.default_topic not in topics:
            raise data_error("stances.yaml", "default_topic", f"unknown topic '{s.default_topic}'")
    for (_, topic) in overrides:
        if topic not in topics:
            raise data_error("stances.yaml", "overrides", f"unknown topic '{topic}'")
    name_rows, not_names = _name_rows()
    amb_rows, ambiguous = _ambiguous()
    for rows in (stance_rows, topic_rows):
        for form, _, ident, _ in rows:
            if not phrase_key(form)[0]:
                file = "stances.yaml" if rows is stance_rows else "topics.yaml"
                raise data_error(file, ident, f"empty cue {form!r}")
    return Cues(
        speech=PhraseMatcher(_speech_rows(), clitic_langs=_AR),
        stance=PhraseMatcher(stance_rows, clitic_langs=_AR),
        topic=PhraseMatcher(topic_rows, clitic_langs=_AR),
        venue=PhraseMatcher(_venue_rows() + amb_rows, clitic_langs=_AR),
        event=PhraseMatcher(_event_rows(), clitic_langs=_AR),
        names=PhraseMatcher(name_rows, clitic_langs=_AR),
        specificity=_specificity(),
        statements_fold_into=_specificity("statements_fold_into"),
        stances=info,
        topics=topics,
        overrides=overrides,
        fixed_topics=fixed_topics,
        nuclear_parties=_nuclear_parties(),
        not_names_en=not_names,
        ambiguous=ambiguous,
    )


def load_cues() -> Cues:
    """The validated cue matchers for the current gazetteer folder (cached per folder)."""
    return _load(os.environ.get("PARLEY_GAZETTEER_DIR", ""))
