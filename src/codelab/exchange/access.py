"""Who may do what in a course's exchange. Pure rules, decided from hub groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

INSTRUCTOR_GROUP = "formgrade-{course}"
TRAINEE_GROUP = "nbgrader-{course}"
# Services acting for instructors: the admin's CLI and each course's grading service.
INSTRUCTOR_SERVICES = {"codelab-admin"}


class Role(Enum):
    NONE = "none"
    TRAINEE = "trainee"
    INSTRUCTOR = "instructor"


@dataclass(frozen=True)
class Caller:
    """Who is calling, as the hub says: never taken from the request itself."""

    name: str
    kind: str = "user"  # or "service"
    groups: frozenset[str] = field(default_factory=frozenset)

    def role(self, course: str) -> Role:
        if self.kind == "service":
            return Role.INSTRUCTOR if self.name in INSTRUCTOR_SERVICES | {course} else Role.NONE
        if INSTRUCTOR_GROUP.format(course=course) in self.groups:
            return Role.INSTRUCTOR
        if TRAINEE_GROUP.format(course=course) in self.groups:
            return Role.TRAINEE
        return Role.NONE

    def courses(self) -> dict[str, Role]:
        """The courses this caller belongs to, from its group names."""
        found: dict[str, Role] = {}
        for group in sorted(self.groups):
            for template, role in (
                (TRAINEE_GROUP, Role.TRAINEE),
                (INSTRUCTOR_GROUP, Role.INSTRUCTOR),
            ):
                prefix = template.format(course="")
                if group.startswith(prefix) and group != prefix:
                    course = group.removeprefix(prefix)
                    if found.get(course) != Role.INSTRUCTOR:
                        found[course] = role
        return found
