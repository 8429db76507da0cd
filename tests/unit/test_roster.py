"""Roster parsing: what an admin's spreadsheet export turns into, line by line."""

import csv
import re
import unicodedata

import pytest

from codelab.config import MAX_USERNAME_LENGTH, USERNAME_PATTERN
from codelab.roster import Identity, parse_roster
from codelab.usernames import make_username

BOM = "\ufeff"


def csv_file(*lines, sep=";", eol="\r\n", bom=False, encoding="utf-8"):
    """A roster's bytes; each line is a list of cells (or a raw string)."""
    rows = [line if isinstance(line, str) else sep.join(line) for line in lines]
    return ((BOM if bom else "") + eol.join(rows) + eol).encode(encoding)


FR_HEADER = ["Prénom", "Nom", "E-mail", "Identifiant"]
EN_HEADER = ["First name", "Last name", "Email", "Username"]


def usernames(result):
    return [(x.line, x.username) for x in result.trainees]


def errors(result, language="fr"):
    return [issue.message(language) for issue in result.errors]


def existing_from(result):
    """The accounts an import of `result` would leave, as the next parse's `existing`."""
    return {x.username: x.identity for x in result.trainees}


# --- Formats ----------------------------------------------------------------------------


def test_french_export_with_bom_crlf_and_semicolons():
    data = csv_file(
        FR_HEADER,
        ["Aïcha", "N'Diaye", "aicha@example.org", ""],
        ["Jean-Pierre", "Dupont", "", ""],
        bom=True,
    )
    result = parse_roster(data)
    assert result.ok and result.delimiter == ";"
    assert usernames(result) == [(2, "aicha.ndiaye"), (3, "jean-pierre.dupont")]
    first = result.trainees[0]
    assert (first.first_name, first.last_name, first.email) == (
        "Aïcha",
        "N'Diaye",
        "aicha@example.org",
    )
    assert result.trainees[1].email is None
    assert all(x.status == "new" and x.generated for x in result.trainees)


def test_english_header_commas_and_lf():
    data = csv_file(["First Name", "Last Name"], ["Amina", "Diallo"], sep=",", eol="\n")
    result = parse_roster(data)
    assert result.ok and result.delimiter == ","
    assert usernames(result) == [(2, "amina.diallo")]


def test_tab_separated_export():
    result = parse_roster(csv_file(["prenom", "nom"], ["Bilal", "Haddad"], sep="\t"))
    assert result.delimiter == "\t" and usernames(result) == [(2, "bilal.haddad")]


@pytest.mark.parametrize(
    "header",
    [
        ["Prénom", "NOM DE FAMILLE", "Adresse e-mail", "Identifiant"],
        ["  PRENOM ", "nom", "Courriel", "utilisateur"],
        ["Given name", "Family name", "e-mail", "login"],
        ["firstname", "Surname", "Mail", "Nom d'utilisateur"],
        ["FIRST NAME", "LastName", "Email Address", "User name"],
    ],
)
def test_header_names_in_french_or_english_any_case_accents_or_spacing(header):
    result = parse_roster(csv_file(header, ["Zoé", "Lefèvre", "zoe@example.org", "Zoe.L"]))
    assert result.ok, errors(result)
    trainee = result.trainees[0]
    assert (trainee.first_name, trainee.last_name) == ("Zoé", "Lefèvre")
    assert (trainee.email, trainee.username) == ("zoe@example.org", "zoe.l")


def test_columns_in_any_order_and_unknown_columns_are_ignored():
    data = csv_file(["Téléphone", "Nom", "Prénom"], ["0601020304", "Martin", "Marie"])
    result = parse_roster(data)
    assert usernames(result) == [(2, "marie.martin")]
    assert result.ignored_columns == ("Téléphone",)


def test_a_missing_header_says_which_columns_are_expected():
    result = parse_roster(csv_file(["Marie", "Martin"], ["Paul", "Durand"]))
    assert not result.ok and result.trainees == ()
    [message] = errors(result)
    assert message.startswith("ligne 1 : colonnes manquantes dans l'en-tête : prénom, nom.")
    assert "prénom et nom, et si besoin e-mail et identifiant" in message
    assert "Trouvé : Marie | Martin." in message
    assert errors(result, "en")[0].startswith(
        "line 1: columns missing from the header: first name, last name."
    )


