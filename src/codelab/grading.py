"""A course's grading container: nbgrader for the instructors of one course.

One container per course, `<prefix>-course-<course_id>`, from the learner image, with the
course folder on its own volume and the course's source notebooks mounted read-only from
courses/<course_id>/source. It talks to the exchange as the hub service named after the
course, so it acts as an instructor of that course and of no other.
"""

from __future__ import annotations

import io
import json
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docker

from codelab.config import FORMGRADER_PORT, HARDENING, HUB_API_PORT, LabConfig, service_token
from codelab.courses import NBGRADER_COURSE_SETTINGS
from codelab.formgrader_pages import FORMGRADER_PAGES

COURSE_ROOT = "/srv/course"
# The course's own folder (course.yaml, source/), read-only, in its grading container.
COURSE_DEFINITION = "/srv/course-definition"
# Where the learner image keeps the feedback page's template, one folder per language.
FEEDBACK_TEMPLATES = "/opt/codelab/venv/share/codelab/feedback"
GRADER_UID = 10001  # below every trainee uid (uid_base is at least 1000 and defaults to 20000)

NBGRADER_CONFIG = """\
# Written by codelab for the course {course}: nbgrader's exchange is codelab's service.
c = get_config()  # noqa: F821
c.CourseDirectory.root = "{root}"
c.CourseDirectory.course_id = "{course}"
for action, plugin in {{
    "exchange": "Exchange",
    "fetch_assignment": "ExchangeFetchAssignment",
    "fetch_feedback": "ExchangeFetchFeedback",
    "release_assignment": "ExchangeReleaseAssignment",
    "release_feedback": "ExchangeReleaseFeedback",
    "collect": "ExchangeCollect",
    "submit": "ExchangeSubmit",
    "list": "ExchangeList",
}}.items():
    setattr(c.ExchangeFactory, action, f"codelab.exchange.client.{{plugin}}")
# Feedback never shows hidden tests, nor tracebacks that quote them.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "codelab.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HideHiddenTests.language = "{language}"
# Not nbgrader's whole configuration dumped on the instructor's assignments page.
c.FormgradeExtension.debug = False
c.ExchangeReleaseAssignment.course_file = "{course_definition}/course.yaml"
# The feedback page and the formgrader's pages in the lab's language (codelab.feedback_page
# and codelab.formgrader_pages, written at image build).
c.HTMLExporter.extra_template_basedirs = [
    "{feedback_templates}/{language}", "{formgrader_pages}/{language}/templates"
]
# Trainees' code runs in a throwaway sandbox per submission, never in this container.
c.Autograde.autograde_preprocessors = [
    "codelab.sandbox.preprocessor.SandboxedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.SandboxedExecute.language = "{language}"
# Each wholly graded submission's scores go to the trainees' progress pages (codelab.progress).
from codelab.progress.publish import AfterAutograde  # noqa: E402
c.Autograde.post_convert_hook = AfterAutograde("{course}", "sqlite:///{root}/gradebook.db")
{course_settings}"""


FORMGRADER_COMMAND = f"jupyterhub-singleuser --ip=0.0.0.0 --port={FORMGRADER_PORT}"
# The learner image turns the formgrader off for trainees; the grading container serves it and
# nothing else (codelab.grading_server): no JupyterLab, Notebook, terminal, kernel or proxy
# beside the gradebook and the course's token.
SERVER_EXTENSIONS_OFF = [
    "jupyterlab", "notebook", "notebook_shim", "jupyter_lsp", "jupyter_server_terminals",
    "jupyter_server_proxy", "jupyterlab_git", "nbdime",
    "nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
]  # fmt: skip
FORMGRADER_SERVER_CONFIG = json.dumps(
    {
        "ServerApp": {
            # nbgrader's formgrader, on its pages in the lab's language.
            "jpserver_extensions": {"codelab.formgrader_pages": True}
            | dict.fromkeys(SERVER_EXTENSIONS_OFF, False),
            "terminals_enabled": False,
            "kernel_manager_class": "codelab.grading_server.NoKernels",
            "root_dir": COURSE_ROOT,
            # nbgrader#1870: the formgrader's pages frame their own pages.
            "tornado_settings": {
                "headers": {"Content-Security-Policy": "frame-ancestors 'self'"},
                "compress_response": True,
            },
        }
    }
)


class GradingError(RuntimeError):
    """A grading step failed; the message holds nbgrader's own explanation."""


