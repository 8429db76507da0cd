"""nbgrader's JupyterLab panel in French.

nbgrader's lab extension has no translations: its trainee-facing words are English string
literals in one compiled chunk. At image build, `python -m codelab.nbgrader_panel STATIC`
writes a French copy of each chunk that holds them (`<chunk>.fr`) beside the original
(`<chunk>.en`); the container's start script copies the one of the lab's language in place.

Every English text below must be found, or the build fails: a new nbgrader release that
reworded its panel is noticed at build time, not by a trainee.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from codelab.i18n import replace_texts

# English as it is written in the compiled chunk → French. Quotes and spacing are part of
# the key, so that a short word like "Submit" only matches its literal; the raw `\n` keys
# are the two characters inside the panel's HTML string. French texts use the typographic
# apostrophe: they land inside JavaScript string literals.
FRENCH: dict[str, str] = {
    # The Assignments panel.
    "Released, downloaded, and submitted assignments for course:": (
        "Devoirs publiés, récupérés et rendus du cours :"
    ),
    "Loading, please wait...": "Chargement, veuillez patienter…",
    "Toggle Dropdown": "Choisir un cours",
    'title="Refresh assignments list"': 'title="Actualiser la liste des devoirs"',
    r"\n        Released assignments\n": r"\n        Devoirs publiés\n",
    r"\n        Downloaded assignments\n": r"\n        Devoirs récupérés\n",
    r"\n        Submitted assignments\n": r"\n        Devoirs rendus\n",
    "There are no assignments to fetch.": "Aucun devoir à récupérer pour le moment.",
    "There are no downloaded assignments.": "Aucun devoir récupéré.",
    "There are no submitted assignments.": "Aucun devoir rendu.",
    '"Error fetching courses!"': '"Impossible de charger vos cours. Actualisez la liste."',
    '"No courses found."': '"Vous n’êtes inscrit à aucun cours pour le moment."',
    '"Fetch"': '"Récupérer"',
    '"Fetching..."': '"Récupération…"',
    '"Error fetching assignment."': '"Impossible de récupérer le devoir. Réessayez."',
    '"Submit"': '"Rendre"',
    '"submitting..."': '"Envoi…"',
    '"Error submitting assignment."': '"Impossible de rendre le devoir. Réessayez."',
    '"Fetch Feedback"': '"Voir la correction"',
    '"Fetching Feedback..."': '"Récupération de la correction…"',
    '"Error fetching feedback."': '"Impossible de récupérer la correction. Réessayez."',
    '"Assignment not submitted:"': '"Le devoir n’a pas été rendu :"',
    '"Invalid Submission"': '"Rendu refusé"',
    '" (view feedback)"': '" (voir la correction)"',
    '" (feedback available to fetch)"': '" (correction disponible)"',
    '"Assignment List"': '"Mes devoirs"',
    'n.title.label="Assignments"': 'n.title.label="Devoirs"',
    # Validation, from the panel and the notebook's toolbar.
    '"Validate"': '"Vérifier"',
    '"Validate Assignment"': '"Vérifier le devoir"',
    '"Validating..."': '"Vérification…"',
    '"Saving..."': '"Enregistrement…"',
    '"Error validating assignment."': '"Impossible de vérifier le devoir. Réessayez."',
    '"Validation Results"': '"Résultat de la vérification"',
    '"Validation failed"': '"La vérification n’a pas pu se faire"',
    '"Cannot save notebook"': '"Le notebook n’a pas pu être enregistré."',
    "`Cannot validate: ${": "`Vérification impossible : ${",
    "`Cannot check version: ${": "`Version impossible à vérifier : ${",
    '"Version Mismatch"': '"Versions différentes"',
    "`The following ${": "`Cette cellule de type ${",
    " cell has changed to a ${": " est devenue une cellule de type ${",
    " cell, but it should not have!`": " : remettez-la comme avant.`",
    '"The source of the following cell has changed, but it should not have!"': (
        '"Cette cellule a été modifiée alors qu’elle ne doit pas l’être : remettez-la comme avant."'
    ),
    '"The following cell passed:"': '"Cette cellule réussit :"',
    '"The following cell failed:"': '"Cette cellule échoue :"',
    '"Success! Your notebook passes all the tests."': (
        '"Bravo ! Votre notebook réussit tous les tests."'
    ),
    '"There was an error running the validate command:"': (
        '"La vérification a rencontré une erreur :"'
    ),
}


class PanelChanged(RuntimeError):
    """nbgrader's panel no longer holds a text we translate."""


