"""What the Jupyter server of a course's grading container may do: serve the formgrader.

That container holds the course's solutions, hidden tests and gradebook, and the course
service's token. Its server is jupyterhub-singleuser, which would otherwise also serve
JupyterLab, Notebook, terminals and kernels to the course's instructors: a terminal would
show the token, a notebook of a submission opened there would run the trainee's code next
to the gradebook. Trainees' code runs in a sandbox (codelab.sandbox), so this server starts
no kernel at all. Runs in the grading container (grading.FORMGRADER_SERVER_CONFIG names it).
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web


class NoKernels(AsyncMappingKernelManager):
    """Refuses every kernel: nothing runs in the grading container's server."""

    async def start_kernel(self, *args, **kwargs):
        raise web.HTTPError(
            403, "No notebook runs in a course's grading container: grading runs in a sandbox."
        )
