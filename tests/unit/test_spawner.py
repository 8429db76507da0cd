"""CodelabSpawner's own settings, on a spawner built from lab.yaml's config."""

import asyncio
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

import pytest
from jupyterhub import orm
from jupyterhub.objects import Hub
from tornado import web

from codelab.config import parse_lab_config
from codelab.hub.auth import CodelabAuthenticator
from codelab.hub.configure import hub_config
from codelab.hub.spawner import CodelabSpawner


def run_in_own_loop(coroutine):
    """Run a coroutine on a fresh loop in its own thread (a test runner may own this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


ACCOUNTS = Path(tempfile.mkdtemp(prefix="codelab-test-accounts-")) / "accounts.sqlite"


def spawner(name="amina", user_id=7, lab=None, accounts=ACCOUNTS):
    user = mock.Mock(
        id=user_id, url=f"/user/{name}/", server=None, spawners={}, base_url="/", escaped_name=name
    )
    user.name = name
    config = hub_config(parse_lab_config(lab or {"prefix": "codelab"}), admin_token="t")
    authenticator = CodelabAuthenticator(config=config, accounts_db=str(accounts))
    return CodelabSpawner(user=user, hub=Hub(), config=config, authenticator=authenticator)


def test_container_and_volume_names_are_escaped():
    s = spawner("aicha.ndiaye")
    assert s.object_name == "codelab-aicha-2endiaye"
    assert s.volume_binds == {
        "codelab-home-aicha-2endiaye": {"bind": "/home/trainee", "mode": "rw"}
    }


def test_uid_is_distinct_per_trainee_and_stable(tmp_path):
    db = tmp_path / "a.sqlite"
    amina = spawner("amina", user_id=7, accounts=db).uid_of_trainee()
    bilal = spawner("bilal", user_id=8, accounts=db).uid_of_trainee()
    assert amina == 20000 and bilal == 20001
    again = spawner("amina", user_id=7, accounts=db)
    again.trainee_uid = again.uid_of_trainee()
    assert again.get_env()["NB_UID"] == "20000"


def test_a_recreated_trainee_keeps_their_uid_and_a_reused_hub_id_gets_none(tmp_path):
    """SQLite gives a deleted user's id to the next user: uids must not follow ids."""
    db = tmp_path / "a.sqlite"
    first = spawner("amina", user_id=3, accounts=db).uid_of_trainee()
    # amina deleted; chloe gets her hub id 3; amina made again, now with id 4.
    chloe = spawner("chloe", user_id=3, accounts=db).uid_of_trainee()
    again = spawner("amina", user_id=4, accounts=db).uid_of_trainee()
    assert again == first and chloe != first


def test_uid_base_comes_from_lab_yaml(tmp_path):
    lab = {"learner": {"uid_base": 40000}}
    assert spawner(lab=lab, accounts=tmp_path / "a.sqlite").uid_of_trainee() == 40000


def test_limits_network_and_image():
    s = spawner(lab={"learner": {"memory": "1G", "cpus": 0.5, "pids": 100}})
    assert int(s.mem_limit) == 1024**3
    assert s.cpu_limit == 0.5
    assert s.extra_host_config["pids_limit"] == 100
    assert s.network_name == "codelab-net"
    assert s.use_internal_ip
    assert s.image == "codelab/learner:latest"
    assert s._get_allowed_images() == {"codelab/learner:latest": "codelab/learner:latest"}
    assert s.remove


def test_docker_calls_share_a_pool_larger_than_one_thread():
    first, second = spawner("a", 1), spawner("b", 2)
    assert first.executor is second.executor
    assert first.executor._max_workers > 1


def test_server_options_are_refused_and_not_kept_for_the_next_start():
    s = spawner()
    s.orm_spawner = orm.Spawner(name="", user_options={"image": "codelab/hub:latest"})
    s.user_options = {"image": "codelab/hub:latest"}
    with pytest.raises(web.HTTPError) as refused:
        run_in_own_loop(s.start())
    assert refused.value.status_code == 400
    assert "takes no server options (image)" in refused.value.log_message
    assert s.orm_spawner.user_options == {}
