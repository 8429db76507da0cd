"""The admin's file, lab.yaml: its schema, loading with clear errors, and defaults.

Every field has a description that doubles as the lab.yaml reference in the README.
Unknown keys are errors, not silently ignored: a typo in a limit must not give a trainee
an unlimited container.
"""

from __future__ import annotations

import hmac
import os
import re
import zoneinfo
from pathlib import Path
from typing import Annotated, Literal, get_args, get_origin
from urllib.parse import urlparse

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MEMORY_PATTERN = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$", re.IGNORECASE)
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$")
COURSE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
DURATION_PATTERN = re.compile(r"^(\d+)\s*([smhd]?)$")
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


# Fixed names and ports of a running lab, shared by the hub and the host-side CLI.
HUB_PORT = 8000  # inside the hub container; lab.yaml's port is published onto it
HUB_API_PORT = 8081
# The hub's own services listen on the lab network (not through the proxy): containers call
# them directly, so no container needs the lab's public name or its certificate.
EXCHANGE_PORT = 8090
SANDBOX_PORT = 8091
PROGRESS_PORT = 8092
ADMIN_SERVICE = "codelab-admin"
EXCHANGE_SERVICE = "exchange"
SANDBOX_SERVICE = "sandbox"
PROGRESS_SERVICE = "progress"
FORMGRADER_PORT = 8888  # in each course's grading container
# The one rule for usernames, at every door (the hub's API and login, the roster, lab.yaml):
# lowercase ASCII, so two spellings of one name cannot make two look-alike accounts, and
# every name escapes to a distinct Docker name and a DNS label.
MAX_USERNAME_LENGTH = 32
USERNAME_PATTERN = re.compile(rf"^[a-z][a-z0-9._-]{{0,{MAX_USERNAME_LENGTH - 1}}}$")
# Docker objects of the lab named <prefix>-<word>: a user with that name would clash.
RESERVED_USERNAMES = frozenset({"hub", "net", "home", "course", "proxy", "root", "sandbox"})

# The hub log's words for a server whose container exited at start: `codelab status`
# shows the admin those records, with the container's last log lines.
FAILED_START_MARK = "Server failed to start for"
CONTAINER_LINE = "    | "  # each of the container's lines quoted under it

# Where a trainee's home volume is mounted in their container (and read by archives).
TRAINEE_HOME = "/home/trainee"
# What every container the lab starts is denied, as docker-py's keyword arguments; each
# adds back only the capabilities its entrypoint needs.
HARDENING = {"cap_drop": ["ALL"], "security_opt": ["no-new-privileges"]}


# A cohort is the hub group COHORT_GROUP_PREFIX + its name.
COHORT_GROUP_PREFIX = "cohort-"


def cohort_group(name: str) -> str:
    """The hub group of a cohort's trainees."""
    return f"{COHORT_GROUP_PREFIX}{name}"


def trainee_group(course: str) -> str:
    """The hub group of a course's trainees (nbgrader's name for it)."""
    return f"nbgrader-{course}"


# The longest assignment title course.yaml may give, and the exchange keeps.
MAX_TITLE_LENGTH = 200
# The longest delay course.yaml may give an assignment, and the exchange keeps: ten years.
MAX_DUE_DAYS = 3650


def instructor_group(course: str) -> str:
    """The hub group of a course's instructors, who may open its formgrader."""
    return f"formgrade-{course}"


# Hub services of the lab itself; a course's service cannot take these names.
RESERVED_SERVICE_NAMES = {
    EXCHANGE_SERVICE,
    SANDBOX_SERVICE,
    PROGRESS_SERVICE,
    "idle-culler",
    ADMIN_SERVICE,
}


def service_token(admin_token: str, service: str) -> str:
    """A course service's hub token, derived from the admin token: the hub and the CLI
    both know it without storing another secret."""
    return hmac.new(admin_token.encode(), f"service:{service}".encode(), "sha256").hexdigest()


def docker_safe(name: str) -> str:
    """A username as DockerSpawner writes it into container and volume names: lowercase
    letters and digits stay, every other byte becomes '-' and two hex digits (escapism)."""
    safe = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(
        char if char in safe else "".join(f"-{byte:02x}" for byte in char.encode()) for char in name
    )


class LabConfigError(ValueError):
    """lab.yaml is missing, unreadable or invalid; the message says what to change."""


def parse_memory(value: str | int) -> int:
    """'2G' -> bytes. Accepts a plain byte count or a number with K, M, G or T."""
    if isinstance(value, bool):
        raise ValueError("expected a size such as 512M or 2G")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("must be more than 0 bytes, e.g. 2G")
        return value
    match = MEMORY_PATTERN.match(str(value).strip())
    if not match:
        raise ValueError("expected a size such as 512M or 2G (a number, then K, M, G or T)")
    number, unit = float(match.group(1)), match.group(2).upper()
    size = int(number * _UNITS[unit])
    if size < 64 * 1024**2:
        raise ValueError("is too small for a JupyterLab server: give at least 64M")
    return size


