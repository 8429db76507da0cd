"""lab.yaml -> JupyterHub's traitlets Config. Pure: tested on an in-memory Config."""

from __future__ import annotations

import sys

from traitlets.config import Config

from codelab.config import (
    ADMIN_SERVICE,
    EXCHANGE_PORT,
    EXCHANGE_SERVICE,
    FORMGRADER_PORT,
    HARDENING,
    HUB_API_PORT,
    HUB_PORT,
    PROGRESS_SERVICE,
    SANDBOX_SERVICE,
    TRAINEE_HOME,
    USERNAME_PATTERN,
    LabConfig,
    instructor_group,
    service_token,
    trainee_group,
)
from codelab.faults import out_of_room
from codelab.hub.auth import TEMPLATES
from codelab.hub.landing import COURSES, landing_url
from codelab.hub.logs import LOGGING_CONFIG
from codelab.hub.pages import PAGES
from codelab.i18n import t

DATA_DIR = "/srv/jupyterhub/data"
# The lab's certificate and key, as `codelab up` mounts them into the hub container.
TLS_DIR = "/srv/jupyterhub/tls"
ADMIN_SCOPES = [
    "admin:users",
    "admin:servers",
    "admin:groups",
    "admin:services",
    "admin-ui",
    "read:hub",
    "tokens",
    "proxy",
]
# The exchange resolves who calls from their token, then reads their groups itself.
EXCHANGE_SCOPES = ["read:users:groups", "read:groups"]  # groups: a cohort's start date
EXCHANGE_ACCESS = f"access:services!service={EXCHANGE_SERVICE}"
SANDBOX_ACCESS = f"access:services!service={SANDBOX_SERVICE}"
PROGRESS_ACCESS = f"access:services!service={PROGRESS_SERVICE}"
# The progress pages: who is in which course and cohort, when each was last active, and
# each cohort's start (its group's properties).
# (and it grants extensions in the exchange for the instructors its pages have checked)
PROGRESS_SCOPES = [
    EXCHANGE_ACCESS,
    "list:users",
    "read:users:groups",
    "read:users:activity",
    "list:groups",
    "read:groups",
]
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
# Just what the entrypoint needs to close the container's network to other trainees, hand
# the home volume to the trainee (DAC_READ_SEARCH: to walk a home another uid left, whose
# folders are 0700) and drop to its uid (SETPCAP: to empty the bounding set on the way
# out); the trainee keeps none of them.
# Writable by the trainee outside their home (the rest of the image is not).
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/run/lock")
# How long the login waits for the server before showing the page where it starts.
SLOW_SPAWN_SECONDS = 1
# A server whose home is full must still start: what it writes at every start (its
# runtime files, jupyter_core's one-off "migrated" mark) goes to /tmp; what the trainee
# made (JupyterLab's settings and workspaces) stays where it always was. (No config file
# is read from there: disable_user_config.)
FULL_HOME_STARTS = {
    "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime",
    "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config",
    "JUPYTERLAB_SETTINGS_DIR": f"{TRAINEE_HOME}/.jupyter/lab/user-settings",
    "JUPYTERLAB_WORKSPACES_DIR": f"{TRAINEE_HOME}/.jupyter/lab/workspaces",
}
LEARNER_CAPABILITIES = ["CHOWN", "DAC_READ_SEARCH", "SETUID", "SETGID", "NET_ADMIN", "SETPCAP"]


def hub_config(lab: LabConfig, *, admin_token: str) -> Config:
    c = Config()
    _hub(c, lab)
    _authenticator(c, lab)
    _spawner(c, lab)
    _services(c, lab, admin_token)
    return c


def _hub(c: Config, lab: LabConfig) -> None:
    _origins(c, lab)
    c.JupyterHub.ip = "0.0.0.0"
    c.JupyterHub.port = HUB_PORT
    c.JupyterHub.hub_ip = "0.0.0.0"
    c.JupyterHub.hub_port = HUB_API_PORT
    c.JupyterHub.hub_connect_ip = lab.hub_container
    c.JupyterHub.db_url = f"sqlite:///{DATA_DIR}/jupyterhub.sqlite"
    c.JupyterHub.cookie_secret_file = f"{DATA_DIR}/jupyterhub_cookie_secret"
    c.ConfigurableHTTPProxy.pid_file = f"{DATA_DIR}/jupyterhub-proxy.pid"
    # Trainees keep running while the hub restarts; `codelab down` stops them itself.
    c.JupyterHub.cleanup_servers = False
    # JupyterHub's own pages in the lab's language: copies the hub image made (codelab.hub.pages).
    c.JupyterHub.template_paths = [str(TEMPLATES), str(PAGES / lab.language)]
    c.JupyterHub.template_vars = {
        "codelab_name": lab.name,
        # JupyterHub calls a callable template var with the user: this one hands back the test.
        "codelab_out_of_room": lambda user: out_of_room,
        "codelab_disk_full_title": t("hub_disk_full_title", lab.language),
        "codelab_disk_full": t("hub_disk_full", lab.language),
        "codelab_progress_url": lab.progress_page,
        "codelab_progress_label": t("progress_title", lab.language),
    }
    c.JupyterHub.allow_named_servers = False
    c.JupyterHub.default_url = landing_url
    c.JupyterHub.tornado_settings = {
        COURSES: lab.courses,
        # Compressed answers: a phone on a weak link reads the hub's pages in a third of
        # the bytes.
        "compress_response": True,
        # After logging in, the page that says her workspace is starting (and, at nine,
        # her place in the queue) within a second, not a frozen login button for ten.
        "slow_spawn_timeout": SLOW_SPAWN_SECONDS,
    }
    c.JupyterHub.logging_config = LOGGING_CONFIG  # no token in the hub's log


