"""Where a login lands: an instructor on the formgrader of the first course they teach."""

from __future__ import annotations

from types import SimpleNamespace

from codelab.hub.configure import hub_config
from codelab.hub.landing import COURSES, landing_url


def handler(*groups: str, courses=("web-dev",), logged_in: bool = True):
    user = SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(
        current_user=user if logged_in else None, base_url="/", settings={COURSES: courses}
    )


def test_an_instructor_lands_on_the_first_listed_course_she_teaches():
    groups = ("formgrade-sql", "formgrade-web-dev", "nbgrader-web-dev")
    web_first = handler(*groups, courses=["web-dev", "sql"])
    assert landing_url(web_first) == "/services/web-dev/formgrader"
    assert landing_url(handler(*groups, courses=["sql", "web-dev"])) == "/services/sql/formgrader"


def test_a_trainee_or_a_stranger_keeps_jupyterhubs_own_landing():
    assert landing_url(handler("nbgrader-web-dev", "cohort-dwwm")) == ""
    assert landing_url(handler("formgrade-old-course")) == ""
    assert landing_url(handler(logged_in=False)) == ""


def test_the_hub_is_given_the_lab_s_courses():
    from codelab.config import parse_lab_config

    c = hub_config(parse_lab_config({"courses": ["web-dev"]}), admin_token="t")
    assert c.JupyterHub.tornado_settings[COURSES] == ["web-dev"]
    assert c.JupyterHub.tornado_settings["compress_response"]  # a weak link: a third of it
    assert c.JupyterHub.default_url is landing_url
