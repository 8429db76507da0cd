"""The exchange's HTTP API on a real server on loopback, with identities given by token."""

from __future__ import annotations

from urllib.parse import quote

import requests

from codelab.exchange.archive import pack, unpack
from tests.unit.conftest import NOTEBOOK


def release(call):
    response = call(
        "PUT", "/web-dev/assignments/html-1", "t-prof", data=pack({"a.ipynb": NOTEBOOK})
    )
    assert response.status_code == 200, response.text


def submit(call, token="t-amina", files=None):
    return call(
        "POST",
        "/web-dev/assignments/html-1/submissions",
        token,
        data=pack(files or {"a.ipynb": NOTEBOOK}),
    )


def test_full_round_trip(exchange):
    release(exchange)
    assert exchange("GET", "", "t-amina").json() == {"web-dev": "trainee"}
    listed = exchange("GET", "/web-dev/assignments", "t-amina").json()
    assert [a["assignment"] for a in listed] == ["html-1"]
    fetched = exchange("GET", "/web-dev/assignments/html-1", "t-amina")
    assert unpack(fetched.content, 100_000) == {"a.ipynb": NOTEBOOK}
    submitted = submit(exchange)
    assert submitted.status_code == 201 and submitted.json()["student"] == "amina"
    stamp = quote(submitted.json()["timestamp"])
    collected = exchange("GET", f"/web-dev/submissions/amina/html-1/{stamp}", "t-prof")
    assert unpack(collected.content, 100_000) == {"a.ipynb": NOTEBOOK}
    feedback = pack({"a.html": b"<p>Bien</p>"})
    put = exchange("PUT", f"/web-dev/feedback/amina/html-1/{stamp}", "t-prof", data=feedback)
    assert put.status_code == 204
    mine = exchange("GET", f"/web-dev/feedback/amina/html-1/{stamp}", "t-amina")
    assert mine.content == feedback


def test_no_token_or_unknown_token(exchange):
    assert exchange("GET", "/web-dev/assignments", None).status_code == 403
    assert exchange("GET", "/web-dev/assignments", "forged").status_code == 403


def test_trainee_cannot_release_change_or_unrelease(exchange):
    release(exchange)
    evil = pack({"a.ipynb": b"evil"})
    assert exchange("PUT", "/web-dev/assignments/html-1", "t-amina", data=evil).status_code == 403
    assert exchange("DELETE", "/web-dev/assignments/html-1", "t-amina").status_code == 403
    fetched = exchange("GET", "/web-dev/assignments/html-1", "t-bilal").content
    assert unpack(fetched, 100_000) == {"a.ipynb": NOTEBOOK}


def test_trainee_sees_and_reaches_only_their_own_submissions(exchange):
    release(exchange)
    bilal = submit(exchange, "t-bilal").json()
    submit(exchange, "t-amina")
    seen = exchange("GET", "/web-dev/submissions?student=bilal", "t-amina").json()
    assert {s["student"] for s in seen} == {"amina"}
    stamp = quote(bilal["timestamp"])
    for path in (
        f"/web-dev/submissions/bilal/html-1/{stamp}",
        f"/web-dev/feedback/bilal/html-1/{stamp}",
    ):
        assert exchange("GET", path, "t-amina").status_code == 403
    everyone = exchange("GET", "/web-dev/submissions", "t-prof").json()
    assert {s["student"] for s in everyone} == {"amina", "bilal"}


def test_submission_is_recorded_as_the_caller_whatever_the_archive_says(exchange):
    release(exchange)
    forged = submit(exchange, "t-amina", {"a.ipynb": NOTEBOOK, "timestamp.txt": b"2020-01-01"})
    assert forged.json()["student"] == "amina"
    assert not forged.json()["timestamp"].startswith("2020")


def test_outsider_and_instructor_cannot_submit(exchange):
    release(exchange)
    assert submit(exchange, "t-outsider").status_code == 403
    assert submit(exchange, "t-prof").status_code == 403
    assert exchange("GET", "/web-dev/assignments", "t-outsider").status_code == 403


