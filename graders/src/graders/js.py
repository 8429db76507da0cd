"""Run a trainee's JavaScript with Node (or else Deno) and compare what it returns or prints.

The trainee's code is evaluated by a small harness through an indirect eval, so it runs as a
sloppy-mode script under both runtimes (beginners often forget `let`), and a syntax error comes
back as a catchable SyntaxError. The harness prints its results on one line that starts with a
random marker, so the trainee's own console.log lines never get in the way.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from graders.check import CheckFailed, build_cases, fail, short, verify_calls

HARNESS = r"""
const __log = console.log;
const __done = (payload) => {
  __log(@MARKER@ + JSON.stringify(payload));
  if (typeof Deno !== "undefined") Deno.exit(0); else process.exit(0);
};
// A loop printing forever must not fill the grader's memory before the timeout: cap the lines.
let __printed = 0;
for (const level of ["log", "info", "warn", "error", "debug"]) {
  const original = console[level];
  console[level] = (...args) => { if (++__printed <= 1000) original(...args); };
}
const __why = (e) => (e && e.name ? e.name + ": " + e.message : String(e));
(async () => {
  let fn;
  try {
    fn = (0, eval)(@CODE@ + "\n;" + @PROBE@);
  } catch (e) {
    // Re-parse the code alone so the message is about it, not about the probe line we added.
    if (e instanceof SyntaxError) try { (0, eval)(@CODE@); } catch (e2) { e = e2; }
    __done({fatal: e instanceof SyntaxError ? "syntax" : "error", error: __why(e)});
  }
  if (@NAME@ === null) __done({results: []});
  if (fn === undefined) __done({fatal: "missing"});
  if (typeof fn !== "function") __done({fatal: "not_callable"});
  const results = [];
  for (const args of @CASES@) {
    try {
      let value = fn(...args);
      if (value && typeof value.then === "function") value = await value;
      const json = JSON.stringify(value);
      results.push(json === undefined ? ["none", null] : ["value", json]);
    } catch (e) {
      results.push(["error", __why(e)]);
    }
  }
  __done({results});
})();
"""


def runtime() -> list[str] | None:
    """The command that runs a .js file: node if found, else deno without any permission."""
    if node := _find("node"):
        return [node, "--no-warnings"]
    if deno := _find("deno"):
        return [deno, "run", "--quiet", "--no-prompt", "--no-config"]
    return None


def _find(program: str) -> str | None:
    """On PATH, or beside this Python (where `pip install deno` puts it)."""
    return shutil.which(program) or shutil.which(program, path=str(Path(sys.executable).parent))


def run(
    code: str,
    name: str | None = None,
    calls: Iterable[Any] = (),
    timeout: float = 5,
    lang: str | None = None,
) -> tuple[str, list[tuple[str, Any]]]:
    """Run `code`, then call function `name` with each argument tuple of `calls`.

    Returns what the code printed and, per call, ("value", result) | ("none", None) |
    ("error", message). Raises CheckFailed if the code itself cannot run.
    """
    if name is not None and not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        raise ValueError(f"not a JavaScript name: {name!r}")
    command = runtime()
    if command is None:
        fail("js_no_runtime", lang)
    marker = f"@@codelab-{uuid.uuid4().hex}@@"
    probe = f"typeof {name} === 'undefined' ? undefined : {name}" if name else "undefined"
    values = {"MARKER": marker, "CODE": code, "PROBE": probe, "NAME": name, "CASES": list(calls)}
    # One pass over the template only, so the trainee's code is never rescanned.
    script = re.sub(r"@(\w+)@", lambda m: json.dumps(values[m[1]]), HARNESS)
    payload, printed = _execute(command, script, marker, timeout, lang)
    fatal = payload.get("fatal")
    if fatal == "syntax":
        fail("js_syntax", lang, error=short(payload["error"], 200))
    if fatal == "error":
        fail("js_error", lang, error=short(payload["error"], 200))
    if fatal == "missing":
        fail("fn_missing", lang, name=name)
    if fatal == "not_callable":
        fail("fn_not_callable", lang, name=name)
    results = [
        (kind, json.loads(got) if kind == "value" else got) for kind, got in payload["results"]
    ]
    return printed, results


def _execute(
    command: list[str], script: str, marker: str, timeout: float, lang: str | None
) -> tuple[dict, str]:
    """Run the harness in a throwaway folder; split the marker line from the trainee's output."""
    env = {**os.environ, "NO_COLOR": "1", "DENO_NO_UPDATE_CHECK": "1"}
    with tempfile.TemporaryDirectory(prefix="codelab-js-") as folder:
        path = Path(folder) / "check.js"
        path.write_text(script, encoding="utf-8")
        try:
            done = subprocess.run(
                [*command, str(path)],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            fail("js_timeout", lang, seconds=f"{timeout:g}")
    lines = done.stdout.split("\n")  # not splitlines(): JSON may hold a raw U+2028
    found = [line for line in lines if line.startswith(marker)]
    if not found:
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        fail("js_crash", lang, error=short(last, 200))
    printed = "\n".join(line for line in lines if not line.startswith(marker))
    return json.loads(found[-1][len(marker) :]), printed


def check_function(
    code: str,
    name: str,
    cases: Iterable[tuple[Any, Any]] = (),
    reference: Callable[..., Any] | None = None,
    generator: Callable[[random.Random], Any] | None = None,
    random_cases: int = 0,
    seed: int | None = None,
    timeout: float = 5,
    lang: str | None = None,
) -> None:
    """Check that JavaScript function `name` returns the expected JSON value for every case.

    `cases` are (args, expected) pairs (a tuple of args is spread, anything else is one
    argument); `random_cases` more come from `generator(rng)`, answered by the Python
    `reference`, so an answer hard-coded for the visible examples fails.
    """
    built = build_cases(cases, reference, generator, random_cases, seed)
    # Expected values go through JSON too, so tuples compare as JavaScript arrays.
    built = [(args, json.loads(json.dumps(expected))) for args, expected in built]
    _, outcomes = run(code, name, [args for args, _ in built], timeout, lang)
    verify_calls(name, built, outcomes, _show, lang)


def check_output(code: str, expected: str, timeout: float = 5, lang: str | None = None) -> str:
    """Check what the code prints with console.log (surrounding blanks ignored); returns it."""
    printed, _ = run(code, timeout=timeout, lang=lang)
    if printed.strip() != expected.strip():
        fail("js_output", lang, got=_show(short(printed.strip())), expected=_show(expected.strip()))
    return printed


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


__all__ = ["CheckFailed", "check_function", "check_output", "run", "runtime"]
