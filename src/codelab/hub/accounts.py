"""Accounts: bcrypt password hashes, must-change flags and failed-login counts in SQLite.

Kept apart from JupyterHub's own database so that the hub's schema upgrades never touch
passwords, and so this store can be tested without a hub.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bcrypt

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    password_hash BLOB NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    locked: bool = False
    must_change: bool = False


class AccountStore:
    """Password accounts. Methods are blocking: call them off the event loop."""

    def __init__(
        self,
        path: str | Path,
        *,
        max_failed_logins: int = 5,
        lockout_seconds: int = 300,
        rounds: int = 12,
        clock: Callable[[], float] = time.time,
    ):
        self.path = str(path)
        self.max_failed_logins = max_failed_logins
        self.lockout_seconds = lockout_seconds
        self.rounds = rounds
        self.clock = clock
        with self._connect() as db:
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def set_password(self, username: str, password: str, *, must_change: bool = False) -> None:
        hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.rounds))
        with self._connect() as db:
            db.execute(
                "INSERT INTO accounts (username, password_hash, must_change) VALUES (?, ?, ?)"
                " ON CONFLICT(username) DO UPDATE SET password_hash = excluded.password_hash,"
                " must_change = excluded.must_change, failed_logins = 0, locked_until = 0",
                (username, hashed, int(must_change)),
            )

    def exists(self, username: str) -> bool:
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone()
        return row is not None

    def must_change(self, username: str) -> bool:
        with self._connect() as db:
            row = db.execute(
                "SELECT must_change FROM accounts WHERE username = ?", (username,)
            ).fetchone()
        return bool(row and row[0])

    def delete(self, username: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM accounts WHERE username = ?", (username,))

    def check_login(self, username: str, password: str) -> LoginResult:
        """Verify a password, counting failures and throttling after too many."""
        with self._connect() as db:
            row = db.execute(
                "SELECT password_hash, must_change, failed_logins, locked_until"
                " FROM accounts WHERE username = ?",
                (username,),
            ).fetchone()
        if row is None:
            # Spend the same time as a real check so names cannot be probed by timing.
            bcrypt.checkpw(password.encode(), _dummy_hash(self.rounds))
            return LoginResult(ok=False)
        password_hash, must_change, failed, locked_until = row
        now = self.clock()
        if locked_until > now:
            return LoginResult(ok=False, locked=True)
        if bcrypt.checkpw(password.encode(), password_hash):
            self._record(username, failed=0, locked_until=0)
            return LoginResult(ok=True, must_change=bool(must_change))
        failed += 1
        locked = failed >= self.max_failed_logins
        self._record(
            username,
            failed=0 if locked else failed,
            locked_until=now + self.lockout_seconds if locked else 0,
        )
        return LoginResult(ok=False, locked=locked)

    def _record(self, username: str, *, failed: int, locked_until: float) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE username = ?",
                (failed, locked_until, username),
            )


@functools.cache
def _dummy_hash(rounds: int) -> bytes:
    """A hash of the store's cost, made once on first use (not at import: it takes time)."""
    return bcrypt.hashpw(b"codelab-timing-equaliser", bcrypt.gensalt(rounds))
