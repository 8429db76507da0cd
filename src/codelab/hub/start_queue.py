"""Trainees' servers start a few at a time, first come, first ready (runs in the hub).

Thirty servers started together on two cores share the CPU and all finish at the end,
each trainee waiting as long as the whole class. Started a few at a time in the order
the trainees asked, the first is ready in seconds and each later one a little later; the
queue knows each trainee's place and how long a start takes here, which the page a
waiting trainee sees tells her.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from contextlib import asynccontextmanager

# What a start is expected to take before any has been measured (seconds, on its own).
FIRST_GUESS_SECONDS = 4.0
# How many recent starts the expected wait is counted from.
REMEMBERED_STARTS = 20


class StartQueue:
    """At most `width` starts at once; the others wait in the order they came."""

    def __init__(self, width: int, clock=time.monotonic):
        if width < 1:
            raise ValueError("a start queue lets at least one start through")
        self.width = width
        self._clock = clock
        self._running = 0
        self._begun: set[str] = set()  # whose start is under way
        self._waiting: deque[tuple[str, asyncio.Future]] = deque()
        self._durations: deque[float] = deque(maxlen=REMEMBERED_STARTS)

    def place(self, name: str) -> int | None:
        """How many waiting trainees start before `name`; None unless she waits."""
        for index, (waiting, _) in enumerate(self._waiting):
            if waiting == name:
                return index
        return None

    def has_begun(self, name: str) -> bool:
        return name in self._begun

    def expected_wait(self, place: int) -> float:
        """Seconds until the workspace of the trainee with `place` others waiting before
        her is ready: the starts under way, the rounds before hers, then her own."""
        each = sum(self._durations) / len(self._durations) if self._durations else None
        rounds = place // self.width + 2
        return rounds * (each or FIRST_GUESS_SECONDS)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @asynccontextmanager
    async def turn(self, name: str):
        """Wait for `name`'s turn, then hold a place among the starts under way."""
        await self._wait_for_turn(name)
        began = self._clock()
        self._begun.add(name)
        succeeded = False
        try:
            yield
            succeeded = True
        finally:
            if succeeded:
                self._durations.append(self._clock() - began)
            self._begun.discard(name)
            self._running -= 1
            self._let_next_in()

    async def _wait_for_turn(self, name: str) -> None:
        if self._running < self.width and not self._waiting:
            self._running += 1
            return
        turn = asyncio.get_running_loop().create_future()
        self._waiting.append((name, turn))
        try:
            await turn
        except asyncio.CancelledError:
            # Gone from the queue (her start was cancelled or timed out); a turn given to
            # her just as she left goes on to the next.
            self._forget(turn)
            if turn.done() and not turn.cancelled():
                self._running -= 1
                self._let_next_in()
            raise

    def _let_next_in(self) -> None:
        while self._running < self.width and self._waiting:
            _, turn = self._waiting.popleft()
            if not turn.done():
                self._running += 1
                turn.set_result(None)

    def _forget(self, turn: asyncio.Future) -> None:
        self._waiting = deque(entry for entry in self._waiting if entry[1] is not turn)
