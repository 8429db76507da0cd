"""nbgrader's formgrader in the lab's language, for a course's instructors.

The formgrader's pages are Jinja templates and jQuery scripts whose words are English
literals (« Manage Assignments », « Successfully released 'ps1'. »). At image build,
`python -m codelab.formgrader_pages [FOLDER]` writes one copy of its templates and scripts
per language, FOLDER/<language>/{templates,static} (FORMGRADER_PAGES by default), with
codelab.formgrader_french's texts in the French copy; every English text must be found, or
the build fails. In the grading container
this module is the server extension that loads nbgrader's formgrader on the copy of the
language in CODELAB_LANGUAGE.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from codelab.formgrader_french import FRENCH
from codelab.i18n import replace_texts

LANGUAGES = ("fr", "en")
# Where the learner image keeps the copies (the Dockerfile's build step writes them there).
FORMGRADER_PAGES = "/opt/codelab/venv/share/codelab/formgrader"
COHORT_CHOICE = Path(__file__).with_name("formgrader_cohorts.js")

COHORT_SCRIPT = '<script src="{{ base_url }}/formgrader/static/js/codelab_cohorts.js"></script>\n'


def _page_script(name: str) -> str:
    return f'<script src="{{{{ base_url }}}}/formgrader/static/js/{name}.js"></script>'


def _one_cohort(listing: str, load: str) -> dict[str, str]:
    """A listing page's script asks for the chosen cohort only, once it is known.
    `listing` is the rest of the listing's address, as the script writes it."""
    return {
        f'    url: base_url + "/formgrader/api/{listing}\n': (
            f'    url: function () {{ return base_url + "/formgrader/api/{listing}'
            " + codelabCohort.query(); }\n"
        ),
        f"    {load}();\n}});": f"    codelabCohort.then({load});\n}});",
    }


# Only what asks for the instructor's attention: nbgrader's [DEBUG] and [INFO] progress lines
# (some sixty after « Générer ») are dropped, with the lines that continue them.
IMPORTANT_LOG_LINES = """\
    var shown = false;
    log = (log || "").split("\\n").filter(function (line) {
        var level = /^\\[([A-Z]+)\\]/.exec(line);
        if (level) shown = ["DEBUG", "INFO"].indexOf(level[1]) < 0;
        return shown;
    }).join("\\n");
    if (log) {"""

# nbgrader's action links are bare icons (a pencil, a cloud): each gets its name, for screen
# readers (axe-core: serious) and as a tooltip for everyone.
LABELS = {
    "edit": {"fr": "Modifier", "en": "Edit"},
    "assign": {"fr": "Préparer la version apprenant", "en": "Generate the student version"},
    "release": {"fr": "Publier", "en": "Release"},
    "unrelease": {"fr": "Retirer la publication", "en": "Unrelease"},
    "collect": {"fr": "Ramasser les rendus", "en": "Collect the submissions"},
    "autograde": {"fr": "Corriger automatiquement", "en": "Autograde"},
    "generate_feedback": {"fr": "Préparer les retours", "en": "Generate feedback"},
    "release_feedback": {"fr": "Envoyer les retours", "en": "Release feedback"},
    "shown": {"fr": "Le rendu affiché", "en": "The submission shown"},
}


def _name(label: str) -> str:
    """What gives a link the name LABELS[label], in the page's language."""
    return f'.attr({{title: "LABEL({label})", "aria-label": "LABEL({label})"}})'


def _named(action: str, label: str | None = None) -> dict[str, str]:
    """The icon link that runs `action` gets its name."""
    click = f".click(_.bind(this.{action}, this))"
    return {click: click + _name(label or action)}


