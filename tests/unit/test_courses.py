import shutil
from pathlib import Path

import pytest
import yaml

from codelab.courses import CourseError, load_course, load_courses

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def course_dir(tmp_path):
    target = tmp_path / "web-dev"
    shutil.copytree(ROOT / "courses" / "web-dev", target)
    return target


def edit(course_dir, change):
    path = course_dir / "course.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def error_of(course_dir) -> str:
    with pytest.raises(CourseError) as info:
        load_course(course_dir)
    return str(info.value)


def test_shipped_courses_load():
    courses = load_courses(ROOT / "courses")
    assert "web-dev" in courses
    assert len(courses["web-dev"].assignments) >= 2


def test_unknown_competency(course_dir):
    edit(course_dir, lambda d: d["modules"][0]["assignments"][0].update(competencies=["CP9"]))
    assert "unknown competency CP9" in error_of(course_dir)


def test_typo_in_a_nested_key_lists_the_right_keys(course_dir):
    edit(course_dir, lambda d: d["modules"][0]["assignments"][0].update(pointz=3))
    message = error_of(course_dir)
    assert "unknown key 'modules.0.assignments.0.pointz'" in message
    assert "points" in message and "due_days" in message


def test_missing_source_folder(course_dir):
    shutil.rmtree(course_dir / "source" / "moyennes")
    assert "no folder for: moyennes" in error_of(course_dir)


def test_duplicate_assignment_id(course_dir):
    edit(course_dir, lambda d: d["modules"][0]["assignments"][1].update(id="python-bases"))
    assert "used twice" in error_of(course_dir)


def test_id_must_match_folder(course_dir):
    edit(course_dir, lambda d: d.update(id="other"))
    assert "its folder is 'web-dev'" in error_of(course_dir)


def test_unknown_assignment_names_the_known_ones(course_dir):
    with pytest.raises(CourseError, match="python-bases, moyennes"):
        load_course(course_dir).assignment("html-9")


def test_a_title_longer_than_the_exchange_keeps_is_refused_here(course_dir):
    edit(course_dir, lambda d: d["modules"][0]["assignments"][0].update(title="x" * 201))
    assert "200" in error_of(course_dir)
