"""The formgrader's English texts and their French, file by file (codelab.formgrader_pages).

Each key is an exact passage of nbgrader 0.9.6's file, replaced wherever it occurs, so a key
that is a single word carries its context (`.text("draft")`, `<th>Name</th>`) and never only
a value the code compares or sends (status names, CSS classes, ids, URLs, API fields, Jinja
`{{ … }}`); the French is for trainers, not developers: « vous », a plain space before « : ? ! »,
« devoir », « apprenant », « rendu », « publier », « ramasser », « retour », « note ».
"""

FRENCH: dict[str, dict[str, str]] = {
    "templates/base.tpl": {
        "<title>nbgrader formgrade</title>": "<title>Correction — codelab</title>",
        ">Manage Assignments<": ">Gérer les devoirs<",
        # The same link is « Manual Grading » on the other pages.
        ">Gradebook<": ">Noter à la main<",
        ">Manage Students<": ">Gérer les apprenants<",
    },
    "templates/base_403.tpl": {
        "\nNot Authorized\n": "\nAccès refusé\n",
        "Sorry, you are not authorized to access the formgrader.": (
            "Désolé, vous n'avez pas accès à l'espace de correction."
        ),
    },
    "templates/base_500.tpl": {
        "{%- block title -%}\nError\n": "{%- block title -%}\nErreur\n",
        "Sorry, the formgrader encountered an error. Please contact the administrator of\n"
        "the formgrader for further assistance.": (
            "Désolé, une erreur s'est produite dans l'espace de correction. Pour obtenir de\n"
            "l'aide, contactez la personne qui administre la plateforme."
        ),
    },
    "templates/formgrade_404.tpl": {
        "<html>\n<head>": '<html lang="fr">\n<head>',
        ">Submission {{": ">Rendu {{",
        "Error: Submission notebook file not found: ": (
            "Erreur : le carnet de ce rendu est introuvable : "
        ),
    },
    "templates/gradebook_base.tpl": {
        "Manual Grading": "Noter à la main",
        "Manage Assignments": "Gérer les devoirs",
        "Manage Students": "Gérer les apprenants",
    },
    "templates/gradebook_assignments.tpl": {
        ">Manual Grading<": ">Noter à la main<",
        ">Assignment ID<": ">Devoir<",
        ">Due Date<": ">Date limite<",
        ">Submissions<": ">Rendus<",
        ">Score<": ">Note moyenne<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/gradebook_notebooks.tpl": {
        ">Manual Grading<": ">Noter à la main<",
        ">Notebook ID<": ">Carnet<",
        ">Avg. Score<": ">Note moyenne<",
        ">Avg. Code Score<": ">Note moyenne du code<",
        ">Avg. Written Score<": ">Note moyenne des réponses écrites<",
        ">Avg. Task Score<": ">Note moyenne des tâches<",
        ">Needs Manual Grade?<": ">À noter à la main ?<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/gradebook_notebook_submissions.tpl": {
        ">Manual Grading<": ">Noter à la main<",
        # gradebook_notebook_submissions.js compares the button's text with the same French.
        ">Show All Names<": ">Afficher tous les noms<",
        ">Submission ID<": ">Rendu<",
        ">Overall Score<": ">Note totale<",
        ">Code Score<": ">Note du code<",
        ">Written Score<": ">Note des réponses écrites<",
        ">Task Score<": ">Note des tâches<",
        ">Needs Manual Grade?<": ">À noter à la main ?<",
        ">Tests Failed?<": ">Tests échoués ?<",
        ">Flagged?<": ">Signalé ?<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/manage_assignments.tpl": {
        "Manage Assignments": "Gérer les devoirs",
        ">Manual Grading<": ">Noter à la main<",
        ">Manage Students<": ">Gérer les apprenants<",
        '<li class="active">Assignments</li>': '<li class="active">Devoirs</li>',
        "Instructions (click to expand)": "Mode d'emploi (cliquez pour afficher)",
        '<li>To <b>create</b> an assignment, click the "Add new assignment..." button '
        "below.</li>": (
            "<li>Pour <b>créer</b> un devoir, cliquez sur « Ajouter un devoir… » sous le"
            " tableau.</li>"
        ),
        "<li>To <b>edit assignment files</b>, click on the name of an assignment.</li>": (
            "<li>Pour <b>modifier les fichiers</b> d'un devoir, cliquez sur son nom.</li>"
        ),
        "<li>To <b>edit the assignment metadata</b>, click on the edit button.</li>": (
            "<li>Pour <b>modifier la date limite</b> d'un devoir, cliquez sur son bouton"
            " « Modifier » (le crayon).</li>"
        ),
        "<li>To <b>generate</b> the student version of an assignment, click on the generate"
        " button.</li>": (
            "<li>Pour <b>préparer la version apprenant</b> d'un devoir, cliquez sur son bouton"
            " « Préparer ».</li>"
        ),
        "<i>(JupyterHub only)</i>": "<i>(JupyterHub seulement)</i>",
        " To <b>release</b> the assignment to students, click the release button.\n"
        '          You can "unrelease" an assignment by clicking again, though note some'
        " students may have\n"
        "          already accessed the assignment. <b>Note</b> that for the release button to"
        " become\n"
        "          available, the <code>course_id</code> option must be set in"
        " <code>nbgrader_config.py</code>.\n"
        "          For details, see <a ": (
            " Pour <b>publier</b> le devoir auprès des apprenants, cliquez sur son bouton"
            " « Publier ».\n"
            "          Un second clic le <b>retire</b> ; attention, des apprenants l'ont peut-être"
            " déjà\n"
            "          récupéré. <b>Remarque :</b> le bouton « Publier » n'apparaît que si"
            " l'option\n"
            "          <code>course_id</code> est définie dans <code>nbgrader_config.py</code>.\n"
            "          Pour en savoir plus, voir <a "
        ),
        ">the documentation</a>.</li>": ">la documentation (en anglais)</a>.</li>",
        " To <b>collect</b> assignments, click the collect button.</li>": (
            " Pour <b>ramasser</b> les rendus, cliquez sur le bouton « Ramasser ».</li>"
        ),
        "<li>To <b>autograde</b> submissions, click on the number of collected submissions."
        " You must run\n"
        "          the autograder on the submissions before you can manually grade them.</li>": (
            "<li>Pour <b>corriger automatiquement</b> les rendus, cliquez sur le nombre de"
            " rendus ramassés.\n"
            "          La correction automatique doit être faite avant de pouvoir noter à la"
            " main.</li>"
        ),
        "Current configuration (click to expand)": (
            "Configuration actuelle (cliquez pour afficher)"
        ),
        'Windows operating system detected. Please note that the "release" and "collect"\n'
        "functionality will not be available.": (
            "Système Windows détecté : les fonctions « Publier » et « Ramasser »\n"
            "ne seront pas disponibles."
        ),
        "The exchange directory at <code>": "Le dossier d'échange <code>",
        "</code> does not exist and could\n"
        'not be created. The "release" and "collect" functionality will not be available.\n'
        "Please see the documentation on\n": (
            "</code> n'existe pas et n'a pas pu être créé. Les fonctions « Publier » et\n"
            "« Ramasser » ne seront pas disponibles. La marche à suivre est dans la"
            " documentation :\n"
        ),
        'The course id has not been set in <code>nbgrader_config.py</code>. The "release"\n'
        'and "collect" functionality will not be available. Please see the documentation on\n': (
            "L'identifiant du cours (<code>course_id</code>) n'est pas défini dans"
            " <code>nbgrader_config.py</code>.\n"
            "Les fonctions « Publier » et « Ramasser » ne seront pas disponibles. La marche à"
            " suivre est dans la documentation :\n"
        ),
        ">Setting Up The Exchange</a>\nfor instructions.": (
            ">Mettre en place le dossier d'échange</a>\n(en anglais)."
        ),
        "<th>Name</th>": "<th>Nom</th>",
        ">Due Date<": ">Date limite<",
        ">Status<": ">État<",
        ">Edit<": ">Modifier<",
        ">Generate<": ">Préparer<",
        ">Release<": ">Publier<",
        ">Collect<": ">Ramasser<",
        "># Submissions<": ">Rendus<",
        ">Generate Feedback<": ">Préparer les retours<",
        ">Release Feedback<": ">Envoyer les retours<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
        ">Add new assignment...<": ">Ajouter un devoir…<",
    },
    "templates/manage_submissions.tpl": {
        "Manage Submissions": "Gérer les rendus",
        ">Manage Assignments<": ">Gérer les devoirs<",
        ">Manual Grading<": ">Noter à la main<",
        ">Manage Students<": ">Gérer les apprenants<",
        ">Assignments</a>": ">Devoirs</a>",
        "Instructions (click to expand)": "Mode d'emploi (cliquez pour afficher)",
        "<b>Note:</b> Here you can autograde individual students' submissions by\n"
        "          clicking on the autograde icons below. If you want to autograde\n"
        "          all submissions at once, you will need to do this via the\n": (
            "<b>Remarque :</b> ici, vous corrigez automatiquement les rendus un par un, en\n"
            "          cliquant sur l'éclair de la colonne « Correction automatique ». Pour\n"
            "          corriger automatiquement tous les rendus d'un coup, passez par la\n"
        ),
        ">command line</a>:": ">ligne de commande</a> :",
        ">Student Name<": ">Apprenant<",
        ">Student ID<": ">Identifiant<",
        ">Timestamp<": ">Date du rendu<",
        ">Status<": ">État<",
        ">Score<": ">Note<",
        ">Autograde<": ">Correction automatique<",
        ">Generate Feedback<": ">Préparer les retours<",
        ">Release Feedback<": ">Envoyer les retours<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/manage_students_base.tpl": {
        "Manage Students": "Gérer les apprenants",
        "Manage Assignments": "Gérer les devoirs",
        "Manual Grading": "Noter à la main",
    },
    "templates/manage_students.tpl": {
        '<li class="active">Students</li>': '<li class="active">Apprenants</li>',
        "<th>Name</th>": "<th>Nom</th>",
        ">Student ID<": ">Identifiant<",
        ">Email<": ">Courriel<",
        ">Overall Score<": ">Note totale<",
        ">Edit Student<": ">Modifier<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/manage_students_assignments.tpl": {
        ">Students</a>": ">Apprenants</a>",
        ">Assignment ID<": ">Devoir<",
        ">Overall Score<": ">Note totale<",
        ">Code Score<": ">Note du code<",
        ">Written Score<": ">Note des réponses écrites<",
        ">Task Score<": ">Note des tâches<",
        ">Needs Manual Grade?<": ">À noter à la main ?<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/manage_students_notebook_submissions.tpl": {
        ">Students</a>": ">Apprenants</a>",
        ">Notebook ID<": ">Carnet<",
        ">Overall Score<": ">Note totale<",
        ">Code Score<": ">Note du code<",
        ">Written Score<": ">Note des réponses écrites<",
        ">Task Score<": ">Note des tâches<",
        ">Needs manual grade?<": ">À noter à la main ?<",
        ">Tests failed?<": ">Tests échoués ?<",
        ">Flagged?<": ">Signalé ?<",
        "Loading, please wait...": "Chargement, veuillez patienter…",
    },
    "templates/formgrade/formgrade_macros.html.j2": {
        'title="{{ resources.index }} remaining"': (
            'title="Rendus précédents : {{ resources.index }}"'
        ),
        "&larr; Prev\n": "&larr; Précédent\n",
        ">Manual Grading<": ">Noter à la main<",
        "Submission #{{ resources.index + 1 }}": "Rendu n° {{ resources.index + 1 }}",
        'title="{{ resources.total - (resources.index + 1) }} remaining"': (
            'title="Rendus suivants : {{ resources.total - (resources.index + 1) }}"'
        ),
        "Next &rarr;": "Suivant &rarr;",
        '{title: "Show student name",': '{title: "Afficher le nom de l\'apprenant",',
        '{title: "Hide student name",': '{title: "Masquer le nom de l\'apprenant",',
    },
    "templates/formgrade/index.html.j2": {
        "<html>\n<head>": '<html lang="fr">\n<head>',
        ">Submission {{": ">Rendu {{",
        ">Resolve<": ">Valider<",
        ">Full credit<": ">Tous les points<",
        ">No credit<": ">Aucun point<",
        " (extra credit)\n": " (points bonus)\n",
        ">Student's task<": ">Tâche de l'apprenant<",
        ">Student's answer<": ">Réponse de l'apprenant<",
    },
    "static/js/utils.js": {
        '.attr("aria-label", "Close")': '.attr("aria-label", "Fermer")',
        '.text("Log Output")': '.text("Journal")',
        '.text("Traceback")': '.text("Détail de l\'erreur")',
        # DataTables' own words (search box, empty table, sorting for screen readers).
        "    tbl.DataTable({\n        info: false,": (
            "    tbl.DataTable({\n"
            "        language: {\n"
            '            search: "Rechercher :",\n'
            '            emptyTable: "Rien à afficher pour le moment.",\n'
            '            zeroRecords: "Aucune ligne ne correspond à votre recherche.",\n'
            "            aria: {\n"
            '                sortAscending: " : trier par ordre croissant",\n'
            '                sortDescending: " : trier par ordre décroissant"\n'
            "            }\n"
            "        },\n"
            "        info: false,"
        ),
    },
    "static/js/manage_assignments.js": {
        '.text("Name")': '.text("Nom")',
        '.text("Due date (optional)")': '.text("Date limite (facultatif)")',
        '.text("Timezone as UTC offset (optional)")': (
            '.text("Fuseau horaire, en écart avec UTC (facultatif)")'
        ),
        '.text("Save")': '.text("Enregistrer")',
        '.text("Cancel")': '.text("Annuler")',
        '"Editing " + this.model.get("name")': '"Modifier le devoir " + this.model.get("name")',
        'display_duedate = "None";': 'display_duedate = "(aucune)";',
        '.text("draft")': '.text("brouillon")',
        '.text("released")': '.text("publié")',
        '"Please wait..."': '"Veuillez patienter…"',
        '"Success",': '"Terminé",',
        '"Error",': '"Erreur",',
        '"Successfully created the student version of \'" + this.model.get("name") + "\':"': (
            '"La version apprenant du devoir « " + this.model.get("name") + " » est prête :"'
        ),
        '"There was an error creating the student version of \'" + this.model.get("name")'
        ' + "\':"': (
            '"Erreur pendant la préparation de la version apprenant du devoir « "'
            ' + this.model.get("name") + " » :"'
        ),
        '"There was an error creating the student version of \'" + this.model.get("name")'
        ' + "\'."': (
            '"Erreur pendant la préparation de la version apprenant du devoir « "'
            ' + this.model.get("name") + " »."'
        ),
        '"Successfully unreleased \'" + this.model.get("name") + "\'."': (
            '"Le devoir « " + this.model.get("name") + " » est retiré."'
        ),
        '"There was an error unreleasing \'" + this.model.get("name") + "\':"': (
            '"Erreur pendant le retrait du devoir « " + this.model.get("name") + " » :"'
        ),
        '"There was an error unreleasing \'" + this.model.get("name") + "\'."': (
            '"Erreur pendant le retrait du devoir « " + this.model.get("name") + " »."'
        ),
        '"Successfully released \'" + this.model.get("name") + "\'."': (
            '"Le devoir « " + this.model.get("name") + " » est publié."'
        ),
        '"There was an error releasing \'" + this.model.get("name") + "\':"': (
            '"Erreur pendant la publication du devoir « " + this.model.get("name") + " » :"'
        ),
        '"There was an error releasing \'" + this.model.get("name") + "\'."': (
            '"Erreur pendant la publication du devoir « " + this.model.get("name") + " »."'
        ),
        '"Successfully collected submissions of \'" + this.model.get("name") + "\'."': (
            '"Les rendus du devoir « " + this.model.get("name") + " » sont ramassés."'
        ),
        '"There was an error collecting \'" + this.model.get("name") + "\':"': (
            '"Erreur pendant le ramassage des rendus du devoir « " + this.model.get("name")'
            ' + " » :"'
        ),
        '"There was an error collecting submissions of \'" + this.model.get("name") + "\'."': (
            '"Erreur pendant le ramassage des rendus du devoir « " + this.model.get("name") + " »."'
        ),
        '"Successfully generated feedback of \'" + this.model.get("name") + "\'."': (
            '"Les retours du devoir « " + this.model.get("name") + " » sont prêts."'
        ),
        '"There was an error generating feedback of \'" + this.model.get("name") + "\':"': (
            '"Erreur pendant la préparation des retours du devoir « " + this.model.get("name")'
            ' + " » :"'
        ),
        '"There was an error generating feedback of \'" + this.model.get("name") + "\'."': (
            '"Erreur pendant la préparation des retours du devoir « " + this.model.get("name")'
            ' + " »."'
        ),
        '"Successfully released feedback of \'" + this.model.get("name") + "\'."': (
            '"Les retours du devoir « " + this.model.get("name") + " » sont envoyés."'
        ),
        '"There was an error releasing feedback of \'" + this.model.get("name") + "\':"': (
            '"Erreur pendant l\'envoi des retours du devoir « " + this.model.get("name") + " » :"'
        ),
        '"There was an error releasing feedback of \'" + this.model.get("name") + "\'."': (
            '"Erreur pendant l\'envoi des retours du devoir « " + this.model.get("name") + " »."'
        ),
        '.text("Saving...")': '.text("Enregistrement…")',
        "err.text(\"Assignment names may not include the '+' character.\")": (
            'err.text("Le nom d\'un devoir ne peut pas contenir le signe « + ».")'
        ),
        '"Add New Assignment"': '"Ajouter un devoir"',
    },
    "static/js/manage_submissions.js": {
        'if (last_name === null) last_name = "None";': (
            'if (last_name === null) last_name = "(sans nom)";'
        ),
        'if (first_name === null) first_name = "None";': (
            'if (first_name === null) first_name = "(sans prénom)";'
        ),
        'display_timestamp = "None";': 'display_timestamp = "(inconnue)";',
        '.text("needs autograding")': '.text("à corriger automatiquement")',
        '.text("needs manual grading")': '.text("à noter à la main")',
        '.text("graded")': '.text("noté")',
        '"Please wait..."': '"Veuillez patienter…"',
        '"Success",': '"Terminé",',
        '"Error",': '"Erreur",',
        '"Successfully autograded \'" + assignment + "\' for student \'" + student + "\'."': (
            '"Le devoir « " + assignment + " » de l\'apprenant « " + student'
            ' + " » est corrigé automatiquement."'
        ),
        '"There was an error autograding \'" + assignment + "\' for student \'" + student'
        ' + "\':"': (
            '"Erreur pendant la correction automatique du devoir « " + assignment'
            ' + " » de l\'apprenant « " + student + " » :"'
        ),
        '"There was an error autograding \'" + assignment + "\' for student \'" + student'
        ' + "\'."': (
            '"Erreur pendant la correction automatique du devoir « " + assignment'
            ' + " » de l\'apprenant « " + student + " »."'
        ),
        '"Successfully generated feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\'."': (
            '"Le retour du devoir « " + assignment + " » pour l\'apprenant « " + student'
            ' + " » est prêt."'
        ),
        '"There was an error generating feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\':"': (
            '"Erreur pendant la préparation du retour du devoir « " + assignment'
            ' + " » pour l\'apprenant « " + student + " » :"'
        ),
        '"There was an error generating feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\'."': (
            '"Erreur pendant la préparation du retour du devoir « " + assignment'
            ' + " » pour l\'apprenant « " + student + " »."'
        ),
        '"Successfully released feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\'."': (
            '"Le retour du devoir « " + assignment + " » est envoyé à l\'apprenant « "'
            ' + student + " »."'
        ),
        '"There was an error releasing feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\':"': (
            '"Erreur pendant l\'envoi du retour du devoir « " + assignment'
            ' + " » à l\'apprenant « " + student + " » :"'
        ),
        '"There was an error releasing feedback for \'" + assignment + "\' for student \'"'
        ' + student + "\'."': (
            '"Erreur pendant l\'envoi du retour du devoir « " + assignment'
            ' + " » à l\'apprenant « " + student + " »."'
        ),
    },
    "static/js/manage_students.js": {
        '.text("Student ID")': '.text("Identifiant")',
        '.text("First name (optional)")': '.text("Prénom (facultatif)")',
        '.text("Last name (optional)")': '.text("Nom (facultatif)")',
        '.text("Email (optional)")': '.text("Courriel (facultatif)")',
        '.text("Save")': '.text("Enregistrer")',
        '.text("Cancel")': '.text("Annuler")',
        '"Editing " + this.model.get("id")': '"Modifier l\'apprenant " + this.model.get("id")',
        'if (last_name === null) last_name = "None";': (
            'if (last_name === null) last_name = "(sans nom)";'
        ),
        'if (first_name === null) first_name = "None";': (
            'if (first_name === null) first_name = "(sans prénom)";'
        ),
        'if (email === null) email = "None";': 'if (email === null) email = "(aucun)";',
        '.text("Saving...")': '.text("Enregistrement…")',
        '"Add New Student"': '"Ajouter un apprenant"',
    },
    "static/js/manage_students_assignments.js": {
        'name + " (no submission)"': 'name + " (pas de rendu)"',
        'name + " (not autograded)"': 'name + " (pas encore corrigé automatiquement)"',
        # What the table's search box finds in the column (not shown, not compared).
        '"data-search", "needs manual grade"': '"data-search", "à noter à la main"',
    },
    "static/js/manage_students_notebook_submissions.js": {
        'name + " (file missing)"': 'name + " (fichier manquant)"',
        '"data-search", "needs manual grade"': '"data-search", "à noter à la main"',
        '"data-search", "tests failed"': '"data-search", "tests échoués"',
        '"data-search", "flagged"': '"data-search", "signalé"',
    },
    "static/js/gradebook_assignments.js": {
        'display_duedate = "None";': 'display_duedate = "(aucune)";',
    },
    "static/js/gradebook_notebooks.js": {
        '"data-search", "needs manual grade"': '"data-search", "à noter à la main"',
    },
    "static/js/gradebook_notebook_submissions.js": {
        '.text("Submission #" + ': '.text("Rendu n° " + ',
        '"data-search", "needs manual grade"': '"data-search", "à noter à la main"',
        '"data-search", "tests failed"': '"data-search", "tests échoués"',
        '"data-search", "flagged"': '"data-search", "signalé"',
        '{title: "Show student name"}': '{title: "Afficher le nom de l\'apprenant"}',
        '{title: "Hide student name"}': '{title: "Masquer le nom de l\'apprenant"}',
        # Set and compared in this file and in the template: all the same French.
        '"Show All Names"': '"Afficher tous les noms"',
        '"Hide All Names"': '"Masquer tous les noms"',
    },
    "static/js/formgrade.js": {
        '"Move to the next score or comment input"': (
            '"Aller à la note ou au commentaire suivant"'
        ),
        '"Move to the previous score or comment input"': (
            '"Aller à la note ou au commentaire précédent"'
        ),
        '"Defocus and save the current score or comment input"': (
            '"Quitter la note ou le commentaire en cours, et l\'enregistrer"'
        ),
        '"Refocus the most recent score or comment input"': (
            '"Revenir à la dernière note ou au dernier commentaire sélectionné"'
        ),
        '"Move to the same score or comment input of the next submission"': (
            '"Aller à la même note ou au même commentaire dans le rendu suivant"'
        ),
        '"Move to the same score or comment input of the next submission with failed tests"': (
            '"Aller à la même note ou au même commentaire dans le rendu suivant qui a des'
            ' tests échoués"'
        ),
        '"Move to the same score or comment input of the previous submission"': (
            '"Aller à la même note ou au même commentaire dans le rendu précédent"'
        ),
        '"Move to the same score or comment input of the previous submission with failed tests"': (
            '"Aller à la même note ou au même commentaire dans le rendu précédent qui a des'
            ' tests échoués"'
        ),
        '"Flag the submission"': '"Signaler ce rendu, ou retirer le signalement"',
        '"Submission flagged"': '"Rendu signalé"',
        '"Submission unflagged"': '"Signalement retiré"',
    },
    "static/js/formgrade_models.js": {
        '"Type any comments here (supports Markdown and MathJax)"': (
            "\"Écrivez ici votre commentaire pour l'apprenant (Markdown et formules MathJax"
            ' acceptés)"'
        ),
    },
    "static/js/formgrade_keyboardmanager.js": {
        '.attr("aria-label", "Close")': '.attr("aria-label", "Fermer")',
        '.text("Keyboard shortcuts")': '.text("Raccourcis clavier")',
        # The keys as a French keyboard names them; only the text shown changes.
        ".text(keybinding))": (
            '.text(keybinding.replace("control", "Ctrl").replace("shift", "Maj")'
            '.replace("escape", "Échap").replace("enter", "Entrée").replace("tab", "Tab")))'
        ),
        '.text("Close")': '.text("Fermer")',
    },
}
