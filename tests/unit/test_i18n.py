from codelab.i18n import MESSAGES, t


def test_every_message_has_french_and_english():
    for key, texts in MESSAGES.items():
        assert texts.get("fr") and texts.get("en"), key


def test_french_is_the_default_and_the_fallback():
    assert t("sign_in") == "Connexion"
    assert t("sign_in", "de") == "Connexion"
    assert t("sign_in", "en") == "Sign in"


def test_values_fill_placeholders_and_missing_ones_stay():
    assert "12 caractères" in t("too_short", n=12)
    assert "{url}" in t("spawn_blocked", n=12)
