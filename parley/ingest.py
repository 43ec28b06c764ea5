"""The one path from files to stored rows: read -> clean -> extract -> store.

Used by the CLI and by the dashboard's uploads alike. One transaction per article: a failure
while building, extracting or writing an article rolls that article back, records it as
rejected with its reason, and the batch carries on. Re-ingesting the same raw text is a no-op.

Crash-safe and safe to run concurrently: an article is stored whole or not at all; the store's
unique keys (not a look-up before the insert) keep each raw text once and each body with one
original; and the closing pass (dating across articles, the version bump) runs for every
article written, in the batch that wrote it or, if that batch was killed, in the next one.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from parley.errors import LoadError, StoreError
from parley.ingest_workers import (
    Extractor,
    Outcome,
    document_outcomes,
    file_outcomes,
    iter_read,
    outcomes_in_parallel,
    reason_of,
)
from parley.records import Article, RawDocument
from parley.store import summaries
from parley.store.borrowed_dates import borrow_dates
from parley.store.curation import reapply as reapply_corrections
from parley.store.db import bump_version, describe, init_db, mark_unfinished, store_errors, take_unfinished
from parley.store.writes import (
    Prepared,
    article_ids_in_ingest_order,
    is_stored,
    load_article,
    replace_extraction,
    stored_ids,
    sync_gazetteer,
    write_batch,
)

if TYPE_CHECKING:
    from parley.extract.gazetteer import Gazetteer
    from parley.extract.records import Extraction

Progress = Callable[[int, int, str], None]

MAX_ORIGIN = 120  # characters kept of an uploaded file's name


@dataclass
class IngestReport:
    """What a batch did: origins ingested, (origin, original id) duplicates, already stored, rejects."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    article_ids: dict[str, str] = field(default_factory=dict)  # origin -> id (stored or already)

    @property
    def wrote(self) -> bool:
        """True if the batch stored at least one article."""
        return bool(self.ingested)

    def summary(self) -> str:
        """A short human summary: counts, then one line per reject 'origin: reason'."""
        lines = [
            f"ingested {len(self.ingested)}, duplicates {len(self.duplicates)}, "
            f"already stored {len(self.already)}, rejected {len(self.rejected)}"
        ]
        lines += [f"  {origin}: {reason}" for origin, reason in self.rejected]
        return "\n".join(lines)


