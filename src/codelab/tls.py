"""The lab's TLS certificate, on the admin's host: the admin's own, or one from a local CA.

Runs on the admin's host (`codelab up`). With an https public_url and no certificate in
lab.yaml, the lab makes a certificate authority of its own on first run and signs a
certificate for the hub's name and every name under it (each trainee's lab is at
<name>.<domain>). Trainees' browsers trust it once the CA certificate is installed on
their machines (`codelab up` prints how). The CA's key never leaves the admin's state
folder; the hub container gets only the server certificate and its key.
"""

from __future__ import annotations

import datetime
import ipaddress
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from codelab.config import LabConfig

CA_DAYS = 3650
# Browsers refuse server certificates valid for more than 398 days.
SERVER_DAYS = 397
RENEW_BEFORE = datetime.timedelta(days=30)


@dataclass(frozen=True)
class TLSFiles:
    """The folder mounted into the hub: lab.crt and lab.key (and ca.crt for clients)."""

    folder: Path

    @classmethod
    def of(cls, state: Path) -> TLSFiles:
        """The lab's TLS folder in its state folder (the CA's key stays beside it)."""
        return cls(state / "tls")

    @property
    def cert(self) -> Path:
        return self.folder / "lab.crt"

    @property
    def key(self) -> Path:
        return self.folder / "lab.key"

    @property
    def ca_cert(self) -> Path:
        """The local CA's certificate; absent when the admin brought their own."""
        return self.folder / "ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.folder.parent / "ca.key"


def prepare(lab: LabConfig, state: Path) -> tuple[TLSFiles, bool]:
    """The certificate files for the lab; True when a new local CA was made now."""
    files = TLSFiles.of(state)
    files.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not lab.serves_tls:
        return files, False
    if lab.tls.cert:
        _copy_private(Path(lab.tls.cert).expanduser(), files.cert)
        _copy_private(Path(lab.tls.key).expanduser(), files.key)
        files.ca_cert.unlink(missing_ok=True)
        return files, False
    made_ca = not (files.ca_key.exists() and files.ca_cert.exists())
    if made_ca:
        _write_ca(files)
    if made_ca or not _covers(files.cert, lab.domain):
        _write_server_cert(files, lab.domain)
    return files, made_ca


def trust_instructions(files: TLSFiles) -> str:
    return (
        f"The lab made its own certificate authority: {files.ca_cert}\n"
        "Install it once, as a trusted root authority, on every machine that opens the lab\n"
        "(README.md, « A school network », says how on Windows, macOS, Android and Linux)."
    )


def _copy_private(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    target.chmod(0o600)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _write_pem_key(key, path: Path) -> None:
    path.touch(mode=0o600)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "codelab"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_ca(files: TLSFiles) -> None:
    key = _key()
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("codelab local CA"))
        .issuer_name(_name("codelab local CA"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    _write_pem_key(key, files.ca_key)
    files.ca_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _write_server_cert(files: TLSFiles, domain: str) -> None:
    ca_key = serialization.load_pem_private_key(files.ca_key.read_bytes(), None)
    ca_cert = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    key = _key()
    now = datetime.datetime.now(datetime.UTC)
    names = [x509.DNSName(domain), x509.DNSName(f"*.{domain}")]
    # The admin's CLI reaches the hub on this machine's loopback address.
    names.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(domain))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write_pem_key(key, files.key)
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _covers(path: Path, domain: str) -> bool:
    """The certificate at path names domain and *.domain and is not about to expire."""
    if not path.exists():
        return False
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    dns = set(alt.get_values_for_type(x509.DNSName))
    fresh = cert.not_valid_after_utc - datetime.datetime.now(datetime.UTC) > RENEW_BEFORE
    return {domain, f"*.{domain}"} <= dns and fresh
