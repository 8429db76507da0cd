from typing import get_args

import pytest
from traitlets import TraitError

from codelab.config import LabConfig
from codelab.i18n import LANGUAGES, MESSAGES, t
from codelab.sandbox.preprocessor import SandboxedExecute


def test_every_message_has_every_language():
    for key, texts in MESSAGES.items():
        assert all(texts.get(language) for language in LANGUAGES), key


def test_lab_yaml_and_the_traits_accept_the_languages_there_are_and_no_other():
    assert get_args(LabConfig.model_fields["language"].annotation) == LANGUAGES
    assert SandboxedExecute(language="en").language == "en"
    with pytest.raises(TraitError):
        SandboxedExecute(language="de")


def test_french_is_the_default_and_the_fallback():
    assert t("sign_in") == "Connexion"
    assert t("sign_in", "de") == "Connexion"
    assert t("sign_in", "en") == "Sign in"


def test_values_fill_placeholders_and_missing_ones_stay():
    assert "12 caractères" in t("too_short", n=12)
    assert "{url}" in t("spawn_blocked", n=12)
