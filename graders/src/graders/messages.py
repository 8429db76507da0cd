"""Every sentence a trainee can read, in French (default) and English.

The language comes, in order, from the `lang` argument of a check, from `set_language()`, from
the CODELAB_LANGUAGE environment variable, and else French. Sentences speak to a beginner who
may read French as a second language: short, concrete, and saying what to do.
"""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")
_chosen: str | None = None

MESSAGES: dict[str, dict[str, str]] = {
    "test_passed": {"fr": "✔ Test réussi : {what}.", "en": "✔ Test passed: {what}."},
    "test_passed_plain": {"fr": "✔ Test réussi.", "en": "✔ Test passed."},
    "nth": {"fr": "n°{n}", "en": "#{n}"},
    "none": {"fr": "aucune", "en": "none"},
    # Functions (JavaScript and Python)
    "fn_missing": {
        "fr": "La fonction {name} n'existe pas : vérifiez son nom (majuscules comprises).",
        "en": "The function {name} does not exist: check its name (capital letters included).",
    },
    "fn_not_callable": {
        "fr": "{name} n'est pas une fonction : déclarez-la avec le mot-clé function ou def.",
        "en": "{name} is not a function: declare it with the function or def keyword.",
    },
    "fn_wrong": {
        "fr": "{call} devrait renvoyer {expected}, mais votre fonction renvoie {got}.",
        "en": "{call} should return {expected}, but your function returns {got}.",
    },
    "fn_undefined": {
        "fr": "{call} ne renvoie rien : ajoutez un return avec le résultat.",
        "en": "{call} returns nothing: add a return with the result.",
    },
    "fn_error": {
        "fr": "Votre fonction s'arrête sur une erreur pour {call} : {error}.",
        "en": "Your function stops with an error for {call}: {error}.",
    },
    # JavaScript
    "js_syntax": {
        "fr": "Votre code JavaScript contient une erreur de syntaxe : {error}. "
        "Vérifiez les parenthèses, les accolades et les guillemets.",
        "en": "Your JavaScript code has a syntax error: {error}. "
        "Check the parentheses, braces and quotes.",
    },
    "js_error": {
        "fr": "Votre code JavaScript s'arrête sur une erreur : {error}.",
        "en": "Your JavaScript code stops with an error: {error}.",
    },
    "js_timeout": {
        "fr": "Votre code ne s'est pas terminé en {seconds} secondes : "
        "vérifiez qu'aucune boucle ne tourne à l'infini.",
        "en": "Your code did not finish within {seconds} seconds: check that no loop runs forever.",
    },
    "js_crash": {
        "fr": "Votre code JavaScript s'est arrêté sans donner de résultat : {error}.",
        "en": "Your JavaScript code stopped without giving a result: {error}.",
    },
    "js_no_runtime": {
        "fr": "Impossible d'exécuter le JavaScript : ni Node ni Deno n'est installé. "
        "Prévenez votre formateur.",
        "en": "Cannot run JavaScript: neither Node nor Deno is installed. Tell your trainer.",
    },
    "js_output": {
        "fr": "Votre programme affiche {got} au lieu de {expected}.",
        "en": "Your program prints {got} instead of {expected}.",
    },
    # HTML
    "html_missing": {
        "fr": "Il manque l'élément {what} dans votre page.",
        "en": "Your page is missing the {what} element.",
    },
    "html_count": {
        "fr": "Votre page devrait contenir {expected} élément(s) {what}, elle en contient {got}.",
        "en": "Your page should contain {expected} {what} element(s), it contains {got}.",
    },
    "html_min_count": {
        "fr": "Votre page devrait contenir au moins {expected} élément(s) {what}, "
        "elle en contient {got}.",
        "en": "Your page should contain at least {expected} {what} element(s), it contains {got}.",
    },
    "html_attr_missing": {
        "fr": "Il manque l'attribut {attr} sur l'élément {what} {nth}.",
        "en": "The {what} element {nth} is missing the {attr} attribute.",
    },
    "html_attr_value": {
        "fr": 'L\'attribut {attr} de l\'élément {what} {nth} vaut "{got}" au lieu de "{expected}".',
        "en": 'The {attr} attribute of the {what} element {nth} is "{got}" '
        'instead of "{expected}".',
    },
    "html_lang": {
        "fr": 'Ajoutez l\'attribut lang à la balise <html> (par exemple lang="fr") : '
        "il indique la langue de la page aux lecteurs d'écran.",
        "en": 'Add the lang attribute to the <html> tag (for example lang="en"): '
        "it tells screen readers the language of the page.",
    },
    "html_img_alt": {
        "fr": "Il manque l'attribut alt sur l'image n°{n} : "
        "décrivez l'image pour les personnes qui ne la voient pas.",
        "en": "Image #{n} is missing the alt attribute: "
        "describe the image for people who cannot see it.",
    },
    "html_img_alt_empty": {
        "fr": "L'attribut alt de l'image n°{n} est vide : décrivez l'image, "
        'ou ajoutez role="presentation" si elle est purement décorative.',
        "en": "The alt attribute of image #{n} is empty: describe the image, "
        'or add role="presentation" if it is purely decorative.',
    },
    "html_label": {
        "fr": "Le champ {field} n'a pas d'étiquette : ajoutez un <label for=\"...\"> "
        "relié à son id, ou placez le champ dans un <label>.",
        "en": 'The field {field} has no label: add a <label for="..."> '
        "linked to its id, or put the field inside a <label>.",
    },
    "html_heading_first": {
        "fr": "Le premier titre de la page est un <h{got}> : commencez par un <h1>.",
        "en": "The first heading of the page is an <h{got}>: start with an <h1>.",
    },
    "html_heading_skip": {
        "fr": 'Le titre <h{got}> "{text}" vient après un <h{prev}> : '
        "ne sautez pas de niveau (utilisez <h{expected}>).",
        "en": 'The heading <h{got}> "{text}" comes after an <h{prev}>: '
        "do not skip a level (use <h{expected}>).",
    },
    "html_one_h1": {
        "fr": "Votre page doit contenir un seul <h1>, elle en contient {got}.",
        "en": "Your page must contain exactly one <h1>, it contains {got}.",
    },
    "html_form_method": {
        "fr": 'Le formulaire doit utiliser method="{expected}" (actuellement : "{got}").',
        "en": 'The form must use method="{expected}" (currently: "{got}").',
    },
    "html_form_action": {
        "fr": 'Le formulaire doit envoyer ses données vers action="{expected}" '
        '(actuellement : "{got}").',
        "en": 'The form must send its data to action="{expected}" (currently: "{got}").',
    },
    "html_input_type": {
        "fr": 'Le champ {field} devrait être de type "{expected}" et non "{got}".',
        "en": 'The field {field} should have type "{expected}", not "{got}".',
    },
    # CSS
    "css_rule_missing": {
        "fr": "Aucune règle CSS ne cible le sélecteur {selector}{where}.",
        "en": "No CSS rule targets the selector {selector}{where}.",
    },
    "css_where_media": {
        "fr": " dans une media query {media}",
        "en": " inside a media query {media}",
    },
    "css_where_top": {"fr": " en dehors des media queries", "en": " outside media queries"},
    "css_prop_missing": {
        "fr": "La règle {selector} ne définit pas la propriété {prop}{where}.",
        "en": "The rule {selector} does not set the {prop} property{where}.",
    },
    "css_prop_value": {
        "fr": 'Dans la règle {selector}, {prop} vaut "{got}" au lieu de "{expected}"{where}.',
        "en": 'In the rule {selector}, {prop} is "{got}" instead of "{expected}"{where}.',
    },
    "css_media_missing": {
        "fr": "Votre CSS ne contient pas de media query {media} "
        "(par exemple @media (max-width: 600px) {{ ... }}).",
        "en": "Your CSS has no media query {media} "
        "(for example @media (max-width: 600px) {{ ... }}).",
    },
    "css_display": {
        "fr": "Aucune règle {selector}n'utilise display: {value} pour la mise en page.",
        "en": "No {selector}rule uses display: {value} for the layout.",
    },
    # HTTP
    "http_not_app": {
        "fr": "Impossible de tester votre application : ce n'est pas une application Flask "
        "(vérifiez la ligne app = Flask(__name__)).",
        "en": "Cannot test your application: it is not a Flask application "
        "(check the line app = Flask(__name__)).",
    },
    "http_error": {
        "fr": "Votre application plante sur {method} {path} : {error}.",
        "en": "Your application crashes on {method} {path}: {error}.",
    },
    "http_status": {
        "fr": "{method} {path} devrait répondre avec le code {expected}, "
        "votre application répond {got}.",
        "en": "{method} {path} should answer with status {expected}, "
        "your application answers {got}.",
    },
    "http_not_allowed": {
        "fr": "{method} {path} devrait être refusé (code 405, méthode non autorisée), "
        "votre application répond {got}.",
        "en": "{method} {path} should be refused (status 405, method not allowed), "
        "your application answers {got}.",
    },
    "http_not_json": {
        "fr": "{method} {path} devrait renvoyer du JSON (utilisez jsonify), "
        "votre application renvoie {got}.",
        "en": "{method} {path} should return JSON (use jsonify), your application returns {got}.",
    },
    "http_json_key": {
        "fr": 'La réponse JSON de {method} {path} n\'a pas la clé "{key}".',
        "en": 'The JSON answer of {method} {path} has no "{key}" key.',
    },
    "http_json_wrong": {
        "fr": "{method} {path} devrait renvoyer {expected}, votre application renvoie {got}.",
        "en": "{method} {path} should return {expected}, your application returns {got}.",
    },
    "http_content_type": {
        "fr": "{method} {path} devrait renvoyer le type {expected}, "
        "votre application renvoie {got}.",
        "en": "{method} {path} should return the type {expected}, your application returns {got}.",
    },
    # SQL
    "sql_script_error": {
        "fr": "Votre script SQL contient une erreur : {error}.",
        "en": "Your SQL script has an error: {error}.",
    },
    "sql_query_error": {
        "fr": "Votre requête SQL contient une erreur : {error}.",
        "en": "Your SQL query has an error: {error}.",
    },
    "sql_table_missing": {
        "fr": "La table {table} n'existe pas : créez-la avec CREATE TABLE.",
        "en": "The table {table} does not exist: create it with CREATE TABLE.",
    },
    "sql_column_missing": {
        "fr": "Il manque la colonne {column} dans la table {table}.",
        "en": "The table {table} is missing the column {column}.",
    },
    "sql_column_type": {
        "fr": 'La colonne {table}.{column} devrait être de type {expected} (déclarée "{got}").',
        "en": 'The column {table}.{column} should have type {expected} (declared "{got}").',
    },
    "sql_pk": {
        "fr": "La clé primaire de la table {table} devrait être ({expected}), elle est : {got}.",
        "en": "The primary key of the table {table} should be ({expected}), it is: {got}.",
    },
    "sql_fk": {
        "fr": "La colonne {table}.{column} devrait être une clé étrangère (REFERENCES {ref}).",
        "en": "The column {table}.{column} should be a foreign key (REFERENCES {ref}).",
    },
    "sql_not_null": {
        "fr": "La colonne {table}.{column} devrait être obligatoire (NOT NULL).",
        "en": "The column {table}.{column} should be mandatory (NOT NULL).",
    },
    "sql_unique": {
        "fr": "La colonne {table}.{column} devrait être UNIQUE : "
        "deux lignes ne doivent pas pouvoir avoir la même valeur.",
        "en": "The column {table}.{column} should be UNIQUE: "
        "two rows must not be able to share a value.",
    },
    "sql_accepts_bad": {
        "fr": "La base accepte une ligne qui devrait être refusée : {sql}",
        "en": "The database accepts a row it should refuse: {sql}",
    },
    "sql_rejects_good": {
        "fr": "La base refuse une ligne correcte : {sql} ({error}).",
        "en": "The database refuses a correct row: {sql} ({error}).",
    },
    "sql_row_count": {
        "fr": "Votre requête renvoie {got} ligne(s) au lieu de {expected}.",
        "en": "Your query returns {got} row(s) instead of {expected}.",
    },
    "sql_col_count": {
        "fr": "Votre requête renvoie {got} colonne(s) au lieu de {expected}.",
        "en": "Your query returns {got} column(s) instead of {expected}.",
    },
    "sql_rows": {
        "fr": "Votre requête ne renvoie pas les bonnes lignes : la ligne {row} est attendue "
        "mais absente.",
        "en": "Your query does not return the right rows: the row {row} is expected but missing.",
    },
    "sql_order": {
        "fr": "Votre requête renvoie les bonnes lignes, mais pas dans le bon ordre : "
        "vérifiez ORDER BY.",
        "en": "Your query returns the right rows, but not in the right order: check ORDER BY.",
    },
}


def set_language(lang: str | None) -> None:
    """Choose the language for every later check (None goes back to the environment)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {LANGUAGES}")
    global _chosen
    _chosen = lang


def get_language(lang: str | None = None) -> str:
    """The language in force: argument, then set_language(), then CODELAB_LANGUAGE, then fr."""
    for candidate in (lang, _chosen, os.environ.get("CODELAB_LANGUAGE", "").strip().lower()):
        if candidate in LANGUAGES:
            return candidate
    return "fr"


def t(key: str, lang: str | None = None, /, **fields: object) -> str:
    """The sentence `key` in the language in force, with its fields filled in."""
    return MESSAGES[key][get_language(lang)].format(**fields)
