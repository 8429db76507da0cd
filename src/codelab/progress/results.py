"""Grading results as a course's grading container publishes them (codelab.progress.publish),
kept by the progress service in its own SQLite file. One row per trainee and assignment: the
latest graded submission's scores, overall and per test cell.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from codelab.exchange.archive import ArchiveError, check_name
from codelab.exchange.store import parse_timestamp

SCHEMA = """CREATE TABLE IF NOT EXISTS results (
    course TEXT NOT NULL, student TEXT NOT NULL, assignment TEXT NOT NULL,
    timestamp TEXT NOT NULL, score REAL NOT NULL, max_score REAL NOT NULL, tests TEXT NOT NULL,
    PRIMARY KEY (course, student, assignment))"""
MAX_RESULTS = 10_000  # one publish: a whole course's assignment for a large school


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CellResult(_Frozen):
    """One test cell of one notebook, as autograded (and maybe regraded by hand)."""

    notebook: str = Field(max_length=200)
    cell: str = Field(max_length=200)
    score: float = Field(ge=0)
    max_score: float = Field(ge=0)

    @property
    def passed(self) -> bool:
        return self.score >= self.max_score


class Result(_Frozen):
    """A trainee's graded submission of one assignment."""

    student: str = Field(max_length=64)
    assignment: str = Field(max_length=64)
    timestamp: str = Field(max_length=40)  # the exchange's, as collected
    score: float = Field(ge=0)
    max_score: float = Field(ge=0)
    tests: tuple[CellResult, ...] = Field(default=(), max_length=500)

    @field_validator("timestamp")
    @classmethod
    def _exchange_time(cls, value: str) -> str:
        try:
            parse_timestamp(value)  # every page compares it with the exchange's
        except ArchiveError as error:
            raise ValueError(str(error)) from None
        return value


RESULTS = TypeAdapter(list[Result])


class ResultStore:
    """The published results. Methods block: call them off the event loop."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        with self._connect() as db:
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def publish(self, course: str, results: list[Result]) -> None:
        """Keep these results, each replacing the one before it (all or none)."""
        check_name("course", course)
        for result in results:
            check_name("student", result.student)
            check_name("assignment", result.assignment)
        rows = [
            (course, r.student, r.assignment, r.timestamp, r.score, r.max_score,
             json.dumps([t.model_dump() for t in r.tests]))
            for r in results
        ]  # fmt: skip
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def results(self, course: str) -> dict[tuple[str, str], Result]:
        """(trainee, assignment) → her result in the course."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT student, assignment, timestamp, score, max_score, tests FROM results"
                " WHERE course = ?",
                (course,),
            ).fetchall()
        return {
            (student, assignment): Result(
                student=student, assignment=assignment, timestamp=timestamp, score=score,
                max_score=max_score, tests=tuple(CellResult(**t) for t in json.loads(tests)),
            )
            for student, assignment, timestamp, score, max_score, tests in rows
        }  # fmt: skip
