"""Actor mentions: names, surnames, titles resolved to their holder, one-letter typos.

Rules (see DESIGN.md):
- a name or alias that belongs to one actor is a mention of it; a surname shared by two
  actors is dropped rather than guessed;
- a role title next to a person's name ('وزير الخارجية الأمريكي ماركو روبيو', 'جيه دي فانس
  نائب الرئيس الأمريكي') is one mention of that person; a title alone is the person the article
  put it next to (unless as a former holder), else the holder of the role on the article's date
  (undated article: the current holder);
- a form shared by several places (عمان: Oman / Amman) is read from nearby context words
  (venue_cues.yaml 'ambiguous'); an actor the chosen place does not belong to is dropped;
- an unmatched word of 5+ letters right after a title or next to a speech verb that is one
  edit away from exactly one surname of 6+ letters is a mention with via 'fuzzy'.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from parley.extract.cues import Cues
from parley.extract.gazetteer import ROLE_PREFIX, Gazetteer
from parley.extract.matcher import Doc, Match, PhraseMatcher, clitics
from parley.extract.records import Mention

_JOIN = ",\u060c-–—\"'«»“”()"  # commas, dashes, quotes between a name and its title
_CONTEXT_CHARS = 60
# A typo is read only for a surname this long (after a definite article): one letter away from a
# shorter one is often a common word ('السياسي' political / السيسي Sisi, 'كالات' / كالاس Kallas).
_FUZZY_SURNAME = 6


@dataclass(frozen=True)
class ActorSpan:
    """An actor mention on the normalised text (converted to a Mention at the end)."""

    start: int
    end: int
    actor_id: str
    via: str
    kind: str  # person / state / org / media
    prefix: str  # clitic letters attached before the words
    places: tuple[str, ...] = ()  # places the same words name (طهران: tehran)


def resolve_places(doc: Doc, m: Match, cues: Cues, ctx: list[Match]) -> list[str]:
    """The place ids ``m`` stands for, an ambiguous form decided by context words nearby."""
    ids = m.idents("place")
    if len(ids) < 2:
        return ids
    for amb in cues.ambiguous:
        if set(ids) <= amb.places:
            votes = {pid: 0 for pid in ids}
            # the context words near it (``ctx`` is in text order and never overlaps, so its
            # ends rise with its starts): by bisection, not a scan of the article's cue words
            near = ctx[bisect.bisect_left(ctx, m.start - _CONTEXT_CHARS, key=_end):
                       bisect.bisect_right(ctx, m.end + _CONTEXT_CHARS, key=_start)]
            for c in near:
                if c.start < m.end and c.end > m.start:
                    continue  # the name itself (سلطنة عمان is its own form)
                for pid in c.idents("ctx"):
                    if pid in votes:
                        votes[pid] += 1
            best = max(votes.values())
            winners = [p for p, v in votes.items() if v == best]
            return [amb.default if amb.default in winners or best == 0 else winners[0]]
    return ids


def _start(m: Match) -> int:
    return m.start


def _end(m: Match) -> int:
    return m.end


def _surname_via(gaz: Gazetteer, aid: str, m: Match, doc: Doc) -> str:
    actor = gaz.actors[aid]
    if actor.kind != "person":
        return "name"
    words = doc.text[m.start:m.end].split()
    full = max(len(n.split()) for n in actor.names.values())
    return "surname" if len(words) == 1 and full > 1 else "name"


def _holds(gaz: Gazetteer, aid: str, role: str) -> bool:
    return any(t.role == role for t in gaz.actors[aid].roles)


def _partner(text: str, gaz: Gazetteer, m: Match, role: str, names: list[ActorSpan], persons: list[int],
             starts: list[int], ends: list[int], used: set[int]) -> int | None:
    """The person named right after the title ('وزير الخارجية الأمريكي ماركو روبيو') or right before it
    ('مارکو روبیو، وزیر خارجه آمریکا'; after a comma only its holder), as an index into ``names``."""
    for i in persons[bisect.bisect_left(starts, m.end):bisect.bisect_right(starts, m.end + 3)]:
        n = names[i]
        gap = text[m.end:n.start]
        if i not in used and n.start >= m.end and gap.strip(" ,\u060c") == "" \
                and n.start - m.end <= 3 and (gap.strip() == "" or _holds(gaz, n.actor_id, role)):
            return i  # after a comma only its holder: 'عراقچی، وزیر خارجه ایران، ژان-نوئل بارو'
    if not m.prefix:
        for i in persons[bisect.bisect_left(ends, m.start - 3):bisect.bisect_right(ends, m.start)]:
            n = names[i]
            if i not in used and n.end <= m.start and all(ch.isspace() or ch in _JOIN
                                                          for ch in text[n.end:m.start]) \
                    and m.start - n.end <= 3 and _holds(gaz, n.actor_id, role):
                return i
    return None


def find_actor_spans(doc: Doc, gaz: Gazetteer, matches: list[Match], cues: Cues,
                     venue_cues: list[Match], signs: list[Match] | None = None) -> list[ActorSpan]:
    """Actor mentions of one article from its gazetteer matches (normalised spans); ``signs``: the
    name-sign matches, whose deputy and former words keep a title from its holder."""
    day = doc.article.published.date
    text = doc.text
    signs = sorted(signs or [], key=lambda n: n.start)  # (looked up by position, per title)
    names: list[ActorSpan] = []
    titles: list[tuple[Match, str]] = []
    for m in matches:
        places = resolve_places(doc, m, cues, venue_cues)
        actor_ids = m.idents("actor")
        if m.has("place") and len(m.idents("place")) > 1:
            countries = {gaz.places[p].country for p in places if p in gaz.places} | set(places)
            actor_ids = [a for a in actor_ids if a in countries]
        if len(actor_ids) == 1:
            aid = actor_ids[0]
            names.append(ActorSpan(m.start, m.end, aid, _surname_via(gaz, aid, m, doc),
                                   gaz.actors[aid].kind, m.prefix, tuple(places)))
        elif not actor_ids and m.has("role"):
            titles.append((m, m.idents("role")[0]))
    used: set[int] = set()
    merged: list[ActorSpan] = []
    persons = [i for i, n in enumerate(names) if n.kind == "person"]
    # names are apart and in text order: the persons near a title are found by bisection
    starts = [names[i].start for i in persons]
    ends = [names[i].end for i in persons]
    name_starts = [n.start for n in names]
    partners: list[int | None] = []
    for m, role in titles:
        partners.append(_partner(text, gaz, m, role, names, persons, starts, ends, used))
        if partners[-1] is not None:
            used.add(partners[-1])
    # a title the article has put next to a name names that person wherever it stands alone
    # ('«رستم عمرف» وزیر دفاع اوکراین … وزیر دفاع اوکراین اعلام کرد'), whatever the article's date;
    # not a former holder's ('وزير الدفاع السابق يوآف غالانت')
    bound: dict[str, set[str]] = {}
    for (m, role), i in zip(titles, partners, strict=True):
        if i is not None and not _not_holder(doc, m, signs):
            bound.setdefault(role, set()).add(names[i].actor_id)
    for (m, role), partner in zip(titles, partners, strict=True):
        if partner is not None:
            n = names[partner]
            merged.append(ActorSpan(min(m.start, n.start), max(m.end, n.end), n.actor_id, "name",
                                    n.kind, m.prefix if m.start < n.start else n.prefix))
            continue
        if gaz.roles[role].bare and " ".join(text[m.start:m.end].split()) in gaz.roles[role].bare \
                and (_state_follows(text, m.end, names, name_starts) or not _title_ends(text, m.end, cues)):
            continue  # 'وزیر امور خارجه نروژ': another state's title; 'سخنگوی وزارت خارجه ناصر ...': a name
        if _not_holder(doc, m, signs):
            continue  # 'معاون سخنگوی وزارت خارجه آمریکا', 'الرئيس الأمريكي السابق': not the holder
        holder = next(iter(bound[role])) if len(bound.get(role, ())) == 1 else gaz.holder(role, day)
        if holder is not None and holder in gaz.actors:
            merged.append(ActorSpan(m.start, m.end, holder, "title", gaz.actors[holder].kind, m.prefix))
        elif ROLE_PREFIX + role in gaz.role_actors:  # nobody known (or several): it stays a role
            merged.append(ActorSpan(m.start, m.end, ROLE_PREFIX + role, "title", "role", m.prefix))
    merged += [n for i, n in enumerate(names) if i not in used]
    merged.sort(key=lambda s: s.start)
    return merged


def _not_holder(doc: Doc, title: Match, signs: list[Match]) -> bool:
    """A deputy or former word right before the title, or a former word right after it (``signs``
    in text order: only those within 30 characters are looked at)."""
    a, b = title.start, title.end
    lo = bisect.bisect_left(signs, a - 30, key=lambda n: n.start)
    hi = bisect.bisect_right(signs, b + 30, key=lambda n: n.start)
    return any((n.has("not_holder_before") and n.end <= a and doc.tokens_between(n.end, a) == 0)
               or (n.has("not_holder_after") and n.start >= b and doc.tokens_between(b, n.start) == 0)
               for n in signs[lo:hi])


def _state_follows(text: str, end: int, names: list[ActorSpan], starts: list[int]) -> bool:
    """A state's name right after a title (only spaces between): the title is another state's."""
    i = bisect.bisect_left(starts, end)
    return i < len(names) and names[i].kind == "state" and names[i].start - end <= 2 \
        and not text[end:names[i].start].strip()


def _title_ends(text: str, end: int, cues: Cues) -> bool:
    """What follows a bare title shows it stands alone: punctuation, the end, a function word or a
    speech verb ('سخنگوی وزارت امور خارجه گفت', '... در نشست خبری'), not a name it introduces."""
    rest = text[end:end + 40].lstrip()
    if not rest or not rest[0].isalpha():
        return True
    word = rest.split()[0]
    return any(x.has("stop") for x in cues.names.find(word)) \
        or any(x.has("verb") for x in cues.speech.find(word))


def _surnames(gaz: Gazetteer) -> dict[str, str | None]:
    """Single-word person forms (normalised) -> actor id, None when two actors share one."""
    from parley.text.normalize import normalize_text

    out: dict[str, str | None] = {}
    for a in gaz.actors.values():
        if a.kind != "person":
            continue
        for _, form in a.surface_forms():
            key = normalize_text(form).strip()
            if " " in key or len(key) < 4 or not key.isalpha():
                continue
            out[key] = a.id if out.get(key, a.id) == a.id else None
    return out


def _single_words(gaz: Gazetteer) -> frozenset[str]:
    from parley.extract.matcher import gazetteer_entries
    from parley.text.normalize import normalize_text

    keys = (normalize_text(r[0]).strip() for r in gazetteer_entries(gaz))
    return frozenset(k for k in keys if " " not in k)


def _derived(form: str, words: frozenset[str]) -> bool:
    """A known word plus a suffix (ايراني = ايران + ي): a demonym, not a typo."""
    return any(form[:-k] in words for k in (1, 2, 3) if len(form) - k >= 3)


@dataclass(frozen=True)
class _FuzzyIndex:
    """Surnames by their one-letter deletions (symmetric delete): lookups flat in gazetteer size."""

    surnames: dict[str, str | None]
    deletions: dict[str, tuple[str, ...]]
    words: frozenset[str]
    # per clitic prefix list, what a word near an anchor reads as (_fuzzy_word): the same words
    # come up near many anchors and in many articles
    memo: dict[tuple[str, ...], dict[str, tuple[str, str] | None]] = field(default_factory=dict,
                                                                           compare=False)


_MEMO_WORDS = 50_000  # words remembered per prefix list (then forgotten at once)


def _fuzzy_word(index: _FuzzyIndex, prefixes: tuple[str, ...], word: str) -> tuple[str, str] | None:
    """(actor id, clitic prefix) when ``word`` (or it after a prefix) is a one-letter typo of one
    surname only, else None."""
    surnames, words = index.surnames, index.words
    forms = [(word, "")] + [(word[len(p):], p) for p in prefixes
                            if word.startswith(p) and len(word) - len(p) >= 5]
    for form, pre in forms:
        if not form.isalpha() or form in surnames or _derived(form, words):
            continue
        keys = {k for d in _deletes(form) for k in index.deletions.get(d, ())}
        close = {surnames[k] for k in keys
                 if k[0] == form[0] and Levenshtein.distance(k, form, score_cutoff=1) <= 1}
        if len(close) == 1 and None not in close:
            aid = close.pop()
            assert aid is not None
            return aid, pre
    return None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


def _fuzzy_index(gaz: Gazetteer) -> _FuzzyIndex:
    surnames = _surnames(gaz)
    dels: dict[str, list[str]] = {}
    article = clitics().article
    for key in surnames:
        # the letters after a definite article count: السيسي is a short name, one letter from السياسي
        core = key[len(article):] if article and key.startswith(article) else key
        if len(core) < _FUZZY_SURNAME:
            continue
        for d in _deletes(key):
            dels.setdefault(d, []).append(key)
    return _FuzzyIndex(surnames, {k: tuple(v) for k, v in dels.items()}, _single_words(gaz))


_SURNAME_CACHE: dict[int, tuple[Gazetteer, _FuzzyIndex]] = {}


def fuzzy_spans(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]], anchors: list[tuple[int, int]],
                matcher: PhraseMatcher) -> list[ActorSpan]:
    """One-letter typos of a surname next to a title or speech verb (unique best only)."""
    hit = _SURNAME_CACHE.get(id(gaz))
    if hit is None or hit[0] is not gaz:
        hit = (gaz, _fuzzy_index(gaz))
        _SURNAME_CACHE[id(gaz)] = hit
    index = hit[1]
    prefixes = tuple(sorted(matcher.clitics.prefixes, key=len, reverse=True))
    memo = index.memo.setdefault(prefixes, {})
    if len(memo) > _MEMO_WORDS:
        memo.clear()
    mask = bytearray(len(doc.text) + 1)
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    out: list[ActorSpan] = []
    for a0, a1 in anchors:
        i = doc.token_index(a1)
        j = doc.token_index(a0)
        for k in (j - 2, j - 1, i + 1, i + 2, i + 3):
            if k < 0 or k >= len(doc.tokens):
                continue
            t0, t1 = doc.tokens[k]
            if t1 - t0 < 5 or any(mask[t0:t1]):
                continue
            word = doc.text[t0:t1]
            if word in memo:
                found = memo[word]
            else:
                found = memo[word] = _fuzzy_word(index, prefixes, word)
            if found is not None:
                aid, pre = found
                out.append(ActorSpan(t0 + len(pre), t1, aid, "fuzzy", gaz.actors[aid].kind, pre))
                mask[t0:t1] = b"\x01" * (t1 - t0)
    return out


def to_mentions(doc: Doc, spans: list[ActorSpan]) -> list[Mention]:
    """ActorSpans as Mention records on the article's clean text."""
    out = []
    for s in spans:
        o0, o1 = doc.orig_span(s.start, s.end)
        out.append(Mention(doc.segment_idx(s.start), s.actor_id, o0, o1, doc.article.text[o0:o1], s.via))
    return out


