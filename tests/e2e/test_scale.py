"""A school past 200 accounts: JupyterHub answers listings 200 at a time, and every command
of the lab must see them all (cohort import, status, down)."""

from __future__ import annotations

import re

import pytest

from .test_cohort import roster

pytestmark = pytest.mark.e2e

COHORT, COURSE = "grande-promo", "web-dev"
FIRST = ["Adam", "Bérénice", "Céline", "David", "Emma", "Farid", "Gaëlle", "Hamid", "Ilyes",
         "Julie", "Karim", "Léa", "Malik", "Nora", "Omar", "Paul", "Rania", "Sami", "Thaïs",
         "Ulysse", "Valérie", "Wassim", "Xavier", "Yanis", "Zineb"]  # fmt: skip
LAST = ["Benali", "Cissé", "Dupont", "Euler", "Fofana", "Garcia", "Hoarau", "Ivanova", "Jacob",
        "Kone"]  # fmt: skip
ROWS = [(first, last) for last in LAST for first in FIRST]


@pytest.fixture(scope="module")
def big_cohort(lab, tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "roster.csv"
    path.write_bytes(roster(ROWS))
    imported = lab.cli("cohort", "import", str(path), "--cohort", COHORT, "--course", COURSE)
    return lab, path, imported


def _all_users(lab) -> list[dict]:
    """Every account, page after page, as the hub's admin sees them."""
    users, offset = [], 0
    client = lab.http(lab.token)
    client.headers["Accept"] = "application/jupyterhub-pagination+json"
    while True:
        page = client.get(f"{lab.url}/hub/api/users?offset={offset}&limit=200", timeout=30).json()
        users += page["items"]
        if not page["_pagination"]["next"]:
            return users
        offset = page["_pagination"]["next"]["offset"]


def test_250_trainees_are_imported_and_again_changes_nothing(big_cohort):
    lab, path, imported = big_cohort
    assert "250 created" in imported.stdout, imported.stdout
    assert len(_all_users(lab)) > 250
    again = lab.cli("cohort", "import", str(path), "--cohort", COHORT, "--course", COURSE)
    assert "0 created, 250 already there" in again.stdout, again.stdout


def test_status_counts_every_account(big_cohort):
    lab, _, _ = big_cohort
    status = lab.cli("status").stdout
    counted = int(re.search(r"(\d+) accounts", status).group(1))
    assert counted == len(_all_users(lab)) > 250, status


def test_down_stops_servers_past_the_first_page(big_cohort):
    lab, _, _ = big_cohort
    last = _all_users(lab)[-1]["name"]  # listed after 200 others
    # As if she had logged in and chosen her password: then her server may start.
    body = {"password": "Motdepasse-2026", "must_change": False}
    lab.api("PUT", f"/codelab/accounts/{last}", json=body)
    lab.start_server(last)
    lab.cli("down")
    assert lab.container(last) is None
    lab.cli("up")
    assert not lab.api("GET", f"/users/{last}").json().get("server")
