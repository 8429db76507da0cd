"""Build the lab's images with no container registry.

The base image comes from Debian packages (images/base/mkbase.sh). Python packages are
fetched on the host into a wheelhouse first, with the host's own pip settings (its CA
bundle included), and copied into the build: no build container needs a certificate or
a registry, and a wheelhouse once filled lets the lab rebuild offline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docker
from docker.errors import APIError, BuildError

from codelab.config import LabConfig

PYTHON_VERSION = "3.11"  # Debian bookworm's python3, which the images run.
PLATFORMS = ["manylinux2014_x86_64"] + [f"manylinux_2_{n}_x86_64" for n in range(17, 37)]
STEP = re.compile(r"^Step (\d+)/(\d+) : (.*)")
# Projects of this repository an image may list in its requirements.txt: their wheels are
# built from the checkout, and they are installed last (their dependencies first).
LOCAL_PROJECTS = {"codelab": ".", "codelab-graders": "graders"}


class ImageBuildError(RuntimeError):
    """An image failed to build; the message names the image and the failing step."""


@dataclass(frozen=True)
class BuildProgress:
    image: str
    step: int
    total: int
    text: str


def repo_root() -> Path:
    """The checkout holding images/, hub_config/ and docker-compose.yml."""
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *here.parents]:
        if (parent / "images").is_dir() and (parent / "docker-compose.yml").exists():
            return parent
    raise ImageBuildError("run codelab from its checkout (the folder with images/)")


def image_tags(lab: LabConfig) -> dict[str, str]:
    """Build order: the base first."""
    return {"base": lab.images.base, "hub": lab.images.hub, "learner": lab.images.learner}


def _exists(client: docker.DockerClient, tag: str) -> bool:
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        return False
    return True


def missing_images(lab: LabConfig, client: docker.DockerClient) -> list[str]:
    return [name for name, tag in image_tags(lab).items() if not _exists(client, tag)]


def build_base(tag: str, root: Path) -> None:
    script = root / "images" / "base" / "mkbase.sh"
    result = subprocess.run(["sh", str(script), tag], capture_output=True, text=True)
    if result.returncode != 0:
        raise ImageBuildError(f"base image: {result.stderr.strip() or result.stdout.strip()}")


def fill_wheelhouse(name: str, root: Path) -> Path:
    """Download every wheel the image's requirements need, for the image's Python."""
    wheels = root / "build" / "wheels" / name
    wheels.mkdir(parents=True, exist_ok=True)
    requirements = image_requirements(name, root)
    for project in local_projects(name, root):
        requirements.append(str(_build_local_wheel(root / LOCAL_PROJECTS[project], wheels)))
    platform_args = [arg for p in PLATFORMS for arg in ("--platform", p)]
    _pip(
        [
            "download", "-q", "-d", str(wheels), "--find-links", str(wheels),
            "--only-binary=:all:", "--python-version", PYTHON_VERSION,
            "--implementation", "cp", *platform_args, *requirements,
        ],
        f"{name}: Python packages",
    )  # fmt: skip
    return wheels


def local_projects(name: str, root: Path) -> list[str]:
    """The projects of this repository the image lists (see LOCAL_PROJECTS)."""
    return [
        project
        for line in _requirement_lines(name, root)
        if (project := _project_name(line)) in LOCAL_PROJECTS
    ]


def image_requirements(name: str, root: Path) -> list[str]:
    """The image's requirements with each local project replaced by its dependencies.

    The image installs those first and the local projects themselves last, so a change to
    codelab's code rebuilds one small layer, not the whole Python environment.
    """
    requirements = []
    for line in _requirement_lines(name, root):
        project_name = _project_name(line)
        if project_name not in LOCAL_PROJECTS:
            requirements.append(line)
            continue
        pyproject = root / LOCAL_PROJECTS[project_name] / "pyproject.toml"
        project = tomllib.loads(pyproject.read_text())["project"]
        requirements += project.get("dependencies", [])
        for extra in re.findall(r"\w+", line.removeprefix(project_name)):
            requirements += project["optional-dependencies"][extra]
    return requirements


def _project_name(line: str) -> str:
    return re.match(r"[A-Za-z0-9._-]*", line).group(0)


def _requirement_lines(name: str, root: Path) -> list[str]:
    text = (root / "images" / name / "requirements.txt").read_text()
    lines = (line.split("#")[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def _build_local_wheel(project: Path, wheels: Path) -> Path:
    name = tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"]
    pattern = f"{name.replace('-', '_')}-*.whl"
    for old in wheels.glob(pattern):
        old.unlink()
    _pip(["wheel", "--no-deps", "-q", "-w", str(wheels), str(project)], f"{name} wheel")
    return next(wheels.glob(pattern))


def _pip(args: list[str], what: str) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-8:])
        raise ImageBuildError(
            f"{what}: pip could not fetch the packages (is PyPI reachable, or the wheelhouse "
            f"build/wheels filled?):\n{tail}"
        )


def build_context(name: str, root: Path, wheels: Path) -> tempfile.TemporaryDirectory:
    """The image folder, its expanded requirements, third-party wheels and codelab's wheel."""
    context = tempfile.TemporaryDirectory(prefix=f"codelab-build-{name}-")
    target = Path(context.name)
    shutil.copytree(root / "images" / name, target, dirs_exist_ok=True)
    (target / "requirements.txt").write_text("\n".join(image_requirements(name, root)) + "\n")
    local = [f"{project.replace('-', '_')}-*.whl" for project in LOCAL_PROJECTS]
    shutil.copytree(wheels, target / "wheels", ignore=shutil.ignore_patterns(*local))
    (target / "local").mkdir()
    for pattern in local:
        for wheel in wheels.glob(pattern):
            shutil.copy2(wheel, target / "local")
    return context


