"""One trainee can never act as another: the attacks of a curious trainee, replayed.

Marc is the attacker, Sofia the victim (and the admin, as an instructor or admin opening a
trainee's link would be). Every trainee's server has an origin of its own, nothing in a
trainee's home is served or run by their server, and trainee containers cannot reach each
other on the lab network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .conftest import WILDCARD_RECORDS, launch_chromium, running_lab, wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "Motdepasse-2026"
SECRET = f"SECRET-{secrets.token_hex(8)}"

# What a page of Marc's tries once it runs in someone's browser; it reports in
# window.__results what it got back.
ATTACK_PAGE = """<!doctype html><html lang="fr"><meta charset="utf-8"><title>Mon site</title>
<h1>Mon site</h1>
<script>
const hub = HUB, victim = VICTIM, victimServer = VICTIM_SERVER, results = {};
async function attempt(name, run) {
  try { results[name] = String(await run()); }
  catch (error) { results[name] = "blocked: " + error; }
}
async function read(url, init) {
  const response = await fetch(url, {credentials: "include", ...init});
  return response.status + " " + (await response.text());
}
const mint = hub + "/hub/api/users/" + victim + "/tokens";
(async () => {
  await attempt("xsrf from the hub's home", () => read(hub + "/hub/home"));
  await attempt("hub API as the visitor", () => read(hub + "/hub/api/user"));
  await attempt("token mint (json)", () => read(mint, {method: "POST",
      headers: {"Content-Type": "application/json"}, body: "{}"}));
  await attempt("token mint (no preflight)", () => read(mint, {method: "POST", body: "{}"}));
  await attempt("token mint (no-cors)", () => fetch(mint, {method: "POST", mode: "no-cors",
      credentials: "include", body: "{}"}).then(r => r.type));
  await attempt("victim's files", () => read(victimServer + "/api/contents/secret.txt"));
  await attempt("victim's files, same origin path",
      () => read("/user/" + victim + "/api/contents/secret.txt"));
  const form = document.createElement("form");
  form.method = "POST"; form.action = mint; form.target = "sink";
  const sink = document.createElement("iframe");
  sink.name = "sink"; document.body.append(sink, form); form.submit();
  const popup = window.open(victimServer + "/lab");
  await new Promise(done => setTimeout(done, 5000));
  await attempt("popup of the victim's lab", () => popup.document.documentElement.outerHTML);
  await attempt("iframe of the form post", () => sink.contentDocument.body.innerHTML);
  popup.close();
  window.__results = results;
})();
</script></html>
"""


def _trusted_spki(cert_path) -> str:
    """What Chromium takes to trust one certificate, as a device that installed the CA."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.fixture(
    scope="module",
    params=["loopback name, plain HTTP", "LAN address, plain HTTP", "LAN address, TLS"],
)
def target(request, lab, browser, playwright, tmp_path_factory):
    """(lab, browser): the lab as the admin's own machine, or as a school network has it.

    On a LAN address browsers send no Sec-Fetch-* headers over plain HTTP, so JupyterHub's
    own defences against cross-site requests weaken there: the attacks run on each.
    """
    if request.param.startswith("loopback"):
        yield lab, browser
        return
    https = request.param.endswith("TLS")
    domain = f"lab-{secrets.token_hex(3)}.ecole.test"
    with running_lab(tmp_path_factory.mktemp("lan"), domain=domain, https=https) as lan:
        network = lan.docker.networks.get(f"{lan.prefix}-net")
        # The machine's own address on a network the lab made: what a LAN's DNS would give.
        address = network.attrs["IPAM"]["Config"][0]["Gateway"]
        WILDCARD_RECORDS[domain] = address
        flags = [f"--host-resolver-rules=MAP {domain} {address},MAP *.{domain} {address}"]
        if https:
            cert = lan.state / lan.prefix / "tls" / "lab.crt"
            flags.append(f"--ignore-certificate-errors-spki-list={_trusted_spki(cert)}")
        lan_browser = launch_chromium(playwright, *flags)
        try:
            yield lan, lan_browser
        finally:
            lan_browser.close()
            WILDCARD_RECORDS.pop(domain)


@pytest.fixture(scope="module")
def lab_(target):
    return target[0]


@pytest.fixture(scope="module")
def browser_(target):
    return target[1]


