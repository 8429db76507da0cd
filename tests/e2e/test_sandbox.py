"""Autograding in throwaway sandboxes: hostile submissions fail to cheat or to harm.

The first tests run single notebooks straight through `run_in_sandbox` (real Docker, the
real learner image, no hub). The batch test grades hostile and normal submissions of one
assignment together through the lab, as an instructor would, and checks the grades.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import secrets
import tarfile
import threading
import time
from pathlib import Path

import docker
import nbformat
import pytest
import requests
from nbformat.v4 import new_code_cell, new_notebook

from codelab.config import GradingConfig
from codelab.sandbox.container import SandboxLimits, run_in_sandbox
from codelab.sandbox.preprocessor import merge_report, pack, submission_files

from .conftest import docker_available, need
from .test_course import ANSWERS, ASSIGNMENT, COURSE, PASSWORD, fetch_answer_and_submit

pytestmark = pytest.mark.e2e

IMAGE = "codelab/learner:latest"
TRACK = Path(__file__).resolve().parents[2] / "courses" / COURSE
PREFIX = f"codelab-test-sandbox-{secrets.token_hex(3)}"


def graded_cell(source: str):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"t{secrets.token_hex(2)}",
                                 "points": 1, "solution": False, "locked": True,
                                 "schema_version": 3}  # fmt: skip
    return cell


def sandboxed(*cells, files=None, budget=20, **limits) -> dict:
    need(docker_available(), "A running Docker engine")
    notebook = new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3"}  # fmt: skip
    settings = SandboxLimits(image=IMAGE, name_prefix=PREFIX, budget_seconds=budget, **limits)
    report = run_in_sandbox(docker.from_env(), settings, pack(notebook, files or {}))
    report["notebook"] = notebook
    return report


def statuses(report: dict) -> list[str]:
    return [cell["status"] for cell in report["cells"] if cell]


def printed(report: dict, index: int) -> str:
    return "".join(o.get("text", "") for o in report["cells"][index]["outputs"])


def test_a_normal_notebook_runs_as_a_uid_of_its_own_without_network(docker_cleanup):
    report = sandboxed(
        new_code_cell("import os, socket\nprint(os.getuid(), os.getcwd())"),
        new_code_cell("print(open('donnees.txt').read())"),
        graded_cell("assert 1 + 1 == 2"),
        files={"donnees.txt": b"les fichiers du rendu"},
    )
    assert statuses(report) == ["ok", "ok", "ok"] and report["reason"] is None
    assert printed(report, 0).split() == ["10100", "/work"]
    assert "les fichiers du rendu" in printed(report, 1)


def test_no_network_no_course_files_no_writing_outside_the_work_folder(docker_cleanup):
    report = sandboxed(
        new_code_cell(
            "import socket\ns = socket.socket()\ns.settimeout(3)\n"
            "try:\n    s.connect(('1.1.1.1', 53)); print('connected')\n"
            "except OSError as e:\n    print('refused', e.errno)"
        ),
        new_code_cell(
            "import glob\nprint([p for d in ('/srv', '/home', '/mnt', '/media', '/tmp', '/var')"
            " for p in glob.glob(d + '/**/*.ipynb', recursive=True)"
            " + glob.glob(d + '/**/gradebook.db', recursive=True)])"
        ),
        new_code_cell(
            "for path in ['/opt/codelab/x', '/etc/x', '/home/x', '/usr/x']:\n"
            "    try:\n        open(path, 'w'); print('wrote', path)\n"
            "    except OSError:\n        print('refused')"
        ),
    )
    assert "refused" in printed(report, 0) and "connected" not in printed(report, 0)
    assert printed(report, 1).strip() == "[]"
    assert "wrote" not in printed(report, 2)


def test_forever_loops_floods_and_bombs_end_within_the_budget(docker_cleanup):
    start = time.monotonic()
    report = sandboxed(
        new_code_cell("while True:\n    print('x' * 1000)"),
        graded_cell("assert True"),
        budget=10,
        cpu_seconds=60,  # the wall-clock budget ends it
    )
    assert time.monotonic() - start < 10 + 40
    assert report["reason"] == "timeout"
    assert report["cells"][0]["truncated"] and statuses(report) == ["timeout", "not-run"]
    memory = sandboxed(new_code_cell("x = bytearray(2 * 1024**3)"), graded_cell("assert True"))
    assert memory["reason"] in ("kernel-died", "out-of-memory"), memory
    assert "ok" not in statuses(memory)[1:]
    disk = sandboxed(
        new_code_cell(
            "with open('big', 'wb') as f:\n    while True:\n        f.write(b'0' * 2**20)"
        ),
        graded_cell("assert True"),
    )
    assert statuses(disk) == ["error", "ok"]  # ENOSPC at the work folder's size
    forks = sandboxed(
        new_code_cell(
            "import os, time\nchildren = 0\ntry:\n    while True:\n"
            "        pid = os.fork()\n        if pid == 0:\n            time.sleep(60)\n"
            "        children += 1\nexcept OSError:\n    print('stopped at', children)"
        ),
        graded_cell("assert True"),
        budget=15,
    )
    assert "stopped at" in printed(forks, 0)


def test_a_computation_that_never_ends_stops_at_the_cpu_budget(docker_cleanup):
    spinning = sandboxed(
        new_code_cell("import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)"),
        new_code_cell("while True:\n    pass"),
        graded_cell("assert True"),
        budget=120,
        cpu_seconds=3,
    )
    assert spinning["reason"] == "cpu-time", spinning  # ignoring SIGXCPU does not help
    assert statuses(spinning) == ["ok", "timeout", "not-run"]
    merge_report(spinning["notebook"], spinning, "en")
    assert "computing time" in spinning["notebook"].cells[2].outputs[0]["evalue"]
    sleeping = sandboxed(
        new_code_cell("import time\ntime.sleep(600)"),
        graded_cell("assert True"),
        budget=5,
        cpu_seconds=3,
    )
    assert sleeping["reason"] == "timeout"  # no CPU used: the wall-clock budget ends it
    children = sandboxed(
        new_code_cell(
            "import subprocess, sys\n"
            "subprocess.run([sys.executable, '-c', 'while True: pass'], check=True)"
        ),
        graded_cell("assert True"),
        budget=120,
        cpu_seconds=3,
    )
    assert children["reason"] is None and statuses(children) == ["error", "ok"]
    assert "CalledProcessError" in str(children["cells"][0]["outputs"])  # the child was stopped


def test_every_solution_of_the_track_passes_within_the_default_limits(docker_cleanup):
    need(docker_available(), "A running Docker engine")
    defaults = GradingConfig()
    limits = SandboxLimits(image=IMAGE, name_prefix=PREFIX, memory=defaults.memory,
                           cpus=defaults.cpus, pids=defaults.pids,
                           budget_seconds=defaults.budget_seconds,
                           cpu_seconds=defaults.cpu_seconds)  # fmt: skip
    notebooks = sorted((TRACK / "source").glob("*/*.ipynb"))
    assert len(notebooks) >= 14
    for path in notebooks:  # solutions and tests together, as the instructor wrote them
        request = pack(nbformat.read(path, as_version=4), submission_files(path.parent, []))
        report = run_in_sandbox(docker.from_env(), limits, request)
        assert report["reason"] is None and set(statuses(report)) == {"ok"}, (path, report)


def test_exiting_the_kernel_leaves_the_tests_unrun_and_scoring_zero(docker_cleanup):
    report = sandboxed(new_code_cell("import os\nos._exit(0)"), graded_cell("assert True"))
    assert report["reason"] == "kernel-died"
    assert statuses(report) == ["error", "not-run"]
    merge_report(report["notebook"], report)
    assert report["notebook"].cells[1].outputs[0]["output_type"] == "error"


def test_hiding_errors_or_faking_the_graders_does_not_pass_a_test(docker_cleanup):
    fake_graders = b"def check(*a, **k):\n    return True\n"
    report = sandboxed(
        new_code_cell(
            "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
            "import sys; sys.excepthook = lambda *a: None"
        ),
        new_code_cell(  # look-alikes wherever the kernel can write, on paths spelt otherwise
            "import os, sys\nfor d in ('/tmp', '/dev/shm'):\n"
            "    open(d + '/graders.py', 'w').write('CheckFailed = AssertionError\\n')\n"
            "sys.path[:0] = ['/work/./', '/tmp/', '/dev/shm/..//dev/shm', os.getcwd() + '/']\n"
            "sys.modules.pop('graders', None)"
        ),
        graded_cell("assert 1 == 2, 'faux'"),
        graded_cell("import graders\nassert graders.__file__.startswith('/opt/'), graders"),
        graded_cell("from graders import python\nassert python.__file__.startswith('/opt/')"),
        files={"graders.py": fake_graders},
    )
    assert statuses(report) == ["ok", "ok", "error", "ok", "ok"], report
    merge_report(report["notebook"], report)
    assert any(o["output_type"] == "error" for o in report["notebook"].cells[2].outputs)


def test_the_kernel_cannot_reach_the_runner_to_forge_the_report(docker_cleanup):
    report = sandboxed(
        new_code_cell(
            "import os\nhits = []\nfor pid in os.listdir('/proc'):\n"
            "    if pid.isdigit() and int(pid) != os.getpid():\n"
            "        try:\n            open(f'/proc/{pid}/fd/1', 'w').write('{}')\n"
            "            hits.append(pid)\n"
            "        except OSError:\n            pass\n"
            "print('hits', hits)"
        ),
    )
    assert statuses(report) == ["ok"], report
    assert printed(report, 0).strip() == "hits []"


@pytest.fixture
def docker_cleanup():
    yield
    client = docker.from_env()
    leftovers = client.containers.list(all=True, filters={"name": PREFIX})
    assert not leftovers, [c.name for c in leftovers]


# --- a batch through the lab -------------------------------------------------------------

SOURCE = TRACK / "source" / ASSIGNMENT
RIGHT = ANSWERS["rania"]
HOSTILE = {
    "h-reader": (
        "import glob, os\n"
        "found = [p for p in glob.glob('/srv/course/**', recursive=True)"
        " + glob.glob('/**/gradebook.db', recursive=True) if os.path.exists(p)]\n"
        "def salutation(prenom):\n"
        "    return f'Bonjour, {prenom} !' if found else 'rien'"
    ),
    "h-network": (
        "import urllib.request\n"
        "def salutation(prenom):\n"
        "    urllib.request.urlopen('http://{hub}:8081/hub/api/', timeout=3)\n"
        "    return f'Bonjour, {prenom} !'"
    ),
    "h-forever": "while True:\n    print('encore')\n" + RIGHT,
    "h-exit": "import os\nos._exit(0)\n" + RIGHT,
    "h-hide": "get_ipython().showtraceback = lambda *a, **k: None\n"
    'def salutation(prenom):\n    return "faux"',
    "h-memory": "x = bytearray(3 * 1024**3)\n" + RIGHT,
    "h-always-equal": (  # the classic cheat: a value equal to every expected answer
        "class Toujours(str):\n    def __eq__(self, autre):\n        return True\n"
        "    def __ne__(self, autre):\n        return False\n    __hash__ = str.__hash__\n"
        "def salutation(prenom):\n    return Toujours('triche')"
    ),
    "h-writer": (
        "wrote = []\nfor path in ['/srv/course/gradebook.db', '/opt/codelab/venv/x', '/etc/x',"
        " '/home/x', '/usr/x', '../x']:\n    try:\n        open(path, 'a').close()\n"
        "        wrote.append(path)\n    except OSError:\n        pass\n"
        "def salutation(prenom):\n    return f'Bonjour, {prenom} !' if wrote else 'rien'"
    ),
    "h-shadow": (  # a graders look-alike whose checks always pass, on the import path
        "import os, sys\nos.makedirs('faux/graders', exist_ok=True)\n"
        "open('faux/graders/__init__.py', 'w').write("
        "'class python:\\n    check_function = staticmethod(lambda *a, **k: None)\\n')\n"
        "sys.path.insert(0, os.getcwd() + '/faux/.')\nsys.modules.pop('graders', None)\n"
        "def salutation(prenom):\n    return 'faux'"
    ),
    "h-forkbomb": "import os\nwhile True:\n    try:\n        os.fork()\n"
    "    except OSError:\n        pass\n" + RIGHT,
    "h-disk": "with open('plein', 'wb') as f:\n    while True:\n        f.write(b'0' * 2**20)\n"
    + RIGHT,
}
NORMAL = {
    "n-right": (RIGHT, 3.0),
    "n-partial": ('def salutation(p):\n    return "Bonjour, Amina !"', 1.0),
}


WRONG = ANSWERS["theo"]


def malformed_submissions() -> dict[str, bytes]:
    """Broken in every way nbgrader meets; each answers wrongly, so any point is a cheat."""
    source = json.loads((SOURCE / "salutation.ipynb").read_text())
    for cell in source["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "salutation":
            cell["source"] = WRONG

    def variant(change) -> bytes:
        notebook = copy.deepcopy(source)
        change(notebook)
        return json.dumps(notebook).encode()

    def tests(notebook):
        return [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]

    big_output = {"output_type": "stream", "name": "stdout", "text": "x" * (300 * 1024**2)}
    return {
        "m-notjson": b"ceci n'est pas du JSON",
        "m-nbformat3": json.dumps(nbformat.convert(nbformat.from_dict(source), 3)).encode(),
        "m-nocells": variant(lambda nb: nb.update(cells=[])),
        "m-unknowncell": variant(lambda nb: nb["cells"][1].update(cell_type="mystery")),
        "m-bigoutput": variant(lambda nb: nb["cells"][1].update(outputs=[big_output])),
        "m-dupids": variant(lambda nb: nb["cells"].append(copy.deepcopy(nb["cells"][1]))),
        "m-testsgone": variant(lambda nb: [nb["cells"].remove(c) for c in tests(nb)]),
        "m-markdown": variant(lambda nb: [c.update(cell_type="markdown") for c in tests(nb)]),
        "m-kernel": variant(lambda nb: nb["metadata"].update(kernelspec={"name": "bash"})),
    }


def put_submissions(lab, submissions: dict[str, bytes]) -> None:
    """Straight into the course's submitted/ folder, as collect would have put them."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for student, data in submissions.items():
            for name, content in {
                f"submitted/{student}/{ASSIGNMENT}/salutation.ipynb": data,
                f"submitted/{student}/{ASSIGNMENT}/timestamp.txt": b"2026-11-26 10:00:00 UTC",
            }.items():
                info = tarfile.TarInfo(name)
                info.size, info.uid, info.gid = len(content), 10001, 10001
                archive.addfile(info, io.BytesIO(content))
    course = lab.docker.containers.get(f"{lab.prefix}-course-{COURSE}")
    course.exec_run(["mkdir", "-p", "/srv/course/submitted"], user="10001")
    assert course.put_archive("/srv/course", buffer.getvalue())


