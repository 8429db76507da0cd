"""Light on a weak link: what the hub and a trainee's JupyterLab send is compressed."""

from __future__ import annotations

import gzip
import re

import pytest

pytestmark = pytest.mark.e2e

NAME, PASSWORD = "wire.trainee", "Motdepasse-fil-2026"
GZIP = {"Accept-Encoding": "gzip"}


def compressed(http, url: str) -> tuple[str, int, int]:
    """The encoding the lab answers `url` with, its bytes on the wire and unpacked."""
    answer = http.get(url, headers=GZIP, stream=True, timeout=60)
    assert answer.status_code == 200, url
    on_the_wire = answer.raw.read(decode_content=False)
    encoding = answer.headers.get("Content-Encoding", "")
    unpacked = gzip.decompress(on_the_wire) if encoding == "gzip" else on_the_wire
    return encoding, len(on_the_wire), len(unpacked)


def test_the_hub_and_her_jupyterlab_answer_compressed(lab):
    lab.create_trainee(NAME, PASSWORD)
    lab.start_server(NAME)
    http = lab.http(lab.user_token(NAME))
    login = http.get(f"{lab.url}/hub/login", timeout=30).text
    stylesheet = re.search(r'href="([^"]*style\.min\.css[^"]*)"', login).group(1)
    page = http.get(f"{lab.user_url(NAME)}/lab", timeout=60).text
    bundle = re.search(r'src="([^"]*/static/lab/main\.[^"]*\.js[^"]*)"', page).group(1)
    for what, url in [("the hub's stylesheet", f"{lab.url}{stylesheet}"),
                      ("JupyterLab's main bundle", f"{lab.origin_of(NAME)}{bundle}")]:  # fmt: skip
        encoding, wire, unpacked = compressed(http, url)
        assert encoding == "gzip", what
        assert wire < 0.5 * unpacked, f"{what}: {wire} bytes for {unpacked}"
