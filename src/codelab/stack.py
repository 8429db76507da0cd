"""The running lab: the compose stack, its secrets on the host and the hub's REST API."""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import docker
import requests
from requests.adapters import HTTPAdapter

from codelab import tls
from codelab.config import PROGRESS_SERVICE, LabConfig
from codelab.hub_client import HubClient, HubError


class LabError(RuntimeError):
    """Something stops the lab; the message says what to do next."""


def state_dir(lab: LabConfig) -> Path:
    """Where the admin password and API token live on the host, readable by their owner only."""
    base = os.environ.get("CODELAB_STATE_DIR") or Path.home() / ".local" / "state" / "codelab"
    path = Path(base) / lab.prefix
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def read_secret(path: Path) -> str | None:
    return path.read_text().strip() if path.exists() else None


def write_secret(path: Path, value: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    path.chmod(0o600)


def docker_client() -> docker.DockerClient:
    try:
        client = docker.from_env()
        client.ping()
    except Exception as error:  # the SDK raises several types for "no daemon"
        raise LabError(
            f"Docker is not running or not reachable ({error}). Start it (for example "
            "`systemctl start docker`) and check that you may use it (`docker info`)."
        ) from None
    return client


def compose_command() -> list[str]:
    """`docker compose` when the plugin exists, else `docker-compose`."""
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
    if probe.returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    raise LabError("Neither `docker compose` nor `docker-compose` is installed: install one.")


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


class LoopbackTLSAdapter(HTTPAdapter):
    """Reach the lab on this machine's loopback while checking its certificate for the
    lab's public name: the admin's CLI needs no DNS record, and still verifies TLS."""

    def __init__(self, hostname: str, **kwargs):
        self.hostname = hostname
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs.update(server_hostname=self.hostname, assert_hostname=self.hostname)
        super().init_poolmanager(*args, **kwargs)


def ensure_network(client: docker.DockerClient, name: str) -> None:
    """The lab network, with a subnet of its own, so that the hub's address is fixed.

    Trainee containers let the hub's address in and out, nothing else of the network, so
    that address must not change when the hub restarts: Docker keeps an address fixed
    only on a network whose subnet was given, so the subnet Docker picks is given back.
    Other containers get addresses from the subnet's upper half only: when the engine
    restarts everything at once, one started before the hub could otherwise take the
    hub's address, and the hub would never start again.
    """
    with contextlib.suppress(docker.errors.NotFound):
        client.networks.get(name)
        return
    probe = client.networks.create(name, driver="bridge")
    picked = probe.attrs["IPAM"]["Config"][0]
    probe.remove()
    _, upper = ipaddress.ip_network(picked["Subnet"]).subnets(prefixlen_diff=1)
    pool = docker.types.IPAMPool(
        subnet=picked["Subnet"], gateway=picked["Gateway"], iprange=str(upper)
    )
    client.networks.create(name, driver="bridge", ipam=docker.types.IPAMConfig(pool_configs=[pool]))


def ensure_volume(client: docker.DockerClient, name: str) -> None:
    """A volume the stack uses as found: made here, plain, only when there is none."""
    with contextlib.suppress(docker.errors.NotFound):
        client.volumes.get(name)
        return
    client.volumes.create(name)


def hub_address(client: docker.DockerClient, name: str) -> str | None:
    """The hub's fixed address on the lab network: the first after the gateway."""
    try:
        network = client.networks.get(name)
    except docker.errors.NotFound:
        return None
    subnet = ipaddress.ip_network(network.attrs["IPAM"]["Config"][0]["Subnet"])
    return str(subnet.network_address + 2)


@dataclass
class Lab:
    """One lab, named by its lab.yaml, driven from the host."""

    config: LabConfig
    config_path: Path
    root: Path

    @property
    def url(self) -> str:
        """The hub's public address, as printed for people."""
        return self.config.origin

    @property
    def local_url(self) -> str:
        """The hub as this machine's CLI reaches it: loopback, no DNS needed."""
        scheme = "https" if self.config.serves_tls else "http"
        return f"{scheme}://127.0.0.1:{self.config.port}"

    @property
    def api(self) -> str:
        return f"{self.local_url}/hub/api"

    @property
    def tls_files(self) -> tls.TLSFiles:
        return tls.TLSFiles.of(state_dir(self.config))

    @property
    def token_file(self) -> Path:
        return state_dir(self.config) / "admin-token"

    @property
    def password_file(self) -> Path:
        return state_dir(self.config) / "admin-password"

    def admin_token(self) -> str:
        token = read_secret(self.token_file)
        if token is None:
            token = secrets.token_hex(32)
            write_secret(self.token_file, token)
        return token

    def compose(self, *args: str) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "CODELAB_PREFIX": self.config.prefix,
            "CODELAB_PORT": str(self.config.port),
            "CODELAB_HUB_IMAGE": self.config.images.hub,
            "CODELAB_CONFIG": str(self.config_path.resolve()),
            "CODELAB_ADMIN_TOKEN": self.admin_token(),
            "CODELAB_TLS_DIR": str(self.tls_files.folder),
            # Any address for commands that start nothing (down) once the network is gone.
            "CODELAB_HUB_IP": hub_address(docker_client(), self.config.network) or "0.0.0.0",
        }
        command = [
            *compose_command(),
            "--project-name", self.config.prefix,
            "--file", str(self.root / "docker-compose.yml"),
            *args,
        ]  # fmt: skip
        return subprocess.run(command, env=env, capture_output=True, text=True)

    def hub_container(self, client: docker.DockerClient):
        try:
            return client.containers.get(self.config.hub_container)
        except docker.errors.NotFound:
            return None

    def start(self) -> bool:
        """Start the stack; True when a local certificate authority was made now."""
        client = docker_client()
        _, made_ca = tls.prepare(self.config, state_dir(self.config))
        ensure_network(client, self.config.network)
        ensure_volume(client, self.config.hub_data_volume)
        hub = self.hub_container(client)
        running = hub is not None and hub.status == "running"
        if not running and not port_is_free(self.config.port):
            raise LabError(
                f"Port {self.config.port} is taken by another program. Stop it, or set "
                f"another `port:` in {self.config_path}."
            )
        result = self.compose("up", "--detach", "--no-build")
        if result.returncode != 0:
            raise LabError(f"The stack did not start:\n{result.stderr.strip()}")
        self.apply_config_changes(client)
        return made_ca

    @property
    def applied_config_file(self) -> Path:
        return state_dir(self.config) / "applied-lab.yaml.sha256"

    def apply_config_changes(self, client: docker.DockerClient) -> bool:
        """Restart the hub when lab.yaml changed since it last started (a new course, say).

        Compose does not see a change inside a mounted file; trainees keep running.
        """
        digest = hashlib.sha256(self.config_path.read_bytes()).hexdigest()
        applied = read_secret(self.applied_config_file)
        write_secret(self.applied_config_file, digest)
        if applied is None or applied == digest:
            return False
        self.hub_container(client).restart()
        return True

    def wait_until_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            try:
                response = self._loopback_session().get(f"{self.api}/", timeout=3)
                if response.status_code == 200:
                    return
                last = f"HTTP {response.status_code}"
            except requests.RequestException as error:
                last = type(error).__name__
            time.sleep(0.5)
        logs = self.hub_logs(40)
        raise LabError(
            f"The hub did not answer at {self.url} within {timeout:.0f} s ({last}).\n"
            f"Last hub log lines:\n{logs}"
        )

    def hub_logs(self, lines: int = 40) -> str:
        hub = self.hub_container(docker_client())
        if hub is None:
            return "(no hub container)"
        return hub.logs(tail=lines).decode(errors="replace")

    def ensure_admin(self) -> str | None:
        """Create the admin account on first run; return its new password, else None."""
        password = secrets.token_urlsafe(12)
        hub = self.hub_container(docker_client())
        result = hub.exec_run(
            ["python3", "-m", "codelab.hub.bootstrap", self.config.auth.admin_user],
            stdin=False,
            environment={"CODELAB_NEW_PASSWORD": password},
        )
        output = result.output.decode(errors="replace").strip()
        if result.exit_code == 3:
            return None
        if result.exit_code != 0:
            raise LabError(f"Could not create the admin account: {output}")
        write_secret(self.password_file, password)
        return password

    def hub(self) -> HubClient:
        """The hub's REST API as the admin service, over loopback (TLS checked)."""
        return HubClient(self.api, self.admin_token(), self._loopback_session())

    def progress(self, path: str) -> requests.Response:
        """GET a progress page or API (codelab.progress) through the hub's proxy, over
        loopback, as the admin service: the proxy routes by the service's host name."""
        host = urlparse(self.config.service_origin(PROGRESS_SERVICE)).netloc
        headers = {"Host": host, "Authorization": f"token {self.admin_token()}"}
        url = f"{self.local_url}/services/{PROGRESS_SERVICE}/{path}"
        try:
            return self._loopback_session().get(url, headers=headers, timeout=120)
        except requests.RequestException as error:
            raise LabError(f"the lab does not answer at {self.local_url} ({error}): "
                           "is it up? (codelab status)") from None  # fmt: skip

    def _loopback_session(self) -> requests.Session:
        session = requests.Session()
        # Loopback needs no proxy, and REQUESTS_CA_BUNDLE would override `verify` below.
        session.trust_env = False
        if self.config.serves_tls:
            session.mount(self.local_url, LoopbackTLSAdapter(self.config.domain))
            ca = self.tls_files.ca_cert
            session.verify = str(ca) if ca.exists() else os.environ.get("REQUESTS_CA_BUNDLE", True)
        return session

    def stop_servers(self, timeout: float = 120) -> list[str]:
        """Stop every running trainee server through the hub; files stay on their volumes."""
        hub = self.hub()

        def running() -> list[str]:
            users = hub.users().values()
            return [u["name"] for u in users if u.get("server") or u.get("pending")]

        stopping = running()
        for name in stopping:
            hub.call("DELETE", f"/users/{name}/server", ok=(202, 204, 400, 404))
        deadline = time.monotonic() + timeout
        while running() and time.monotonic() < deadline:
            time.sleep(0.5)
        return stopping

    def remove_course_containers(self, client: docker.DockerClient) -> None:
        """Grading containers go with the lab; their course folders stay on their volumes."""
        for course in self.config.courses:
            with contextlib.suppress(docker.errors.NotFound):
                client.containers.get(self.config.course_container(course)).remove(force=True)

    def stop(self) -> list[str]:
        client = docker_client()
        hub = self.hub_container(client)
        stopped = []
        if hub is not None and hub.status == "running":
            # When the hub does not answer, stop the stack anyway.
            with contextlib.suppress(requests.RequestException, HubError):
                stopped = self.stop_servers()
        self.remove_course_containers(client)
        result = self.compose("down")
        if result.returncode != 0:
            raise LabError(f"The stack did not stop cleanly:\n{result.stderr.strip()}")
        with contextlib.suppress(docker.errors.NotFound, docker.errors.APIError):
            client.networks.get(self.config.network).remove()
        return stopped
