"""What people type, as they type it: long passphrases, odd usernames, a token in a link.
Each gets a clear answer and never a bare 500, and nothing secret reaches the hub's log."""

from __future__ import annotations

import re

import pytest

from .test_lab import page_text

pytestmark = pytest.mark.e2e

PASSPHRASE = "Je préfère les très longues phrases de passe, c'est écrit sur mon cœur : été 2026"


def test_a_passphrase_longer_than_72_bytes_logs_in_and_can_be_changed(lab):
    assert len(PASSPHRASE.encode()) > 72
    lab.create_trainee("olivier", PASSPHRASE, must_change=True)
    session, login = lab.login("olivier", PASSPHRASE)
    assert login.status_code == 200 and login.url.endswith("/hub/change-password"), login.url
    changed = session.post(
        f"{lab.url}/hub/change-password",
        data={
            "new_password": PASSPHRASE + " et plus encore",
            "repeat_password": PASSPHRASE + " et plus encore",
            "_xsrf": session.cookies["_xsrf"],
        },
        timeout=30,
    )
    assert "Mot de passe enregistré" in page_text(changed)
    _, again = lab.login("olivier", PASSPHRASE + " et plus encore", allow_redirects=False)
    assert again.status_code == 302


def test_an_overlong_password_is_refused_with_a_sentence(lab):
    lab.api("POST", "/users/olga")
    refused = lab.api("PUT", "/codelab/accounts/olga", json={"password": "x" * 5000})
    assert refused.status_code == 400 and "trop long" in refused.text, refused.text
    _, login = lab.login("olga", "y" * 5000)
    assert login.status_code in (200, 403) and "Identifiant ou mot de passe" in page_text(login)


@pytest.mark.parametrize("name", ["x" * 300, "atk;rm", "atk%03brm", "atk%C3%9C", "hub"])
def test_usernames_outside_the_rule_are_refused_at_the_api(lab, name):
    response = lab.api("POST", f"/users/{name}")
    assert response.status_code == 400, (name, response.status_code, response.text)


def test_locked_and_unknown_accounts_answer_alike(lab):
    lab.create_trainee("pauline", "Motdepasse-2026")
    answers = {}
    for name in ("pauline", "personne.inconnue"):
        said = []
        for _ in range(6):
            _, response = lab.login(name, "mauvais-mot-de-passe")
            found = re.search(r'<p class="login_error"[^>]*>(.*?)</p>', page_text(response), re.S)
            said.append((response.status_code, found and found.group(1).strip()))
        answers[name] = said
    assert answers["pauline"] == answers["personne.inconnue"], answers
    assert "essais" in str(answers["pauline"][-1]), answers  # the lockout did happen


def test_a_token_in_a_link_never_reaches_the_hubs_log(lab):
    token = lab.user_token("pauline") if lab.api("GET", "/users/pauline").ok else lab.token
    lab.http().get(
        f"{lab.url}/hub/login", params={"next": f"/user/pauline/lab?token={token}"}, timeout=30
    )
    lab.http().get(f"{lab.url}/hub/api/user?token={token}", timeout=30)
    logs = lab.docker.containers.get(f"{lab.prefix}-hub").logs(tail=400).decode(errors="replace")
    assert token not in logs