def test_a_header_without_last_name_names_that_column():
    result = parse_roster(csv_file(["Prénom", "E-mail"], ["Marie", "m@example.org"]))
    assert errors(result)[0].startswith("ligne 1 : colonnes manquantes dans l'en-tête : nom.")


def test_a_column_given_twice_is_an_error():
    result = parse_roster(csv_file(["Prénom", "Nom", "Surname"], ["Marie", "Martin", "X"]))
    assert errors(result) == [
        "ligne 1 : la colonne « Surname » est en double dans l'en-tête : gardez-en une seule."
    ]


def test_blank_lines_are_ignored_but_counted_in_line_numbers():
    data = csv_file("", FR_HEADER[:2], "", ["Marie", "Martin"], ";;", "  ", ["Paul", "Durand"])
    result = parse_roster(data)
    assert result.ok
    assert usernames(result) == [(4, "marie.martin"), (7, "paul.durand")]


def test_a_quoted_cell_over_two_lines_keeps_later_line_numbers_right():
    data = csv_file(FR_HEADER[:2], '"Marie\nClaire";Martin', ["Paul", "Durand"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 2 : la case « prénom » contient un caractère invisible ou de contrôle "
        "(tabulation, retour à la ligne...) : retapez-la."
    ]
    assert usernames(result) == [(4, "paul.durand")]


def test_a_comma_in_a_name_of_a_comma_file_is_reported():
    data = csv_file(["Prénom", "Nom"], ["Marie", "Martin, Dupont"], sep=",")
    result = parse_roster(data)
    assert errors(result)[0].startswith("ligne 2 : la ligne a plus de cases que l'en-tête")
    assert "« , »" in errors(result)[0]


def test_a_quote_never_closed_stops_the_reading_with_its_line():
    old_limit = csv.field_size_limit(1000)
    try:
        data = csv_file(["Prénom", "Nom"], ["Marie", "Martin"], '"Paul;Durand', *["x;y"] * 300)
        result = parse_roster(data)
    finally:
        csv.field_size_limit(old_limit)
    assert errors(result) == [
        "ligne 3 : ligne illisible, sans doute un guillemet jamais refermé : corrigez-la "
        "(les lignes suivantes n'ont pas été lues)."
    ]


# --- Usernames --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "username"),
    [
        ("Aïcha", "N'Diaye", "aicha.ndiaye"),
        ("Aïcha", "N’Diaye", "aicha.ndiaye"),
        ("Jean-Pierre", "Dupont", "jean-pierre.dupont"),
        ("Jean Pierre", "De La Fontaine", "jean-pierre.de-la-fontaine"),
        ("Алексей", "Иванов", "aleksey.ivanov"),
        ("Ελένη", "Παπαδοπούλου", "eleni.papadopoyloy"),
        ("İlkay", "Gündoğan", "ilkay.gundogan"),
        ("Işık", "Yılmaz", "isik.yilmaz"),
        ("Łukasz", "Øster-Straße", "lukasz.oster-strasse"),
        ("Nguyễn", "Thị Minh", "nguyen.thi-minh"),
        ("Mаrie", "Мartin", "marie.martin"),  # Cyrillic а and М
        ("3 Marie", "Martin", "marie.martin"),
    ],
)
def test_usernames_are_lowercase_ascii_first_dot_last(first, last, username):
    assert make_username(first, last) == username


def test_dotted_capital_i_gives_a_plain_i():
    username = make_username("İbrahim", "İnce")
    assert username == "ibrahim.ince" and username.isascii()
    result = parse_roster(csv_file(["Prénom", "Nom"], ["İbrahim", "İnce"]))
    assert usernames(result) == [(2, "ibrahim.ince")]


