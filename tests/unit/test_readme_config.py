"""README's « lab.yaml reference » names every key lab.yaml accepts, and each key's default."""

import re
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from codelab.config import LabConfig

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows() -> dict[str, str]:
    """key -> the default column, for every key a row of the table names."""
    section = README.read_text(encoding="utf-8").split("## lab.yaml reference", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            for key in re.findall(r"`([\w.]+)`", cells[0]):
                rows[key] = cells[1]
    return rows


def _keys(model: type[BaseModel] = LabConfig, prefix: str = "") -> dict[str, object]:
    """Every key lab.yaml accepts -> its default (a section's keys, not the section)."""
    keys = {}
    for name, field in model.model_fields.items():
        section = field.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            keys.update(_keys(section, f"{prefix}{name}."))
        else:
            keys[prefix + name] = field.default
    return keys


def test_every_key_is_in_the_table_and_every_row_is_a_key():
    rows, keys = _rows(), _keys()
    assert set(keys) - set(rows) == set(), "keys lab.yaml accepts that README does not list"
    assert set(rows) - set(keys) == set(), "README lists keys lab.yaml refuses"


def test_the_defaults_in_the_table_are_the_code_s():
    rows = _rows()
    for key, default in _keys().items():
        if default is PydanticUndefined or default is None or isinstance(default, list | dict):
            continue  # computed (public_url), or no value (tls): the row says it in words
        assert rows[key] == f"`{default}`", f"{key}: README says {rows[key]}, the code {default!r}"
