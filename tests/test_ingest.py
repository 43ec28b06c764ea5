"""The ingest path: files -> rows, idempotent, one transaction per article, rejects reported.

Store-touching tests run on a real SQLite file and on the real PostgreSQL server.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from seeds import SEEDS, seed
from sqlalchemy import Engine, func, select

from parley.extract.records import Event, Extraction, Mention
from parley.ingest import IngestReport, ingest_paths, ingest_uploads, reextract_all, safe_name
from parley.records import Article
from parley.store import db
from parley.store.schema import EXTRACTED_TABLES, articles, events, metadata, segments, view_metadata

RUBIO = re.compile("روب[يی]و|Rubio")


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """An engine on a fresh SQLite file."""
    eng = db.make_engine(sqlite_url)
    yield eng
    eng.dispose()


def count_rows(engine: Engine) -> dict[str, int]:
    """Row count of every table."""
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in [*metadata.sorted_tables, *view_metadata.sorted_tables]}


def rows_of(engine: Engine, article_id: str) -> dict[str, int]:
    """How many rows of each article-owned table belong to ``article_id``."""
    with engine.connect() as conn:
        out = {"articles": conn.execute(select(func.count()).select_from(articles)
                                        .where(articles.c.id == article_id)).scalar_one()}
        for t in (segments, *EXTRACTED_TABLES):
            out[t.name.removeprefix("extracted_")] = conn.execute(select(func.count()).select_from(t)
                                       .where(t.c.article_id == article_id)).scalar_one()
    return out


def version(engine: Engine) -> int:
    with engine.connect() as conn:
        return db.store_version(conn)


def rubio_extractor(article: Article) -> Extraction:
    """A real, deterministic extractor: every Rubio spelling is a mention; the first is an event."""
    out = Extraction()
    for m in RUBIO.finditer(article.text):
        seg = next(s.idx for s in article.segments if s.start <= m.start() < s.end)
        out.mentions.append(Mention(seg, "marco_rubio", m.start(), m.end(), m.group()))
    if out.mentions:
        first = out.mentions[0]
        out.events.append(Event(f"ev-{article.id[:8]}", first.segment_idx, None, "unknown", "none",
                                "speech", "marco_rubio", None, first.start, first.end, first.surface))
    return out


def failing_on(origin_part: str, *, mid_write: bool) -> object:
    """An extractor that fails for one article: by raising, or by a row that breaks the write."""

    def run(article: Article) -> Extraction:
        out = rubio_extractor(article)
        if origin_part in article.origin:
            if not mid_write:
                raise RuntimeError("extractor exploded")
            # articles and segments are written first; this NOT NULL violation comes after them.
            out.events.append(Event("bad", 0, None, "unknown", "none", None, "", None, 0, 1, "x"))  # type: ignore[arg-type]
        return out

    return run


# --- idempotency and duplicates ------------------------------------------------------------

def test_seeds_twice_adds_nothing(engine: Engine) -> None:
    first = ingest_paths(SEEDS, engine)
    assert first.rejected == [] and len(first.ingested) == len(SEEDS) == 5
    after_first = count_rows(engine)
    assert after_first["articles"] == 5 and after_first["segments"] > 5
    assert after_first["mentions"] > 0 and after_first["actors"] > 0  # extraction ran and stored
    v1 = version(engine)
    assert v1 == 1

    second = ingest_paths([seed("000").parent], engine)  # the folder this time
    assert second.ingested == [] and second.rejected == [] and second.duplicates == []
    assert sorted(second.already) == sorted(str(p) for p in SEEDS)
    assert count_rows(engine) == after_first
    assert version(engine) == v1  # nothing written, version not bumped


def test_same_file_twice_in_one_batch(sqlite_engine: Engine, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(seed("001"), copy)
    report = ingest_paths([seed("001"), copy], sqlite_engine, extract=False)
    assert report.ingested == [str(seed("001"))] and report.already == [str(copy)]
    assert count_rows(sqlite_engine)["articles"] == 1


def test_other_chrome_is_duplicate_of_original(engine: Engine, tmp_path: Path) -> None:
    lines = seed("004").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "recent" and lines[-1].startswith("google-play")
    rechromed = ["عاجل", "*", *lines[1:-1], "مواضيع قد تعجبك", "Share this"]
    copy = tmp_path / "004_other_site.txt"
    copy.write_text("\n".join(rechromed) + "\n", encoding="utf-8")

    report = ingest_paths([seed("004"), copy], engine, extract=False)
    assert report.rejected == [] and len(report.ingested) == 2
    with engine.connect() as conn:
        rows = {r.origin: r for r in conn.execute(select(articles.c.origin, articles.c.id,
                                                          articles.c.duplicate_of, articles.c.body_hash))}
    original, dup = rows[str(seed("004"))], rows[str(copy)]
    assert original.id != dup.id and original.body_hash == dup.body_hash
    assert original.duplicate_of is None and dup.duplicate_of == original.id
    assert report.duplicates == [(str(copy), original.id)]


# --- rejects and rollback ------------------------------------------------------------------

def test_rejects_are_reported_and_leave_no_rows(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "nul.txt").write_bytes("سلام".encode() + b"\x00\x01\x02" * 50)
    (tmp_path / "big.txt").write_bytes(("ایران " * 1_100_000).encode())  # > 5 MB
    (tmp_path / "bad.txt").write_bytes(bytes(range(0x80, 0xC0)) * 20)  # not UTF-8, not Arabic
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 hello")
    good = tmp_path / "good.txt"
    shutil.copy(seed("003"), good)

    report = ingest_paths([tmp_path, tmp_path / "missing.txt"], engine, extract=True,
                          extractor=rubio_extractor)
    reasons = dict(report.rejected)
    assert report.ingested == [str(good)]
    expected = {"empty.txt": "empty", "blank.txt": "empty", "binary.txt": "binary",
                "nul.txt": "binary", "big.txt": "larger than", "bad.txt": "undecodable",
                "missing.txt": "cannot read"}
    for name, word in expected.items():
        assert word in reasons[str(tmp_path / name)], (name, reasons)
    assert str(tmp_path / "report.pdf") not in reasons  # walk skips unsupported types in folders
    counts = count_rows(engine)
    assert counts["articles"] == 1
    with engine.connect() as conn:
        (article_id,) = conn.execute(select(articles.c.id)).scalars()
    assert counts["segments"] == rows_of(engine, article_id)["segments"]
    assert "\n" not in report.summary().splitlines()[0]
    for origin, reason in report.rejected:
        assert f"  {origin}: {reason}" in report.summary()


def test_jsonl_bad_lines_rejected_good_lines_kept(sqlite_engine: Engine, tmp_path: Path) -> None:
    body = seed("001").read_text(encoding="utf-8")
    lines = [json.dumps({"text": body, "outlet": "Example", "title": "t"}, ensure_ascii=False),
             "{not json", json.dumps({"title": "no text"}),
             json.dumps({"text": "English only: Marco Rubio said talks will move to Muscat."})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_paths([path], sqlite_engine, extract=False)
    assert sorted(report.ingested) == [f"{path}#1", f"{path}#4"]
    assert sorted(o for o, _ in report.rejected) == [f"{path}#2", f"{path}#3"]
    with sqlite_engine.connect() as conn:
        outlets = dict(conn.execute(select(articles.c.origin, articles.c.outlet)).all())
    assert outlets[f"{path}#1"] == "Example"


@pytest.mark.parametrize("mid_write", [False, True], ids=["raises", "bad-row"])
def test_failing_extraction_rolls_back_that_article_only(engine: Engine, mid_write: bool) -> None:
    report = ingest_paths(SEEDS, engine, extractor=failing_on("002_", mid_write=mid_write))  # type: ignore[arg-type]
    assert len(report.ingested) == 4
    ((origin, reason),) = report.rejected
    assert origin == str(seed("002"))
    assert ("extractor exploded" in reason) if not mid_write else reason.startswith("store:")
    assert "\n" not in reason

    with engine.connect() as conn:
        stored = dict(conn.execute(select(articles.c.origin, articles.c.id)).all())
    assert str(seed("002")) not in stored
    counts = count_rows(engine)
    assert counts["articles"] == 4
    # every remaining row belongs to a stored article, and the stored ones got their mentions
    assert sum(rows_of(engine, i)["segments"] for i in stored.values()) == counts["segments"]
    assert sum(rows_of(engine, i)["mentions"] for i in stored.values()) == counts["mentions"]
    expected_mentions = sum(len(RUBIO.findall(p.read_text(encoding="utf-8"))) for p in SEEDS
                            if not p.name.startswith("002"))
    assert 0 < counts["mentions"] <= expected_mentions
    assert counts["events"] == len([i for i in stored.values() if rows_of(engine, i)["mentions"]])

    # the failed article is not "already" stored: a good extractor picks it up later
    again = ingest_paths([seed("002")], engine, extractor=rubio_extractor)
    assert again.ingested == [str(seed("002"))]
    assert count_rows(engine)["articles"] == 5


# --- uploads -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\x\\..\\report.txt", "report.txt"),
    ("a/b/c/مقال.txt", "مقال.txt"),
    ("بی‌بی‌سی فارسی.txt", "بیبیسی فارسی.txt"),  # ZWNJ is an invisible control: dropped
    ("<script>alert(1)</script>.txt", "script_.txt"),  # '/' splits: only the base is kept
    ("<img src=x onerror=alert(1)>.txt", "_img src_x onerror_alert(1)_.txt"),
    ("\x00\x1b[31mred\n.txt", "_31mred.txt"),
    ("...", "upload"),
    ("", "upload"),
])
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_safe_name_is_bounded() -> None:
    long = safe_name("ن" * 5000 + ".jsonl")
    assert len(long) <= 120 and long.endswith(".jsonl")


def test_uploads(engine: Engine) -> None:
    files = [("../../../tmp/" + p.name, p.read_bytes()) for p in SEEDS[:2]]
    files += [("evil/../" + "x" * 400 + ".txt", b""), ("photo.png", b"\x89PNG\r\n\x1a\n..."),
              ("again.txt", SEEDS[0].read_bytes())]
    seen: list[tuple[int, int, str]] = []
    report = ingest_uploads(files, engine, extract=False,
                            progress=lambda i, n, o: seen.append((i, n, o)))
    assert report.ingested == [SEEDS[0].name, SEEDS[1].name]
    assert report.already == ["again.txt"]
    assert len(report.rejected) == 2
    for origin, _reason in report.rejected:
        assert "/" not in origin and len(origin) <= 120
    assert "unsupported file type" in dict(report.rejected)["photo.png"]
    assert [(i, n) for i, n, _ in seen] == [(i, 5) for i in range(1, 6)]
    with engine.connect() as conn:
        origins = set(conn.execute(select(articles.c.origin)).scalars())
    assert origins == {SEEDS[0].name, SEEDS[1].name}


# --- re-extraction and reporting -----------------------------------------------------------

def test_reextract_all(engine: Engine) -> None:
    ingest_paths(SEEDS, engine, extract=False)
    assert count_rows(engine)["mentions"] == 0
    v = version(engine)
    failures: list[tuple[str, str]] = []
    n = reextract_all(engine, extractor=failing_on("001_", mid_write=False), failures=failures)  # type: ignore[arg-type]
    assert n == 4 and len(failures) == 1 and "extractor exploded" in failures[0][1]
    with_rubio = count_rows(engine)["mentions"]
    assert with_rubio > 0 and version(engine) == v + 1
    assert reextract_all(engine, extractor=rubio_extractor) == 5  # replaces, never doubles
    total = sum(len(RUBIO.findall(a.text)) for a in _stored_articles(engine))
    assert count_rows(engine)["mentions"] == total


def test_reextract_with_the_real_pipeline(sqlite_engine: Engine) -> None:
    ingest_paths(SEEDS, sqlite_engine, extract=False)
    assert reextract_all(sqlite_engine) == 5
    counts = count_rows(sqlite_engine)
    assert counts["mentions"] > 0 and counts["actors"] > 0 and counts["places"] > 0


def _stored_articles(engine: Engine) -> list[Article]:
    from parley.store.writes import load_article

    with engine.connect() as conn:
        ids = list(conn.execute(select(articles.c.id)).scalars())
        return [a for a in (load_article(conn, i) for i in ids) if a is not None]


def test_progress_reports_every_file(sqlite_engine: Engine) -> None:
    seen: list[tuple[int, int, str]] = []
    ingest_paths(SEEDS, sqlite_engine, extract=False, progress=lambda i, n, o: seen.append((i, n, o)))
    assert seen == [(i, 5, str(p)) for i, p in enumerate(SEEDS, 1)]


def test_summary_text() -> None:
    r = IngestReport(ingested=["a", "b"], duplicates=[("b", "id1")], already=["c"],
                     rejected=[("d.txt", "empty file")])
    assert r.summary() == "ingested 2, duplicates 1, already stored 1, rejected 1\n  d.txt: empty file"


@pytest.mark.postgres
def test_dropped_connection_between_articles_is_retried(pg_url: str) -> None:
    """The batch keeps one connection; when the server ends it between two articles (a restart,
    an idle timeout), the next article is stored on a fresh connection, not rejected."""
    from sqlalchemy import text

    eng = db.make_engine(pg_url)
    killer = db.make_engine(pg_url)
    killed: list[int] = []

    def kill_others(done: int, total: int, origin: str) -> None:
        if done == 1:  # after the first article: end every other session on this database
            with killer.connect() as conn:
                killed.extend(conn.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalars())
    try:
        report = ingest_paths(SEEDS[:3], eng, extract=False, progress=kill_others)
        assert any(killed), "the batch's connection was not there to end"
        assert report.rejected == []
        assert len(report.ingested) == 3
        assert count_rows(eng)["articles"] == 3
    finally:
        eng.dispose()
        killer.dispose()


def test_an_undated_report_takes_the_date_other_articles_give(engine: Engine, tmp_path: Path) -> None:
    """Same kind, same place, actors in common: the undated article's event borrows the date
    and says so; without the dated report it stays undated (never today)."""
    dated = tmp_path / "dated.txt"
    dated.write_text("date 2025-04-12\nAraghchi met Witkoff in Muscat for talks.\n", encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text("Talks in Oman\nAraghchi met Witkoff in Muscat, officials said.\n", encoding="utf-8")
    ingest_paths([undated], engine)

    def meeting_of(origin: Path) -> tuple[object, str]:
        with engine.connect() as conn:
            row = conn.execute(select(events.c.date, events.c.date_basis)
                               .join(articles, articles.c.id == events.c.article_id)
                               .where(articles.c.origin == str(origin), events.c.kind == "meeting")).first()
        assert row is not None
        return row.date, row.date_basis

    assert meeting_of(undated)[0] is None
    ingest_paths([dated], engine)
    date, basis = meeting_of(undated)
    assert date == dt.date(2025, 4, 12)
    assert basis.startswith("from other articles: 1 report(s) of the same meeting")


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Witkoff and Araghchi held a round of talks on 17 May, officials said."),
    ("ar", "عقد عراقجي وويتكوف جولة محادثات في 17 مايو، بحسب مسؤولين."),
    ("fa", "عراقچی و ویتکاف روز ۲۷ اردیبهشت دور تازه ای از مذاکرات را برگزار کردند."),  # = 17 May 2025
])
def test_an_undated_day_and_month_takes_the_year_other_articles_give(
        engine: Engine, tmp_path: Path, lang: str, sentence: str) -> None:
    """An undated article names a day and month but no year: its event takes the year of a dated
    report of the same kind with actors in common on that day, not that of another pair's meeting
    on the same day a year before; without such a report it stays undated, and says why."""
    undated = tmp_path / f"undated_{lang}.txt"
    undated.write_text(f"Talks\n{sentence}\n", encoding="utf-8")
    ingest_paths([undated], engine)

    def meeting() -> tuple[object, str]:
        with engine.connect() as conn:
            row = conn.execute(select(events.c.date, events.c.date_basis)
                               .join(articles, articles.c.id == events.c.article_id)
                               .where(articles.c.origin == str(undated), events.c.kind == "meeting")).one()
        return row.date, row.date_basis

    date, basis = meeting()
    assert date is None and basis.startswith("day and month without a year: ")
    other_pair = tmp_path / "other_pair.txt"
    other_pair.write_text("date 2024-05-18\nLavrov met Wang Yi in Beijing on 17 May for talks.\n",
                          encoding="utf-8")
    ingest_paths([other_pair], engine)
    assert meeting()[0] is None  # the same day and month, but not the same parties
    dated = tmp_path / "dated.txt"
    dated.write_text("date 2025-05-19\nAraghchi met Witkoff in Rome on 17 May for a fifth round of talks.\n",
                     encoding="utf-8")
    ingest_paths([dated], engine)
    date, basis = meeting()
    assert date == dt.date(2025, 5, 17)
    assert basis.startswith("from other articles: the year of 1 report(s) of the same meeting")
    assert "day and month without a year" in basis


def test_a_day_and_month_no_report_dates_takes_the_year_of_the_coverage(engine: Engine,
                                                                        tmp_path: Path) -> None:
    """No dated report of the same happening: the year the store's dated articles around that
    day come from, when at least three point one way; with the coverage split between two
    years, it stays undated."""
    undated = tmp_path / "undated.txt"
    undated.write_text("Talks\nLavrov met Wang Yi in Beijing on 17 May, officials said.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, day in enumerate(("2025-05-02", "2025-05-20", "2025-06-10")):
        text = f"date {day}\nAraghchi met Witkoff in Muscat for talks, round {i}.\n"
        (corpus / f"d{i}.txt").write_text(text, encoding="utf-8")
    ingest_paths([undated, corpus], engine)

    def meeting() -> tuple[object, str]:
        with engine.connect() as conn:
            row = conn.execute(select(events.c.date, events.c.date_basis)
                               .join(articles, articles.c.id == events.c.article_id)
                               .where(articles.c.origin == str(undated))).one()
        return row.date, row.date_basis

    date, basis = meeting()
    assert date == dt.date(2025, 5, 17)
    assert basis.startswith("from other articles: the year of 3 dated article(s) within 30 days of that day")
    other = tmp_path / "other"
    other.mkdir()
    for i, day in enumerate(("2024-05-02", "2024-05-20", "2024-06-10")):
        (other / f"o{i}.txt").write_text(f"date {day}\nLavrov met Rubio in Riyadh for talks, round {i}.\n",
                                         encoding="utf-8")
    ingest_paths([other], engine)
    date, basis = meeting()
    assert date is None and basis.startswith("day and month without a year: ")


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Lavrov met Wang Yi in Beijing in June, officials said."),
    ("ar", "التقى لافروف وانغ يي في بكين في يونيو، بحسب مسؤولين."),
    ("fa", "لاوروف در خرداد ماه با وانگ یی در پکن دیدار کرد."),  # 22 May - 21 June: placed in June
])
def test_an_undated_month_takes_the_year_of_the_coverage(engine: Engine, tmp_path: Path, lang: str,
                                                         sentence: str) -> None:
    """An undated article names a month alone: its event takes the month, at month precision, in the
    year that the store's dated articles around that month come from (at least three); without such
    coverage it stays undated, and its basis says why."""
    undated = tmp_path / f"undated_{lang}.txt"
    undated.write_text(f"Talks\n{sentence}\n", encoding="utf-8")
    ingest_paths([undated], engine)

    def meeting() -> tuple[object, str, str]:
        with engine.connect() as conn:
            row = conn.execute(select(events.c.date, events.c.date_precision, events.c.date_basis)
                               .join(articles, articles.c.id == events.c.article_id)
                               .where(articles.c.origin == str(undated))).one()
        return row.date, row.date_precision, row.date_basis

    date, precision, basis = meeting()
    assert (date, precision) == (None, "unknown") and basis.startswith("month without a year: ")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, day in enumerate(("2025-05-20", "2025-06-10", "2025-07-01")):
        text = f"date {day}\nAraghchi met Witkoff in Muscat for talks, round {i}.\n"
        (corpus / f"d{i}.txt").write_text(text, encoding="utf-8")
    ingest_paths([corpus], engine)
    date, precision, basis = meeting()
    assert (date, precision) == (dt.date(2025, 6, 1), "month")
    assert basis.startswith("from other articles: the year of 3 dated article(s) within 30 days of "
                            "that month; month without a year: ")


def test_an_undated_articles_borrowed_old_day_is_background(engine: Engine, tmp_path: Path) -> None:
    """An undated article names two days without a year; dated reports give them their year, and
    the one two weeks before the other (the latest day the article names) is background. Another
    closing pass decides the same."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2025-04-13\nAraghchi met Witkoff in Muscat on Saturday for talks.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("date 2025-04-27\nAraghchi and Witkoff met in Muscat on Saturday, "
                                  "officials said.\n", encoding="utf-8")
    undated = corpus / "undated.txt"
    undated.write_text("Talks\nAraghchi met Witkoff in Muscat on 12 April.\n"
                       "Witkoff and Araghchi met again in Muscat on 26 April.\n", encoding="utf-8")
    ingest_paths([corpus], engine)

    def meetings() -> list[tuple[object, str, str]]:
        with engine.connect() as conn:
            return [(r.date, r.status, r.date_basis) for r in conn.execute(
                select(events.c.date, events.c.status, events.c.date_basis)
                .join(articles, articles.c.id == events.c.article_id)
                .where(articles.c.origin == str(undated)).order_by(events.c.date))]

    got = meetings()
    assert [(d, s) for d, s, _b in got] == [(dt.date(2025, 4, 12), "background"),
                                            (dt.date(2025, 4, 26), "happened")]
    assert got[0][2].endswith("a week or more before the latest day its article names")
    other = tmp_path / "other.txt"
    other.write_text("date 2025-05-01\nLavrov met Wang Yi in Beijing.\n", encoding="utf-8")
    ingest_paths([other], engine)  # a new closing pass undoes the mark and makes it again
    assert meetings() == got


