"""Cohort import benchmark: 100 trainees (accounts, groups, gradebook), on a real lab.

Prints the wall time of `codelab cohort import` for a 100-row roster and, in the same run,
of the stock way to put the same trainees in nbgrader's gradebook: one
`nbgrader db student add` per trainee, in the same grading container. The stock figure
covers the gradebook only (the stock hub has no roster import at all: its admin page
takes a list of names and sets no password), so the ratio flatters the stock side.

Usage: .venv/bin/python benchmarks/cohort.py [--trainees 100] [--stock N]
  --stock N times N stock additions and scales to --trainees (default: all of them).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import TestLab  # noqa: E402

COURSE = "web-dev"
FIRST = ["Aïcha", "Bilal", "Chloé", "Dmytro", "Élodie", "Fatou", "Gökhan", "Hugo", "Inès", "Jules"]
LAST = ["N'Diaye", "Haddad", "Lefèvre", "Kovalenko", "Diallo", "Nguyen", "Yılmaz", "Martin",
        "Benali", "Moreau"]  # fmt: skip


def roster(count: int) -> bytes:
    rows = [f"{FIRST[i % 10]};{LAST[(i // 10) % 10]};t{i}@example.org" for i in range(count)]
    return ("\ufeffPrénom;Nom;Courriel\r\n" + "\r\n".join(rows) + "\r\n").encode()


def codelab_import(lab: TestLab, folder: Path, count: int) -> float:
    path = folder / "roster.csv"
    path.write_bytes(roster(count))
    start = time.perf_counter()
    result = lab.cli("cohort", "import", str(path), "--cohort", "bench", "--course", COURSE)
    elapsed = time.perf_counter() - start
    assert f"{count} created" in result.stdout, result.stdout
    return elapsed


def stock_student_adds(lab: TestLab, count: int) -> float:
    container = lab.docker.containers.get(f"{lab.prefix}-course-{COURSE}")
    start = time.perf_counter()
    for i in range(count):
        result = container.exec_run(
            ["nbgrader", "db", "student", "add", f"stock{i}", "--first-name", "Stock",
             "--last-name", f"Trainee {i}"],
            user="10001",
            workdir="/srv/course",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--stock", type=int, default=None)
    args = parser.parse_args()
    stock_count = args.stock or args.trainees
    folder = Path(tempfile.mkdtemp(prefix="codelab-bench-"))
    lab = TestLab(folder)
    try:
        lab.cli("up")
        # The grading container runs and the gradebook exists, as in a lab in use (the
        # stock side below needs them too).
        lab.cli("course", "export", COURSE, "--out", str(folder / "grades.csv"))
        ours = codelab_import(lab, folder, args.trainees)
        stock = stock_student_adds(lab, stock_count) * args.trainees / stock_count
    finally:
        lab.cli("down", check=False)
        lab.remove_everything()
    scaled = "" if stock_count == args.trainees else f" (scaled from {stock_count})"
    print(
        f"import {args.trainees} trainees: codelab {ours:.1f} s (accounts, groups, gradebook); "
        f"stock nbgrader db student add: {stock:.1f} s{scaled} (gradebook only); "
        f"ratio {ours / stock:.2f}"
    )


if __name__ == "__main__":
    main()
