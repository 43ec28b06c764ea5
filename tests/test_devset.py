"""The development set's scorer: texts ingested into a temporary store, scored per split."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds import REPO

from parley.devset import evaluate_devset, format_devset, is_devset, load_manifest
from parley.errors import ParleyError

GOLD = """origin: {n}.txt
split: {split}
lang: en
url: https://example.org/{n}
query: test query
story: us_iran_2025_rounds
actors: [oman, iran]
venues:
  - {{place: muscat, role: talks_venue}}
positions:
  - {{actor: oman, topic: diplomacy, stance: mediates}}
events: []
"""
TEXT = "Oman mediated between the two sides. Iran met the Omani delegation in Muscat for talks.\n"


def make_set(tmp_path: Path) -> Path:
    (tmp_path / "gold").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "gold" / "1.yaml").write_text(GOLD.format(n=1, split="tune"), encoding="utf-8")
    (tmp_path / "gold" / "2.yaml").write_text(GOLD.format(n=2, split="held"), encoding="utf-8")
    (tmp_path / "text" / "1.txt").write_text(TEXT, encoding="utf-8")  # 2.txt not fetched
    return tmp_path


def test_scores_per_split_and_lists_missing_text(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    scores, missing = evaluate_devset(root / "gold", root / "text")
    assert missing == ["2.txt"]
    assert scores["tune"]["articles"]["found"] == 1 and scores["held"]["articles"]["found"] == 0
    assert scores["tune"]["detail"]["position_recall"] == 1.0
    assert scores["tune"]["detail"]["venue_found"] == 1.0
    assert "missing text (1" in format_devset(scores, missing)


def test_a_gold_file_without_split_is_named(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    (root / "gold" / "3.yaml").write_text(GOLD.format(n=3, split="maybe"), encoding="utf-8")
    with pytest.raises(ParleyError, match=r"3\.yaml"):
        load_manifest(root / "gold")


def test_the_committed_set_is_balanced() -> None:
    entries = load_manifest(REPO / "devset" / "gold")
    assert is_devset(REPO / "devset" / "gold") and not is_devset(REPO / "tests" / "gold")
    assert len(entries) >= 45
    held = {lang: sum(e.split == "held" for e in entries if e.lang == lang) for lang in ("ar", "fa", "en")}
    for lang in ("ar", "fa", "en"):
        mine = [e for e in entries if e.lang == lang]
        assert len(mine) >= 15
        assert held[lang] == held["ar"] and sum(e.split == "tune" for e in mine) >= held[lang]
    for e in entries:  # devset/README.md: how each part's split was chosen
        n = int(Path(e.origin).stem)
        if n % 100 >= 40 and n % 100 < 70:
            assert e.split == "tune", f"{e.origin}: read before its gold was written, so tuning material only"
        elif n % 100 >= 70:
            assert e.split == ("tune" if n % 2 == 0 else "held"), f"{e.origin}: split by id parity"
    assert sum(not e.story.startswith("us_iran") for e in entries) >= 15
    assert all(e.url.startswith("http") and e.query for e in entries)


def test_a_week_precise_date_matches_a_gold_month_or_the_days_it_lists() -> None:
    """'next week' is stored as its Monday with week precision; the gold says its month, or
    lists its days. A week in another month, or days outside it, do not match."""
    import datetime as dt

    from parley.evaluate import _date_ok

    def ok(day: dt.date, precision: str, want: object) -> bool:
        return _date_ok(("meeting", ("iran",), day, precision, "planned"), want)

    monday = dt.date(2025, 4, 14)
    assert ok(monday, "week", "2025-04") and not ok(monday, "week", "2025-05")
    assert ok(monday, "week", [dt.date(2025, 4, 15), dt.date(2025, 4, 19)])
    assert not ok(monday, "week", [dt.date(2025, 4, 15), dt.date(2025, 4, 21)])
    assert not ok(monday, "week", dt.date(2025, 4, 13)) and not ok(monday, "day", "2025-04")


def test_each_text_is_ingested_with_its_page_address(tmp_path: Path) -> None:
    """An undated text whose gold address carries a day is dated by it (the default), and
    not with --no-urls; the event's date in the text is then read against that day."""
    root = make_set(tmp_path)
    gold = GOLD.format(n=1, split="tune").replace("https://example.org/1", "https://example.org/2025/05/09/x")
    gold = gold.replace("events: []", "events:\n  - {kind: meeting, actor: iran, date: 2025-05-08, "
                                      "date_in_text: true, status: happened}")
    (root / "gold" / "1.yaml").write_text(gold, encoding="utf-8")
    (root / "text" / "1.txt").write_text("Iran met the Omani delegation in Muscat on Thursday for talks.\n",
                                         encoding="utf-8")
    with_url, _ = evaluate_devset(root / "gold", root / "text")
    bare, _ = evaluate_devset(root / "gold", root / "text", urls=False)
    assert with_url["tune"]["detail"]["dates_in_text"] == 1.0
    assert bare["tune"]["detail"]["dates_in_text"] == 0.0