def _origins(c: Config, lab: LabConfig) -> None:
    """Every trainee's server and every service on an origin of its own.

    On one origin, a page a trainee serves could act as whoever opens it (read the hub's
    xsrf value, mint tokens, read their files). Each gets <name>.<domain> instead, and
    the browser keeps them apart.
    """
    c.JupyterHub.subdomain_host = lab.origin
    c.JupyterHub.public_url = lab.origin + "/"
    if lab.serves_tls:
        c.JupyterHub.ssl_cert = f"{TLS_DIR}/lab.crt"
        c.JupyterHub.ssl_key = f"{TLS_DIR}/lab.key"
        # __Host- cookies: a trainee's origin cannot toss a login cookie onto the hub's.
        c.JupyterHub.cookie_host_prefix_enabled = True


def _authenticator(c: Config, lab: LabConfig) -> None:
    c.JupyterHub.authenticator_class = "codelab.hub.auth.CodelabAuthenticator"
    c.Authenticator.admin_users = {lab.auth.admin_user}
    c.Authenticator.username_pattern = USERNAME_PATTERN.pattern
    c.CodelabAuthenticator.accounts_db = f"{DATA_DIR}/codelab-accounts.sqlite"
    c.CodelabAuthenticator.language = lab.language
    c.CodelabAuthenticator.min_password_length = lab.auth.min_password_length
    c.CodelabAuthenticator.max_failed_logins = lab.auth.max_failed_logins
    c.CodelabAuthenticator.lockout_seconds = lab.auth.lockout_seconds


def _spawner(c: Config, lab: LabConfig) -> None:
    learner = lab.learner
    c.JupyterHub.spawner_class = "codelab.hub.spawner.CodelabSpawner"
    s = c.CodelabSpawner
    s.image = lab.images.learner
    s.allowed_images = [lab.images.learner]
    s.name_template = f"{lab.prefix}-{{username}}"
    s.volumes = {f"{lab.prefix}-home-{{username}}": TRAINEE_HOME}
    s.disks_volume = lab.disks_volume
    s.home_disk_bytes = learner.disk_bytes
    s.network_name = lab.network
    s.remove = True
    s.uid_base = learner.uid_base
    s.language = lab.language
    s.mem_limit = learner.memory_bytes
    s.cpu_limit = learner.cpus
    s.extra_host_config = {
        "pids_limit": learner.pids,
        # A container that exits keeps its log until the spawner removes it (remove=True
        # still does, at stop and before the next start): a failed start can say why.
        "auto_remove": False,
        **HARDENING,
        "cap_add": LEARNER_CAPABILITIES,
        # The only other places a trainee may write, in memory: they count against the
        # container's memory limit, never against the host's disk.
        "tmpfs": {path: f"size={learner.memory_bytes // 4},mode=1777" for path in SCRATCH_DIRS},
    }
    s.environment = {
        "CODELAB_LANGUAGE": lab.language,
        "CODELAB_EXCHANGE_URL": lab.exchange_url,
        "CODELAB_PROGRESS_PAGE": lab.progress_page,  # linked from JupyterLab (a browser's URL)
        # The one container a trainee's may reach on the lab network: its proxy, API, exchange.
        "CODELAB_HUB_HOST": lab.hub_container,
        "CODELAB_HUB_PORTS": f"{HUB_PORT},{HUB_API_PORT},{EXCHANGE_PORT}",
        **FULL_HOME_STARTS,
    }
    # Nothing in the trainee's home configures their server or is served by it: no
    # ~/.jupyter config file runs, no ~/.local/share/jupyter lab extension is served.
    s.disable_user_config = True
    # A trainee's server token may reach the exchange (as the trainee), nothing more.
    s.server_token_scopes = ["users:activity!user", "access:servers!server", EXCHANGE_ACCESS]
    s.default_url = "/lab"
    # Starts take turns (codelab.hub.start_queue), so JupyterHub's own limit on pending
    # starts would only turn trainees away with a 429: the queue holds them instead.
    c.JupyterHub.concurrent_spawn_limit = 0
    s.starts_at_once = learner.start_width
    # A server's own start, from its turn, may take start_timeout (an answer within
    # http_timeout); JupyterHub's timeout also counts the wait for the turn.
    s.http_timeout = learner.start_timeout
    s.start_timeout = learner.start_timeout + learner.queue_seconds


