"""Grade a whole assignment: `python -m codelab.sandbox.autograde ASSIGNMENT [--workers N]`.

Run in the grading container's course folder. nbgrader grades one submission after the
other; here every submission's notebook is first prepared the way nbgrader will prepare it
(test cells restored from the gradebook) and sent to the sandbox service, `workers` at a
time. nbgrader's own autograde then runs as usual, one trainee at a time so each failure is
told apart, in the order the runs finish (a slow submission holds up no one else's), and
its execution step (`SandboxedExecute`) finds each result waiting. A submission that cannot
be graded gets a reason and 0, and the batch goes on.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from glob import glob
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.autogradeapp import AutogradeApp
from nbgrader.converters import Autograde

from codelab.config import default_sandbox_workers
from codelab.sandbox.preprocessor import (
    SandboxedExecute,
    execute_remotely,
    pack,
    submission_files,
)


class ErrorLog(logging.Handler):
    """Keeps nbgrader's error messages, to say why a submission could not be graded."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def reason(self) -> str:
        lines = [line for m in self.messages for line in m.strip().splitlines() if line.strip()]
        return lines[-1][:200] if lines else "unknown error"


def prepare(
    app: AutogradeApp, student: str, folder: Path, ignore: list[str], sanitizers: list, execute
) -> list[Future]:
    """Send the student's notebooks to the sandbox ahead, each made ready by `sanitizers`
    as nbgrader's own pass will; their runs."""
    coursedir = app.coursedir
    files = submission_files(folder, ignore)
    runs = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
            resources = {
                "nbgrader": {
                    "student": student,
                    "assignment": coursedir.assignment_id,
                    "notebook": path.stem,
                    "db_url": coursedir.db_url,
                    "course_id": coursedir.course_id,
                },
                "metadata": {"path": str(folder)},
            }
            for sanitizer in sanitizers:
                nb, resources = sanitizer(parent=app).preprocess(nb, resources)
            nb = nbformat.reads(nbformat.writes(nb), as_version=4)  # as nbgrader rereads it
        except Exception:
            continue  # nbgrader will meet the same problem and say it
        run = execute(pack(nb, files))
        SandboxedExecute.runs_ahead.put(resources, run)
        runs.append(run)
    return runs


def in_finishing_order(runs: dict[str, list[Future]]):
    """The students, each as soon as all its runs are over."""
    waiting = dict(runs)
    while waiting:
        done = [student for student, futures in waiting.items() if all(f.done() for f in futures)]
        if not done:  # wait for a run still going (a finished one would return at once)
            running = [f for futures in waiting.values() for f in futures if not f.done()]
            wait(running, return_when=FIRST_COMPLETED)
        for student in done:
            del waiting[student]
            yield student


def zero_ungraded(app: AutogradeApp, student: str) -> None:
    """A submission that could not be graded scores 0, not 'not graded yet'."""
    with Gradebook(app.coursedir.db_url, app.coursedir.course_id) as gradebook:
        try:
            submission = gradebook.find_submission(app.coursedir.assignment_id, student)
        except MissingEntry:
            return
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.auto_score is None and grade.manual_score is None:
                    grade.auto_score = 0
        gradebook.db.commit()


def score_of(app: AutogradeApp, student: str) -> str:
    with Gradebook(app.coursedir.db_url, app.coursedir.course_id) as gradebook:
        submission = gradebook.find_submission(app.coursedir.assignment_id, student)
        return f"{submission.score:g}/{submission.max_score:g}"


class Progress:
    """A text progress bar, one line per finished sandbox run (streamed to the CLI)."""

    def __init__(self, total: int):
        self.total, self.done, self.lock = total, 0, threading.Lock()

    def tick(self, _future=None) -> None:
        with self.lock:
            self.done += 1
            filled = int(20 * self.done / max(self.total, 1))
            print(f"[{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total} run",
                  flush=True)  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    # As many as the sandbox service runs at once: each request then waits only for its run.
    workers = int(os.environ.get("CODELAB_SANDBOX_WORKERS") or default_sandbox_workers())
    parser.add_argument("--workers", type=int, default=workers)
    args = parser.parse_args(argv)
    start = time.monotonic()
    app = AutogradeApp()
    app.initialize([args.assignment, "--force"])
    app.coursedir.assignment_id = args.assignment
    pattern = app.coursedir.format_path(app.coursedir.submitted_directory, "*", args.assignment)
    folders = {Path(f).parent.name: Path(f) for f in sorted(glob(pattern)) if Path(f).is_dir()}
    if not folders:
        print(f"No collected submission of {args.assignment}: run `codelab course collect` first.")
        return 1
    executor = SandboxedExecute(parent=app)
    # nbgrader's own sanitizing steps, as configured: the runs ahead see what its pass will.
    sanitizers = Autograde(coursedir=app.coursedir, parent=app).sanitize_preprocessors
    pool = ThreadPoolExecutor(args.workers)

    def execute(request: bytes) -> Future:
        return pool.submit(execute_remotely, executor.sandbox_url, request, 600)

    runs = {
        student: prepare(app, student, folder, executor.ignore, sanitizers, execute)
        for student, folder in folders.items()
    }
    sent = [future for futures in runs.values() for future in futures]
    progress = Progress(len(sent))
    for future in sent:
        future.add_done_callback(progress.tick)
    print(f"{len(folders)} submissions, {len(sent)} notebooks sent to the sandbox, "
          f"{args.workers} at a time", flush=True)  # fmt: skip

    graded, failed = {}, {}
    for student in in_finishing_order(runs):
        errors = ErrorLog()
        app.log.addHandler(errors)
        app.coursedir.student_id = student
        try:
            Autograde(coursedir=app.coursedir, parent=app).start()
            graded[student] = score_of(app, student)
        except Exception as error:  # NbGraderException, or nbgrader failing otherwise
            failed[student] = errors.reason() if errors.messages else str(error)[:200]
            zero_ungraded(app, student)
        finally:
            app.log.removeHandler(errors)
    pool.shutdown()
    used = SandboxedExecute.runs_ahead
    used.clear()
    print(f"\nGraded {len(graded)}, failed {len(failed)}, in {time.monotonic() - start:.1f} s "
          f"({used.ahead} notebooks run ahead, {used.now} on the spot):")  # fmt: skip
    for student, score in sorted(graded.items()):
        print(f"  {student:<32} {score}")
    for student, reason in sorted(failed.items()):
        print(f"  {student:<32} NOT GRADED (0): {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
