"""Throughput of the date parser over the seed articles repeated; prints figures, asserts nothing.

Run: .venv/bin/python bench/dates.py [repeats]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from parley.extract.dates import resolve_relative  # noqa: E402
from parley.load.published import find_published  # noqa: E402
from parley.text.date_grammar import default_date_grammar  # noqa: E402
from parley.text.date_scan import find_dates  # noqa: E402


def main(repeats: int = 40) -> None:
    """Time find_dates, find_published and resolve_relative over the seeds, `repeats` times each."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "articles").glob("*.txt"))]
    t0 = time.perf_counter()
    default_date_grammar()
    print(f"grammar load + compile: {(time.perf_counter() - t0) * 1000:.1f} ms")
    chars = sum(len(t) for t in texts) * repeats
    for name, fn in (
        ("find_dates", lambda t: find_dates(t)),
        ("find_published", lambda t: find_published(t)),
        ("resolve_relative", lambda t: resolve_relative(t, find_published(t).date)),
    ):
        found = 0
        t0 = time.perf_counter()
        for _ in range(repeats):
            for t in texts:
                r = fn(t)
                found += len(r) if isinstance(r, list) else int(r.date is not None)
        secs = time.perf_counter() - t0
        n = repeats * len(texts)
        print(f"{name:17s} {n / secs:8.0f} articles/s  {chars / secs / 1e6:6.2f} M chars/s  "
              f"{found / repeats:.0f} results per pass")
    short = ["الاثنين: 02 فبراير 2026", "۱۵ بهمن ۱۴۰۴", "February 5, 2026", "أمس السبت"] * 500
    t0 = time.perf_counter()
    for s in short:
        find_dates(s)
    print(f"short strings      {len(short) / (time.perf_counter() - t0):8.0f} parses/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
