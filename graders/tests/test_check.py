import os
import subprocess
import sys
from pathlib import Path

import pytest

import graders
from graders import html
from graders.check import CheckFailed, build_cases, same
from graders.messages import MESSAGES, get_language, t


def test_check_failed_is_an_assertion_with_only_the_sentence():
    with pytest.raises(AssertionError) as caught:
        html.check_images_alt('<img src="chat.png">')
    exc = caught.value
    assert isinstance(exc, CheckFailed)
    assert str(exc) == (
        "Il manque l'attribut alt sur l'image n°1 : "
        "décrivez l'image pour les personnes qui ne la voient pas."
    )
    assert exc._render_traceback_() == [str(exc)]
    assert exc.__suppress_context__


def test_french_by_default_english_by_env_setter_and_argument(monkeypatch):
    page = '<img src="chat.png">'
    with pytest.raises(CheckFailed, match="Il manque l'attribut alt"):
        html.check_images_alt(page)
    with pytest.raises(CheckFailed, match="is missing the alt attribute"):
        html.check_images_alt(page, lang="en")
    monkeypatch.setenv("CODELAB_LANGUAGE", "en")
    with pytest.raises(CheckFailed, match="Image #1 is missing"):
        html.check_images_alt(page)
    graders.set_language("fr")
    with pytest.raises(CheckFailed, match="image n°1"):
        html.check_images_alt(page)


def test_unknown_language_falls_back_to_french_or_is_refused(monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "de")
    assert get_language() == "fr"
    with pytest.raises(ValueError):
        graders.set_language("de")


def test_every_sentence_exists_in_both_languages_with_the_same_fields():
    import string

    for key, texts in MESSAGES.items():
        assert set(texts) == {"fr", "en"}, key
        fields = [
            {f for _, f, _, _ in string.Formatter().parse(text) if f} for text in texts.values()
        ]
        assert fields[0] == fields[1], key
    assert t("nth", "en", n=2) == "#2"


def test_renders_without_traceback_in_ipython():
    """The trainee sees the sentence, not a traceback, when IPython shows the failure."""
    pytest.importorskip("IPython")
    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "ip = InteractiveShell.instance()\n"
        "ip.run_cell('from graders import html\\nhtml.check_lang(\"<html></html>\")')\n"
    )
    src = str(Path(graders.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "Ajoutez l'attribut lang" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_build_cases_spreads_tuples_and_keeps_lists_whole():
    cases = build_cases([((1, 2), 3), ([1, 2], 3)])
    assert cases == [((1, 2), 3), (([1, 2],), 3)]
    randoms = build_cases(
        reference=len, generator=lambda rng: [0] * rng.randint(0, 5), random_cases=4, seed=1
    )
    assert all(expected == len(args[0]) for args, expected in randoms)
    with pytest.raises(ValueError):
        build_cases(random_cases=3)
    with pytest.raises(ValueError):
        build_cases()


def test_same_forgives_rounding_not_booleans():
    assert same(0.1 + 0.2, 0.3)
    assert same([1, (2, 3)], [1, [2, 3]])
    assert not same(True, 1)
    assert not same({"a": 1}, {"a": 1, "b": 2})


class EqualToEverything(str):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


class Lying(list):
    def __len__(self):
        return 2

    def __iter__(self):
        return iter([1, 2])


class LyingFloat(int):
    def __float__(self):
        return 12.0


def test_same_cannot_be_fooled_by_the_value_under_test():
    assert not same(EqualToEverything("faux"), "Bonjour, Amina !")
    assert same(EqualToEverything("Bonjour"), "Bonjour")  # the right text, whatever its type
    assert not same([EqualToEverything("x")], ["Bonjour"])
    assert not same({"k": EqualToEverything("x")}, {"k": "Bonjour"})
    assert not same({EqualToEverything("x"): 1}, {"Bonjour": 1})
    assert not same({EqualToEverything("x")}, {"Bonjour"})
    assert not same(Lying([9]), [1, 2])
    assert not same(LyingFloat(3), 12.0)
    assert same({1, 2}, frozenset({2, 1})) and same({"a": [1.0]}, {"a": (1,)})
