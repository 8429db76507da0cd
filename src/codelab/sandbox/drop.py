"""Start a kernel as the sandbox's kernel uid: `python -m codelab.sandbox.drop UID CPU -- CMD…`.

Runs as root (with only SETUID and SETGID). The connection file jupyter_client wrote is
readable by root only: its content is copied to a file the kernel's uid owns, then the
privileges go and the kernel command runs in this process's place. The kernel is also made
the first process the kernel of Linux kills when memory runs out, and gets CPU seconds of
processor time: SIGXCPU then, SIGKILL a second later if it ignores that. Every process it
starts inherits the same limit.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

KERNEL_RUNTIME = Path("/tmp/kernel")


def main(argv: list[str]) -> None:
    uid, cpu_seconds, command = int(argv[1]), float(argv[2]), argv[argv.index("--") + 1 :]
    copies = {
        arg: Path(arg).read_bytes()
        for arg in command
        if arg.endswith(".json") and Path(arg).is_file()
    }
    # Raising one's own score needs no privilege; after setuid /proc/self is root's.
    Path("/proc/self/oom_score_adj").write_text("1000")
    limit = max(1, round(cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    KERNEL_RUNTIME.mkdir(mode=0o700, exist_ok=True)
    for index, arg in enumerate(command):
        if arg in copies:
            copy = KERNEL_RUNTIME / Path(arg).name
            copy.write_bytes(copies[arg])
            copy.chmod(0o600)
            command[index] = str(copy)
    os.chdir("/work")
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv)
