"""Inside a throwaway sandbox container: execute one submission's notebook, report the results.

Reads a tar on stdin (`notebook.ipynb` to execute and `work/…`, the submission's files),
writes one JSON object on stdout: per code cell its outputs (capped) and how its execution
ended ("ok", "error", "timeout", "not-run"), and why the run stopped early, if it did.

Three identities: the container starts as root holding only SETUID and SETGID, long enough
to unpack the files as the kernel's uid and start the kernel under it; then this runner
drops to a uid of its own. The trainee's code (the kernel) can neither signal the runner
nor reach its stdout, so it cannot forge the report. The budget is for the whole notebook,
not per cell: a wall-clock one, and a CPU-time one for the kernel, so a computation that
never ends stops without holding a core for the whole wall-clock budget.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from traitlets import Float
from traitlets.config import Config

from codelab.sandbox import KERNEL_UID, RUNNER_UID

WORK = Path("/work")
MAX_INPUT_BYTES = 100 * 1024**2


# Run silently before every test cell of a Python notebook: the tests get the real graders
# library (not a look-alike file the trainee's code wrote anywhere it can write, nor one it
# patched), and no hook the trainee's code left in IPython sees or rewrites the tests.
RESET_BEFORE_TESTS = """
import sys as _s, os as _o, importlib as _i
list(map(_s.modules.pop, [m for m in _s.modules if m == "graders" or m.startswith("graders.")]))
_p = _s.path[:]
_s.path[:] = [p for p in _p if not _o.access(_o.path.realpath(p or "."), _o.W_OK)]
_s.path_importer_cache.clear()
try:
    _i.invalidate_caches()
    import graders
finally:
    _s.path[:] = _p
_ip = get_ipython()
for _e in ("pre_execute", "pre_run_cell", "post_execute", "post_run_cell"):
    _ip.events.callbacks[_e].clear()
_ip.input_transformers_post.clear()
_ip.ast_transformers.clear()
del _s, _o, _i, _p, _ip, _e
"""


class DroppingKernelManager(AsyncKernelManager):
    """Starts the kernel through `codelab.sandbox.drop`, which hands it to KERNEL_UID."""

    cpu_seconds = Float(5, help="CPU-time limit of the kernel process.").tag(config=True)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        drop = [sys.executable, "-m", "codelab.sandbox.drop", str(KERNEL_UID)]
        return [*drop, str(self.cpu_seconds), "--", *command]


class SandboxClient(NotebookClient):
    """nbclient, with a whole-notebook deadline, capped outputs, and the reply of each cell."""

    def __init__(self, nb, budget: float, max_output: int, **kwargs):
        super().__init__(nb, kernel_manager_class=DroppingKernelManager, **kwargs)
        self.deadline = time.monotonic() + budget
        self.max_output = max_output
        self.started: set[int] = set()
        self.statuses: dict[int, str] = {}
        self.sizes: dict[int, int] = {}
        self.truncated: set[int] = set()
        self.timeout_func = self._remaining
        self.on_cell_executed = self._record

    def _remaining(self, cell) -> int:
        return max(1, int(self.deadline - time.monotonic()))

    def _record(self, cell, cell_index, execute_reply) -> None:
        self.statuses[cell_index] = execute_reply["content"].get("status", "error")

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        if is_test(cell) and self.kernel_language == "python":
            await self.run_silently(RESET_BEFORE_TESTS)
        self.started.add(cell_index)
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    @property
    def kernel_language(self) -> str:
        return self.nb.metadata.get("kernelspec", {}).get("language", "python")

    async def run_silently(self, code: str) -> None:
        msg_id = self.kc.execute(code, silent=True, store_history=False)
        await self.async_wait_for_reply(msg_id)

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        drop_privileges(RUNNER_UID)  # the kernel runs; from now on we are nobody it can touch
        return client

    async def _async_cleanup_kernel(self) -> None:
        # The kernel belongs to another uid: not ours to stop. The container goes with it.
        if self.kc is not None:
            self.kc.stop_channels()
        self.kc = self.km = None

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {})))
        total = self.sizes.get(cell_index, 0) + size
        self.sizes[cell_index] = total
        if total > self.max_output:
            self.truncated.add(cell_index)
            return None
        return super().output(outs, msg, display_id, cell_index)


def is_test(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.metadata.get("nbgrader", {}).get("grade"))


def drop_privileges(uid: int) -> None:
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)


def unpack(data: bytes, kernel_uid: int) -> nbformat.NotebookNode:
    """The notebook to run; the submission's files go to WORK, owned by the kernel's uid."""
    notebook = None
    files: list[tuple[str, bytes]] = []
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive:
            if not member.isfile():
                continue
            content = archive.extractfile(member).read()
            if member.name == "notebook.ipynb":
                notebook = nbformat.reads(content.decode("utf-8"), as_version=4)
            elif member.name.startswith("work/"):
                files.append((member.name.removeprefix("work/"), content))
    if notebook is None:
        raise ValueError("no notebook.ipynb in the request")
    pid = os.fork()
    if pid == 0:  # a child writes the files as the kernel's uid, so the kernel owns them
        try:
            drop_privileges(kernel_uid)
            for name, content in files:
                target = (WORK / name).resolve()
                if WORK.resolve() not in target.parents:
                    continue  # an escaping path: not written
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    return notebook


def run(notebook, budget: float, cpu_seconds: float, max_output: int) -> dict:
    client = SandboxClient(
        notebook,
        budget=budget,
        max_output=max_output,
        config=Config({"DroppingKernelManager": {"cpu_seconds": cpu_seconds}}),
        allow_errors=True,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(WORK)}},
        startup_timeout=60,
    )
    reason = None
    try:
        # The kernel's own stdout and stderr go nowhere: only this runner writes the report.
        client.execute(cwd=str(WORK), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        reason = "timeout"
    except DeadKernelError:
        reason = "cpu-time" if kernel_cpu_seconds() >= cpu_seconds else "kernel-died"
    except Exception as error:  # the kernel did not start, a cell could not be sent…
        reason = f"error: {type(error).__name__}: {error}"[:300]
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            cells.append(None)
            continue
        status = client.statuses.get(index)
        if status is None:  # the cell the run stopped in, or one after it
            if index not in client.started:
                status = "not-run"
            else:
                status = "timeout" if reason in ("timeout", "cpu-time") else "error"
        cells.append(
            {
                "outputs": cell.get("outputs", []),
                "status": status,
                "truncated": index in client.truncated,
            }
        )
    return {"cells": cells, "reason": reason}


def kernel_cpu_seconds() -> float:
    """CPU time of the ended kernel (this runner's only child that ever computed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    budget, cpu_seconds, max_output = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        print(json.dumps({"cells": [], "reason": "submission too large"}))
        return 0
    notebook = unpack(data, KERNEL_UID)
    result = run(notebook, budget, cpu_seconds, max_output)
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # the kernel is not ours to stop any more: the container goes with it


if __name__ == "__main__":
    sys.exit(main())
