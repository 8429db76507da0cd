import pytest

from codelab.config import (
    LabConfigError,
    docker_safe,
    load_lab_config,
    parse_lab_config,
    parse_memory,
)


def test_defaults_are_valid():
    lab = parse_lab_config({})
    assert lab.prefix == "codelab"
    assert lab.language == "fr"
    assert lab.learner.memory_bytes == 2 * 1024**3
    assert lab.learner.idle_seconds == 3600


def test_shipped_lab_yaml_is_valid():
    lab = load_lab_config("hub_config/lab.yaml")
    assert lab.port == 8000


def error_of(data) -> str:
    with pytest.raises(LabConfigError) as info:
        parse_lab_config(data)
    return str(info.value)


def test_unknown_key_names_the_key_and_the_accepted_ones():
    message = error_of({"learner": {"memroy": "2G"}})
    assert "unknown key 'learner.memroy'" in message
    assert "memory" in message and "pids" in message


def test_unknown_top_level_key():
    message = error_of({"prot": 8000})
    assert "unknown key 'prot'" in message and "port" in message


def test_bad_memory_string_says_what_is_accepted():
    message = error_of({"learner": {"memory": "two gigs"}})
    assert "learner.memory = 'two gigs'" in message
    assert "512M or 2G" in message


def test_negative_pids():
    message = error_of({"learner": {"pids": -1}})
    assert "learner.pids = -1" in message and "at least 32" in message


def test_missing_image_name():
    message = error_of({"images": {"learner": ""}})
    assert "images.learner = ''" in message and "codelab/learner:latest" in message


def test_bad_language_lists_choices():
    message = error_of({"language": "de"})
    assert "language = 'de'" in message and "'fr'" in message and "'en'" in message


def test_several_problems_are_all_reported():
    message = error_of({"port": 0, "learner": {"cpus": 0}})
    assert "port = 0" in message and "learner.cpus = 0" in message


def test_not_a_mapping():
    assert "must hold keys" in error_of(["name"])


def test_missing_file(tmp_path):
    with pytest.raises(LabConfigError, match="does not exist"):
        load_lab_config(tmp_path / "lab.yaml")


def test_invalid_yaml(tmp_path):
    path = tmp_path / "lab.yaml"
    path.write_text("learner: [unclosed\n")
    with pytest.raises(LabConfigError, match="not valid YAML"):
        load_lab_config(path)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("512M", 512 * 1024**2),
        ("2G", 2 * 1024**3),
        ("1.5g", int(1.5 * 1024**3)),
        ("2GiB", 2 * 1024**3),
    ],
)
def test_memory_sizes(text, expected):
    assert parse_memory(text) == expected


def test_memory_too_small():
    with pytest.raises(ValueError, match="at least 64M"):
        parse_memory("1M")


def test_bad_prefix():
    assert "prefix = 'Code Lab'" in error_of({"prefix": "Code Lab"})


@pytest.mark.parametrize("name", ["amina", "aicha.ndiaye", "jean-pierre.dupont", "a-2eb", "Zoé_1"])
def test_docker_safe_names_match_dockerspawner(name):
    from dockerspawner import DockerSpawner

    assert docker_safe(name) == DockerSpawner._escape(name)


def test_home_disk_default_and_too_small():
    assert parse_lab_config({}).learner.disk_bytes == 2 * 1024**3
    assert parse_lab_config({"learner": {"disk": "512M"}}).learner.disk_bytes == 512 * 1024**2
    message = error_of({"learner": {"disk": "1M"}})
    assert "learner.disk = '1M'" in message and "at least 64M" in message
