"""Checks on a trainee's SQL, in a throwaway in-memory SQLite database.

Schema checks read SQLite's own catalogue (PRAGMA table_info, foreign_key_list, index_list);
check_rejects / check_accepts try real inserts, for CHECK constraints and the like. Query
checks run the trainee's query and a reference query on the same generated data.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable

from graders.check import fail, short
from graders.messages import t

Db = sqlite3.Connection | str
Fill = str | Callable[[sqlite3.Connection, random.Random], None] | None


def connect(script: str | None = None, lang: str | None = None) -> sqlite3.Connection:
    """A fresh in-memory database with foreign keys enforced, after running `script`."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    if script:
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            fail("sql_script_error", lang, error=short(str(exc), 200))
    return conn


def _db(db: Db, lang: str | None) -> sqlite3.Connection:
    return connect(db, lang) if isinstance(db, str) else db


def _table_info(conn: sqlite3.Connection, table: str, lang: str | None) -> list[tuple]:
    """PRAGMA table_info rows: (cid, name, type, notnull, default, pk); fails if no table."""
    query = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(?)"
    rows = conn.execute(query, (table,)).fetchall()
    if not rows:
        fail("sql_table_missing", lang, table=table)
    return conn.execute(f'PRAGMA table_info("{table}")').fetchall()


def _affinity(declared: str) -> str:
    """SQLite's type affinity rules, so VARCHAR(50) counts as TEXT and INT as INTEGER."""
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in declared or not declared:
        return "BLOB"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def check_table(
    db: Db, table: str, columns: Iterable[str] | dict[str, str] = (), lang: str | None = None
) -> list[str]:
    """The table exists with these columns (and types, compared by affinity, if a dict)."""
    conn = _db(db, lang)
    info = {row[1].lower(): row for row in _table_info(conn, table, lang)}
    types = columns if isinstance(columns, dict) else dict.fromkeys(columns)
    for column, expected in types.items():
        row = info.get(column.lower())
        if row is None:
            fail("sql_column_missing", lang, table=table, column=column)
        if expected and _affinity(row[2]) != _affinity(expected):
            fail(
                "sql_column_type",
                lang,
                table=table,
                column=column,
                expected=expected,
                got=row[2] or "?",
            )
    return [row[1] for row in info.values()]


def _primary_key(conn: sqlite3.Connection, table: str, lang: str | None) -> list[str]:
    rows = sorted((row[5], row[1]) for row in _table_info(conn, table, lang) if row[5])
    return [name.lower() for _, name in rows]


def check_primary_key(
    db: Db, table: str, columns: str | Iterable[str], lang: str | None = None
) -> None:
    """The primary key is exactly `columns` (one name, or several for a composite key)."""
    conn = _db(db, lang)
    wanted = [columns] if isinstance(columns, str) else list(columns)
    got = _primary_key(conn, table, lang)
    if sorted(got) != sorted(c.lower() for c in wanted):
        fail(
            "sql_pk",
            lang,
            table=table,
            expected=", ".join(wanted),
            got=", ".join(got) or t("none", lang),
        )


def check_foreign_key(
    db: Db,
    table: str,
    column: str,
    ref_table: str,
    ref_column: str | None = None,
    lang: str | None = None,
) -> None:
    """`table.column` REFERENCES `ref_table` (`ref_column`, or its primary key)."""
    conn = _db(db, lang)
    _table_info(conn, table, lang)
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        target, source, to = row[2].lower(), row[3].lower(), (row[4] or "").lower()
        if source != column.lower() or target != ref_table.lower():
            continue
        # REFERENCES t without a column means t's primary key.
        targets = [to] if to else _primary_key(conn, ref_table, lang)
        if ref_column is None or ref_column.lower() in targets:
            return
    ref = f"{ref_table}({ref_column})" if ref_column else ref_table
    fail("sql_fk", lang, table=table, column=column, ref=ref)


