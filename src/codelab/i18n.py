"""What users read, in French first and English too. One key per sentence."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sign_in": {"fr": "Connexion", "en": "Sign in"},
    "username": {"fr": "Identifiant", "en": "Username"},
    "password": {"fr": "Mot de passe", "en": "Password"},
    "submit_sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "bad_login": {
        "fr": (
            "Identifiant ou mot de passe incorrect. La première fois, c'est le mot de passe"
            " de votre carte. Mot de passe oublié ? Votre formateur vous donne une nouvelle"
            " carte."
        ),
        "en": (
            "Wrong username or password. The first time, it is the password on your card."
            " Forgot your password? Your trainer gives you a new card."
        ),
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
    "start_grading": {
        "fr": "Gérer et corriger les devoirs",
        "en": "Manage and grade the assignments",
    },
    "account_inactive": {
        "fr": "Ce compte est désactivé. Adressez-vous à votre formateur ou formatrice.",
        "en": "This account is deactivated. Ask your trainer.",
    },
    "sandbox_failed": {
        "fr": "Ce test n'a pas réussi.",
        "en": "This test did not pass.",
    },
    "sandbox_timeout": {
        "fr": "Le notebook a dépassé le temps permis (une boucle sans fin ?) : ce test n'a pas "
        "pu se terminer.",
        "en": "The notebook ran out of time (an endless loop?): this test could not finish.",
    },
    "sandbox_cpu": {
        "fr": "Le notebook a utilisé trop de temps de calcul (une boucle sans fin ?) : ce test "
        "n'a pas pu se terminer.",
        "en": "The notebook used too much computing time (an endless loop?): this test could "
        "not finish.",
    },
    "sandbox_kernel_died": {
        "fr": "Le programme s'est arrêté avant ce test (os._exit, plantage ?) : ce test n'a "
        "pas été exécuté.",
        "en": "The program stopped before this test (os._exit, a crash?): the test did not run.",
    },
    "sandbox_memory": {
        "fr": "Le notebook a utilisé trop de mémoire : ce test n'a pas pu s'exécuter.",
        "en": "The notebook used too much memory: this test could not run.",
    },
    "sandbox_output": {
        "fr": "Le notebook affiche trop de texte : ce test n'a pas pu être lu.",
        "en": "The notebook prints too much: this test could not be read.",
    },
    "sandbox_too_large": {
        "fr": "Le devoir rendu est trop volumineux pour être corrigé.",
        "en": "The submission is too large to be graded.",
    },
    "sandbox_not_run": {
        "fr": "Ce test n'a pas été exécuté.",
        "en": "This test did not run.",
    },
    "sandbox_cut": {
        "fr": "[… la suite de l'affichage a été coupée : trop longue …]",
        "en": "[… the rest of the output was cut: too long …]",
    },
    "cards_title": {"fr": "Cartes de connexion — {lab}", "en": "Login cards — {lab}"},
    "card_address": {"fr": "Adresse du lab", "en": "Lab address"},
    "card_password": {"fr": "Mot de passe provisoire", "en": "Temporary password"},
    "card_first_login": {
        "fr": "À la première connexion, vous choisirez votre propre mot de passe.",
        "en": "At your first login, you will choose your own password.",
    },
    "card_own_password": {
        "fr": "Mot de passe : celui que vous avez choisi.",
        "en": "Password: the one you chose.",
    },
    "wrong_current": {
        "fr": "Le mot de passe actuel est incorrect.",
        "en": "The current password is wrong.",
    },
    "too_long": {
        "fr": "Ce mot de passe est trop long : {n} caractères au plus. "
        "Choisissez-en un plus court.",
        "en": "This password is too long: {n} characters at most. Choose a shorter one.",
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
    "home_full": {
        "fr": "Votre dossier est plein ({size}) : rien n'a été enregistré, votre fichier est "
        "resté comme avant. Supprimez des fichiers dont vous n'avez plus besoin (clic droit, "
        "Supprimer), puis enregistrez à nouveau.",
        "en": "Your folder is full ({size}): nothing was saved, your file is as it was. "
        "Delete files you no longer need (right click, Delete), then save again.",
    },
    "hub_disk_full_title": {"fr": "Le lab manque de place", "en": "The lab is out of room"},
    "hub_disk_full": {
        "fr": "Le disque du lab est plein : rien n'a été perdu, mais il ne peut rien "
        "enregistrer pour l'instant. Si vous étiez déjà connecté·e, votre espace de travail "
        "continue de fonctionner. Prévenez votre formateur ; réessayez quand l'administrateur "
        "aura libéré de la place.",
        "en": "The lab's disk is full: nothing was lost, but it cannot save anything for now. "
        "If you were already signed in, your workspace keeps working. Tell your instructor; "
        "try again once the admin has made room.",
    },
    "server_failed": {
        "fr": "Votre espace de travail n'a pas pu démarrer. Réessayez dans une minute ; si "
        "cela recommence, prévenez votre formateur : l'administrateur du lab voit pourquoi.",
        "en": "Your workspace could not start. Try again in a minute; if it happens again, "
        "tell your instructor: the lab's admin can see why.",
    },
    # A class logging in at once: the page a trainee waits on says where she is.
    "start_queued": {
        "fr": "Beaucoup de monde se connecte en ce moment. Votre place dans la file\u00a0: "
        "{place}. Votre espace de travail sera prêt dans environ {wait}\u00a0; gardez cette "
        "page ouverte.",
        "en": "Many people are logging in right now. Your place in the queue: {place}. Your "
        "workspace will be ready in about {wait}; keep this page open.",
    },
    "start_queued_next": {
        "fr": "C'est bientôt votre tour\u00a0: votre espace de travail sera prêt dans environ "
        "{wait}\u00a0; gardez cette page ouverte.",
        "en": "Your turn is next: your workspace will be ready in about {wait}; keep this "
        "page open.",
    },
    "wait_seconds": {"fr": "{count}\u00a0secondes", "en": "{count} seconds"},
    "wait_minutes": {"fr": "{count}\u00a0minutes", "en": "{count} minutes"},
    "start_starting": {
        "fr": "Démarrage de votre espace de travail…",
        "en": "Starting your workspace…",
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
    # Roster import (codelab.roster). Row messages follow "ligne N : ".
    "roster_line": {"fr": "ligne {line} : {text}", "en": "line {line}: {text}"},
    "roster_column_first_name": {"fr": "prénom", "en": "first name"},
    "roster_column_last_name": {"fr": "nom", "en": "last name"},
    "roster_column_email": {"fr": "e-mail", "en": "e-mail"},
    "roster_column_username": {"fr": "identifiant", "en": "username"},
    "roster_empty": {
        "fr": "Le fichier est vide : il faut une ligne d'en-tête (prénom, nom), "
        "puis une ligne par personne.",
        "en": "The file is empty: it needs a header line (first name, last name), "
        "then one line per person.",
    },
    "roster_not_csv": {
        "fr": "Ce fichier n'est pas un CSV : dans le tableur, exportez la feuille "
        "au format « CSV UTF-8 », puis importez ce fichier-là.",
        "en": "This file is not a CSV: in the spreadsheet, export the sheet "
        'as "CSV UTF-8", then import that file.',
    },
    "roster_encoding": {
        "fr": "Le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » "
        "dans le tableur, puis recommencez.",
        "en": 'The file is not UTF-8: save it as "CSV UTF-8" in the spreadsheet, then try again.',
    },
    "roster_unreadable": {
        "fr": "ligne illisible, sans doute un guillemet jamais refermé : corrigez-la "
        "(les lignes suivantes n'ont pas été lues).",
        "en": "unreadable line, probably a quote never closed: fix it "
        "(the lines after it were not read).",
    },
    "roster_missing_columns": {
        "fr": "colonnes manquantes dans l'en-tête : {missing}. La première ligne doit "
        "nommer les colonnes : prénom et nom, et si besoin e-mail et identifiant. "
        "Trouvé : {found}.",
        "en": "columns missing from the header: {missing}. The first line must name the "
        "columns: first name and last name, and if needed e-mail and username. "
        "Found: {found}.",
    },
    "roster_column_twice": {
        "fr": "la colonne « {name} » est en double dans l'en-tête : gardez-en une seule.",
        "en": 'the column "{name}" appears twice in the header: keep only one.',
    },
    "roster_no_rows": {
        "fr": "Le fichier ne contient que l'en-tête : ajoutez une ligne par personne.",
        "en": "The file holds only the header: add one line per person.",
    },
    "roster_header_repeated": {
        "fr": "en-tête répété : ligne ignorée (ce n'est pas une erreur).",
        "en": "repeated header: line skipped (not an error).",
    },
    "roster_extra_cells": {
        "fr": "la ligne a plus de cases que l'en-tête : un nom contient-il "
        "un « {delimiter} » ? Mettez ce nom entre guillemets ou retirez le « {delimiter} ».",
        "en": "the line has more cells than the header: does a name contain "
        'a "{delimiter}"? Put that name in quotes or remove the "{delimiter}".',
    },
    "roster_missing": {
        "fr": "la case « {column} » est vide : complétez-la.",
        "en": "the {column} cell is empty: fill it in.",
    },
    "roster_control": {
        "fr": "la case « {column} » contient un caractère invisible ou de contrôle "
        "(tabulation, retour à la ligne...) : retapez-la.",
        "en": "the {column} cell contains an invisible or control character "
        "(tab, line break...): type it again.",
    },
    "roster_formula": {
        "fr": "la case « {column} » commence par « {char} », comme une formule de tableur : "
        "corrigez-la (un nom ne commence ni par =, ni par +, ni par -, ni par @).",
        "en": 'the {column} cell starts with "{char}", like a spreadsheet formula: '
        "fix it (a name does not start with =, +, - or @).",
    },
    "roster_too_long": {
        "fr": "la case « {column} » est trop longue ({length} caractères, {max} au plus) : "
        "raccourcissez-la.",
        "en": "the {column} cell is too long ({length} characters, at most {max}): shorten it.",
    },
    "roster_bad_email": {
        "fr": "l'e-mail « {value} » n'est pas valide : corrigez-le ou laissez la case vide.",
        "en": 'the e-mail "{value}" is not valid: fix it or leave the cell empty.',
    },
    "roster_bad_username": {
        "fr": "l'identifiant « {value} » n'est pas valide : 1 à 32 caractères parmi "
        "a-z, 0-9, point, tiret et tiret bas, en commençant par une lettre. "
        "Corrigez-le, ou laissez la case vide pour qu'il soit créé à partir du nom.",
        "en": 'the username "{value}" is not valid: 1 to 32 characters among '
        "a-z, 0-9, dot, hyphen and underscore, starting with a letter. "
        "Fix it, or leave the cell empty to have it made from the name.",
    },
    "roster_reserved_username": {
        "fr": "l'identifiant « {value} » est réservé par le lab : choisissez-en un autre "
        "ou laissez la case vide.",
        "en": 'the username "{value}" is reserved by the lab: choose another one '
        "or leave the cell empty.",
    },
    "roster_duplicate": {
        "fr": "même personne que la ligne {other} : supprimez l'une des deux lignes. "
        "S'il s'agit de deux personnes, indiquez leur e-mail ou leur identifiant.",
        "en": "same person as line {other}: delete one of the two lines. "
        "If they are two people, give their e-mails or usernames.",
    },
    "roster_username_repeated": {
        "fr": "l'identifiant « {value} » est déjà donné à la ligne {other} : "
        "choisissez-en un autre.",
        "en": 'the username "{value}" is already given on line {other}: choose another one.',
    },
    "roster_username_taken": {
        "fr": "l'identifiant « {value} » appartient déjà à un autre compte du lab : "
        "choisissez-en un autre ou laissez la case vide.",
        "en": 'the username "{value}" already belongs to another account of the lab: '
        "choose another one or leave the cell empty.",
    },
    "roster_ambiguous": {
        "fr": "plusieurs comptes du lab correspondent à cette personne ({usernames}) : "
        "indiquez le bon dans la colonne identifiant.",
        "en": "several accounts of the lab match this person ({usernames}): "
        "give the right one in the username column.",
    },
    "roster_no_username": {
        "fr": "impossible de créer un identifiant à partir de ce nom : "
        "indiquez-en un dans la colonne identifiant.",
        "en": "cannot make a username from this name: give one in the username column.",
    },
    # The progress pages (codelab.progress): « Mon parcours » and the cohort dashboard.
    "progress_title": {"fr": "Mon parcours", "en": "My progress"},
    "progress_of": {"fr": "Parcours de {name}", "en": "Progress of {name}"},
    "progress_next": {"fr": "Prochaine échéance", "en": "Next deadline"},
    "progress_next_none": {
        "fr": "Rien à rendre pour l'instant.",
        "en": "Nothing to hand in for now.",
    },
    "progress_due": {"fr": "à rendre le {day}", "en": "due {day}"},
    "progress_due_short": {"fr": "pour le {day}", "en": "by {day}"},
    "progress_extended": {"fr": "délai prolongé", "en": "extended"},
    "progress_released": {"fr": "publié le {day}", "en": "released {day}"},
    "progress_overall": {
        "fr": "Devoirs notés : {graded} sur {total} · rendus : {submitted}",
        "en": "Assignments graded: {graded} of {total} · handed in: {submitted}",
    },
    "progress_planned": {"fr": "prévu pour le {day}", "en": "planned for {day}"},
    "progress_competencies": {"fr": "Compétences", "en": "Competencies"},
    "progress_mastery_note": {
        "fr": "Une compétence est maîtrisée à {percent} % de ses points sur tout le parcours.",
        "en": "A competency is mastered at {percent} % of its points over the whole track.",
    },
    "progress_mastered": {"fr": "maîtrisé", "en": "mastered"},
    "progress_not_mastered": {"fr": "pas encore maîtrisé", "en": "not mastered yet"},
    "progress_points_of": {
        "fr": "{earned} / {possible} points",
        "en": "{earned} / {possible} points",
    },
    "progress_score": {"fr": "note : {score} / {max}", "en": "score: {score} / {max}"},
    "progress_not_graded": {"fr": "pas encore noté", "en": "not graded yet"},
    "progress_feedback": {"fr": "Lire la correction", "en": "Read the feedback"},
    "progress_feedback_of": {
        "fr": "Correction de « {title} »",
        "en": "Feedback on \u201c{title}\u201d",
    },
    "progress_points": {"fr": "{points} points", "en": "{points} points"},
    "progress_nothing": {
        "fr": "Vous n'êtes inscrit à aucune formation pour l'instant.",
        "en": "You are not enrolled in any course yet.",
    },
    "progress_to_lab": {"fr": "Ouvrir mon espace de travail", "en": "Open my workspace"},
    "progress_cohorts": {"fr": "Suivi des promotions", "en": "Cohorts"},
    "progress_no_cohort": {
        "fr": "Aucune promotion n'est inscrite à cette formation.",
        "en": "No cohort is enrolled in this course.",
    },
    "progress_overdue": {
        "fr": "En retard ({count}) :",
        "en": "Late ({count}):",
    },
    "dashboard_days": {"fr": "Jours d'inactivité", "en": "Days inactive"},
    "dashboard_apply": {"fr": "Afficher", "en": "Show"},
    "dashboard_below_mark": {"fr": "sous le seuil", "en": "below the mark"},
    "status_not_released": {"fr": "pas encore publié", "en": "not released yet"},
    "status_todo": {"fr": "à faire", "en": "to do"},
    "status_fetched": {"fr": "récupéré", "en": "fetched"},
    "status_late": {"fr": "en retard", "en": "late"},
    "status_submitted": {"fr": "rendu", "en": "handed in"},
    "status_graded": {"fr": "noté", "en": "graded"},
    "dashboard_title": {"fr": "{course} — promotion {cohort}", "en": "{course} — cohort {cohort}"},
    "dashboard_start": {"fr": "début le {day}", "en": "starts {day}"},
    "dashboard_no_start": {
        "fr": "sans date de début (codelab cohort start {cohort} AAAA-MM-JJ)",
        "en": "no start date (codelab cohort start {cohort} YYYY-MM-DD)",
    },
    "dashboard_trainees": {"fr": "Apprenants", "en": "Trainees"},
    "dashboard_filter": {"fr": "Afficher", "en": "Show"},
    "dashboard_everyone": {"fr": "tout le monde", "en": "everyone"},
    "dashboard_never_started": {"fr": "jamais commencé", "en": "never started"},
    "dashboard_inactive": {
        "fr": "inactifs depuis {days} jours",
        "en": "inactive for {days} days",
    },
    "dashboard_late": {"fr": "en retard ou manquant", "en": "late or missing"},
    "dashboard_failing": {"fr": "en difficulté", "en": "struggling"},
    "dashboard_shown": {"fr": "{shown} sur {total}", "en": "{shown} of {total}"},
    "dashboard_name": {"fr": "Apprenant", "en": "Trainee"},
    "dashboard_last_seen": {"fr": "Vu", "en": "Seen"},
    "dashboard_never_seen": {"fr": "jamais", "en": "never"},
    "dashboard_days_ago": {"fr": "il y a {days} j", "en": "{days} d ago"},
    "dashboard_today": {"fr": "aujourd'hui", "en": "today"},
    "dashboard_statistics": {"fr": "Résultats par devoir", "en": "Results by assignment"},
    "dashboard_histogram": {
        "fr": "Répartition des notes de « {title} » ({graded} notés) : {counts}",
        "en": "Scores of \u201c{title}\u201d ({graded} graded): {counts}",
    },
    "dashboard_bin": {"fr": "{low}–{high} % : {count}", "en": "{low}–{high} %: {count}"},
    "dashboard_most_failed": {"fr": "Tests les plus échoués", "en": "Most-failed tests"},
    "dashboard_failed_count": {"fr": "échoué {count} fois", "en": "failed {count} times"},
    "dashboard_none_graded": {"fr": "rien de noté encore", "en": "nothing graded yet"},
    "dashboard_competencies": {
        "fr": "Compétences de la promotion",
        "en": "The cohort's competencies",
    },
    "dashboard_weakest": {
        "fr": "Le plus souvent sous le seuil",
        "en": "Most often below the mark",
    },
    "dashboard_below": {
        "fr": "{count} sous {percent} %",
        "en": "{count} below {percent} %",
    },
    "evidence_title": {"fr": "Dossier de preuves — {name}", "en": "Evidence — {name}"},
    "evidence_track": {
        "fr": "Titre professionnel Développeur web et web mobile (RNCP37674)",
        "en": "Professional title Web and web mobile developer (RNCP37674)",
    },
    "evidence_about": {
        "fr": "{username} · promotion {cohort} · {course} · document du {day}",
        "en": "{username} · cohort {cohort} · {course} · made on {day}",
    },
    "evidence_summary": {"fr": "Synthèse par compétence", "en": "Summary by competency"},
    "evidence_competency": {"fr": "Compétence", "en": "Competency"},
    "evidence_points": {"fr": "Points", "en": "Points"},
    "evidence_state": {"fr": "État", "en": "State"},
    "evidence_assignment": {"fr": "Devoir", "en": "Assignment"},
    "evidence_handed_in": {"fr": "Rendu le", "en": "Handed in"},
    "evidence_none": {
        "fr": "Aucun devoir de la formation n'en donne la preuve.",
        "en": "No assignment of the course evidences it.",
    },
    "evidence_work": {"fr": "Travaux notés", "en": "Graded work"},
    "evidence_no_work": {
        "fr": "Aucun travail corrigé n'est encore publié.",
        "en": "No graded work released yet.",
    },
    "evidence_see_work": {"fr": "voir le travail", "en": "see the work"},
    "evidence_link": {"fr": "dossier", "en": "evidence"},
    "evidence_csv": {
        "fr": "Télécharger les compétences de la promotion (CSV)",
        "en": "Download the cohort's competencies (CSV)",
    },
    "evidence_csv_last_name": {"fr": "nom", "en": "last name"},
    "evidence_csv_first_name": {"fr": "prénom", "en": "first name"},
    "evidence_csv_cohort": {"fr": "promotion", "en": "cohort"},
    "evidence_csv_earned": {"fr": "points", "en": "earned"},
    "evidence_csv_possible": {"fr": "sur", "en": "possible"},
    "evidence_csv_mastered": {"fr": "maîtrisé", "en": "mastered"},
    "evidence_csv_yes": {"fr": "oui", "en": "yes"},
    "evidence_csv_no": {"fr": "non", "en": "no"},
    "extension_give": {"fr": "Prolonger le délai", "en": "Give more time"},
    "extension_until": {"fr": "Nouveau dernier jour", "en": "New last day"},
    "extension_reason": {"fr": "Raison (gardée avec le délai)", "en": "Reason (kept with it)"},
    "extension_submit": {"fr": "Prolonger", "en": "Extend"},
    "extension_done": {
        "fr": "Délai prolongé : la nouvelle date est affichée ci-dessous, et chez l'apprenant.",
        "en": "Time extended: the new day shows below, and on the trainee's own pages.",
    },
    "extension_refused": {
        "fr": "Le délai n'a pas été prolongé : {why}",
        "en": "No more time was given: {why}",
    },
    "cp1": {
        "fr": "Installer et configurer son environnement de travail",
        "en": "Install and configure the work environment",
    },
    "cp2": {"fr": "Maquetter des interfaces utilisateur", "en": "Design user-interface mock-ups"},
    "cp3": {
        "fr": "Réaliser des interfaces utilisateur statiques",
        "en": "Build static user interfaces",
    },
    "cp4": {
        "fr": "Développer la partie dynamique des interfaces",
        "en": "Build the dynamic part of interfaces",
    },
    "cp5": {
        "fr": "Mettre en place une base de données relationnelle",
        "en": "Set up a relational database",
    },
    "cp6": {
        "fr": "Développer des composants d'accès aux données SQL et NoSQL",
        "en": "Build SQL and NoSQL data-access components",
    },
    "cp7": {
        "fr": "Développer des composants métier côté serveur",
        "en": "Build server-side business components",
    },
    "cp8": {
        "fr": "Documenter le déploiement d'une application dynamique",
        "en": "Document the deployment of a dynamic application",
    },
    "error_forbidden": {
        "fr": "Cette page n'est pas la vôtre.",
        "en": "This page is not yours.",
    },
    "error_not_found": {"fr": "Cette page n'existe pas.", "en": "There is no such page."},
    "error_hub_away": {
        "fr": "Le lab ne répond pas pour l'instant : rechargez la page dans une minute.",
        "en": "The lab does not answer right now: reload the page in a minute.",
    },
    "error_course_broken": {
        "fr": "Cette formation est mal décrite pour l'instant : prévenez l'administrateur du lab.",
        "en": "This course is misdescribed for now: tell the lab's admin.",
    },
    "error_back": {"fr": "Retour", "en": "Back"},
}

DAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}  # fmt: skip


def long_day(day, language: str = "fr", this_year: int | None = None) -> str:
    """« vendredi 1er mai » / "Friday 1 May": a date as people say it; with its year when
    that is not `this_year`."""
    language = language if language in DAYS else "fr"
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    said = f"{DAYS[language][day.weekday()]} {number} {MONTHS[language][day.month - 1]}"
    return said if day.year == this_year else f"{said} {day.year}"


LANGUAGES = ("fr", "en")  # every message has both; French is the default


def replace_texts(text: str, table: dict[str, str]) -> tuple[str, list[str]]:
    """Another project's English texts put in French: the text with each passage of the table
    replaced, and the passages not found (reworded upstream, so left in English)."""
    missing = [english for english in table if english not in text]
    for english, french in table.items():
        text = text.replace(english, french)
    return text, missing


def t(key: str, language: str = "fr", **values: object) -> str:
    """The sentence `key` in `language` (French when the language is unknown)."""
    texts = MESSAGES[key]
    return texts.get(language, texts["fr"]).format_map(_KeepMissing(values))


class _KeepMissing(dict):
    """Leaves a placeholder that was not given as it is, so one set of values fits all."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
