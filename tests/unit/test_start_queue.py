"""The start queue: a few starts at a time, in the order trainees asked."""

import asyncio

import pytest

from codelab.hub.start_queue import FIRST_GUESS_SECONDS, StartQueue


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def _start(queue: StartQueue, name: str, began: list, release: dict):
    async with queue.turn(name):
        began.append(name)
        release[name] = asyncio.Event()
        await release[name].wait()


async def _settle():
    for _ in range(5):
        await asyncio.sleep(0)


def test_at_most_width_start_and_the_rest_keep_their_order():
    async def scenario():
        queue, began, release = StartQueue(2), [], {}
        names = ["awa", "karim", "binta", "moussa", "fatou"]
        tasks = [asyncio.create_task(_start(queue, n, began, release)) for n in names]
        await _settle()
        assert began == ["awa", "karim"]
        assert [queue.place(n) for n in names] == [None, None, 0, 1, 2]
        assert [queue.has_begun(n) for n in names] == [True, True, False, False, False]
        release["karim"].set()
        await _settle()
        assert began == ["awa", "karim", "binta"]
        assert queue.place("fatou") == 1
        while not all(task.done() for task in tasks):
            for event in release.values():
                event.set()
            await _settle()
        assert began == names and queue.waiting == 0
        assert not any(queue.has_begun(n) for n in names)

    asyncio.run(scenario())


def test_a_start_that_fails_gives_its_turn_to_the_next():
    async def failing(queue):
        async with queue.turn("awa"):
            raise RuntimeError("the engine said no")

    async def scenario():
        queue, began, release = StartQueue(1), [], {}
        first = asyncio.create_task(failing(queue))
        second = asyncio.create_task(_start(queue, "karim", began, release))
        with pytest.raises(RuntimeError):
            await first
        await _settle()
        assert began == ["karim"]
        release["karim"].set()
        await second

    asyncio.run(scenario())


def test_a_trainee_who_gives_up_leaves_the_queue_and_holds_no_turn():
    async def scenario():
        queue, began, release = StartQueue(1), [], {}
        awa = asyncio.create_task(_start(queue, "awa", began, release))
        karim = asyncio.create_task(_start(queue, "karim", began, release))
        binta = asyncio.create_task(_start(queue, "binta", began, release))
        await _settle()
        karim.cancel()  # her start timed out, or was cancelled from the page
        await _settle()
        assert queue.place("karim") is None and queue.place("binta") == 0
        release["awa"].set()
        await _settle()
        assert began == ["awa", "binta"]
        release["binta"].set()
        await asyncio.gather(awa, binta)
        assert karim.cancelled()

    asyncio.run(scenario())


def test_the_expected_wait_counts_from_starts_measured_here():
    async def scenario():
        clock = Clock()
        queue = StartQueue(2, clock=clock)
        assert queue.expected_wait(0) == 2 * FIRST_GUESS_SECONDS
        for seconds in (3.0, 5.0):
            async with queue.turn("x"):
                clock.now += seconds
        # The starts under way, then her own: ready in two rounds; two start per round.
        assert queue.expected_wait(0) == queue.expected_wait(1) == 8.0
        assert queue.expected_wait(2) == 12.0

    asyncio.run(scenario())


def test_a_queue_lets_someone_through():
    with pytest.raises(ValueError):
        StartQueue(0)
