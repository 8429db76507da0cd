"""CSV files that a spreadsheet opens safely: no cell of ours can run as a formula.

Exports hold text that trainees typed (names, e-mails, answers). A cell beginning with
`=`, `+`, `-` or `@` is a formula to Excel and LibreOffice, and a formula can fetch URLs
or run commands (CSV injection). Following OWASP's guidance, such a text cell, and one
beginning with a tab or a carriage return, gets a leading `'`: the spreadsheet then
shows it as text. Numbers stay numbers, so grades can still be summed.

Files are written in UTF-8 with a byte order mark: without it Excel reads them as the
local 8-bit encoding and shows "ZoÃ©" for "Zoé".
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable, Iterator
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# What a spreadsheet (xlsx, ods, xls), an image or a PDF begins with.
BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"GIF8", b"\xff\xd8\xff")


def safe_cell(value: object) -> str:
    """The cell's text, with a leading `'` when a spreadsheet would take it for a formula.

    Real numbers (int, float) are written as they are, a negative one too: the spreadsheet
    parses them as numbers, not formulas. None is an empty cell. "-inf" or "nan" are not
    numbers to a spreadsheet, so those floats are treated as text."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(
    header: Iterable[object] | None, rows: Iterable[Iterable[object]], delimiter: str = ","
) -> bytes:
    """The CSV file's bytes: UTF-8 with BOM, CRLF line ends, every cell through safe_cell."""
    lines = [header] if header is not None else []
    return _encode(([safe_cell(cell) for cell in row] for row in [*lines, *rows]), delimiter)


def write_csv(
    target: str | os.PathLike[str] | IO[bytes] | IO[str],
    header: Iterable[object] | None,
    rows: Iterable[Iterable[object]],
    delimiter: str = ",",
) -> None:
    """Write a safe CSV (see csv_bytes) to a path, a binary file or a text file."""
    data = csv_bytes(header, rows, delimiter)
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as file:
            file.write(data)
    elif _is_binary(target):
        target.write(data)
    else:
        target.write(data.decode("utf-8"))


def looks_binary(data: bytes) -> bool:
    """A spreadsheet (xlsx, ods, xls), an image or a PDF rather than text."""
    if data.startswith(BINARY_MAGIC):
        return True
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return b"\x00" in head or controls > len(head) // 20


def read_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | None]]:
    """(first file line of the record, cells) for each non-blank record; cells is None
    for a record the csv module cannot read (a quote never closed), and reading stops."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield start, None
            return
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _encode(rows: Iterable[list[str]], delimiter: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _is_binary(file: IO) -> bool:
    """Whether the open file takes bytes (a text file takes str)."""
    if isinstance(file, io.TextIOBase):
        return False
    if isinstance(file, io.RawIOBase | io.BufferedIOBase):
        return True
    return "b" in getattr(file, "mode", "b")
