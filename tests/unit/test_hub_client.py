"""The one hub client: JupyterHub's pages followed, refusals told, idempotent calls retried.

A real HTTP server on loopback plays the hub: it pages its listings the way JupyterHub 6
does (at most `max_limit` items, `_pagination.next` until the end) and answers a plain
listing truncated, as JupyterHub does to clients that do not ask for pages.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from codelab.hub_client import PAGINATION, HubClient, HubError

USERS = [{"name": f"trainee{i:03}", "server": "/x/" if i % 97 == 0 else None} for i in range(523)]


class FakeHub(BaseHTTPRequestHandler):
    max_limit = 200
    failures_left = 0  # answer 503 this many times first

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        if FakeHub.failures_left:
            FakeHub.failures_left -= 1
            return self._send(503, {"message": "proxy: hub restarting"})
        if url.path == "/hub/api/groups/missing":
            return self._send(404, {"message": "No such group"})
        query = parse_qs(url.query, keep_blank_values=True)
        offset = int(query.get("offset", ["0"])[0])
        limit = min(int(query.get("limit", ["200"])[0]), self.max_limit)
        page = USERS[offset : offset + limit]
        if self.headers.get("Accept") != PAGINATION:
            return self._send(200, page)  # truncated, as JupyterHub does
        following = offset + limit
        more = (
            {"offset": following, "limit": limit, "url": "..."} if following < len(USERS) else None
        )
        pagination = {"offset": offset, "limit": limit, "total": len(USERS), "next": more}
        self._send(200, {"items": page, "_pagination": pagination})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def hub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield HubClient(f"http://127.0.0.1:{server.server_port}/hub/api", "t0ken")
    server.shutdown()


def test_every_user_is_listed_past_the_hubs_page_limit(hub):
    users = hub.users()
    assert len(users) == 523 and "trainee522" in users


def test_a_smaller_page_limit_is_followed_too(hub, monkeypatch):
    monkeypatch.setattr(FakeHub, "max_limit", 50)
    assert len(hub.paged("/users")) == 523


def test_a_hub_that_restarts_is_waited_for_on_reads(hub, monkeypatch):
    monkeypatch.setattr(FakeHub, "failures_left", 2)
    assert len(hub.users()) == 523


def test_a_refusal_carries_the_hubs_message(hub):
    assert hub.group_members("missing") is None
    with pytest.raises(HubError, match="404 No such group"):
        hub.call("GET", "/groups/missing")


def test_a_hub_that_does_not_answer_says_what_to_do():
    with pytest.raises(HubError, match="codelab up"):
        HubClient("http://127.0.0.1:9/hub/api", "t").users()
