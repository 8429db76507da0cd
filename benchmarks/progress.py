"""The progress pages: the cohort dashboard's render time and the trainee page's weight.

In one run, on this machine, with no Docker: a cohort of N trainees (100) taking the sample
course's 14 assignments, every one released, fetched, submitted, autograded (4 test cells
each) and given feedback, in codelab's own files (the exchange's folder, the progress
service's results) and, for the stock tool, in an nbgrader gradebook holding the same
submissions and grades.

- dashboard: codelab's cohort dashboard (HTML, and its JSON) as the service renders it,
  median server-side time (tornado's own request time) of 15 renders; stock: what nbgrader's
  formgrader asks its API for the same trainees × assignments matrix (`get_submissions` of
  each assignment, as its « Manage Submissions » pages do), median of 5. Goal: ≤ 300 ms.
- first visit: the bytes a trainee's browser moves to read « Mon parcours » (Chromium,
  compressed as served); stock: what it moves to open JupyterLab, the only place a stock
  nbgrader trainee sees her assignments (a local `jupyter lab`, compression on as codelab
  serves it). Goal: ≤ 100 kB.

Usage: .venv/bin/python benchmarks/progress.py [--trainees 100] [--no-browser]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import requests  # noqa: E402
from tornado.httpserver import HTTPServer  # noqa: E402
from tornado.ioloop import IOLoop  # noqa: E402

from codelab.courses import read_course_file  # noqa: E402
from codelab.exchange.archive import pack  # noqa: E402
from codelab.exchange.store import ExchangeStore  # noqa: E402
from codelab.progress.results import CellResult, Result, ResultStore  # noqa: E402
from codelab.progress.service import Sources, make_app  # noqa: E402

COURSE, COHORT = "web-dev", "bench"
TESTS = 4
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def names(count: int) -> list[str]:
    return [f"trainee{n:03d}" for n in range(count)]


class Hub:
    """The hub as the progress service's token sees it (users, groups, activity)."""

    def __init__(self, trainees: list[str]):
        self.trainees = trainees

    def paged(self, path):
        groups = ["nbgrader-web-dev", f"cohort-{COHORT}"]
        return [{"name": n, "groups": groups, "last_activity": "2026-03-20T10:00:00Z"}
                for n in self.trainees]  # fmt: skip

    def groups(self):
        return {f"cohort-{COHORT}": {"users": self.trainees, "properties": {"start": "2026-03-02"}}}


def codelab_files(folder: Path, trainees: list[str], assignments: list) -> Sources:
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)
    ticks = iter(start + timedelta(seconds=s) for s in range(10**7))
    store = ExchangeStore(folder / "exchange", clock=lambda: next(ticks))
    results = ResultStore(folder / "progress.sqlite")
    for a in assignments:
        store.release(COURSE, a.id, pack({f"{a.id}.ipynb": NOTEBOOK}), a.title, a.points,
                      a.due_days)  # fmt: skip
        published = []
        for n, name in enumerate(trainees):
            store.record_fetch(COURSE, name, a.id)
            handed = store.submit(COURSE, name, a.id, pack({f"{a.id}.ipynb": NOTEBOOK}))
            store.release_feedback(COURSE, name, a.id, handed.timestamp,
                                   pack({f"{a.id}.html": b"<p>ok</p>"}))  # fmt: skip
            passed = n % (TESTS + 1)
            tests = tuple(CellResult(notebook=a.id, cell=f"test-{t}", score=t < passed,
                                     max_score=1) for t in range(TESTS))  # fmt: skip
            published.append(Result(student=name, assignment=a.id, timestamp=handed.timestamp,
                                    score=passed, max_score=TESTS, tests=tests))  # fmt: skip
        results.publish(COURSE, published)
    full_names = {name: ("Prénom", f"Nom {name}") for name in trainees}
    return Sources(store, results, ROOT / "courses", [COURSE], Hub(trainees), lambda: full_names)


def serve(sources: Sources, viewer: dict) -> tuple[str, list[float]]:
    """The service on loopback; its URL and the server-side times it records."""
    times: list[float] = []
    ready, state = threading.Event(), {}

    async def identify(handler):
        return viewer

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        clock = lambda: datetime(2026, 4, 1, 9, tzinfo=UTC)  # noqa: E731
        app = make_app(sources, "/services/progress/", timezone="Europe/Paris", clock=clock,
                       identify=identify)  # fmt: skip
        app.settings["log_function"] = lambda handler: times.append(handler.request.request_time())
        server = HTTPServer(app)
        server.listen(0, "127.0.0.1")
        state["port"] = next(iter(server._sockets.values())).getsockname()[1]
        ready.set()
        IOLoop.current().start()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return f"http://127.0.0.1:{state['port']}/services/progress/", times


