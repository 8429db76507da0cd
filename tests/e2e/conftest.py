"""The real stack: `codelab up` with a throwaway lab.yaml whose prefix is codelab-test-….

Everything the tests create (hub, trainee containers, volumes, network) carries that
prefix and is removed at the end, and only it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docker
import pytest
import requests
import yaml
from jupyterhub.utils import subdomain_hook_idna
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from codelab.config import LabConfig, docker_safe, parse_lab_config

ROOT = Path(__file__).resolve().parents[2]
# Every Docker object the tests make is named with it, and only those.
TEST_PREFIX = "codelab-test-"
IN_CI = os.environ.get("CI") == "true"


# Names the tests' HTTP client resolves itself, as a school's wildcard DNS record would:
# a domain -> the address of it and of every name under it.
WILDCARD_RECORDS = {"localhost": "127.0.0.1"}


def _resolve_like_a_browser(getaddrinfo):
    """Browsers resolve every *.localhost name to this machine; glibc does not. The tests'
    own HTTP client resolves them as the browser does, so both reach the same lab."""

    def resolve(host, *args, **kwargs):
        if isinstance(host, str):
            for domain, address in WILDCARD_RECORDS.items():
                if host == domain or host.endswith(f".{domain}"):
                    host = address
        return getaddrinfo(host, *args, **kwargs)

    return resolve


socket.getaddrinfo = _resolve_like_a_browser(socket.getaddrinfo)


def need(condition: bool, what: str) -> None:
    """Fail in CI, skip elsewhere: CI must never land end-to-end tests nobody ran."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing; CI needs it to run the end-to-end tests")
    pytest.skip(f"{what} is missing")