def test_an_undated_articles_own_old_dates_are_background(engine: Engine, tmp_path: Path) -> None:
    """An undated article's own dates, not only borrowed ones: a visit in March 2019 and talks in
    2016 (عام 2016) are background against the day in September 2024 it reports; a called-off meeting's day
    (a plan's day) is no report day, so the talks two weeks before it stay a happening."""
    old = tmp_path / "old.txt"
    old.write_text("Talks\nLavrov met Wang Yi in Beijing on 12 September 2024.\n"
                   "Lavrov last visited Beijing in March 2019.\n"
                   "والتقى لافروف نظيره الصيني وانغ يي في موسكو عام 2016.\n", encoding="utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text("Talks\nErdogan met Aliyev in Ankara on 3 October 2024.\n"
                    "The meeting of Erdogan and Aliyev planned for 20 October 2024 was cancelled.\n",
                    encoding="utf-8")
    ingest_paths([old, plan], engine)
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.origin, events.c.kind, events.c.date, events.c.status)
                            .join(articles, articles.c.id == events.c.article_id)).all()
    got = {(Path(r.origin).name, r.kind, r.date, r.status) for r in rows}
    assert ("old.txt", "meeting", dt.date(2024, 9, 12), "happened") in got
    assert ("old.txt", "visit", dt.date(2019, 3, 1), "background") in got
    assert ("old.txt", "meeting", dt.date(2016, 1, 1), "background") in got
    assert ("plan.txt", "meeting", dt.date(2024, 10, 3), "happened") in got


