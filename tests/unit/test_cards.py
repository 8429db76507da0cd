import re

from codelab.cards import CARDS_PER_PAGE, Card, render_cards


def cards(n, password="abcd-efgh-jkmn"):
    return [Card(f"user{i}", "Aïcha", "N'Diaye", password) for i in range(n)]


def test_eight_cards_a_page_each_with_address_username_password_and_qr():
    page = render_cards(cards(CARDS_PER_PAGE + 1), "https://lab.example.org", "codelab")
    assert page.count('<section class="page">') == 2
    assert page.count('<article class="card">') == CARDS_PER_PAGE + 1
    assert page.count("<svg") == CARDS_PER_PAGE + 1
    assert "https://lab.example.org" in page and "abcd-efgh-jkmn" in page
    assert 'lang="fr"' in page and "Mot de passe provisoire" in page
    assert "size: A4" in page


def test_english_variant():
    page = render_cards(cards(1), "https://lab.example.org", "codelab", "en")
    assert 'lang="en"' in page and "Temporary password" in page


def test_a_trainee_with_their_own_password_gets_no_password_on_the_card():
    page = render_cards(cards(1, password=None), "https://lab.example.org", "codelab")
    assert "Mot de passe provisoire" not in page and "celui que vous avez choisi" in page


def test_names_are_escaped():
    card = Card("x", "<script>alert(1)</script>", "O'Brien & Co", "p")
    page = render_cards([card], "https://lab.example.org/?a=1&b=2", "codelab")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", page.split("<body>")[1])
