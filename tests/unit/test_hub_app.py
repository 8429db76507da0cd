"""After a restart the hub restores routes first, then starts its services together."""

import asyncio

from jupyterhub.app import JupyterHub

from codelab.hub.app import CodelabHub


class Proxy:
    def __init__(self, events):
        self.events = events

    async def check_routes(self, users, services):
        self.events.append("routes")


def test_routes_come_back_before_services_which_start_together(monkeypatch):
    events, running = [], []

    async def start_service(self, name, service, ssl_context=None):
        events.append(f"start {name}")
        running.append(name)
        await asyncio.sleep(0.05)
        peak = len(running)
        running.remove(name)
        return peak

    monkeypatch.setattr(JupyterHub, "start_service", start_service)
    hub = CodelabHub()
    hub.proxy = Proxy(events)
    monkeypatch.setattr(CodelabHub, "users", {})  # no database: nobody
    hub._service_map = {"exchange": object(), "sandbox": object(), "progress": object()}

    async def as_jupyterhub_does():  # one service after the other, as JupyterHub's start()
        return [await hub.start_service(name, s) for name, s in hub._service_map.items()]

    peaks = asyncio.run(as_jupyterhub_does())
    assert events[0] == "routes"
    assert sorted(events[1:]) == ["start exchange", "start progress", "start sandbox"]
    assert max(peaks) == 3  # all three were starting at the same time
