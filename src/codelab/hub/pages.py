"""JupyterHub's own pages in French: translated copies of the templates a trainee meets.

JupyterHub ships its pages in English only. For each page a trainee sees (the navigation
bar, home, server starting, server not running, server stopping, logout, not found), the
table gives English texts exactly as they stand in JupyterHub's template and their French.
The hub image holds translated copies in a folder the hub searches before its own when the
lab speaks French; the image build fails if a text is no longer found. A unit
test checks every text against the installed JupyterHub, so an upgrade that rewords one
fails the tests instead of bringing English back silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

from codelab.i18n import replace_texts

FRENCH: dict[str, dict[str, str]] = {
    "page.html": {
        '<html lang="en">': '<html lang="fr">',
        "        JupyterHub\n      {%- endblock title -%}": (
            "        {{ codelab_name }}\n      {%- endblock title -%}"
        ),
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


def write_pages(jupyterhub_templates: Path, target: Path) -> list[str]:
    """Write the French copies into target; the texts JupyterHub no longer has (kept English)."""
    target.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, table in FRENCH.items():
        text, lost = replace_texts((jupyterhub_templates / name).read_text("utf-8"), table)
        (target / name).write_text(text, "utf-8")
        missing += [f"{name}: {english!r}" for english in lost]
    return missing


# Where the hub image keeps the French copies (written by `python -m codelab.hub.pages`).
FRENCH_PAGES = Path("/opt/codelab/pages/fr")


def main(argv: list[str]) -> int:
    """At image build: write the French pages; fail if JupyterHub reworded any text."""
    from jupyterhub._data import DATA_FILES_PATH

    target = Path(argv[1]) if len(argv) > 1 else FRENCH_PAGES
    missing = write_pages(Path(DATA_FILES_PATH) / "templates", target)
    for line in missing:
        print(f"not found in JupyterHub's templates: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
