"""The lab runs for real: login in a browser, one container per trainee, limits, volumes."""

from __future__ import annotations

import html
import json

import pytest
import requests

from .conftest import wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"


def page_text(response) -> str:
    """A hub page as a reader sees it (the hub declares UTF-8 in the page, not the header)."""
    return html.unescape(response.content.decode("utf-8"))


@pytest.fixture(scope="module")
def amina(lab):
    return lab.create_trainee("amina", PASSWORD)


@pytest.fixture(scope="module")
def bilal(lab):
    return lab.create_trainee("bilal", PASSWORD)


def test_no_open_signup_and_bad_password_refused(lab, amina):
    assert requests.get(f"{lab.url}/hub/signup", timeout=10).status_code == 404
    _, response = lab.login("amina", "wrong-password")
    assert "Identifiant ou mot de passe incorrect" in page_text(response)


def test_trainee_logs_in_through_the_proxy_and_lands_in_french_jupyterlab(lab, amina, browser):
    page = browser.new_page(locale="fr-FR")
    try:
        page.goto(f"{lab.url}/hub/login")
        assert page.locator("h1").inner_text() == "Connexion"
        page.fill("#username_input", "amina")
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.wait_for_url("**/user/amina/lab**", timeout=240_000)
        # JupyterLab's menu bar, in French.
        page.get_by_role("menuitem", name="Fichier").wait_for(timeout=120_000)
        assert page.get_by_role("menuitem", name="Affichage").is_visible()
    except Exception:
        page.screenshot(path=str(lab.state.parent / "login-failure.png"))
        raise
    finally:
        page.close()


def test_the_hubs_own_pages_speak_french(lab):
    lab.create_trainee("chloe", PASSWORD)
    session, _ = lab.login("chloe", PASSWORD, allow_redirects=False)  # no server started
    home = page_text(session.get(f"{lab.url}/hub/home", timeout=30))
    assert "Démarrer" in home and "mon espace de travail" in home and "Se déconnecter" in home
    assert "My Server" not in home and "Logout" not in home
    stopped = session.get(f"{lab.url}/hub/user/chloe/lab", timeout=30)
    text = page_text(stopped)
    assert "Espace de travail arrêté" in text and "Voulez-vous le démarrer ?" in text, text
    assert "Server not running" not in text
    missing = page_text(session.get(f"{lab.url}/hub/nulle-part", timeout=30))
    assert "Cette page n'existe pas" in missing and "lots of moons" not in missing


def test_server_runs_in_its_own_container_as_its_own_uid_with_limits(lab, amina):
    lab.start_server("amina")
    container = lab.container("amina")
    assert container is not None and container.status == "running"
    host = container.attrs["HostConfig"]
    assert host["Memory"] == 1024**3
    assert host["CpuQuota"] / host["CpuPeriod"] == pytest.approx(1.0)
    assert host["PidsLimit"] == 300
    top = container.top()
    uid_column = top["Titles"].index("UID")
    uids = {row[uid_column] for row in top["Processes"]}
    # Nothing in the container runs as root: not the server, not the init process.
    assert uids == {str(lab.uid_of("amina"))}, top
    assert lab.uid_of("amina") >= 20000
    mounts = {m["Destination"]: m for m in container.attrs["Mounts"]}
    assert mounts["/home/trainee"]["Name"] == f"{lab.prefix}-home-amina"
    assert f"{lab.prefix}-net" in container.attrs["NetworkSettings"]["Networks"]


def test_trainee_cannot_gain_root_in_their_container(lab, amina):
    lab.start_server("amina")
    container = lab.container("amina")
    uid = lab.uid_of("amina")
    result = container.exec_run(["sh", "-c", "id -u; cat /proc/self/status"], user=str(uid))
    assert result.output.decode().splitlines()[0] == str(uid)
    status = result.output.decode()
    assert "CapEff:\t0000000000000000" in status
    assert "NoNewPrivs:\t1" in status
    touch = container.exec_run(["touch", "/opt/codelab/venv/hack"], user=str(uid))
    assert touch.exit_code != 0


