"""Exports a spreadsheet opens without running anything: formula-like cells become text."""

import csv
import io

import pytest

from codelab.spreadsheet import csv_bytes, safe_cell, write_csv

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+33 6 01 02 03 04", "'+33 6 01 02 03 04"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3", "'-3"),
        ("Zoé Lefèvre", "Zoé Lefèvre"),
        ("Jean-Pierre", "Jean-Pierre"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("", ""),
        (None, ""),
        (-3, "-3"),
        (12, "12"),
        (-0.5, "-0.5"),
        (True, "True"),
        (float("-inf"), "'-inf"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def read_back(data, delimiter=","):
    assert data.startswith(BOM) and not data[3:].startswith(BOM)
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=delimiter))


def test_csv_bytes_are_utf8_with_bom_crlf_and_safe_cells():
    data = csv_bytes(["Nom", "Note"], [["=1+1", -2], ["Zoé, Lefèvre", 3.5]])
    assert data == BOM + 'Nom,Note\r\n\'=1+1,-2\r\n"Zoé, Lefèvre",3.5\r\n'.encode()
    assert read_back(data) == [["Nom", "Note"], ["'=1+1", "-2"], ["Zoé, Lefèvre", "3.5"]]


def test_the_header_goes_through_safe_cell_too():
    assert read_back(csv_bytes(["@user", "-"], [])) == [["'@user", "'-"]]


def test_write_csv_to_a_path_with_semicolons(tmp_path):
    path = tmp_path / "notes.csv"
    write_csv(path, ["Prénom", "Nom"], [["Aïcha", "@N'Diaye"]], delimiter=";")
    assert read_back(path.read_bytes(), ";") == [["Prénom", "Nom"], ["Aïcha", "'@N'Diaye"]]
    write_csv(str(path), None, [["+x"]])
    assert read_back(path.read_bytes()) == [["'+x"]]


def test_write_csv_to_binary_and_text_files():
    binary = io.BytesIO()
    write_csv(binary, ["a"], [["=b"]])
    assert binary.getvalue() == BOM + b"a\r\n'=b\r\n"
    text = io.StringIO(newline="")
    write_csv(text, ["a"], [["=b"]])
    assert text.getvalue() == "\ufeffa\r\n'=b\r\n"
