"""One Docker container per trainee, each with its own uid and home volume."""

from __future__ import annotations

import asyncio
import math
from concurrent.futures import ThreadPoolExecutor

import docker
import requests
from dockerspawner import DockerSpawner
from sqlalchemy.orm import object_session
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from traitlets import Int, Unicode, default

from codelab.config import CONTAINER_LINE, FAILED_START_MARK, TRAINEE_HOME, start_width
from codelab.home_disks import HomeDiskError, HomeDisks
from codelab.hub.start_queue import StartQueue
from codelab.i18n import t

# How much of a failed container's own log goes into the hub's.
START_LOG_LINES = 30
# How often the page of a trainee waiting in the start queue hears where she is.
QUEUE_NEWS_SECONDS = 1.0


class StartFailed(web.HTTPError):
    """A server that could not start; JupyterHub shows its sentence to the trainee as is."""

    def __init__(self, sentence: str):
        super().__init__(500, sentence)
        self.jupyterhub_message = sentence

    def __str__(self) -> str:
        return self.jupyterhub_message


class CodelabSpawner(DockerSpawner):
    """DockerSpawner with a distinct, stable uid per trainee and a shared thread pool.

    The container starts as root only long enough for its entrypoint to give the home
    volume to the trainee's uid, then drops to that uid with no capabilities left.
    """

    uid_base = Int(
        20000,
        help="""The first uid given to a trainee; each new username gets the next one.

        A username keeps its uid for good, across restarts of the container, the hub and
        the host, and across the deletion and re-creation of the account (the uid table
        lives in the authenticator's account store); no uid is given to two usernames.
        """,
    ).tag(config=True)

    language = Unicode("fr", help="Language of what trainees read (fr or en).").tag(config=True)

    docker_threads = Int(
        8,
        help="""Threads for Docker calls, shared by all spawners.

        DockerSpawner's default is one thread for every call of every user, so a class's
        worth of logins queue behind each other.
        """,
    ).tag(config=True)

    home_disk_bytes = Int(
        2 * 1024**3,
        help="""Size of each trainee's home, a file system of its own (codelab.home_disks).

        A full home stops there: the host, the hub's data and other trainees keep their room.
        """,
    ).tag(config=True)

    disks_volume = Unicode(
        "codelab-disks", help="The Docker volume that holds every home's disk image."
    ).tag(config=True)

    starts_at_once = Int(
        0,
        help="""Trainees' servers that start at the same time; the others wait their turn.

        0: two per core of this machine (lab.yaml's learner.starts_at_once says why).
        Starts that share too few cores all finish together at the end; a few at a time,
        the first trainees are ready in seconds (codelab.hub.start_queue).
        """,
    ).tag(config=True)

    trainee_uid: int | None = None  # looked up at each start, off the event loop

    _shared_executor: ThreadPoolExecutor | None = None
    _shared_docker: docker.DockerClient | None = None
    _shared_queue: StartQueue | None = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        cls = type(self)
        if cls._shared_executor is None:
            cls._shared_executor = ThreadPoolExecutor(self.docker_threads)
        return cls._shared_executor

    @property
    def start_queue(self) -> StartQueue:
        cls = type(self)
        if cls._shared_queue is None:
            cls._shared_queue = StartQueue(start_width(self.starts_at_once))
        return cls._shared_queue

    def uid_of_trainee(self) -> int:
        return self.authenticator.store.uid_for(self.user.name, self.uid_base)

    @property
    def home_disks(self) -> HomeDisks:
        cls = type(self)
        if cls._shared_docker is None:
            cls._shared_docker = docker.from_env(version="auto", timeout=120)
        return HomeDisks(cls._shared_docker, self.disks_volume, self.image, self.home_disk_bytes)

    @default("notebook_dir")
    def _default_notebook_dir(self) -> str:
        return TRAINEE_HOME

    @default("remove")
    def _default_remove(self) -> bool:
        return True

    async def start(self):
        if self.user_options:
            self._forget_user_options()
            raise web.HTTPError(
                400,
                f"This lab takes no server options ({', '.join(sorted(self.user_options))}): "
                f"every trainee runs {self.image}. Start the server without options.",
            )
        async with self.start_queue.turn(self.user.name):
            # Bounded within the turn, so a start that hangs (Docker, the home's disk) does
            # not hold a place for the whole of JupyterHub's longer timeout.
            try:
                async with asyncio.timeout(self.http_timeout):
                    return await self._start_in_turn()
            except TimeoutError as error:
                self._log_failed_start(f"no answer in {self.http_timeout} s", "its start")
                raise StartFailed(t("server_failed", self.language)) from error

    async def _start_in_turn(self):
        # Off the event loop: the account store's SQLite and the disk helper both block.
        loop = asyncio.get_running_loop()
        self.trainee_uid = await loop.run_in_executor(self.executor, self.uid_of_trainee)
        await loop.run_in_executor(self.executor, self._ready_home)
        try:
            ip_port = await super().start()
        except docker.errors.APIError as error:  # the engine would not start it (a mount…)
            self._log_failed_start(f"Docker: {error.explanation or error}", "the engine's answer")
            raise StartFailed(t("server_failed", self.language)) from error
        await self._until_answering_or_exited(*ip_port)
        return ip_port

    async def progress(self):
        """What the page a trainee waits on says: her place in the queue, then her start.

        JupyterHub ends this when the start ends; until her turn, she may not even be in
        the queue yet (her login's checks come first, behind the class's)."""
        queue, said = self.start_queue, None
        while not queue.has_begun(self.user.name):
            ahead = queue.place(self.user.name)
            if ahead is not None:
                wait = self._spoken_wait(queue.expected_wait(ahead))
                key = "start_queued" if ahead else "start_queued_next"
                news = t(key, self.language, place=ahead + 1, wait=wait)
                if news != said:
                    yield {"progress": 10, "message": news}
                    said = news
            await asyncio.sleep(QUEUE_NEWS_SECONDS)
        yield {"progress": 50, "message": t("start_starting", self.language)}

    def _spoken_wait(self, seconds: float) -> str:
        """« 25 secondes », « 3 minutes »: as a person says a wait."""
        if seconds <= 90:
            return t("wait_seconds", self.language, count=5 * math.ceil(seconds / 5))
        return t("wait_minutes", self.language, count=math.ceil(seconds / 60))

    def _ready_home(self) -> None:
        (volume,) = (v for v, bind in self.volume_binds.items() if bind["bind"] == TRAINEE_HOME)
        try:
            self._remove_exited_container()  # it would hold the volume a reboot made stale
            self.home_disks.ready(volume)
        except (HomeDiskError, docker.errors.DockerException, requests.RequestException) as error:
            self._log_failed_start(str(error), "its home disk")
            raise StartFailed(t("server_failed", self.language)) from error

    def _remove_exited_container(self) -> None:
        # DockerSpawner removes it too, but only after the home is made ready.
        try:
            container = self.home_disks.client.containers.get(self.object_name)
        except docker.errors.NotFound:
            return
        if container.status != "running":
            container.remove(force=True)

    async def _until_answering_or_exited(self, ip: str, port: int) -> None:
        """Wait for the server to answer, and say why at once if its container exits.

        JupyterHub itself only waits http_timeout for an answer, so a server that died at
        start keeps the trainee waiting minutes for a bare error, and the container's
        own account of why is never shown.
        """
        url = f"http://{ip}:{port}{self.server.base_url if self.server else '/'}api"
        client = AsyncHTTPClient()
        deadline = asyncio.get_running_loop().time() + self.http_timeout
        while asyncio.get_running_loop().time() < deadline:
            status = await self.poll()
            if status is not None:
                await self._report_failed_start(status)
            try:
                await client.fetch(url, request_timeout=2, raise_error=False)
                return
            except (OSError, HTTPClientError):  # not listening yet
                await asyncio.sleep(0.5)

    async def _report_failed_start(self, status) -> None:
        # By name: the container may be gone already, its id with it.
        try:
            logs = await self.docker("logs", self.object_name, tail=START_LOG_LINES)
        except docker.errors.DockerException as error:
            logs = f"(no log: {error})"
        text = logs.decode(errors="replace") if isinstance(logs, bytes) else str(logs)
        self._log_failed_start(text, f"{status}. Last lines of its container {self.object_name}")
        raise StartFailed(t("server_failed", self.language))

    def _log_failed_start(self, cause: str, source: str) -> None:
        """The cause, in the hub's log, where `codelab status` finds it for the admin."""
        lines = "\n".join(CONTAINER_LINE + line for line in cause.strip().splitlines())
        self.log.error("%s %s (%s):\n%s", FAILED_START_MARK, self.user.name, source, lines)

    def _forget_user_options(self) -> None:
        # JupyterHub saves the options of every start request, even a refused one, and
        # reuses them for the next start without options: a refused image would stick.
        self.orm_spawner.user_options = {}
        session = object_session(self.orm_spawner)
        if session is not None:
            session.commit()

    def get_env(self) -> dict:
        env = super().get_env()
        env["NB_UID"] = str(self.trainee_uid)
        env["HOME"] = TRAINEE_HOME
        return env
