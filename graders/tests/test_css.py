import pytest

from graders import css

STYLE = """
/* Mise en page */
body { margin: 0; font-family: Arial, sans-serif; }
nav > a,  .carte h2 { color: #333; }
.menu { display: flex; justify-content: space-between; }
.galerie { display: grid; grid-template-columns: repeat(3, 1fr); }
h1 { color: red; }
h1 { color: Navy !important; }
@media screen and (max-width: 600px) {
  .menu { flex-direction: column; }
  .galerie { grid-template-columns: 1fr; }
}
@media (min-width: 1200px) { .seulement-grand { font-size: 2rem; } }
@media print {}
"""


def test_rules_are_flattened_with_their_media_condition():
    rules = css.parse(STYLE)
    assert rules[1].selectors == ("nav>a", ".carte h2")
    menu = css.rules(STYLE, ".menu", css.ANYWHERE)
    assert [r.media for r in menu] == [None, "screen and (max-width: 600px)"]


def test_properties_and_values_normalized(capfd):
    assert css.check_rule(STYLE, "nav > a")["color"] == "#333"
    assert css.check_property(STYLE, ".carte  h2", "color", "#333") == "#333"
    css.check_property(STYLE, "h1", "color", "navy")  # the later rule wins, case ignored
    css.check_property(STYLE, "body", "font-family", "arial,sans-serif")
    css.check_property(
        STYLE, ".galerie", "grid-template-columns", ["repeat(3, 1fr)", "1fr 1fr 1fr"]
    )
    assert capfd.readouterr() == ("", "")


def test_missing_rule_and_property_and_wrong_value(fails):
    with fails("Aucune règle CSS ne cible le sélecteur footer."):
        css.check_rule(STYLE, "footer")
    with fails("La règle body ne définit pas la propriété padding."):
        css.check_property(STYLE, "body", "padding")
    with fails('Dans la règle h1, color vaut "navy" au lieu de "red"'):
        css.check_property(STYLE, "h1", "color", "red")


def test_a_rule_only_inside_media_does_not_count_for_every_screen(fails):
    with fails("Aucune règle CSS ne cible le sélecteur .seulement-grand en dehors des media"):
        css.check_rule(STYLE, ".seulement-grand")
    with fails("La règle .menu ne définit pas la propriété flex-direction en dehors des media"):
        css.check_property(STYLE, ".menu", "flex-direction")
    css.check_property(STYLE, ".menu", "flex-direction", "column", media="max-width: 600px")
    css.check_property(STYLE, ".menu", "flex-direction", media=css.ANYWHERE)


def test_media_queries(fails):
    assert len(css.check_media_query(STYLE)) == 3
    css.check_media_query(STYLE, "max-width")
    css.check_media_query(STYLE, "(MAX-WIDTH:600px)", ".menu", "flex-direction")
    css.check_media_query(STYLE, "min-width", ".seulement-grand")
    with fails('Votre CSS ne contient pas de media query "orientation"'):
        css.check_media_query(STYLE, "orientation")
    with fails("Votre CSS ne contient pas de media query", "@media (max-width: 600px)"):
        css.check_media_query("p { color: red }")
    with fails('Votre CSS ne contient pas de media query "print"'):
        css.check_media_query(STYLE, "print")  # an empty block changes nothing
    with fails('.galerie ne définit pas la propriété gap dans une media query "max-width"'):
        css.check_media_query(STYLE, "max-width", ".galerie", "gap")
    with fails('Aucune règle CSS ne cible le sélecteur footer dans une media query "max-width"'):
        css.check_media_query(STYLE, "max-width", "footer")


def test_flexbox_and_grid(fails):
    assert css.check_flexbox(STYLE).selectors == (".menu",)
    css.check_grid(STYLE, ".galerie")
    css.check_flexbox(".x { display: inline-flex }")
    css.check_grid("@media (min-width: 40em) { .x { display: grid } }")
    with fails("Aucune règle .galerie n'utilise display: flex"):
        css.check_flexbox(STYLE, ".galerie")
    with fails("Aucune règle n'utilise display: grid"):
        css.check_grid("p { display: block }")


def test_broken_css_is_skipped_like_a_browser_does(fails):
    broken = "h1 { color: red; ; font-size: } p { color blue } .ok { margin: 0 }"
    css.check_property(broken, ".ok", "margin", "0")
    css.check_property(broken, "h1", "color", "red")
    with fails("ne définit pas la propriété color"):
        css.check_property(broken, "p", "color")


def test_english(fails):
    with fails("No CSS rule targets the selector footer."):
        css.check_rule(STYLE, "footer", lang="en")
    with fails("outside media queries"):
        css.check_property(STYLE, ".menu", "flex-direction", lang="en")


@pytest.mark.parametrize("selector", ["h1,h2", "h1 , h2", "h1,\n h2"])
def test_selector_groups(selector):
    css.check_property(selector + " { margin: 0 }", "h2", "margin", "0")