def submit(lab, name: str, answer: str) -> None:
    lab.create_trainee(name, PASSWORD)
    lab.api("POST", f"/groups/nbgrader-{COURSE}/users", json={"users": [name]})
    lab.start_server(name)
    fetch_answer_and_submit(lab, name, answer)
    lab.stop_server(name)


def test_hostile_and_normal_submissions_graded_together(lab, tmp_path):
    lab.cli("course", "release", COURSE, ASSIGNMENT)
    answers = {name: a.replace("{hub}", f"{lab.prefix}-hub") for name, a in HOSTILE.items()}
    answers.update({name: answer for name, (answer, _) in NORMAL.items()})
    for name, answer in answers.items():
        submit(lab, name, answer)
    lab.cli("course", "collect", COURSE, ASSIGNMENT)
    malformed = malformed_submissions()
    put_submissions(lab, malformed)

    latencies, done = [], threading.Event()

    def watch_hub():
        while not done.is_set():
            start = time.monotonic()
            requests.get(f"{lab.url}/hub/api/", timeout=30)
            latencies.append(time.monotonic() - start)
            time.sleep(0.5)

    watcher = threading.Thread(target=watch_hub)
    watcher.start()
    try:
        result = lab.cli("course", "autograde", COURSE, ASSIGNMENT)
    finally:
        done.set()
        watcher.join()
    assert "Graded" in result.stdout, result.stdout
    assert max(latencies) < 5, f"the hub answered in up to {max(latencies):.1f} s"

    out = tmp_path / "grades.csv"
    lab.cli("course", "export", COURSE, "--out", str(out))
    rows = csv.DictReader(out.read_text("utf-8-sig").splitlines())
    scores = {r["student_id"]: float(r["score"]) for r in rows if r["assignment"] == ASSIGNMENT}
    for name in [*HOSTILE, *malformed]:
        assert scores.get(name, 0) == 0, (name, scores, result.stdout)
        assert name in result.stdout  # graded or not, the summary says so
    not_graded = [line for line in result.stdout.splitlines() if "NOT GRADED" in line]
    assert any("m-notjson" in line for line in not_graded), result.stdout
    for name, (_, expected) in NORMAL.items():
        assert scores[name] == expected, (name, scores, result.stdout)
    leftovers = lab.docker.containers.list(all=True, filters={"name": f"{lab.prefix}-sandbox"})
    assert not leftovers