def test_look_alike_letters_from_other_scripts_give_an_ascii_username():
    # "Marie Martin" typed with Cyrillic а, е and о and a Greek ο.
    result = parse_roster(csv_file(["Prénom", "Nom"], ["M\u0430ri\u0435", "M\u0430rtin"]))
    [trainee] = result.trainees
    assert trainee.username == "marie.martin" and trainee.username.isascii()
    assert USERNAME_PATTERN.match(make_username("R\u043e\u03bfney", "Le\u0435"))


def test_any_script_gives_a_valid_username():
    for first, last in [("李", "小龙"), ("محمد", "علي"), ("Ngũgĩ", "wa Thiong'o"), ("ઐ", "ॐ")]:
        username = make_username(first, last)
        assert USERNAME_PATTERN.match(username), (first, last, username)


def test_a_name_with_no_letters_asks_for_a_username():
    for first in ["…", "🙂", "3"]:
        with pytest.raises(ValueError):
            make_username(first, "Martin")
    assert make_username("Marie 🙂", "Martin ✝") == "marie.martin"
    result = parse_roster(csv_file(["Prénom", "Nom"], ["…", "Martin"]))
    assert errors(result) == [
        "ligne 2 : impossible de créer un identifiant à partir de ce nom : "
        "indiquez-en un dans la colonne identifiant."
    ]


def test_long_names_are_cut_to_32_characters_at_a_hyphen_when_possible():
    username = make_username("Jean-Pierre Marie-Christophe", "De La Fontaine-Saint-Exupéry")
    assert username == "jean-pierre.de-la-fontaine-saint"
    assert make_username("A" * 300, "B" * 300) == "a" * 15 + "." + "b" * 16
    assert make_username("Li", "Z" * 300) == "li." + "z" * 29
    assert make_username("Z" * 300, "Li") == "z" * 29 + ".li"


