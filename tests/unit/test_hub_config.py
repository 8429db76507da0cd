"""lab.yaml -> JupyterHub config, checked on an in-memory traitlets Config."""

import pytest

from codelab.config import LabConfigError, parse_lab_config, service_token
from codelab.hub.configure import hub_config


def config_for(data=None):
    return hub_config(parse_lab_config(data or {}), admin_token="t0ken")


def test_spawner_names_volume_network_and_image():
    c = config_for({"prefix": "codelab-test-x"})
    s = c.CodelabSpawner
    assert c.JupyterHub.spawner_class == "codelab.hub.spawner.CodelabSpawner"
    assert s.name_template == "codelab-test-x-{username}"
    assert s.volumes == {"codelab-test-x-home-{username}": "/home/trainee"}
    assert s.network_name == "codelab-test-x-net"
    assert c.JupyterHub.hub_connect_ip == "codelab-test-x-hub"
    assert s.allowed_images == ["codelab/learner:latest"]
    assert s.remove is True


def test_limits_come_from_lab_yaml():
    c = config_for({"learner": {"memory": "1G", "cpus": 0.5, "pids": 256, "uid_base": 30000}})
    s = c.CodelabSpawner
    assert int(s.mem_limit) == 1024**3
    assert s.cpu_limit == 0.5
    assert s.extra_host_config["pids_limit"] == 256
    assert s.uid_base == 30000


def test_learner_keeps_only_the_capabilities_its_entrypoint_needs():
    host = config_for().CodelabSpawner.extra_host_config
    assert host["cap_drop"] == ["ALL"]
    assert set(host["cap_add"]) == {
        "CHOWN",
        "DAC_READ_SEARCH",
        "SETUID",
        "SETGID",
        "NET_ADMIN",
        "SETPCAP",
    }
    assert "no-new-privileges" in host["security_opt"]


def test_start_timeouts_are_raised_for_a_class_logging_in_at_once():
    s = config_for().CodelabSpawner
    assert s.http_timeout >= 120 and s.start_timeout >= 120


def test_hub_restart_keeps_trainees_running():
    assert config_for().JupyterHub.cleanup_servers is False


def test_idle_culler_on_by_default_and_off_with_zero():
    names = [s["name"] for s in config_for().JupyterHub.services]
    assert "idle-culler" in names
    culler = next(s for s in config_for().JupyterHub.services if s["name"] == "idle-culler")
    assert "--timeout=3600" in culler["command"]
    off = config_for({"learner": {"idle_timeout": 0}}).JupyterHub.services
    assert "idle-culler" not in [s["name"] for s in off]


def test_admin_service_token_and_language():
    c = config_for({"language": "en", "auth": {"admin_user": "boss"}})
    assert {"name": "codelab-admin", "api_token": "t0ken"} in c.JupyterHub.services
    assert c.Authenticator.admin_users == {"boss"}
    assert c.CodelabAuthenticator.language == "en"
    assert c.CodelabSpawner.environment["CODELAB_LANGUAGE"] == "en"


def test_exchange_service_and_who_may_reach_it():
    c = config_for({"prefix": "codelab-test-x"})
    exchange = next(s for s in c.JupyterHub.services if s["name"] == "exchange")
    assert exchange["command"][-3:] == [
        "-m", "codelab.exchange", "--ExchangeApp.timezone=Europe/Paris"
    ]  # fmt: skip
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["exchange"]["scopes"] == ["read:users:groups", "read:groups"]
    assert "access:services!service=exchange" in roles["user"]["scopes"]
    assert "access:services!service=exchange" in c.CodelabSpawner.server_token_scopes
    assert (
        c.CodelabSpawner.environment["CODELAB_EXCHANGE_URL"]
        == "http://codelab-test-x-hub:8090/services/exchange/"
    )


def test_each_course_gets_a_service_acting_only_in_the_exchange_and_sandbox_and_reading_groups():
    c = config_for({"courses": ["web-dev"]})
    service = next(s for s in c.JupyterHub.services if s["name"] == "web-dev")
    assert service["api_token"] == service_token("t0ken", "web-dev")
    assert service["api_token"] != service_token("t0ken", "other")
    assert service["api_token"] != service_token("another-admin-token", "web-dev")
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["course-web-dev"] == {
        "name": "course-web-dev",
        "scopes": [
            "access:services!service=exchange",
            "access:services!service=sandbox",
            "access:services!service=progress",  # it publishes the course's scores there
            # the formgrader's cohorts: the course's own trainees and their groups, no one else
            "list:users!group=nbgrader-web-dev",
            "read:users:groups!group=nbgrader-web-dev",
        ],
        "services": ["web-dev"],
    }


