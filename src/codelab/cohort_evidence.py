"""A cohort's evidence for the certification jury, written on the admin's host.

`codelab cohort evidence NAME --out DIR` reads the progress service (codelab.progress) as
the admin and writes, for each course the cohort takes: the cohort's CSV of trainees ×
competencies, and each trainee's document (HTML, and PDF printed by Chromium when this
machine has it). The documents are the pages instructors see on the dashboard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from codelab.config import cohort_group, trainee_group
from codelab.hub_client import HubClient
from codelab.stack import Lab

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")
# Headless and quiet: no update check, no sync, nothing fetched but the file printed.
PRINT_FLAGS = [
    "--headless", "--disable-gpu", "--no-pdf-header-footer", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


class EvidenceError(RuntimeError):
    """The evidence cannot be written; the message says what to do."""


def chromium() -> str | None:
    return next(filter(None, map(shutil.which, CHROMIUMS)), None)


def write_evidence(
    lab: Lab, hub: HubClient, cohort: str, out: Path, progress: Callable[[str], None], pdf: bool
) -> list[Path]:
    """Every file of the cohort's evidence under `out`; the files written."""
    members = hub.group_members(cohort_group(cohort))
    if members is None:
        raise EvidenceError(f"there is no cohort {cohort!r}: see `codelab cohort list`")
    courses = {
        course: sorted(set(members) & set(hub.group_members(trainee_group(course)) or []))
        for course in lab.config.courses
    }
    written = []
    for course, trainees in courses.items():
        if not trainees:
            continue
        progress(f"competencies of {cohort} in {course}")
        table = out / f"{course}-{cohort}-competences.csv"
        written.append(_save(lab, f"api/courses/{course}/cohorts/{cohort}/evidence.csv", table))
        for name in trainees:
            progress(f"evidence of {name}")
            path = f"evidence/{quote(course)}/{quote(cohort)}/{quote(name)}"
            written.append(_save(lab, path, out / course / f"{name}.html"))
            if pdf:
                written.append(print_pdf(written[-1]))
    if not written:
        raise EvidenceError(f"the cohort {cohort!r} takes no course of the lab yet")
    return written


def _save(lab: Lab, path: str, target: Path) -> Path:
    answer = lab.progress(path)
    if answer.status_code != 200:
        raise EvidenceError(
            f"the progress service answered {answer.status_code} for {path}: "
            "run `codelab up` if the lab is older than this codelab, then try again"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(answer.content)
    return target


def print_pdf(page: Path) -> Path:
    """The page printed to PDF beside it, by this machine's Chromium."""
    browser = chromium()
    if browser is None:
        raise EvidenceError(
            "no Chromium on this machine to print the PDFs (apt install chromium), "
            "or pass --no-pdf for the HTML documents alone"
        )
    target = page.with_suffix(".pdf")
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []  # root: Chromium's rule
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [browser, *PRINT_FLAGS, *sandbox, f"--user-data-dir={profile}",
             f"--print-to-pdf={target}", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    if result.returncode != 0 or not target.is_file():
        raise EvidenceError(f"Chromium could not print {page}: {result.stderr.strip()[-300:]}")
    return target
