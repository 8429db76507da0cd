"""A test cell that passes says so, in a real IPython shell."""

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from graders.cells import what_it_tests


@pytest.fixture
def shell():
    ipython = InteractiveShell.instance()
    ipython.extension_manager.load_extension("graders.cells")
    yield ipython
    ipython.extension_manager.unload_extension("graders.cells")


def run(shell, source: str) -> str:
    with capture_output() as captured:
        shell.run_cell(source)
    return captured.stdout


def test_a_passing_test_cell_says_what_passed(shell, monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "fr")
    out = run(shell, "# Test : la table formation et sa clé primaire\nassert 1 + 1 == 2")
    assert out == "✔ Test réussi : la table formation et sa clé primaire.\n"
    assert run(shell, "# Test visible\nx = 1") == "✔ Test réussi.\n"


def test_english_and_silence_elsewhere(shell, monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "en")
    assert run(shell, "  # Test: the example\npass") == "✔ Test passed: the example.\n"
    failing = run(shell, "# Test : un exemple\nassert 1 == 2")  # it says its own sentence
    assert "passed" not in failing and "AssertionError" in failing
    assert run(shell, "x = 2  # Test : not a test cell") == ""
    assert run(shell, "# Testament\nx = 3") == ""
    assert run(shell, "# Test ma fonction\nx = 3") == ""  # a trainee's own note
    assert run(shell, "# Tests cachés : des cas au hasard\n") == ""  # stripped for trainees


def test_what_a_cell_tests():
    assert what_it_tests("# Test : GET /api/produits.\nimport graders") == "GET /api/produits"
    assert what_it_tests("def f():\n    pass") is None
