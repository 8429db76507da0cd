"""Autograde benchmark: the same 30 submissions graded by stock nbgrader and by codelab.

On a real lab (hub, sandbox service, grading container), 30 submissions of the sample
course's `python-bases` are put straight into the course's `submitted/` folder: mostly
right, partly right or raising answers, one infinite loop and one slow one (8 s). Then,
in the same run and the same grading container:
- stock: `nbgrader autograde` with nbgrader's own execution step (one submission after the
  other, in the grading container, with its default per-cell timeout), in a copy of the
  course folder configured as nbgrader ships;
- codelab: `codelab course autograde` (each submission in its own sandbox, in parallel).
It prints both wall times and the ratio, and checks that both gave the same scores to the
submissions both could grade.

Usage: .venv/bin/python benchmarks/autograde.py [--submissions 30]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import TestLab  # noqa: E402

COURSE, ASSIGNMENT, NOTEBOOK = "web-dev", "python-bases", "salutation"
ANSWERS = [
    'def salutation(prenom):\n    return f"Bonjour, {prenom} !"',
    'def salutation(prenom):\n    return "Bonjour, Amina !"',
    'def salutation(prenom):\n    raise ValueError("oups")',
]
LOOP = "while True:\n    pass"
SLOW = "import time\ntime.sleep(8)\n" + ANSWERS[0]
STOCK_CONFIG = f"""c = get_config()
c.CourseDirectory.root = "/tmp/stock"
c.CourseDirectory.course_id = "{COURSE}"
"""


def answers(count: int) -> dict[str, str]:
    chosen = {f"s{i:02d}": ANSWERS[i % len(ANSWERS)] for i in range(count - 2)}
    chosen["s-loop"], chosen["s-slow"] = LOOP, SLOW
    return chosen


def submission(answer: str) -> bytes:
    source = ROOT / "courses" / COURSE / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    notebook = json.loads(source.read_text())
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id == NOTEBOOK:
            cell["source"] = answer
    return json.dumps(notebook).encode()


def scores(container, folder: str) -> dict[str, float]:
    container.run("sh", "-c", f"cd {folder} && nbgrader export --to /tmp/grades.csv >/dev/null")
    text = container.run("cat", "/tmp/grades.csv")
    rows = csv.DictReader(io.StringIO(text))
    return {r["student_id"]: float(r["score"]) for r in rows if r["assignment"] == ASSIGNMENT}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=30)
    count = parser.parse_args().submissions
    lab = TestLab(Path(tempfile.mkdtemp(prefix="codelab-bench-")))
    os.environ["CODELAB_STATE_DIR"] = str(lab.state)  # this process drives the lab too
    try:
        lab.cli("up")
        lab.cli("course", "release", COURSE, ASSIGNMENT)
        from codelab.cli.course import open_course

        container = open_course(lab.config_path, COURSE)
        files = {}
        for student, answer in answers(count).items():
            folder = f"submitted/{student}/{ASSIGNMENT}"
            files[f"{folder}/{NOTEBOOK}.ipynb"] = submission(answer)
            files[f"{folder}/timestamp.txt"] = b"2026-11-26 10:00:00.000000 UTC"
        container.put_files(files)
        container.run("sh", "-c", "rm -rf /tmp/stock && cp -r /srv/course /tmp/stock")
        container.run("python3", "-c", f"open('/tmp/stock/nbgrader_config.py', 'w')"
                      f".write({STOCK_CONFIG!r})")  # fmt: skip

        start = time.perf_counter()
        container.run("sh", "-c", f"cd /tmp/stock && nbgrader autograde {ASSIGNMENT} --force "
                      "> /tmp/stock.log 2>&1 || true")  # fmt: skip
        stock = time.perf_counter() - start
        start = time.perf_counter()
        result = lab.cli("course", "autograde", COURSE, ASSIGNMENT)
        ours = time.perf_counter() - start
        print("\n".join(line for line in result.stdout.splitlines() if "Graded" in line))

        stock_scores, our_scores = scores(container, "/tmp/stock"), scores(container, ".")
    finally:
        lab.cli("down", check=False)
        lab.remove_everything()
    same = [s for s in stock_scores if s in our_scores and stock_scores[s] == our_scores[s]]
    print(
        f"autograde {count} submissions (one infinite loop, one 8 s): stock nbgrader "
        f"{stock:.1f} s, codelab {ours:.1f} s (sandboxed, parallel), ratio {ours / stock:.2f}"
    )
    print(f"same score for {len(same)}/{len(stock_scores)} submissions stock graded; codelab "
          f"graded {len(our_scores)}; the loop: stock {stock_scores.get('s-loop')}, codelab "
          f"{our_scores.get('s-loop')}")  # fmt: skip


if __name__ == "__main__":
    main()
