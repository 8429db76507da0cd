"""The exchange through the real hub and proxy, attacked from inside a trainee's container."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import requests

from codelab.exchange.archive import pack

pytestmark = pytest.mark.e2e

COURSE = "web-dev"
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
PASSWORD = "Motdepasse-2026"

# Runs inside a trainee container with the server's own hub token, as the trainee.
CLIENT = r"""
import json, os, sys, urllib.request, urllib.error
base = os.environ["CODELAB_EXCHANGE_URL"] + "api/courses/"
method, path = sys.argv[1], sys.argv[2]
body = sys.stdin.buffer.read() if method in ("PUT", "POST") else None
request = urllib.request.Request(base + path, data=body, method=method)
if os.environ.get("NO_TOKEN") != "1":
    request.add_header("Authorization", "token " + os.environ["JUPYTERHUB_API_TOKEN"])
try:
    with urllib.request.urlopen(request, timeout=30) as response:
        status, data = response.status, response.read()
except urllib.error.HTTPError as error:
    status, data = error.code, error.read()
sys.stdout.write(json.dumps({"status": status, "body": data.decode("latin-1")}))
"""


@pytest.fixture(scope="module")
def course(lab):
    for name in ("amina", "bilal", "zoe"):
        lab.create_trainee(name, PASSWORD)
    group = f"nbgrader-{COURSE}"
    lab.api("POST", f"/groups/{group}")
    response = lab.api("POST", f"/groups/{group}/users", json={"users": ["amina", "bilal"]})
    assert response.status_code == 200, response.text
    released = requests.put(
        f"{lab.service_url('exchange')}/api/courses/{COURSE}/assignments/html-1",
        data=pack({"page.ipynb": NOTEBOOK}),
        headers={"Authorization": f"token {lab.token}"},
        timeout=30,
    )
    assert released.status_code == 200, released.text
    for name in ("amina", "bilal", "zoe"):
        lab.start_server(name)
    return lab


def call(lab, trainee: str, method: str, path: str, body: bytes = b"", **env) -> dict:
    """One exchange request made from inside `trainee`'s container, as the trainee."""
    container = lab.container(trainee)
    exec_id = container.client.api.exec_create(
        container.id,
        ["python3", "-c", CLIENT, method, path],
        user=str(lab.uid_of(trainee)),
        stdin=True,
        environment={k: str(v) for k, v in env.items()},
    )["Id"]
    socket = container.client.api.exec_start(exec_id, socket=True)
    raw = socket._sock
    raw.sendall(body)
    raw.shutdown(1)  # end of stdin
    output = b""
    while chunk := raw.recv(65536):
        output += chunk
    raw.close()
    return json.loads(_strip_docker_frames(output))


def submit(lab, trainee: str, files: dict[str, bytes], query: str = "", **env) -> dict:
    """A submission of html-1 made from inside `trainee`'s container."""
    path = f"{COURSE}/assignments/html-1/submissions{query}"
    return call(lab, trainee, "POST", path, pack(files), **env)


def _strip_docker_frames(data: bytes) -> bytes:
    """docker exec multiplexes stdout/stderr in 8-byte-headed frames: keep stdout."""
    out, index = b"", 0
    while index + 8 <= len(data):
        kind, size = data[index], int.from_bytes(data[index + 4 : index + 8], "big")
        if kind == 1:
            out += data[index + 8 : index + 8 + size]
        index += 8 + size
    return out


def test_trainee_fetches_and_submits_from_their_container(course):
    listed = call(course, "amina", "GET", f"{COURSE}/assignments")
    assert listed["status"] == 200
    assert "html-1" in [a["assignment"] for a in json.loads(listed["body"])]
    fetched = call(course, "amina", "GET", f"{COURSE}/assignments/html-1")
    assert fetched["status"] == 200
    before = datetime.now(UTC)
    submitted = submit(course, "amina", {"page.ipynb": NOTEBOOK})
    assert submitted["status"] == 201, submitted
    record = json.loads(submitted["body"])
    assert record["student"] == "amina"
    stamped = datetime.strptime(record["timestamp"], "%Y-%m-%d %H:%M:%S.%f %Z").replace(tzinfo=UTC)
    assert abs((stamped - before).total_seconds()) < 120  # the server's clock


