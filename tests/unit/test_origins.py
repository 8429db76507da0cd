"""Each trainee and service on an origin of its own: lab.yaml -> JupyterHub, checks at up."""

import datetime

import pytest
from cryptography import x509
from jupyterhub.utils import subdomain_hook_idna

from codelab import tls
from codelab.config import LabConfigError, parse_lab_config
from codelab.hub.configure import hub_config
from codelab.origins import origin_warnings


def lab(**data):
    return parse_lab_config(data)


def test_out_of_the_box_the_hub_is_on_a_loopback_name_with_trainees_under_it():
    config = lab(prefix="ecole", port=8123)
    assert config.origin == "http://ecole.localhost:8123"
    c = hub_config(config, admin_token="t")
    assert c.JupyterHub.subdomain_host == "http://ecole.localhost:8123"
    assert "ssl_cert" not in c.JupyterHub
    assert "cookie_host_prefix_enabled" not in c.JupyterHub


def test_https_public_url_serves_tls_with_host_only_cookies():
    c = hub_config(lab(public_url="https://lab.ecole.lan:8443"), admin_token="t")
    assert c.JupyterHub.subdomain_host == "https://lab.ecole.lan:8443"
    assert c.JupyterHub.ssl_cert == "/srv/jupyterhub/tls/lab.crt"
    assert c.JupyterHub.ssl_key == "/srv/jupyterhub/tls/lab.key"
    assert c.JupyterHub.cookie_host_prefix_enabled is True


@pytest.mark.parametrize("course", ["web-dev", "a", "python3", "x" * 40])
def test_service_origins_are_the_ones_jupyterhub_routes(course):
    config = lab(public_url="https://lab.ecole.lan:8443")
    expected = subdomain_hook_idna(course, "lab.ecole.lan", kind="service")
    assert config.service_origin(course) == f"https://{expected}:8443"


@pytest.mark.parametrize("course", ["web--dev", "x" * 41, "-web", "web-"])
def test_course_ids_that_cannot_be_a_dns_label_are_refused(course):
    with pytest.raises(LabConfigError, match="at most 40 characters"):
        lab(courses=[course])


@pytest.mark.parametrize("url", ["https://lab.ecole.lan/codelab", "lab.ecole.lan", "ftp://x"])
def test_public_url_is_an_origin_without_a_path(url):
    with pytest.raises(LabConfigError, match="public_url"):
        lab(public_url=url)


def test_a_certificate_needs_its_key(tmp_path):
    cert = tmp_path / "lab.crt"
    cert.write_text("x")
    with pytest.raises(LabConfigError, match="both tls.cert and tls.key"):
        lab(public_url="https://lab.ecole.lan", tls={"cert": str(cert)})


def test_loopback_lab_says_it_is_for_this_machine_only():
    (warning,) = origin_warnings(lab())
    assert "this machine only" in warning and "public_url" in warning


def test_plain_http_on_a_network_is_a_warning():
    warnings = origin_warnings(lab(public_url="http://lab.ecole.lan"), resolve=lambda h: True)
    assert len(warnings) == 1 and "plain HTTP" in warnings[0]


def test_missing_wildcard_record_is_named():
    config = lab(public_url="https://lab.ecole.lan")
    (warning,) = origin_warnings(config, resolve=lambda host: host == "lab.ecole.lan")
    assert "codelab--probe.lab.ecole.lan" in warning and "*.lab.ecole.lan" in warning
    assert origin_warnings(config, resolve=lambda host: True) == []


def test_local_ca_signs_a_wildcard_certificate_once(tmp_path):
    config = lab(public_url="https://lab.ecole.lan:8443")
    files, made = tls.prepare(config, tmp_path)
    assert made and files.ca_cert.exists() and files.key.stat().st_mode & 0o777 == 0o600
    assert files.ca_key.parent == tmp_path  # the CA's key is not in the folder the hub mounts
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"lab.ecole.lan", "*.lab.ecole.lan"} <= set(names.get_values_for_type(x509.DNSName))
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert lifetime <= datetime.timedelta(days=398)
    ca = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    cert.verify_directly_issued_by(ca)
    before = files.cert.read_bytes()
    _, made_again = tls.prepare(config, tmp_path)
    assert not made_again and files.cert.read_bytes() == before


def test_a_new_domain_gets_a_new_certificate_from_the_same_ca(tmp_path):
    tls.prepare(lab(public_url="https://lab.ecole.lan"), tmp_path)
    ca = (tmp_path / "tls" / "ca.crt").read_bytes()
    files, made = tls.prepare(lab(public_url="https://codelab.ecole.lan"), tmp_path)
    assert not made and files.ca_cert.read_bytes() == ca
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "*.codelab.ecole.lan" in names.get_values_for_type(x509.DNSName)


def test_the_admins_own_certificate_is_used_as_given(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "c.pem").write_text("CERT")
    (own / "k.pem").write_text("KEY")
    config = lab(
        public_url="https://lab.ecole.fr",
        tls={"cert": str(own / "c.pem"), "key": str(own / "k.pem")},
    )
    files, made = tls.prepare(config, tmp_path / "state")
    assert not made and files.cert.read_text() == "CERT" and files.key.read_text() == "KEY"
    assert not files.ca_cert.exists()


@pytest.mark.parametrize(
    "url, only_here",
    [
        ("http://codelab.localhost:8000", True),
        ("http://localhost:8000", True),
        ("http://127.0.0.1:8000", True),
        ("http://[::1]:8000", True),
        ("https://lab.ecole.lan:8443", False),
        ("http://192.168.1.10:8000", False),
    ],
)
def test_addresses_that_name_only_this_machine(url, only_here):
    from codelab.origins import reaches_only_this_machine

    assert reaches_only_this_machine(url) is only_here