def safe_name(name: str) -> str:
    """A safe base name for an uploaded file: no path parts or control chars, bounded length."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    base = re.sub(r"[^\w .\-()#]", "_", base).strip(" .")
    if len(base) > MAX_ORIGIN:
        _stem, dot, ext = base.rpartition(".")
        ext = ext[:10] if dot and len(ext) <= 10 else ""
        base = base[: MAX_ORIGIN - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return base or "upload"


def _default_extractor() -> tuple[Extractor, Gazetteer]:
    """extract_article bound to the default gazetteer (imported lazily: it is the heavy part)."""
    from parley.extract.gazetteer import default_gazetteer
    from parley.extract.pipeline import extract_article

    gaz = default_gazetteer()

    def run(article: Article) -> Extraction:
        extraction: Extraction = extract_article(article, gaz)
        return extraction

    return run, gaz


# Articles per write transaction: a batch grows with what the run has written (half of it), up to
# BATCH_ARTICLES, so the first articles are committed (and visible) at once and a long run pays
# for one commit per BATCH_ARTICLES; nothing pending waits longer than BATCH_SECONDS.
BATCH_ARTICLES = 50
BATCH_SECONDS = 0.1


class _Batch:
    """State shared by one ingest run: the engine, the extractor, the report, the articles
    prepared and not yet written, and the connection they are written on. Articles are written
    in batches (write_batch: up to BATCH_ARTICLES, or what BATCH_SECONDS gathered), each batch in
    one transaction, so a crash loses at most the uncommitted batch and never leaves half an
    article; a batch that fails is written again one article per transaction, so one bad article
    is rejected alone. Use it in a ``with`` block, which closes the connection."""

    def __init__(self, engine: Engine, extract: bool, extractor: Extractor | None) -> None:
        self.engine = engine
        self.report = IngestReport()
        self.extractor: Extractor | None = None
        self._conn: Connection | None = None
        self._pending: list[Prepared] = []
        self._since = 0.0
        init_db(engine)
        if extract:
            if extractor is None:
                extractor, gaz = _default_extractor()
                with store_errors("cannot sync the gazetteer"), engine.begin() as conn:
                    sync_gazetteer(conn, gaz)
            self.extractor = extractor
        # The ids stored when the run began: their files are not extracted again. The writer's
        # look-up and the unique keys still decide, for what a concurrent ingest stores meanwhile.
        with store_errors(f"cannot read {describe(engine)}"), engine.connect() as conn:
            self.stored: frozenset[str] = frozenset(stored_ids(conn))

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self._drop_connection()

    def _connection(self) -> Connection:
        """The batch's connection, opened on first use and kept: checking a connection out of
        the pool and back in for every batch costs more than building a small article."""
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn

    def _drop_connection(self) -> None:
        """Close the batch's connection (after a database error the next article gets a fresh one)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(SQLAlchemyError):
                conn.close()

    def accept(self, outcome: Outcome) -> None:
        """Take one document's outcome (from here or a worker): queue its rows for the next
        write, or record it as already stored or rejected."""
        if isinstance(outcome, Prepared):
            self.report.article_ids[outcome.origin] = outcome.id
            if not self._pending:
                self._since = time.monotonic()
            self._pending.append(outcome)
            limit = min(BATCH_ARTICLES, max(1, len(self.report.ingested) // 2))
            if len(self._pending) >= limit or time.monotonic() - self._since >= BATCH_SECONDS:
                self.flush()
        else:
            origin, reason, article_id = outcome
            if article_id is not None:
                self.report.article_ids[origin] = article_id
            if reason is None:
                self.report.already.append(origin)
            else:
                self.report.rejected.append((origin, reason))

    def flush(self) -> None:
        """Write the pending articles in one transaction; if that fails, one by one."""
        items, self._pending = self._pending, []
        if not items:
            return
        try:
            conn = self._connection()
            with conn.begin():
                outcome = write_batch(conn, items)
        except Exception:  # retried article by article below, where each failure is named
            self._drop_connection()
            for item in items:
                self._write_one(item)
            return
        for item, ok in zip(items, outcome, strict=True):
            self._record(item, ok)

    def _record(self, item: Prepared, stored: bool) -> None:
        if not stored:
            self.report.already.append(item.origin)
            return
        self.report.ingested.append(item.origin)
        if item.duplicate_of is not None:
            self.report.duplicates.append((item.origin, item.duplicate_of))

    def _write_one(self, item: Prepared, *, retry: bool = True) -> None:
        """Write one article in its own transaction; record the outcome. If the server dropped
        the connection while idle, the article is tried once more on a fresh one."""
        try:
            conn = self._connection()
            with conn.begin():
                stored = write_batch(conn, [item])[0]
        except IntegrityError as exc:
            self._drop_connection()
            # The same raw text stored by a concurrent ingest is "already", not a failure.
            if self._stored(item.id):
                self.report.already.append(item.origin)
            else:
                self.report.rejected.append((item.origin, f"store: {_one_line_db(exc)}"))
            return
        except SQLAlchemyError as exc:
            self._drop_connection()
            if retry and getattr(exc, "connection_invalidated", False):
                self._write_one(item, retry=False)
                return
            self.report.rejected.append((item.origin, f"store: {_one_line_db(exc)}"))
            return
        except Exception as exc:  # any failure of one article must not stop the batch
            self.report.rejected.append((item.origin, reason_of(exc)))
            return
        self._record(item, stored)

    def _stored(self, article_id: str) -> bool:
        try:
            with self.engine.connect() as conn:
                return is_stored(conn, article_id)
        except Exception:
            return False

    def reject(self, origin: str, reason: str) -> None:
        """Record an input that could not be read."""
        self.report.rejected.append((origin, reason))

    def finish(self) -> IngestReport:
        """Write what is pending; run the closing pass if this batch, or an earlier one that did
        not get to its own, wrote articles; return the report."""
        self.flush()
        self._drop_connection()
        _close(self.engine, self.report.wrote)
        return self.report


def _close(engine: Engine, wrote: bool) -> None:
    """The closing pass, in one transaction: date the undated events that other articles date
    (and give a year to a day and month named without one: store/borrowed_dates.py), apply the
    analysts' corrections again over the rows written (store/curation.py), and bump the store
    version. It runs when the caller wrote, or when the store is marked
    unfinished: a batch killed after its last article and before this pass leaves the mark,
    and the next batch, even one that writes nothing, completes the store."""
    with store_errors("cannot bump the store version"), engine.begin() as conn:
        if take_unfinished(conn) or wrote:
            borrow_dates(conn)
            reapply_corrections(conn)  # the curated rows over the new extracted rows
            summaries.after_close(conn)  # recounted if corrections changed; re-dated events' edges
            bump_version(conn)


def _one_line_db(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def ingest_paths(paths: Sequence[Path], engine: Engine, *, extract: bool = True,
                 progress: Progress | None = None,
                 extractor: Extractor | None = None, workers: int = 1) -> IngestReport:
    """Ingest files and folders (walked recursively); returns what was stored, skipped, rejected.

    ``workers`` > 1 reads and extracts in that many worker processes (the default extractor
    only), while this process writes; the stored rows are the same as with one."""
    from parley.load.readers import walk

    with _Batch(engine, extract, extractor) as batch:
        files: list[Path] = []
        for p in paths:
            try:
                files.extend(walk([Path(p)]))
            except LoadError as exc:
                batch.reject(exc.origin, exc.reason)
            except OSError as exc:
                batch.reject(str(p), exc.strerror or str(exc))
        results: Iterable[tuple[Path, Iterable[Outcome]]]
        if workers > 1 and extractor is None and len(files) > 1:
            results = outcomes_in_parallel(files, workers, batch.extractor, batch.stored)
        else:
            results = ((path, file_outcomes(path, batch.extractor, batch.stored)) for path in files)
        for i, (path, outcomes) in enumerate(results, 1):
            for outcome in outcomes:
                batch.accept(outcome)
            if progress:
                progress(i, len(files), str(path))
        return batch.finish()


def ingest_uploads(files: Sequence[tuple[str, bytes]], engine: Engine, *, extract: bool = True,
                   progress: Progress | None = None,
                   extractor: Extractor | None = None) -> IngestReport:
    """Ingest uploaded (file name, bytes) pairs; names are reduced to a safe base name."""
    from parley.load.readers import read_bytes_with_rejects

    with _Batch(engine, extract, extractor) as batch:
        for i, (name, data) in enumerate(files, 1):
            origin = safe_name(name)
            docs = partial(iter_read, read_bytes_with_rejects, origin, data)
            for outcome in document_outcomes(origin, docs, batch.extractor, batch.stored):
                batch.accept(outcome)
            if progress:
                progress(i, len(files), origin)
        return batch.finish()


def ingest_documents(items: Iterable[RawDocument | LoadError], engine: Engine, *, extract: bool = True,
                     extractor: Extractor | None = None) -> IngestReport:
    """Ingest documents read elsewhere (fetched pages, feed items) as they come (the iterable may
    fetch lazily), written in batches like files. A LoadError among them is recorded as a reject."""
    with _Batch(engine, extract, extractor) as batch:
        for outcome in document_outcomes("(documents)", lambda: items, batch.extractor, batch.stored):
            batch.accept(outcome)
        return batch.finish()


def reextract_all(engine: Engine, progress: Progress | None = None,
                  extractor: Extractor | None = None,
                  failures: list[tuple[str, str]] | None = None) -> int:
    """Re-run extraction over every stored article (after gazetteer edits); returns how many.

    One transaction per article: an article whose extraction fails keeps its old rows and is
    appended to ``failures`` as (article id, reason), if given; the run carries on.
    """
    init_db(engine)
    if extractor is None:
        extractor, gaz = _default_extractor()
        with store_errors("cannot sync the gazetteer"), engine.begin() as conn:
            sync_gazetteer(conn, gaz, prune=True)
    with store_errors(f"cannot read {describe(engine)}"), engine.begin() as conn:
        ids = article_ids_in_ingest_order(conn)
        summaries.invalidate(conn)  # the mentions change under them: counted afresh at the end
    done = 0
    for i, article_id in enumerate(ids, 1):
        try:
            with engine.begin() as conn:
                article = load_article(conn, article_id)
                if article is not None:
                    extraction = extractor(article)
                    # The mark before the rows: like the closing pass, which updates events, this
                    # takes the mark's row first, so the two never wait on each other crosswise.
                    mark_unfinished(conn)
                    replace_extraction(conn, article, extraction)
                    done += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot re-extract article {article_id}: {_one_line_db(exc)}") from exc
        except Exception as exc:  # one bad article must not stop the run
            if failures is not None:
                failures.append((article_id, reason_of(exc)))
        if progress:
            progress(i, len(ids), article_id)
    _close(engine, done > 0)
    with store_errors("cannot count the summaries"), engine.begin() as conn:
        summaries.rebuild(conn)
    return done


__all__ = ["Extractor", "IngestReport", "StoreError", "ingest_documents", "ingest_paths", "ingest_uploads",
           "reextract_all", "safe_name"]
