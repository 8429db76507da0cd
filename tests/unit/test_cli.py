"""The CLI's error messages: each says what went wrong and what to do next."""

import socket

import pytest
from typer.testing import CliRunner

from codelab.cli import app
from codelab.stack import port_is_free

runner = CliRunner()


def said(result) -> str:
    """The command's output with the terminal's line wrapping undone."""
    return " ".join(result.output.split())


def test_invalid_lab_yaml_is_reported_with_the_key(tmp_path):
    config = tmp_path / "lab.yaml"
    config.write_text("learner:\n  pids: -1\n")
    result = runner.invoke(app, ["up", "--config", str(config)])
    assert result.exit_code == 1
    assert "learner.pids = -1" in said(result)


def test_docker_not_running(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-docker.sock")
    config = tmp_path / "lab.yaml"
    config.write_text("prefix: codelab-test-cli\n")
    result = runner.invoke(app, ["up", "--config", str(config)])
    assert result.exit_code == 1
    assert "Docker is not running" in said(result) and "systemctl start docker" in said(result)


def test_unknown_image_name(tmp_path):
    result = runner.invoke(app, ["images", "build", "hubb"])
    assert result.exit_code == 1
    assert "unknown image hubb" in said(result) and "base, hub, learner" in said(result)


def test_status_when_the_hub_is_down(tmp_path, monkeypatch):
    monkeypatch.setenv("CODELAB_STATE_DIR", str(tmp_path))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "lab.yaml"
    config.write_text(f"prefix: codelab-test-cli\nport: {port}\n")
    result = runner.invoke(app, ["status", "--config", str(config)])
    assert result.exit_code == 1 and "codelab up" in said(result)


def test_token_is_stable_and_private(tmp_path, monkeypatch):
    monkeypatch.setenv("CODELAB_STATE_DIR", str(tmp_path))
    config = tmp_path / "lab.yaml"
    config.write_text("prefix: codelab-test-cli\n")
    first = runner.invoke(app, ["token", "--config", str(config)]).output.strip()
    second = runner.invoke(app, ["token", "--config", str(config)]).output.strip()
    assert first == second and len(first) == 64
    token_file = tmp_path / "codelab-test-cli" / "admin-token"
    assert token_file.stat().st_mode & 0o777 == 0o600


def test_port_taken_is_detected():
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        assert not port_is_free(busy.getsockname()[1])


def test_status_finds_failed_starts_in_the_hub_log():
    from codelab.cli.lab import failed_starts

    log = (
        "[I 2026-12-02 09:00:00 JupyterHub app:1] up\n"
        "[E 2026-12-02 09:01:00 JupyterHub spawner:2] Server failed to start for hugo "
        "(ExitCode=1). Last lines of its container codelab-hugo:\n"
        "        | [E ServerApp] NotADirectoryError: '/home/trainee/.local'\n"
        "        | exit\n"
        "[I 2026-12-02 09:02:00 JupyterHub log:3] 200 GET /hub/api/\n"
    )
    (record,) = failed_starts(log)
    assert record.startswith("[E") and "NotADirectoryError" in record and "200 GET" not in record


def test_a_command_s_expected_errors_become_its_message_and_exit_1(capsys):
    import typer

    from codelab.cli.common import KNOWN_ERRORS, failing_on
    from codelab.stack import LabError

    with pytest.raises(typer.Exit) as stopped, failing_on(KeyError, KNOWN_ERRORS):
        raise LabError("Docker is not running: start it")
    assert stopped.value.exit_code == 1
    assert "Docker is not running" in capsys.readouterr().err
    with pytest.raises(ZeroDivisionError), failing_on(KNOWN_ERRORS):
        raise ZeroDivisionError  # an unexpected error is not hidden
