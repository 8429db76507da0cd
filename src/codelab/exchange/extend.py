"""Grant a trainee more time, from a course's grading container, as the course's service.

`codelab course extend` runs `python -m codelab.exchange.extend COURSE ASSIGNMENT STUDENT DUE
REASON GRANTED_BY` there: the exchange records the new last day, the reason, who granted it
(the instructor the admin names) and when (its own clock). Prints the recorded extension as
JSON; exits 1 with the exchange's own message when it refuses.
"""

from __future__ import annotations

import json
import os
import sys
from urllib.parse import quote

import requests


def extend(course: str, assignment: str, student: str, due: str, reason: str, by: str) -> dict:
    url = os.environ["CODELAB_EXCHANGE_URL"].rstrip("/")
    answer = requests.put(
        f"{url}/api/courses/{quote(course)}/extensions/{quote(student)}/{quote(assignment)}",
        headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"},
        json={"due": due, "reason": reason, "granted_by": by},
        timeout=60,
    )
    if answer.status_code != 200:
        raise SystemExit(answer.json().get("message", answer.text))
    return answer.json()


if __name__ == "__main__":
    print(json.dumps(extend(*sys.argv[1:7])))
