"""The one failure type, and what the check modules share: case building and comparison."""

from __future__ import annotations

import contextlib
import copy
import math
import random
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn

from graders.messages import t


class CheckFailed(AssertionError):
    """A failed check: one plain sentence for the trainee, and nothing else.

    It subclasses AssertionError so nbgrader counts the cell as failed; IPython calls
    `_render_traceback_` instead of printing a traceback, so the trainee sees only the sentence.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def _render_traceback_(self) -> list[str]:
        return self.message.splitlines()


def fail(key: str, lang: str | None = None, /, **fields: object) -> NoReturn:
    """Raise CheckFailed with the sentence `key`; `from None` drops any chained exception."""
    raise CheckFailed(t(key, lang, **fields)) from None


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence warnings: nbgrader scores 0 for a cell that writes anything to stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def short(text: str, limit: int = 80) -> str:
    """Cut long values so a sentence stays readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_error(exc: BaseException) -> str:
    """`ZeroDivisionError: division by zero`, the one line a beginner can search for."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def as_args(value: Any) -> tuple:
    """A tuple is an argument list; anything else (a list too) is one single argument."""
    return value if isinstance(value, tuple) else (value,)


def build_cases(
    cases: Iterable[tuple[Any, Any]] = (),
    reference: Callable[..., Any] | None = None,
    generator: Callable[[random.Random], Any] | None = None,
    random_cases: int = 0,
    seed: int | None = None,
) -> list[tuple[tuple, Any]]:
    """Fixed (args, expected) pairs, then random ones whose answer comes from `reference`.

    Random cases defeat a hard-coded answer; a seed of None changes them on every run.
    """
    built = [(as_args(args), expected) for args, expected in cases]
    if random_cases:
        if reference is None or generator is None:
            raise ValueError("random_cases needs both a reference and a generator")
        rng = random.Random(seed)
        for _ in range(random_cases):
            args = as_args(generator(rng))
            built.append((args, reference(*copy.deepcopy(args))))
    if not built:
        raise ValueError("give at least one case or some random_cases")
    return built


PLAIN_KEYS = (str, int, float, bytes, bool, type(None))


def same(got: Any, expected: Any) -> bool:
    """Equality that forgives float rounding and list/tuple, but not True for 1.

    The value under test is never asked to compare itself: its own __eq__, __len__, __iter__
    or keys() could say anything (an object equal to everything is the classic cheat). The
    expected value's type compares, and containers are read through the base type's methods.
    """
    if isinstance(got, bool) or isinstance(expected, bool):
        return got is expected
    if type(got) in (int, float) and type(expected) in (int, float):
        return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(got, list | tuple) and isinstance(expected, list | tuple):
        items = list(tuple.__iter__(got) if isinstance(got, tuple) else list.__iter__(got))
        return len(items) == len(expected) and all(map(same, items, expected))
    if isinstance(got, dict) and isinstance(expected, dict):
        pairs = list(dict.items(got))
        if any(type(key) not in PLAIN_KEYS for key, _ in pairs) or len(pairs) != len(expected):
            return False
        return all(key in expected and same(value, expected[key]) for key, value in pairs)
    if isinstance(got, set | frozenset) and isinstance(expected, set | frozenset):
        items = list(set.__iter__(got) if isinstance(got, set) else frozenset.__iter__(got))
        return all(type(item) in PLAIN_KEYS for item in items) and set(items) == expected
    return type(expected).__eq__(expected, got) is True


def verify_calls(
    name: str,
    cases: list[tuple[tuple, Any]],
    outcomes: list[tuple[str, Any]],
    show: Callable[[Any], str],
    lang: str | None,
) -> None:
    """Compare each call's outcome ("value" | "none" | "error", payload) with its expectation."""
    for (args, expected), (kind, got) in zip(cases, outcomes, strict=True):
        call = short(f"{name}({', '.join(show(a) for a in args)})")
        if kind == "error":
            fail("fn_error", lang, call=call, error=short(got, 200))
        if kind == "none" and expected is not None:
            fail("fn_undefined", lang, call=call)
        if not same(got, expected):
            fail("fn_wrong", lang, call=call, expected=short(show(expected)), got=short(show(got)))
