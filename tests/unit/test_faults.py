"""A full disk is recognised down an exception's chain, whoever raised it."""

import errno
import sqlite3

from tornado import web

from codelab.faults import out_of_room


def test_out_of_room_is_found_down_the_chain_of_causes():
    full = OSError(errno.ENOSPC, "No space left on device")
    try:
        try:
            raise full
        except OSError as error:
            raise web.HTTPError(500, "Unexpected error while saving file") from error
    except web.HTTPError as wrapped:
        assert out_of_room(wrapped)
    assert out_of_room(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not out_of_room(OSError(errno.EIO, "I/O error"))
    assert not out_of_room(web.HTTPError(500))
    assert out_of_room(sqlite3.OperationalError("database or disk is full"))
    assert not out_of_room(web.HTTPError(404, "/hub/database or disk is full"))
    assert not out_of_room(None) and not out_of_room("database or disk is full")


def test_a_cause_that_loops_back_ends_the_walk():
    first, second = RuntimeError("a"), RuntimeError("b")
    first.__cause__, second.__cause__ = second, first
    assert not out_of_room(first)
