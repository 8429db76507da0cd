"""Who stands where, from what the lab knows. Pure: no hub, no disk, no clock of its own.

A trainee's row per assignment of the course's track (course.yaml's outline), from the
exchange (released, fetched, submitted, feedback, extensions: its own clock), her cohort's
start and the grading results the grading container published. The JSON the APIs send and
the pages show is built here, and only here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from codelab.courses import COMPETENCIES, Course
from codelab.deadlines import Deadlines, is_late, parse_day
from codelab.exchange.store import Extension, Released, Submission, parse_timestamp
from codelab.progress.results import Result

CPS = [f"CP{n}" for n in range(1, len(COMPETENCIES) + 1)]
# A trainee's state on one assignment, from the first to the last step.
STATUSES = ("not_released", "todo", "fetched", "late", "submitted", "graded")
HISTOGRAM_BINS = 10  # score ranges of 10 % each


@dataclass(frozen=True)
class CourseFacts:
    """What the exchange and the grading side say of one course, for everyone in it."""

    outline: Course
    released: dict[str, Released]
    fetched: dict[tuple[str, str], str]
    submissions: list[Submission]  # oldest first, as the exchange lists them
    extensions: list[Extension]
    results: dict[tuple[str, str], Result]
    mastery: float = 0.7  # the share of a competency's points that is « maîtrisé »

    def latest(self) -> dict[tuple[str, str], Submission]:
        return {(s.student, s.assignment): s for s in self.submissions}

    def with_feedback(self) -> dict[tuple[str, str], Submission]:
        return {(s.student, s.assignment): s for s in self.submissions if s.has_feedback}


@dataclass(frozen=True)
class Today:
    day: date
    timezone: str


@dataclass
class Index:
    """The course's facts looked up by trainee, built once per page (not once per row)."""

    facts: CourseFacts
    starts: dict[str, date | None]
    latest: dict = field(init=False)
    feedback: dict = field(init=False)
    extensions: dict = field(init=False)
    deadlines: Deadlines = field(init=False)

    def __post_init__(self):
        self.latest = self.facts.latest()
        self.feedback = self.facts.with_feedback()
        self.extensions = {(e.student, e.assignment): e for e in self.facts.extensions}
        released = self.facts.released
        self.deadlines = Deadlines(
            starts=self.starts,
            # As released (what the exchange lists), else as course.yaml plans it.
            delays={
                a.id: released[a.id].due_days
                if a.id in released and released[a.id].due_days is not None
                else a.due_days
                for a in self.facts.outline.assignments
            },
            extended={key: parse_day(e.due) for key, e in self.extensions.items()},
        )


def assignment_row(index: Index, trainee: str, module, assignment, today: Today) -> dict:
    facts, key = index.facts, (trainee, assignment.id)
    released = facts.released.get(assignment.id)
    due = index.deadlines.due(trainee, assignment.id)
    submission = index.latest.get(key)
    result = facts.results.get(key)
    graded = result is not None and (
        submission is None
        or parse_timestamp(result.timestamp) >= parse_timestamp(submission.timestamp)
    )
    if submission is not None:
        late = is_late(parse_timestamp(submission.timestamp), due, today.timezone) or False
    else:
        late = released is not None and due is not None and today.day > due
    if released is None and submission is None:
        status = "not_released"
    elif graded:
        status = "graded"
    elif submission is not None:
        status = "submitted"
    elif late:
        status = "late"
    elif key in facts.fetched:
        status = "fetched"
    else:
        status = "todo"
    with_feedback = index.feedback.get(key)
    extension = index.extensions.get(key)
    return {
        "course": facts.outline.id,
        "module": module.id,
        "id": assignment.id,
        "title": assignment.title,
        "points": assignment.points,
        "competencies": list(assignment.competencies),
        "released": _local_day(released.released_at, today) if released else None,
        "due": due.isoformat() if due else None,
        "extended": extension is not None,
        "extension_reason": extension.reason if extension else None,
        "status": status,
        "late": bool(late),
        "fetched_at": facts.fetched.get(key),
        "submitted_at": submission.timestamp if submission else None,
        "submitted_day": _local_day(submission.timestamp, today) if submission else None,
        "score": result.score if result else None,
        "max_score": result.max_score if result else None,
        "feedback": with_feedback.timestamp if with_feedback else None,
    }


def competencies(outline: Course, rows: list[dict], mastery: float) -> list[dict]:
    """Per competency: points earned on graded work, points of graded work, points of the
    whole track; « mastered » once earned reaches `mastery` of the whole track's."""
    found = []
    for cp in CPS:
        possible = sum(a.points for a in outline.assignments if cp in a.competencies)
        mine = [r for r in rows if cp in r["competencies"] and r["status"] == "graded"]
        earned = sum(r["score"] for r in mine)
        graded = sum(r["max_score"] for r in mine)
        found.append({
            "id": cp,
            "earned": round(earned, 2),
            "graded": round(graded, 2),
            "possible": round(possible, 2),
            "mastered": possible > 0 and earned >= mastery * possible - 1e-9,
            # Below the mark on what was graded so far: who needs help now.
            "below": graded > 0 and earned < mastery * graded - 1e-9,
        })  # fmt: skip
    return found


