"""What the lab's addresses need from the network, checked on the admin's host at `up`.

Each trainee's lab is served at <name>.<domain>, the hub at <domain>: browsers then keep
one trainee's pages away from another's session. That needs a name for every <name>:
*.localhost resolves to this machine in browsers; any other domain needs a wildcard DNS
record (README: « A school network »).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlparse

from codelab.config import LabConfig

# A name no trainee can have (usernames never hold '--'): probes the wildcard record.
PROBE_LABEL = "codelab--probe"


def reaches_only_this_machine(url: str) -> bool:
    """A loopback address: on any other device it names that device, not the lab."""
    host = urlparse(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolves(host: str) -> bool:
    try:
        socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return True


def origin_warnings(lab: LabConfig, resolve=resolves) -> list[str]:
    """Sentences for the admin: what is missing for trainees to reach the lab safely."""
    warnings = []
    if reaches_only_this_machine(lab.origin):
        return [
            f"{lab.origin} is reachable from this machine only (*.localhost). For trainees "
            "on other machines set public_url in lab.yaml (README: « A school network »)."
        ]
    if not lab.serves_tls:
        warnings.append(
            f"{lab.origin} is plain HTTP on a network: passwords cross it readable, and "
            "browsers give such pages fewer protections. Use an https public_url (the lab "
            "makes its own certificate) unless this network is yours alone."
        )
    probe = f"{PROBE_LABEL}.{lab.domain}"
    missing = [host for host in (lab.domain, probe) if not resolve(host)]
    if missing:
        warnings.append(
            f"{' and '.join(missing)} do not resolve from this machine. Trainees reach "
            f"their labs at <name>.{lab.domain}: the network's DNS needs a record for "
            f"{lab.domain} and a wildcard record *.{lab.domain}, both to this machine "
            "(README: « A school network » shows how, and what to do without DNS control)."
        )
    return warnings