def _trainee(lab, name):
    lab.create_trainee(name, PASSWORD)
    lab.start_server(name)
    return name


@pytest.fixture(scope="module")
def marc(lab_):
    return _trainee(lab_, "marc")


@pytest.fixture(scope="module")
def sofia(lab_):
    name = _trainee(lab_, "sofia")
    headers = {"Authorization": f"token {lab_.user_token(name)}"}
    body = {"type": "file", "format": "text", "content": SECRET}
    put = requests.put(
        f"{lab_.user_url(name)}/api/contents/secret.txt",
        json=body,
        headers=headers,
        timeout=30,
        verify=lab_.verify,
    )
    assert put.status_code in (200, 201), put.text
    return name


def _tokens(lab, name) -> dict[str, dict]:
    """The user's tokens, but those their own server's OAuth client gets by logging them in
    (a field the API gives no caller a way to set)."""
    tokens = lab.api("GET", f"/users/{name}/tokens").json()["api_tokens"]
    return {t["id"]: t for t in tokens if not t.get("oauth_client", "").startswith("Server at")}


def _visit_attack_page(lab, browser, victim: str, password: str, artefacts) -> dict:
    """The victim logs in, opens their lab, then opens a link to a page of Marc's.

    The page is served on Marc's origin however it got there: the test serves it there
    itself, as any side door not yet closed would.
    """
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    evil_url = f"{lab.user_url('marc')}/files/site/index.html"
    script = (
        ATTACK_PAGE.replace("HUB", json.dumps(lab.url))
        .replace("VICTIM_SERVER", json.dumps(lab.user_url(victim)))
        .replace("VICTIM", json.dumps(victim))
    )
    context.route(evil_url, lambda route: route.fulfill(body=script, content_type="text/html"))
    try:
        lab.browser_login(page, victim, password)
        page.wait_for_url(f"**/user/{victim}/lab**", timeout=240_000)
        page.get_by_role("menuitem", name="Fichier").wait_for(timeout=120_000)
        results = {"__tokens_before": _tokens(lab, victim)}
        page.goto(evil_url)
        results.update(page.wait_for_function("window.__results", timeout=60_000).json_value())
        page.screenshot(path=str(artefacts / f"attack-page-{victim}.png"))
        # The victim's own secrets: none of them may show up in what the page got.
        results["__cookies"] = [c["value"] for c in context.cookies() if len(c["value"]) > 8]
        return results
    finally:
        context.close()


@pytest.fixture(scope="module")
def artefacts(lab_):
    folder = lab_.state.parent / "artefacts"
    folder.mkdir(exist_ok=True)
    return folder


def _assert_nothing_reached_the_page(results: dict, lab, victim):
    cookies = results.pop("__cookies")
    tokens_before = results.pop("__tokens_before")
    assert cookies, "the victim has no session to steal: the test would prove nothing"
    assert len(results) == 9, results
    text = json.dumps(results)
    assert SECRET not in text, results
    for value in cookies:
        assert value not in text, "one of the victim's cookies (or the xsrf value) leaked"
    for name, outcome in results.items():
        # Each cross-origin read is refused by the browser, or answered with a refusal.
        readable = not outcome.startswith(("blocked", "opaque")) and outcome[:3] == "200"
        assert not readable, f"{name}: {outcome[:300]}"
        assert '"token"' not in outcome, f"{name}: {outcome[:300]}"
    after = _tokens(lab, victim)
    assert after.keys() == tokens_before.keys(), f"a token was minted: {after}"


def test_a_trainees_page_gets_nothing_of_the_trainee_who_opens_it(
    lab_, browser_, marc, sofia, artefacts
):
    results = _visit_attack_page(lab_, browser_, sofia, PASSWORD, artefacts)
    _assert_nothing_reached_the_page(results, lab_, sofia)


def test_a_trainees_page_gets_nothing_of_the_admin_who_opens_it(lab_, browser_, marc, artefacts):
    admin = "admin"
    password = (lab_.state / lab_.prefix / "admin-password").read_text().strip()
    results = _visit_attack_page(lab_, browser_, admin, password, artefacts)
    _assert_nothing_reached_the_page(results, lab_, admin)


