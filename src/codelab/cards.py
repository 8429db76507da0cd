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

# Sizes in mm: the page is A4 with 10 mm margins, two cards across, four down.
CARD_HEIGHT_MM = 66
QR_MM = 21
# What a line may take across the card (inside its padding) and beside the QR code.
FULL_WIDTH_MM = 80
BESIDE_QR_MM = FULL_WIDTH_MM - QR_MM - 3
# DejaVu Sans Mono advances 0.602 em a character; a point is 1/72 inch.
MONO_ADVANCE_EM = 0.602
MM_PER_PT = 25.4 / 72
URL_PT = 10
READABLE_PT = 9  # the least a typed value is printed at beside the QR code

STYLE = f"""
@page {{ size: A4; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #000; }}
.page {{ display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: {CARD_HEIGHT_MM}mm;
        gap: 3mm; page-break-after: always; break-after: page; }}
.page:last-child {{ page-break-after: auto; break-after: auto; }}
.card {{ border: 1px dashed #555; padding: 3mm 5mm; display: grid; overflow: hidden;
        grid-template-columns: 1fr {QR_MM}mm; grid-template-rows: auto 1fr; column-gap: 3mm; }}
.card h2 {{ margin: 0 0 0.5mm; font-size: 11.5pt; }}
.name {{ font-size: 11pt; margin: 0 0 1mm; }}
.label {{ font-size: 8.5pt; color: #333; margin: 0; }}
/* What a trainee types is never split: one line, sized to fit (fitted_pt). */
.value {{ font-family: "DejaVu Sans Mono", monospace; font-size: 14pt; font-weight: bold;
         margin: 0 0 0.8mm; white-space: nowrap; }}
.url {{ font-size: 10pt; }}
.credentials {{ grid-column: 1 / -1; }}
.note {{ font-size: 8pt; margin: 0.5mm 0 0; }}
.qr svg {{ width: {QR_MM}mm; height: {QR_MM}mm; }}
"""


def fitted_pt(text: str, width_mm: float, largest: float) -> float:
    """The largest type size, up to `largest`, at which `text` fits on one line."""
    fits = width_mm / (len(text) * MONO_ADVANCE_EM * MM_PER_PT) if text else largest
    return round(min(largest, fits), 1)


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
            f"{_value(card.password, FULL_WIDTH_MM, 14)}"
            f'<p class="note">{e(t("card_first_login", language))}</p>'
        )
    # A long address goes under the QR code, across the card, rather than in small type.
    beside = fitted_pt(url, BESIDE_QR_MM, URL_PT) >= READABLE_PT
    address = (
        f'<p class="label">{e(t("card_address", language))}</p>'
        f"{_value(url, BESIDE_QR_MM if beside else FULL_WIDTH_MM, URL_PT, 'value url')}"
    )
    return (
        '<article class="card"><div>'
        f"<h2>{e(lab_name)}</h2>"
        f'<p class="name">{e(card.first_name)} {e(card.last_name)}</p>'
        f"{address if beside else ''}"
        f'</div><div class="qr">{qr}</div><div class="credentials">'
        f"{'' if beside else address}"
        f'<p class="label">{e(t("username", language))}</p>'
        f"{_value(card.username, FULL_WIDTH_MM, 14)}"
        f"{password}"
        "</div></article>"
    )


def _value(text: str, width_mm: float, largest: float, kind: str = "value") -> str:
    size = fitted_pt(text, width_mm, largest)
    return f'<p class="{kind}" style="font-size: {size}pt">{html.escape(text)}</p>'
