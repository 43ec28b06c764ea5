"""The shortcuts of the speed5 round give what the plain code they replaced gives.

- ``positions._role_orgs``: the orgs whose id opens a role, read once per role and gazetteer,
  against the scan of every actor it replaced.
- ``sentences._abbreviated``: what follows the stop is read first, against the earlier order
  (the word before the stop first), on Hypothesis texts of the listed abbreviations.
- ``datafiles.file_key``: one stat, and the key still changes with the file and does not fail
  when the file is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.datafiles import file_key
from parley.extract.gazetteer import Actor, default_gazetteer
from parley.extract.positions import _role_orgs
from parley.extract.sentences import _ABBREV_CHARS, _abbreviated, _abbreviations


def _scan(actors: dict[str, Actor], role: str) -> tuple[Actor, ...]:
    return tuple(a for a in actors.values() if a.kind == "org" and role.startswith(a.id + "_"))


def test_role_orgs_is_the_scan_over_every_actor() -> None:
    gaz = default_gazetteer()
    roles = {t.role for a in gaz.actors.values() for t in a.roles} | set(gaz.roles)
    assert any(_scan(gaz.actors, r) for r in roles)  # some role is an org's office (iaea_director_general)
    for role in sorted(roles):
        assert _role_orgs(gaz.actors, role) == _scan(gaz.actors, role), role
    # another gazetteer's actors (a copy without one org) are read as themselves, not from the cache
    org = next(a.id for a in gaz.actors.values()
               if a.kind == "org" and any(r.startswith(a.id + "_") for r in roles))
    fewer = {k: v for k, v in gaz.actors.items() if k != org}
    for role in sorted(roles):
        assert _role_orgs(fewer, role) == _scan(fewer, role), role
    assert any(_role_orgs(gaz.actors, r) != _role_orgs(fewer, r) for r in roles)


def _abbreviated_plain(text: str, dot: int) -> bool:
    """The earlier code: the word before the stop first, then what follows it."""
    start = dot
    while start > 0 and dot - start <= _ABBREV_CHARS and text[start - 1].isalpha():
        start -= 1
    if start == dot or (start > 0 and text[start - 1].isalnum()):
        return False
    nxt = dot + 1
    while nxt < len(text) and text[nxt] == " ":
        nxt += 1
    if nxt == len(text):
        return False
    numbers, names = _abbreviations()
    word = text[start:dot]
    return (word in numbers and text[nxt].isdigit()) or (word in names and text[nxt].isupper())


_WORDS = sorted(_abbreviations()[0] | _abbreviations()[1])
_BEFORE = st.sampled_from(["", " ", "  ", "x", "1", "«", "\n", "-", "في "])
_WORD = st.sampled_from([*_WORDS, *(w.lower() for w in _WORDS), "Ab", "U.S", "x", "Abcdefg", ""])
_AFTER = st.sampled_from(["31", "5", "Bagheri", "araghchi", "في", "X", "", "\n", ".", "«A"])
# a unit: what stands before a word, the word, a stop, spaces, what follows ('in Oct. 31')
_PIECES = st.tuples(_BEFORE, _WORD, st.sampled_from([".", "", ".."]), st.sampled_from(["", " ", "   "]),
                    _AFTER).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_abbreviated_reads_as_the_plain_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    for i, ch in enumerate(text):
        if ch == ".":
            assert _abbreviated(text, i) == _abbreviated_plain(text, i), (text, i)


@pytest.mark.parametrize("text, expected", [("in Oct. 31 the", True), ("Gen. Bagheri", True),
                                            ("in Oct. the", False), ("the end. 31", False)])
def test_abbreviated_examples(text: str, expected: bool) -> None:
    assert _abbreviated(text, text.index(".")) is expected


def test_file_key_changes_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(tmp_path))
    missing = file_key("none.yaml")  # no file: a key all the same, no error
    assert missing == hash((str(tmp_path / "none.yaml"), 0.0))
    path = tmp_path / "signs.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    first = file_key("signs.yaml")
    assert first == hash((str(path), path.stat().st_mtime)) and first != missing
    os.utime(path, (2_000_000, 2_000_000))
    assert file_key("signs.yaml") != first
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("PARLEY_GAZETTEER_DIR", str(other))
    assert file_key("signs.yaml") == hash((str(other / "signs.yaml"), 0.0))
