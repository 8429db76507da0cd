import warnings

import pytest

from graders import html

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head><title>Boulangerie</title></head>
<body>
  <header><h1>La boulangerie</h1>
    <nav><a href="/">Accueil</a> <a href="/pains" class="lien actif">Pains</a></nav>
  </header>
  <main>
    <h2>Nos pains</h2>
    <img src="baguette.jpg" alt="Une baguette dorée">
    <img src="frise.png" alt="" role="presentation">
    <h3>Baguette</h3>
    <h2>Commander</h2>
    <form method="post" action="/commande">
      <label for="nom">Nom</label> <input id="nom" name="nom">
      <label>Courriel <input type="email" name="email"></label>
      <input name="tel" type="tel" aria-label="Téléphone">
      <span id="qte-label">Quantité</span>
      <input type="number" name="qte" aria-labelledby="qte-label">
      <select id="pain" name="pain"></select> <label for="pain">Pain</label>
      <textarea name="note" id="note"></textarea><label for="note">Note</label>
      <input type="hidden" name="jeton" value="x">
      <button type="submit">Envoyer</button> <input type="submit" value="OK">
    </form>
  </main>
  <footer>© 2025</footer>
</body>
</html>"""


def test_a_good_page_passes_every_check_silently(capfd):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html.check_semantic_structure(PAGE)
        html.check_accessibility(PAGE)
        html.check_form(PAGE, method="POST", action="/commande")
        html.check_input_type(PAGE, 'input[name="email"]', "email")
        html.check_attribute(PAGE, "nav a", "href")
        html.check_attribute(PAGE, "a.actif", "class", "lien actif")
        assert len(html.check_element(PAGE, "img", count=2)) == 2
    assert capfd.readouterr() == ("", "")


def test_markup_that_looks_like_a_file_name_warns_nothing(capfd):
    """bs4 warns that "index.html" looks like a file name: that must not reach stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html.check_element("index.html", "p", min_count=0)
        html.check_element("https://exemple.fr", "p", min_count=0)
    assert capfd.readouterr().err == ""


def test_parse_and_select_for_custom_checks():
    doc = html.parse(PAGE)
    assert html.parse(doc) is doc
    assert doc.find("h1").get_text() == "La boulangerie"
    assert [a["href"] for a in html.select(doc, "nav a")] == ["/", "/pains"]


def test_missing_element_and_counts(fails):
    with fails("Il manque l'élément <aside>"):
        html.check_element(PAGE, "aside")
    with fails('au moins 3 élément(s) "nav a"', "elle en contient 2"):
        html.check_element(PAGE, "nav a", min_count=3)
    with fails("devrait contenir 1 élément(s) <img>", "2"):
        html.check_element(PAGE, "img", count=1)
    assert html.check_element(PAGE, "aside", count=0) == []


def test_attribute_missing_and_wrong_value(fails):
    with fails("Il manque l'attribut title sur l'élément <a> n°1"):
        html.check_attribute(PAGE, "a", "title")
    with fails('L\'attribut href de l\'élément <a> n°2 vaut "/pains" au lieu de "/"'):
        html.check_attribute(PAGE, "a", "href", "/")


def test_semantic_structure(fails):
    with fails("Il manque l'élément <main>"):
        html.check_semantic_structure(PAGE.replace("main>", "div>"))
    with fails("un seul <h1>", "2"):
        html.check_semantic_structure(PAGE.replace("<h2>Nos pains</h2>", "<h1>Nos pains</h1>"))
    html.check_semantic_structure("<main><h1>Seul</h1></main>", landmarks=("main",))


def test_lang(fails):
    with fails("Ajoutez l'attribut lang"):
        html.check_lang(PAGE.replace(' lang="fr"', ""))
    with fails("Ajoutez l'attribut lang"):
        html.check_lang(PAGE.replace(' lang="fr"', ' lang=" "'))
    with fails("Ajoutez l'attribut lang"):
        html.check_lang("<p>Pas de balise html</p>")


def test_alt_missing_and_empty_alt_without_presentation_role(fails):
    with fails("Il manque l'attribut alt sur l'image n°2 : décrivez l'image"):
        html.check_images_alt('<img src="a.png" alt="Un chat"><img src="b.png">')
    with fails("L'attribut alt de l'image n°1 est vide", 'role="presentation"'):
        html.check_images_alt('<img src="a.png" alt="  ">')
    html.check_images_alt('<img src="a.png" alt="" role="none">')


@pytest.mark.parametrize(
    "field",
    [
        '<input name="nom">',
        '<label for="autre">Nom</label><input id="nom" name="nom">',
        '<label for="nom"></label><input id="nom" name="nom">',
        '<input name="nom" aria-label="  ">',
        '<input name="nom" aria-labelledby="absent">',
        '<label><input name="nom"></label>',
    ],
)
def test_fields_without_a_real_label(fails, field):
    with fails("Le champ <input name=\"nom\"> n'a pas d'étiquette"):
        html.check_labels(field)


def test_unnamed_field_is_named_by_its_rank(fails):
    with fails("Le champ <textarea> n°2"):
        html.check_labels("<label>A <input></label><textarea></textarea>")


def test_heading_order(fails):
    with fails('Le titre <h3> "Détails" vient après un <h1>', "utilisez <h2>"):
        html.check_heading_order("<h1>Titre</h1><h3>Détails</h3>")
    with fails("Le premier titre de la page est un <h2>"):
        html.check_heading_order("<h2>Titre</h2>")
    html.check_heading_order("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2><h2>E</h2>")


def test_form_method_action_and_input_types(fails):
    with fails('method="post"', '"get"'):
        html.check_form("<form action='/x'></form>", method="post")
    with fails('action="/commande"', '"/cmd"'):
        html.check_form(PAGE.replace('"/commande"', '"/cmd"'), action="/commande")
    with fails("Il manque l'élément <form>"):
        html.check_form("<p>rien</p>")
    with fails('Le champ <input name="email"> devrait être de type "email" et non "text"'):
        html.check_input_type('<input name="email">', "input[name=email]", "email")


def test_english_sentences(fails):
    with fails('The field <input name="nom"> has no label'):
        html.check_labels('<input name="nom">', lang="en")
    with fails("Your page is missing the <nav> element"):
        html.check_element("<p></p>", "nav", lang="en")