def docker_available() -> bool:
    try:
        return docker.from_env().ping()
    except Exception:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class TestLab:
    """Drives one lab through the real CLI and the hub's REST API."""

    def __init__(self, tmp: Path, domain: str = "", https: bool = False):
        self.prefix = f"{TEST_PREFIX}{secrets.token_hex(3)}"
        self.port = free_port()
        self.domain = domain or f"{self.prefix}.localhost"
        self.scheme = "https" if https else "http"
        self.state = tmp / "state"
        self.config_path = tmp / "lab.yaml"
        self.config = {
            "name": "codelab test",
            "prefix": self.prefix,
            "port": self.port,
            "learner": {"memory": "1G", "cpus": 1.0, "pids": 300, "uid_base": 20000},
            "courses": ["web-dev"],
        }
        self.url = f"{self.scheme}://{self.domain}:{self.port}"
        if domain or https:
            self.config["public_url"] = self.url
        self.config_path.write_text(yaml.safe_dump(self.config))
        self.docker = docker.from_env()

    @property
    def lab_config(self) -> LabConfig:
        return parse_lab_config(self.config)

    @property
    def learner_image(self) -> str:
        return self.lab_config.images.learner

    def artefacts(self, kind: str) -> Path:
        """The folder a test keeps its screenshots of `kind` in (CI keeps them)."""
        folder = self.state.parent / "artefacts" / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def home_volume(self, name: str) -> str:
        return self.lab_config.home_volume(name)

    def home_disk_image(self, name: str) -> str:
        """Where the trainee's home disk is, on this host."""
        disks = self.docker.volumes.get(self.lab_config.disks_volume).attrs["Mountpoint"]
        return f"{disks}/{self.home_volume(name)}.ext4"

    def detach_home_disk(self, name: str) -> None:
        """What a reboot does to the trainee's home disk: no loop device holds it any more."""
        for device, image in home_disk_devices(self.prefix).items():
            if image == f"{self.home_volume(name)}.ext4":
                subprocess.run(["losetup", "--detach", device], check=True)

    @property
    def verify(self) -> str | bool:
        """What the tests' HTTP client trusts: the lab's own CA once `up` has made it."""
        ca = self.state / self.prefix / "tls" / "ca.crt"
        return str(ca) if ca.exists() else True

    def cli(self, *args: str, check: bool = True, timeout: float = 1800):
        # Wide enough that no table or message is wrapped mid-word.
        env = {**os.environ, "CODELAB_STATE_DIR": str(self.state), "COLUMNS": "200"}
        command = [sys.executable, "-m", "codelab.cli", *args, "--config", str(self.config_path)]
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"codelab {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n--- hub log ---\n{self.hub_logs()}"
            )
        return result

    def http(self, token: str | None = None) -> requests.Session:
        """A client that trusts the lab's certificate (requests lets REQUESTS_CA_BUNDLE
        override a session's own `verify` unless it ignores the environment)."""
        session = requests.Session()
        session.trust_env = False
        session.verify = self.verify
        if token:
            session.headers["Authorization"] = f"token {token}"
        return session

    def origin_of(self, name: str, kind: str = "user") -> str:
        """The origin JupyterHub gives a user's server or a service (its subdomain)."""
        return f"{self.scheme}://{subdomain_hook_idna(name, self.domain, kind)}:{self.port}"

    def user_url(self, name: str) -> str:
        return f"{self.origin_of(name)}/user/{name}"

    def service_url(self, name: str) -> str:
        return f"{self.origin_of(name, 'service')}/services/{name}"

    @property
    def token(self) -> str:
        return (self.state / self.prefix / "admin-token").read_text().strip()

    def api(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(
            method,
            f"{self.url}/hub/api{path}",
            headers=headers,
            timeout=30,
            verify=self.verify,
            **kwargs,
        )

    def create_trainee(self, name: str, password: str, must_change: bool = False) -> dict:
        response = self.api("POST", f"/users/{name}")
        assert response.status_code in (201, 409), response.text
        response = self.api(
            "PUT",
            f"/codelab/accounts/{name}",
            json={"password": password, "must_change": must_change},
        )
        assert response.status_code == 204, response.text
        return self.api("GET", f"/users/{name}").json()

    def login(self, name: str, password: str, **kwargs) -> tuple[requests.Session, object]:
        """Post the login form as a browser would; return the session and the answer."""
        session = self.http()
        assert session.get(f"{self.url}/hub/login", timeout=10).status_code == 200
        response = session.post(
            f"{self.url}/hub/login",
            data={"username": name, "password": password, "_xsrf": session.cookies["_xsrf"]},
            timeout=300,
            **kwargs,
        )
        return session, response

    def browser_login(self, page, name: str, password: str, next_url: str = "") -> None:
        """Fill and send the login form in a real browser page."""
        page.goto(f"{self.url}/hub/login" + (f"?next={next_url}" if next_url else ""))
        page.fill("#username_input", name)
        page.fill("#password_input", password)
        page.click("#login_submit")

    def user_token(self, name: str) -> str:
        response = self.api("POST", f"/users/{name}/tokens", json={"note": "e2e"})
        assert response.status_code == 201, response.text
        return response.json()["token"]

    def start_server(self, name: str, timeout: float = 240) -> None:
        response = self.api("POST", f"/users/{name}/server")
        already = response.status_code == 400 and "already" in response.text
        assert response.status_code in (201, 202) or already, (
            f"{response.text}\n--- hub log ---\n{self.hub_logs()}"
        )

        def ready():
            model = self.api("GET", f"/users/{name}").json()
            return model.get("server") and not model.get("pending")

        try:
            wait_for(ready, timeout, f"{name}'s server")
        except AssertionError:
            raise AssertionError(f"{name}'s server did not start:\n{self.logs(name)}") from None

    def stop_server(self, name: str, timeout: float = 120) -> None:
        self.api("DELETE", f"/users/{name}/server")
        wait_for(
            lambda: (
                not self.api("GET", f"/users/{name}").json().get("server")
                and not self.container(name)
            ),
            timeout,
            f"{name}'s server to stop",
        )

    def in_terminal(self, name: str, line: str, timeout: float = 60) -> str:
        """Type `line` into a new JupyterLab terminal of `name`'s, as they would (the
        terminals REST API, then its websocket, with their own token); returns what it
        printed up to the end of the line's commands."""
        token = self.user_token(name)
        base = self.user_url(name)
        created = self.http(token).post(f"{base}/api/terminals", timeout=30)
        assert created.status_code == 200, created.text
        socket_url = (
            base.replace("http", "ws", 1) + f"/terminals/websocket/{created.json()['name']}"
        )
        # On a loop of its own: the browser tests' driver already runs one in this thread.
        with ThreadPoolExecutor(1) as thread:
            typing = _type_in_terminal(socket_url, token, f"{line}; echo {END_MARK}\r", timeout)
            return thread.submit(asyncio.run, typing).result()

    def container(self, name: str):
        try:
            return self.docker.containers.get(f"{self.prefix}-{docker_safe(name)}")
        except docker.errors.NotFound:
            return None

    def uid_of(self, name: str) -> int:
        """The uid the hub gave this trainee's container (NB_UID)."""
        env = dict(e.split("=", 1) for e in self.container(name).attrs["Config"]["Env"])
        return int(env["NB_UID"])

    def logs(self, name: str) -> str:
        container = self.container(name)
        return container.logs(tail=60).decode(errors="replace") if container else "(gone)"

    def hub_logs(self) -> str:
        try:
            hub = self.docker.containers.get(f"{self.prefix}-hub")
        except docker.errors.NotFound:
            return "(no hub container)"
        return hub.logs(tail=80).decode(errors="replace")

    def remove_everything(self) -> None:
        """Remove what this lab created, found by its unique prefix."""
        remove_by_prefix(self.docker, self.prefix)


# Shell arithmetic, so the typed line's echo never matches what the shell prints.
END_MARK = "DONE-$((40+2))"


async def _type_in_terminal(url: str, token: str, line: str, timeout: float) -> str:
    request = HTTPRequest(url, headers={"Authorization": f"token {token}"})
    connection = await websocket_connect(request)
    seen = ""
    try:
        await connection.write_message(json.dumps(["stdin", line]))
        while "DONE-42" not in seen:
            message = await asyncio.wait_for(connection.read_message(), timeout)
            if message is None:
                break
            kind, *content = json.loads(message)
            if kind == "stdout":
                seen += content[0]
    finally:
        connection.close()
    return seen


def remove_by_prefix(client: docker.DockerClient, prefix: str) -> None:
    """Containers, then home disks, volumes and networks whose names start with prefix."""
    for container in client.containers.list(all=True, filters={"name": prefix}):
        if container.name.startswith(prefix):
            container.remove(force=True)
    detach_home_disks(prefix)
    for volume in client.volumes.list(filters={"name": prefix}):
        if volume.name.startswith(prefix):
            volume.remove(force=True)
    for network in client.networks.list(names=[prefix]):
        if network.name.startswith(prefix):
            network.remove()


def home_disk_devices(prefix: str) -> dict[str, str]:
    """Loop devices holding a home disk of a lab named prefix…: device -> image name."""
    devices = {}
    for backing in Path("/sys/class/block").glob("loop*/loop/backing_file"):
        image = Path(backing.read_text().strip()).name
        if image.startswith(prefix):
            devices[f"/dev/{backing.parent.parent.name}"] = image
    return devices


def detach_home_disks(prefix: str) -> None:
    """Free the loop devices of those disks, so their images go with their volume. (Still
    mounted, a device is freed by the kernel once unmounted.)"""
    for device in home_disk_devices(prefix):
        subprocess.run(["losetup", "--detach", device], check=False, capture_output=True)


@pytest.fixture(scope="session", autouse=True)
def no_leftovers_of_a_killed_run():
    """A run killed half-way (CI's time limit, a reboot) leaves its labs behind: each test
    run starts by removing every Docker object named like the tests' own (codelab-test-)."""
    if docker_available():
        remove_by_prefix(docker.from_env(), TEST_PREFIX)


@contextlib.contextmanager
def running_lab(tmp: Path, before_up=None, **options):
    """A lab brought up with the real CLI, and removed with everything it made.
    `before_up(lab)` prepares what `up` then finds (a volume made another way, say)."""
    need(docker_available(), "A running Docker engine")
    test_lab = TestLab(tmp, **options)
    leftovers = test_lab.docker.containers.list(all=True, filters={"name": test_lab.prefix})
    assert not leftovers, "a previous run left containers with this prefix"
    try:
        if before_up:
            before_up(test_lab)
        test_lab.cli("up")
        yield test_lab
    finally:
        test_lab.cli("down", check=False)
        test_lab.remove_everything()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as test_lab:
        yield test_lab


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--no-sandbox",
]


@pytest.fixture(scope="session")
def playwright():
    need(chromium_path() is not None, "Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "The playwright Python package")
    with sync_playwright() as driver:
        yield driver


def launch_chromium(playwright, *extra_args: str):
    return playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=[*CHROMIUM_ARGS, *extra_args]
    )


@pytest.fixture(scope="session")
def browser(playwright):
    browser = launch_chromium(playwright)
    yield browser
    browser.close()