def replaced_once(chunk: str, changes: dict[str, str], what: str) -> str:
    """The chunk with each code of `changes` replaced; each must be there exactly once, or
    the build fails (a new nbgrader release moved `what`)."""
    for code in changes:
        if chunk.count(code) != 1:
            raise PanelChanged(f"nbgrader's panel changed: {what}, {code!r}, was not found")
    for code, new in changes.items():
        chunk = chunk.replace(code, new)
    return chunk


# nbgrader's Submit sends the files on disk, and what the trainee sees in an open notebook
# may not be saved yet (autosave runs every 120 s): the stub would be graded. The button
# saves every open document first (JupyterLab's own command; `exposeAppInBrowser` in the
# image's page_config gives the panel the app), and refuses, saying why, if that fails.
SUBMIT_CLICKED = (
    't.setAttribute("disabled","disabled");let n={course_id:s.data.course_id,'
    'assignment_id:s.data.assignment_id};try{let e=await T("assignments/submit"'
)
SAVE_FIRST = (
    't.setAttribute("disabled","disabled");'
    'try{await window.jupyterapp?.commands.execute("docmanager:save-all")}'
    'catch(error){console.error(error);t.innerText=SUBMIT;t.removeAttribute("disabled");'
    "window.alert(UNSAVED);return}"
    "let n={course_id:s.data.course_id,"
    'assignment_id:s.data.assignment_id};try{let e=await T("assignments/submit"'
)
UNSAVED = {
    "fr": "Votre travail n'a pas pu être enregistré, il n'est donc pas rendu. Enregistrez-le "
    "(Ctrl+S), puis cliquez de nouveau sur « Rendre ».",
    "en": "Your work could not be saved, so it was not submitted. Save it (Ctrl+S), then "
    "click Submit again.",
}


def save_before_submit(chunk: str, language: str) -> str:
    """The chunk whose Submit button saves every open document first."""
    submit = FRENCH['"Submit"'] if language == "fr" else '"Submit"'
    code = SAVE_FIRST.replace("SUBMIT", submit).replace("UNSAVED", json.dumps(UNSAVED[language]))
    return replaced_once(chunk, {SUBMIT_CLICKED: code}, "its Submit button")


# A submission's time as nbgrader shows it is the exchange's raw stamp, "2026-12-02
# 16:40:12.123456 UTC"; the trainee reads their own local time in words instead.
SUBMITTED_AT = 'document.createElement("span").innerText=this.data.timestamp;'
# A submission after her due day (the exchange judges it, by its own clock) says so.
SUBMITTED_AT_READABLE = (
    'document.createElement("span").innerText=(t=>{const d=new Date(t.replace(" UTC","Z")'
    '.replace(" ","T"));return isNaN(d)?t:d.toLocaleString(LOCALE,'
    '{dateStyle:"long",timeStyle:"short"})})(this.data.timestamp)+(this.data.late?LATE:"");'
)
LATE = {"fr": '" (en retard)"', "en": '" (late)"'}
LOCALES = {"fr": "fr-FR", "en": "en-GB"}
NOT_GRADED = {"fr": "Pas encore corrigé", "en": "Not graded yet"}
# « Voir la correction » is offered on every submission, right after submitting, and does
# nothing until an instructor has released feedback: until then it says so, disabled.
FEEDBACK_BUTTON = '"submitted"==this.data.status&&(t.innerText="Fetch Feedback",'
FEEDBACK_WHEN_READY = (
    '"submitted"==this.data.status&&!this.data.submissions.some(x=>x.has_exchange_feedback)'
    '?(t.innerText=NOT_GRADED,t.setAttribute("disabled","disabled")):' + FEEDBACK_BUTTON
)


