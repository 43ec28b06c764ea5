"""Bulk inserts for the write path: rows as tuples, one executemany per table through the driver.

The rows of an article (writes.ARTICLE_TABLES) are built where it was extracted, maybe in a
worker process, as tuples in a column order fixed per table and record type (``Rows``): they
pickle small, and ``insert_rows`` hands them to the driver's executemany without SQLAlchemy
compiling a statement or building a parameter dict per row. What SQLAlchemy's insert would do
to them is done here: columns the records lack that have a Python-side default (``via``,
``status``) get the default's value, and values go through the column types' bind processors
(a SQLite date is stored as its ISO string) for the few columns that have one.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

from parley.errors import StoreError

# The columns a table's row tuples fill, in order, and the tuples.
Rows = tuple[tuple[str, ...], list[tuple[Any, ...]]]


def record_shape(table: Table, fields: Sequence[str]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """For records with ``fields`` stored in ``table`` beside their article_id: the row's columns
    (article_id, the fields, then the columns with a scalar default that the fields lack) and
    the values of those defaults."""
    unknown = [f for f in fields if f not in table.c]
    if unknown:
        raise StoreError(f"table {table.name} has no column {', '.join(unknown)}")
    missing = [c for c in table.columns if c.name not in fields and c.name != "article_id"
               and c.default is not None and c.default.is_scalar]
    return (("article_id", *fields, *(c.name for c in missing)),
            tuple(getattr(c.default, "arg", None) for c in missing))


def record_getter(fields: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving a record's ``fields`` as a tuple (operator.attrgetter, a tuple always)."""
    if len(fields) == 1:
        one = operator.attrgetter(fields[0])
        return lambda r: (one(r),)
    getter: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*fields)
    return getter


_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_STATEMENTS: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[tuple[int, Callable[[Any], Any]]]]] = {}


def _statement(conn: Connection, table: Table,
               columns: tuple[str, ...]) -> tuple[str, list[tuple[int, Callable[[Any], Any]]]] | None:
    """The driver's INSERT for ``columns`` of ``table`` and the bind processors of those columns
    (position, processor); None when the driver's parameter style is not a positional one."""
    dialect = conn.dialect
    key = (dialect.name, table.name, columns)
    hit = _STATEMENTS.get(key)
    if hit is not None:
        return hit
    mark = _PLACEHOLDER.get(dialect.paramstyle)
    if mark is None:
        return None
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
           f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join([mark] * len(columns))})")
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(columns):
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            processors.append((i, proc))
    _STATEMENTS[key] = (sql, processors)
    return sql, processors


def insert_rows(conn: Connection, table: Table, columns: tuple[str, ...],
                rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples over ``columns``) into ``table`` with one executemany, inside the
    caller's transaction; the values are bound as SQLAlchemy's insert binds them."""
    if not rows:
        return
    found = _statement(conn, table, columns)
    if found is None:  # a named parameter style: through SQLAlchemy's insert
        conn.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in rows])
        return
    sql, processors = found
    if processors:
        fixed = []
        for r in rows:
            values = list(r)
            for i, proc in processors:
                if values[i] is not None:
                    values[i] = proc(values[i])
            fixed.append(tuple(values))
        rows = fixed
    conn.exec_driver_sql(sql, rows)
