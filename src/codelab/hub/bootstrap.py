"""Run inside the hub container by `codelab up`: give the first admin a password.

Exit status 0: created, 3: the account already has a password (nothing changed).
The password comes from the environment, never from the command line (visible in `ps`).
"""

from __future__ import annotations

import os
import sys

from codelab.hub.accounts import AccountStore
from codelab.hub.configure import DATA_DIR

ALREADY_EXISTS = 3


def main(argv: list[str]) -> int:
    username = argv[1]
    store = AccountStore(os.path.join(DATA_DIR, "codelab-accounts.sqlite"))
    if store.exists(username):
        print(f"{username} already has a password")
        return ALREADY_EXISTS
    store.set_password(username, os.environ["CODELAB_NEW_PASSWORD"], must_change=False)
    print(f"created {username}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
