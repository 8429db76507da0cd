"""Checks on a trainee's CSS: rules, property values, media queries, flexbox and grid.

The stylesheet is flattened into Rule records, each remembering the @media condition it sits
in (None at the top level). Checks look at the top level by default: a property set only
inside a media query does not count as set for every screen. Pass `media="max-width"` (any
part of the condition) to look inside matching media queries, or `media=ANYWHERE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import tinycss2

from graders.check import fail, quiet, short
from graders.messages import t

ANYWHERE = "*"


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    declarations: dict[str, str]
    media: str | None


def _squash(text: str) -> str:
    """Compare without blanks or case: '(Max-Width: 600px)' matches 'max-width:600px'."""
    return re.sub(r"\s+", "", text).lower()


def _selector(text: str) -> str:
    """One spelling per selector: single spaces, none around combinators."""
    return re.sub(r"\s*([>+~])\s*", r"\1", " ".join(text.split()))


def _value(text: str) -> str:
    """One spelling per value: lower case, single spaces, none around commas and parentheses."""
    return re.sub(r"\s*([,()/])\s*", r"\1", " ".join(text.split())).lower()


def _split_selectors(prelude: str) -> tuple[str, ...]:
    """Split 'h1, h2:is(.a, .b)' on the commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return tuple(_selector(part) for part in [*parts, current] if part.strip())


def _declarations(content: list) -> dict[str, str]:
    found = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    # Later declarations win, as in the cascade.
    return {
        d.lower_name: _value(tinycss2.serialize(d.value)) for d in found if d.type == "declaration"
    }


def _walk(nodes: list, media: str | None) -> Iterable[Rule]:
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(node.prelude))
            yield Rule(selectors, _declarations(node.content), media)
        elif node.type == "at-rule" and node.content is not None:
            inner = media
            if node.lower_at_keyword == "media":
                condition = " ".join(tinycss2.serialize(node.prelude).split())
                inner = condition if media is None else f"{media} and {condition}"
            if node.lower_at_keyword in ("media", "supports", "layer"):
                children = tinycss2.parse_rule_list(
                    node.content, skip_comments=True, skip_whitespace=True
                )
                yield from _walk(children, inner)


def parse(css: str) -> list[Rule]:
    """Every style rule of the stylesheet, in order; syntax errors are skipped as browsers do."""
    with quiet():
        nodes = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
        return list(_walk(nodes, None))


def rules(css: str, selector: str | None = None, media: str | None = None) -> list[Rule]:
    """The rules for `selector` (any selector if None) in the context `media`."""
    wanted = _selector(selector) if selector else None
    return [
        rule
        for rule in parse(css)
        if (wanted is None or wanted in rule.selectors) and _in_media(rule, media)
    ]


def _in_media(rule: Rule, media: str | None) -> bool:
    if media == ANYWHERE:
        return True
    if media is None:
        return rule.media is None
    return rule.media is not None and _squash(media) in _squash(rule.media)


def _where(css: str, selector: str, media: str | None, lang: str | None, prop: str = "") -> str:
    """Where we looked, said only when it explains the failure."""
    if media == ANYWHERE:
        return ""
    if media is not None:
        return t("css_where_media", lang, media=f'"{media}"')
    # Present only inside @media: tell the trainee it does not apply to every screen.
    inside = [r for r in rules(css, selector, ANYWHERE) if r.media is not None]
    return (
        t("css_where_top", lang) if any(not prop or prop in r.declarations for r in inside) else ""
    )


def check_rule(
    css: str, selector: str, media: str | None = None, lang: str | None = None
) -> dict[str, str]:
    """A rule targets `selector`; returns its declarations (all such rules merged)."""
    found = rules(css, selector, media)
    if not found:
        fail("css_rule_missing", lang, selector=selector, where=_where(css, selector, media, lang))
    merged: dict[str, str] = {}
    for rule in found:
        merged.update(rule.declarations)
    return merged


def check_property(
    css: str,
    selector: str,
    prop: str,
    value: str | Iterable[str] | None = None,
    media: str | None = None,
    lang: str | None = None,
) -> str:
    """The rule for `selector` sets `prop` (to `value`, or to one of several values)."""
    declarations = check_rule(css, selector, media, lang)
    prop = prop.lower()
    got = declarations.get(prop)
    if got is None:
        where = _where(css, selector, media, lang, prop)
        fail("css_prop_missing", lang, selector=selector, prop=prop, where=where)
    accepted = [value] if isinstance(value, str) else list(value or ())
    if accepted and got not in {_value(v) for v in accepted}:
        where = _where(css, selector, media, lang, prop)
        expected = " | ".join(accepted)
        fail(
            "css_prop_value",
            lang,
            selector=selector,
            prop=prop,
            got=short(got),
            expected=expected,
            where=where,
        )
    return got


def check_media_query(
    css: str,
    condition: str | None = None,
    selector: str | None = None,
    prop: str | None = None,
    lang: str | None = None,
) -> list[Rule]:
    """A @media whose condition contains `condition` holds rules (for `selector`, setting `prop`).

    An empty @media block counts as absent: it changes nothing.
    """
    inside = [r for r in parse(css) if r.media is not None]
    if condition:
        inside = [r for r in inside if _squash(condition) in _squash(r.media or "")]
    if not inside:
        fail("css_media_missing", lang, media=f'"{condition}"' if condition else "")
    if selector is None:
        return inside
    media = condition or ANYWHERE
    if prop is not None:
        check_property(css, selector, prop, media=media, lang=lang)
    else:
        check_rule(css, selector, media, lang)
    return rules(css, selector, media)


def check_display(
    css: str, value: str, selector: str | None = None, lang: str | None = None
) -> Rule:
    """Some rule (for `selector`, if given) lays out with display: value (or inline-value)."""
    accepted = {value, f"inline-{value}"}
    for rule in rules(css, selector, ANYWHERE):
        if rule.declarations.get("display") in accepted:
            return rule
    fail("css_display", lang, value=value, selector=f"{selector} " if selector else "")


def check_flexbox(css: str, selector: str | None = None, lang: str | None = None) -> Rule:
    """Some rule (for `selector`, if given) uses display: flex."""
    return check_display(css, "flex", selector, lang)


def check_grid(css: str, selector: str | None = None, lang: str | None = None) -> Rule:
    """Some rule (for `selector`, if given) uses display: grid."""
    return check_display(css, "grid", selector, lang)
