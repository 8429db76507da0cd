"""nbgrader's exchange plugin classes against the real exchange service on loopback."""

from __future__ import annotations

import json

import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError
from traitlets.config import Config

from codelab.exchange import client
from codelab.exchange.archive import pack
from tests.unit.conftest import NOTEBOOK


def plugin(cls, exchange, tmp_path, token="t-amina", assignment="html-1", **traits):
    config = Config()
    config.CourseDirectory.course_id = "web-dev"
    config.CourseDirectory.assignment_id = assignment
    coursedir = CourseDirectory(config=config)
    return cls(
        coursedir=coursedir,
        authenticator=Authenticator(config=config),
        config=config,
        url=exchange.base.removesuffix("api/courses"),
        token=token,
        assignment_dir=str(tmp_path),
        **traits,
    )


@pytest.fixture
def released(exchange):
    files = {"page.ipynb": NOTEBOOK, "data/villes.csv": b"Lille;Paris\n"}
    response = exchange("PUT", "/web-dev/assignments/html-1", "t-prof", data=pack(files))
    assert response.status_code == 200
    return exchange


def test_list_fetch_submit_and_list_again(released, tmp_path):
    listed = plugin(client.ExchangeList, released, tmp_path).start()
    assert [(a["assignment_id"], a["status"]) for a in listed] == [("html-1", "released")]
    assert listed[0]["notebooks"][0]["notebook_id"] == "page"

    plugin(client.ExchangeFetchAssignment, released, tmp_path).start()
    assert (tmp_path / "html-1" / "page.ipynb").read_bytes() == NOTEBOOK
    assert (tmp_path / "html-1" / "data" / "villes.csv").exists()
    listed = plugin(client.ExchangeList, released, tmp_path).start()
    assert listed[0]["status"] == "fetched"

    work = tmp_path / "html-1" / "page.ipynb"
    work.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    (tmp_path / "html-1" / ".ipynb_checkpoints").mkdir()
    plugin(client.ExchangeSubmit, released, tmp_path).start()
    submitted = plugin(client.ExchangeList, released, tmp_path, cached=True).start()
    assert submitted[0]["student_id"] == "amina"
    assert len(submitted[0]["submissions"]) == 1
    assert not submitted[0]["submissions"][0]["has_exchange_feedback"]


def test_list_without_a_course_lists_every_course_of_the_trainee(released, tmp_path):
    lister = plugin(client.ExchangeList, released, tmp_path)
    lister.coursedir.course_id = ""
    assert [a["course_id"] for a in lister.start()] == ["web-dev"]


def test_fetch_twice_refuses_to_overwrite_work(released, tmp_path):
    plugin(client.ExchangeFetchAssignment, released, tmp_path).start()
    (tmp_path / "html-1" / "page.ipynb").write_text("my work")
    with pytest.raises(ExchangeError, match="already have a copy"):
        plugin(client.ExchangeFetchAssignment, released, tmp_path).start()
    assert (tmp_path / "html-1" / "page.ipynb").read_text() == "my work"


def test_feedback_round_trip(released, tmp_path):
    plugin(client.ExchangeFetchAssignment, released, tmp_path).start()
    plugin(client.ExchangeSubmit, released, tmp_path).start()
    stamp = released("GET", "/web-dev/submissions", "t-prof").json()[0]["timestamp"]
    feedback = pack({"page.html": b"<p>Bravo</p>"})
    path = f"/web-dev/feedback/amina/html-1/{stamp.replace(' ', '%20')}"
    assert released("PUT", path, "t-prof", data=feedback).status_code == 204
    plugin(client.ExchangeFetchFeedback, released, tmp_path).start()
    assert (tmp_path / "html-1" / "feedback" / stamp / "page.html").read_bytes() == b"<p>Bravo</p>"
    listed = plugin(client.ExchangeList, released, tmp_path, cached=True).start()
    assert listed[0]["submissions"][0]["has_local_feedback"]


def test_errors_are_clear(released, tmp_path):
    with pytest.raises(ExchangeError, match="may not do this in course web-dev"):
        plugin(client.ExchangeList, released, tmp_path, token="t-outsider").start()
    with pytest.raises(ExchangeError, match="Assignment not found"):
        plugin(client.ExchangeSubmit, released, tmp_path).start()
    with pytest.raises(ExchangeError, match="not released"):
        (tmp_path / "css-9").mkdir()
        plugin(client.ExchangeSubmit, released, tmp_path, assignment="css-9").start()


def instructor(cls, exchange, course_root, **traits):
    config = Config()
    config.CourseDirectory.root = str(course_root)
    config.CourseDirectory.course_id = "web-dev"
    config.CourseDirectory.assignment_id = "html-1"
    return cls(
        coursedir=CourseDirectory(config=config),
        authenticator=Authenticator(config=config),
        config=config,
        url=exchange.base.removesuffix("api/courses"),
        token="t-prof",
        **traits,
    )


def release_from(exchange, course, **traits):
    """Generate-less release: put a notebook in release/html-1 and release it."""
    release_dir = course / "release" / "html-1"
    release_dir.mkdir(parents=True)
    (release_dir / "page.ipynb").write_bytes(NOTEBOOK)
    instructor(client.ExchangeReleaseAssignment, exchange, course, **traits).start()