def test_a_300_character_name_is_refused_with_its_length():
    data = csv_file(["Prénom", "Nom"], ["A" * 300, "Martin"], ["Paul", "Durand"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 2 : la case « prénom » est trop longue (300 caractères, 100 au plus) : "
        "raccourcissez-la."
    ]
    assert usernames(result) == [(3, "paul.durand")]
    assert len(make_username("A" * 300, "Martin")) == MAX_USERNAME_LENGTH


def test_a_100_character_name_is_accepted_and_its_username_fits():
    result = parse_roster(csv_file(["Prénom", "Nom"], ["Éloïse", "Ç" * 100]))
    [trainee] = result.trainees
    assert trainee.username == "eloise." + "c" * 25
    assert len(trainee.username) == MAX_USERNAME_LENGTH


def test_suffixes_still_fit_in_32_characters():
    data = csv_file(
        ["Prénom", "Nom", "E-mail"],
        *[
            ["Maximilien", "Robespierre-Delacroix-Bonaparte", f"m{n}@example.org"]
            for n in range(11)
        ],
    )
    result = parse_roster(data)
    names = [x.username for x in result.trainees]
    assert names[0] == "maximilien.robespierre-delacroix"
    assert names[1] == "maximilien.robespierre-delacroi2"
    assert names[10] == "maximilien.robespierre-delacro11"
    assert len(set(names)) == 11 and all(len(n) <= MAX_USERNAME_LENGTH for n in names)


# --- Cleaning cells ---------------------------------------------------------------------


def test_spaces_around_and_inside_names_are_tidied():
    result = parse_roster(csv_file(["Prénom", "Nom"], ["  Marie \u00a0 Claire ", "\tMartin  "]))
    [trainee] = result.trainees
    assert (trainee.first_name, trainee.last_name) == ("Marie Claire", "Martin")
    assert trainee.username == "marie-claire.martin"


def test_names_are_stored_in_nfc():
    result = parse_roster(csv_file(["Prénom", "Nom"], ["Zoe\u0301", "Lefe\u0300vre"]))
    [trainee] = result.trainees
    assert trainee.first_name == "Zoé" == unicodedata.normalize("NFC", trainee.first_name)
    assert trainee.last_name == "Lefèvre" and trainee.username == "zoe.lefevre"


def test_a_missing_last_name_or_first_name_is_reported():
    data = csv_file(FR_HEADER[:2], ["Marie", ""], ["", "Durand"], ["Paul"], ["Léa", "Roux"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 2 : la case « nom » est vide : complétez-la.",
        "ligne 3 : la case « prénom » est vide : complétez-la.",
        "ligne 4 : la case « nom » est vide : complétez-la.",
    ]
    assert usernames(result) == [(5, "lea.roux")]
    assert errors(result, "en")[0] == "line 2: the last name cell is empty: fill it in."


@pytest.mark.parametrize(
    ("cell", "char"),
    [
        ('=HYPERLINK("http://evil.example","x")', "="),
        ("+33 6 01 02 03 04", "+"),
        ("-Marie", "-"),
        ("@SUM(A1:A9)", "@"),
        ("  =1+1", "="),
        ("\t=1+1", "="),
    ],
)
def test_a_cell_that_looks_like_a_formula_is_refused(cell, char):
    result = parse_roster(csv_file(FR_HEADER[:2], ["Marie", cell]))
    assert result.trainees == ()
    assert errors(result) == [
        f"ligne 2 : la case « nom » commence par « {char} », comme une formule de tableur : "
        "corrigez-la (un nom ne commence ni par =, ni par +, ni par -, ni par @)."
    ]


def test_a_formula_in_the_email_or_username_column_is_refused_too():
    data = csv_file(FR_HEADER, ["Marie", "Martin", "=1+1", "@x"])
    result = parse_roster(data)
    assert [issue.values["column"] for issue in result.errors] == ["email", "username"]
    assert all(issue.key == "roster_formula" for issue in result.errors)


def test_hyphens_inside_names_are_fine():
    result = parse_roster(csv_file(FR_HEADER[:2], ["Anne-Sophie", "Le Gall-Durand"]))
    assert usernames(result) == [(2, "anne-sophie.le-gall-durand")]


@pytest.mark.parametrize("cell", ["Ma\u202erie", "Ma\u200brie", "Ma\x07rie", "Ma\trie"])
def test_control_and_invisible_characters_are_refused(cell):
    result = parse_roster(csv_file(FR_HEADER[:2], [cell, "Martin"]))
    assert [(x.key, x.line) for x in result.errors] == [("roster_control", 2)]


def test_joiners_needed_by_some_scripts_are_kept():
    result = parse_roster(csv_file(FR_HEADER[:2], ["نیلوفر", "می\u200cخواه"]))
    assert result.ok and result.trainees[0].last_name == "می\u200cخواه"


def test_an_invalid_email_is_reported():
    data = csv_file(FR_HEADER[:3], ["Marie", "Martin", "marie.martin"], ["A", "B", "a@b"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 2 : l'e-mail « marie.martin » n'est pas valide : "
        "corrigez-le ou laissez la case vide.",
        "ligne 3 : l'e-mail « a@b » n'est pas valide : corrigez-le ou laissez la case vide.",
    ]


# --- Whole-file problems ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"  \n", b";;;\r\n;;\r\n", b'""\r\n']
)
def test_an_empty_file_says_so(data):
    result = parse_roster(data)
    assert errors(result) == [
        "Le fichier est vide : il faut une ligne d'en-tête (prénom, nom), "
        "puis une ligne par personne."
    ]
    assert errors(result, "en")[0].startswith("The file is empty")


def test_a_header_alone_is_an_error():
    result = parse_roster(csv_file(FR_HEADER))
    assert errors(result) == [
        "Le fichier ne contient que l'en-tête : ajoutez une ligne par personne."
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        bytes(range(256)) * 4,
    ],
)
def test_a_file_that_is_not_text_asks_for_a_csv_export(data):
    result = parse_roster(data)
    assert errors(result) == [
        "Ce fichier n'est pas un CSV : dans le tableur, exportez la feuille "
        "au format « CSV UTF-8 », puis importez ce fichier-là."
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_a_text_file_not_in_utf8_asks_for_csv_utf8(encoding):
    data = csv_file(FR_HEADER[:2], ["Zoé", "Lefèvre"], encoding=encoding)
    result = parse_roster(data)
    assert errors(result) == [
        "Le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » "
        "dans le tableur, puis recommencez."
    ]
    assert "CSV UTF-8" in errors(result, "en")[0]


def test_a_repeated_header_is_skipped_and_said_so():
    data = csv_file(
        FR_HEADER[:2], ["Marie", "Martin"], FR_HEADER[:2], ["Paul", "Durand"], ["PRENOM", "NOM"]
    )
    result = parse_roster(data)
    assert result.ok
    assert usernames(result) == [(2, "marie.martin"), (4, "paul.durand")]
    assert result.messages() == [
        "ligne 3 : en-tête répété : ligne ignorée (ce n'est pas une erreur).",
        "ligne 5 : en-tête répété : ligne ignorée (ce n'est pas une erreur).",
    ]
    assert result.summary() == {"new": 2, "exists": 0, "skipped": 2, "errors": 0}


# --- Identity, duplicates and collisions -------------------------------------------------


def test_a_duplicated_row_names_the_first_one():
    rows = [["Marie", "Martin"], ["Paul", "Durand"], ["Léa", "Roux"], ["Ana", "Lima"]]
    data = csv_file(FR_HEADER[:2], "", *rows, ["Marie", "Martin"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 7 : même personne que la ligne 3 : supprimez l'une des deux lignes. "
        "S'il s'agit de deux personnes, indiquez leur e-mail ou leur identifiant."
    ]
    assert errors(result, "en")[0].startswith("line 7: same person as line 3:")
    assert usernames(result)[0] == (3, "marie.martin") and len(result.trainees) == 4


def test_nfc_and_nfd_forms_of_one_person_are_a_duplicate():
    data = csv_file(
        FR_HEADER[:3],
        ["Zo\u00e9", "Lef\u00e8vre", "zoe@example.org"],
        ["Zoe\u0301", "Lefe\u0300vre", "ZOE@example.org"],
    )
    result = parse_roster(data)
    assert [(x.key, x.line, x.values["other"]) for x in result.errors] == [
        ("roster_duplicate", 3, 2)
    ]


def test_case_accents_and_look_alikes_do_not_make_another_person():
    data = csv_file(FR_HEADER[:2], ["Marie", "Martin"], ["MARIE", "MARTIN"], ["Mаrie", "Martin"])
    result = parse_roster(data)
    assert [(x.line, x.values["other"]) for x in result.errors] == [(3, 2), (4, 2)]


def test_nfc_and_nfd_names_of_two_people_get_two_usernames():
    data = csv_file(
        FR_HEADER[:3],
        ["Zo\u00e9", "Lef\u00e8vre", "zoe.a@example.org"],
        ["Zoe\u0301", "Lefe\u0300vre", "zoe.b@example.org"],
    )
    result = parse_roster(data)
    assert result.ok
    assert usernames(result) == [(2, "zoe.lefevre"), (3, "zoe.lefevre2")]
    assert result.trainees[1].first_name == "Zoé"


def test_two_names_giving_one_username_get_a_suffix():
    data = csv_file(
        FR_HEADER[:3],
        ["Jean-Pierre", "Dupont", "jp1@example.org"],
        ["Jean Pierre", "Dupont", "jp2@example.org"],
        ["Jean.Pierre", "Dupont", ""],
        ["Marie", "Martin", "m1@example.org"],
        ["Marie", "Martin", "m2@example.org"],
    )
    result = parse_roster(data)
    assert result.ok, errors(result)
    assert usernames(result) == [
        (2, "jean-pierre.dupont"),
        (3, "jean-pierre.dupont2"),
        (4, "jean-pierre.dupont3"),
        (5, "marie.martin"),
        (6, "marie.martin2"),
    ]


def test_usernames_never_share_a_container_or_a_volume():
    """DockerSpawner escapes the username into <prefix>-<username>: different
    usernames must stay different, valid Docker names."""
    dockerspawner = pytest.importorskip("dockerspawner")
    escape = dockerspawner.DockerSpawner._escape
    data = csv_file(
        FR_HEADER[:3],
        ["Jean-Pierre", "Dupont", "a@example.org"],
        ["Jean Pierre", "Dupont", "b@example.org"],
        ["Jean", "Pierre-Dupont", ""],
        ["Jean", "Pierre_Dupont", ""],
        ["Jean-Pierre", "Dupont-2", ""],
        ["Zoé", "Lefèvre", "z1@example.org"],
        ["Zoe\u0301", "Lefe\u0300vre", "z2@example.org"],
    )
    result = parse_roster(data)
    assert result.ok, errors(result)
    names = [x.username for x in result.trainees]
    containers = {f"codelab-{escape(n)}" for n in names}
    volumes = {f"codelab-home-{escape(n)}" for n in names}
    assert len(set(names)) == len(containers) == len(volumes) == len(names)
    docker_name = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")
    assert all(docker_name.match(n) for n in containers | volumes)
    assert all(f"codelab-{n}" not in ("codelab-hub", "codelab-net") for n in names)


def test_two_people_without_email_need_an_email_or_a_username():
    same = csv_file(FR_HEADER, ["Marie", "Martin", "", ""], ["Marie", "Martin", "", ""])
    assert [x.key for x in parse_roster(same).errors] == ["roster_duplicate"]
    told = csv_file(FR_HEADER, ["Marie", "Martin", "", "marie.m"], ["Marie", "Martin", "", "mm"])
    assert usernames(parse_roster(told)) == [(2, "marie.m"), (3, "mm")]
    one_told = csv_file(FR_HEADER, ["Marie", "Martin", "", ""], ["Marie", "Martin", "", "mm"])
    assert [x.key for x in parse_roster(one_told).errors] == ["roster_duplicate"]


# --- Given usernames --------------------------------------------------------------------


def test_a_given_username_is_kept_only_lowercased():
    result = parse_roster(csv_file(FR_HEADER, ["Marie", "Martin", "", " M.Martin_75 "]))
    assert usernames(result) == [(2, "m.martin_75")]
    assert not result.trainees[0].generated


@pytest.mark.parametrize("username", ["zoé", "2pac", ".marie", "marie martin", "a" * 33, "a/b"])
def test_an_invalid_given_username_is_an_error(username):
    result = parse_roster(csv_file(FR_HEADER, ["Marie", "Martin", "", username]))
    assert [(x.key, x.line) for x in result.errors] == [("roster_bad_username", 2)]
    assert "1 à 32 caractères parmi a-z, 0-9" in errors(result)[0]


def test_usernames_naming_lab_objects_are_reserved():
    result = parse_roster(csv_file(FR_HEADER, ["Marie", "Martin", "", "hub"]))
    assert errors(result) == [
        "ligne 2 : l'identifiant « hub » est réservé par le lab : "
        "choisissez-en un autre ou laissez la case vide."
    ]


def test_a_username_given_twice_is_an_error():
    data = csv_file(FR_HEADER, ["Marie", "Martin", "", "mm"], ["Marc", "Morel", "", "MM"])
    result = parse_roster(data)
    assert errors(result) == [
        "ligne 3 : l'identifiant « mm » est déjà donné à la ligne 2 : choisissez-en un autre."
    ]


def test_a_given_username_wins_over_a_generated_one_from_an_earlier_row():
    data = csv_file(FR_HEADER, ["Marie", "Martin", "", ""], ["Marc", "Morel", "", "marie.martin"])
    result = parse_roster(data)
    assert usernames(result) == [(2, "marie.martin2"), (3, "marie.martin")]


# --- Existing accounts and re-imports ----------------------------------------------------

FIRST_ROSTER = [
    ["Aïcha", "N'Diaye", "aicha@example.org", ""],
    ["Marie", "Martin", "m1@example.org", ""],
    ["Marie", "Martin", "m2@example.org", ""],
    ["Bilal", "Haddad", "", "bilal"],
]
LAB_STAFF = {"admin": None, "prof": None}


def test_importing_the_same_roster_again_finds_everybody():
    first = parse_roster(csv_file(FR_HEADER, *FIRST_ROSTER), LAB_STAFF)
    assert [x.username for x in first.new] == [
        "aicha.ndiaye",
        "marie.martin",
        "marie.martin2",
        "bilal",
    ]
    again = parse_roster(csv_file(FR_HEADER, *FIRST_ROSTER), {**LAB_STAFF, **existing_from(first)})
    assert again.ok and again.new == ()
    assert usernames(again) == usernames(first)
    assert again.summary() == {"new": 0, "exists": 4, "skipped": 0, "errors": 0}


def test_a_roster_with_new_rows_adds_only_those():
    first = parse_roster(csv_file(FR_HEADER, *FIRST_ROSTER))
    rows = [
        ["Paul", "Durand", "", ""],
        *reversed(FIRST_ROSTER),
        ["Marie", "Martin", "m3@example.org", ""],
    ]
    second = parse_roster(csv_file(FR_HEADER, *rows), existing_from(first))
    assert second.ok
    assert [(x.line, x.username) for x in second.new] == [(2, "paul.durand"), (7, "marie.martin3")]
    found = {x.username: x.line for x in second.existing}
    assert found == {"bilal": 3, "marie.martin2": 4, "marie.martin": 5, "aicha.ndiaye": 6}


def test_a_reimport_matches_despite_case_accents_and_normal_form():
    existing = {"zoe.lefevre": Identity("Zoé", "Lefèvre", "zoe@example.org")}
    data = csv_file(FR_HEADER[:3], ["ZOE\u0301", "LEFEVRE", "Zoe@Example.org"])
    result = parse_roster(data, existing)
    assert [(x.username, x.status) for x in result.trainees] == [("zoe.lefevre", "exists")]


def test_the_same_name_with_another_email_is_a_new_person():
    existing = {"marie.martin": Identity("Marie", "Martin", "m1@example.org")}
    data = csv_file(FR_HEADER[:3], ["Marie", "Martin", "m2@example.org"], ["Marie", "Martin", ""])
    result = parse_roster(data, existing)
    assert [(x.username, x.status) for x in result.trainees] == [
        ("marie.martin2", "new"),
        ("marie.martin3", "new"),
    ]


def test_a_name_taken_by_a_staff_account_gets_a_suffix():
    existing = {"ana.lima": None}
    result = parse_roster(csv_file(FR_HEADER[:2], ["Ana", "Lima"]), existing)
    assert [(x.username, x.status) for x in result.trainees] == [("ana.lima2", "new")]


def test_a_given_username_of_another_account_is_refused():
    existing = {"admin": None, "marie.martin": Identity("Marie", "Martin", "m1@example.org")}
    data = csv_file(
        FR_HEADER,
        ["Marc", "Morel", "", "admin"],
        ["Marie", "Martin", "other@example.org", "marie.martin"],
        ["Marie", "Martin", "m1@example.org", "marie.martin"],
    )
    result = parse_roster(data, existing)
    assert errors(result) == [
        "ligne 2 : l'identifiant « admin » appartient déjà à un autre compte du lab : "
        "choisissez-en un autre ou laissez la case vide.",
        "ligne 3 : l'identifiant « marie.martin » appartient déjà à un autre compte du lab : "
        "choisissez-en un autre ou laissez la case vide.",
    ]
    assert [(x.username, x.status) for x in result.trainees] == [("marie.martin", "exists")]


def test_two_matching_accounts_ask_which_one():
    existing = {"mm": Identity("Marie", "Martin"), "marie.m": Identity("Marie", "Martin")}
    result = parse_roster(csv_file(FR_HEADER[:2], ["Marie", "Martin"]), existing)
    assert errors(result) == [
        "ligne 2 : plusieurs comptes du lab correspondent à cette personne (marie.m, mm) : "
        "indiquez le bon dans la colonne identifiant."
    ]


def test_messages_are_french_by_default_and_english_on_request():
    data = csv_file(FR_HEADER[:2], ["Marie", ""], ["Paul", "Durand"], FR_HEADER[:2])
    result = parse_roster(data)
    assert result.messages() == [
        "ligne 2 : la case « nom » est vide : complétez-la.",
        "ligne 4 : en-tête répété : ligne ignorée (ce n'est pas une erreur).",
    ]
    assert result.messages("en") == [
        "line 2: the last name cell is empty: fill it in.",
        "line 4: repeated header: line skipped (not an error).",
    ]
    assert result.summary() == {"new": 1, "exists": 0, "skipped": 1, "errors": 1}
    assert not result.ok