def readable_submissions(chunk: str, language: str) -> str:
    """The chunk (English, before translation) whose submitted list reads as people do."""
    readable = SUBMITTED_AT_READABLE.replace("LOCALE", f'"{LOCALES[language]}"')
    readable = readable.replace("LATE", LATE[language])
    not_graded = json.dumps(NOT_GRADED[language], ensure_ascii=False)
    waiting = FEEDBACK_WHEN_READY.replace("NOT_GRADED", not_graded)
    changes = {SUBMITTED_AT: readable, FEEDBACK_BUTTON: waiting}
    return replaced_once(chunk, changes, "its submitted list")


# On a phone, JupyterLab's multi-document layout is a dead end: the file browser takes most of
# a 360 px screen, the menu bar runs off it. Under 760 px the lab opens in JupyterLab's own
# single-document mode (« Interface simple »), the left area folded, the right one hidden.
# JupyterLab keeps that layout in the trainee's workspace, which her laptop shares: on a wide
# screen the lab opens in the multi-document layout, with the right bar. On every screen it
# opens on « Mes devoirs » unless a document was open: a new trainee's first question is where
# the work is. Appended to the panel's activation, in JupyterLab only (not in Notebook 7's
# pages, whose shell has no such layout), once the layout is restored so it cannot undo this.
ACTIVATED = 'console.debug("JupyterLab extension assignment-list is activated!")'
SMALL_SCREEN = "(max-width: 759px)"
# Single-document mode titles the page with an editable document name that has no label.
DOCUMENT_NAME = {"fr": "Nom du document", "en": "Document name"}
LANDING = (
    ACTIVATED + ';"JupyterLab"===e.name&&e.restored.then(()=>{'
    'const phone=window.matchMedia("' + SMALL_SCREEN + '").matches;'
    'e.shell.mode=phone?"single-document":"multiple-document";'
    'e.shell.isSideTabBarVisible("right")===phone&&e.shell.toggleSideTabBarVisibility("right");'
    "if(phone){e.shell.collapseLeft();"
    'document.querySelector("#jp-title-panel-title input")?.setAttribute("aria-label",NAME);'
    # Lumino measures the menu bar's items once, before they are shown, as 0 px wide: none
    # ever overflows into « … » and the last menus are off screen. Measured again, they do,
    # from the render after the one that measures.
    "const m=[...e.shell.widgets('menu')][0];"
    "if(m&&Array.isArray(m._menuItemSizes)){m._menuItemSizes=[];m.update();"
    "setTimeout(()=>m.update(),100)}}"
    "e.shell.currentWidget?.context||e.commands.execute(ee.openAssignmentsList)});"
    + '"JupyterLab"===e.name&&(UNPRESS)(document.body)'
)
# JupyterLab's toolbar buttons (<jp-button>) say aria-pressed on an element without a button
# role (axe-core: critical); the button a screen reader reaches is inside its shadow root and
# never hears it. The attribute is dropped wherever JupyterLab sets it.
UNPRESS = (
    'root=>{const drop=n=>n.localName==="jp-button"&&n.removeAttribute("aria-pressed");'
    'root.querySelectorAll("jp-button").forEach(drop);'
    'new MutationObserver(changes=>changes.forEach(c=>c.type==="attributes"?drop(c.target):'
    'c.addedNodes.forEach(n=>n.querySelectorAll&&[n,...n.querySelectorAll("jp-button")]'
    ".forEach(drop)))).observe(root,{subtree:true,childList:true,attributes:true,"
    'attributeFilter:["aria-pressed"]})}'
)