# What axe-core finds serious on every page: nbgrader's menu and collapsible help claim roles
# they do not have (a list of presentations; tabs holding a button), and pale texts.
EVERY_TEMPLATE = {
    '<li role="presentation"': "<li",
    ' role="tablist"': "",
    ' aria-multiselectable="true"': "",
    ' role="tabpanel"': "",
    ' role="tab"': "",
}
READABLE_CSS = """<style>
.breadcrumb > .active { color: #555; }
.breadcrumb a { color: #23527c; }
.label-info { background-color: #245580; }
.label-success { background-color: #2b662b; }
.label-warning { background-color: #8a5a00; }
.label-danger { background-color: #a02b2b; }
.codelab-cohort { margin-bottom: 1em; }
.codelab-cohort label { margin-right: 0.5em; }
</style>
</head>"""
PREVIEW_LINK = """\
        // preview student version
        var release_path = this.model.get("release_path");
        if (release_path) {
            this.$preview.append($("<a/>")
                .map(linkTo("directory", url_prefix + "/" + release_path))
                .append($("<span/>")
                    .addClass("glyphicon glyphicon-search")
                    .attr("aria-hidden", "true")
                )
            );
        }"""

# The same for both languages: the page says its language and is laid out for its width;
# the lists of trainees show one cohort at a time (codelab.formgrader_cohorts).
PLAIN = {
    "templates/base.tpl": {
        "<!doctype html>\n<head>": (
            '<!doctype html>\n<html lang="LANGUAGE">\n<head>\n'
            '  <meta name="viewport" content="width=device-width, initial-scale=1" />'
        ),
        "</head>": READABLE_CSS,
        "</body>": "</body>\n</html>",
    },
    "static/js/utils.js": {
        "    if (log) {": IMPORTANT_LOG_LINES,
        # nbgrader links names to the course's files and live notebooks in the server's
        # JupyterLab: the grading container runs none (trainees' code would run beside the
        # gradebook), so they are plain text, not links to a 404.
        "var linkTo = function (type, path) {": (
            "var linkTo = function (type, path) {\n    return (_, el) => el;"
        ),
    },
    "static/js/manage_assignments.js": {
        **_named("openModal", "edit"),
        **_named("assign"),
        **_named("release"),
        **_named("unrelease"),
        **_named("collect"),
        **_named("generate_feedback"),
        **_named("release_feedback"),
        # The preview opened the trainees' version in that JupyterLab: gone with it.
        PREVIEW_LINK: '        var release_path = this.model.get("release_path");',
        '    row.append($("<td/>").addClass("text-center preview"));\n': "",
    },
    # Trainees come from the cohort's roster (accounts, groups and gradebook together);
    # one added here alone would have no account and belong to no cohort.
    # The submission's name no longer opens it live (linkTo above): its tooltip says what it is.
    "templates/formgrade/formgrade_macros.html.j2": {
        'title="Open live notebook"': 'title="LABEL(shown)"',
    },
    "templates/manage_assignments.tpl": {
        '\n  <th class="text-center no-sort">Preview</th>': "",
        "          <li>To <b>preview</b> the student version of an assignment, click on the "
        "preview button.</li>\n": "",
    },
    "templates/manage_students.tpl": {
        _page_script("manage_students"): COHORT_SCRIPT + _page_script("manage_students"),
        """<tr>
  <td colspan="5">
    <span class="glyphicon glyphicon-plus" aria-hidden="true"></span>
    <a href="#" onClick="createStudentModal();">Add new student...</a>
  </td>
</tr>""": "",
    },
    "static/js/manage_students.js": {
        **_one_cohort('students"', "loadStudents"),
        ".click(_.bind(this.openModal, this))\n": (
            ".click(_.bind(this.openModal, this))" + _name("edit") + "\n"
        ),
    },
    "templates/manage_submissions.tpl": {
        _page_script("manage_submissions"): COHORT_SCRIPT + _page_script("manage_submissions"),
    },
    "static/js/manage_submissions.js": {
        **_one_cohort('submissions/" + assignment_id', "loadSubmissions"),
        **_named("autograde"),
        **_named("generate_feedback"),
        **_named("release_feedback"),
    },
    "templates/gradebook_notebook_submissions.tpl": {
        _page_script("gradebook_notebook_submissions"): (
            COHORT_SCRIPT + _page_script("gradebook_notebook_submissions")
        ),
    },
    "static/js/gradebook_notebook_submissions.js": _one_cohort(
        'submitted_notebooks/" + assignment_id + "/" + notebook_id',
        "loadSubmittedNotebooks",
    ),
}


