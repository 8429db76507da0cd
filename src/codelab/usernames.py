"""Usernames: made from a person's names, checked against the lab's one rule, and the
loose form of a name under which two roster rows are the same person.

Pure functions, used by the roster import (`codelab.roster`) and by `instructor add`.
Usernames are lowercase ASCII `first.last`, at most 32 characters of `[a-z0-9._-]`
starting with a letter (`codelab.config.USERNAME_PATTERN`).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from codelab.config import MAX_USERNAME_LENGTH, RESERVED_USERNAMES, USERNAME_PATTERN


def normalize_name(value: str) -> str:
    """NFC, no spaces around, inner runs of any whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def make_username(first_name: str, last_name: str) -> str:
    """`first.last` in lowercase ASCII, at most 32 characters; the longer name is cut first.

    Any script is transliterated ("Алексей" -> "aleksey", "İ" -> "i"), apostrophes
    dropped ("N'Diaye" -> "ndiaye"), other separators become "-", symbols and emoji are
    left out. ValueError when a name leaves no letter: give a username then."""
    first = _slug(first_name).lstrip("0123456789-")
    last = _slug(last_name)
    if not first or not last:
        raise ValueError("no letters to build a username from")
    first, last = _fit(first, last, MAX_USERNAME_LENGTH - 1)
    return f"{first}.{last}"


def username_problem(username: str) -> str | None:
    """The message key saying why `username` cannot be used, or None when it can."""
    if not USERNAME_PATTERN.match(username):
        return "roster_bad_username"
    if username in RESERVED_USERNAMES:
        return "roster_reserved_username"
    return None


def next_free(base: str, taken: set[str]) -> str:
    """`base`, else base2, base3...: cut so that the suffix still fits in 32 characters."""
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = str(number)
        stem = base[: MAX_USERNAME_LENGTH - len(suffix)].rstrip("._-")
        if stem + suffix not in taken:
            return stem + suffix
        number += 1


def loose_name(name: str) -> str:
    """A name as compared between rows: case, accents and script look-alikes ignored."""
    return " ".join(anyascii(normalize_name(name)).casefold().split())


def _slug(name: str) -> str:
    """'Jean Pierre' -> 'jean-pierre', "N'Diaye" -> 'ndiaye', 'Алексей' -> 'aleksey'.

    Symbols go before transliteration, which would spell an emoji out as words."""
    kept = "".join(c for c in unicodedata.normalize("NFC", name) if _is_name_char(c))
    ascii_name = anyascii(kept).lower()
    ascii_name = re.sub(r"['`\"^~]", "", ascii_name)
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def _is_name_char(char: str) -> bool:
    """Letters, marks, digits, punctuation and spaces; not symbols (emoji, math, currency)."""
    return unicodedata.category(char)[0] in "LMNPZ"


def _fit(first: str, last: str, room: int) -> tuple[str, str]:
    """Both parts cut to `room` characters in all: the longer one first, each keeping at
    least half the room when it needs it, at a hyphen when one is near the end."""
    if len(first) + len(last) <= room:
        return first, last
    first = _cut(first, min(len(first), max(room // 2, room - len(last))))
    return first, _cut(last, room - len(first))


def _cut(part: str, length: int) -> str:
    """'jean-pierre-marie' cut to 15 -> 'jean-pierre', not 'jean-pierre-mar'."""
    if len(part) <= length:
        return part
    cut = part[:length]
    if part[length] != "-" and cut.rfind("-") >= length // 2:
        cut = cut[: cut.rfind("-")]
    return cut.rstrip("-")