def trainee_course(index: Index, trainee: str, today: Today) -> dict:
    """One trainee in one course: her rows by module, her progress, her competencies."""
    outline = index.facts.outline
    modules = [
        {
            "id": module.id,
            "title": module.title,
            "assignments": [
                assignment_row(index, trainee, module, a, today) for a in module.assignments
            ],
        }  # fmt: skip
        for module in outline.modules
    ]
    rows = [row for module in modules for row in module["assignments"]]
    counted = Counter(row["status"] for row in rows)
    return {
        "id": outline.id,
        "title": outline.title,
        "start": iso_day(index.starts.get(trainee)),
        "mastery": index.facts.mastery,
        "progress": {
            "assignments": len(rows),
            "released": len(rows) - counted["not_released"],
            "submitted": counted["submitted"] + counted["graded"],
            "graded": counted["graded"],
        },
        "modules": modules,
        "competencies": competencies(outline, rows, index.facts.mastery),
    }


def next_deadline(courses: list[dict], today: Today) -> dict | None:
    """The nearest due day still to hand in (today or later), over all her courses."""
    waiting = [
        row
        for course in courses
        for module in course["modules"]
        for row in module["assignments"]
        if row["status"] in ("todo", "fetched") and (row["due"] or "") >= today.day.isoformat()
    ]
    return min(waiting, key=lambda row: (row["due"], row["course"]), default=None)


def rows_of(course: dict) -> list[dict]:
    return [row for module in course["modules"] for row in module["assignments"]]


def trainee_summary(course: dict, last_activity: datetime | None, today: Today) -> dict:
    """What the dashboard's filters look at, for one trainee's course."""
    rows = rows_of(course)
    graded = [r for r in rows if r["status"] == "graded"]
    earned, possible = sum(r["score"] for r in graded), sum(r["max_score"] for r in graded)
    seen = last_activity and last_activity.astimezone(ZoneInfo(today.timezone)).date()
    idle = None if last_activity is None else (today.day - seen).days
    return {
        "never_started": not any(r["fetched_at"] or r["submitted_at"] for r in rows),
        "inactive_days": idle,
        "late": sum(r["late"] for r in rows),
        "missing": sum(r["status"] == "late" for r in rows),
        "failing": bool(graded) and earned < course["mastery"] * possible - 1e-9,
        "score": round(earned, 2),
        "graded_points": round(possible, 2),
    }


def histogram(scores: list[tuple[float, float]]) -> list[int]:
    """How many scored in each 10 % range (the last range includes full marks)."""
    bins = [0] * HISTOGRAM_BINS
    for score, max_score in scores:
        if max_score > 0:
            bins[min(int(HISTOGRAM_BINS * score / max_score), HISTOGRAM_BINS - 1)] += 1
    return bins


def assignment_statistics(facts: CourseFacts, trainees: list[str]) -> list[dict]:
    """Per released assignment of the track: the score distribution and the tests failed
    most often, over these trainees' graded work."""
    members = set(trainees)
    found = []
    for assignment in facts.outline.assignments:
        results = [r for (who, what), r in facts.results.items()
                   if what == assignment.id and who in members]  # fmt: skip
        failed: Counter = Counter()
        for result in results:
            failed.update((t.notebook, t.cell) for t in result.tests if not t.passed)
        found.append({
            "id": assignment.id,
            "title": assignment.title,
            "graded": len(results),
            "histogram": histogram([(r.score, r.max_score) for r in results]),
            "most_failed": [
                {"notebook": notebook, "cell": cell, "failed": count}
                for (notebook, cell), count in failed.most_common(5)
            ],
        })  # fmt: skip
    return found


def weakest_competencies(trainees: list[dict]) -> list[dict]:
    """Competencies by how many trainees are below the mark on their graded work."""
    below = Counter(c["id"] for t in trainees for c in t["competencies"] if c["below"])
    return [{"id": cp, "below": below[cp]} for cp in sorted(CPS, key=lambda cp: -below[cp])
            if below[cp]]  # fmt: skip


def _local_day(timestamp: str, today: Today) -> str:
    """The school's day of an exchange timestamp (UTC): 23:30 UTC may be tomorrow there."""
    return parse_timestamp(timestamp).astimezone(ZoneInfo(today.timezone)).date().isoformat()


def iso_day(day: date | None) -> str | None:
    return day.isoformat() if day else None