def test_trainee_cannot_reach_another_trainees_submission(course):
    bilal = submit(course, "bilal", {"page.ipynb": NOTEBOOK})
    stamp = json.loads(bilal["body"])["timestamp"].replace(" ", "%20")
    stolen = call(course, "amina", "GET", f"{COURSE}/submissions/bilal/html-1/{stamp}")
    assert stolen["status"] == 403
    listed = json.loads(call(course, "amina", "GET", f"{COURSE}/submissions?student=bilal")["body"])
    assert {s["student"] for s in listed} <= {"amina"}


def test_submitting_as_someone_else_is_recorded_as_yourself(course):
    forged = submit(
        course,
        "amina",
        {"page.ipynb": NOTEBOOK, "timestamp.txt": b"2001-01-01 00:00:00"},
        query="?student=bilal",
        JUPYTERHUB_USER="bilal",
        NB_USER="bilal",
    )
    assert forged["status"] == 201
    assert json.loads(forged["body"])["student"] == "amina"
    assert not json.loads(forged["body"])["timestamp"].startswith("2001")


def test_trainee_cannot_change_released_files(course):
    evil = pack({"page.ipynb": b"evil"})
    assert call(course, "amina", "PUT", f"{COURSE}/assignments/html-1", evil)["status"] == 403
    assert call(course, "amina", "DELETE", f"{COURSE}/assignments/html-1")["status"] == 403


def test_outsider_and_anonymous_are_refused(course):
    assert call(course, "zoe", "GET", f"{COURSE}/assignments")["status"] == 403
    anonymous = call(course, "amina", "GET", f"{COURSE}/assignments", NO_TOKEN="1")
    assert anonymous["status"] in (302, 403)


def nbgrader(lab, trainee: str, *args: str):
    """Run nbgrader's own command in the trainee's container, as the trainee, in their home."""
    result = lab.container(trainee).exec_run(
        ["nbgrader", *args], user=str(lab.uid_of(trainee)), workdir="/home/trainee"
    )
    return result.exit_code, result.output.decode(errors="replace")


def test_nbgrader_commands_in_the_container_use_the_exchange(course):
    code, output = nbgrader(course, "bilal", "list")
    assert code == 0 and "web-dev html-1" in output, output
    code, output = nbgrader(course, "bilal", "fetch_assignment", "html-1", "--course", COURSE)
    assert code == 0, output
    assert (
        course.container("bilal")
        .exec_run(["test", "-f", "/home/trainee/html-1/page.ipynb"])
        .exit_code
        == 0
    )
    before = recorded_students(course)
    code, output = nbgrader(
        course, "bilal", "submit", "html-1", "--course", COURSE, "--student", "amina"
    )
    assert code == 0, output
    # What the exchange recorded: bilal, whatever --student said.
    after = recorded_students(course)
    assert after.count("bilal") == before.count("bilal") + 1
    assert after.count("amina") == before.count("amina")
    code, output = nbgrader(course, "bilal", "list", "--cached")
    assert code == 0 and "bilal html-1" in output, output


def recorded_students(lab) -> list[str]:
    submissions = requests.get(
        f"{lab.service_url('exchange')}/api/courses/{COURSE}/submissions",
        headers={"Authorization": f"token {lab.token}"},
        timeout=30,
    ).json()
    return [s["student"] for s in submissions]


def test_no_shared_exchange_folder_in_the_container(course):
    mounts = course.container("amina").attrs["Mounts"]
    assert [m["Destination"] for m in mounts] == ["/home/trainee"]


def test_assignments_panel_calls_list_the_course(course):
    """The requests JupyterLab's Assignments panel makes to the trainee's own server."""
    headers = {"Authorization": f"token {course.user_token('amina')}"}
    base = course.user_url("amina")
    courses = requests.get(f"{base}/courses", headers=headers, timeout=60).json()
    assert courses == {"success": True, "value": [COURSE]}, courses
    listed = requests.get(
        f"{base}/assignments", params={"course_id": COURSE}, headers=headers, timeout=60
    ).json()
    assert listed["success"], listed
    assert [
        (a["assignment_id"], a["status"]) for a in listed["value"] if a["status"] != "submitted"
    ]
    assert any(a["assignment_id"] == "html-1" for a in listed["value"])


def test_a_submission_nbgrader_could_not_collect_is_refused_with_a_reason(course):
    """A file under a folder named timestamp.txt once crashed collect for everyone after."""
    refused = submit(course, "amina", {"page.ipynb": NOTEBOOK, "timestamp.txt/x": b"1"})
    assert refused["status"] == 400, refused
    assert "timestamp.txt" in refused["body"] and "rename" in refused["body"]
