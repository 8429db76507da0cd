"""Faults the lab recognises to say them plainly. Runs everywhere (the hub, the learner)."""

from __future__ import annotations

import errno

OUT_OF_ROOM_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# SQLite's own word for it (the hub's database and the account store are SQLite files).
SQLITE_FULL = "database or disk is full"


def out_of_room(error: object) -> bool:
    """True when `error`, or what it was raised from, says the disk is full. Anything
    else (None, a template's undefined value) is not."""
    seen: set[int] = set()
    while isinstance(error, BaseException) and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in OUT_OF_ROOM_ERRNOS:
            return True
        # SQLite's error, or SQLAlchemy's wrapping it; never a message a user could type.
        if type(error).__name__ == "OperationalError" and SQLITE_FULL in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False
