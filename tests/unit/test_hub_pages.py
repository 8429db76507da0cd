"""JupyterHub's pages in French: every text is found in the installed JupyterHub's templates."""

import re
from pathlib import Path

import jinja2
from jupyterhub._data import DATA_FILES_PATH

from codelab.hub.pages import FRENCH, FRENCH_PAGES, main, write_pages
from codelab.i18n import replace_texts

STOCK = Path(DATA_FILES_PATH) / "templates"


def test_every_english_text_is_found_and_replaced(tmp_path):
    assert write_pages(STOCK, tmp_path) == []
    for name, table in FRENCH.items():
        translated = (tmp_path / name).read_text("utf-8")
        for english, french in table.items():
            assert french in translated, (name, french)
            if english != french:
                assert english not in translated, (name, english)


def test_the_translated_pages_still_parse_and_speak_french(tmp_path):
    write_pages(STOCK, tmp_path)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(tmp_path), str(STOCK)]))
    for name in FRENCH:
        env.parse((tmp_path / name).read_text("utf-8"))  # no broken Jinja
    pending = (tmp_path / "spawn_pending.html").read_text("utf-8")
    assert "Votre espace de travail démarre." in pending
    visible = re.sub(r"<script.*?</script>|\{[%{#].*?[%}#]\}|<[^>]+>", " ", pending, flags=re.S)
    assert not re.search(r"\b(Your|server|Stop|Event|Complete)\b", visible), visible


def test_a_reworded_text_is_reported_and_fails_the_image_build(tmp_path, monkeypatch):
    _, missing = replace_texts("<p>Your server is warming up.</p>", FRENCH["spawn_pending.html"])
    assert "<p>Your server is starting up.</p>" in missing
    monkeypatch.setitem(FRENCH, "logout.html", {"<p>Bye now.</p>": "<p>Au revoir.</p>"})
    assert main(["pages", str(tmp_path)]) == 1
    assert (tmp_path / "logout.html").is_file()  # written anyway, with English left in it


def test_the_hub_searches_the_french_pages_only_for_a_french_lab():
    from codelab.config import parse_lab_config
    from codelab.hub.configure import hub_config

    french = hub_config(parse_lab_config({}), admin_token="t0ken")
    english = hub_config(parse_lab_config({"language": "en"}), admin_token="t0ken")
    assert str(FRENCH_PAGES) in french.JupyterHub.template_paths
    assert str(FRENCH_PAGES) not in english.JupyterHub.template_paths
