"""Burst benchmark: a class posts the login form at the same moment, through the proxy.

For codelab (a lab brought up as `codelab up` does) and, in the same run, for a stock
JupyterHub with DockerSpawner: N trainees (default 30) post the login form together;
prints failures, p50/p95/max seconds from the post to JupyterLab answering (its page and
its API, through the proxy), and CPU-seconds per start (each container's cgroup, read as
its trainee is ready). Then codelab's hub is restarted with everyone running
(`docker restart <prefix>-hub`): seconds until every trainee's route answers again, and
servers lost. Then `codelab cohort warm` for the same class, and the burst again on warm
servers.

The stock stack: JupyterHub 6.1.1's own DummyAuthenticator and DockerSpawner with their
defaults (one Docker thread, concurrent_spawn_limit 100), run twice: with JupyterHub's
http_timeout of 30 s, then with it raised to 600 s (the ratio is against that one); from
the hub image, spawning the learner image as a stock image is run: `jupyterhub-singleuser`
straight, no codelab entrypoint, codelab's start settings turned back off (its launcher,
the read-only extension manager). No registry here, so no other image can be pulled:
bytecode and the removed rfc3987_syntax stay in, which flatters the stock side.

Usage: .venv/bin/python benchmarks/burst.py [--trainees 30] [--no-stock | --stock-only]
                                            [--starts-at-once N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import TestLab, free_port, remove_by_prefix, wait_for  # noqa: E402
from tests.e2e.test_cohort import roster  # noqa: E402

PASSWORD = "Burst-pass-2026"
READY_WITHIN = 600  # seconds a trainee is waited for before she counts as failed
COHORT = "rafale"
STOCK_CONFIG = """
c = get_config()
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.hub_ip = "0.0.0.0"
c.JupyterHub.hub_connect_ip = {hub!r}
c.JupyterHub.spawner_class = "docker"
c.DockerSpawner.image = {image!r}
c.DockerSpawner.network_name = {network!r}
c.DockerSpawner.name_template = {prefix!r} + "-{{username}}"
c.DockerSpawner.remove = True
c.DockerSpawner.notebook_dir = "/tmp"
c.DockerSpawner.environment = {{"HOME": "/tmp"}}
c.DockerSpawner.extra_create_kwargs = {{"entrypoint": [], "user": "20999"}}
c.DockerSpawner.http_timeout = {http_timeout}
c.DockerSpawner.start_timeout = max(60, {http_timeout})
c.DockerSpawner.cmd = [
    "jupyterhub-singleuser",
    "--ServerApp.jpserver_extensions={{'codelab.learner_server': False}}",
    "--LabApp.extension_manager=pypi",
]
"""


def cgroup_cpu_seconds(container) -> float:
    """CPU-seconds the container has used (cgroup v1 on the host, else Docker's stats)."""
    usage = Path(f"/sys/fs/cgroup/cpuacct/docker/{container.id}/cpuacct.usage")
    if usage.exists():
        return int(usage.read_text()) / 1e9
    return container.stats(stream=False)["cpu_stats"]["cpu_usage"]["total_usage"] / 1e9


class Burst:
    """N logins released together; each thread waits for its trainee's JupyterLab."""

    def __init__(self, url: str, user_url, container_of, verify=True):
        self.url, self.user_url, self.verify = url, user_url, verify
        self.container_of = container_of

    def run(self, names: list[str]) -> tuple[dict[str, float], dict[str, str], list[float]]:
        barrier, took, failed, cpus = threading.Barrier(len(names)), {}, {}, []

        def trainee(name: str) -> None:
            session = requests.Session()
            session.verify = self.verify
            try:
                session.get(f"{self.url}/hub/login", timeout=60)
                barrier.wait()
                began = time.perf_counter()
                form = {"username": name, "password": PASSWORD}
                form["_xsrf"] = session.cookies.get("_xsrf", "")
                session.post(f"{self.url}/hub/login", data=form, timeout=READY_WITHIN)
                wait_for(lambda: self._answers(session, name), READY_WITHIN, name, interval=0.2)
                took[name] = time.perf_counter() - began
                cpus.append(cgroup_cpu_seconds(self.container_of(name)))
            except Exception as error:  # counted, not raised: the others go on
                failed[name] = f"{type(error).__name__}: {str(error)[:120]}"

        threads = [threading.Thread(target=trainee, args=(n,)) for n in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return took, failed, cpus

    def _answers(self, session: requests.Session, name: str) -> bool:
        base = self.user_url(name)
        try:
            lab = session.get(f"{base}/lab", timeout=30)
        except requests.RequestException:
            return False
        if lab.status_code >= 500:  # the hub gave up on her start ("Spawn failed")
            raise RuntimeError(f"{lab.status_code} at {lab.url}")
        return lab.status_code == 200 and (
            session.get(f"{base}/api/status", timeout=30).status_code == 200
        )


def summary(label: str, took: dict[str, float], failed: dict[str, str], cpus: list[float]):
    times = sorted(took.values())
    line = f"{label}: {len(failed)} failed of {len(took) + len(failed)}"
    if times:
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        line += (
            f"; seconds to JupyterLab p50 {statistics.median(times):.1f}, p95 {p95:.1f}, "
            f"max {times[-1]:.1f}; CPU-s per start p50 {statistics.median(cpus):.2f}"
        )
    print(line, flush=True)
    for name, why in list(failed.items())[:5]:
        print(f"  {name}: {why}")
    return statistics.median(times) if times else None


def restart_hub(lab: TestLab, names: list[str]) -> None:
    """`docker restart <prefix>-hub` with everyone running: seconds until every route
    answers again, and servers lost."""
    sessions = {}
    for name in names:
        session, _ = lab.login(name, PASSWORD)
        sessions[name] = session
    before = {name: lab.container(name).id for name in names}
    began = time.perf_counter()
    lab.docker.containers.get(f"{lab.prefix}-hub").restart(timeout=10)

    def every_route_answers() -> bool:
        return all(_status(sessions[n], f"{lab.user_url(n)}/api/status") == 200 for n in names)

    wait_for(every_route_answers, 300, "every route", interval=0.2)
    back = time.perf_counter() - began
    lost = [n for n in names if not lab.container(n) or lab.container(n).id != before[n]]
    print(f"hub restart with {len(names)} running: every route answers after {back:.1f} s; "
          f"servers lost: {len(lost)}", flush=True)  # fmt: skip


def _status(session: requests.Session, url: str) -> int:
    try:
        return session.get(url, timeout=5).status_code
    except requests.RequestException:
        return 0


def codelab_burst(lab: TestLab, names: list[str], tmp: Path) -> float | None:
    path = tmp / "roster.csv"
    path.write_bytes(roster([(f"Rafale{i:02d}", "Matin") for i in range(len(names))]))
    lab.cli("cohort", "import", str(path), "--cohort", COHORT, "--course", "web-dev")
    for name in names:
        lab.create_trainee(name, PASSWORD)  # the password each chose at her first login
    burst = Burst(lab.url, lab.user_url, lab.container, lab.verify)
    p50 = summary(f"codelab, {len(names)} at once", *burst.run(names))
    restart_hub(lab, names)
    for name in names:
        lab.api("DELETE", f"/users/{name}/server")
    wait_for(lambda: not any(lab.container(n) for n in names), 300, "servers to stop")
    began = time.perf_counter()
    lab.cli("cohort", "warm", COHORT)
    print(f"codelab cohort warm {COHORT}: {time.perf_counter() - began:.1f} s for "
          f"{len(names)} servers", flush=True)  # fmt: skip
    summary(f"codelab, {len(names)} at once, warmed up", *burst.run(names))
    return p50


def stock_burst(lab: TestLab, count: int, tmp: Path, http_timeout: int) -> float | None:
    """The same burst on a stock JupyterHub + DockerSpawner, on a network of its own."""
    prefix, port = f"{lab.prefix}-stock{http_timeout}", free_port()
    network = lab.docker.networks.create(f"{prefix}-net")
    config = tmp / "stock_config.py"
    config.write_text(
        textwrap.dedent(STOCK_CONFIG).format(
            password=PASSWORD, hub=f"{prefix}-hub", image=lab.learner_image,
            network=network.name, prefix=prefix, http_timeout=http_timeout,
        )
    )  # fmt: skip
    lab.docker.containers.run(
        lab.lab_config.images.hub,
        ["jupyterhub", "-f", "/srv/stock_config.py"],
        name=f"{prefix}-hub",
        network=network.name,
        ports={"8000/tcp": ("127.0.0.1", port)},
        volumes={
            "/var/run/docker.sock": {"bind": "/var/run/docker.sock", "mode": "rw"},
            str(config): {"bind": "/srv/stock_config.py", "mode": "ro"},
        },
        working_dir="/tmp",
        detach=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: _status(requests.Session(), f"{url}/hub/login") == 200, 120, "stock hub")
    names = [f"stock{i:02d}" for i in range(count)]

    def container_of(name: str):
        return lab.docker.containers.get(f"{prefix}-{name}")

    burst = Burst(url, lambda n: f"{url}/user/{n}", container_of)
    label = f"stock JupyterHub + DockerSpawner (http_timeout {http_timeout} s), {count} at once"
    try:
        return summary(label, *burst.run(names))
    finally:
        remove_by_prefix(lab.docker, prefix)  # its hub, its servers, its network


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--no-stock", action="store_true")
    parser.add_argument("--stock-only", action="store_true")
    parser.add_argument("--starts-at-once", type=int, default=0, help="lab.yaml's (0: cores)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="codelab-bench-"))
    lab = TestLab(tmp)
    lab.config["learner"]["starts_at_once"] = args.starts_at_once
    lab.config_path.write_text(yaml.safe_dump(lab.config))
    names = [f"rafale{i:02d}.matin" for i in range(args.trainees)]
    ours = stock = None
    try:
        if not args.stock_only:
            lab.cli("up")
            ours = codelab_burst(lab, names, tmp)
            lab.cli("down", check=False)
        if not args.no_stock:
            stock_burst(lab, args.trainees, tmp, 30)  # JupyterHub's default
            stock = stock_burst(lab, args.trainees, tmp, READY_WITHIN)  # the obvious tuning
    finally:
        lab.cli("down", check=False)
        lab.remove_everything()
    if ours and stock:
        print(f"p50 seconds to JupyterLab, codelab/stock: {ours / stock:.2f}")


if __name__ == "__main__":
    main()
