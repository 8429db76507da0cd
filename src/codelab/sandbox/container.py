"""One throwaway container per submission: made, fed, read and always removed.

No network, a read-only root filesystem, small size-limited tmpfs for the files and /tmp,
memory, CPU and process limits, no capabilities but the two `codelab.sandbox.run` needs to
hand the kernel its own uid, no-new-privileges, no logs kept. The request goes in on stdin
and the report comes out on stdout, so nothing is ever copied into or out of the container.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import struct
import threading
from dataclasses import dataclass

import docker

from codelab.config import HARDENING
from codelab.sandbox import KERNEL_UID

RESULT_SLACK_SECONDS = 30  # start-up and report, on top of the notebook's budget


@dataclass(frozen=True)
class SandboxLimits:
    image: str = "codelab/learner:latest"
    name_prefix: str = "codelab-sandbox"
    memory: int = 512 * 1024**2  # bytes: Docker's own parser knows fewer spellings than lab.yaml
    cpus: float = 1.0
    pids: int = 128
    work_size: str = "64m"
    budget_seconds: float = 30
    cpu_seconds: float = 5
    max_output_bytes: int = 256 * 1024  # per cell
    max_result_bytes: int = 32 * 1024**2
    language: str = "fr"


def run_in_sandbox(client: docker.DockerClient, limits: SandboxLimits, request: bytes) -> dict:
    """Execute one packed request; the report of `codelab.sandbox.run`, or why there is none."""
    container = client.containers.create(
        limits.image,
        ["python3", "-m", "codelab.sandbox.run", str(limits.budget_seconds),
         str(limits.cpu_seconds), str(limits.max_output_bytes)],
        entrypoint=[],
        name=f"{limits.name_prefix}-{secrets.token_hex(6)}",
        user="0",
        stdin_open=True,
        network_mode="none",
        read_only=True,
        tmpfs={
            "/work": f"size={limits.work_size},uid={KERNEL_UID},gid={KERNEL_UID},mode=0700",
            "/tmp": "size=64m,mode=1777",
        },
        environment={
            "HOME": "/work",
            "JUPYTER_RUNTIME_DIR": "/tmp/runtime",
            "NBGRADER_EXECUTION": "autograde",
            "CODELAB_LANGUAGE": limits.language,
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        working_dir="/work",
        mem_limit=limits.memory,
        memswap_limit=limits.memory,
        nano_cpus=int(limits.cpus * 1e9),
        pids_limit=limits.pids,
        **HARDENING,
        cap_add=["SETUID", "SETGID"],
        log_config={"type": "none"},
    )  # fmt: skip
    try:
        return _exchange(client, container, limits, request)
    finally:
        container.remove(force=True)


def raw_socket(attached) -> socket.socket:
    """The socket under docker-py's attach socket (a stdlib `socket.SocketIO` on the local
    engine's unix socket), which can half-close: the sandbox reads stdin to its end.
    `SocketIO._sock` is private; tests/unit/test_upstream_fences.py fails if it moves."""
    return attached._sock


def _exchange(client, container, limits: SandboxLimits, request: bytes) -> dict:
    sock = client.api.attach_socket(
        container.id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
    )
    raw = raw_socket(sock)
    container.start()
    # Past the deadline the container is killed, which ends the stream below.
    deadline = limits.budget_seconds + RESULT_SLACK_SECONDS
    killer = threading.Timer(deadline, lambda: _kill(container))
    killer.start()
    try:
        raw.sendall(request)
        raw.shutdown(socket.SHUT_WR)
        stdout, truncated = _read_stdout(raw, limits.max_result_bytes)
    finally:
        killer.cancel()
        sock.close()
    if truncated:
        return {"cells": [], "reason": "report-too-large"}
    try:
        report = json.loads(stdout)
    except ValueError:
        report = None
    if isinstance(report, dict) and isinstance(report.get("cells"), list):
        return report  # the kernel may have been killed for memory: the runner said so
    state = client.api.inspect_container(container.id)["State"]
    return {"cells": [], "reason": "out-of-memory" if state.get("OOMKilled") else "timeout"}


def _kill(container) -> None:
    with contextlib.suppress(docker.errors.APIError):  # already gone
        container.kill()


def _read_stdout(raw: socket.socket, cap: int) -> tuple[bytes, bool]:
    """Docker's multiplexed stream: keep stdout (up to cap), drop stderr."""
    buffer, stdout = b"", bytearray()
    while True:
        chunk = raw.recv(65536)
        if not chunk:
            return bytes(stdout), False
        buffer += chunk
        while len(buffer) >= 8:
            kind, size = struct.unpack(">BxxxL", buffer[:8])
            if len(buffer) < 8 + size:
                break
            if kind == 1:
                stdout += buffer[8 : 8 + size]
                if len(stdout) > cap:
                    return bytes(stdout), True
            buffer = buffer[8 + size :]
