"""Open the store: the database URL, the engine, the schema, and the store version counter.

Embedded default: a SQLite file under data/. A team deployment sets PARLEY_DB_URL to a
PostgreSQL URL (psycopg 3). Every database failure surfaces as a one-line StoreError.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    func,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.sql import Executable

from parley.datafiles import REPO_ROOT
from parley.errors import StoreError
from parley.store.curated_views import VIEWS_VERSION, drop_views, ensure_views, rename_legacy_tables
from parley.store.schema import ORIGINAL_BODY, articles, metadata, store_meta

ENV_URL = "PARLEY_DB_URL"
DEFAULT_SQLITE = REPO_ROOT / "data" / "parley.db"
_VERSION_KEY = "version"
_UNFINISHED_KEY = "unfinished"
_VIEWS_KEY = "views"  # the version of the curated views made (store/curated_views.py)
_INIT_LOCK = 0x7061726C6579  # PostgreSQL advisory lock key ("parley") held while the schema is made


def db_url(explicit: str | None = None) -> str:
    """The database URL: ``explicit`` > env PARLEY_DB_URL > the SQLite file data/parley.db."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    return f"sqlite:///{DEFAULT_SQLITE}"


def _normalise_url(url: str) -> str:
    """Point bare PostgreSQL URLs at psycopg 3, the driver we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _one_line(exc: BaseException) -> str:
    """The first line of an exception's message, without SQLAlchemy's background links."""
    orig = getattr(exc, "orig", None)
    msg = str(orig if orig is not None else exc).strip()
    return msg.splitlines()[0] if msg else type(exc).__name__


@contextmanager
def store_errors(action: str) -> Iterator[None]:
    """Turn any SQLAlchemy error raised inside into a one-line StoreError naming ``action``."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{action}: {_one_line(exc)}") from exc
    except sqlite3.Error as exc:  # raised by connect-time pragmas outside SQLAlchemy's wrapping
        raise StoreError(f"{action}: {exc}") from exc


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """Foreign keys on (cascading deletes), WAL so readers never block the writer."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        _retry_locked(lambda: cur.execute("PRAGMA journal_mode=WAL"))
        # In WAL mode NORMAL is still crash-safe (no torn transactions), only skips an fsync per commit.
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


_LOCKED_WAIT_S = 30.0  # how long a connection keeps trying a statement SQLite answers 'locked' at once


def _retry_locked(run: Callable[[], object]) -> None:
    """Run ``run`` again while SQLite answers 'database is locked'. Switching a new file to WAL
    takes an exclusive lock that SQLite does not wait for: two processes opening a new store at
    once (two ingests started together) met it."""
    deadline = time.monotonic() + _LOCKED_WAIT_S
    while True:
        try:
            run()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (see db_url); SQLite gets foreign keys and WAL on every connection."""
    raw = _normalise_url(db_url(url))
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {raw!r}: {_one_line(exc)}") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database
            if path and path != ":memory:" and not path.startswith("file:"):
                try:
                    Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from exc
            engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use database {parsed.render_as_string(hide_password=True)}: "
                         f"{_one_line(exc)}") from exc


def describe(engine: Engine) -> str:
    """The engine's URL with the password hidden, for messages."""
    return engine.url.render_as_string(hide_password=True)


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]],
                  update_cols: Sequence[str] = ()) -> None:
    """Insert rows; on a primary-key clash update ``update_cols`` (or skip). SQLite and PostgreSQL."""
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    dialect = conn.dialect.name
    stmt: Executable
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        pg = postgresql.insert(table)
        stmt = (pg.on_conflict_do_update(index_elements=keys,
                                         set_={c: pg.excluded[c] for c in update_cols})
                if update_cols else pg.on_conflict_do_nothing(index_elements=keys))
    elif dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        lite = sqlite.insert(table)
        stmt = (lite.on_conflict_do_update(index_elements=keys,
                                           set_={c: lite.excluded[c] for c in update_cols})
                if update_cols else lite.on_conflict_do_nothing(index_elements=keys))
    else:  # pragma: no cover - only the two supported backends
        raise StoreError(f"unsupported database dialect {dialect}")
    conn.execute(stmt, list(rows))


