"""Work per article grows with its length, not faster: a 1.5 MB article costs about fifteen
times a 100 KB one, whether it comes as paragraphs or as one single line.

The articles are generated from the news sentences below (Arabic, Persian, English: actors,
reporting verbs, stances, quotes, venues and dates, so every stage has work to do), shuffled
into paragraphs of a few sentences. The two sizes go through the real ingest path (read,
clean, segment, extract, store into a temporary SQLite file) and their CPU times per KB are
compared within one test: a ratio, never a wall-clock bound. A stage that scanned the whole
article for each cue made the 1.5 MB article cost about 25 times the 100 KB one per KB.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from parley.ingest import ingest_paths
from parley.store.db import make_engine

SENTENCES = [
    "قال وزير الخارجية الإيراني عباس عراقجي إن جولة جديدة من المحادثات ستعقد في مسقط يوم الأحد المقبل.",
    "وأكد المبعوث الأمريكي ستيف ويتكوف أن واشنطن مستعدة للتفاوض بشأن البرنامج النووي الإيراني.",
    "وذكرت مصادر مطلعة أن سلطنة عمان تتوسط بين الطرفين منذ أسابيع، وأن الوفدين سيلتقيان في الدوحة.",
    "وشدد روبيو على أن التخصيب خط أحمر، مضيفا: «لن نقبل بأي اتفاق لا يضمن ذلك».",
    "وأعلنت طهران في 12 فبراير 2026 رفضها أي شروط مسبقة على الحوار مع الولايات المتحدة.",
    "گفت‌وگوهای غیرمستقیم ایران و آمریکا روز شنبه در مسقط با میانجی‌گری عمان برگزار شد.",
    "عراقچی گفت که ایران از دیپلماسی حمایت می‌کند اما درباره برنامه موشکی مذاکره نخواهد کرد.",
    "اسماعیل بقائی سخنگوی وزارت خارجه اعلام کرد دور بعدی مذاکرات هفته آینده در رم خواهد بود.",
    "Abbas Araghchi said on Wednesday that Iran is ready to resume talks in Muscat.",
    "Steve Witkoff told reporters that enrichment is a red line for Washington.",
    "Qatar's prime minister met Iranian officials in Doha on February 5, 2026, a source said.",
    '"We will not negotiate under pressure," Araghchi said after the meeting in Oman.',
    "Marco Rubio warned that a strike remains on the table if diplomacy fails.",
]


def generated_article(size: int, single_line: bool, seed: int = 11) -> str:
    """About ``size`` bytes of the sentences above, shuffled into paragraphs of 3-6 sentences
    (blank lines between them, or spaces for a one-line article)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return (" " if single_line else "\n\n").join(paragraphs)


def _ingest_cpu(path: Path, db: Path) -> float:
    """CPU seconds to ingest ``path`` (with extraction) into a fresh SQLite file."""
    engine = make_engine(f"sqlite:///{db}")
    try:
        start = time.process_time()
        report = ingest_paths([path], engine)
        spent = time.process_time() - start
    finally:
        engine.dispose()
    assert report.ingested == [str(path)], report.summary()
    return spent


@pytest.mark.parametrize("single_line", [False, True], ids=["paragraphs", "one-line"])
def test_ingest_cost_grows_linearly_with_the_article(tmp_path: Path, single_line: bool) -> None:
    small_kb, large_kb = 100, 1536
    files = {}
    for kb in (small_kb, large_kb):
        files[kb] = tmp_path / f"article_{kb}kb.txt"
        files[kb].write_text(generated_article(kb * 1024, single_line), encoding="utf-8")
    # Warm up first: the gazetteer, the language model and the regexes load once per process.
    warm = tmp_path / "warm.txt"
    warm.write_text(generated_article(4 * 1024, single_line, seed=3), encoding="utf-8")
    _ingest_cpu(warm, tmp_path / "warm.db")

    small = min(_ingest_cpu(files[small_kb], tmp_path / f"small{i}.db") for i in range(2))
    large = _ingest_cpu(files[large_kb], tmp_path / "large.db")
    ratio = (large / large_kb) / (max(small, 1e-3) / small_kb)
    assert ratio <= 3.0, (f"CPU per KB: 1.5 MB article {large / large_kb * 1000:.2f} ms, "
                          f"100 KB article {small / small_kb * 1000:.2f} ms (ratio {ratio:.1f})")


def test_generated_articles_give_every_stage_work(tmp_path: Path) -> None:
    """The generated text is what the cost test needs: it is read as news, with rows of every kind."""
    from parley.extract.pipeline import extract_article
    from parley.load.article import build_article
    from parley.records import RawDocument

    article = build_article(RawDocument(origin="gen.txt", raw=generated_article(20 * 1024, False)))
    rows = extract_article(article)
    assert article.lang == "ar"
    for kind in ("mentions", "venues", "positions", "quotes", "events", "links"):
        assert getattr(rows, kind), kind
