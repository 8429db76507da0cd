"""Spawn benchmark: one trainee, login to JupyterLab ready, through the real proxy.

Prints, for codelab's learner server and for a stock `jupyter lab` started from the same
image in the same run: CPU-seconds to start (the container's cgroup), idle memory (cgroup,
without page cache), and for codelab the login-to-ready time (p50 of 5).

The stock server runs in the same image, so it shares the image-level savings (bytecode,
no rfc3987_syntax): the ratio shows what codelab's server settings add on top, not the
whole gap to an untuned install.

Usage: .venv/bin/python benchmarks/spawn.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import TestLab, wait_for  # noqa: E402

PASSWORD = "Bench-pass-2026"
IDLE_SETTLE_SECONDS = 15


def cgroup_figures(container) -> tuple[float, float]:
    """(CPU-seconds used so far, memory in MB without page cache)."""
    stats = container.stats(stream=False)
    cpu = stats["cpu_stats"]["cpu_usage"]["total_usage"] / 1e9
    memory = stats["memory_stats"]
    cache = memory.get("stats", {}).get("inactive_file", 0)
    return cpu, (memory["usage"] - cache) / 1024**2


def login_to_ready(lab: TestLab, name: str) -> float:
    """Seconds from posting the login form to JupyterLab's API answering via the proxy."""
    start = time.perf_counter()
    session, _ = lab.login(name, PASSWORD)
    wait_for(
        lambda: (
            session.get(f"{lab.user_url(name)}/lab", timeout=10).status_code == 200
            and session.get(f"{lab.user_url(name)}/api/status", timeout=10).status_code == 200
        ),
        300,
        "JupyterLab",
        interval=0.1,
    )
    return time.perf_counter() - start


def codelab_rounds(lab: TestLab, rounds: int) -> tuple[list[float], list[float], float]:
    lab.create_trainee("bench", PASSWORD)
    times, cpus = [], []
    for _ in range(rounds):
        times.append(login_to_ready(lab, "bench"))
        cpus.append(cgroup_figures(lab.container("bench"))[0])
        if len(times) == rounds:
            time.sleep(IDLE_SETTLE_SECONDS)
            memory = cgroup_figures(lab.container("bench"))[1]
        lab.stop_server("bench")
    return times, cpus, memory


def stock_rounds(lab: TestLab, rounds: int) -> tuple[list[float], float]:
    """A stock JupyterLab server (no codelab settings) from the same image."""
    image = lab.config.get("images", {}).get("learner", "codelab/learner:latest")
    cpus = []
    for index in range(rounds):
        name = f"{lab.prefix}-stock-{index}"
        container = lab.docker.containers.run(
            image,
            ["jupyter", "lab", "--ip=127.0.0.1", "--port=8888", "--IdentityProvider.token=bench"],
            entrypoint=[],
            name=name,
            user="20999",
            environment={"HOME": "/tmp"},
            detach=True,
        )
        try:
            wait_for(
                lambda c=container: c.exec_run(
                    ["python3", "-c", "import urllib.request as u; "
                     "u.urlopen('http://127.0.0.1:8888/api/status?token=bench')"],
                ).exit_code == 0,
                120,
                "stock JupyterLab",
                interval=0.2,
            )  # fmt: skip
            cpus.append(cgroup_figures(container)[0])
            if index == rounds - 1:
                time.sleep(IDLE_SETTLE_SECONDS)
                memory = cgroup_figures(container)[1]
        finally:
            container.remove(force=True)
    return cpus, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    lab = TestLab(Path(tempfile.mkdtemp(prefix="codelab-bench-")))
    try:
        lab.cli("up")
        times, cpus, memory = codelab_rounds(lab, rounds)
        stock_cpus, stock_memory = stock_rounds(lab, rounds)
    finally:
        lab.cli("down", check=False)
        lab.remove_everything()
    cpu, stock_cpu = statistics.median(cpus), statistics.median(stock_cpus)
    print(
        f"login to JupyterLab ready, p50 of {rounds}: {statistics.median(times):.2f} s "
        f"(all: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"CPU-s to start one learner server, p50: codelab {cpu:.2f}, stock jupyter lab "
        f"{stock_cpu:.2f}, ratio {cpu / stock_cpu:.2f}"
    )
    print(f"idle memory of one learner container: codelab {memory:.0f} MB, stock "
          f"{stock_memory:.0f} MB, ratio {memory / stock_memory:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
