"""A course's gradebook, written from inside its grading container.

`nbgrader db student add` starts nbgrader once per trainee (3.2 s each here); this adds a
whole cohort in one process and one transaction: `python3 -m codelab.gradebook STUDENTS.json`
in the course folder, where STUDENTS.json is a list of {"id", "first_name", "last_name",
"email"}. It prints the ids it added (the others were there already). With `--remove`
before the file, it undoes such an import.

`python3 -m codelab.gradebook --export OUT.csv [--only IDS.json]` writes the grades, with
nbgrader's export's columns, as every CSV of ours: quoted (nbgrader's own does not quote, so
a comma in a name shifts the columns), formula cells escaped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry, Student

from codelab.spreadsheet import csv_bytes

GRADE_COLUMNS = [
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score",
]  # fmt: skip


def add_students(db_url: str, course_id: str, students: list[dict]) -> list[str]:
    """Add or update the students, all or none; return the ids that were new."""
    with Gradebook(db_url, course_id=course_id) as gradebook:
        known = {student.id for student in gradebook.students}
        try:
            for entry in students:
                row = gradebook.db.get(Student, entry["id"]) or Student(id=entry["id"])
                row.first_name = entry.get("first_name")
                row.last_name = entry.get("last_name")
                row.email = entry.get("email")
                gradebook.db.add(row)
            gradebook.db.commit()
        except Exception:
            gradebook.db.rollback()
            raise
    return [entry["id"] for entry in students if entry["id"] not in known]


def remove_students(db_url: str, course_id: str, ids: list[str]) -> list[str]:
    """Undo an import: remove these students unless they have submitted something."""
    removed = []
    with Gradebook(db_url, course_id=course_id) as gradebook:
        for student_id in ids:
            student = gradebook.db.get(Student, student_id)
            if student is not None and not student.submissions:
                gradebook.db.delete(student)
                removed.append(student_id)
        gradebook.db.commit()
    return removed


def grade_rows(gradebook: Gradebook, only: set[str] | None = None) -> Iterator[list]:
    """A row per assignment and student (GRADE_COLUMNS); 0 when nothing was handed in."""
    for assignment in gradebook.assignments:
        for student in gradebook.students:
            if only is not None and student.id not in only:
                continue
            try:
                handed_in = gradebook.find_submission(assignment.name, student.id)
            except MissingEntry:
                timestamp, raw, penalty = None, 0.0, 0.0
            else:
                timestamp = handed_in.timestamp
                raw, penalty = handed_in.score, handed_in.late_submission_penalty
            yield [
                assignment.name, assignment.duedate, timestamp, student.id, student.last_name,
                student.first_name, student.email, raw, penalty, max(0.0, raw - penalty),
                assignment.max_score,
            ]  # fmt: skip


def grades_csv(gradebook: Gradebook, only: set[str] | None = None) -> bytes:
    return csv_bytes(GRADE_COLUMNS, grade_rows(gradebook, only))


def main(argv: list[str]) -> int:
    from nbgrader.apps.baseapp import NbGrader

    parser = argparse.ArgumentParser(prog="python3 -m codelab.gradebook")
    parser.add_argument("students", nargs="?", type=Path, help="STUDENTS.json to add")
    parser.add_argument("--remove", action="store_true", help="undo the import of STUDENTS")
    parser.add_argument("--export", type=Path, metavar="OUT.csv", help="write the grades")
    parser.add_argument("--only", type=Path, metavar="IDS.json", help="of these students")
    args = parser.parse_args(argv[1:])
    app = NbGrader()
    app.initialize([])  # reads nbgrader_config.py of the course folder: db_url and course_id
    where = (app.coursedir.db_url, app.coursedir.course_id)
    if args.export:
        only = set(json.loads(args.only.read_text("utf-8"))) if args.only else None
        with Gradebook(*where) as gradebook:
            args.export.write_bytes(grades_csv(gradebook, only))
        return 0
    students = json.loads(args.students.read_text("utf-8"))
    if args.remove:
        changed = remove_students(*where, [entry["id"] for entry in students])
    else:
        changed = add_students(*where, students)
    print(json.dumps({"changed": changed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