def insert_new(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Insert one row unless it clashes with any unique key of ``table`` (its primary key or a
    unique index, partial ones included); True if it went in. The database decides, in one
    statement, so two writers racing for the same key cannot both insert it."""
    dialect = conn.dialect.name
    stmt = _INSERT_NEW.get((dialect, table))
    if stmt is None:  # built once per table: ingest inserts every article with it
        keys = list(table.primary_key.columns)
        if dialect == "postgresql":
            from sqlalchemy.dialects import postgresql

            stmt = postgresql.insert(table).on_conflict_do_nothing().returning(*keys)
        elif dialect == "sqlite":
            from sqlalchemy.dialects import sqlite

            stmt = sqlite.insert(table).on_conflict_do_nothing().returning(*keys)
        else:  # pragma: no cover - only the two supported backends
            raise StoreError(f"unsupported database dialect {dialect}")
        _INSERT_NEW[(dialect, table)] = stmt
    # RETURNING, not rowcount: psycopg reports no row count for this statement.
    return conn.execute(stmt, row).first() is not None


_INSERT_NEW: dict[tuple[str, Table], Executable] = {}


def init_db(engine: Engine) -> None:
    """Create missing tables, columns and indexes and the counter rows; safe to call on every
    start, by several processes at once (one at a time makes the schema), and all or nothing."""
    with store_errors(f"cannot initialise the store at {describe(engine)}"), engine.begin() as conn:
        _lock_schema(conn)
        rename_legacy_tables(conn)
        had = set(inspect(conn).get_table_names())
        metadata.create_all(conn, checkfirst=True)
        _add_missing_columns(conn)
        repaired = _add_missing_indexes(conn)
        insert_ignore(conn, store_meta, [{"key": _VERSION_KEY, "value": 0},
                                         {"key": _UNFINISHED_KEY, "value": 0}])
        made = conn.execute(select(store_meta.c.value).where(store_meta.c.key == _VIEWS_KEY)).scalar()
        if ensure_views(conn, made):
            insert_ignore(conn, store_meta, [{"key": _VIEWS_KEY, "value": VIEWS_VERSION}],
                          update_cols=("value",))
        from parley.store.search_index import ensure_index  # it reads the tables made above

        ensure_index(conn)
        from parley.store import summaries  # counted over the curated views, made just above

        # a new store, one made before the summaries, or one whose re-extraction did not finish
        made = {t.name for t in metadata.sorted_tables if t.name.startswith("summary_")} - had
        if repaired or made or summaries.missing(conn):  # new summary tables are counted at once
            summaries.rebuild(conn)


def _lock_schema(conn: Connection) -> None:
    """Take the store's write lock for this transaction, so a concurrent init waits rather than
    making the same tables at the same time. SQLite's driver opens a transaction only before
    DML, so DDL would commit statement by statement: BEGIN IMMEDIATE makes it one transaction."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_INIT_LOCK)))


# Columns added after a store may have been created: (table, column, SQL type and default).
_ADDED_COLUMNS = (("extracted_events", "status", "VARCHAR(16) NOT NULL DEFAULT 'happened'"),)


def _add_missing_columns(conn: Connection) -> None:
    """Bring an older store up to the current tables (create_all never alters a table)."""
    inspector = inspect(conn)
    for table, column, ddl in _ADDED_COLUMNS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


def _add_missing_indexes(conn: Connection) -> int:
    """Create the indexes an older store lacks (create_all adds none to an existing table);
    returns how many originals the one-original-per-body repair demoted."""
    inspector = inspect(conn)
    demoted = 0
    for table in metadata.sorted_tables:
        have = {ix["name"] for ix in inspector.get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            if index.name not in have:
                if index is ORIGINAL_BODY:
                    demoted += _one_original_per_body(conn)
                index.create(conn)
    return demoted


def _one_original_per_body(conn: Connection) -> int:
    """Where a store made before ORIGINAL_BODY holds two originals of one body (two ingests
    raced), keep the first ingested as the original and make the others, and the duplicates
    pointing at them, its duplicates; returns how many originals were demoted."""
    a = articles
    shared = (select(a.c.body_hash).where(a.c.duplicate_of.is_(None))
              .group_by(a.c.body_hash).having(func.count() > 1))
    rows = conn.execute(select(a.c.id, a.c.body_hash)
                        .where(a.c.duplicate_of.is_(None), a.c.body_hash.in_(shared))
                        .order_by(a.c.body_hash, a.c.ingested_at, a.c.id)).all()
    first: dict[str, str] = {}
    demoted = 0
    for article_id, body in rows:
        keep = first.setdefault(body, article_id)
        if keep != article_id:
            conn.execute(update(a).where(or_(a.c.id == article_id, a.c.duplicate_of == article_id))
                         .values(duplicate_of=keep))
            demoted += 1
    return demoted


def drop_store(engine: Engine) -> None:
    """Drop every table of the store, the curated views and the search index first (PostgreSQL
    refuses to drop a table a view reads or a key refers to); for tests and benchmarks that reuse
    one database."""
    from parley.store.search_index import drop_index

    with store_errors(f"cannot drop the store at {describe(engine)}"), engine.begin() as conn:
        drop_views(conn)
        drop_index(conn)
        metadata.drop_all(conn)


def store_version(conn: Connection) -> int:
    """The store's write counter; pages key their caches on it."""
    with store_errors("cannot read the store version"):
        value = conn.execute(
            select(store_meta.c.value).where(store_meta.c.key == _VERSION_KEY)).scalar()
    return int(value or 0)


def bump_version(conn: Connection) -> int:
    """Add one to the store version (inside the caller's transaction); returns the new value."""
    with store_errors("cannot bump the store version"):
        res = conn.execute(update(store_meta).where(store_meta.c.key == _VERSION_KEY)
                           .values(value=store_meta.c.value + 1))
        if res.rowcount == 0:
            insert_ignore(conn, store_meta, [{"key": _VERSION_KEY, "value": 1}])
    return store_version(conn)


def mark_unfinished(conn: Connection) -> None:
    """Note, inside the caller's transaction, that articles were written whose batch has not yet
    run its closing pass (dating across articles, the version bump). The mark commits with the
    articles, so a batch killed before its pass leaves it for the next batch to finish."""
    with store_errors("cannot mark the store unfinished"):
        res = conn.execute(update(store_meta).where(store_meta.c.key == _UNFINISHED_KEY).values(value=1))
        if res.rowcount == 0:
            insert_ignore(conn, store_meta, [{"key": _UNFINISHED_KEY, "value": 1}], update_cols=("value",))


def take_unfinished(conn: Connection) -> bool:
    """Clear the unfinished mark inside the caller's transaction (the closing pass's); True if it
    was set. Its first statement writes the mark's row, so the closing pass holds the row (on
    SQLite, the store) until it commits: concurrent closing passes, and articles written
    meanwhile, wait for it rather than interleave with it."""
    m = store_meta
    mine = m.c.key == _UNFINISHED_KEY
    with store_errors("cannot read the unfinished mark"):
        conn.execute(update(m).where(mine).values(value=m.c.value))  # lock first, then read
        was = conn.execute(select(m.c.value).where(mine)).scalar()
        if was:
            conn.execute(update(m).where(mine).values(value=0))
    return bool(was)


def count_articles(engine: Engine) -> int:
    """How many articles are stored (0 when the tables do not exist yet)."""
    with store_errors(f"cannot read {describe(engine)}"), engine.connect() as conn:
        if not engine.dialect.has_table(conn, articles.name):
            return 0
        return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
