"""The school's roster (a CSV exported from a spreadsheet) read into trainees with usernames.

`parse_roster` is pure: bytes and the lab's existing accounts in, a `RosterParse` out,
listing the trainees it would create or find and every problem with its file line. The
importer refuses the whole file when there is any error, so a parse never half-applies.

The file: UTF-8 with or without BOM (other encodings are refused with a hint, never
guessed: a wrong guess would put "ZoÃ©" on a login card), comma, semicolon or tab
separated, CRLF or LF, a header line naming the columns in French or English.

Usernames (`codelab.usernames`) are lowercase ASCII `first.last`, at most 32 characters
of `[a-z0-9._-]` starting with a letter. With that charset `codelab-<username>` and
`codelab-home-<username>` are valid Docker names, and DockerSpawner's escaping of them is
one-to-one, so two different usernames never share a container or a volume.

Identity and re-imports. A person is their names and e-mail, compared loosely:
NFC, case, spacing, accents and look-alike letters from other scripts do not matter
("Zoé", "ZOE", "Zoe\\u0301" and "Zoе" with a Cyrillic е are one name); the e-mail is
compared without case, and "no e-mail" is a value of its own. Then:

- two rows of one file with the same identity are one person written twice: an error
  (unless both rows give different usernames, which says they are two people);
- the caller passes the lab's accounts as `existing`: username -> Identity, or None for
  an account whose owner is not a roster person (an admin, an instructor);
- a row matching the identity of exactly one existing account is that account (status
  "exists"): importing the same roster again finds everybody and creates nobody, and a
  roster with new rows only adds those;
- a row naming a username in the file must match that account's identity when the
  account exists, otherwise the username is taken: an error, never a silent merge;
- anyone else is new and gets a generated username, with the next free numeric suffix
  ("marie.martin2") when the name is taken by an account, by a username given anywhere
  in the file, or by an earlier row.

So keep the roster's names and e-mails as they were imported (accents and case may
change): a person whose e-mail was added later is a new person, unless the row gives
their username.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from codelab.config import RESERVED_USERNAMES
from codelab.i18n import t
from codelab.spreadsheet import looks_binary, read_rows
from codelab.usernames import loose_name, make_username, next_free, normalize_name, username_problem

MAX_NAME_LENGTH = 100
MAX_EMAIL_LENGTH = 254
EMAIL_PATTERN = re.compile(r"^[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]{2,}$")
FORMULA_STARTS = ("=", "+", "-", "@")
DELIMITERS = (";", ",", "\t")
# Joiners are needed to spell some names (Persian, Indic scripts); other format
# characters (bidi overrides, zero-width spaces) only hide or reorder text.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Column = Literal["first_name", "last_name", "email", "username"]
Status = Literal["new", "exists"]
REQUIRED: tuple[Column, ...] = ("first_name", "last_name")
_HEADER_ALIASES: dict[Column, frozenset[str]] = {
    "first_name": frozenset({"prenom", "prenoms", "firstname", "givenname", "first"}),
    "last_name": frozenset(
        {"nom", "nomdefamille", "nomdusage", "lastname", "surname", "familyname", "last"}
    ),
    "email": frozenset(
        {
            "email",
            "mail",
            "courriel",
            "adresseemail",
            "adressemail",
            "adressecourriel",
            "adresseelectronique",
            "emailaddress",
        }
    ),
    "username": frozenset(
        {"identifiant", "username", "login", "utilisateur", "nomdutilisateur", "user"}
    ),
}


@dataclass(frozen=True)
class Identity:
    """Who a person is, as far as a roster can tell: names and e-mail."""

    first_name: str
    last_name: str
    email: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What two rows must share to be the same person (see the module docstring)."""
        email = (self.email or "").strip().casefold()
        return (loose_name(self.first_name), loose_name(self.last_name), email)


@dataclass(frozen=True)
class Trainee:
    """One valid roster row: who, the username, and whether the account exists already."""

    line: int
    first_name: str
    last_name: str
    email: str | None
    username: str
    status: Status
    generated: bool  # the username was made from the names, not given or found

    @property
    def identity(self) -> Identity:
        return Identity(self.first_name, self.last_name, self.email)