def test_a_report_borrows_a_date_near_its_own_days(engine: Engine, tmp_path: Path) -> None:
    """Two reports date Araghchi's arrival in Rome on 18 April and one on 23 May; an article of
    21 May whose plan of that trip gives no day takes 23 May, the report near its own days, not the
    most reported one. A count of rounds borrows nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, day in enumerate(("2025-04-18", "2025-04-18", "2025-05-23")):
        text = f"date {day}\nAraghchi arrived in Rome today for talks, report {i}.\n"
        (corpus / f"r{i}.txt").write_text(text, encoding="utf-8")
    plan = corpus / "plan.txt"
    plan.write_text("date 2025-05-21\nAraghchi met the Omani foreign minister in Tehran on Wednesday.\n"
                    "Araghchi will travel to Rome for talks.\n"
                    "Araghchi and Witkoff have held four rounds of talks in Muscat and Rome.\n",
                    encoding="utf-8")
    alone = corpus / "alone.txt"  # its only day is its publication's
    alone.write_text("date 2025-05-21\nAraghchi will travel to Rome for talks.\n", encoding="utf-8")
    ingest_paths([corpus], engine)
    for article in (plan, alone):
        with engine.connect() as conn:
            rows = conn.execute(select(events.c.kind, events.c.date, events.c.date_basis)
                                .join(articles, articles.c.id == events.c.article_id)
                                .where(articles.c.origin == str(article))).all()
        visits = [(r.date, r.date_basis.startswith("from other articles: 1 report(s)")) for r in rows
                  if r.kind == "visit"]
        assert visits == [(dt.date(2025, 5, 23), True)], article.name
        if article == plan:
            assert [r.date for r in rows if r.date_basis == "earlier rounds, counted"] == [None]


@pytest.mark.parametrize(("days", "want"), [
    (("2025-03-02", "2025-04-20"), None),  # two trips, one report each: which one is not known
    (("2025-03-02", "2025-03-02", "2025-03-02", "2025-04-20"), dt.date(2025, 3, 2)),  # most tell of one
    (("2025-03-02", "2025-03-04"), dt.date(2025, 3, 2)),  # days apart: one trip, the earliest day
])
def test_an_undated_report_borrows_no_date_when_the_reports_tell_of_different_happenings(
        engine: Engine, tmp_path: Path, days: tuple[str, ...], want: dt.date | None) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, day in enumerate(days):
        text = f"date {day}\nLammy arrived in Geneva today for talks with Lavrov, report {i}.\n"
        (corpus / f"r{i}.txt").write_text(text, encoding="utf-8")
    undated = corpus / "undated.txt"  # names no day of its own
    undated.write_text("Lammy arrived in Geneva for talks with Lavrov, his office said.\n", encoding="utf-8")
    ingest_paths([corpus], engine)
    with engine.connect() as conn:
        rows = conn.execute(select(events.c.kind, events.c.date, events.c.date_basis)
                            .join(articles, articles.c.id == events.c.article_id)
                            .where(articles.c.origin == str(undated))).all()
    visits = [r for r in rows if r.kind == "visit"]
    assert visits and all(r.date == want for r in visits), rows
    assert all(r.date_basis.startswith("from other articles") == (want is not None) for r in visits)
