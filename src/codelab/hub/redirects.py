"""The hub's address of a service, sent on to the service's own origin.

Runs in the hub container. Each service is served on an origin of its own
(`web-dev--service.<domain>/services/web-dev/`), yet people type, bookmark and follow
`<domain>/services/web-dev/formgrader` — the address JupyterHub gives a service without
subdomains. JupyterHub sends that to `/hub/services/…`, where it would answer 404.
"""

from __future__ import annotations

from jupyterhub.handlers import BaseHandler
from tornado import web


class ServiceRedirectHandler(BaseHandler):
    """/hub/services/<name>/<rest> -> <the service's origin>/services/<name>/<rest>."""

    def get(self, name: str, rest: str | None):
        service = self.services.get(name)
        if service is None or not service.server or not service.host:
            raise web.HTTPError(404)
        query = f"?{self.request.query}" if self.request.query else ""
        self.redirect(f"{service.host}{service.prefix}{(rest or '').lstrip('/')}{query}")
