"""The curated views: each table reads see is a view over its base table and its curated rows.

``positions`` = the extracted positions no correction touches, plus the rows of
``curated_positions`` (replacements keep the extracted row's id, additions get a negative id;
deleted rows are hidden). The same for mentions, venues, quotes, events, candidates, and
``actors`` over the gazetteer's actors. The views are made by ``init_db``; an older store's
tables of those names are renamed to their base names first.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Table, exists, func, inspect, literal_column, select, text

from parley.store.schema import CURATED_VIEWS

VIEWS_VERSION = 1  # bump when a view's definition changes: init_db remakes them

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


def _view_select(conn: Connection, view: Table, base: Table, cur: Table) -> str:
    """The SELECT of one curated view (see the module docstring)."""
    key = base.c.id if "id" in base.c else base.c.actor_id
    names = [c.name for c in view.columns if c.name not in ("curated", "correction_ids")]
    extracted = select(*(base.c[n] for n in names), literal_column("0").label("curated"),
                       literal_column("''").label("correction_ids")
                       ).where(~exists().where(cur.c.raw_id == key))
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


def ensure_views(conn: Connection, version_in_store: int | None) -> bool:
    """Create the curated views when one is missing or their version changed; True if (re)made."""
    have = set(inspect(conn).get_view_names())
    if version_in_store == VIEWS_VERSION and all(v.name in have for v in CURATED_VIEWS):
        return False
    drop_views(conn)
    for view, (base, cur) in CURATED_VIEWS.items():
        sql = _view_select(conn, view, base, cur)
        conn.execute(text(f"CREATE VIEW {view.name} AS {sql}"))
    return True