SIDE_DOORS = r"""
set -e
mkdir -p ~/.local/share/jupyter/labextensions/x/static ~/.jupyter ~/pub
echo '<script>alert(1)</script>EVIL' > ~/.local/share/jupyter/labextensions/x/static/evil.html
echo '{"name": "x", "jupyterlab": {}}' > ~/.local/share/jupyter/labextensions/x/package.json
echo '<script>alert(1)</script>EVIL' > ~/pub/evil.html
cat > ~/.jupyter/jupyter_server_config.py <<'EOF'
open('/home/trainee/config-ran', 'w').write('yes')
c.ServerApp.extra_static_paths = ['/home/trainee/pub']
c.ServerApp.tornado_settings = {'headers': {'X-Evil': '1'}}
c.ServerApp.token = ''
c.ServerApp.disable_check_xsrf = True
EOF
cp ~/.jupyter/jupyter_server_config.py ~/.jupyter/jupyter_notebook_config.py
"""


def test_nothing_a_trainee_writes_configures_or_is_served_by_their_server(lab_, marc, sofia):
    lab = lab_
    container = lab.container(marc)
    uid = str(lab.uid_of(marc))
    done = container.exec_run(["bash", "-c", SIDE_DOORS], user=uid, workdir="/home/trainee")
    assert done.exit_code == 0, done.output
    lab.stop_server(marc)
    lab.start_server(marc)
    container = lab.container(marc)
    ran = container.exec_run(["test", "-e", "/home/trainee/config-ran"])
    assert ran.exit_code != 0, "the trainee's config file ran at their server's start"
    sofia_session = lab.http(lab.user_token(sofia))
    anonymous = lab.http()
    for base in (lab.user_url(marc), f"{lab.url}/user/{marc}"):
        for path in (
            "/lab/extensions/x/static/evil.html",
            "/static/evil.html",
            "/files/pub/evil.html",
        ):
            for client in (anonymous, sofia_session):
                response = client.get(base + path, timeout=30)
                assert "EVIL" not in response.text, (base + path, response.status_code)
                assert "X-Evil" not in response.headers
    # Marc's own server is not opened up by his config either.
    opened = anonymous.get(f"{lab.user_url(marc)}/api/contents", timeout=30, allow_redirects=False)
    assert opened.status_code in (302, 403), opened.status_code


def _address(container, network: str) -> str:
    container.reload()
    return container.attrs["NetworkSettings"]["Networks"][network]["IPAddress"]


def _connects(container, uid: str, host: str, port: int) -> bool:
    probe = (
        "import socket, sys\n"
        f"try: socket.create_connection(({host!r}, {port}), timeout=3)\n"
        "except OSError: sys.exit(1)\n"
    )
    return container.exec_run(["python3", "-c", probe], user=uid).exit_code == 0


def test_trainee_containers_reach_the_hub_and_nothing_of_each_other(lab_, marc, sofia):
    lab = lab_
    network = f"{lab.prefix}-net"
    attacker, victim = lab.container(marc), lab.container(sofia)
    victim_uid = str(lab.uid_of(sofia))
    victim.exec_run(["python3", "-m", "http.server", "5000"], user=victim_uid, detach=True)
    victim_ip = _address(victim, network)
    wait_for(lambda: _connects(victim, victim_uid, "127.0.0.1", 5000), 30, "Sofia's ad-hoc server")
    hub_ip = _address(lab.docker.containers.get(f"{lab.prefix}-hub"), network)
    uid = str(lab.uid_of(marc))
    for port in (8000, 8081, 8090):
        assert _connects(attacker, uid, hub_ip, port), f"the hub's port {port} is closed"
    for port in (8888, 5000):
        assert not _connects(attacker, uid, victim_ip, port), f"Sofia's port {port} is open"
    assert not _connects(attacker, uid, victim_ip, 22)
    lab.cli("instructor", "add", "nadia", "--course", "web-dev")  # starts the course's container
    course = lab.docker.containers.get(f"{lab.prefix}-course-web-dev")
    assert not _connects(attacker, uid, _address(course, network), 8888)
    # Not even root in the trainee's container could open it again: nothing is left to it.
    status = attacker.exec_run(["grep", "Cap", "/proc/1/status"], user=uid).output.decode()
    assert "CapEff:\t0000000000000000" in status and "CapBnd:\t0000000000000000" in status