@dataclass(frozen=True)
class RosterIssue:
    """A problem (or a skipped line) with its 1-based file line; None for the whole file."""

    key: str
    line: int | None = None
    values: Mapping[str, object] = field(default_factory=dict)

    def message(self, language: str = "fr") -> str:
        """One sentence saying what is wrong and what to do, with its line number."""
        values = dict(self.values)
        if "column" in values:
            values["column"] = _column_label(values["column"], language)
        if "missing" in values:
            values["missing"] = ", ".join(_column_label(c, language) for c in values["missing"])
        text = t(self.key, language, **values)
        return text if self.line is None else t("roster_line", language, line=self.line, text=text)


@dataclass(frozen=True)
class RosterParse:
    """Everything read from one roster; importable only when `ok`."""

    trainees: tuple[Trainee, ...] = ()
    errors: tuple[RosterIssue, ...] = ()
    notices: tuple[RosterIssue, ...] = ()  # lines skipped on purpose, not errors
    delimiter: str | None = None
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No error: the importer may go on (a file without any person is an error)."""
        return not self.errors

    @property
    def new(self) -> tuple[Trainee, ...]:
        return tuple(x for x in self.trainees if x.status == "new")

    @property
    def existing(self) -> tuple[Trainee, ...]:
        return tuple(x for x in self.trainees if x.status == "exists")

    def summary(self) -> dict[str, int]:
        """Counts for the importer's last line: to create, already there, skipped, errors."""
        return {
            "new": len(self.new),
            "exists": len(self.existing),
            "skipped": len(self.notices),
            "errors": len(self.errors),
        }

    def messages(self, language: str = "fr") -> list[str]:
        """Errors first, then skipped lines, each as one sentence."""
        return [issue.message(language) for issue in (*self.errors, *self.notices)]


def parse_roster(data: bytes, existing: Mapping[str, Identity | None] | None = None) -> RosterParse:
    """Read a roster file's bytes; `existing` maps the lab's usernames to their owners."""
    text = _decode(data)
    if isinstance(text, RosterIssue):
        return RosterParse(errors=(text,))
    header_line = _first_content_line(text)
    if header_line is None:
        return RosterParse(errors=(RosterIssue("roster_empty"),))
    delimiter = _pick_delimiter(header_line)
    rows = read_rows(text, delimiter)
    first = next(rows, None)
    if first is None:
        return RosterParse(errors=(RosterIssue("roster_empty"),))
    line, header_cells = first
    if header_cells is None:
        return RosterParse(errors=(RosterIssue("roster_unreadable", line),), delimiter=delimiter)
    columns, ignored, header_errors = _map_header(header_cells, line)
    if header_errors:
        return RosterParse(errors=tuple(header_errors), delimiter=delimiter)
    people, errors, notices = _read_people(rows, columns, len(header_cells), delimiter)
    people, duplicates = _drop_duplicates(people)
    trainees, assign_errors = _assign_usernames(people, existing or {})
    errors = [*errors, *duplicates, *assign_errors]
    if not people and not errors:
        errors.append(RosterIssue("roster_no_rows"))
    return RosterParse(
        trainees=tuple(sorted(trainees, key=lambda x: x.line)),
        errors=tuple(sorted(errors, key=lambda x: x.line or 0)),
        notices=tuple(notices),
        delimiter=delimiter,
        ignored_columns=tuple(ignored),
    )


# --- Reading the file -------------------------------------------------------------------