def parse_duration(value: str | int) -> int:
    """'1h' -> 3600 seconds. Accepts seconds or a number with s, m, h or d."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 3600, 90m or 1h")
    if isinstance(value, int):
        seconds = value
    else:
        match = DURATION_PATTERN.match(str(value).strip())
        if not match:
            raise ValueError("expected a duration such as 3600, 90m or 1h")
        seconds = int(match.group(1)) * _SECONDS[match.group(2)]
    if seconds < 0:
        raise ValueError("must be 0 (never cull) or a positive duration such as 1h")
    return seconds


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ImagesConfig(_Section):
    base: str = Field(
        "codelab/base:bookworm",
        description="Base image every other image is built FROM. Made from Debian packages "
        "when no registry answers.",
    )
    hub: str = Field("codelab/hub:latest", description="Image of the hub (JupyterHub + proxy).")
    learner: str = Field(
        "codelab/learner:latest",
        description="Image of a trainee's container (JupyterLab, nbgrader, git, Node.js, Deno).",
    )

    @field_validator("base", "hub", "learner")
    @classmethod
    def _image_name(cls, value: str) -> str:
        if not re.match(r"^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?$", value or ""):
            raise ValueError("expected an image name such as codelab/learner:latest")
        return value


def start_width(asked: int = 0) -> int:
    """How many servers start at once on this machine: `asked`, or two per core (half of
    a start's time is Docker's and the home disk's, not the server's own CPU:
    benchmarks/burst.py had 30 logins ready in 106 s two at a time, in 86 s four at a
    time, on two cores)."""
    return asked or 2 * len(os.sched_getaffinity(0))


class LearnerConfig(_Section):
    memory: str | int = Field("2G", description="Memory limit of one trainee container.")
    disk: str | int = Field(
        "2G",
        description="Room for one trainee's files: their home is a file system of this size "
        "of its own, so a full home stops at it and never fills the host. Raising it grows "
        "each home at its next start; homes never shrink.",
    )
    cpus: float = Field(1.0, description="CPU limit of one trainee container (cores).", gt=0)
    pids: int = Field(512, description="Most processes and threads in one trainee container.")
    idle_timeout: str | int = Field(
        "1h",
        description="Stop a trainee's server after this long without activity (0 = never). "
        "Their files are kept.",
    )
    uid_base: int = Field(
        20000,
        description="The first trainee uid; each new username gets the next, kept for good "
        "(also when the account is deleted and made again) and never given to another.",
        ge=1000,
    )
    start_timeout: int = Field(
        180, description="Seconds a trainee's server may take to start.", ge=10
    )
    starts_at_once: int = Field(
        0,
        description="Servers that start at the same time; the other trainees wait their "
        "turn on a page that shows their place (0 = two per core of the machine).",
        ge=0,
    )
    queue_seconds: int = Field(
        600,
        description="Longest a trainee may wait for her turn to start before her start "
        "counts as failed (a whole school logging in at once).",
        ge=0,
    )

    @field_validator("memory")
    @classmethod
    def _memory(cls, value):
        parse_memory(value)
        return value

    @field_validator("disk")
    @classmethod
    def _disk(cls, value):
        parse_memory(value)
        return value

    @property
    def disk_bytes(self) -> int:
        return parse_memory(self.disk)

    @field_validator("pids")
    @classmethod
    def _pids(cls, value: int) -> int:
        if value < 32:
            raise ValueError("must be at least 32 (JupyterLab and a kernel need about 30)")
        return value

    @field_validator("idle_timeout")
    @classmethod
    def _idle(cls, value):
        parse_duration(value)
        return value

    @property
    def memory_bytes(self) -> int:
        return parse_memory(self.memory)

    @property
    def idle_seconds(self) -> int:
        return parse_duration(self.idle_timeout)

    @property
    def start_width(self) -> int:
        return start_width(self.starts_at_once)


class AuthConfig(_Section):
    admin_user: str = Field("admin", description="The first admin account, made by `codelab up`.")
    min_password_length: int = Field(8, description="Shortest password a user may set.", ge=6)
    max_failed_logins: int = Field(
        5, description="Failed logins in a row before an account waits lockout_seconds.", ge=1
    )
    lockout_seconds: int = Field(300, description="How long a throttled account waits.", ge=1)

    @field_validator("admin_user")
    @classmethod
    def _admin(cls, value: str) -> str:
        if not USERNAME_PATTERN.match(value) or value in RESERVED_USERNAMES:
            raise ValueError("expected a lowercase username such as admin")
        return value


class TLSConfig(_Section):
    """The certificate of an https public_url; without one the lab makes its own."""

    cert: str | None = Field(
        None,
        description="Certificate (PEM, full chain) for the public_url's host and *.<host>. "
        "Unset with an https public_url: the lab makes a local certificate authority on first "
        "run and prints how to trust it.",
    )
    key: str | None = Field(None, description="The certificate's private key (PEM).")

    @field_validator("cert", "key")
    @classmethod
    def _readable(cls, value: str | None) -> str | None:
        if value is not None and not Path(value).expanduser().is_file():
            raise ValueError("no such file: give the path of a PEM file on this machine")
        return value


class GradingConfig(_Section):
    """Autograding: each submission runs in a throwaway sandbox container."""

    workers: int = Field(
        0,
        description="Sandboxes running at once (0 = two per CPU core of the machine: a "
        "sandbox spends part of its life waiting on Docker or on a sleeping notebook).",
        ge=0,
    )
    budget_seconds: int = Field(
        30, description="Wall-clock budget of one whole notebook (not per cell).", ge=5
    )
    cpu_seconds: int = Field(
        5,
        description="CPU-time budget of one notebook's kernel: an endless computation stops "
        "here, without holding a core for the whole wall-clock budget (every solution of "
        "the web-dev track needs less than 2).",
        ge=2,
    )
    memory: str | int = Field("512M", description="Memory limit of one sandbox.")
    cpus: float = Field(1.0, description="CPU limit of one sandbox (cores).", gt=0)
    pids: int = Field(128, description="Most processes and threads in one sandbox.", ge=32)

    @field_validator("memory")
    @classmethod
    def _memory(cls, value):
        parse_memory(value)
        return value

    @property
    def memory_bytes(self) -> int:
        return parse_memory(self.memory)

    @property
    def sandboxes_at_once(self) -> int:
        return self.workers or default_sandbox_workers()


def default_sandbox_workers() -> int:
    return 2 * (os.cpu_count() or 1)


class LabConfig(_Section):
    name: str = Field("codelab", description="The lab's name, shown on its pages.")
    prefix: str = Field(
        "codelab",
        description="Prefix of every Docker object the lab creates: <prefix>-hub, "
        "<prefix>-<username>, <prefix>-home-<username>, <prefix>-disks, <prefix>-net.",
    )
    language: Literal["fr", "en"] = Field("fr", description="Default language of the pages.")
    timezone: str = Field(
        "Europe/Paris",
        description="The school's time zone (an IANA name, such as Europe/Paris or "
        "America/Cayenne): a due date ends at midnight there.",
    )
    port: Annotated[int, Field(ge=1, le=65535)] = Field(
        8000, description="Public port the lab answers on."
    )
    public_url: str | None = Field(
        None,
        description="The address trainees type to reach the lab, printed on login cards, "
        "such as https://lab.example.org:8443. Each trainee's lab gets its own address "
        "under it (https://amina.lab.example.org:8443), so its name needs a wildcard DNS "
        "record (README: a school network). https makes the lab serve TLS itself; http is "
        "plain HTTP, for loopback or an explicit choice (default: http://<prefix>.localhost:"
        "<port>, this machine only).",
        pattern=r"^https?://[a-z0-9.-]+(:\d+)?/?$",
    )
    tls: TLSConfig = Field(default_factory=TLSConfig)
    images: ImagesConfig = Field(default_factory=ImagesConfig)
    learner: LearnerConfig = Field(default_factory=LearnerConfig)
    auth: AuthConfig = Field(default_factory=AuthConfig)
    grading: GradingConfig = Field(default_factory=GradingConfig)
    courses: list[str] = Field(
        default_factory=list, description="Course ids served by the lab (see courses/)."
    )

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            raise ValueError(
                f"{value!r}: expected a time zone name such as Europe/Paris or Africa/Dakar"
            ) from None
        return value

    @field_validator("courses")
    @classmethod
    def _courses(cls, value: list[str]) -> list[str]:
        for course in value:
            if not COURSE_PATTERN.match(course) or "--" in course:
                raise ValueError(
                    f"{course!r}: expected a course id such as web-dev (lowercase letters, "
                    "digits and single '-', at most 40 characters: it becomes a web address)"
                )
            if course in RESERVED_SERVICE_NAMES:
                raise ValueError(f"{course!r} is a name the lab uses itself: choose another")
        if len(set(value)) != len(value):
            raise ValueError("a course is listed twice")
        return value

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not NAME_PATTERN.match(value):
            raise ValueError("expected lowercase letters, digits and '-', such as codelab")
        return value

    @field_validator("tls")
    @classmethod
    def _tls_pair(cls, value: TLSConfig) -> TLSConfig:
        if (value.cert is None) != (value.key is None):
            raise ValueError("give both tls.cert and tls.key, or neither")
        return value

    @property
    def origin(self) -> str:
        """Where the hub answers: scheme://host[:port], no trailing slash."""
        return (self.public_url or f"http://{self.prefix}.localhost:{self.port}").rstrip("/")

    @property
    def domain(self) -> str:
        """The hub's host name; every trainee and service gets a name under it."""
        return urlparse(self.origin).hostname

    @property
    def serves_tls(self) -> bool:
        return self.origin.startswith("https://")

    def origin_of(self, label: str) -> str:
        """The origin of one name under the hub's: scheme://label.domain[:port]."""
        url = urlparse(self.origin)
        netloc = url.netloc.replace(url.hostname, f"{label}.{url.hostname}", 1)
        return url._replace(netloc=netloc).geturl()

    def service_origin(self, service: str) -> str:
        """Where the hub serves a service (JupyterHub's subdomain scheme for services; course
        ids are DNS-safe and have no '--', so the label is the name and '--service')."""
        return self.origin_of(f"{service}--service")

    @property
    def network(self) -> str:
        return f"{self.prefix}-net"

    def home_volume(self, username: str) -> str:
        return f"{self.prefix}-home-{docker_safe(username)}"

    @property
    def hub_data_volume(self) -> str:
        """The hub's database, cookie secret and exchange (docker-compose.yml mounts it)."""
        return f"{self.prefix}-hub-data"

    @property
    def disks_volume(self) -> str:
        """Where each trainee home's own file system lives, as an image (codelab.home_disks)."""
        return f"{self.prefix}-disks"

    @property
    def hub_container(self) -> str:
        return f"{self.prefix}-hub"

    def course_container(self, course: str) -> str:
        """A course's grading container, and the volume of its nbgrader folder."""
        return f"{self.prefix}-course-{course}"

    @property
    def sandbox_service_url(self) -> str:
        """Where the sandbox service listens, on the lab network."""
        return f"http://{self.hub_container}:{SANDBOX_PORT}"

    @property
    def sandbox_url(self) -> str:
        """The sandbox service as the grading containers reach it."""
        return f"{self.sandbox_service_url}/services/{SANDBOX_SERVICE}/"

    @property
    def exchange_service_url(self) -> str:
        """Where the exchange listens, on the lab network."""
        return f"http://{self.hub_container}:{EXCHANGE_PORT}"

    @property
    def exchange_url(self) -> str:
        """The exchange as containers on the lab network reach it."""
        return f"{self.exchange_service_url}/services/{EXCHANGE_SERVICE}/"

    @property
    def progress_service_url(self) -> str:
        """Where the progress service listens, on the lab network."""
        return f"http://{self.hub_container}:{PROGRESS_PORT}"

    @property
    def progress_url(self) -> str:
        """The progress service as the grading containers reach it (to publish results)."""
        return f"{self.progress_service_url}/services/{PROGRESS_SERVICE}/"

    @property
    def progress_page(self) -> str:
        """The progress pages as a browser reaches them, through the proxy."""
        return f"{self.service_origin(PROGRESS_SERVICE)}/services/{PROGRESS_SERVICE}/"


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys accepted at the place `loc` points to in the schema."""
    for part in loc:
        if isinstance(part, int):
            continue  # an index into a list: the list's item model stays current
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            break
        model = annotation
    return list(model.model_fields)


def describe_errors(
    error: ValidationError, source: str, model: type[BaseModel] | None = None
) -> str:
    """One line per problem: the key, the bad value and what is accepted."""
    model = model or LabConfig
    lines = [f"{source} is not valid:"]
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"])
        value = item.get("input")
        if item["type"] == "extra_forbidden":
            accepted = ", ".join(_field_names(model, item["loc"][:-1]))
            lines.append(f"  - unknown key '{key}'; accepted keys here: {accepted}")
            continue
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "literal_error":
            message = "expected " + message.removeprefix("Input should be ")
        lines.append(f"  - {key} = {value!r}: {message}")
    lines.append(f"Fix these keys in {source} (see README.md for every key).")
    return "\n".join(lines)


def parse_lab_config(data: object, source: str = "lab.yaml") -> LabConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LabConfigError(f"{source} must hold keys such as 'name:' and 'learner:', not a list")
    try:
        return LabConfig.model_validate(data)
    except ValidationError as error:
        raise LabConfigError(describe_errors(error, source)) from None


def load_lab_config(path: str | Path) -> LabConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LabConfigError(
            f"{path} does not exist: copy hub_config/lab.yaml or pass --config PATH"
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise LabConfigError(f"{path} is not valid YAML: {error}") from None
    return parse_lab_config(data, str(path))
