"""Load and validate the gazetteer: actors, roles (titles with dated holders) and places.

The data lives in data/gazetteer/{actors,roles,places}.yaml, keyed by ISO codes ar/fa/en
with stable ASCII ids. Every problem raises GazetteerError naming the file and the entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from parley.datafiles import data_error, load_yaml
from parley.extract.records import ReferenceRows
from parley.text.normalize import normalize_text

LANGS = ("en", "ar", "fa")
KINDS = ("person", "state", "org", "media")
SIDES = ("us", "iran", "mediator", "israel", "gulf", "europe", "media", "other")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class RoleTerm:
    """An actor holding a role from ``start`` to ``end`` (None: open)."""

    role: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None  # undated article: the current holder
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class _Named:
    """Names and aliases per language, shared by actors and places."""

    names: dict[str, str]
    aliases: dict[str, tuple[str, ...]]

    @property
    def name_en(self) -> str:
        return self.names["en"]

    def surface_forms(self) -> list[tuple[str, str]]:
        """Every (lang, form) this entry may be written as."""
        forms = [(lang, name) for lang, name in self.names.items()]
        forms += [(lang, a) for lang, al in self.aliases.items() for a in al]
        # 'Iran's parliament' is also typeset 'Iran’s parliament'
        forms += [(lang, f.replace("'", "\u2019")) for lang, f in forms if "'" in f]
        return forms


@dataclass(frozen=True)
class Actor(_Named):
    id: str
    kind: str
    side: str
    names: dict[str, str]  # lang -> canonical name
    aliases: dict[str, tuple[str, ...]]  # lang -> other surface forms (surnames included)
    roles: tuple[RoleTerm, ...] = ()
    country: str | None = None  # for states and people: their country's actor id



@dataclass(frozen=True)
class Role:
    """A title that can stand for a person ('وزير الخارجية الأمريكي' -> the holder at the date)."""

    id: str
    titles: dict[str, tuple[str, ...]]
    # titles that name no state ('وزیر امور خارجه', as the Iranian press writes its own minister):
    # normalised; another state's name right after one makes it that state's title, not this role
    bare: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Place(_Named):
    id: str
    kind: str  # city / country / region / venue
    names: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    country: str | None
    lat: float | None
    lon: float | None



@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, Actor]
    roles: dict[str, Role]
    places: dict[str, Place]
    holders: dict[str, tuple[tuple[str, RoleTerm], ...]] = field(default_factory=dict)
    # A title whose holder is unknown at the article's date stays a role: one pseudo-actor per
    # role ('role_us_special_envoy', kind 'role'), stored with the actors but never matched by name.
    role_actors: dict[str, Actor] = field(default_factory=dict)

    def holder(self, role_id: str, day: dt.date | None) -> str | None:
        """The actor id holding ``role_id`` on ``day`` (None if nobody, or ambiguous)."""
        found = [aid for aid, term in self.holders.get(role_id, ()) if term.covers(day)]
        return found[0] if len(found) == 1 else None

    def reference_rows(self) -> ReferenceRows:
        """The actors and places tables' rows (role pseudo-actors included), for the store."""
        actor_rows = tuple(
            {"actor_id": a.id, "name_en": a.name_en, "name_ar": a.names.get("ar"),
             "name_fa": a.names.get("fa"), "kind": a.kind, "side": a.side,
             "role": ";".join(dict.fromkeys(t.role for t in a.roles)) or None}
            for a in (*self.actors.values(), *self.role_actors.values()))
        place_rows = tuple(
            {"place_id": p.id, "name_en": p.name_en, "name_ar": p.names.get("ar"),
             "name_fa": p.names.get("fa"), "country": p.country, "lat": p.lat, "lon": p.lon}
            for p in self.places.values())
        return ReferenceRows(actor_rows, place_rows)



