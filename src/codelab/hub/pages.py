"""JupyterHub's own pages in the lab's language, readable by everyone: edited copies.

JupyterHub ships its pages in English only. For each page a trainee sees (the navigation
bar, home, server starting, server not running, server stopping, logout, not found), the
table gives English texts exactly as they stand in JupyterHub's template and their French.
Every language's copy of page.html (the frame of every hub page, ours included) also
carries the lab's name as title and codelab's stylesheet (`templates/codelab-style.html`:
colours that pass WCAG AA contrast, a login box that fits a 360 px phone).

The hub image holds the copies in one folder per language (`PAGES/<language>`), searched
before JupyterHub's own; the image build fails if a text is no longer found. A unit test
checks every text against the installed JupyterHub, so an upgrade that rewords one fails
the tests instead of bringing English back silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

from codelab.i18n import LANGUAGES, replace_texts

STYLESHEET = """<link rel="stylesheet" href="{{ static_url('css/style.min.css') }}" />"""
TOKEN_LINK = """<li class="nav-item">
                    <a class="nav-link" href="{{ base_url }}token">Token</a>
                  </li>"""
PROGRESS_BAR = 'class="progress-bar"\n               role="progressbar"'
ERROR_TITLE = "<h1>{{ status_code }} : {{ status_message }}</h1>"
# In every language: the lab's name, not "JupyterHub", and codelab's stylesheet.
EVERY_LANGUAGE: dict[str, dict[str, str]] = {
    "page.html": {
        "        JupyterHub\n      {%- endblock title -%}": (
            "        {{ codelab_name }}\n      {%- endblock title -%}"
        ),
        STYLESHEET: STYLESHEET + '\n    {% include "codelab-style.html" %}',
        # API tokens are for admins' scripts: a trainee's menu does not offer them.
        TOKEN_LINK: '{% if "admin-ui" in parsed_scopes %}' + TOKEN_LINK + "{% endif %}",
    },
    # Every trainee's way to « Mon parcours » (codelab.progress), under her server's button.
    "home.html": {
        "    {% if allow_named_servers %}": (
            '    <p class="text-center mt-4"><a class="btn btn-lg btn-outline-primary" '
            'href="{{ codelab_progress_url }}">{{ codelab_progress_label }}</a></p>\n'
            "    {% if allow_named_servers %}"
        ),
    },
    # The start's progress bar has a name (axe-core: aria-progressbar-name).
    "spawn_pending.html": {
        PROGRESS_BAR: PROGRESS_BAR.replace("role=", 'aria-label="Starting your workspace" role='),
    },
    # A hub whose data disk is full says so, with what to do, not "500 : Internal Server
    # Error" (the sentence and the test are template_vars: codelab.hub.configure).
    "error.html": {
        ERROR_TITLE: (
            "{% if codelab_out_of_room(exception) %}<h1>{{ codelab_disk_full_title }}</h1>"
            "<p>{{ codelab_disk_full }}</p>{% else %}" + ERROR_TITLE + "{% endif %}"
        ),
    },
}

FRENCH: dict[str, dict[str, str]] = {
    "page.html": {
        '<html lang="en">': '<html lang="fr">',
        '}}home">Home</a>': '}}home">Accueil</a>',
        '}}token">Token</a>': '}}token">Jetons</a>',
        '}}admin">Admin</a>': '}}admin">Administration</a>',
        'aria-expanded="false">Services</a>': 'aria-expanded="false">Services</a>',
        'title="Home" />': 'title="Accueil" />',
        'aria-label="Toggle navigation"': 'aria-label="Afficher le menu"',
        'aria-label="Toggle dark mode"': 'aria-label="Mode sombre"',
        'title="Toggle dark mode"': 'title="Mode sombre"',
        '<i aria-hidden="true" class="fa fa-sign-out"></i>Logout</a>': (
            '<i aria-hidden="true" class="fa fa-sign-out"></i>Se déconnecter</a>'
        ),
        'href="{{ login_url }}">Login</a>': 'href="{{ login_url }}">Se connecter</a>',
        "{% call modal('Error', btn_label='OK') %}": "{% call modal('Erreur', btn_label='OK') %}",
    },
    "home.html": {
        '<h1 class="visually-hidden">JupyterHub home page</h1>': (
            '<h1 class="visually-hidden">Accueil</h1>'
        ),
        'class="btn btn-lg btn-danger">Stop My Server</a>': (
            'class="btn btn-lg btn-danger">Arrêter mon espace de travail</a>'
        ),
        "{% if not default_server.active %}Start{% endif %}\n          My Server": (
            "{% if not default_server.active %}Démarrer{% else %}Ouvrir{% endif %}\n"
            "          mon espace de travail"
        ),
    },
    "spawn_pending.html": {
        PROGRESS_BAR: PROGRESS_BAR.replace(
            "role=", 'aria-label="Démarrage de votre espace de travail" role='
        ),
        "<p>Your server is starting up.</p>": "<p>Votre espace de travail démarre.</p>",
        "<p>You will be redirected automatically when it's ready for you.</p>": (
            "<p>Il s'ouvrira tout seul dès qu'il sera prêt.</p>"
        ),
        '<span id="sr-progress">0%</span> Complete</span>': (
            '<span id="sr-progress">0%</span> effectués</span>'
        ),
        "<summary>Event log</summary>": "<summary>Journal du démarrage</summary>",
        'btn-danger btn-sm">Stop Server</button>': 'btn-danger btn-sm">Arrêter</button>',
        "text('Stopping...')": "text('Arrêt…')",
        "text('Stopping server...')": "text('Arrêt de l\\'espace de travail…')",
        "text('Server stopped successfully!')": "text('Espace de travail arrêté.')",
        "var errorMessage = 'Error stopping server';": ("var errorMessage = 'L\\'arrêt a échoué';"),
        "text('Stop Server')": "text('Arrêter')",
        # The progress events' texts come from JupyterHub's Python, in English: put in
        # French as the page shows them (a failed start's own sentence is already French).
        "progressMessage.html(evt.html_message);": (
            'progressMessage.html(evt.html_message.replace(/^Server ready at /, "Prêt : "));'
        ),
        "progressMessage.text(evt.message);": (
            "progressMessage.text(String(evt.message)"
            '.replace(/^Spawn failed: /, "")'
            '.replace(/^Spawn failed$/, "Le démarrage a échoué.")'
            '.replace(/^Spawn cancelled$/, "Démarrage annulé.")'
            '.replace(/^Server requested$/, "Démarrage demandé…")'
            r'.replace(/^Spawning server\.\.\.$/, "Préparation de votre espace de travail…"));'
        ),
    },
    "not_running.html": {
        "Spawn failed": "Le démarrage a échoué",
        "Server not running": "Espace de travail arrêté",
        "The latest attempt to start your server {{ server_name }} has failed.": (
            "Le dernier démarrage de votre espace de travail {{ server_name }} a échoué."
        ),
        "Would you like to retry starting it?": "Voulez-vous réessayer ?",
        "Your server {{ server_name }} is not running.": (
            "Votre espace de travail {{ server_name }} est arrêté."
        ),
        "It will be restarted automatically.": "Il va redémarrer tout seul.",
        "If you are not redirected in a few seconds,": (
            "S'il ne s'ouvre pas d'ici quelques secondes,"
        ),
        "click below to launch your server.": "cliquez ci-dessous pour le démarrer.",
        "Would you like to start it?": "Voulez-vous le démarrer ?",
        "              Relaunch\n": "              Redémarrer\n",
        "              Launch\n": "              Démarrer\n",
        "            Server {{ server_name }}\n": "            {{ server_name }}\n",
    },
    "stop_pending.html": {
        "<p>Your server is stopping.</p>": "<p>Votre espace de travail s'arrête.</p>",
        "<p>You will be able to start it again once it has finished stopping.</p>": (
            "<p>Vous pourrez le redémarrer dès qu'il sera arrêté.</p>"
        ),
        'href="#">refresh</a>': 'href="#">actualiser</a>',
    },
    "logout.html": {
        "<p>Successfully logged out.</p>": "<p>Vous êtes déconnecté·e.</p>",
    },
    "404.html": {
        "<p>Jupyter has lots of moons, but this is not one...</p>": (
            "<p>Cette page n'existe pas. Revenez à l'accueil.</p>"
        ),
    },
}


def tables(language: str) -> dict[str, dict[str, str]]:
    """Page -> the texts to replace in it, for a lab in `language`."""
    translated = FRENCH if language == "fr" else {}
    names = EVERY_LANGUAGE.keys() | translated.keys()
    return {name: {**EVERY_LANGUAGE.get(name, {}), **translated.get(name, {})} for name in names}


def write_pages(jupyterhub_templates: Path, target: Path) -> list[str]:
    """Write each language's copies into target/<language>; the texts JupyterHub no longer
    has (left as they were)."""
    missing = []
    for language in LANGUAGES:
        folder = target / language
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables(language).items():
            text, lost = replace_texts((jupyterhub_templates / name).read_text("utf-8"), table)
            (folder / name).write_text(text, "utf-8")
            missing += [f"{language}/{name}: {english!r}" for english in lost]
    return missing


# Where the hub image keeps the copies (written by `python -m codelab.hub.pages`).
PAGES = Path("/opt/codelab/pages")


def main(argv: list[str]) -> int:
    """At image build: write the pages; fail if JupyterHub reworded any text."""
    from jupyterhub._data import DATA_FILES_PATH

    target = Path(argv[1]) if len(argv) > 1 else PAGES
    missing = write_pages(Path(DATA_FILES_PATH) / "templates", target)
    for line in missing:
        print(f"not found in JupyterHub's templates: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
