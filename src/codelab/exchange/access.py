"""Who may do what in a course's exchange. Pure rules, decided from hub groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from codelab.config import instructor_group, trainee_group

# Services acting for instructors: the admin's CLI and each course's grading service.
INSTRUCTOR_SERVICES = {"codelab-admin"}
# The progress pages, where an instructor grants more time: extensions only, for the
# instructor the page has checked (it says who, as granted_by), nothing else of a course.
EXTENSION_SERVICES = {"progress"}


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
        if instructor_group(course) in self.groups:
            return Role.INSTRUCTOR
        if trainee_group(course) in self.groups:
            return Role.TRAINEE
        return Role.NONE

    def may_extend(self, course: str) -> bool:
        return self.role(course) is Role.INSTRUCTOR or (
            self.kind == "service" and self.name in EXTENSION_SERVICES
        )

    def courses(self) -> dict[str, Role]:
        """The courses this caller belongs to, from its group names."""
        found: dict[str, Role] = {}
        for group in sorted(self.groups):
            for name_of, role in (
                (trainee_group, Role.TRAINEE),
                (instructor_group, Role.INSTRUCTOR),
            ):
                prefix = name_of("")
                if group.startswith(prefix) and group != prefix:
                    course = group.removeprefix(prefix)
                    if found.get(course) != Role.INSTRUCTOR:
                        found[course] = role
        return found
