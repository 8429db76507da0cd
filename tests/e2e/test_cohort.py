"""A cohort on the running lab: import a roster, log in with a card, deactivate, archive."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from codelab.grading import COURSE_ROOT, GRADER_UID

from .conftest import wait_for

pytestmark = pytest.mark.e2e

COHORT, COURSE = "dwwm-test", "web-dev"
FIRST_NAMES = ["Aïcha", "Bilal", "Chloé", "Dmytro", "Élodie", "Fatou", "Gökhan", "Hugo", "Inès",
               "Jean-Pierre"]  # fmt: skip
LAST_NAMES = ["N'Diaye", "Haddad", "Lefèvre"]
# What a school's cards say; the tests' own lab answers on a loopback name, which cards refuse.
CARD_URL = "https://lab.ecole.test:8443"


def roster(rows: list[tuple[str, str]]) -> bytes:
    """As a French spreadsheet exports it: BOM, semicolons, CRLF, French headers."""
    lines = ["Prénom;Nom;Courriel"] + [f"{first};{last};" for first, last in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


THIRTY = [(first, last) for last in LAST_NAMES for first in FIRST_NAMES]


def card_credentials(html: str) -> dict[str, str | None]:
    """username -> initial password (None: the trainee chose their own), read off the cards."""
    found = {}
    for card in html.split('<article class="card">')[1:]:
        values = re.findall(r'<p class="value"[^>]*>([^<]+)</p>', card)
        found[values[0]] = values[1] if len(values) > 1 else None
    return found


@pytest.fixture(scope="module")
def cohort(lab, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort")
    (folder / "roster.csv").write_bytes(roster(THIRTY))
    result = lab.cli(
        "cohort", "import", str(folder / "roster.csv"), "--cohort", COHORT, "--course", COURSE
    )
    return lab, folder, result


def members(lab, group: str) -> set[str]:
    return set(lab.api("GET", f"/groups/{group}").json()["users"])


def test_import_creates_accounts_groups_and_gradebook_students(cohort):
    lab, _, result = cohort
    assert "30 created" in result.stdout, result.stdout
    cohort_members = members(lab, f"cohort-{COHORT}")
    assert len(cohort_members) == 30
    assert {"aicha.ndiaye", "jean-pierre.haddad", "gokhan.lefevre"} <= cohort_members
    assert cohort_members <= members(lab, f"nbgrader-{COURSE}")
    students = lab.docker.containers.get(f"{lab.prefix}-course-{COURSE}").exec_run(
        ["nbgrader", "db", "student", "list"], user="10001", workdir="/srv/course"
    )
    listed = students.output.decode()
    assert "aicha.ndiaye (N'Diaye, Aïcha)" in listed, listed
    assert sum(name in listed for name in cohort_members) == 30


def test_the_same_roster_again_changes_nothing_and_new_rows_only_add(cohort):
    lab, folder, _ = cohort
    again = lab.cli(
        "cohort", "import", str(folder / "roster.csv"), "--cohort", COHORT, "--course", COURSE
    )
    assert "0 created, 30 already there" in again.stdout, again.stdout
    (folder / "more.csv").write_bytes(roster([*THIRTY, ("Zoé", "Martin")]))
    args = ["cohort", "import", str(folder / "more.csv"), "--cohort", COHORT, "--course", COURSE]
    dry = lab.cli(*args, "--dry-run")
    assert "1 to create, 30 already there" in dry.stdout and "zoe.martin" in dry.stdout
    assert lab.api("GET", "/users/zoe.martin").status_code == 404  # a dry run changes nothing
    added = lab.cli(*args)
    assert "1 created, 30 already there" in added.stdout, added.stdout
    assert "zoe.martin" in members(lab, f"cohort-{COHORT}")


def test_a_roster_with_one_bad_row_imports_nothing(cohort):
    lab, folder, _ = cohort
    (folder / "bad.csv").write_bytes(roster([("Yasmine", "Benali"), ("=HYPERLINK(1)", "X")]))
    result = lab.cli(
        "cohort", "import", str(folder / "bad.csv"), "--cohort", "other", "--course", COURSE,
        check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "ligne 3" in result.stdout, result.stdout
    assert lab.api("GET", "/users/yasmine.benali").status_code == 404
    assert lab.api("GET", "/groups/cohort-other").status_code == 404


def test_a_card_logs_in_through_the_proxy_and_asks_for_a_new_password(cohort, browser):
    lab, folder, _ = cohort
    lab.cli("cohort", "cards", COHORT, "--out", str(folder / "cards.html"), "--url", CARD_URL)
    html = (folder / "cards.html").read_text("utf-8")
    assert html.count('<article class="card">') == 31 and "<svg" in html
    assert CARD_URL in html
    assert "Mot de passe provisoire" in html
    password = card_credentials(html)["aicha.ndiaye"]
    page = browser.new_page(locale="fr-FR")
    try:
        lab.browser_login(page, "aicha.ndiaye", password)
        page.wait_for_url("**/hub/change-password**", timeout=60_000)
        # She just typed the card's password: the forced change does not ask for it again.
        assert page.locator("input[name=current_password]").count() == 0
        page.fill("input[name=new_password]", "Mon-propre-mot-2026")
        page.fill("input[name=repeat_password]", "Mon-propre-mot-2026")
        page.click("input[type=submit]")
        page.get_by_text("Mot de passe enregistré").wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(lab.state.parent / "card-login-failure.png"))
        raise
    finally:
        page.close()
    session, response = lab.login("aicha.ndiaye", "Mon-propre-mot-2026")
    assert response.status_code == 200 and "/hub/change-password" not in response.url
    # A card printed now has no password for her: she chose her own.
    lab.cli("cohort", "cards", COHORT, "--out", str(folder / "again.html"), "--url", CARD_URL)
    again = card_credentials((folder / "again.html").read_text("utf-8"))
    assert again["aicha.ndiaye"] is None and again["bilal.ndiaye"]


def test_a_trainee_who_forgot_her_password_gets_a_new_card(cohort):
    lab, folder, _ = cohort
    name = "aicha.ndiaye"
    own = "Mon-propre-mot-2026"  # the one she chose, then forgot
    for _ in range(6):  # she tries and tries: locked out
        lab.login(name, "je-ne-sais-plus")
    out = folder / "lost.html"
    refused = lab.cli("cohort", "cards", COHORT, "--reissue", "nobody.here", "--out", str(out),
                      "--url", CARD_URL, check=False)  # fmt: skip
    assert refused.returncode != 0 and "not in cohort" in refused.stderr + refused.stdout
    assert not out.exists()
    lab.cli("cohort", "cards", COHORT, "--reissue", name, "--out", str(out), "--url", CARD_URL)
    card = card_credentials(out.read_text("utf-8"))
    assert list(card) == [name] and card[name]  # her card alone, with a new password
    _, answer = lab.login(name, own)
    assert "/hub/change-password" not in answer.url and "/hub/login" in answer.url
    _, answer = lab.login(name, card[name])  # the lockout is lifted too
    assert answer.status_code == 200 and "/hub/change-password" in answer.url, answer.url


def test_deactivate_locks_the_cohort_out_and_archive_keeps_their_files(cohort):
    lab, folder, _ = cohort
    name, password = "bilal.ndiaye", "Bilal-mot-de-passe"
    lab.api("PUT", f"/codelab/accounts/{name}", json={"password": password, "must_change": False})
    lab.start_server(name)
    written = lab.container(name).exec_run(
        # A file only its owner may read (a trainee's umask, an SSH key): archived too.
        [
            "sh",
            "-c",
            "echo 'mon projet' > ~/projet.txt && echo secret > ~/notes.txt"
            " && chmod 600 ~/notes.txt",
        ],
        user=str(lab.uid_of(name)),
        environment={"HOME": "/home/trainee"},
    )
    assert written.exit_code == 0, written.output
    session, _ = lab.login(name, password)
    token = lab.user_token(name)
    assert session.get(f"{lab.url}/hub/api/user", timeout=10).status_code == 200

    result = lab.cli("cohort", "deactivate", COHORT)
    assert "31 accounts" in result.stdout, result.stdout
    wait_for(lambda: lab.container(name) is None, 120, "the server to stop")
    _, refused = lab.login(name, password)
    assert refused.status_code == 403 and "désactivé" in refused.content.decode("utf-8")
    assert session.get(f"{lab.url}/hub/api/user", timeout=10).status_code in (401, 403)
    assert lab.api("GET", "/user", token=token).status_code == 403
    assert lab.api("POST", f"/users/{name}/server", token=token).status_code == 403
    shown = lab.cli("cohort", "show", COHORT).stdout
    assert "deactivated" in shown and "active " not in shown
    assert lab.docker.volumes.get(f"{lab.prefix}-home-bilal-2endiaye")  # files kept

    # The archive's grades list every assignment of the gradebook: give it one, whatever ran
    # before (nbgrader makes an assignment's row when it prepares it).
    course_container = lab.docker.containers.get(f"{lab.prefix}-course-{COURSE}")
    added = course_container.exec_run(["nbgrader", "db", "assignment", "add", "archive-check"],
                                      user=str(GRADER_UID), workdir=COURSE_ROOT)  # fmt: skip
    assert added.exit_code == 0, added.output
    lab.cli("cohort", "archive", COHORT, "--out", str(folder / "cohort.zip"))
    with zipfile.ZipFile(folder / "cohort.zip") as archive:
        assert archive.read(f"{COHORT}/{name}/projet.txt") == b"mon projet\n"
        assert archive.read(f"{COHORT}/{name}/notes.txt") == b"secret\n"
        assert f"{COHORT}/aicha.haddad/" in archive.namelist()  # never started: empty folder
        assert not [n for n in archive.namelist() if "/runtime/" in n]  # no server secrets
        grades = archive.read(f"{COHORT}/grades-{COURSE}.csv").decode("utf-8-sig")
    graded = {row["student_id"] for row in csv.DictReader(io.StringIO(grades))}
    assert name in graded and graded <= members(lab, f"cohort-{COHORT}")  # hers, no one else's
    assert not [
        c.name for c in lab.docker.containers.list(all=True) if "-archive-" in c.name
    ]  # the readers are gone


def test_cohort_list_and_instructor_add(cohort):
    lab, _, _ = cohort
    assert re.search(rf"{COHORT}\s+31 trainees", lab.cli("cohort", "list").stdout)
    added = lab.cli("instructor", "add", "prof.martin", "--course", COURSE)
    assert "initial password" in added.stdout
    assert "prof.martin" in members(lab, f"formgrade-{COURSE}")
    refused = lab.cli("instructor", "add", "Prof Martin", "--course", COURSE, check=False)
    assert refused.returncode == 1 and "n'est pas valide" in refused.stderr


def test_cards_are_never_printed_with_an_address_only_this_machine_reaches(cohort):
    lab, folder, _ = cohort
    refused = lab.cli("cohort", "cards", COHORT, "--out", str(folder / "x.html"), check=False)
    assert refused.returncode == 1 and "public_url" in refused.stderr, refused.stderr
    assert not (folder / "x.html").exists()


def test_a_cohort_gets_a_start_date_and_a_wrong_one_is_refused_clearly(cohort):
    lab, _, _ = cohort
    unset = lab.cli("cohort", "start", COHORT).stdout
    assert f"codelab cohort start {COHORT} YYYY-MM-DD" in unset  # says how to give one
    wrong = lab.cli("cohort", "start", COHORT, "02/03/2026", check=False)
    assert wrong.returncode == 1 and "YYYY-MM-DD" in wrong.stderr
    unknown = lab.cli("cohort", "start", "promo-inconnue", "2026-03-02", check=False)
    assert unknown.returncode == 1 and "codelab cohort list" in unknown.stderr
    assert "2026-03-02" in lab.cli("cohort", "start", COHORT, "2026-03-02").stdout
    assert "2026-03-09" in lab.cli("cohort", "start", COHORT, "2026-03-09").stdout  # moved
    group = lab.api("GET", f"/groups/cohort-{COHORT}").json()
    assert group["properties"]["start"] == "2026-03-09"
    assert "2026-03-09" in lab.cli("cohort", "start", COHORT).stdout
