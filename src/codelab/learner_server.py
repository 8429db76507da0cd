"""The trainee's server, jupyterhub-singleuser started for less CPU (learner image).

At nine a class's servers start together on a machine of two cores, so every CPU-second
of one start is waited for by the whole class (codelab.hub.start_queue). Two costs of a
stock start buy a trainee nothing, each measured here (benchmarks/spawn.py; the figures
are in the note of « 9 am »):

- JupyterLab asks yarn for its npm registry as it is imported, which runs node (about
  0.4 CPU-s). The registry serves building and installing extensions, which a trainee
  cannot do: the Python environment belongs to root.
- Python's collector runs every 700 new objects, and a start makes millions that live as
  long as the server (modules, classes, traits): most collections find nothing to free
  (about 0.45 CPU-s). Collections wait until the server is up; then what the start made is
  set aside for good (gc.freeze) and the usual thresholds come back.

The image's jupyter_server config loads this module as a server extension too: that is
how it hears that the server is up.
"""

from __future__ import annotations

import gc
import sys

# First-generation collections wait for this many new objects while the server starts.
STARTING_THRESHOLDS = (100_000, 50, 1000)
# CPython's own, set back once the server is up. (Not read from gc: run as a script, this
# module is imported again under its name after main() set the starting ones.)
USUAL_THRESHOLDS = (700, 10, 10)


def _no_yarn_config(logger) -> dict:
    """What jupyterlab.commands reads when yarn cannot be asked: no settings."""
    return {"yarn config": {}, "npm config": {}}


def main() -> None:
    gc.set_threshold(*STARTING_THRESHOLDS)
    import jupyterlab.commands

    jupyterlab.commands._yarn_config = _no_yarn_config
    from jupyterhub.singleuser import main as singleuser

    sys.exit(singleuser())


def _jupyter_server_extension_points():
    return [{"module": "codelab.learner_server"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Nothing to load: the work is done once the server is up (below)."""


async def _start_jupyter_server_extension(serverapp) -> None:
    # jupyter_server runs this once its event loop runs, every extension loaded and the
    # server listening: what is left now lives as long as the server.
    gc.collect()
    gc.freeze()
    gc.set_threshold(*USUAL_THRESHOLDS)


if __name__ == "__main__":
    main()
