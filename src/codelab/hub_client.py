"""The hub's REST API, from the host, as the lab's admin service."""

from __future__ import annotations

import requests

from codelab.stack import Lab


class HubError(RuntimeError):
    """The hub refused or did not answer; the message holds its reason."""


class Hub:
    """The hub's REST API as the admin service; errors carry the hub's own message."""

    def __init__(self, lab: Lab):
        self.lab = lab
        self.session = lab.session()

    def call(self, method: str, path: str, ok: tuple[int, ...] = (200, 201, 204), **kwargs):
        try:
            response = self.session.request(method, f"{self.lab.api}{path}", timeout=60, **kwargs)
        except requests.ConnectionError:
            raise HubError(f"the hub does not answer at {self.lab.url}: run `codelab up`") from None
        if response.status_code not in ok:
            try:
                message = response.json().get("message", response.text)
            except ValueError:
                message = response.text
            raise HubError(f"{method} {path}: {response.status_code} {message}")
        return response.json() if response.content else None

    def users(self) -> dict[str, dict]:
        return {u["name"]: u for u in self.call("GET", "/users?include_stopped_servers")}

    def profiles(self) -> dict[str, dict]:
        accounts = self.call("GET", "/codelab/accounts")["accounts"]
        return {a["username"]: a for a in accounts}

    def group_members(self, group: str) -> list[str] | None:
        found = self.call("GET", f"/groups/{group}", ok=(200, 404))
        return None if found is None or "users" not in found else sorted(found["users"])

    def add_to_group(self, group: str, users: list[str]) -> None:
        if users:
            self.call("POST", f"/groups/{group}/users", json={"users": users})

    def ensure_group(self, group: str) -> bool:
        """Create the group if needed; True if it was created now."""
        return self.call("POST", f"/groups/{group}", ok=(201, 409)) is not None