def median_ms(fetch, times: list[float], runs: int) -> float:
    fetch()  # warm: course.yaml read, hub cache filled
    times.clear()
    for _ in range(runs):
        fetch()
    return 1000 * statistics.median(times)


def stock_gradebook(folder: Path, trainees: list[str], assignments: list):
    """nbgrader's gradebook with the same submissions and scores; its API."""
    from nbgrader.api import Gradebook
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    folder.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{folder / 'gradebook.db'}"
    with Gradebook(db_url, course_id=COURSE) as gradebook:
        for name in trainees:
            gradebook.add_student(name, first_name="Prénom", last_name=f"Nom {name}")
        for a in assignments:
            gradebook.add_assignment(a.id)
            gradebook.add_notebook(a.id, a.id)
            for t in range(TESTS):
                gradebook.add_grade_cell(f"test-{t}", a.id, a.id, max_score=1, cell_type="code")
            for n, name in enumerate(trainees):
                gradebook.add_submission(a.id, name, timestamp=datetime(2026, 3, 3))
                for t in range(TESTS):
                    grade = gradebook.find_grade(f"test-{t}", a.id, a.id, name)
                    grade.auto_score = float(t < n % (TESTS + 1))
            gradebook.db.commit()
    coursedir = CourseDirectory(root=str(folder), db_url=db_url, course_id=COURSE)
    return NbGraderAPI(coursedir)


def first_visit_bytes(url: str, cookies: list[dict] | None = None) -> int:
    """What Chromium moves (compressed bodies and headers) to show the page at `url`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )  # fmt: skip
        context = browser.new_context()
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        moved = []
        page.on("requestfinished", lambda request: moved.append(request.sizes()))
        page.goto(url, wait_until="networkidle", timeout=120_000)
        browser.close()
    return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in moved)


def jupyterlab_first_visit(folder: Path) -> int:
    """A local JupyterLab (the dev install), compressed as codelab serves it."""
    folder.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / "cfg"), "HOME": str(folder)}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser", f"--port={port}",
         "--ServerApp.token=bench", f"--ServerApp.root_dir={folder}",
         '--ServerApp.tornado_settings={"compress_response": True}',
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/api/status?token=bench", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        return first_visit_bytes(f"http://127.0.0.1:{port}/lab?token=bench")
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--no-browser", action="store_true", help="skip the page weights")
    args = parser.parse_args()
    assignments = read_course_file(ROOT / "courses" / COURSE).assignments
    trainees = names(args.trainees)
    with tempfile.TemporaryDirectory(prefix="codelab-bench-progress-") as tmp:
        folder = Path(tmp)
        print(f"{len(trainees)} trainees × {len(assignments)} assignments: writing the files…")
        sources = codelab_files(folder, trainees, assignments)
        instructor = {"name": "prof", "kind": "user", "groups": ["formgrade-web-dev"]}
        base, times = serve(sources, instructor)
        board = f"{base}courses/{COURSE}/cohorts/{COHORT}"
        html_ms = median_ms(lambda: requests.get(board, timeout=60).raise_for_status(), times, 15)
        api = f"{base}api/courses/{COURSE}/cohorts/{COHORT}"
        json_ms = median_ms(lambda: requests.get(api, timeout=60).raise_for_status(), times, 15)
        print("nbgrader: the same gradebook…")
        stock = stock_gradebook(folder / "stock", trainees, assignments)
        stock_times = []
        for _ in range(5):
            began = time.perf_counter()
            for a in assignments:
                stock.get_submissions(a.id)
            stock_times.append(time.perf_counter() - began)
        stock_ms = 1000 * statistics.median(stock_times)
        print(f"dashboard, {len(trainees)} × {len(assignments)}: codelab {html_ms:.0f} ms "
              f"(HTML; JSON {json_ms:.0f} ms), nbgrader's API for the same matrix "
              f"{stock_ms:.0f} ms ({stock_ms / len(assignments):.0f} ms per assignment page): "
              f"{stock_ms / html_ms:.1f}× faster; goal ≤ 300 ms: "
              f"{'met' if html_ms <= 300 else 'NOT met'}")  # fmt: skip
        if args.no_browser:
            return 0
        trainee = {"name": trainees[0], "kind": "user", "groups": ["nbgrader-web-dev"]}
        base, _ = serve(sources, trainee)
        ours = first_visit_bytes(f"{base}trainees/{trainees[0]}")
        lab = jupyterlab_first_visit(folder / "jupyterlab")
        goal = "met" if ours <= 100_000 else "NOT met"
        print(f"first visit: « Mon parcours » {ours / 1000:.1f} kB, JupyterLab "
              f"{lab / 1000:.0f} kB: {lab / ours:.0f}× less; goal ≤ 100 kB: {goal}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
