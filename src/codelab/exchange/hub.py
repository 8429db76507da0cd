"""Running the exchange as a hub-managed service: the caller's identity from HubAuth."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import date
from urllib.parse import quote, urlparse

from jupyterhub.services.auth import HubAuth
from tornado.httpclient import AsyncHTTPClient
from tornado.ioloop import IOLoop
from traitlets import Int, Unicode
from traitlets.config import Application

from codelab.config import COHORT_GROUP_PREFIX
from codelab.deadlines import cohort_start
from codelab.exchange.access import Caller
from codelab.exchange.service import make_app, serve
from codelab.exchange.store import ExchangeStore

GROUPS_CACHE_SECONDS = 10
log = logging.getLogger("codelab.exchange")


class HubIdentity:
    """Turns the request's hub token into a Caller, looking groups up with our own token."""

    def __init__(self, hub_auth: HubAuth):
        self.hub_auth = hub_auth
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}
        self._starts: dict[str, tuple[float, date | None]] = {}

    async def __call__(self, handler) -> Caller | None:
        token = self.hub_auth.get_token(handler, in_cookie=False)
        if not token:
            return None
        model = await self.hub_auth.user_for_token(token, sync=False)
        if not model or not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            return None
        if model.get("kind") == "service":
            return Caller(model["name"], kind="service")
        return Caller(model["name"], groups=await self.groups_of(model["name"]))

    async def trainee_start(self, name: str) -> date | None:
        """The start of the trainee's cohort (the latest, if she is in several); asked only
        by the listings that show due days, never by a fetch or a submit."""
        groups = await self.groups_of(name)
        cohorts = sorted(g for g in groups if g.startswith(COHORT_GROUP_PREFIX))
        starts = [s for s in [await self.start_of(g) for g in cohorts] if s is not None]
        return max(starts, default=None)

    async def groups_of(self, name: str) -> frozenset[str]:
        cached = self._groups.get(name)
        if cached and time.monotonic() - cached[0] < GROUPS_CACHE_SECONDS:
            return cached[1]
        groups = frozenset((await self._get(f"/users/{quote(name)}")).get("groups", []))
        self._groups[name] = (time.monotonic(), groups)
        return groups

    async def start_of(self, cohort_group: str) -> date | None:
        """The cohort's start (codelab.deadlines), kept in its group's properties."""
        cached = self._starts.get(cohort_group)
        if cached and time.monotonic() - cached[0] < GROUPS_CACHE_SECONDS:
            return cached[1]
        try:
            group = await self._get(f"/groups/{quote(cohort_group)}")
        except Exception as error:  # a date to show must never stop a listing
            log.warning("start of %s unknown: %s", cohort_group, error)
            return None
        start = cohort_start(group.get("properties"))
        self._starts[cohort_group] = (time.monotonic(), start)
        return start

    async def _get(self, path: str) -> dict:
        """The hub's model at `path`; empty when the hub has no such user or group (deleted)."""
        response = await AsyncHTTPClient().fetch(
            f"{self.hub_auth.api_url}{path}",
            headers={"Authorization": f"token {self.hub_auth.api_token}"},
            raise_error=False,
        )
        if response.code == 404:
            return {}
        response.rethrow()
        return json.loads(response.body)


class ExchangeApp(Application):
    name = "codelab-exchange"

    root = Unicode(
        "/srv/jupyterhub/data/exchange", help="Folder holding every course's exchange."
    ).tag(config=True)
    max_upload_bytes = Int(50 * 1024**2, help="Largest upload (compressed) the service reads.").tag(
        config=True
    )
    max_unpacked_bytes = Int(
        100 * 1024**2, help="Largest total size of the files inside one upload."
    ).tag(config=True)
    quota_bytes = Int(
        200 * 1024**2, help="Most a trainee's kept submissions to one course may weigh."
    ).tag(config=True)
    timezone = Unicode(
        "UTC", help="The school's time zone: a due date ends at midnight there (lab.yaml)."
    ).tag(config=True)
    keep_submissions = Int(
        10, help="Submissions kept per trainee and assignment (the latest ones)."
    ).tag(config=True)

    def start(self) -> None:
        logging.basicConfig(
            level=logging.INFO, format="[%(levelname)s %(asctime)s exchange] %(message)s"
        )
        store = ExchangeStore(
            self.root,
            max_unpacked_bytes=self.max_unpacked_bytes,
            quota_bytes=self.quota_bytes,
            keep_submissions=self.keep_submissions,
        )
        identity = HubIdentity(HubAuth(cache_max_age=10))
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/exchange/")
        url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        app = make_app(store, identity, prefix, identity.trainee_start, self.timezone,
                       identity.groups_of)  # fmt: skip
        serve(
            app,
            url.port,
            self.max_upload_bytes,
            url.hostname,
        )
        IOLoop.current().start()


main = ExchangeApp.launch_instance