def nested_spans(doc: Doc, gaz: Gazetteer, matches: list[Match], matcher: PhraseMatcher,
                 kinds: tuple[str, ...] = ("state", "org")) -> list[ActorSpan]:
    """Actors of ``kinds`` named inside a role title ('المتحدث باسم البيت الأبيض'; a person:
    'نماینده ویژه ترامپ')."""
    out: list[ActorSpan] = []
    for m in matches:
        if not m.has("role") or m.has("actor"):
            continue
        for inner in matcher.find(doc.text[m.start:m.end], longest=False):
            ids = inner.idents("actor")
            if len(ids) == 1 and gaz.actors[ids[0]].kind in kinds:
                out.append(ActorSpan(m.start + inner.start, m.start + inner.end, ids[0], "name",
                                     gaz.actors[ids[0]].kind, inner.prefix))
    return out


def mention_only_spans(doc: Doc, gaz: Gazetteer, actors: list[ActorSpan], demonyms: list[Match],
                       matches: list[Match], matcher: PhraseMatcher) -> list[ActorSpan]:
    """States named by their adjective ('الضربات الأمريكية', 'Iranian state TV') and people named
    inside a role title ('نماینده ویژه ترامپ'): the article mentions them, but they hold no
    position and do nothing in an event here (an 'Iranian official' is not Iran), so they go
    to the mentions only."""
    out = nested_spans(doc, gaz, matches, matcher, kinds=("person",))
    out += [ActorSpan(d.start, d.end, d.idents("demonym")[0], "demonym", "state", d.prefix) for d in demonyms
            if d.idents("demonym")[0] in gaz.actors]
    named = sorted(actors, key=lambda a: a.start)
    starts = [a.start for a in named]
    reach = list(itertools.accumulate((a.end for a in named), max))  # the furthest end so far

    def free(s: ActorSpan) -> bool:  # no named span starting before s.end reaches past s.start
        i = bisect.bisect_left(starts, s.end) - 1
        return i < 0 or reach[i] <= s.start

    # inside a title the state or person is named even when the title joined a name
    # ('رئيس الوزراء القطري الشيخ محمد', 'استیو ویتکاف نماینده ویژه ترامپ')
    titles = [(m.start, m.end) for m in matches if m.has("role")]
    t_starts = [t[0] for t in titles]

    def in_title(s: ActorSpan) -> bool:
        i = bisect.bisect_right(t_starts, s.start) - 1
        return i >= 0 and titles[i][0] <= s.start and s.end <= titles[i][1]

    return [s for s in out if free(s) or in_title(s)]


