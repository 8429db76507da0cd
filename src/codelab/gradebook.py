"""A course's gradebook, written from inside its grading container.

`nbgrader db student add` starts nbgrader once per trainee (3.2 s each here); this adds a
whole cohort in one process and one transaction: `python3 -m codelab.gradebook STUDENTS.json`
in the course folder, where STUDENTS.json is a list of {"id", "first_name", "last_name",
"email"}. It prints the ids it added (the others were there already). With `--remove`
before the file, it undoes such an import.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nbgrader.api import Gradebook, Student


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


def main(argv: list[str]) -> int:
    from nbgrader.apps.baseapp import NbGrader

    app = NbGrader()
    app.initialize([])  # reads nbgrader_config.py of the course folder: db_url and course_id
    students = json.loads(Path(argv[-1]).read_text("utf-8"))
    where = (app.coursedir.db_url, app.coursedir.course_id)
    if "--remove" in argv:
        changed = remove_students(*where, [entry["id"] for entry in students])
    else:
        changed = add_students(*where, students)
    print(json.dumps({"changed": changed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
