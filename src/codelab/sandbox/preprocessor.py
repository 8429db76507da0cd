"""nbgrader's execution step, done in a sandbox: `SandboxedExecute` replaces `Execute`.

The trusted side (the grading container) has already put the real test cells back in place
(nbgrader's sanitizing step). This preprocessor sends the notebook and the submission's
other files to the sandbox service, takes back the outputs and how each cell ended, and
makes sure a test cell that did not end well cannot score: nbgrader gives a test cell its
points when it shows no error, so a test cell that errored, timed out or never ran gets an
error output here even if the trainee's code hid its own.
"""

from __future__ import annotations

import fnmatch
import io
import os
import tarfile
from concurrent.futures import Future
from pathlib import Path

import nbformat
import requests
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade
from traitlets import Enum, Float, List, Unicode

from codelab.i18n import LANGUAGES, t

MAX_FILES_BYTES = 50 * 1024**2
REASONS = {
    "timeout": "sandbox_timeout",
    "cpu-time": "sandbox_cpu",
    "kernel-died": "sandbox_kernel_died",
    "out-of-memory": "sandbox_memory",
    "report-too-large": "sandbox_output",
    "submission too large": "sandbox_too_large",
}


def pack(notebook: nbformat.NotebookNode, files: dict[str, bytes]) -> bytes:
    """The request: the notebook to execute and the submission's files under work/."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        entries = {"notebook.ipynb": nbformat.writes(notebook).encode()}
        entries.update({f"work/{name}": data for name, data in files.items()})
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class RunsAhead:
    """Sandbox runs sent ahead by `codelab.sandbox.autograde`, by student, assignment and
    notebook (both passes prepare the notebook the same way from the same submission),
    and how many notebooks found theirs waiting or were run on the spot."""

    def __init__(self):
        self.waiting: dict[str, Future] = {}
        self.ahead = self.now = 0

    def put(self, resources: dict, run: Future) -> None:
        self.waiting[self._key(resources)] = run

    def take(self, resources: dict) -> Future | None:
        run = self.waiting.pop(self._key(resources), None)
        if run is not None:
            self.ahead += 1
        else:
            self.now += 1
        return run

    def clear(self) -> None:
        self.waiting.clear()

    @staticmethod
    def _key(resources: dict) -> str:
        """Which submission's notebook: the same in the run ahead and in nbgrader's pass."""
        info = resources.get("nbgrader", {})
        return f"{info.get('student')}/{info.get('assignment')}/{info.get('notebook')}"


def submission_files(folder: str | Path, ignore: list[str]) -> dict[str, bytes]:
    """The files beside the notebooks a test may read (notebooks and ignored names left out)."""
    folder = Path(folder)
    files, total = {}, 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        parts = relative.parts
        if any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in ignore):
            continue
        if path.is_symlink() or not path.is_file() or path.suffix == ".ipynb":
            continue
        total += path.stat().st_size
        if total > MAX_FILES_BYTES:
            break
        files[relative.as_posix()] = path.read_bytes()
    return files


class SandboxedExecute(NbGraderPreprocessor):
    # nbgrader makes a new preprocessor for each notebook; the runs sent ahead outlive them.
    runs_ahead = RunsAhead()

    sandbox_url = Unicode(
        os.environ.get("CODELAB_SANDBOX_URL", ""),
        help="The sandbox service's URL (…/services/sandbox/), reached with the hub token "
        "of the grading container ($JUPYTERHUB_API_TOKEN).",
    ).tag(config=True)
    ignore = List(
        [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"],
        help="File name patterns never sent to the sandbox (as nbgrader's CourseDirectory).",
    ).tag(config=True)
    request_timeout = Float(600, help="Longest wait for one sandbox run, in seconds.").tag(
        config=True
    )
    language = Enum(LANGUAGES, "fr", help="Language of the messages put in failed test cells.").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        folder = resources.get("metadata", {}).get("path") or "."
        request = pack(nb, submission_files(folder, self.ignore))
        prefetched = self.runs_ahead.take(resources)
        report = prefetched.result() if prefetched else self.execute(request)
        merge_report(nb, report, self.language)
        return nb, resources

    def execute(self, request: bytes) -> dict:
        return execute_remotely(self.sandbox_url, request, self.request_timeout)


def execute_remotely(url: str, request: bytes, timeout: float) -> dict:
    token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
    try:
        response = requests.post(
            url.rstrip("/") + "/run",
            data=request,
            headers={"Authorization": f"token {token}", "Content-Type": "application/x-tar"},
            timeout=timeout,
        )
    except requests.RequestException as error:
        return {"cells": [], "reason": f"sandbox unreachable: {error}"}
    if response.status_code != 200:
        return {"cells": [], "reason": f"sandbox refused: {response.status_code} {response.text}"}
    return response.json()


def merge_report(nb, report: dict, language: str = "fr") -> None:
    """Put the sandbox's outputs in the trusted notebook; test cells that failed score 0."""
    cells = report.get("cells") or []
    reason = report.get("reason")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        entry = cells[index] if index < len(cells) and isinstance(cells[index], dict) else {}
        cell.outputs = _valid_outputs(entry.get("outputs", []))
        if entry.get("truncated"):
            cell.outputs.append(
                new_output("stream", name="stdout", text=t("sandbox_cut", language))
            )
        status = entry.get("status", "not-run")
        if is_grade(cell) and status != "ok" and not _has_error(cell):
            key = REASONS.get(reason, "sandbox_not_run") if status != "error" else "sandbox_failed"
            cell.outputs.append(
                new_output("error", ename="Sandbox", evalue=t(key, language), traceback=[])
            )


OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


def _valid_outputs(outputs: list) -> list:
    valid = []
    for output in outputs if isinstance(outputs, list) else []:
        try:
            node = nbformat.from_dict(output)
            nbformat.validate(node, ref="output", version=4)
        except Exception:
            continue  # not an output nbformat knows: dropped
        if node.get("output_type") in OUTPUT_TYPES:
            valid.append(node)
    return valid


def _has_error(cell) -> bool:
    return any(
        o.output_type == "error" or (o.output_type == "stream" and o.get("name") == "stderr")
        for o in cell.outputs
    )
