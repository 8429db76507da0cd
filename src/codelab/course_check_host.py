"""`codelab course check` on the admin's host: run the check where the trainees' kernels are.

Runs on the admin's host. `check_in_container` starts a throwaway container from the
learner image, which runs `python -m codelab.course_check` (nbgrader, the kernels); `check_here`
runs it in a child process of this machine's Python. Both read its report back.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from codelab.config import HARDENING
from codelab.course_report import CourseReport, report_from_lines


class CheckError(RuntimeError):
    """The check itself could not run (no Docker, no image, a crash); the message says why."""


# Where `check_in_container` mounts things in the learner container.
CONTAINER_ROOT = "/srv/check"
CONTAINER_UID = 10001  # as the grading container: not root, below every trainee's uid
CHECK_MEMORY_BYTES = 2 * 1024**3  # a course's kernels and nbgrader at once


def check_in_container(
    folder: Path,
    image: str,
    name: str,
    on_line: Callable[[str], None],
    only: list[str] | None = None,
    timeout: float = 1800,
) -> CourseReport:
    """Run the check in a throwaway container from the learner image, removed after.

    The kernels, nbgrader, graders, Node and Deno are then exactly the trainees'. This
    module's own package is mounted read-only over the image's, so the check is the one of
    the running `codelab`, even before the image is rebuilt. No network, no capabilities,
    a read-only root filesystem; nbgrader works in a tmpfs.
    """
    client = _docker_with(image)
    container = _create_check_container(client, image, name, folder.resolve(), only)
    try:
        return _report_of(container, on_line, timeout)
    finally:
        container.remove(force=True)


def _docker_with(image: str):
    """A Docker client whose engine has `image`, or the CheckError saying what to do."""
    import docker

    try:
        client = docker.from_env()
        client.images.get(image)
    except docker.errors.ImageNotFound:
        raise CheckError(
            f"the image {image} is missing: build it with `codelab images build`"
        ) from None
    except docker.errors.DockerException as error:
        raise CheckError(
            f"Docker does not answer ({error}): is the Docker engine running?"
        ) from None
    return client


def _create_check_container(client, image: str, name: str, folder: Path, only: list[str] | None):
    course = f"{CONTAINER_ROOT}/courses/{folder.name}"  # the folder's name is the course id
    command = ["python3", "-m", "codelab.course_check", course, "--json"]
    if only:
        command += ["--only", *only]
    return client.containers.create(
        image,
        command,
        name=name,
        user=f"{CONTAINER_UID}:{CONTAINER_UID}",
        working_dir="/tmp",
        environment={
            "HOME": "/tmp",
            "PYTHONPATH": f"{CONTAINER_ROOT}/lib",
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        volumes={
            str(folder): {"bind": course, "mode": "ro"},
            str(Path(__file__).resolve().parent): {
                "bind": f"{CONTAINER_ROOT}/lib/codelab",
                "mode": "ro",
            },
        },
        tmpfs={"/tmp": "rw,exec,nosuid,nodev,size=1g"},
        read_only=True,
        network_mode="none",
        **HARDENING,
        mem_limit=CHECK_MEMORY_BYTES,
        pids_limit=512,
        labels={"codelab.role": "course-check"},
    )


def _report_of(container, on_line: Callable[[str], None], timeout: float) -> CourseReport:
    """Start the container and read its report as it streams; killed after `timeout` s."""
    import threading

    timer = threading.Timer(timeout, lambda: container.kill())
    try:
        container.start()
        timer.start()
        stream = container.logs(stream=True, follow=True, stdout=True, stderr=False)
        report = report_from_lines(_split_lines(stream), on_line)
        status = container.wait()
        timed_out = not timer.is_alive()  # the timer has fired: it killed the container
    finally:
        timer.cancel()
    if report is None:
        tail = container.logs(stdout=False, stderr=True, tail=30).decode(errors="replace")
        why = "it took too long" if timed_out else f"exit {status['StatusCode']}"
        raise CheckError(f"the check container ended without a report ({why}):\n{tail.strip()}")
    return report


def _split_lines(chunks) -> Iterator[str]:
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        yield from (line.decode(errors="replace") for line in lines)
    if buffer:
        yield buffer.decode(errors="replace")


def check_here(
    folder: Path,
    on_line: Callable[[str], None],
    only: list[str] | None = None,
    kernels: Path | None = None,
) -> CourseReport:
    """Run the check on this machine, in a child process, with this Python's nbgrader.

    `kernels` holds kernelspecs to add (the learner image's, e.g. deno): a program that
    the image has at an absolute path is looked up on PATH here, next to this Python first.
    """
    import subprocess

    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    with tempfile.TemporaryDirectory(prefix="codelab-check-here-") as tmp:
        if kernels is not None and kernels.is_dir():
            _host_kernelspecs(kernels, Path(tmp) / "kernels", env["PATH"])
            env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [tmp, env.get("JUPYTER_PATH")]))
        command = [sys.executable, "-m", "codelab.course_check", str(folder), "--json"]
        if only:
            command += ["--only", *only]
        with open(Path(tmp) / "stderr.log", "w+", encoding="utf-8") as errors:
            with subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env
            ) as child:
                report = report_from_lines((line.rstrip("\n") for line in child.stdout), on_line)
            if report is None:
                errors.seek(0)
                tail = "\n".join(errors.read().strip().splitlines()[-30:])
                raise CheckError(
                    f"the check ended without a report (exit {child.returncode}):\n{tail}"
                )
    return report


def _host_kernelspecs(source: Path, target: Path, path: str) -> None:
    """Copy kernelspecs, pointing an absolute program that is not here to the one on PATH."""
    for spec in sorted(source.glob("*/kernel.json")):
        data = json.loads(spec.read_text(encoding="utf-8"))
        program = data["argv"][0]
        if os.path.isabs(program) and not os.path.exists(program):
            found = shutil.which(Path(program).name, path=path)
            if found is None:
                continue  # its notebooks then fail with nbgrader's "No such kernel"
            data["argv"][0] = found
        (target / spec.parent.name).mkdir(parents=True, exist_ok=True)
        (target / spec.parent.name / "kernel.json").write_text(json.dumps(data), encoding="utf-8")
