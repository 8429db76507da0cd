"""Plots drawn on the server as SVG: nothing fetched, nothing run in the browser."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 300, 120, 18


def histogram_svg(bins: list[int], label: str) -> Markup:
    """Bars of counts per 10 % score range, labelled 0 … 100 %; `label` says it in words
    (what a screen reader reads, and what the picture means)."""
    tallest = max(bins) or 1
    step = WIDTH / len(bins)
    bars, texts = [], []
    for index, count in enumerate(bins):
        height = (HEIGHT - 2 * MARGIN) * count / tallest
        x, y = index * step + 2, HEIGHT - MARGIN - height
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{height:.1f}" '
            'fill="#b84d00"/>'
        )
        if count:
            texts.append(f'<text x="{x + step / 2 - 2:.1f}" y="{y - 3:.1f}" '
                         f'text-anchor="middle">{count}</text>')  # fmt: skip
    axis = [
        f'<text x="{i * step + 2:.1f}" y="{HEIGHT - 4}" text-anchor="start">{i * 10}</text>'
        for i in range(0, len(bins), 2)
    ] + [f'<text x="{WIDTH}" y="{HEIGHT - 4}" text-anchor="end">100 %</text>']
    return Markup(
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="0" y1="{HEIGHT - MARGIN}" x2="{WIDTH}" y2="{HEIGHT - MARGIN}" '
        'stroke="#4a4a4f"/>' + "".join(bars + texts + axis) + "</svg>"
    )
