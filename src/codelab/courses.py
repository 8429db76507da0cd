"""Courses: courses/<course_id>/course.yaml plus nbgrader's source/<assignment>/ folders.

course.yaml says what the track holds (modules, assignments, points, due dates as days
after a cohort starts, DWWM competencies); the source folders hold the notebooks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from codelab.config import MAX_DUE_DAYS, MAX_TITLE_LENGTH, describe_errors

COMPETENCIES = {f"CP{n}" for n in range(1, 9)}
# What replaces each solution region in the trainee's version, by the kernelspec's `language`
# (nbgrader's ClearSolutions keys its stubs on it; the Deno kernel says "typescript"). A stub
# must fail when run, so that an untouched answer scores 0.
_TODO = "Remplacez ces deux lignes par votre code."
CODE_STUBS = {
    "python": f'# VOTRE CODE ICI\nraise NotImplementedError("{_TODO}")',
    "typescript": f'// VOTRE CODE ICI\nthrow new Error("{_TODO}");',
    "javascript": f'// VOTRE CODE ICI\nthrow new Error("{_TODO}");',
}
TEXT_STUB = "VOTRE RÉPONSE ICI"
# nbgrader settings every course needs, wherever nbgrader runs on it (the grading container,
# `codelab course check`): appended to the nbgrader_config.py written there, after
# `c = get_config()`.
NBGRADER_COURSE_SETTINGS = (
    f"c.ClearSolutions.code_stub = {CODE_STUBS!r}\nc.ClearSolutions.text_stub = {TEXT_STUB!r}\n"
)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class CourseError(ValueError):
    """A course folder or its course.yaml is invalid; the message says what to fix."""


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError("expected lowercase letters, digits and '-', such as html-1")
    return value


Identifier = Annotated[str, AfterValidator(_check_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assignment(_Strict):
    id: Identifier = Field(description="nbgrader assignment id: the folder name under source/.")
    title: str = Field(max_length=MAX_TITLE_LENGTH, description="What a trainee reads in lists.")
    points: float = Field(gt=0, description="Total points; must match the notebooks' tests.")
    due_days: int = Field(
        ge=0, le=MAX_DUE_DAYS, description="Due this many days after the cohort starts."
    )
    competencies: list[str] = Field(min_length=1, description="DWWM competencies, CP1 to CP8.")

    @field_validator("competencies")
    @classmethod
    def _competencies(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - COMPETENCIES)
        if unknown:
            raise ValueError(f"unknown competency {', '.join(unknown)}: use CP1 to CP8")
        return value


class Module(_Strict):
    id: Identifier
    title: str
    assignments: list[Assignment] = Field(min_length=1)


class Course(_Strict):
    id: Identifier
    title: str
    language: str = "fr"
    mastery: float = Field(
        0.7,
        gt=0,
        le=1,
        description="The share of a competency's points over the whole track that makes it "
        "« maîtrisé » on the progress pages (0.7: 70 %).",
    )
    modules: list[Module] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_assignments(self):
        seen: set[str] = set()
        for assignment in self.assignments:
            if assignment.id in seen:
                raise ValueError(f"assignment id {assignment.id!r} is used twice")
            seen.add(assignment.id)
        return self

    @property
    def assignments(self) -> list[Assignment]:
        return [a for module in self.modules for a in module.assignments]

    def assignment(self, assignment_id: str) -> Assignment:
        for assignment in self.assignments:
            if assignment.id == assignment_id:
                return assignment
        known = ", ".join(a.id for a in self.assignments)
        raise CourseError(f"course {self.id} has no assignment {assignment_id!r}; it has: {known}")


def parse_course(path: Path) -> Course:
    """One course.yaml file, validated."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{path} is missing: every course folder needs a course.yaml") from None
    except yaml.YAMLError as error:
        raise CourseError(f"{path} is not valid YAML: {error}") from None
    try:
        return Course.model_validate(data or {})
    except ValidationError as error:
        raise CourseError(describe_errors(error, str(path), Course)) from None


def read_course_file(folder: str | Path) -> Course:
    """course.yaml alone, validated (its id must be the folder's name); source/ is not looked at."""
    folder = Path(folder)
    path = folder / "course.yaml"
    course = parse_course(path)
    if course.id != folder.name:
        raise CourseError(f"{path} says id {course.id!r} but its folder is {folder.name!r}")
    return course


def load_course(folder: str | Path) -> Course:
    folder = Path(folder)
    course = read_course_file(folder)
    missing = [a.id for a in course.assignments if not (folder / "source" / a.id).is_dir()]
    if missing:
        raise CourseError(f"{folder}/source/ has no folder for: {', '.join(missing)}")
    return course


def load_courses(root: str | Path) -> dict[str, Course]:
    """Every course under courses/, by id."""
    return {p.name: load_course(p) for p in sorted(Path(root).iterdir()) if p.is_dir()}


def coverage(course: Course) -> dict[str, list[str]]:
    """For each competency CP1 to CP8, the assignments that give evidence of it."""
    covered: dict[str, list[str]] = {f"CP{n}": [] for n in range(1, len(COMPETENCIES) + 1)}
    for assignment in course.assignments:
        for competency in assignment.competencies:
            covered[competency].append(assignment.id)
    return covered


def track_problems(folder: str | Path, course: Course) -> list[str]:
    """What keeps course.yaml and source/ from describing the same, complete track.

    Every assignment needs a source folder holding notebooks, every source folder an entry in
    course.yaml, and every competency CP1 to CP8 at least one assignment.
    """
    source = Path(folder) / "source"
    listed = {a.id for a in course.assignments}
    problems = []
    for assignment in course.assignments:
        path = source / assignment.id
        if not path.is_dir():
            problems.append(f"{assignment.id} is in course.yaml but {path} does not exist.")
        elif not any(path.glob("*.ipynb")):
            problems.append(f"{path} holds no notebook (.ipynb) for {assignment.id}.")
    if source.is_dir():
        for path in sorted(p for p in source.iterdir() if p.is_dir()):
            if path.name not in listed and not path.name.startswith("."):
                problems.append(
                    f"{path} is not in course.yaml: add {path.name} to a module, "
                    "with its points, due_days and competencies."
                )
    for competency, assignments in coverage(course).items():
        if not assignments:
            problems.append(f"No assignment of course {course.id} covers competency {competency}.")
    return problems
