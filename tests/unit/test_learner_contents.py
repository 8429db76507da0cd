"""The trainee's contents manager: a full home is told in a sentence, nothing else changes."""

import asyncio
import errno

import pytest
from tornado import web

from codelab.learner_contents import HomeContentsManager, home_size_text


def _saving_fails_with(monkeypatch, tmp_path, code: int):
    manager = HomeContentsManager(root_dir=str(tmp_path))

    def fail(*args, **kwargs):
        raise OSError(code, "the disk says no")

    monkeypatch.setattr(manager, "_save_file", fail)
    body = {"type": "file", "format": "text", "content": "bonjour"}
    with pytest.raises(web.HTTPError) as raised:
        asyncio.run(manager.save(body, "exercice.txt"))
    return raised.value


@pytest.mark.parametrize("language, sentence", [("fr", "Votre dossier est plein ("),
                                                ("en", "Your folder is full (")])  # fmt: skip
def test_a_full_home_gives_507_and_a_sentence(monkeypatch, tmp_path, language, sentence):
    monkeypatch.setenv("CODELAB_LANGUAGE", language)
    error = _saving_fails_with(monkeypatch, tmp_path, errno.ENOSPC)
    assert error.status_code == 507
    assert error.log_message.startswith(sentence)
    assert home_size_text(str(tmp_path), language) in error.log_message


def test_other_failures_stay_jupyter_servers_own(monkeypatch, tmp_path):
    error = _saving_fails_with(monkeypatch, tmp_path, errno.EIO)
    assert error.status_code == 500


def test_the_file_systems_own_folder_is_hidden_with_the_usual_ones(tmp_path):
    globs = HomeContentsManager(root_dir=str(tmp_path)).hide_globs
    assert "lost+found" in globs and "__pycache__" in globs