class FormgraderChanged(RuntimeError):
    """nbgrader's formgrader no longer holds a text we replace."""


def tables(language: str, package: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """File (relative to the formgrader package) → its replacements in `language`; and the
    texts meant for every template that none holds."""
    files: dict[str, dict[str, str]] = {}
    for template in sorted((package / "templates").glob("*.tpl")):
        page = template.read_text("utf-8")
        found = {k: v for k, v in EVERY_TEMPLATE.items() if k in page}
        if found:
            files[f"templates/{template.name}"] = found
    nowhere = [k for k in EVERY_TEMPLATE if not any(k in table for table in files.values())]

    def in_language(text: str) -> str:
        text = text.replace("LANGUAGE", language)
        return re.sub(r"LABEL\((\w+)\)", lambda m: LABELS[m[1]][language], text)

    for path, table in PLAIN.items():
        files[path] = {**files.get(path, {}), **{k: in_language(v) for k, v in table.items()}}
    if language == "fr":
        for path, table in FRENCH.items():
            files[path] = {**files.get(path, {}), **table}
    return files, nowhere


def write_language(target: Path, language: str, package: Path | None = None) -> Path:
    """TARGET holds templates/ and static/ of the formgrader, in `language`."""
    if package is None:
        from nbgrader.server_extensions import formgrader

        package = Path(formgrader.__file__).parent
    for folder in ("templates", "static"):  # static: nbgrader's libraries too, 3 MB
        shutil.copytree(package / folder, target / folder, dirs_exist_ok=True)
    static = target / "static"
    shutil.copy(COHORT_CHOICE, static / "js/codelab_cohorts.js")
    files, missing = tables(language, package)
    for path, table in files.items():
        page, absent = replace_texts((package / path).read_text("utf-8"), table)
        (target / path).write_text(page, "utf-8")
        missing += [f"{path}: {text!r}" for text in absent]
    if missing:
        raise FormgraderChanged("nbgrader's formgrader changed; not found:\n" + "\n".join(missing))
    return target


def write_languages(folder: Path) -> list[Path]:
    return [write_language(folder / language, language) for language in LANGUAGES]


def _jupyter_server_extension_points():
    return [{"module": "codelab.formgrader_pages"}]


def _load_jupyter_server_extension(server_app) -> None:
    """nbgrader's formgrader, serving the copy in the lab's language."""
    from jupyter_server.utils import url_path_join
    from nbgrader.server_extensions.formgrader import formgrader as extension
    from nbgrader.server_extensions.formgrader import handlers

    language = os.environ.get("CODELAB_LANGUAGE", "fr")
    copy = Path(FORMGRADER_PAGES) / (language if language in LANGUAGES else "fr")
    # nbgrader reads these two module globals when it sets up its pages, just below.
    handlers.template_path = str(copy / "templates")
    handlers.static_path = str(copy / "static")
    # Ours first: tornado answers with the first route that matches.
    from codelab.formgrader_cohorts import HANDLERS

    base_url = server_app.web_app.settings["base_url"]
    server_app.web_app.add_handlers(
        ".*$", [(url_path_join(base_url, path.lstrip("/")), h) for path, h in HANDLERS]
    )
    extension.load_jupyter_server_extension(server_app)


if __name__ == "__main__":
    for path in write_languages(Path(sys.argv[1] if sys.argv[1:] else FORMGRADER_PAGES)):
        print(f"Formgrader pages: {path}")