def check_not_null(db: Db, table: str, column: str, lang: str | None = None) -> None:
    """The column refuses NULL (NOT NULL, or an INTEGER PRIMARY KEY, which is the rowid)."""
    conn = _db(db, lang)
    check_table(conn, table, [column], lang)
    row = next(r for r in _table_info(conn, table, lang) if r[1].lower() == column.lower())
    rowid = _primary_key(conn, table, lang) == [column.lower()] and row[2].upper() == "INTEGER"
    if not row[3] and not rowid:
        fail("sql_not_null", lang, table=table, column=column)


def check_unique(db: Db, table: str, column: str | Iterable[str], lang: str | None = None) -> None:
    """The column (or set of columns) is UNIQUE or the whole primary key."""
    conn = _db(db, lang)
    wanted = {c.lower() for c in ([column] if isinstance(column, str) else column)}
    keys = [set(_primary_key(conn, table, lang))]
    for index in conn.execute(f'PRAGMA index_list("{table}")').fetchall():
        if index[2]:  # unique
            names = conn.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
            keys.append({row[2].lower() for row in names if row[2]})
    if wanted not in keys:
        shown = column if isinstance(column, str) else ", ".join(column)
        fail("sql_unique", lang, table=table, column=shown)


def check_rejects(db: Db, statement: str, params: Iterable = (), lang: str | None = None) -> None:
    """The database refuses `statement` (e.g. an INSERT breaking a constraint); undone after."""
    conn = _db(db, lang)
    try:
        conn.execute(statement, tuple(params))
    except sqlite3.IntegrityError:
        return
    except sqlite3.Error as exc:
        fail("sql_script_error", lang, error=short(str(exc), 200))
    finally:
        conn.rollback()
    fail("sql_accepts_bad", lang, sql=short(statement, 160))


def check_accepts(db: Db, statement: str, params: Iterable = (), lang: str | None = None) -> None:
    """The database accepts `statement` (a valid row must not be refused); undone after."""
    conn = _db(db, lang)
    try:
        conn.execute(statement, tuple(params))
    except sqlite3.Error as exc:
        fail("sql_rejects_good", lang, sql=short(statement, 160), error=short(str(exc), 120))
    finally:
        conn.rollback()


def run_query(conn: sqlite3.Connection, query: str, lang: str | None = None) -> list[tuple]:
    """The rows of the trainee's query; an SQL error becomes one sentence."""
    try:
        return conn.execute(query.strip().rstrip(";")).fetchall()
    except (sqlite3.Error, sqlite3.Warning) as exc:
        fail("sql_query_error", lang, error=short(str(exc), 200))


def _rounded(rows: list[tuple]) -> list[tuple]:
    """Round floats so AVG() computed two ways compares equal."""
    return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in rows]


def check_query(
    schema: str,
    query: str,
    reference: str,
    fill: Fill = None,
    runs: int = 1,
    seed: int | None = None,
    ordered: bool = False,
    lang: str | None = None,
) -> list[tuple]:
    """The trainee's query returns the reference query's rows, on `runs` fresh databases.

    `fill` is an SQL script, or a function (conn, rng) inserting random rows, so a query that
    hard-codes the visible data fails. Row order matters only if `ordered`.
    """
    rng = random.Random(seed)
    got: list[tuple] = []
    for _ in range(runs):
        conn = connect(schema, lang)
        if isinstance(fill, str):
            conn.executescript(fill)
        elif fill is not None:
            fill(conn, rng)
        expected = _rounded(conn.execute(reference).fetchall())
        got = _rounded(run_query(conn, query, lang))
        _compare_rows(got, expected, ordered, lang)
    return got


def _compare_rows(got: list[tuple], expected: list[tuple], ordered: bool, lang: str | None) -> None:
    if len(got) != len(expected):
        fail("sql_row_count", lang, got=len(got), expected=len(expected))
    if got and expected and len(got[0]) != len(expected[0]):
        fail("sql_col_count", lang, got=len(got[0]), expected=len(expected[0]))
    missing = Counter(expected) - Counter(got)
    if missing:
        fail("sql_rows", lang, row=short(repr(next(iter(missing)))))
    if ordered and got != expected:
        fail("sql_order", lang)
