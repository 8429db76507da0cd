"""What users read, in French first and English too. One key per sentence."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sign_in": {"fr": "Connexion", "en": "Sign in"},
    "username": {"fr": "Identifiant", "en": "Username"},
    "password": {"fr": "Mot de passe", "en": "Password"},
    "submit_sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "bad_login": {
        "fr": "Identifiant ou mot de passe incorrect. Vérifiez votre carte de connexion.",
        "en": "Wrong username or password. Check your login card.",
    },
    "locked": {
        "fr": "Trop d'essais. Attendez quelques minutes, puis réessayez.",
        "en": "Too many attempts. Wait a few minutes, then try again.",
    },
    "change_title": {"fr": "Choisir un nouveau mot de passe", "en": "Choose a new password"},
    "change_intro": {
        "fr": "Choisissez un mot de passe que vous seul connaissez (au moins {n} caractères).",
        "en": "Choose a password only you know (at least {n} characters).",
    },
    "must_change": {
        "fr": "Avant de commencer, choisissez votre propre mot de passe.",
        "en": "Before you start, choose your own password.",
    },
    "current_password": {"fr": "Mot de passe actuel", "en": "Current password"},
    "new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
    "repeat_password": {"fr": "Répétez le nouveau mot de passe", "en": "Repeat the new password"},
    "submit_change": {"fr": "Enregistrer", "en": "Save"},
    "changed": {
        "fr": "Mot de passe enregistré. Vous pouvez commencer.",
        "en": "Password saved. You can start.",
    },
    "start": {"fr": "Ouvrir mon espace de travail", "en": "Open my workspace"},
    "wrong_current": {
        "fr": "Le mot de passe actuel est incorrect.",
        "en": "The current password is wrong.",
    },
    "too_short": {
        "fr": "Le nouveau mot de passe est trop court : il faut au moins {n} caractères.",
        "en": "The new password is too short: it needs at least {n} characters.",
    },
    "mismatch": {
        "fr": "Les deux nouveaux mots de passe ne sont pas identiques.",
        "en": "The two new passwords are not the same.",
    },
    "same_as_old": {
        "fr": "Le nouveau mot de passe doit être différent de l'ancien.",
        "en": "The new password must differ from the old one.",
    },
    "spawn_blocked": {
        "fr": "Choisissez d'abord votre mot de passe : {url}",
        "en": "First choose your password: {url}",
    },
    "hidden_failed": {
        "fr": "Un test caché n'a pas réussi : relisez la consigne et pensez aux cas particuliers.",
        "en": "A hidden test failed: read the instructions again and think of special cases.",
    },
    "hidden_placeholder": {
        "fr": "# Tests cachés : leur code n'est pas montré.",
        "en": "# Hidden tests: not shown.",
    },
}


def t(key: str, language: str = "fr", **values: object) -> str:
    """The sentence `key` in `language` (French when the language is unknown)."""
    texts = MESSAGES[key]
    return texts.get(language, texts["fr"]).format_map(_KeepMissing(values))


class _KeepMissing(dict):
    """Leaves a placeholder that was not given as it is, so one set of values fits all."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
