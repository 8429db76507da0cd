"""A course's grading container: nbgrader for the instructors of one course.

One container per course, `<prefix>-course-<course_id>`, from the learner image, with the
course folder on its own volume and the course's source notebooks mounted read-only from
courses/<course_id>/source. It talks to the exchange as the hub service named after the
course, so it acts as an instructor of that course and of no other.
"""

from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

import docker

from codelab.config import LabConfig
from codelab.hub.configure import EXCHANGE_SERVICE, HUB_PORT, service_token

COURSE_ROOT = "/srv/course"
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
"""


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
        return f"{self.lab.prefix}-course-{self.course_id}"

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
        container = self._client().containers.run(
            self.lab.images.learner,
            ["sleep", "infinity"],
            name=self.name,
            detach=True,
            network=self.lab.network,
            environment={
                "NB_UID": str(GRADER_UID),
                "HOME": COURSE_ROOT,
                "CODELAB_EXCHANGE_URL": (
                    f"http://{self.lab.hub_container}:{HUB_PORT}/services/{EXCHANGE_SERVICE}/"
                ),
                "JUPYTERHUB_API_TOKEN": service_token(self.admin_token, self.course_id),
            },
            volumes={
                self.name: {"bind": COURSE_ROOT, "mode": "rw"},
                str(self.source.resolve()): {"bind": f"{COURSE_ROOT}/source", "mode": "ro"},
            },
            cap_drop=["ALL"],
            cap_add=["CHOWN", "SETUID", "SETGID"],
            security_opt=["no-new-privileges"],
            restart_policy={"Name": "unless-stopped"},
        )
        self._write_config(container)

    def _write_config(self, container) -> None:
        text = NBGRADER_CONFIG.format(
            course=self.course_id, root=COURSE_ROOT, language=self.lab.language
        ).encode()
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            info = tarfile.TarInfo("nbgrader_config.py")
            info.size, info.uid, info.gid, info.mode = len(text), GRADER_UID, GRADER_UID, 0o644
            archive.addfile(info, io.BytesIO(text))
        container.put_archive(COURSE_ROOT, buffer.getvalue())

    def nbgrader(self, *args: str) -> str:
        """Run one nbgrader command in the course folder, as the grader; its output."""
        self.ensure_running()
        result = self.container().exec_run(
            ["nbgrader", *args], user=str(GRADER_UID), workdir=COURSE_ROOT
        )
        output = result.output.decode(errors="replace")
        if result.exit_code != 0:
            raise GradingError(f"nbgrader {' '.join(args)} failed:\n{output.strip()}")
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
