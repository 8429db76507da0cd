"""The README's map of what runs where matches the package: every module is on it."""

import pkgutil
import re
from pathlib import Path

import codelab

README = Path(__file__).resolve().parents[2] / "README.md"


def _mapped() -> set[str]:
    section = README.read_text(encoding="utf-8").split("### What runs where", 1)[1]
    return set(re.findall(r"^\| `(codelab[\w.]*)` \|", section, re.M))


def _modules(packages: bool = True) -> set[str]:
    found = set()
    for info in pkgutil.walk_packages(codelab.__path__, "codelab."):
        if not info.name.endswith("__main__") and (packages or not info.ispkg):
            found.add(info.name)
    return found


def test_every_module_has_a_place_on_the_map():
    mapped = _mapped()
    # A module is on the map itself or through its package's row.
    missing = {
        name
        for name in _modules(packages=False)
        if not any(name == row or name.startswith(row + ".") for row in mapped)
    }
    assert not missing, f"README's « What runs where » does not say where these run: {missing}"


def test_the_map_names_only_modules_that_exist():
    stale = _mapped() - _modules()
    assert not stale, f"README's « What runs where » names modules that are gone: {stale}"
