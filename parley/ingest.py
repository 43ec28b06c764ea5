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
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from parley.errors import LoadError, ParleyError, StoreError
from parley.records import Article, RawDocument
from parley.store.curation import reapply as reapply_corrections
from parley.store.db import bump_version, describe, init_db, mark_unfinished, store_errors, take_unfinished
from parley.store.writes import (
    article_ids_in_ingest_order,
    date_from_other_articles,
    is_stored,
    known_copies,
    load_article,
    original_of,
    replace_extraction,
    store_article,
    sync_gazetteer,
)

if TYPE_CHECKING:
    from parley.extract.gazetteer import Gazetteer
    from parley.extract.records import Extraction
    from parley.load.readers import ReadResult

Progress = Callable[[int, int, str], None]
Extractor = Callable[[Article], "Extraction"]

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


def _reason(exc: BaseException) -> str:
    """One line saying why an article was rejected."""
    if isinstance(exc, LoadError):
        return exc.reason
    msg = str(exc).strip().splitlines()
    text = msg[0] if msg else ""
    if isinstance(exc, ParleyError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Batch:
    """State shared by one ingest run: the engine, the extractor, the report, and the
    connection the articles are written on (each in its own transaction). Use it in a
    ``with`` block, which closes that connection."""

    def __init__(self, engine: Engine, extract: bool, extractor: Extractor | None) -> None:
        self.engine = engine
        self.report = IngestReport()
        self.extractor: Extractor | None = None
        self._conn: Connection | None = None
        init_db(engine)
        if extract:
            if extractor is None:
                extractor, gaz = _default_extractor()
                with store_errors("cannot sync the gazetteer"), engine.begin() as conn:
                    sync_gazetteer(conn, gaz)
            self.extractor = extractor

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self._drop_connection()

    def _connection(self) -> Connection:
        """The batch's connection, opened on first use and kept: checking a connection out of
        the pool and back in for every article costs more than building a small article."""
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn

    def _drop_connection(self) -> None:
        """Close the batch's connection (after a database error the next article gets a fresh one)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(SQLAlchemyError):
                conn.close()

    def add(self, doc: RawDocument, *, retry: bool = True) -> None:
        """Build, extract and store one document in its own transaction; record the outcome.
        If the server dropped the batch's connection while idle, the article is tried once more
        on a fresh one."""
        from parley.load.article import build_article

        origin = doc.origin
        try:
            article = build_article(doc)
            origin = article.origin
            self.report.article_ids[origin] = article.id
            conn = self._connection()
            with conn.begin():
                # One indexed round trip answers both "already stored?" and "same body as?".
                known = known_copies(conn, article.id, article.body_hash)
                if any(row.id == article.id for row in known):
                    self.report.already.append(origin)
                    return
                article.duplicate_of = original_of(known)
                extraction = self.extractor(article) if self.extractor else None
                # The insert decides: a concurrent ingest may have stored this text, or this body,
                # since the look-up above.
                if not store_article(conn, article, extraction):
                    self.report.already.append(origin)
                    return
        except IntegrityError as exc:
            self._drop_connection()
            # The same raw text stored by a concurrent ingest is "already", not a failure.
            if self._stored(doc, exc):
                self.report.already.append(origin)
            else:
                self.report.rejected.append((origin, f"store: {_one_line_db(exc)}"))
            return
        except SQLAlchemyError as exc:
            self._drop_connection()
            if retry and getattr(exc, "connection_invalidated", False):
                self.add(doc, retry=False)
                return
            self.report.rejected.append((origin, f"store: {_one_line_db(exc)}"))
            return
        except Exception as exc:  # any failure of one article must not stop the batch
            self.report.rejected.append((origin, _reason(exc)))
            return
        self.report.ingested.append(origin)
        if article.duplicate_of is not None:
            self.report.duplicates.append((origin, article.duplicate_of))

    def _stored(self, doc: RawDocument, exc: IntegrityError) -> bool:
        from parley.load.article import build_article

        try:
            art = build_article(doc)
            with self.engine.connect() as conn:
                return is_stored(conn, art.id)
        except Exception:
            return False

    def reject(self, origin: str, reason: str) -> None:
        """Record an input that could not be read."""
        self.report.rejected.append((origin, reason))

    def finish(self) -> IngestReport:
        """Run the closing pass if this batch, or an earlier one that did not get to its own,
        wrote articles; return the report."""
        self._drop_connection()
        _close(self.engine, self.report.wrote)
        return self.report


def _close(engine: Engine, wrote: bool) -> None:
    """The closing pass, in one transaction: date the undated events that other articles date,
    apply the analysts' corrections again over the rows written (store/curation.py), and bump
    the store version. It runs when the caller wrote, or when the store is marked
    unfinished: a batch killed after its last article and before this pass leaves the mark,
    and the next batch, even one that writes nothing, completes the store."""
    with store_errors("cannot bump the store version"), engine.begin() as conn:
        if take_unfinished(conn) or wrote:
            date_from_other_articles(conn)
            reapply_corrections(conn)  # the curated rows over the new extracted rows
            bump_version(conn)


def _one_line_db(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _feed(batch: _Batch, origin: str, docs: Callable[[], Iterable[RawDocument | LoadError]]) -> None:
    """Run one input's documents through the batch; a reader failure rejects the input."""
    try:
        for item in docs():
            if isinstance(item, LoadError):
                batch.reject(item.origin, item.reason)
            else:
                batch.add(item)
    except LoadError as exc:
        batch.reject(exc.origin or origin, exc.reason)
    except (OSError, UnicodeError, ValueError) as exc:
        batch.reject(origin, _reason(exc))


def ingest_paths(paths: Sequence[Path], engine: Engine, *, extract: bool = True,
                 progress: Progress | None = None,
                 extractor: Extractor | None = None) -> IngestReport:
    """Ingest files and folders (walked recursively); returns what was stored, skipped, rejected."""
    from parley.load.readers import read_path, walk

    with _Batch(engine, extract, extractor) as batch:
        files: list[Path] = []
        for p in paths:
            try:
                files.extend(walk([Path(p)]))
            except LoadError as exc:
                batch.reject(exc.origin, exc.reason)
            except OSError as exc:
                batch.reject(str(p), exc.strerror or str(exc))
        for i, path in enumerate(files, 1):
            _feed(batch, str(path), partial(_iter_read, read_path, path))
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
            _feed(batch, origin, partial(_iter_read, read_bytes_with_rejects, origin, data))
            if progress:
                progress(i, len(files), origin)
        return batch.finish()


def ingest_documents(items: Iterable[RawDocument | LoadError], engine: Engine, *, extract: bool = True,
                     extractor: Extractor | None = None) -> IngestReport:
    """Ingest documents read elsewhere (fetched pages, feed items), each stored as it comes: the
    iterable may fetch lazily. A LoadError among them is recorded as a reject."""
    with _Batch(engine, extract, extractor) as batch:
        _feed(batch, "(documents)", lambda: items)
        return batch.finish()


def _iter_read(reader: Callable[..., ReadResult], *args: object) -> Iterator[RawDocument | LoadError]:
    """Call a lenient reader and yield its documents, then its rejects (whole-file or per line)."""
    result = reader(*args)
    yield from result.docs
    yield from result.rejects


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
    with store_errors(f"cannot read {describe(engine)}"), engine.connect() as conn:
        ids = article_ids_in_ingest_order(conn)
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
                    replace_extraction(conn, article_id, extraction)
                    done += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot re-extract article {article_id}: {_one_line_db(exc)}") from exc
        except Exception as exc:  # one bad article must not stop the run
            if failures is not None:
                failures.append((article_id, _reason(exc)))
        if progress:
            progress(i, len(ids), article_id)
    _close(engine, done > 0)
    return done


__all__ = ["IngestReport", "StoreError", "ingest_documents", "ingest_paths", "ingest_uploads",
           "reextract_all", "safe_name"]
