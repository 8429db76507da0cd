"""Shared by unit tests: the exchange service on loopback, with identities given by token."""

from __future__ import annotations

import asyncio
import itertools
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from tornado.ioloop import IOLoop

from codelab.exchange.access import Caller
from codelab.exchange.service import make_app, serve
from codelab.exchange.store import ExchangeStore

MARCH_2 = date(2026, 3, 2)
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
CALLERS = {
    "t-amina": Caller("amina", groups=frozenset({"nbgrader-web-dev"})),
    "t-bilal": Caller("bilal", groups=frozenset({"nbgrader-web-dev"})),
    # A trainee of a cohort that started on 2 March 2026.
    "t-chloe": Caller("chloe", groups=frozenset({"nbgrader-web-dev", "cohort-mars"})),
    "t-prof": Caller("prof", groups=frozenset({"formgrade-web-dev"})),
    "t-outsider": Caller("zoe", groups=frozenset({"nbgrader-other"})),
    "t-cli": Caller("codelab-admin", kind="service"),
    "t-progress": Caller("progress", kind="service"),
}


async def groups_of(name):
    """The hub's groups of a person, by name (what the exchange asks about granted_by)."""
    found = [c.groups for c in CALLERS.values() if c.name == name and c.kind == "user"]
    return found[0] if found else frozenset()


async def identify(handler):
    header = handler.request.headers.get("Authorization", "")
    return CALLERS.get(header.removeprefix("token "))


async def trainee_start(name):
    """The hub's answer: each trainee's cohort start (none for the others, or a deleted one)."""
    return {"chloe": MARCH_2}.get(name)


# The exchange's clock: 10 March 2026, 23:30 in Paris (22:30 UTC), a second later each time.
TEN_MARCH_LATE = datetime(2026, 3, 10, 22, 30, tzinfo=UTC)


@pytest.fixture
def exchange(tmp_path):
    """The service in a thread of its own; yields a function making requests."""
    ticks = itertools.count()
    store = ExchangeStore(
        tmp_path, max_unpacked_bytes=100_000, quota_bytes=100_000,
        clock=lambda: TEN_MARCH_LATE + timedelta(seconds=next(ticks)),
    )  # fmt: skip
    ready = threading.Event()
    state = {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = make_app(store, identify, "/services/exchange/", trainee_start, "Europe/Paris",
                       groups_of)  # fmt: skip
        state["server"] = serve(app, 0, 50_000)
        state["port"] = next(iter(state["server"]._sockets.values())).getsockname()[1]
        state["loop"] = IOLoop.current()
        ready.set()
        state["loop"].start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    base = f"http://127.0.0.1:{state['port']}/services/exchange/api/courses"

    def call(method, path, token, **kwargs):
        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.request(method, base + path, headers=headers, timeout=10, **kwargs)

    call.base = base
    yield call
    state["loop"].add_callback(state["loop"].stop)
    thread.join(10)
