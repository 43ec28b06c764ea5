"""The curated views: each table reads see is a view over its base table and its curated rows.

``positions`` = the extracted positions no correction touches, plus the rows of
``curated_positions`` (replacements keep the extracted row's id, additions get a negative id;
deleted rows are hidden). The same for mentions, venues, quotes, events, candidates, and
``actors`` over the gazetteer's actors. While a curated table is empty its view is the base table
alone (no cost to reads); ``refresh_view_forms`` switches a view's form when that changes. The
views are made by ``init_db``; an older store's tables of those names are renamed to their base
names first.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    exists,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
    update,
)

from parley.store.schema import CURATED_VIEWS, store_meta

VIEWS_VERSION = 2  # bump when a view's definition changes: init_db remakes them

# Stores made before curation named the base tables as the views are named now.
LEGACY_NAMES = tuple((view.name, base.name) for view, (base, _cur) in CURATED_VIEWS.items())


def rename_legacy_tables(conn: Connection) -> list[str]:
    """Rename an older store's ``positions`` (etc.) tables to their base names; returns those renamed."""
    tables = set(inspect(conn).get_table_names())
    done = []
    for old, new in LEGACY_NAMES:
        if old in tables and new not in tables:
            conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
            done.append(old)
    return done


def _view_select(conn: Connection, view: Table, base: Table, cur: Table, *, with_curated: bool) -> str:
    """The SELECT of one curated view (see the module docstring). Without curated rows it is the
    base table alone: a plain view the database folds into the query, so reads keep their indexes
    and pay nothing for curation until a correction touches that table."""
    key = base.c.id if "id" in base.c else base.c.actor_id
    names = [c.name for c in view.columns if c.name not in ("curated", "correction_ids")]
    extracted = select(*(base.c[n] for n in names), literal_column("0").label("curated"),
                       literal_column("''").label("correction_ids"))
    if not with_curated:
        return str(extracted.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    extracted = extracted.where(~exists().where(cur.c.raw_id == key))
    replaced: list[ColumnElement[object]] = []
    for n in names:
        if n == "id":
            replaced.append(func.coalesce(cur.c.raw_id, -cur.c.id).label("id"))
        else:
            replaced.append(cur.c[n])
    curated = select(*replaced, literal_column("1").label("curated"), cur.c.correction_ids
                     ).where(cur.c.deleted == 0)
    both = extracted.union_all(curated)
    return str(both.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def drop_views(conn: Connection) -> None:
    """Drop the curated views that exist."""
    have = set(inspect(conn).get_view_names())
    for view in CURATED_VIEWS:
        if view.name in have:
            conn.execute(text(f"DROP VIEW {view.name}"))


def _form_key(view: Table) -> str:
    return f"view:{view.name}"  # store_meta: 1 when the view reads curated rows too


def _make_view(conn: Connection, view: Table, with_curated: bool) -> None:
    base, cur = CURATED_VIEWS[view]
    conn.execute(text(f"DROP VIEW IF EXISTS {view.name}"))
    conn.execute(text(f"CREATE VIEW {view.name} AS "
                      f"{_view_select(conn, view, base, cur, with_curated=with_curated)}"))
    key = _form_key(view)
    if conn.execute(update(store_meta).where(store_meta.c.key == key).values(value=int(with_curated))
                    ).rowcount == 0:
        conn.execute(insert(store_meta).values(key=key, value=int(with_curated)))


def _has_rows(conn: Connection, table: Table) -> bool:
    return conn.execute(select(table.c.id).limit(1)).first() is not None


def ensure_views(conn: Connection, version_in_store: int | None) -> bool:
    """Create the curated views when one is missing or their version changed; True if (re)made."""
    have = set(inspect(conn).get_view_names())
    if version_in_store == VIEWS_VERSION and all(v.name in have for v in CURATED_VIEWS):
        return False
    drop_views(conn)
    for view, (_base, cur) in CURATED_VIEWS.items():
        _make_view(conn, view, _has_rows(conn, cur))
    return True


def refresh_view_forms(conn: Connection) -> None:
    """After the curated rows change: give each view the form its curated table needs (the plain
    form while the table is empty). Only a view whose form changes is remade."""
    forms = {str(k): int(v) for k, v in conn.execute(select(store_meta.c.key, store_meta.c.value)
                                                      .where(store_meta.c.key.startswith("view:")))}
    for view, (_base, cur) in CURATED_VIEWS.items():
        want = _has_rows(conn, cur)
        if forms.get(_form_key(view)) != int(want):
            _make_view(conn, view, want)