def land_on_assignments(chunk: str, language: str) -> str:
    """The chunk whose lab opens on the assignments, in the simple layout on a phone."""
    if "ee.openAssignmentsList" not in chunk:
        raise PanelChanged("nbgrader's panel changed: its activation's command was not found")
    name = json.dumps(DOCUMENT_NAME[language], ensure_ascii=False)
    landing = LANDING.replace("NAME", name).replace("UNPRESS", UNPRESS)
    return replaced_once(chunk, {ACTIVATED: landing}, "its activation")


# What axe-core finds critical in the panel: a list of fetched assignments that says it is a
# tablist, without tabs.
ACCESSIBLE = {' role="tablist" aria-multiselectable="true"': ""}


def accessible(chunk: str) -> str:
    """The chunk without the ARIA roles its markup does not fulfil."""
    return replaced_once(chunk, ACCESSIBLE, "its fetched list's role")


# An assignment is listed by its id and its course's id, run together on a phone
# (« moyennesweb-dev »). It is listed by course.yaml's title and its points instead (the
# exchange keeps both from the release), by its id when it was released without them.
LISTED_NAME = "e.innerText=this.data.assignment_id,t.append(e),t}"
LISTED_BY_TITLE = (
    'e.innerText=this.data.title||this.data.assignment_id,e.style.marginRight="0.75em",'
    "t.append(e),t}"
)
LISTED_COURSE = "n.innerText=this.data.course_id,t.append(n)"
# « 4 points · à rendre le lundi 16 mars »: the due date is the trainee's cohort's (the
# exchange counts it from her cohort's start), the last day to hand in.
LISTED_POINTS = (
    'n.innerText=[this.data.points==null?"":this.data.points.toLocaleString(LOCALE)+POINTS,'
    'this.data.due?DUE+new Date(this.data.due+"T12:00").toLocaleDateString(LOCALE,'
    '{weekday:"long",day:"numeric",month:"long"})+(this.data.extended?EXTENDED:""):""]'
    '.filter(Boolean).join(" · "),'
    'n.style.marginRight="0.75em",t.append(n)'
)
DUE = {"fr": '"à rendre le "', "en": '"due "'}
EXTENDED = {"fr": '" (délai prolongé)"', "en": '" (extended)"'}
POINTS = {
    "fr": '(this.data.points<2?" point":" points")',
    "en": '(this.data.points==1?" point":" points")',
}


def listed_by_title(chunk: str, language: str) -> str:
    """The chunk whose lists name each assignment by its title, with its points and due date."""
    points = LISTED_POINTS.replace("POINTS", POINTS[language]).replace("DUE", DUE[language])
    points = points.replace("EXTENDED", EXTENDED[language])
    points = points.replace("LOCALE", f'"{LOCALES[language]}"')
    changes = {LISTED_NAME: LISTED_BY_TITLE, LISTED_COURSE: points}
    return replaced_once(chunk, changes, "its list's names")


def translate(source: str) -> str:
    """The chunk with every English text replaced; fails if one is missing."""
    french, missing = replace_texts(source, FRENCH)
    if missing:
        raise PanelChanged(f"nbgrader's panel changed; not found: {missing!r}")
    return french


def chunk_to_translate(static: Path) -> Path:
    """The compiled chunk that holds the panel's texts."""
    marker = next(iter(FRENCH))
    chunks = [p for p in sorted(static.glob("*.js")) if marker in p.read_text("utf-8")]
    if len(chunks) != 1:
        raise PanelChanged(f"expected one chunk holding the panel in {static}, got {chunks}")
    return chunks[0]


def write_languages(static: Path) -> Path:
    """Write `<chunk>.en` and `<chunk>.fr` beside the chunk; return the chunk."""
    chunk = chunk_to_translate(static)
    english = chunk.read_text("utf-8")
    for language in LOCALES:
        readable = readable_submissions(listed_by_title(accessible(english), language), language)
        readable = land_on_assignments(readable, language)
        text = translate(readable) if language == "fr" else readable
        Path(f"{chunk}.{language}").write_text(save_before_submit(text, language), "utf-8")
    return chunk


if __name__ == "__main__":
    print(f"French panel: {write_languages(Path(sys.argv[1]))}.fr")
