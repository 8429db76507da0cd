"""No token reaches the hub's log, however it is wrapped in the URL."""

import logging

import pytest

from codelab.hub.logs import ScrubSecrets, scrub


@pytest.mark.parametrize(
    "line",
    [
        "302 GET /hub/login?next=%2Fuser%2Famina%2F%3Ftoken%3Ds3cr3tvalue (@1.2.3.4)",
        "302 GET /hub/login?next=/user/amina/?token=s3cr3tvalue&x=1",
        "GET /hub/login?next=%252Fuser%252F%253Ftoken%253Ds3cr3tvalue",
        "Redirecting to /user/amina/lab?token=s3cr3tvalue",
        "POST /hub/login?_xsrf=s3cr3tvalue",
    ],
)
def test_token_values_are_hidden(line):
    assert "s3cr3tvalue" not in scrub(line) and "[secret]" in scrub(line)


def test_the_filter_hides_them_in_formatted_records(caplog):
    logger = logging.getLogger("codelab-test-scrub")
    logger.addFilter(ScrubSecrets())
    with caplog.at_level(logging.INFO, logger="codelab-test-scrub"):
        logger.info("302 GET %s", "/hub/login?next=%2F%3Ftoken%3Ds3cr3tvalue")
    assert "s3cr3tvalue" not in caplog.text and "[secret]" in caplog.text


def test_the_hub_config_installs_it_on_its_console():
    from codelab.config import parse_lab_config
    from codelab.hub.configure import hub_config

    c = hub_config(parse_lab_config({}), admin_token="t")
    assert c.JupyterHub.logging_config["handlers"]["console"]["filters"] == ["scrub_secrets"]
