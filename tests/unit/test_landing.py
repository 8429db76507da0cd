"""Where a login lands: an instructor on the formgrader of the first course they teach."""

from __future__ import annotations

from types import SimpleNamespace

from codelab.hub.landing import landing_url


def handler(*groups: str, logged_in: bool = True):
    user = SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(current_user=user if logged_in else None, base_url="/")


def test_an_instructor_lands_on_the_first_listed_course_she_teaches():
    teaches_two = handler("formgrade-sql", "formgrade-web-dev", "nbgrader-web-dev")
    assert landing_url(teaches_two, ["web-dev", "sql"]) == "/services/web-dev/formgrader"
    assert landing_url(teaches_two, ["sql", "web-dev"]) == "/services/sql/formgrader"


def test_a_trainee_or_a_stranger_keeps_jupyterhubs_own_landing():
    assert landing_url(handler("nbgrader-web-dev", "cohort-dwwm"), ["web-dev"]) == ""
    assert landing_url(handler("formgrade-old-course"), ["web-dev"]) == ""
    assert landing_url(handler(logged_in=False), ["web-dev"]) == ""
