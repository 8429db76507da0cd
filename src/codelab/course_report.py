"""A course check's report: what `codelab.course_check` finds, as data and as text.

Pure data, runs anywhere: the check writes it as one JSON line in the learner image, and
`codelab.course_check_host` reads it back on the admin's host.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

# The JSON report's line in the output of `--json`, after the progress lines.
REPORT_PREFIX = "codelab-course-check-report: "


@dataclass
class AssignmentReport:
    id: str
    title: str = ""
    points: float = 0  # course.yaml's
    reference_score: float | None = None
    released_score: float | None = None
    seconds: float = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class CourseReport:
    course_id: str
    title: str = ""
    problems: list[str] = field(default_factory=list)  # the course's own, not an assignment's
    assignments: list[AssignmentReport] = field(default_factory=list)
    coverage: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0

    @property
    def ok(self) -> bool:
        return not self.problems and all(a.ok for a in self.assignments)

    @property
    def all_problems(self) -> list[str]:
        return self.problems + [p for a in self.assignments for p in a.problems]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CourseReport:
        data = json.loads(text)
        data["assignments"] = [AssignmentReport(**a) for a in data["assignments"]]
        return cls(**data)


def status_line(report: AssignmentReport) -> str:
    def score(value: float | None) -> str:
        return "–" if value is None else f"{value:g}/{report.points:g}"

    return (
        f"{'ok  ' if report.ok else 'FAIL'} {report.id:<22} "
        f"reference {score(report.reference_score):<6} "
        f"released {score(report.released_score):<6} {report.seconds:>5.1f} s"
    )


def format_report(report: CourseReport, failures_only: bool = False) -> str:
    """The report as plain text: a line per assignment (or per failing one), problems under it."""
    lines = [f"Course {report.course_id} — {report.title}".rstrip(" —")]
    for assignment in report.assignments:
        if assignment.ok and failures_only:
            continue
        lines.append("  " + status_line(assignment))
        lines += [f"      - {problem}" for problem in assignment.problems]
    if report.coverage:
        lines.append("Competencies:")
        for competency, ids in report.coverage.items():
            lines.append(f"  {competency}: {', '.join(ids) or 'none'}")
    if report.problems:
        lines.append("Course problems:")
        lines += [f"  - {problem}" for problem in report.problems]
    if report.ok:
        lines.append(
            f"OK: {len(report.assignments)} assignment(s) checked in {report.seconds:g} s."
        )
    else:
        lines.append(f"{len(report.all_problems)} problem(s) found in course {report.course_id}.")
    return "\n".join(lines)


def report_from_lines(lines: Iterable[str], on_line: Callable[[str], None]) -> CourseReport | None:
    """Pass progress lines on; return the report of the `--json` line, if one came."""
    report = None
    for line in lines:
        if line.startswith(REPORT_PREFIX):
            report = CourseReport.from_json(line[len(REPORT_PREFIX) :])
        else:
            on_line(line)
    return report
