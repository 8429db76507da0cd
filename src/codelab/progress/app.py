"""Running the progress service as a hub-managed service (`python -m codelab.progress`)."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from jupyterhub.services.auth import HubOAuth
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from traitlets import List, Unicode
from traitlets.config import Application

from codelab.exchange.store import ExchangeStore
from codelab.hub.accounts import AccountStore
from codelab.hub_client import HubClient
from codelab.progress.results import ResultStore
from codelab.progress.service import Exchange, Sources, make_app


class ProgressApp(Application):
    name = "codelab-progress"

    exchange_root = Unicode(
        "/srv/jupyterhub/data/exchange", help="The exchange's folder (read, never written)."
    ).tag(config=True)
    results_db = Unicode(
        "/srv/jupyterhub/data/codelab-progress.sqlite",
        help="Where the results the grading containers publish are kept.",
    ).tag(config=True)
    accounts_db = Unicode(
        "/srv/jupyterhub/data/codelab-accounts.sqlite",
        help="The lab's accounts, for the trainees' names (read only).",
    ).tag(config=True)
    courses_root = Unicode(
        "/srv/jupyterhub/courses", help="The lab's course folders (course.yaml of each)."
    ).tag(config=True)
    courses = List(Unicode(), help="The lab's courses (lab.yaml's courses).").tag(config=True)
    language = Unicode("fr", help="The pages' language: fr or en.").tag(config=True)
    timezone = Unicode(
        "UTC", help="The school's time zone: a due date ends at midnight there (lab.yaml)."
    ).tag(config=True)
    lab_name = Unicode("codelab", help="The lab's name, in every page's title.").tag(config=True)
    exchange_url = Unicode(
        "", help="The exchange, where the extensions instructors grant on the pages are kept."
    ).tag(config=True)
    hub_url = Unicode("/hub/home", help="The hub's home page, linked from every page.").tag(
        config=True
    )

    def start(self) -> None:
        logging.basicConfig(
            level=logging.INFO, format="[%(levelname)s %(asctime)s progress] %(message)s"
        )
        accounts = AccountStore(self.accounts_db)
        sources = Sources(
            store=ExchangeStore(self.exchange_root),
            results=ResultStore(self.results_db),
            courses_root=Path(self.courses_root),
            courses=list(self.courses),
            hub=HubClient(os.environ["JUPYTERHUB_API_URL"], os.environ["JUPYTERHUB_API_TOKEN"]),
            names=lambda: {p.username: (p.first_name, p.last_name) for p in accounts.profiles()},
        )
        HubOAuth.instance(cache_max_age=10)  # the one every handler (and the callback) uses
        zone = ZoneInfo(self.timezone)
        app = make_app(
            sources,
            os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/"),
            language=self.language,
            timezone=self.timezone,
            clock=lambda: datetime.now(zone),
            lab_name=self.lab_name,
            hub_url=self.hub_url,
            exchange=Exchange(self.exchange_url, os.environ["JUPYTERHUB_API_TOKEN"]),
        )
        url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        HTTPServer(app, max_body_size=16 * 1024**2, xheaders=True).listen(url.port, url.hostname)
        IOLoop.current().start()


main = ProgressApp.launch_instance