def test_the_progress_service_reads_who_is_where_and_everyone_may_reach_it():
    c = config_for({"courses": ["web-dev"], "timezone": "Europe/Paris"})
    progress = next(s for s in c.JupyterHub.services if s["name"] == "progress")
    assert progress["url"] == "http://codelab-hub:8092" and progress["oauth_no_confirm"]
    args = progress["command"]
    assert "--ProgressApp.courses=web-dev" in args and "--ProgressApp.timezone=Europe/Paris" in args
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert set(roles["progress"]["scopes"]) == {
        "access:services!service=exchange",  # to give the extensions instructors grant there
        "list:users", "read:users:groups", "read:users:activity", "list:groups", "read:groups"
    }  # fmt: skip
    # No write scope on the hub: it only reads it. Who sees which page is its own rule.
    assert "access:services!service=progress" in roles["user"]["scopes"]
    assert c.JupyterHub.template_vars["codelab_progress_url"] == (
        "http://progress--service.codelab.localhost:8000/services/progress/"
    )


def test_the_sandbox_takes_the_grading_settings_and_only_course_callers():
    grading = {"workers": 3, "budget_seconds": 30, "cpu_seconds": 8}
    c = config_for({"courses": ["web-dev"], "grading": grading})
    sandbox = next(s for s in c.JupyterHub.services if s["name"] == "sandbox")
    args = sandbox["command"]
    assert "--SandboxApp.workers=3" in args and "--SandboxApp.budget_seconds=30" in args
    assert "--SandboxApp.cpu_seconds=8" in args
    callers = {a.split("=")[1] for a in args if a.startswith("--SandboxApp.callers=")}
    assert callers == {"codelab-admin", "web-dev"}


def test_by_default_two_sandboxes_run_per_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    sandbox = next(s for s in config_for({}).JupyterHub.services if s["name"] == "sandbox")
    assert "--SandboxApp.workers=6" in sandbox["command"]


def test_course_names_cannot_take_the_labs_own_service_names():
    with pytest.raises(LabConfigError, match="name the lab uses itself"):
        parse_lab_config({"courses": ["exchange"]})
    with pytest.raises(LabConfigError, match="listed twice"):
        parse_lab_config({"courses": ["web-dev", "web-dev"]})


def test_an_overlong_password_is_refused_with_a_sentence():
    from codelab.hub.auth import CodelabAuthenticator

    auth = CodelabAuthenticator(language="fr")
    assert "trop long" in auth.password_problem("x" * 1025)
    assert auth.password_problem("é" * 1024) is None


@pytest.mark.parametrize(
    "name",
    ["x" * 33, "atkÜ", "atku\u0308", "atk\x03brm", "atk;rm", "Amina", "hub", "sandbox", "", "1a"],
)
def test_usernames_outside_the_one_rule_are_refused_by_the_hub(name):
    from codelab.hub.auth import CodelabAuthenticator

    auth = CodelabAuthenticator(config=config_for())
    assert not auth.validate_username(name)


@pytest.mark.parametrize("name", ["amina", "aicha.ndiaye", "jean-pierre.le_fevre2", "a" * 32])
def test_usernames_the_roster_makes_are_accepted_by_the_hub(name):
    from codelab.hub.auth import CodelabAuthenticator

    assert CodelabAuthenticator(config=config_for()).validate_username(name)


def test_a_dead_container_keeps_its_log_until_the_spawner_removes_it():
    s = config_for().CodelabSpawner
    assert s.extra_host_config["auto_remove"] is False and s.remove is True


def test_each_home_is_a_disk_of_the_labs_size_and_scratch_is_in_memory():
    c = config_for({"prefix": "codelab-test-x", "learner": {"disk": "3G", "memory": "1G"}})
    s = c.CodelabSpawner
    assert s.home_disk_bytes == 3 * 1024**3
    assert s.disks_volume == "codelab-test-x-disks"
    scratch = f"size={1024**3 // 4},mode=1777"
    assert s.extra_host_config["tmpfs"] == {
        "/tmp": scratch,
        "/var/tmp": scratch,
        "/run/lock": scratch,
    }
    # A full home must not keep the server from starting: its runtime files are elsewhere.
    assert s.environment["JUPYTER_RUNTIME_DIR"].startswith("/tmp/")
