"""The hub's process: JupyterHub, back with every trainee's route at once after a restart.

Runs in the hub container (the image's command). Trainees' servers outlive a restart of the
hub, but the proxy starts empty, and JupyterHub gives it their routes only once every
service of the lab has started and answered, one after the other (the exchange, the
sandbox, the progress pages: a few seconds each on two cores). Meanwhile a class's open
JupyterLabs answer 503. Here the routes come back first, and the services start together.
"""

from __future__ import annotations

import asyncio

from jupyterhub.app import JupyterHub


class CodelabHub(JupyterHub):
    """JupyterHub that restores routes before starting its services, all at once."""

    _service_starts: dict[str, asyncio.Task] | None = None

    async def start_service(self, service_name, service, ssl_context=None) -> bool:
        # JupyterHub calls this for each service in turn, then restores the routes: the
        # first call restores them and starts every service; each call waits for its own.
        if self._service_starts is None:
            await self.proxy.check_routes(self.users, self._service_map)
            start = super().start_service
            self._service_starts = {
                name: asyncio.ensure_future(start(name, each, ssl_context))
                for name, each in self._service_map.items()
            }
        return await self._service_starts[service_name]


main = CodelabHub.launch_instance

if __name__ == "__main__":
    main()