def delegation_spans(doc: Doc, gaz: Gazetteer, nouns: list[Match], demonyms: list[Match]) -> list[ActorSpan]:
    """A delegation or side named by its nationality stands for its state ('الجانب الأوكراني',
    'the Ukrainian side', 'هیئت ایرانی'): the adjective right before the noun (English) or right
    after it (Arabic, Persian), spanning both words."""
    starts = [d.start for d in demonyms]
    out: list[ActorSpan] = []
    for n in nouns:
        k = bisect.bisect_left(starts, n.end)
        after = demonyms[k] if k < len(demonyms) and doc.tokens_between(n.end, demonyms[k].start) == 0 \
            else None
        j = bisect.bisect_left(starts, doc.reach_back(n.start, 1)) if n.start else 0
        before = [d for d in demonyms[j:bisect.bisect_left(starts, n.start)]
                  if d.end <= n.start and doc.tokens_between(d.end, n.start) == 0]
        d = after if doc.lang_at(n.start) != "en" else (before[-1] if before else None)
        if d is None or d.idents("demonym")[0] not in gaz.actors:
            continue
        lo, hi = min(n.start, d.start), max(n.end, d.end)
        prefix = (n if n.start == lo else d).prefix
        out.append(ActorSpan(lo, hi, d.idents("demonym")[0], "demonym", "state", prefix))
    return out


def possessive_mark(text: str, pos: int) -> bool:
    """An English possessive mark and a space at ``pos``: "Iran's Foreign Minister", "Hamas' leaders"."""
    n = clitics().possessive_at(text, pos)
    return bool(n) and text[pos + n:pos + n + 1].isspace()


def possessor(text: str, before: list[ActorSpan], end: int, words: int) -> ActorSpan | None:
    """The last actor of ``before`` (each ending by ``end``) when its English possessive is followed
    by at most ``words`` plain words up to ``end``: "Israel's demand", "Israel’s June 13 attack"."""
    if not before or not possessive_mark(text, before[-1].end):
        return None
    a = before[-1]
    rest = text[a.end + clitics().possessive_at(text, a.end):end]
    between = rest.split()
    if not rest[-1:].isspace() or len(between) > words \
            or not all(w.replace("-", "").isalnum() for w in between):
        return None
    return a