def test_instructor_release_collect_and_feedback(exchange, tmp_path):
    course, home = tmp_path / "course", tmp_path / "amina"
    release_from(exchange, course)
    with pytest.raises(ExchangeError, match="--force"):
        instructor(client.ExchangeReleaseAssignment, exchange, course).start()

    plugin(client.ExchangeFetchAssignment, exchange, home).start()
    plugin(client.ExchangeSubmit, exchange, home).start()
    instructor(client.ExchangeCollect, exchange, course).start()
    submitted = course / "submitted" / "amina" / "html-1"
    stamp = (submitted / "timestamp.txt").read_text()
    assert stamp == exchange("GET", "/web-dev/submissions", "t-prof").json()[0]["timestamp"]
    assert (submitted / "page.ipynb").read_bytes() == NOTEBOOK

    feedback = course / "feedback" / "amina" / "html-1"
    feedback.mkdir(parents=True)
    (feedback / "page.html").write_text("<p>Bravo</p>")
    (feedback / "page.ipynb").write_text("graded notebook: must not be sent")
    (feedback / "timestamp.txt").write_text(stamp)
    instructor(client.ExchangeReleaseFeedback, exchange, course).start()
    plugin(client.ExchangeFetchFeedback, exchange, home).start()
    fetched = home / "html-1" / "feedback" / stamp
    assert sorted(p.name for p in fetched.iterdir()) == ["page.html"]


def test_collect_takes_the_latest_and_updates_only_when_asked(exchange, tmp_path):
    course, home = tmp_path / "course", tmp_path / "amina"
    release_from(exchange, course)
    plugin(client.ExchangeFetchAssignment, exchange, home).start()
    plugin(client.ExchangeSubmit, exchange, home).start()
    instructor(client.ExchangeCollect, exchange, course).start()
    (home / "html-1" / "page.ipynb").write_text("second try")
    plugin(client.ExchangeSubmit, exchange, home).start()
    instructor(client.ExchangeCollect, exchange, course).start()
    submitted = course / "submitted" / "amina" / "html-1" / "page.ipynb"
    assert submitted.read_bytes() == NOTEBOOK
    instructor(client.ExchangeCollect, exchange, course, update=True).start()
    assert submitted.read_text() == "second try"


def test_collect_goes_on_past_a_submission_it_cannot_unpack(exchange, tmp_path, monkeypatch):
    course = tmp_path / "course"
    release_from(exchange, course)
    for name in ("amina", "bilal"):
        home = tmp_path / name
        plugin(client.ExchangeFetchAssignment, exchange, home, token=f"t-{name}").start()
        plugin(client.ExchangeSubmit, exchange, home, token=f"t-{name}").start()
    collect_one = client.ExchangeCollect.collect_one

    def broken_for_amina(self, course_id, student, *args):
        if student == "amina":  # sorts first: before the fix, nobody after her was collected
            raise IsADirectoryError("timestamp.txt is a folder")
        return collect_one(self, course_id, student, *args)

    monkeypatch.setattr(client.ExchangeCollect, "collect_one", broken_for_amina)
    with pytest.raises(ExchangeError, match="but those of amina"):
        instructor(client.ExchangeCollect, exchange, course).start()
    assert (course / "submitted" / "bilal" / "html-1" / "page.ipynb").exists()


COURSE_YAML = """
id: web-dev
title: Développeur web
modules:
  - id: html
    title: HTML
    assignments:
      - {id: html-1, title: "Ma première page", points: 4, due_days: 7, competencies: [CP3]}
"""


def test_a_release_is_listed_under_course_yamls_title_points_and_due_date(exchange, tmp_path):
    course, home = tmp_path / "course", tmp_path / "amina"
    (tmp_path / "course.yaml").write_text(COURSE_YAML, "utf-8")
    release_from(exchange, course, course_file=str(tmp_path / "course.yaml"))
    (listed,) = plugin(client.ExchangeList, exchange, home).start()
    assert (listed["title"], listed["points"], listed["due"]) == ("Ma première page", 4, None)
    (hers,) = plugin(client.ExchangeList, exchange, tmp_path / "chloe", token="t-chloe").start()
    assert hers["due"] == "2026-03-09"  # her cohort started on 2 March; due_days: 7
    plugin(client.ExchangeFetchAssignment, exchange, home).start()
    plugin(client.ExchangeSubmit, exchange, home).start()
    (submitted,) = plugin(client.ExchangeList, exchange, home, cached=True).start()
    assert submitted["title"] == "Ma première page"


def test_a_release_without_course_yaml_is_listed_by_its_id(exchange, tmp_path):
    release_from(exchange, tmp_path / "course")
    (listed,) = plugin(client.ExchangeList, exchange, tmp_path / "amina").start()
    assert (listed["assignment_id"], listed["title"], listed["points"]) == ("html-1", "", None)


def test_a_release_with_a_broken_course_yaml_still_happens(exchange, tmp_path):
    (tmp_path / "course.yaml").write_text("id: [", "utf-8")
    release_from(exchange, tmp_path / "course", course_file=str(tmp_path / "course.yaml"))
    (listed,) = plugin(client.ExchangeList, exchange, tmp_path / "amina").start()
    assert listed["title"] == ""
