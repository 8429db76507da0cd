"""Login cards: one A4 page holds eight, each with everything a trainee needs to log in.

Many trainees have no reliable email and little practice with accounts: the card is the
whole onboarding. Large, plain type; a QR code of the lab's address for a phone; letters
that look alike kept apart on the password.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import segno

from codelab.i18n import t

CARDS_PER_PAGE = 8

STYLE = """
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #000; }
.page { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 66mm; gap: 3mm;
        page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.card { border: 1px dashed #555; padding: 4mm 5mm; display: grid;
        grid-template-columns: 1fr 27mm; gap: 2mm; overflow: hidden; }
.card h2 { margin: 0 0 1mm; font-size: 13pt; }
.name { font-size: 12pt; margin: 0 0 2mm; }
.label { font-size: 9pt; color: #333; margin: 0; }
.value { font-family: "DejaVu Sans Mono", monospace; font-size: 15pt; font-weight: bold;
         margin: 0 0 1.5mm; word-break: break-all; }
.url { font-size: 10pt; }
.note { font-size: 9pt; margin: 1mm 0 0; }
.qr svg { width: 27mm; height: 27mm; }
"""


@dataclass(frozen=True)
class Card:
    username: str
    first_name: str
    last_name: str
    password: str | None  # None: the trainee has already chosen their own


def render_cards(cards: list[Card], url: str, lab_name: str, language: str = "fr") -> str:
    """A print-ready HTML page of login cards."""
    qr = segno.make(url, error="m").svg_inline(scale=4, omitsize=True)
    pages = [
        cards[start : start + CARDS_PER_PAGE] for start in range(0, len(cards), CARDS_PER_PAGE)
    ]
    body = "\n".join(
        '<section class="page">'
        + "".join(_card(card, url, lab_name, qr, language) for card in page)
        + "</section>"
        for page in pages
    )
    title = html.escape(t("cards_title", language, lab=lab_name))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def _card(card: Card, url: str, lab_name: str, qr: str, language: str) -> str:
    e = html.escape
    if card.password is None:
        password = f'<p class="note">{e(t("card_own_password", language))}</p>'
    else:
        password = (
            f'<p class="label">{e(t("card_password", language))}</p>'
            f'<p class="value">{e(card.password)}</p>'
            f'<p class="note">{e(t("card_first_login", language))}</p>'
        )
    return (
        '<article class="card"><div>'
        f"<h2>{e(lab_name)}</h2>"
        f'<p class="name">{e(card.first_name)} {e(card.last_name)}</p>'
        f'<p class="label">{e(t("card_address", language))}</p>'
        f'<p class="value url">{e(url)}</p>'
        f'<p class="label">{e(t("username", language))}</p>'
        f'<p class="value">{e(card.username)}</p>'
        f"{password}"
        f'</div><div class="qr">{qr}</div></article>'
    )
