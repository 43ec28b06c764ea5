"""The blind development set: gold files with URL, query and split; texts kept out of git.

``devset/gold/NNN.yaml`` holds one article's gold (the form of tests/gold) plus ``url``,
``query``, ``lang``, ``story`` and ``split`` (``tune``: rules may be changed from its misses;
``held``: only reported). The articles' text is third parties' writing and is never
committed: it is re-fetched into ``devset/text/NNN.txt`` (git-ignored). Scoring ingests
whatever texts are present into a temporary SQLite file, so the figures are those of the
real ingest path (cleaning, dates, extraction, store).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from parley.errors import LoadError, ParleyError
from parley.evaluate import evaluate, format_report, load_gold
from parley.records import RawDocument

SPLITS = ("tune", "held")


@dataclass(frozen=True)
class DevEntry:
    """One development article: its origin file name, language, story, split and source."""

    origin: str
    lang: str
    story: str
    split: str
    url: str
    query: str


def load_manifest(gold_dir: Path) -> list[DevEntry]:
    """The development entries of ``gold_dir``; raises ParleyError naming a file without a split."""
    out = []
    for origin, g in sorted(load_gold(gold_dir).items()):
        split = g.get("split")
        if split not in SPLITS:
            raise ParleyError(f"{gold_dir}/{Path(origin).stem}.yaml: 'split' must be one of {SPLITS}")
        out.append(DevEntry(origin, str(g.get("lang", "")), str(g.get("story", "")), str(split),
                            str(g.get("url", "")), str(g.get("query", ""))))
    return out


def is_devset(gold_dir: Path) -> bool:
    """True when the gold files carry splits (a development set rather than the seeds' gold)."""
    return any(g.get("split") is not None for g in load_gold(gold_dir).values())


Scores = dict[str, dict[str, float]]


def dev_documents(present: list[DevEntry], text_dir: Path, urls: bool) -> Iterator[RawDocument | LoadError]:
    """Each text as the file reader reads it, with its page's address from the gold when
    ``urls`` (an article fetched from the web comes with its address; a text file has none)."""
    from parley.load.readers import read_path

    for e in present:
        read = read_path(text_dir / e.origin)
        yield from read.rejects
        for doc in read.docs:
            yield replace(doc, url=e.url or None) if urls and doc.url is None else doc


def evaluate_devset(gold_dir: Path, text_dir: Path, *,
                    urls: bool = True) -> tuple[dict[str, Scores], list[str]]:
    """Scores per split ('tune', 'held', 'all') of the texts present, and the origins missing.

    ``urls``: each text is ingested with its page's address (the gold's ``url``), as a fetched
    page would be; False ingests the bare text files."""
    from parley.ingest import ingest_documents
    from parley.store.db import init_db, make_engine

    entries = load_manifest(gold_dir)
    present = [e for e in entries if (text_dir / e.origin).is_file()]
    missing = [e.origin for e in entries if e not in present]
    with tempfile.TemporaryDirectory(prefix="parley-dev-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'dev.db'}")
        init_db(engine)
        ingest_documents(dev_documents(present, text_dir, urls), engine)
        scores = {split: evaluate(engine, gold_dir, {e.origin for e in present if e.split == split})
                  for split in SPLITS}
        scores["all"] = evaluate(engine, gold_dir, {e.origin for e in present})
        engine.dispose()
    return scores, missing


def format_devset(scores: dict[str, Scores], missing: list[str]) -> str:
    """A plain-text report: one block per split, then what text is missing."""
    blocks = []
    for split, s in scores.items():
        blocks.append(f"== {split} ({int(s['articles']['found'])} articles)\n{format_report(s)}")
    if missing:
        blocks.append(f"missing text ({len(missing)}; re-fetch, see devset/README.md): " + ", ".join(missing))
    return "\n\n".join(blocks)
