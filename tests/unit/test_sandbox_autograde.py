"""The autograde driver grades each student as soon as their runs are over."""

import threading
import time
from concurrent.futures import Future

from codelab.sandbox.autograde import in_finishing_order


def finish_later(future: Future, seconds: float, value=None) -> None:
    threading.Timer(seconds, future.set_result, [value]).start()


def test_students_come_in_the_order_their_runs_finish_not_in_name_order():
    slow, quick, both_a, both_b = Future(), Future(), Future(), Future()
    finish_later(slow, 0.6)
    finish_later(quick, 0.05)
    finish_later(both_a, 0.1)
    finish_later(both_b, 0.3)  # a student is ready when the last of their notebooks is
    runs = {"a-slow": [slow], "b-two-notebooks": [both_a, both_b], "c-quick": [quick]}
    order, times, start = [], [], time.monotonic()
    for student in in_finishing_order(runs):
        order.append(student)
        times.append(time.monotonic() - start)
    assert order == ["c-quick", "b-two-notebooks", "a-slow"]
    assert times[0] < 0.3  # the quick one did not wait for the slow one


def test_a_student_with_nothing_sent_comes_at_once():
    pending = Future()
    finish_later(pending, 0.2)
    order = list(in_finishing_order({"runs": [pending], "unreadable": []}))
    assert order == ["unreadable", "runs"]


def test_waiting_on_a_half_finished_student_does_not_spin(monkeypatch):
    import codelab.sandbox.autograde as autograde

    calls = []
    real_wait = autograde.wait
    monkeypatch.setattr(autograde, "wait", lambda *a, **k: calls.append(1) or real_wait(*a, **k))
    first, second = Future(), Future()
    first.set_result(None)  # one notebook over, the other still running
    finish_later(second, 0.3)
    assert list(in_finishing_order({"two-notebooks": [first, second]})) == ["two-notebooks"]
    assert len(calls) <= 2, f"woke up {len(calls)} times for one pending run"
