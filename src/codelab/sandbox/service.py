"""The sandbox as a hub service: `POST /services/sandbox/run` with a packed submission.

It runs in the hub container, the one place that holds Docker. Only the grading
containers (the hub services named after the lab's courses) and the admin service may call
it; each call makes one throwaway container (see `codelab.sandbox.container`), at most
`workers` at once, and answers with the run's report.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import docker
from jupyterhub.services.auth import HubAuth
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from traitlets import Enum, Float, Int, List, Unicode
from traitlets.config import Application

from codelab.config import default_sandbox_workers
from codelab.i18n import LANGUAGES
from codelab.sandbox.container import SandboxLimits, run_in_sandbox

log = logging.getLogger("codelab.sandbox")


class RunHandler(web.RequestHandler):
    def initialize(self, app: SandboxApp):
        self.app = app

    async def post(self):
        caller = await self.app.caller(self)
        if caller is None:
            raise web.HTTPError(403, "Only a course's grading service may run submissions.")
        loop = asyncio.get_running_loop()
        report = await loop.run_in_executor(self.app.pool, self.app.run, self.request.body)
        log.info("%s ran a submission: %s", caller, report.get("reason") or "ok")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(report))


class SandboxApp(Application):
    name = "codelab-sandbox"

    image = Unicode("codelab/learner:latest", help="Image the sandboxes are made from.").tag(
        config=True
    )
    name_prefix = Unicode("codelab-sandbox", help="Prefix of the sandbox containers' names.").tag(
        config=True
    )
    memory = Int(512 * 1024**2, help="Memory limit of one sandbox, in bytes.").tag(config=True)
    cpus = Float(1.0, help="CPU limit of one sandbox (cores).").tag(config=True)
    pids = Int(128, help="Process limit of one sandbox.").tag(config=True)
    budget_seconds = Float(30, help="Wall-clock budget of one whole notebook.").tag(config=True)
    cpu_seconds = Float(5, help="CPU-time budget of one notebook's kernel.").tag(config=True)
    workers = Int(
        default_sandbox_workers(),
        help="Sandboxes running at once (default: two per core of the machine).",
    ).tag(config=True)
    callers = List(Unicode(), help="Hub services allowed to run submissions.").tag(config=True)
    language = Enum(LANGUAGES, "fr", help="Language of the trainees' messages.").tag(config=True)
    max_request_bytes = Int(110 * 1024**2, help="Largest request read.").tag(config=True)

    def initialize(self, argv=None):
        super().initialize(argv)
        self.hub_auth = HubAuth(cache_max_age=60)
        self.pool = ThreadPoolExecutor(self.workers)
        self.docker = docker.from_env()
        self.limits = SandboxLimits(
            image=self.image,
            name_prefix=self.name_prefix,
            memory=self.memory,
            cpus=self.cpus,
            pids=self.pids,
            budget_seconds=self.budget_seconds,
            cpu_seconds=self.cpu_seconds,
            language=self.language,
        )

    async def caller(self, handler) -> str | None:
        token = self.hub_auth.get_token(handler, in_cookie=False)
        if not token:
            return None
        model = await self.hub_auth.user_for_token(token, sync=False)
        if not model or model.get("kind") != "service" or model["name"] not in self.callers:
            return None
        return model["name"]

    def run(self, request: bytes) -> dict:
        try:
            return run_in_sandbox(self.docker, self.limits, request)
        except docker.errors.DockerException as error:
            log.error("sandbox failed: %s", error)
            return {"cells": [], "reason": f"sandbox error: {error}"[:300]}

    def start(self) -> None:
        logging.basicConfig(
            level=logging.INFO, format="[%(levelname)s %(asctime)s sandbox] %(message)s"
        )
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/sandbox/")
        url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        app = web.Application([(rf"{prefix}run", RunHandler, {"app": self})])
        server = HTTPServer(app, max_body_size=self.max_request_bytes)
        server.listen(url.port, url.hostname)
        log.info(
            "sandbox ready on %s, %d at once, image %s", url.geturl(), self.workers, self.image
        )
        IOLoop.current().start()


main = SandboxApp.launch_instance

if __name__ == "__main__":
    main()
