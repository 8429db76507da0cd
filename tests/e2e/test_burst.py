"""9 am: a class logs in at once, or is warmed up before it comes.

Ten trainees post the login form at the same moment, and an eleventh in a real browser
just after: every one of them gets her JupyterLab, none an error; those who wait read
their place in the queue, in French, on a page that passes axe-core. Then a small cohort
is warmed up before class with `codelab cohort warm`: each server is the trainee's own
(container, uid, home volume), the culler leaves it until the class begins, and her login
opens it at once.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .conftest import wait_for
from .test_cohort import roster
from .test_pages import SCREENS, check_page

pytestmark = pytest.mark.e2e

PASSWORD = "Matin-2026-neuf"
CLASS = [f"matin{index:02d}" for index in range(1, 11)]
LATE_ONE = "matin-navigateur"
QUEUE_WORDS = ("Votre place dans la file", "C'est bientôt votre tour")


@pytest.fixture(scope="module")
def artefacts(lab):
    return lab.artefacts("burst")


def _progress_messages(lab, name: str, done: threading.Event) -> list[str]:
    """What the page of `name` says while her server starts (JupyterHub's event stream)."""
    said: list[str] = []
    while not done.is_set():
        with lab.http(lab.token).get(
            f"{lab.url}/hub/api/users/{name}/server/progress", stream=True, timeout=300
        ) as stream:
            if stream.status_code != 200:  # her start is not asked for yet
                done.wait(0.2)
                continue
            for line in stream.iter_lines(decode_unicode=True):
                if line.startswith("data:"):
                    event = json.loads(line[len("data:") :])
                    said.append(event.get("message", ""))
                    if event.get("ready") or event.get("failed"):
                        return said
    return said


def _log_in_and_open_jupyterlab(lab, name: str, start: threading.Barrier, outcome: dict):
    try:
        start.wait(timeout=120)
        session, answer = lab.login(name, PASSWORD)
        assert answer.status_code == 200, f"{answer.status_code} {answer.url}"
        wait_for(
            lambda: session.get(f"{lab.user_url(name)}/lab", timeout=30).status_code == 200,
            300,
            f"{name}'s JupyterLab",
        )
        outcome[name] = "ready"
    except Exception as error:  # every failure is reported, none stops the others
        outcome[name] = f"{type(error).__name__}: {error}"


def test_a_class_logging_in_at_once_all_get_jupyterlab_and_waiters_see_their_place(
    lab, browser, artefacts
):
    for name in [*CLASS, LATE_ONE]:
        lab.create_trainee(name, PASSWORD)
    start, outcome, heard = threading.Barrier(len(CLASS) + 1), {}, {}
    done = threading.Event()
    listeners = [
        threading.Thread(target=lambda n=n: heard.update({n: _progress_messages(lab, n, done)}))
        for n in [*CLASS, LATE_ONE]
    ]
    logins = [
        threading.Thread(target=_log_in_and_open_jupyterlab, args=(lab, n, start, outcome))
        for n in CLASS
    ]
    for thread in listeners + logins:
        thread.daemon = True  # a failed test never keeps the session from ending
        thread.start()
    context = browser.new_context(locale="fr-FR", **SCREENS["laptop"])
    page = context.new_page()
    try:
        start.wait()
        lab.browser_login(page, LATE_ONE, PASSWORD)
        message = page.locator("#progress-message")
        message.filter(has_text=QUEUE_WORDS[0]).or_(
            message.filter(has_text=QUEUE_WORDS[1])
        ).wait_for(timeout=60_000)
        check_page(page, "queue", "laptop", artefacts)
        page.wait_for_url(f"**/user/{LATE_ONE}/lab**", timeout=300_000)
        for thread in logins:
            thread.join(timeout=360)
    finally:
        start.abort()  # no-op once everyone went; else the waiting logins give up
        done.set()
        context.close()
        for thread in listeners:
            thread.join(timeout=30)
        for name in [*CLASS, LATE_ONE]:
            lab.api("DELETE", f"/users/{name}/server")  # the next test starts from none
    assert outcome == dict.fromkeys(CLASS, "ready"), outcome
    # A few start at once (two per core): the one who came last read her place above,
    # and others waited too.
    queued = {n: m for n, m in heard.items() if any(w in " ".join(m) for w in QUEUE_WORDS)}
    assert queued, heard  # (a listener that connects after a turn began hears none)
    for said in heard.values():
        assert not any("429" in m or "Too many" in m or "failed" in m for m in said), said
    for name in [*CLASS, LATE_ONE]:
        lab.stop_server(name)


def test_the_queue_page_reads_well_on_a_phone(lab, browser, artefacts):
    """The page a waiting trainee sees, at 360 px with touch: her place, in French."""
    name = "matin-telephone"
    lab.create_trainee(name, PASSWORD)
    ahead = CLASS[:10]  # on two cores four start, six wait: her turn is rounds away
    with ThreadPoolExecutor(len(ahead)) as pool:  # all at once: each call waits a second
        asked = list(pool.map(lambda n: lab.api("POST", f"/users/{n}/server"), ahead))
    assert all(answer.status_code in (201, 202) for answer in asked), asked
    context = browser.new_context(locale="fr-FR", **SCREENS["phone"])
    page = context.new_page()
    try:
        lab.browser_login(page, name, PASSWORD)
        page.locator("#progress-message").filter(has_text="Votre place dans la file").or_(
            page.locator("#progress-message").filter(has_text=QUEUE_WORDS[1])
        ).wait_for(timeout=60_000)
        check_page(page, "queue", "phone", artefacts)
        page.wait_for_url(f"**/user/{name}/lab**", timeout=300_000)
    finally:
        context.close()
    for other in [*ahead, name]:
        lab.start_server(other)  # ready, not pending, before it is stopped
        lab.stop_server(other)


def _in_a_few_minutes(lab) -> str:
    """HH:MM three minutes from now, in the school's time zone."""
    local = datetime.now(ZoneInfo(lab.lab_config.timezone)) + timedelta(minutes=3)
    return f"{local:%H:%M}"


def test_a_cohort_warmed_up_before_class_opens_at_once_and_the_culler_waits(lab, tmp_path_factory):
    path = tmp_path_factory.mktemp("warm") / "roster.csv"
    path.write_bytes(roster([("Aïssata", "Camara"), ("Bakary", "Traoré"), ("Chloé", "Martin")]))
    lab.cli("cohort", "import", str(path), "--cohort", "atelier-aube", "--course", "web-dev")
    members = ["aissata.camara", "bakary.traore"]
    for name in members:
        lab.create_trainee(name, PASSWORD)  # the password each chose at her first login
    at = _in_a_few_minutes(lab)

    warmed = lab.cli("cohort", "warm", "atelier-aube", "--at", at)
    assert "2 servers started, 0 already running" in warmed.stdout, warmed.stdout
    # Chloé has not logged in yet: whoever holds her card reaches no running server.
    assert "1 not started before their first login" in warmed.stdout, warmed.stdout
    assert "chloe.martin" in warmed.stdout and not lab.container("chloe.martin")
    begins = datetime.now(UTC) + timedelta(minutes=1)  # at least this, whatever the minute
    for name in members:
        container = lab.container(name)
        assert container.status == "running"
        # PID 1 (tini, then JupyterLab) runs as her own uid, the one the hub gave her.
        assert int(container.exec_run(["stat", "-c", "%u", "/proc/1"]).output) == lab.uid_of(name)
        volumes = [m["Name"] for m in container.attrs["Mounts"] if m["Type"] == "volume"]
        assert lab.home_volume(name) in volumes
        server = lab.api("GET", f"/users/{name}").json()["servers"][""]
        assert datetime.fromisoformat(server["last_activity"]) >= begins, server

    # Her login opens the server warmed for her: the same container, no start to wait for.
    first = members[0]
    before = lab.container(first).id
    session, answer = lab.login(first, PASSWORD)
    assert answer.status_code == 200 and f"/user/{first}/lab" in answer.url, answer.url
    assert lab.container(first).id == before

    again = lab.cli("cohort", "warm", "atelier-aube")
    assert "0 servers started, 2 already running" in again.stdout, again.stdout

    wrong = lab.cli("cohort", "warm", "atelier-aube", "--at", "9h", check=False)
    assert wrong.returncode == 1 and "HH:MM" in wrong.stderr, wrong.stderr
    for name in members:
        lab.stop_server(name)
