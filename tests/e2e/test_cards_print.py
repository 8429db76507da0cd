"""Login cards as the printer gets them: laid out by Chromium for A4 print, the longest
names the roster allows, nothing split, nothing cut off. A PDF and a picture of the page
are kept as artefacts (tmp folder of the run)."""

from __future__ import annotations

import pytest

from codelab.cards import Card, render_cards

pytestmark = pytest.mark.e2e

LONGEST_USERNAME = "jean-baptiste.le-fevre-de-la-tou"  # 32 characters, the rule's most
SCHOOL_URL = "https://192-168-100-200.sslip.io:8443"  # an address carrying the machine's
CARDS = [
    Card(LONGEST_USERNAME, "Jean-Baptiste", "Le Fèvre de la Tour-Maubourg", "Kx7m-Pq4r-Zt9w"),
    Card("aicha.ndiaye", "Aïcha", "N'Diaye", "abcd-efgh-jkmn"),
    Card("marie-christine.nguyen-van-tha", "Marie-Christine", "Nguyen-Van-Thanh", None),
    *[Card(f"stagiaire{i}", "Prénom", "Nom", "wxyz-2345-6789") for i in range(6)],
]

# For each card: does anything overflow it, and does each typed value sit on one line,
# whole, inside the card?
MEASURE = """() => [...document.querySelectorAll('.card')].map(card => {
  const box = card.getBoundingClientRect();
  const values = [...card.querySelectorAll('.value')].map(v => {
    const r = v.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(v);
    const text = range.getBoundingClientRect();
    return {text: v.textContent, lines: range.getClientRects().length,
            inside: text.left >= box.left && text.right <= box.right
                    && text.bottom <= box.bottom, width: r.width};
  });
  return {clipped: card.scrollHeight > card.clientHeight + 1
                   || card.scrollWidth > card.clientWidth + 1, values};
})"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_cards_print_whole_with_the_longest_names(browser, tmp_path, language):
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.set_content(render_cards(CARDS, SCHOOL_URL, "Lab de l'école", language))
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / f"cards-{language}.pdf"), format="A4")
    page.screenshot(path=str(tmp_path / f"cards-{language}.png"), full_page=True)
    cards = page.evaluate(MEASURE)
    page.close()
    assert len(cards) == len(CARDS)
    for card, measured in zip(CARDS, cards, strict=True):
        assert not measured["clipped"], (card.username, measured)
        typed = [v for v in measured["values"]]
        assert [v["text"] for v in typed] == [
            SCHOOL_URL, card.username, *([card.password] if card.password else [])
        ]  # fmt: skip
        for value in typed:
            assert value["lines"] == 1 and value["inside"], (card.username, value)
