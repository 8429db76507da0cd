"""Check a trainee's Python function against fixed and randomized cases."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterable
from typing import Any

from graders.check import build_cases, describe_error, fail, verify_calls


def check_function(
    func: Any,
    cases: Iterable[tuple[Any, Any]] = (),
    reference: Callable[..., Any] | None = None,
    generator: Callable[[random.Random], Any] | None = None,
    random_cases: int = 0,
    seed: int | None = None,
    name: str | None = None,
    lang: str | None = None,
) -> None:
    """Call `func` on each case (args, expected) and on random cases answered by `reference`.

    A tuple of args is spread over the parameters; any other value is one argument.
    """
    name = name or getattr(func, "__name__", "?")
    if not callable(func):
        fail("fn_not_callable", lang, name=name)
    built = build_cases(cases, reference, generator, random_cases, seed)
    verify_calls(name, built, [_call(func, args) for args, _ in built], repr, lang)


def _call(func: Callable[..., Any], args: tuple) -> tuple[str, Any]:
    """Run one call on a copy of its arguments, so a function that mutates them spoils nothing."""
    try:
        result = func(*copy.deepcopy(args))
    except Exception as exc:
        return "error", describe_error(exc)
    return ("none", None) if result is None else ("value", result)