def _services(c: Config, lab: LabConfig, admin_token: str) -> None:
    services, roles = _lab_services(lab, admin_token)
    groups = {}
    for course in lab.courses:
        service, course_roles = _course_service(lab, admin_token, course)
        services.append(service)
        roles += course_roles
        groups.update({instructor_group(course): {}, trainee_group(course): {}})
    c.JupyterHub.load_groups = groups
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = roles


def _lab_services(lab: LabConfig, admin_token: str) -> tuple[list[dict], list[dict]]:
    """The services every lab has (the CLI's token, the exchange, the sandbox, the idle
    culler when lab.yaml asks for one) and their roles; trainees may reach the exchange."""
    services = [
        {"name": ADMIN_SERVICE, "api_token": admin_token},
        {
            "name": EXCHANGE_SERVICE,
            "url": lab.exchange_service_url,
            "command": [
                sys.executable,
                "-m",
                "codelab.exchange",
                f"--ExchangeApp.timezone={lab.timezone}",
            ],  # fmt: skip
            "display": False,
        },
        {
            "name": SANDBOX_SERVICE,
            "url": lab.sandbox_service_url,
            "command": [sys.executable, "-m", "codelab.sandbox.service", *_sandbox_args(lab)],
            "display": False,
        },
        {
            "name": PROGRESS_SERVICE,
            "url": lab.progress_service_url,
            "command": [sys.executable, "-m", "codelab.progress", *_progress_args(lab)],
            "display": False,
            "oauth_no_confirm": True,
            # Its login cookie as __Host- like the hub's (JupyterHub tells its spawners, not
            # its services): a trainee's origin cannot toss one onto it.
            "environment": {"JUPYTERHUB_COOKIE_HOST_PREFIX_ENABLED": str(int(lab.serves_tls))},
        },
    ]
    roles = [
        {
            "name": ADMIN_SERVICE,
            "scopes": [*ADMIN_SCOPES, EXCHANGE_ACCESS, SANDBOX_ACCESS, PROGRESS_ACCESS],
            "services": [ADMIN_SERVICE],
        },
        {"name": EXCHANGE_SERVICE, "scopes": EXCHANGE_SCOPES, "services": [EXCHANGE_SERVICE]},
        {"name": PROGRESS_SERVICE, "scopes": PROGRESS_SCOPES, "services": [PROGRESS_SERVICE]},
        # Everyone reads their own progress page (the service shows nobody else's).
        {"name": "user", "scopes": ["self", EXCHANGE_ACCESS, PROGRESS_ACCESS]},
    ]
    if lab.learner.idle_seconds:
        timeout = f"--timeout={lab.learner.idle_seconds}"
        command = [sys.executable, "-m", "jupyterhub_idle_culler", timeout]
        services.append({"name": "idle-culler", "command": command})
        roles.append({"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]})
    return services, roles


def _course_service(lab: LabConfig, admin_token: str, course: str) -> tuple[dict, list[dict]]:
    """The course's grading container, as a service: it acts for the course's instructors,
    nowhere else, and serves the formgrader to them alone."""
    service = {
        "name": course,
        "api_token": service_token(admin_token, course),
        "url": f"http://{lab.course_container(course)}:{FORMGRADER_PORT}",
        "oauth_no_confirm": True,
    }
    roles = [
        {
            "name": f"course-{course}",
            # The formgrader lists the course's trainees by cohort: their groups, theirs only.
            "scopes": [
                EXCHANGE_ACCESS,
                SANDBOX_ACCESS,
                PROGRESS_ACCESS,  # to publish the course's scores
                f"list:users!group={trainee_group(course)}",
                f"read:users:groups!group={trainee_group(course)}",
            ],
            "services": [course],
        },
        {
            "name": instructor_group(course),
            "scopes": [f"access:services!service={course}", EXCHANGE_ACCESS],
            "groups": [instructor_group(course)],
        },
    ]
    return service, roles


def _progress_args(lab: LabConfig) -> list[str]:
    """The progress service's settings, from lab.yaml."""
    return [
        f"--ProgressApp.language={lab.language}",
        f"--ProgressApp.timezone={lab.timezone}",
        f"--ProgressApp.lab_name={lab.name}",
        f"--ProgressApp.hub_url={lab.origin}/hub/home",
        f"--ProgressApp.exchange_url={lab.exchange_url}",
        *(f"--ProgressApp.courses={course}" for course in lab.courses),
    ]


def _sandbox_args(lab: LabConfig) -> list[str]:
    """The sandbox service's settings, from lab.yaml's grading section."""
    grading = lab.grading
    return [
        f"--SandboxApp.image={lab.images.learner}",
        f"--SandboxApp.name_prefix={lab.prefix}-sandbox",
        f"--SandboxApp.memory={grading.memory_bytes}",
        f"--SandboxApp.cpus={grading.cpus}",
        f"--SandboxApp.pids={grading.pids}",
        f"--SandboxApp.budget_seconds={grading.budget_seconds}",
        f"--SandboxApp.cpu_seconds={grading.cpu_seconds}",
        f"--SandboxApp.workers={grading.sandboxes_at_once}",
        f"--SandboxApp.language={lab.language}",
        *(f"--SandboxApp.callers={name}" for name in [ADMIN_SERVICE, *lab.courses]),
    ]
