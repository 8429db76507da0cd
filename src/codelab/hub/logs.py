"""The hub's log without secrets. Runs in the hub container, installed by lab.yaml's config.

JupyterHub hides a `token=` of the request's own query, but not one inside another
parameter (`/hub/login?next=/user/amina/%3Ftoken%3D…`, URL-encoded once or twice), nor in
what other lines quote. This filter hides every token value in every line the hub writes.
"""

from __future__ import annotations

import logging
import re

# token=…, and its URL-encoded forms token%3D… and token%253D…; also _xsrf, a secret too.
SECRET_VALUE = re.compile(r"((?:token|_xsrf)(?:=|%3D|%253D))[^&\s\"'#]+", re.IGNORECASE)


def scrub(text: str) -> str:
    return SECRET_VALUE.sub(r"\1[secret]", text)


class ScrubSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


# traitlets' logging_config: the filter on the hub's own console handler.
LOGGING_CONFIG = {
    "filters": {"scrub_secrets": {"()": "codelab.hub.logs.ScrubSecrets"}},
    "handlers": {"console": {"filters": ["scrub_secrets"]}},
}