def test_bad_uploads_get_a_clear_message(exchange):
    release(exchange)
    garbage = exchange("POST", "/web-dev/assignments/html-1/submissions", "t-amina", data=b"x")
    assert garbage.status_code == 400 and "not a tar.gz" in garbage.json()["message"]
    # Past the body cap the server stops reading: the client sees a refusal or a reset.
    try:
        too_big = exchange(
            "POST", "/web-dev/assignments/html-1/submissions", "t-amina", data=b"0" * 60_000
        )
        assert too_big.status_code in (400, 413)
    except requests.RequestException:
        pass
    assert exchange("GET", "/web-dev/submissions", "t-prof").json() == []
    bad_name = exchange("GET", "/web-dev/assignments/..%2F..%2Fetc", "t-amina")
    assert bad_name.status_code in (400, 404)


def test_admin_service_acts_as_instructor(exchange):
    data = pack({"a.ipynb": NOTEBOOK})
    assert exchange("PUT", "/web-dev/assignments/css-1", "t-cli", data=data).status_code == 200


def test_a_release_keeps_its_title_and_points_and_refuses_nonsense(exchange):
    data = pack({"a.ipynb": NOTEBOOK})
    path = "/web-dev/assignments/html-1"
    refusals = {
        "points: a number": [{"points": p} for p in ("beaucoup", "-1", "1" * 400, "nan")],
        "200 characters at most": [{"title": "x" * 201}],
    }
    for why, cases in refusals.items():
        for params in cases:
            refused = exchange("PUT", path, "t-prof", data=data, params=params)
            assert refused.status_code == 400 and why in refused.json()["message"], params
    assert exchange("GET", "/web-dev/assignments", "t-amina").json() == []  # nothing half-made
    params = {"title": "Ma première page", "points": "4.5"}
    assert exchange("PUT", path, "t-prof", data=data, params=params).status_code == 200
    (listed,) = exchange("GET", "/web-dev/assignments", "t-amina").json()
    assert (listed["title"], listed["points"]) == ("Ma première page", 4.5)
    assert exchange("DELETE", path, "t-prof").status_code == 204
    assert exchange("PUT", path, "t-prof", data=data).status_code == 200
    (listed,) = exchange("GET", "/web-dev/assignments", "t-amina").json()
    assert (listed["title"], listed["points"]) == ("", None)


def test_each_trainee_reads_the_due_date_of_her_own_cohort(exchange):
    data = pack({"a.ipynb": NOTEBOOK})
    path = "/web-dev/assignments/html-1"
    for given in ("-1", "3.5", "trois", "²", "99999"):
        refused = exchange("PUT", path, "t-prof", data=data, params={"due_days": given})
        assert refused.status_code == 400 and "due_days" in refused.json()["message"], given
    assert exchange("PUT", path, "t-prof", data=data, params={"due_days": "14"}).status_code == 200
    (hers,) = exchange("GET", "/web-dev/assignments", "t-chloe").json()
    assert (hers["due_days"], hers["due"]) == (14, "2026-03-16")  # 2 March + 14 days
    (no_start,) = exchange("GET", "/web-dev/assignments", "t-amina").json()
    assert no_start["due"] is None  # her cohort has no start date yet


