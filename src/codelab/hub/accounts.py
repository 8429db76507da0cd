"""Accounts: bcrypt password hashes, must-change flags, failed-login counts, the trainee's
name and whether the account is active, in SQLite.

Kept apart from JupyterHub's own database so that the hub's schema upgrades never touch
passwords, and so this store can be tested without a hub.
"""

from __future__ import annotations

import base64
import functools
import hashlib
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
# A trainee's uid, given once per username and never taken back: deleting an account
# keeps its row, so a re-created trainee finds their files as theirs, and no uid ever
# goes to a second name. (Hub user ids do neither: SQLite reuses them after a deletion.)
UIDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS uids (
    username TEXT PRIMARY KEY,
    uid INTEGER NOT NULL UNIQUE
)
"""
# Columns added after the first release: added in place to an older store.
ADDED_COLUMNS = {
    "first_name": "TEXT NOT NULL DEFAULT ''",
    "last_name": "TEXT NOT NULL DEFAULT ''",
    "email": "TEXT",
    "active": "INTEGER NOT NULL DEFAULT 1",
}


# bcrypt reads at most 72 bytes (and bcrypt >= 5 raises past them); a long French
# passphrase is more. A longer password is hashed as its SHA-256 first, so every
# character counts; shorter ones stay as they were, so existing hashes still verify.
BCRYPT_MAX_BYTES = 72
# Longest password accepted: far beyond any passphrase, short of a request meant to hurt.
MAX_PASSWORD_LENGTH = 1024


def _bcrypt_input(password: str) -> bytes:
    raw = password.encode()
    if len(raw) <= BCRYPT_MAX_BYTES:
        return raw
    return base64.b64encode(hashlib.sha256(raw).digest())


def hash_password(password: str, rounds: int) -> bytes:
    return bcrypt.hashpw(_bcrypt_input(password), bcrypt.gensalt(rounds))


def password_matches(password: str, password_hash: bytes) -> bool:
    return bcrypt.checkpw(_bcrypt_input(password), password_hash)


@dataclass(frozen=True)
class Profile:
    """Who an account is, as an admin sees it (never the hash)."""

    username: str
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    active: bool = True
    must_change: bool = False


@dataclass(frozen=True)
class NewAccount:
    profile: Profile
    password_hash: bytes


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    locked: bool = False
    must_change: bool = False
    inactive: bool = False  # right password, but the account is deactivated


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
        self._unknown: dict[str, tuple[int, float]] = {}  # failures of names with no account
        with self._connect() as db:
            # SQLite's rollback journal, not WAL: with WAL each new connection makes its
            # -wal and -shm files, so a full disk refused even the read a login needs.
            # (Kept in the file: a store made in WAL mode is turned back here, once.)
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute(SCHEMA)
            db.execute(UIDS_SCHEMA)
            present = {row[1] for row in db.execute("PRAGMA table_info(accounts)")}
            for column, definition in ADDED_COLUMNS.items():
                if column not in present:
                    db.execute(f"ALTER TABLE accounts ADD COLUMN {column} {definition}")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def uid_for(self, username: str, first: int) -> int:
        """The username's uid: the one it was given, else the next never given (>= first)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # two spawns at once must not take the same uid
            try:
                row = db.execute("SELECT uid FROM uids WHERE username = ?", (username,)).fetchone()
                if row is None:
                    (top,) = db.execute("SELECT MAX(uid) FROM uids").fetchone()
                    row = (max(first, (top or 0) + 1),)
                    db.execute("INSERT INTO uids (username, uid) VALUES (?, ?)", (username, row[0]))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return row[0]

    def set_password(self, username: str, password: str, *, must_change: bool = False) -> None:
        hashed = hash_password(password, self.rounds)
        with self._connect() as db:
            db.execute(
                "INSERT INTO accounts (username, password_hash, must_change) VALUES (?, ?, ?)"
                " ON CONFLICT(username) DO UPDATE SET password_hash = excluded.password_hash,"
                " must_change = excluded.must_change, failed_logins = 0, locked_until = 0",
                (username, hashed, int(must_change)),
            )

    def create(self, accounts: list[NewAccount]) -> None:
        """Create all the accounts in one transaction, or none if one of them exists."""
        rows = [
            (a.profile.username, a.password_hash, int(a.profile.must_change), a.profile.first_name,
             a.profile.last_name, a.profile.email, int(a.profile.active))
            for a in accounts
        ]  # fmt: skip
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO accounts (username, password_hash, must_change, first_name,"
                    " last_name, email, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except sqlite3.IntegrityError:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def profiles(self) -> list[Profile]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT username, first_name, last_name, email, active, must_change"
                " FROM accounts ORDER BY username"
            ).fetchall()
        return [
            Profile(name, first, last, email, bool(active), bool(must))
            for name, first, last, email, active, must in rows
        ]

    def set_active(self, usernames: list[str], active: bool) -> None:
        with self._connect() as db:
            db.executemany(
                "UPDATE accounts SET active = ? WHERE username = ?",
                [(int(active), name) for name in usernames],
            )

    def deactivated(self, username: str) -> bool:
        with self._connect() as db:
            row = db.execute(
                "SELECT active FROM accounts WHERE username = ?", (username,)
            ).fetchone()
        return row is not None and not row[0]

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

    def password_is(self, username: str, password: str) -> bool:
        """Whether `password` is the account's, without counting a miss as a failed login
        (a trainee choosing a new password is not guessing the old one)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT password_hash FROM accounts WHERE username = ?", (username,)
            ).fetchone()
        return bool(row) and password_matches(password, row[0])

    def delete(self, username: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM accounts WHERE username = ?", (username,))

    def check_login(self, username: str, password: str) -> LoginResult:
        """Verify a password, counting failures and throttling after too many."""
        with self._connect() as db:
            row = db.execute(
                "SELECT password_hash, must_change, failed_logins, locked_until, active"
                " FROM accounts WHERE username = ?",
                (username,),
            ).fetchone()
        if row is None:
            # An unknown name answers as an account would, in the same time, and locks
            # after as many failures: neither the answer nor its delay tells who exists.
            password_matches(password, _dummy_hash(self.rounds))
            return self._unknown_name_failed(username)
        password_hash, must_change, failed, locked_until, active = row
        now = self.clock()
        if locked_until > now:
            password_matches(password, _dummy_hash(self.rounds))
            return LoginResult(ok=False, locked=True)
        if password_matches(password, password_hash):
            if failed or locked_until:  # a good login writes nothing else: a full disk lets it in
                self._record(username, failed=0, locked_until=0)
            if not active:
                return LoginResult(ok=False, inactive=True)
            return LoginResult(ok=True, must_change=bool(must_change))
        failed += 1
        locked = failed >= self.max_failed_logins
        self._record(
            username,
            failed=0 if locked else failed,
            locked_until=now + self.lockout_seconds if locked else 0,
        )
        return LoginResult(ok=False, locked=locked)

    def _unknown_name_failed(self, username: str) -> LoginResult:
        now = self.clock()
        failed, locked_until = self._unknown.get(username, (0, 0.0))
        if locked_until > now:
            return LoginResult(ok=False, locked=True)
        failed += 1
        locked = failed >= self.max_failed_logins
        if len(self._unknown) > 10_000:  # names made up by a scanner: forget the oldest
            self._unknown.clear()
        self._unknown[username] = (0, now + self.lockout_seconds) if locked else (failed, 0.0)
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