@dataclass
class CourseContainer:
    lab: LabConfig
    course_id: str
    source: Path
    admin_token: str

    @property
    def name(self) -> str:
        return self.lab.course_container(self.course_id)

    def _client(self) -> docker.DockerClient:
        return docker.from_env()

    def container(self):
        try:
            return self._client().containers.get(self.name)
        except docker.errors.NotFound:
            return None

    def ensure_running(self) -> None:
        container = self.container()
        if container is not None and container.status == "running":
            return
        if container is not None:
            container.remove(force=True)
        container = self._client().containers.create(
            self.lab.images.learner,
            # The formgrader serves instructors; nbgrader commands come through `docker exec`
            # and keep working whatever happens to the page's server.
            ["sh", "-c", f"{FORMGRADER_COMMAND} & exec sleep infinity"],
            name=self.name,
            network=self.lab.network,
            working_dir=COURSE_ROOT,  # nbgrader's formgrader reads nbgrader_config.py from here
            environment={
                "NB_UID": str(GRADER_UID),
                "HOME": COURSE_ROOT,
                "CODELAB_EXCHANGE_URL": self.lab.exchange_url,
                "CODELAB_SANDBOX_URL": self.lab.sandbox_url,
                "CODELAB_PROGRESS_URL": self.lab.progress_url,
                "CODELAB_SANDBOX_WORKERS": str(self.lab.grading.sandboxes_at_once),
                "CODELAB_LANGUAGE": self.lab.language,
                "JUPYTERHUB_API_TOKEN": service_token(self.admin_token, self.course_id),
                **self.formgrader_env(),
            },
            volumes={
                self.name: {"bind": COURSE_ROOT, "mode": "rw"},
                str(self.source.resolve()): {"bind": f"{COURSE_ROOT}/source", "mode": "ro"},
                # Releases list each assignment under course.yaml's title and points. The
                # folder, not the file: an edited file is a new inode, a bound file stays old.
                str(self.source.resolve().parent): {"bind": COURSE_DEFINITION, "mode": "ro"},
            },
            **HARDENING,
            cap_add=["CHOWN", "SETUID", "SETGID"],
            restart_policy={"Name": "unless-stopped"},
        )
        self._write_config(container)  # before the start, so the server reads it
        container.start()

    def formgrader_env(self) -> dict[str, str]:
        """What JupyterHub gives a managed service, for this external one."""
        prefix = f"/services/{self.course_id}/"
        origin = self.lab.service_origin(self.course_id)
        return {
            "JUPYTERHUB_SERVICE_NAME": self.course_id,
            "JUPYTERHUB_API_URL": f"http://{self.lab.hub_container}:{HUB_API_PORT}/hub/api",
            "JUPYTERHUB_BASE_URL": "/",
            "JUPYTERHUB_SERVICE_PREFIX": prefix,
            "JUPYTERHUB_SERVICE_URL": f"http://0.0.0.0:{FORMGRADER_PORT}",
            "JUPYTERHUB_CLIENT_ID": f"service-{self.course_id}",
            # The formgrader lives on its own origin, the hub on another (subdomains).
            "JUPYTERHUB_HOST": self.lab.origin,
            "JUPYTERHUB_PUBLIC_URL": f"{origin}{prefix}",
            "JUPYTERHUB_OAUTH_CALLBACK_URL": f"{origin}{prefix}oauth_callback",
            "JUPYTERHUB_OAUTH_ACCESS_SCOPES": f'["access:services!service={self.course_id}"]',
            "JUPYTERHUB_DEFAULT_URL": "/formgrader",
            "JUPYTER_CONFIG_DIR": f"{COURSE_ROOT}/.jupyter",
        }

    def _write_config(self, container) -> None:
        files = {
            "nbgrader_config.py": NBGRADER_CONFIG.format(
                course=self.course_id,
                root=COURSE_ROOT,
                language=self.lab.language,
                feedback_templates=FEEDBACK_TEMPLATES,
                formgrader_pages=FORMGRADER_PAGES,
                course_definition=COURSE_DEFINITION,
                course_settings=NBGRADER_COURSE_SETTINGS,
            ),
            ".jupyter/jupyter_server_config.json": FORMGRADER_SERVER_CONFIG,
        }
        self.put_files({name: text.encode() for name, text in files.items()}, container)

    def put_files(self, files: dict[str, bytes], container=None) -> None:
        """Write files (paths relative to the course folder), owned by the grader."""
        buffer = io.BytesIO()
        folders = sorted({str(Path(name).parent) for name in files} | {"."})
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            for folder in folders:
                info = tarfile.TarInfo(folder)
                info.type, info.uid, info.gid, info.mode = (
                    tarfile.DIRTYPE,
                    GRADER_UID,
                    GRADER_UID,
                    0o755,
                )
                archive.addfile(info)
            for name, data in files.items():
                info = tarfile.TarInfo(name)
                info.size, info.uid, info.gid, info.mode = len(data), GRADER_UID, GRADER_UID, 0o644
                archive.addfile(info, io.BytesIO(data))
        if container is None:
            self.ensure_running()
            container = self.container()
        container.put_archive(COURSE_ROOT, buffer.getvalue())

    def nbgrader(self, *args: str) -> str:
        """Run one nbgrader command in the course folder, as the grader; its output."""
        return self.run("nbgrader", *args)

    def run(self, *command: str, echo: Callable[[str], None] | None = None) -> str:
        """Run a command in the course folder, as the grader; its output, or GradingError.

        With `echo`, each piece of output is also passed on as it comes (progress bars).
        """
        self.ensure_running()
        api = self._client().api
        exec_id = api.exec_create(
            self.name, list(command), user=str(GRADER_UID), workdir=COURSE_ROOT
        )["Id"]
        pieces = []
        for chunk in api.exec_start(exec_id, stream=True):
            piece = chunk.decode(errors="replace")
            pieces.append(piece)
            if echo:
                echo(piece)
        output = "".join(pieces)
        code = _exit_code(api, exec_id)
        if code != 0:
            shown = "see above" if echo else output.strip() or "(no output)"
            raise GradingError(f"{' '.join(command)} failed (exit {code}):\n{shown}")
        return output

    def read_file(self, path: str) -> bytes:
        stream, _ = self.container().get_archive(f"{COURSE_ROOT}/{path}")
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as archive:
            member = archive.getmembers()[0]
            return archive.extractfile(member).read()

    def remove(self) -> None:
        container = self.container()
        if container is not None:
            container.remove(force=True)


def _exit_code(api, exec_id: str, patience: float = 10) -> int | None:
    """The exec's exit code. The daemon may end the output stream before it records the
    code (moby/moby#45795; inspect then says Running, ExitCode None): wait for it."""
    deadline = time.monotonic() + patience
    while True:
        state = api.exec_inspect(exec_id)
        if not state["Running"] or time.monotonic() > deadline:
            return state["ExitCode"]
        time.sleep(0.05)
