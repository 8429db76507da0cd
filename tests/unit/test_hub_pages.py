"""JupyterHub's pages in French: every text is found in the installed JupyterHub's templates."""

import re
from pathlib import Path

import jinja2
from jupyterhub._data import DATA_FILES_PATH

from codelab.hub.pages import FRENCH, PAGES, main, tables, write_pages
from codelab.i18n import replace_texts

STOCK = Path(DATA_FILES_PATH) / "templates"


def test_every_english_text_is_found_and_replaced(tmp_path):
    assert write_pages(STOCK, tmp_path) == []
    for name, table in tables("en").items():  # French edits may overlap them: below
        edited = (tmp_path / "en" / name).read_text("utf-8")
        for new in table.values():
            assert new in edited, (name, new)
    for name, table in FRENCH.items():
        translated = (tmp_path / "fr" / name).read_text("utf-8")
        for english, french in table.items():
            assert french in translated, (name, french)
            if english != french:
                assert english not in translated, (name, english)


def test_the_translated_pages_still_parse_and_speak_french(tmp_path):
    write_pages(STOCK, tmp_path)
    french = tmp_path / "fr"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(french), str(STOCK)]))
    for name in FRENCH:
        env.parse((french / name).read_text("utf-8"))  # no broken Jinja
    pending = (french / "spawn_pending.html").read_text("utf-8")
    assert "Votre espace de travail démarre." in pending
    visible = re.sub(r"<script.*?</script>|\{[%{#].*?[%}#]\}|<[^>]+>", " ", pending, flags=re.S)
    assert not re.search(r"\b(Your|server|Stop|Event|Complete)\b", visible), visible


def test_a_reworded_text_is_reported_and_fails_the_image_build(tmp_path, monkeypatch):
    _, missing = replace_texts("<p>Your server is warming up.</p>", FRENCH["spawn_pending.html"])
    assert "<p>Your server is starting up.</p>" in missing
    monkeypatch.setitem(FRENCH, "logout.html", {"<p>Bye now.</p>": "<p>Au revoir.</p>"})
    assert main(["pages", str(tmp_path)]) == 1
    assert (tmp_path / "fr" / "logout.html").is_file()  # written anyway, English left in it


def test_both_languages_get_the_lab_s_name_and_stylesheet_only_french_is_translated(tmp_path):
    write_pages(STOCK, tmp_path)
    english = (tmp_path / "en" / "page.html").read_text("utf-8")
    french = (tmp_path / "fr" / "page.html").read_text("utf-8")
    for page in (english, french):
        assert '{% include "codelab-style.html" %}' in page and "{{ codelab_name }}" in page
    assert '<html lang="en">' in english and '<html lang="fr">' in french
    for language in ("en", "fr"):  # every trainee's way to her progress page
        home = (tmp_path / language / "home.html").read_text("utf-8")
        assert 'href="{{ codelab_progress_url }}">{{ codelab_progress_label }}</a>' in home
    assert "Start{% endif %}" in (tmp_path / "en" / "home.html").read_text("utf-8")


def test_the_hub_searches_the_pages_of_the_lab_s_language():
    from codelab.config import parse_lab_config
    from codelab.hub.configure import hub_config

    french = hub_config(parse_lab_config({}), admin_token="t0ken")
    english = hub_config(parse_lab_config({"language": "en"}), admin_token="t0ken")
    assert str(PAGES / "fr") in french.JupyterHub.template_paths
    assert str(PAGES / "en") in english.JupyterHub.template_paths
    assert str(PAGES / "fr") not in english.JupyterHub.template_paths