JS_NOTEBOOK = json.dumps(
    {
        "cells": [
            {
                "cell_type": "code",
                "id": "js",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
                "source": "const notes = [12, 15, 9];\n"
                "console.log(notes.map((n) => n * 2).join(','));",
            }
        ],
        "metadata": {
            "kernelspec": {"name": "deno", "display_name": "Deno", "language": "typescript"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)


def test_javascript_runs_on_the_deno_kernel_as_the_trainee(lab, amina):
    lab.start_server("amina")
    container = lab.container("amina")
    uid = str(lab.uid_of("amina"))
    script = (
        f"cat > /tmp/js.ipynb <<'EOF'\n{JS_NOTEBOOK}\nEOF\n"
        "jupyter nbconvert --to notebook --execute --stdout /tmp/js.ipynb 2>/dev/null"
    )
    result = container.exec_run(["sh", "-c", script], user=uid, workdir="/home/trainee")
    assert result.exit_code == 0, result.output
    assert "24,30,18" in result.output.decode()


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "id": f"c{i}",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": source,
                }
                for i, source in enumerate(cells)
            ],  # fmt: skip
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_a_passing_test_cell_says_so_in_the_trainees_kernel(lab, amina):
    lab.start_server("amina")
    notebook = _notebook(
        [
            "def somme(a, b):\n    return a + b",
            "# Test : la somme de deux nombres\nimport graders\n"
            "graders.python.check_function(somme, [((2, 3), 5)])",
            "moyenne = 12",
        ]
    )
    script = (
        f"cat > /tmp/t.ipynb <<'EOF'\n{notebook}\nEOF\n"
        "jupyter nbconvert --to notebook --execute --stdout /tmp/t.ipynb 2>/dev/null"
    )
    uid = str(lab.uid_of("amina"))
    result = lab.container("amina").exec_run(["sh", "-c", script], user=uid)
    assert result.exit_code == 0, result.output
    outputs = [cell["outputs"] for cell in json.loads(result.output)["cells"]]
    texts = ["".join("".join(o.get("text", "")) for o in cell) for cell in outputs]
    assert texts == ["", "✔ Test réussi : la somme de deux nombres.\n", ""]


def test_saved_file_survives_stop_then_start(lab, amina):
    lab.start_server("amina")
    token = lab.user_token("amina")
    url = f"{lab.user_url('amina')}/api/contents/travail.txt"
    headers = {"Authorization": f"token {token}"}
    body = {"type": "file", "format": "text", "content": "Bonjour le monde"}
    assert requests.put(url, json=body, headers=headers, timeout=30).status_code in (200, 201)
    first, uid = lab.container("amina").id, lab.uid_of("amina")
    lab.stop_server("amina")
    lab.start_server("amina")
    assert lab.container("amina").id != first
    assert lab.uid_of("amina") == uid  # stable across restarts
    saved = requests.get(url, headers=headers, timeout=30)
    assert saved.status_code == 200 and saved.json()["content"] == "Bonjour le monde"


def test_two_trainees_get_different_uids(lab, amina, bilal):
    lab.start_server("amina")
    lab.start_server("bilal")

    def home_owner(name):
        result = lab.container(name).exec_run(["stat", "-c", "%u", "/home/trainee"])
        return int(result.output.decode().strip())

    assert lab.uid_of("amina") != lab.uid_of("bilal")
    assert home_owner("amina") == lab.uid_of("amina")
    assert home_owner("bilal") == lab.uid_of("bilal")


def test_served_port_reachable_by_owner_only(lab, amina, bilal):
    lab.start_server("amina")
    lab.start_server("bilal")
    container = lab.container("amina")
    uid = str(lab.uid_of("amina"))
    container.exec_run(
        ["sh", "-c", "mkdir -p site && echo '<h1>Ma page</h1>' > site/index.html"],
        user=uid,
        workdir="/home/trainee",
    )
    container.exec_run(
        ["python3", "-m", "http.server", "8081", "--directory", "/home/trainee/site"],
        user=uid,
        detach=True,
    )
    url = f"{lab.user_url('amina')}/proxy/8081/"
    own = {"Authorization": f"token {lab.user_token('amina')}"}
    other = {"Authorization": f"token {lab.user_token('bilal')}"}

    def served():
        response = requests.get(url, headers=own, timeout=10)
        return response.status_code == 200 and "Ma page" in response.text

    wait_for(served, 30, "the trainee's page through the server proxy")
    stranger = requests.get(url, headers=other, timeout=10, allow_redirects=False)
    assert stranger.status_code in (302, 403, 404)
    assert "Ma page" not in stranger.text
    anonymous = requests.get(url, timeout=10, allow_redirects=False)
    assert "Ma page" not in anonymous.text


def test_trainee_cannot_spawn_another_image(lab, amina):
    lab.stop_server("amina")
    token = lab.user_token("amina")
    response = requests.post(
        f"{lab.url}/hub/api/users/amina/server",
        json={"image": "codelab/hub:latest"},
        headers={"Authorization": f"token {token}"},
        timeout=30,
    )
    assert response.status_code == 400, response.text
    assert lab.container("amina") is None
    # The refused request leaves nothing behind: the next plain start works.
    lab.start_server("amina")
    assert lab.container("amina").image.tags == ["codelab/learner:latest"]


def test_idle_culler_is_running(lab):
    services = {s["name"]: s for s in lab.api("GET", "/services").json().values()}
    assert services["idle-culler"]["pid"] > 0
    assert "--timeout=3600" in services["idle-culler"]["command"]


def test_trainee_changes_password(lab):
    lab.create_trainee("chloe", "Initial-pass-1", must_change=True)
    session, login = lab.login("chloe", "Initial-pass-1")
    assert login.url.endswith("/hub/change-password"), login.url
    page = session.get(f"{lab.url}/hub/change-password", timeout=30)
    assert "Avant de commencer, choisissez votre propre mot de passe" in page_text(page)
    # No server before the password is changed: not from the page, not through the API.
    assert session.get(f"{lab.url}/hub/spawn/chloe", timeout=30).url.endswith("/change-password")
    lab.api("POST", "/users/chloe/server")
    assert lab.container("chloe") is None
    assert not lab.api("GET", "/users/chloe").json().get("server")
    assert 'name="current_password"' not in page.text  # she typed the card's a second ago

    def change(new, **current):
        data = {"new_password": new, "repeat_password": new, "_xsrf": session.cookies["_xsrf"]}
        return session.post(f"{lab.url}/hub/change-password", data=data | current, timeout=30)

    assert "différent de l'ancien" in page_text(change("Initial-pass-1"))
    assert "Mot de passe enregistré" in page_text(change("Mon-secret-42"))
    _, relogin = lab.login("chloe", "Mon-secret-42", allow_redirects=False)
    assert relogin.status_code == 302 and "change-password" not in relogin.headers["Location"]
    # A change she chooses later asks for the password she has now: a borrowed session
    # cannot lock her out.
    later = session.get(f"{lab.url}/hub/change-password", timeout=30)
    assert 'name="current_password"' in later.text
    refused = change("Encore-autre-7", current_password="pas-le-mien")
    assert refused.status_code == 400 and "actuel est incorrect" in page_text(refused)
    assert "Mot de passe enregistré" in page_text(
        change("Encore-autre-7", current_password="Mon-secret-42")
    )


def test_hub_restart_does_not_stop_running_trainees(lab, amina):
    lab.start_server("amina")
    before = lab.container("amina").id
    lab.docker.containers.get(f"{lab.prefix}-hub").restart()
    wait_for(lambda: _answers(lab), 120, "the hub after restart")
    assert lab.container("amina").id == before
    token = lab.user_token("amina")
    wait_for(
        lambda: (
            requests.get(
                f"{lab.user_url('amina')}/api/contents/travail.txt",
                headers={"Authorization": f"token {token}"},
                timeout=10,
            ).status_code
            == 200
        ),
        60,
        "amina's server through the restarted proxy",
    )


def _answers(lab) -> bool:
    try:
        return requests.get(f"{lab.url}/hub/api/", timeout=3).ok
    except requests.RequestException:
        return False


def test_status_lists_running_servers(lab, amina):
    lab.start_server("amina")
    result = lab.cli("status")
    assert "amina" in result.stdout and "Running trainee servers" in result.stdout


def test_down_then_up_keeps_users_and_files(lab, amina):
    lab.cli("down")
    assert lab.container("amina") is None
    assert lab.docker.volumes.get(f"{lab.prefix}-home-amina")
    result = lab.cli("up")
    assert "password" not in result.stdout.lower()  # the admin already exists
    assert lab.api("GET", "/users/amina").status_code == 200
    lab.start_server("amina")
    token = lab.user_token("amina")
    saved = requests.get(
        f"{lab.user_url('amina')}/api/contents/travail.txt",
        headers={"Authorization": f"token {token}"},
        timeout=30,
    )
    assert saved.json()["content"] == "Bonjour le monde"


def test_up_after_editing_lab_yaml_restarts_the_hub_not_the_trainees(lab, amina):
    lab.start_server("amina")
    trainee = lab.container("amina").id
    hub = lab.docker.containers.get(f"{lab.prefix}-hub")
    started = hub.attrs["State"]["StartedAt"]
    lab.config_path.write_text(
        lab.config_path.read_text().replace("codelab test", "codelab test 2")
    )
    lab.cli("up")
    hub.reload()
    assert hub.attrs["State"]["StartedAt"] != started
    assert lab.container("amina").id == trainee
    restarted = hub.attrs["State"]["StartedAt"]
    lab.cli("up")  # nothing changed: no restart
    hub.reload()
    assert hub.attrs["State"]["StartedAt"] == restarted