def _lang_map(file: str, entry: str, value: Any, *, lists: bool) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise data_error(file, entry, "expected a mapping keyed by en/ar/fa")
    out: dict[str, Any] = {}
    for lang, v in value.items():
        if lang not in LANGS:
            raise data_error(file, entry, f"unknown language '{lang}' (use {', '.join(LANGS)})")
        if lists:
            items = [v] if isinstance(v, str) else v
            if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                raise data_error(file, entry, f"'{lang}' must be a list of non-empty strings")
            out[lang] = tuple(x.strip() for x in items)
        else:
            if not isinstance(v, str) or not v.strip():
                raise data_error(file, entry, f"'{lang}' must be a non-empty string")
            out[lang] = v.strip()
    return out


def _date(file: str, entry: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise data_error(file, entry, f"bad date '{value}' (use YYYY-MM-DD)") from exc


def _fold(form: str) -> str:
    """The form as matching sees it: normalised letters, single spaces."""
    return " ".join(normalize_text(form).split())


def _ambiguous(file: str, entry: str, value: Any, forms: list[tuple[str, str]]) -> set[str]:
    """The entry's 'ambiguous' list: forms it shares with another entry on purpose."""
    if value is None:
        return set()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise data_error(file, entry, "'ambiguous' must be a list of non-empty strings")
    own = {_fold(f) for _, f in forms}
    out = {_fold(x) for x in value}
    for x in value:
        if _fold(x) not in own:
            raise data_error(file, entry, f"ambiguous form '{x}' is not one of its names or aliases")
    return out


def _check_shared_forms(file: str, forms: dict[str, list[tuple[str, str]]],
                        ambiguous: dict[str, set[str]]) -> None:
    """No two entries may share a normalised name/alias unless both mark it 'ambiguous'."""
    owners: dict[str, list[str]] = {}
    for eid, fs in forms.items():
        for folded in dict.fromkeys(_fold(f) for _, f in fs):
            owners.setdefault(folded, []).append(eid)
    for folded, ids in owners.items():
        if len(ids) < 2:
            continue
        for eid in ids:
            if folded not in ambiguous.get(eid, set()):
                others = ", ".join(i for i in ids if i != eid)
                raise data_error(file, eid, f"name/alias '{folded}' (normalised) is also used by "
                                      f"{others}; list it under 'ambiguous' in each entry "
                                      "if that is deliberate")


def _entries(file: str, key: str) -> list[dict[str, Any]]:
    data = load_yaml(file)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise data_error(file, None, f"top level must be '{key}: [...]'")
    seen: set[str] = set()
    for i, e in enumerate(data[key]):
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            raise data_error(file, f"#{i}", "each entry needs an 'id'")
        if not _ID.match(e["id"]):
            raise data_error(file, e["id"], "id must be lower-case ASCII: [a-z][a-z0-9_]*")
        if e["id"] in seen:
            raise data_error(file, e["id"], "duplicate id")
        seen.add(e["id"])
    entries: list[dict[str, Any]] = data[key]
    return entries


def _load_roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    title_owner: dict[str, str] = {}
    for e in _entries("roles.yaml", "roles"):
        titles = _lang_map("roles.yaml", e["id"], e.get("titles"), lists=True)
        if not titles:
            raise data_error("roles.yaml", e["id"], "needs 'titles' in at least one language")
        bare = _lang_map("roles.yaml", e["id"], e.get("bare_titles"), lists=True)
        titles = {lang: titles.get(lang, ()) + bare.get(lang, ()) for lang in {*titles, *bare}}
        for title in (t for ts in titles.values() for t in ts):
            owner = title_owner.setdefault(_fold(title), e["id"])
            if owner != e["id"]:
                raise data_error("roles.yaml", e["id"], f"title '{title}' (normalised) is also a "
                                                  f"title of '{owner}'")
        roles[e["id"]] = Role(id=e["id"], titles=titles,
                              bare=frozenset(_fold(t) for ts in bare.values() for t in ts))
    return roles


def _load_actors(roles: dict[str, Role]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    ambiguous: dict[str, set[str]] = {}
    for e in _entries("actors.yaml", "actors"):
        aid = e["id"]
        if e.get("kind") not in KINDS:
            raise data_error("actors.yaml", aid, f"kind must be one of {', '.join(KINDS)}")
        if e.get("side") not in SIDES:
            raise data_error("actors.yaml", aid, f"side must be one of {', '.join(SIDES)}")
        names = _lang_map("actors.yaml", aid, e.get("name"), lists=False)
        if "en" not in names:
            raise data_error("actors.yaml", aid, "needs name.en")
        terms = []
        for r in e.get("roles") or []:
            if not isinstance(r, dict) or r.get("role") not in roles:
                raise data_error("actors.yaml", aid, f"unknown role {r!r} (define it in roles.yaml)")
            term = RoleTerm(r["role"], _date("actors.yaml", aid, r.get("from")),
                            _date("actors.yaml", aid, r.get("to")))
            if term.start is not None and term.end is not None and term.end < term.start:
                raise data_error("actors.yaml", aid, f"role '{term.role}' ends before it starts")
            terms.append(term)
        actors[aid] = Actor(
            id=aid, kind=e["kind"], side=e["side"], names=names,
            aliases=_lang_map("actors.yaml", aid, e.get("aliases"), lists=True),
            roles=tuple(terms), country=e.get("country"),
        )
        ambiguous[aid] = _ambiguous("actors.yaml", aid, e.get("ambiguous"),
                                    actors[aid].surface_forms())
    for a in actors.values():
        if a.country is not None and a.country not in actors:
            raise data_error("actors.yaml", a.id, f"country '{a.country}' is not an actor id")
    _check_shared_forms("actors.yaml", {a.id: a.surface_forms() for a in actors.values()},
                        ambiguous)
    return actors


def _load_places(actors: dict[str, Actor]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    ambiguous: dict[str, set[str]] = {}
    for e in _entries("places.yaml", "places"):
        pid = e["id"]
        names = _lang_map("places.yaml", pid, e.get("name"), lists=False)
        if "en" not in names:
            raise data_error("places.yaml", pid, "needs name.en")
        country = e.get("country")
        if country is not None and country not in actors:
            raise data_error("places.yaml", pid, f"country '{country}' is not an actor id")
        lat, lon = e.get("lat"), e.get("lon")
        for v, lo, hi in ((lat, -90, 90), (lon, -180, 180)):
            if v is not None and not (isinstance(v, int | float) and lo <= v <= hi):
                raise data_error("places.yaml", pid, f"bad coordinate {v!r}")
        places[pid] = Place(
            id=pid, kind=str(e.get("kind", "city")), names=names,
            aliases=_lang_map("places.yaml", pid, e.get("aliases"), lists=True),
            country=country, lat=lat, lon=lon,
        )
        ambiguous[pid] = _ambiguous("places.yaml", pid, e.get("ambiguous"),
                                    places[pid].surface_forms())
    _check_shared_forms("places.yaml", {p.id: p.surface_forms() for p in places.values()},
                        ambiguous)
    return places


def load_gazetteer() -> Gazetteer:
    """Read and validate the gazetteer files; raises GazetteerError naming file and entry."""
    roles = _load_roles()
    actors = _load_actors(roles)
    places = _load_places(actors)
    holders: dict[str, list[tuple[str, RoleTerm]]] = {}
    for a in actors.values():
        for t in a.roles:
            holders.setdefault(t.role, []).append((a.id, t))
    return Gazetteer(actors=actors, roles=roles, places=places,
                     holders={k: tuple(v) for k, v in holders.items()},
                     role_actors=_role_actors(roles, actors, holders))


ROLE_PREFIX = "role_"


def _role_actors(roles: dict[str, Role], actors: dict[str, Actor],
                 holders: dict[str, list[tuple[str, RoleTerm]]]) -> dict[str, Actor]:
    """One 'role' actor per role, named by its first title in each language, on the side its
    holders share (else 'other')."""
    out: dict[str, Actor] = {}
    for r in roles.values():
        rid = ROLE_PREFIX + r.id
        if rid in actors:
            raise data_error("roles.yaml", r.id, f"'{rid}' is also an actor id")
        sides = {actors[aid].side for aid, _ in holders.get(r.id, ())}
        names = {lang: titles[0] for lang, titles in r.titles.items() if titles}
        names.setdefault("en", r.id.replace("_", " "))
        out[rid] = Actor(id=rid, kind="role", side=sides.pop() if len(sides) == 1 else "other",
                         names=names, aliases={})
    return out


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer loaded once per process."""
    return load_gazetteer()
