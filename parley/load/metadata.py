"""Article metadata found in the text itself: title, outlet and URL (dates: parley.load.published).

* ``find_title(text)`` reads the clean text. If its first line looks like a headline (short,
  not ending in sentence punctuation, followed by more text) it is the title, without a
  trailing colon. Otherwise (articles that open straight into the body) the title is the
  first sentence, cut at a word boundary to ``TITLE_MAX`` characters with "…".
* ``find_outlet(text, lang)`` reads the raw text (disclaimers are cleaned away) and only
  trusts the cue shapes of data/gazetteer/outlets.yaml: a "NAME - " dateline or a "(NAME)"
  credit opening one of the first paragraphs, or NAME inside a disclaimer line.
* ``find_url(text)`` returns the first http(s) link that is not inside an embedded post
  (hosts in outlets.yaml ``embed_hosts``: t.co, pic.twitter.com, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from parley.datafiles import data_error, load_yaml
from parley.errors import GazetteerError
from parley.load.clean import load_boilerplate, lowers_alone
from parley.records import Lang
from parley.text.normalize import never_makes, normalize_text
from parley.text.segment import split_segments

_FILE = "outlets.yaml"
_LANGS = ("en", "ar", "fa")
_SHAPES = ("dateline", "credit", "disclaimer")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

TITLE_MAX = 120  # characters of a title cut from the first sentence
_HEADLINE_MAX = 200  # a first line longer than this is body, not a headline
_HEADLINE_WORDS = 30
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4…][\"'»”’)\]]*$")
_DATELINE_LINES = 10  # datelines and credits are looked for in the first paragraphs only
_DATELINE_CHARS = 80  # ... in their first characters
# A dateline has a separator after the name and a credit a '(' before it (see _load).
_CUE_CHARS = "-\u2013\u2014:|("
_CUE = re.compile(f"[{re.escape(_CUE_CHARS)}]")
_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'«»“”\[\]]+""", re.IGNORECASE)
_URL_TRAIL = ".,;:!?،؛)»”'\""


@dataclass(frozen=True)
class Outlet:
    """A news outlet: display names per language, matchable forms, domains and cue shapes."""

    id: str
    names: dict[str, str]
    forms: tuple[tuple[str, str], ...]  # (lang, surface form)
    domains: tuple[str, ...]
    shapes: frozenset[str]

    def display(self, lang: str | None) -> str:
        """The outlet's name in ``lang`` if it has one, else its English name."""
        return self.names.get(lang or "", self.names["en"])


@dataclass(frozen=True)
class _Outlets:
    outlets: tuple[Outlet, ...]
    dateline: re.Pattern[str]
    credit: re.Pattern[str]
    named: re.Pattern[str]
    named_raw: tuple[str, ...]  # the same names, lower-cased as written too, for a cheap first test
    by_form: dict[str, tuple[Outlet, str]]  # normalised form -> (outlet, lang of the form)
    embed_hosts: frozenset[str]