def _decode(data: bytes) -> str | RosterIssue:
    """The text of a UTF-8 file, or the issue telling how to export it properly."""
    if not data.strip():
        return RosterIssue("roster_empty")
    if data.startswith(_UTF16_BOMS):
        return RosterIssue("roster_encoding")
    if looks_binary(data):
        return RosterIssue("roster_not_csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RosterIssue("roster_encoding")
    return text if text.strip() else RosterIssue("roster_empty")


def _first_content_line(text: str) -> str | None:
    """The header line: the first one with something besides separators and spaces."""
    return next((x for x in text.splitlines() if x.strip("".join(DELIMITERS) + " ")), None)


def _pick_delimiter(header_line: str) -> str:
    """The separator under which the header names the most known columns; then the most
    frequent one. A French export uses ';', since ',' is its decimal separator."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter))
        known = sum(_column_of(cell) is not None for cell in cells)
        return known, header_line.count(delimiter)

    return max(DELIMITERS, key=score)


def _header_key(cell: str) -> str:
    """'Adresse e-mail ' -> 'adresseemail': no accents, case, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", cell)
    return "".join(c for c in decomposed.casefold() if c.isascii() and c.isalnum())


def _column_of(cell: str) -> Column | None:
    key = _header_key(cell)
    return next((col for col, names in _HEADER_ALIASES.items() if key in names), None)


def _map_header(
    cells: list[str], line: int
) -> tuple[dict[Column, int], list[str], list[RosterIssue]]:
    """Which cell index holds each column; the ignored header cells; header errors."""
    columns: dict[Column, int] = {}
    ignored: list[str] = []
    errors: list[RosterIssue] = []
    for index, cell in enumerate(cells):
        column = _column_of(cell)
        if column is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif column in columns:
            errors.append(RosterIssue("roster_column_twice", line, {"name": cell.strip()}))
        else:
            columns[column] = index
    missing = [col for col in REQUIRED if col not in columns]
    if missing:
        found = " | ".join(cell.strip()[:40] for cell in cells if cell.strip())[:200]
        values = {"missing": tuple(missing), "found": found}
        errors.append(RosterIssue("roster_missing_columns", line, values))
    return columns, ignored, errors


def _column_label(column: object, language: str) -> str:
    return t(f"roster_column_{column}", language)


# --- Reading each row -------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    line: int
    first_name: str
    last_name: str
    email: str | None
    username: str | None  # given in the file

    @property
    def key(self) -> tuple[str, str, str]:
        return Identity(self.first_name, self.last_name, self.email).key


def _read_people(
    rows: Iterator[tuple[int, list[str] | None]],
    columns: dict[Column, int],
    width: int,
    delimiter: str,
) -> tuple[list[_Person], list[RosterIssue], list[RosterIssue]]:
    """Valid rows as people; each invalid row's errors; repeated header lines skipped."""
    people: list[_Person] = []
    errors: list[RosterIssue] = []
    notices: list[RosterIssue] = []
    for line, cells in rows:
        if cells is None:
            errors.append(RosterIssue("roster_unreadable", line))
        elif _is_header_again(cells, columns):
            notices.append(RosterIssue("roster_header_repeated", line))
        else:
            person, row_errors = _read_person(line, cells, columns, width, delimiter)
            errors.extend(row_errors)
            people.extend([person] if person is not None else [])
    return people, errors, notices


def _is_header_again(cells: list[str], columns: dict[Column, int]) -> bool:
    """A copy of the header (two exports pasted one under the other)."""
    return all(_column_of(_cell(cells, columns, col) or "") == col for col in REQUIRED)


def _cell(cells: list[str], columns: dict[Column, int], column: Column) -> str | None:
    index = columns.get(column)
    return None if index is None or index >= len(cells) else cells[index]


def _read_person(
    line: int, cells: list[str], columns: dict[Column, int], width: int, delimiter: str
) -> tuple[_Person | None, list[RosterIssue]]:
    errors: list[RosterIssue] = []
    if any(cell.strip() for cell in cells[width:]):
        shown = "tab" if delimiter == "\t" else delimiter
        errors.append(RosterIssue("roster_extra_cells", line, {"delimiter": shown}))
    values: dict[Column, str | None] = {}
    for column in ("first_name", "last_name", "email", "username"):
        value, problem = _clean(column, _cell(cells, columns, column) or "")
        values[column] = value
        if problem:
            errors.append(RosterIssue(problem[0], line, {"column": column, **problem[1]}))
    if errors:
        return None, errors
    person = _Person(
        line, values["first_name"], values["last_name"], values["email"], values["username"]
    )
    return person, []


def _clean(column: Column, raw: str) -> tuple[str | None, tuple[str, dict] | None]:
    """One cell normalised, or the message key and values of what is wrong with it."""
    value = normalize_name(raw)
    if not value:
        return None, (("roster_missing", {}) if column in REQUIRED else None)
    if any(_is_hidden_control(c) for c in unicodedata.normalize("NFC", raw.strip())):
        return None, ("roster_control", {})
    if value.startswith(FORMULA_STARTS):
        return None, ("roster_formula", {"char": value[0]})
    if column in REQUIRED:
        return _check_name(value)
    if column == "email":
        return _check_email(value)
    return _check_username(value.lower())


def _is_hidden_control(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _ALLOWED_FORMAT
    return category in ("Cc", "Cs", "Co")


def _check_name(value: str) -> tuple[str | None, tuple[str, dict] | None]:
    if len(value) > MAX_NAME_LENGTH:
        return None, ("roster_too_long", {"length": len(value), "max": MAX_NAME_LENGTH})
    return value, None


def _check_email(value: str) -> tuple[str | None, tuple[str, dict] | None]:
    if len(value) > MAX_EMAIL_LENGTH or not EMAIL_PATTERN.match(value):
        return None, ("roster_bad_email", {"value": value[:60]})
    return value, None


def _check_username(value: str) -> tuple[str | None, tuple[str, dict] | None]:
    problem = username_problem(value)
    return (None, (problem, {"value": value[:60]})) if problem else (value, None)


# --- Identity and usernames -------------------------------------------------------------


def _drop_duplicates(people: list[_Person]) -> tuple[list[_Person], list[RosterIssue]]:
    """The first row of each person; the later copies as errors naming that first row.

    Same identity is the same person, unless both rows give different usernames."""
    kept: list[_Person] = []
    errors: list[RosterIssue] = []
    seen: dict[tuple[str, str, str], list[_Person]] = {}
    for person in people:
        twin = next((p for p in seen.get(person.key, []) if _may_be_same(p, person)), None)
        if twin is not None:
            errors.append(RosterIssue("roster_duplicate", person.line, {"other": twin.line}))
            continue
        seen.setdefault(person.key, []).append(person)
        kept.append(person)
    return kept, errors


def _may_be_same(a: _Person, b: _Person) -> bool:
    return a.username is None or b.username is None or a.username == b.username


def _assign_usernames(
    people: list[_Person], existing: Mapping[str, Identity | None]
) -> tuple[list[Trainee], list[RosterIssue]]:
    """Given usernames checked first (they are reserved for their rows), then existing
    accounts found by identity, then new usernames generated in file order."""
    given, errors = _check_given(people, existing)
    by_identity: dict[tuple[str, str, str], list[str]] = {}
    for username, owner in existing.items():
        if owner is not None:
            by_identity.setdefault(owner.key, []).append(username)
    taken = set(existing) | set(given) | RESERVED_USERNAMES
    trainees = list(given.values())
    for person in people:
        if person.username is not None:
            continue
        matches = sorted(by_identity.get(person.key, []))
        if len(matches) > 1:
            names = ", ".join(matches)
            errors.append(RosterIssue("roster_ambiguous", person.line, {"usernames": names}))
        elif matches:
            trainees.append(_trainee(person, matches[0], "exists", generated=False))
        else:
            trainee = _generate(person, taken)
            if trainee is None:
                errors.append(RosterIssue("roster_no_username", person.line))
            else:
                taken.add(trainee.username)
                trainees.append(trainee)
    return trainees, errors


def _check_given(
    people: list[_Person], existing: Mapping[str, Identity | None]
) -> tuple[dict[str, Trainee], list[RosterIssue]]:
    """Rows that give their username: unique in the file, and either free or the
    account of this very person."""
    given: dict[str, Trainee] = {}
    errors: list[RosterIssue] = []
    for person in people:
        username = person.username
        if username is None:
            continue
        if username in given:
            values = {"value": username, "other": given[username].line}
            errors.append(RosterIssue("roster_username_repeated", person.line, values))
        elif username in existing:
            owner = existing[username]
            if owner is None or owner.key != person.key:
                errors.append(
                    RosterIssue("roster_username_taken", person.line, {"value": username})
                )
            else:
                given[username] = _trainee(person, username, "exists", generated=False)
        else:
            given[username] = _trainee(person, username, "new", generated=False)
    return given, errors


def _generate(person: _Person, taken: set[str]) -> Trainee | None:
    try:
        base = make_username(person.first_name, person.last_name)
    except ValueError:
        return None
    return _trainee(person, next_free(base, taken), "new", generated=True)


def _trainee(person: _Person, username: str, status: Status, *, generated: bool) -> Trainee:
    return Trainee(
        line=person.line,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        username=username,
        status=status,
        generated=generated,
    )
