"""Where a person lands after logging in. Runs in the hub container.

A trainee lands in their JupyterLab (JupyterHub's own default: the spawn page). An instructor
lands on their course's formgrader: they came to release and grade, and a JupyterLab of
their own would only be a container to wait for. Someone who teaches two courses lands on
the first lab.yaml lists. The lab's courses are in the hub's tornado settings, under COURSES.
"""

from __future__ import annotations

from jupyterhub.utils import url_path_join

from codelab.config import instructor_group

COURSES = "codelab_courses"


def first_course_taught(user, courses: list[str]) -> str | None:
    """The first of `courses` the hub user (a jupyterhub.user.User) teaches, or None."""
    groups = {group.name for group in user.groups}
    return next((course for course in courses if instructor_group(course) in groups), None)


def formgrader_url(handler) -> str | None:
    """The formgrader the logged-in user of `handler` lands on, or None (not an instructor)."""
    user = handler.current_user
    course = first_course_taught(user, handler.settings[COURSES]) if user else None
    return url_path_join(handler.base_url, "services", course, "formgrader") if course else None


def landing_url(handler) -> str:
    """JupyterHub's default_url: the formgrader for an instructor, "" (the spawn page, as
    JupyterHub does) for everyone else."""
    return formgrader_url(handler) or ""