def docker_build(
    client: docker.DockerClient, name: str, tag: str, context: str, base: str
) -> Iterator[BuildProgress]:
    """Run one docker build, yielding its steps; raise with the failing step's output."""
    step, total, text, recent = 0, 0, "", []
    stream = client.api.build(
        path=context, tag=tag, buildargs={"BASE": base}, network_mode="host",
        rm=True, forcerm=True, decode=True,
    )  # fmt: skip
    for chunk in stream:
        if "error" in chunk:
            detail = "\n".join(recent[-12:])
            raise ImageBuildError(
                f"{name} image failed at step {step}/{total} ({text}): {chunk['error']}\n{detail}"
            )
        line = chunk.get("stream", "").rstrip()
        if not line:
            continue
        match = STEP.match(line)
        if match:
            step, total, text = int(match.group(1)), int(match.group(2)), match.group(3)[:70]
            recent = []
            yield BuildProgress(name, step, total, text)
        else:
            recent.append(line)


def build_images(
    lab: LabConfig,
    names: list[str] | None = None,
    on_progress: Callable[[BuildProgress], None] = lambda p: None,
) -> list[str]:
    """Build the named images (all by default) in order, reusing Docker's cache.

    The base is remade only when named or missing.
    """
    root = repo_root()
    client = docker.from_env()
    tags = image_tags(lab)
    wanted = [n for n in tags if names is None or n in names]
    for name in wanted:
        on_progress(BuildProgress(name, 0, 0, "preparing"))
        if name == "base":
            # A new base invalidates every cached layer above it: remake it only on request.
            if names is not None or not _exists(client, tags["base"]):
                build_base(tags["base"], root)
            continue
        wheels = fill_wheelhouse(name, root)
        with build_context(name, root, wheels) as context:
            try:
                for progress in docker_build(client, name, tags[name], context, tags["base"]):
                    on_progress(progress)
            except (APIError, BuildError) as error:
                raise ImageBuildError(f"{name} image: {error}") from None
    return wanted
