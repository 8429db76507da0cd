"""The hub's process: JupyterHub, back with every trainee's route at once after a restart.

Runs in the hub container (the image's command). Trainees' servers outlive a restart of the
hub, but the proxy starts empty, and JupyterHub gives it their routes only once every
service of the lab has started and answered, one after the other (the exchange, the
sandbox, the progress pages: a few seconds each on two cores). Meanwhile a class's open
JupyterLabs answer 503. Here the routes come back first, and the services start together.
"""

from __future__ import annotations

import asyncio
import os

from jupyterhub.app import JupyterHub


class CodelabHub(JupyterHub):
    """JupyterHub that restores routes before starting its services, all at once."""

    _service_starts: dict[str, asyncio.Task] | None = None

    async def start(self):
        # The hub is its container's first process, so a proxy pid file found now is
        # from the container's last life (the data volume keeps it; the proxy died with
        # it). JupyterHub would signal whatever holds that pid today, maybe one of its
        # own threads, and give up starting.
        pid_file = getattr(self.proxy, "pid_file", "")
        if os.getpid() == 1 and pid_file and os.path.exists(pid_file):
            self.log.info("Removing %s, left by this container's last run", pid_file)
            os.remove(pid_file)
        await super().start()

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
        if service_name not in self._service_starts:  # added later, through the API
            return await super().start_service(service_name, service, ssl_context)
        return await self._service_starts[service_name]


main = CodelabHub.launch_instance

if __name__ == "__main__":
    main()