def _strings(entry: str, value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
        raise data_error(_FILE, entry, "expected a list of non-empty strings")
    return [x.strip() for x in items]


def _outlet(i: int, e: Any) -> Outlet:
    if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
        raise data_error(_FILE, f"#{i}", "each outlet needs an ASCII 'id' ([a-z][a-z0-9_]*)")
    oid = e["id"]
    names = e.get("name")
    if not isinstance(names, dict) or not isinstance(names.get("en"), str):
        raise data_error(_FILE, oid, "needs 'name' with at least 'en'")
    forms: list[tuple[str, str]] = []
    for lang, value in names.items():
        if lang not in _LANGS:
            raise data_error(_FILE, oid, f"unknown language '{lang}' (use {', '.join(_LANGS)})")
        forms += [(lang, x) for x in _strings(oid, value)]
    for lang, value in (e.get("aliases") or {}).items():
        if lang not in _LANGS:
            raise data_error(_FILE, oid, f"unknown language '{lang}' in aliases")
        forms += [(lang, x) for x in _strings(oid, value)]
    shapes = _strings(oid, e.get("shapes") or [])
    bad = [s for s in shapes if s not in _SHAPES]
    if bad:
        raise data_error(_FILE, oid, f"unknown shape '{bad[0]}' (use {', '.join(_SHAPES)})")
    return Outlet(id=oid, names={k: str(v).strip() for k, v in names.items()}, forms=tuple(forms),
                  domains=tuple(d.lower() for d in _strings(oid, e.get("domains") or [])),
                  shapes=frozenset(shapes))


def _form_pattern(forms: list[str]) -> str:
    forms = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> _Outlets:
    data = load_yaml(_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise data_error(_FILE, None, "top level must have 'outlets: [...]'")
    outlets = tuple(_outlet(i, e) for i, e in enumerate(data["outlets"]))
    ids = [o.id for o in outlets]
    dup = next((x for x in ids if ids.count(x) > 1), None)
    if dup:
        raise data_error(_FILE, dup, "duplicate id")
    by_form: dict[str, tuple[Outlet, str]] = {}
    for o in outlets:
        for lang, form in o.forms:
            key = " ".join(normalize_text(form).split())
            other = by_form.get(key)
            if other is not None and other[0].id != o.id:
                raise data_error(_FILE, o.id, f"name '{form}' is also outlet '{other[0].id}'")
            by_form[key] = (o, lang)

    def pattern(shape: str) -> str:
        return _form_pattern([k for k, (o, _) in by_form.items() if shape in o.shapes]) or r"(?!x)x"

    edge_l, edge_r = r"(?<![\w.])", r"(?![\w])"
    hosts = _strings("embed_hosts", data.get("embed_hosts") or [])
    return _Outlets(
        outlets=outlets,
        dateline=re.compile(rf"^\s*({pattern('dateline')}){edge_r}\s*[-\u2013\u2014:|]\s", re.I),
        credit=re.compile(rf"^[^\n(]{{0,40}}\(\s*({pattern('credit')})\s*\)", re.I),
        named=re.compile(rf"{edge_l}({pattern('disclaimer')}){edge_r}", re.I),
        named_raw=tuple({f.lower() for o in outlets if "disclaimer" in o.shapes for _, f in o.forms}
                        | {k for k, (o, _) in by_form.items() if "disclaimer" in o.shapes}),
        by_form=by_form,
        embed_hosts=frozenset(h.lower() for h in hosts),
    )


def load_outlets() -> tuple[Outlet, ...]:
    """Read and validate outlets.yaml; raises GazetteerError naming the file and entry."""
    return _outlets().outlets


def _outlets() -> _Outlets:
    from parley.datafiles import gazetteer_path

    path = gazetteer_path(_FILE)
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise GazetteerError(f"{path}: file not found") from exc
    return _load(str(path), mtime)


def _lookup(data: _Outlets, surface: str, lang: str | None) -> str:
    outlet, form_lang = data.by_form[" ".join(surface.split())]
    return outlet.display(lang if lang in outlet.names else form_lang)


def find_outlet(text: str, lang: Lang | None = None) -> str | None:
    """The outlet the text names as its publisher (dateline, credit, disclaimer), or None.

    Returns the outlet's name in ``lang`` when it has one (else in the language it was
    written in, else English): "خبرني" for an Arabic dateline, "Gate" from a disclaimer.
    """
    data = _outlets()
    lines = [ln for ln in text.split("\n") if ln.strip()]
    cheap = never_makes(_CUE_CHARS)
    for line in lines[:_DATELINE_LINES]:
        if cheap and _CUE.search(line, 0, _DATELINE_CHARS) is None:
            continue  # neither a dateline's separator nor a credit's '(': no need to normalise
        head = normalize_text(line[:_DATELINE_CHARS])
        m = data.dateline.match(head) or data.credit.match(head)
        if m:
            return _lookup(data, m.group(1), lang)
    names = data.named_raw
    if lowers_alone(text):  # lower-casing is per character: test the whole text once
        whole = text.lower()
        names = tuple(name for name in names if name in whole)
        if not names:
            return None
    bp = load_boilerplate()
    for line in lines:
        low = line.lower()
        if not any(name in low for name in names):  # cheap test: the name must be there
            continue
        norm = normalize_text(line)
        key = " " + " ".join(re.sub(r"[\W_]+", " ", norm.lower()).split()) + " "
        m2 = data.named.search(norm)
        if m2 and any(p in key for p in bp.contains):
            return _lookup(data, m2.group(1), lang)
    return None


def outlet_from_url(url: str | None, lang: Lang | None = None) -> str | None:
    """The outlet whose domain serves ``url`` (outlets.yaml ``domains``), or None."""
    if not url:
        return None
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").lower()
    where = host + parts.path.lower()
    for outlet in _outlets().outlets:
        for domain in outlet.domains:
            d_host = domain.split("/", 1)[0]
            if (host == d_host or host.endswith("." + d_host)) and (
                    "/" not in domain or where.replace("www.", "", 1).startswith(domain)):
                return outlet.display(lang)
    return None


def _next_link_at(text: str, low: str, pos: int) -> int | None:
    """Where the next _URL match from ``pos`` on can start (None: there is none). A link holds
    its '://' (after at most 'https') or opens with 'www.' in any case; ``low`` is the text
    lower-cased. Matching then starts there, not at every position before it."""
    starts = []
    scheme = text.find("://", pos)
    if scheme >= 0:
        starts.append(max(pos, scheme - len("https")))
    www = low.find("www.", pos)  # under re.IGNORECASE 'w' matches only w and W
    if www >= 0:
        starts.append(pos if "\u0130" in text else www)  # lower-casing makes İ two characters
    return min(starts) if starts else None


def find_url(text: str) -> str | None:
    """The first link in ``text`` that is not inside an embedded post (t.co, pic.twitter...)."""
    low = text.lower()
    pos = _next_link_at(text, low, 0)
    if pos is None:
        return None
    hosts = _outlets().embed_hosts
    while pos is not None:
        m = _URL.search(text, pos)
        if m is None:
            return None
        url = m.group().rstrip(_URL_TRAIL)
        pos = _next_link_at(text, low, m.end())  # matches do not overlap: go on after this one
        full = url if "://" in url else f"http://{url}"
        host = (urlsplit(full).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if not host or "." not in host or any(host == h or host.endswith("." + h) for h in hosts):
            continue
        return url
    return None


def _has_letters(s: str) -> bool:
    return any(ch.isalpha() for ch in s)


def _cut(s: str, limit: int) -> str:
    if len(s) <= limit:
        return s
    head = s[:limit].rsplit(None, 1)[0] if " " in s[:limit] else s[:limit]
    return head.rstrip(" ،,;:-–—") + "…"


def find_title(text: str) -> str | None:
    """The headline of a clean text: its first line if headline-like, else its first sentence (cut)."""
    # Only the first line with letters is read, and whether another follows it.
    lines = (ln for ln in (raw.strip() for raw in text.split("\n")) if ln and _has_letters(ln))
    first = next(lines, None)
    if first is None:
        return None
    more = next(lines, None) is not None
    if (more and len(first) <= _HEADLINE_MAX and len(first.split()) <= _HEADLINE_WORDS
            and not _SENTENCE_END.search(first)):
        return first.rstrip(" :：-–—|") or first
    spans = split_segments(first)
    sentence = first[spans[0][0]:spans[0][1]] if spans else first
    return _cut(sentence, TITLE_MAX)
