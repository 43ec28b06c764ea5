"""Reading and extraction for ingest, in this process or in worker processes.

A document becomes an Outcome with no database at hand: its rows ready for the writer
(parley.store.writes.Prepared), or "already stored", or a reason for rejecting it. With several
workers, files go out to a pool of forked processes (which inherit the loaded gazetteer) and
come back in walk order, so the single writer in parley/ingest.py stores the same rows, in the
same order, as one process does.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from parley.errors import LoadError, ParleyError
from parley.records import Article, RawDocument
from parley.store.writes import Prepared, prepare

if TYPE_CHECKING:
    from parley.extract.records import Extraction
    from parley.load.readers import ReadResult

Extractor = Callable[[Article], "Extraction"]
# What one document gave: its rows; or (origin, None, id): stored already; or (origin, reason, id
# or None when it could not be built): rejected.
Outcome = Prepared | tuple[str, str | None, str | None]


def reason_of(exc: BaseException) -> str:
    """One line saying why an article was rejected."""
    if isinstance(exc, LoadError):
        return exc.reason
    msg = str(exc).strip().splitlines()
    text = msg[0] if msg else ""
    if isinstance(exc, ParleyError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def prepare_document(doc: RawDocument, extractor: Extractor | None, stored: Set[str]) -> Outcome:
    """Build and extract one document: its rows for the writer; (origin, None) when its id is in
    ``stored`` (not extracted again); (origin, reason) when it cannot be built or extracted."""
    from parley.load.article import build_article

    origin = doc.origin
    article_id: str | None = None
    try:
        article = build_article(doc)
        origin, article_id = article.origin, article.id
        if article.id in stored:
            return (origin, None, article_id)
        return prepare(article, extractor(article) if extractor else None)
    except Exception as exc:  # any failure of one article must not stop the batch
        return (origin, reason_of(exc), article_id)


def document_outcomes(origin: str, docs: Callable[[], Iterable[RawDocument | LoadError]],
                      extractor: Extractor | None, stored: Set[str]) -> Iterator[Outcome]:
    """The outcome of each of one input's documents; a reader failure rejects the input."""
    try:
        for item in docs():
            if isinstance(item, LoadError):
                yield (item.origin, item.reason, None)
            else:
                yield prepare_document(item, extractor, stored)
    except LoadError as exc:
        yield (exc.origin or origin, exc.reason, None)
    except (OSError, UnicodeError, ValueError) as exc:
        yield (origin, reason_of(exc), None)


def iter_read(reader: Callable[..., ReadResult], *args: object) -> Iterator[RawDocument | LoadError]:
    """Call a lenient reader and yield its documents, then its rejects (whole-file or per line)."""
    result = reader(*args)
    yield from result.docs
    yield from result.rejects


def file_outcomes(path: Path, extractor: Extractor | None, stored: Set[str]) -> Iterator[Outcome]:
    """The outcomes of one file's documents."""
    from parley.load.readers import read_path

    return document_outcomes(str(path), partial(iter_read, read_path, path), extractor, stored)


# Set in the parent just before the pool forks; the workers inherit it (nothing is pickled).
_WORKER_STATE: list[tuple[Extractor | None, Set[str]]] = []


def _work(path: Path) -> list[Outcome]:
    extractor, stored = _WORKER_STATE[-1]
    return list(file_outcomes(path, extractor, stored))


def warm_up(extractor: Extractor | None) -> None:
    """Read and extract a one-line document here, so that what the stages load on first use
    (boilerplate, cue files, the date grammar, the automata) is loaded once, before the workers
    fork and inherit it, instead of once in each worker."""
    from parley.load.article import build_article

    with suppress(Exception):  # only a warm-up: a real document reports its own failure
        article = build_article(RawDocument("(warm-up)", "Talks resumed on 5 February 2026, "
                                            "officials said yesterday.\n"))
        if extractor is not None:
            extractor(article)


def can_fork() -> bool:
    """Whether worker processes can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def outcomes_in_parallel(files: Sequence[Path], workers: int, extractor: Extractor | None,
                         stored: Set[str]) -> Iterator[tuple[Path, list[Outcome]]]:
    """(file, its outcomes) for every file, in order, read and extracted by ``workers`` forked
    processes. The workers never touch the database: they inherit the parent's open
    connections but exit without closing them (os._exit), so the parent's stay usable."""
    if not can_fork():
        yield from ((path, list(file_outcomes(path, extractor, stored))) for path in files)
        return
    warm_up(extractor)
    _WORKER_STATE.append((extractor, stored))
    try:
        # The loaded gazetteer, cues and automata out of the workers' garbage collection: their
        # collections skip them (and leave their pages shared with this process)
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(workers)
        finally:
            gc.unfreeze()  # here only: the workers keep them frozen
        with pool:
            # small chunks keep the writer fed evenly; results come back in submission order
            yield from zip(files, pool.imap(_work, files, chunksize=4), strict=True)
    finally:
        _WORKER_STATE.pop()