def test_an_instructor_gives_one_trainee_more_time_recorded_with_who_and_why(exchange):
    data = pack({"a.ipynb": NOTEBOOK})
    path = "/web-dev/assignments/html-1"
    assert exchange("PUT", path, "t-prof", data=data, params={"due_days": "14"}).status_code == 200
    grant = "/web-dev/extensions/chloe/html-1"
    body = {"due": "2026-03-20", "reason": "Malade la semaine du 9 mars"}
    assert exchange("PUT", grant, "t-chloe", json=body).status_code == 403  # not her own
    for wrong, why in [
        ({"due": "20/03/2026", "reason": "x"}, "YYYY-MM-DD"),
        ({"due": "2026-03-20", "reason": "  "}, "say why"),
        ({"due": "2026-03-20", "reason": "x" * 501}, "say why"),
    ]:
        refused = exchange("PUT", grant, "t-prof", json=wrong)
        assert refused.status_code == 400 and why in refused.json()["message"], wrong
    not_json = exchange("PUT", grant, "t-prof", data=b"[1, 2]")
    assert not_json.status_code == 400 and "JSON object" in not_json.json()["message"]
    unknown = exchange("PUT", "/web-dev/extensions/chloe/css-9", "t-prof", json=body)
    assert unknown.status_code == 400 and "not released" in unknown.json()["message"]
    given = exchange("PUT", grant, "t-prof", json=body).json()
    assert (given["granted_by"], given["due"], given["reason"]) == ("prof", *body.values())
    assert given["granted_at"]  # the exchange's clock
    (hers,) = exchange("GET", "/web-dev/assignments", "t-chloe").json()
    assert (hers["due"], hers["extended"]) == ("2026-03-20", True)
    (others,) = exchange("GET", "/web-dev/assignments", "t-amina").json()
    assert others["extended"] is False  # one trainee's extension is hers alone
    assert exchange("GET", "/web-dev/extensions", "t-amina").json() == []
    assert [e["student"] for e in exchange("GET", "/web-dev/extensions", "t-prof").json()] == [
        "chloe"
    ]
    # The admin's CLI names the instructor it acts for; a person cannot claim another's name.
    claimed = exchange("PUT", grant, "t-prof", json={**body, "granted_by": "someone"}).json()
    assert claimed["granted_by"] == "prof"
    by_cli = exchange("PUT", grant, "t-cli", json={**body, "granted_by": "prof.leroy"}).json()
    assert by_cli["granted_by"] == "prof.leroy"
    assert len(exchange("GET", "/web-dev/extensions", "t-prof").json()) == 1  # replaced


def test_the_progress_pages_give_time_for_an_instructor_of_the_course_and_do_nothing_else(
    exchange,
):
    data = pack({"a.ipynb": NOTEBOOK})
    assert exchange("PUT", "/web-dev/assignments/html-1", "t-prof", data=data).status_code == 200
    grant = "/web-dev/extensions/chloe/html-1"
    body = {"due": "2026-03-20", "reason": "Malade"}
    for who in ("chloe", "amina", "zoe", "progress", "nobody", ""):  # not instructors of web-dev
        asked = exchange("PUT", grant, "t-progress", json={**body, "granted_by": who})
        assert asked.status_code == 403, who
    given = exchange("PUT", grant, "t-progress", json={**body, "granted_by": "prof"})
    assert given.status_code == 200 and given.json()["granted_by"] == "prof"
    # Nothing else of a course: no release, no listing of submissions, no collect.
    assert exchange("PUT", "/web-dev/assignments/x", "t-progress", data=data).status_code == 403
    assert exchange("GET", "/web-dev/submissions", "t-progress").status_code == 403
    assert exchange("DELETE", "/web-dev/assignments/html-1", "t-progress").status_code == 403


def test_late_is_judged_by_the_exchanges_clock_against_each_trainees_own_due_day(exchange):
    data = pack({"a.ipynb": NOTEBOOK})
    path = "/web-dev/assignments/html-1"
    # 2 March + 8 days: due on 10 March, until midnight in Paris; handed in at 23:30 there.
    assert exchange("PUT", path, "t-prof", data=data, params={"due_days": "8"}).status_code == 200
    assert submit(exchange, "t-chloe").status_code == 201
    assert submit(exchange, "t-amina").status_code == 201
    (hers,) = exchange("GET", "/web-dev/submissions", "t-chloe").json()
    assert hers["late"] is False
    exchange("PUT", path, "t-prof", data=data, params={"due_days": "7"})  # due on 9 March
    (hers,) = exchange("GET", "/web-dev/submissions", "t-chloe").json()
    assert hers["late"] is True
    body = {"due": "2026-03-12", "reason": "Malade"}
    exchange("PUT", "/web-dev/extensions/chloe/html-1", "t-prof", json=body)
    listed = {
        s["student"]: s["late"] for s in exchange("GET", "/web-dev/submissions", "t-prof").json()
    }
    assert listed == {"chloe": False, "amina": None}  # amina's cohort has no start: no due day
