"""The jury's evidence: per trainee, each competency CP1–CP8 with the graded work that shows
it; per cohort, one CSV of trainees × competencies. Built in the hub container from the same
reports as the pages (codelab.progress.report), and the feedback the exchange keeps.

The graded work is the trainee's feedback page, as text: her code and its outputs, with the
scores, never a hidden test (feedback never holds one). As text, because the page holds what
her code printed: HTML of hers would otherwise be part of a document a jury trusts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from codelab.i18n import t
from codelab.progress.report import CPS, rows_of
from codelab.spreadsheet import csv_bytes

BLOCKS = {"div", "p", "pre", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
# Raw-text elements (the parser reads them to their end tag, closed or not): nothing in them
# is text to read. Nothing else is skipped, so no unclosed tag of hers can hide the rest.
SKIPPED = {"script", "style"}
CSV_WORDS = ("last_name", "first_name", "cohort", "earned", "possible", "mastered", "yes", "no")
MAX_WORK_CHARACTERS = 60_000  # one assignment's work in the document
MAX_PAGE_BYTES = 2 * 1024**2  # what is read of a feedback page (her outputs may be huge)


class _Text(HTMLParser):
    """The page's text, a line per block, spaces kept inside <pre>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "pre":
            self.pre += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            # Runs of white space are one space (words on either side of a tag stay apart).
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def work_text(page: bytes) -> str:
    """A feedback page's text: what the trainee wrote and what it gave, line by line."""
    parser = _Text()
    parser.feed(page[:MAX_PAGE_BYTES].decode("utf-8", errors="replace"))
    lines = [line.rstrip() for line in "".join(parser.parts).split("\n")]
    lines = [line if line.startswith("  ") else line.strip() for line in lines]
    kept, blank = [], False
    for line in lines:
        if line.strip() or not blank:
            kept.append(line)
        blank = not line.strip()
    text = "\n".join(kept).strip()
    return text if len(text) <= MAX_WORK_CHARACTERS else text[:MAX_WORK_CHARACTERS] + "\n…"


def by_competency(course: dict) -> list[dict]:
    """Each CP of the course with its totals and the assignments that evidence it."""
    rows = rows_of(course)
    return [
        {**totals, "assignments": [r for r in rows if totals["id"] in r["competencies"]]}
        for totals in course["competencies"]
    ]


def competencies_csv(cohort: dict, language: str) -> bytes:
    """trainees × competencies: points earned and possible, and whether it is mastered."""
    words = {key: t(f"evidence_csv_{key}", language) for key in CSV_WORDS}
    header = ["username", words["last_name"], words["first_name"], words["cohort"]]
    for cp in CPS:
        header += [f"{cp} {words['earned']}", f"{cp} {words['possible']}",
                   f"{cp} {words['mastered']}"]  # fmt: skip
    rows = []
    for trainee in cohort["trainees"]:
        row = [trainee["username"], trainee["last_name"], trainee["first_name"], cohort["cohort"]]
        for competency in trainee["competencies"]:
            row += [competency["earned"], competency["possible"],
                    words["yes"] if competency["mastered"] else words["no"]]  # fmt: skip
        rows.append(row)
    return csv_bytes(header, rows)
