"""Checks on a trainee's Flask application, called through `app.test_client()`.

Nothing is imported from Flask: the trainee's app object brings its own. The module is named
like the standard library's `http`; absolute imports keep the two apart (the package folder
itself is never on sys.path).
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable, Iterable
from typing import Any

from graders.check import build_cases, describe_error, fail, same, short

BODY_METHODS = {"POST", "PUT", "PATCH"}
MISSING = object()


def request(
    app: Any,
    method: str,
    path: str,
    *,
    json: Any = None,
    query: dict | None = None,
    data: Any = None,
    headers: dict | None = None,
    lang: str | None = None,
) -> Any:
    """Send one request to the app and return its response.

    Exceptions are propagated to us instead of being logged by Flask, which would write a
    traceback to stderr; the crash becomes one sentence.
    """
    if not callable(getattr(app, "test_client", None)):
        fail("http_not_app", lang)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    method = method.upper()
    try:
        return app.test_client().open(
            path, method=method, json=json, query_string=query, data=data, headers=headers
        )
    except Exception as exc:
        fail("http_error", lang, method=method, path=path, error=short(describe_error(exc), 200))


def check_status(
    app: Any, method: str, path: str, expected: int = 200, lang: str | None = None, **sent: Any
) -> Any:
    """The route answers with status `expected`; `sent` goes to request() (json=, query=...)."""
    response = request(app, method, path, lang=lang, **sent)
    if response.status_code != expected:
        fail(
            "http_status",
            lang,
            method=method.upper(),
            path=path,
            expected=expected,
            got=response.status_code,
        )
    return response


def check_method_not_allowed(app: Any, method: str, path: str, lang: str | None = None) -> Any:
    """The route refuses `method` with 405 (it exists for other methods only)."""
    response = request(app, method, path, lang=lang)
    if response.status_code != 405:
        fail("http_not_allowed", lang, method=method.upper(), path=path, got=response.status_code)
    return response


def check_content_type(
    app: Any, method: str, path: str, expected: str, lang: str | None = None, **sent: Any
) -> Any:
    """The response's media type (charset ignored) is `expected`, e.g. "text/html"."""
    response = request(app, method, path, lang=lang, **sent)
    if response.mimetype != expected:
        fail(
            "http_content_type",
            lang,
            method=method.upper(),
            path=path,
            expected=expected,
            got=response.mimetype or "?",
        )
    return response


def check_json(
    app: Any,
    method: str,
    path: str,
    expected: Any = MISSING,
    status: int = 200,
    keys: Iterable[str] = (),
    lang: str | None = None,
    **sent: Any,
) -> Any:
    """The route answers `status` with a JSON body that has `keys` and equals `expected`.

    Returns the decoded body for further checks.
    """
    response = check_status(app, method, path, status, lang=lang, **sent)
    where = {"method": method.upper(), "path": path}
    if not response.is_json:
        fail("http_not_json", lang, got=response.mimetype or "?", **where)
    body = response.get_json(silent=True)
    for key in keys:
        if not isinstance(body, dict) or key not in body:
            fail("http_json_key", lang, key=key, **where)
    if expected is not MISSING and not same(body, expected):
        fail(
            "http_json_wrong",
            lang,
            expected=short(_show(expected)),
            got=short(_show(body)),
            **where,
        )
    return body


def check_json_cases(
    app: Any,
    method: str,
    path: str,
    cases: Iterable[tuple[dict, Any]] = (),
    reference: Callable[[dict], Any] | None = None,
    generator: Callable[[random.Random], dict] | None = None,
    random_cases: int = 0,
    seed: int | None = None,
    status: int = 200,
    lang: str | None = None,
) -> None:
    """Send each payload and compare the JSON answer; random payloads defeat hard-coding.

    `cases` are (payload, expected) pairs; random payloads come from `generator(rng)` and
    their answer from `reference(payload)`. Payload keys named in the path template
    ("/api/carre/{n}") fill it; the rest go as the JSON body (POST, PUT, PATCH) or the query
    string (other methods).
    """
    for (payload,), expected in build_cases(cases, reference, generator, random_cases, seed):
        fields = {name for _, name, _, _ in string.Formatter().parse(path) if name}
        url = path.format(**payload)
        rest = {key: value for key, value in payload.items() if key not in fields}
        sent = {"json": rest} if method.upper() in BODY_METHODS else {"query": rest or None}
        check_json(app, method, url, expected, status, lang=lang, **sent)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
