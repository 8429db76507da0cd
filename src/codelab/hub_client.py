"""The hub's REST API: the one client the host CLI (and anything else) uses to reach it.

Runs wherever it is imported (today: the admin's host). Built from the API's URL and a
token; follows JupyterHub's paginated listings (a hub answers at most
`api_page_max_limit`, 200, users or groups at a time unless asked for pages), and retries
idempotent calls when the hub is briefly away (a restart).
"""

from __future__ import annotations

import requests
from urllib3.util import Retry

# JupyterHub answers listings with {"items": [...], "_pagination": {...}} when asked so.
PAGINATION = "application/jupyterhub-pagination+json"
# A hub that restarts answers 502/503 from the proxy, or not at all, for a few seconds.
IDEMPOTENT_RETRY = Retry(
    total=3,
    backoff_factor=0.4,
    status_forcelist=(502, 503, 504),
    allowed_methods=frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}),
    raise_on_status=False,
)


class HubError(RuntimeError):
    """The hub refused or did not answer; the message holds its reason."""


class HubClient:
    """The hub's REST API with one token; errors carry the hub's own message."""

    def __init__(self, api_url: str, token: str, session: requests.Session | None = None):
        self.api_url = api_url.rstrip("/")
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = f"token {token}"
        adapter = self.session.get_adapter(self.api_url)
        adapter.max_retries = IDEMPOTENT_RETRY

    def call(self, method: str, path: str, ok: tuple[int, ...] = (200, 201, 204), **kwargs):
        response = self.send(method, path, **kwargs)
        if response.status_code not in ok:
            raise HubError(f"{method} {path}: {response.status_code} {_message(response)}")
        return response.json() if response.content else None

    def paged(self, path: str, limit: int = 200) -> list[dict]:
        """Every item of a listing, page after page, however many there are."""
        items, offset = [], 0
        while True:
            page = self.send(
                "GET", path, params={"offset": offset, "limit": limit},
                headers={"Accept": PAGINATION},
            )  # fmt: skip
            if page.status_code != 200:
                raise HubError(f"GET {path}: {page.status_code} {_message(page)}")
            body = page.json()
            items.extend(body["items"])
            following = body["_pagination"].get("next")
            if not following:
                return items
            offset = following["offset"]

    def version(self) -> str:
        return self.call("GET", "/")["version"]

    def users(self) -> dict[str, dict]:
        return {u["name"]: u for u in self.paged("/users?include_stopped_servers")}

    def groups(self) -> dict[str, dict]:
        return {g["name"]: g for g in self.paged("/groups")}

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

    def send(self, method: str, path: str, **kwargs) -> requests.Response:
        """The hub's answer as it is, whatever its status (call() checks it)."""
        try:
            return self.session.request(method, f"{self.api_url}{path}", timeout=60, **kwargs)
        except requests.ConnectionError:
            raise HubError(
                f"the hub does not answer at {self.api_url}: start it with `codelab up`"
            ) from None


def _message(response: requests.Response) -> str:
    try:
        return response.json().get("message", response.text)
    except ValueError:
        return response.text
