"""One Docker container per trainee, each with its own uid and home volume."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dockerspawner import DockerSpawner
from sqlalchemy.orm import object_session
from tornado import web
from traitlets import Int, default

from codelab.config import TRAINEE_HOME


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

    docker_threads = Int(
        8,
        help="""Threads for Docker calls, shared by all spawners.

        DockerSpawner's default is one thread for every call of every user, so a class's
        worth of logins queue behind each other.
        """,
    ).tag(config=True)

    _shared_executor: ThreadPoolExecutor | None = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        cls = type(self)
        if cls._shared_executor is None:
            cls._shared_executor = ThreadPoolExecutor(self.docker_threads)
        return cls._shared_executor

    @property
    def trainee_uid(self) -> int:
        return self.authenticator.store.uid_for(self.user.name, self.uid_base)

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
        return await super().start()

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
