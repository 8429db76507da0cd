"""Checks on a trainee's HTML: elements, attributes, semantic structure, accessibility.

Every check takes the markup as a string (or an already parsed document from `parse`) and
parses it with Python's forgiving html.parser, as a browser would not refuse it either.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from graders.check import fail, quiet, short
from graders.messages import t

Markup = str | Tag

LANDMARKS = ("header", "nav", "main", "footer")
# Inputs a person does not type into need no label: buttons carry their own text.
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}
DECORATIVE_ROLES = {"presentation", "none"}


def parse(markup: Markup) -> Tag:
    """The parsed document, for custom checks (bs4 warnings silenced: stderr must stay empty)."""
    if isinstance(markup, Tag):
        return markup
    with quiet():
        return BeautifulSoup(markup, "html.parser")


def select(markup: Markup, selector: str) -> list[Tag]:
    """All elements matching a CSS selector."""
    return parse(markup).select(selector)


def _what(selector: str) -> str:
    """`<nav>` for a bare tag name, else the selector in quotes."""
    return f"<{selector}>" if re.fullmatch(r"[a-zA-Z][a-zA-Z0-9-]*", selector) else f'"{selector}"'


def _field(tag: Tag, n: int, lang: str | None) -> str:
    """How a form field is named in a sentence: by its name or id, else by its rank."""
    for key in ("name", "id"):
        if tag.get(key):
            return f'<{tag.name} {key}="{tag[key]}">'
    return f"<{tag.name}> {t('nth', lang, n=n)}"


def check_element(
    markup: Markup,
    selector: str,
    count: int | None = None,
    min_count: int = 1,
    lang: str | None = None,
) -> list[Tag]:
    """The elements matching `selector`: exactly `count` of them, or at least `min_count`."""
    found = select(markup, selector)
    what = _what(selector)
    if count is not None:
        if len(found) != count:
            fail("html_count", lang, what=what, expected=count, got=len(found))
    elif not found and min_count:
        fail("html_missing", lang, what=what)
    elif len(found) < min_count:
        fail("html_min_count", lang, what=what, expected=min_count, got=len(found))
    return found


def check_attribute(
    markup: Markup, selector: str, attr: str, value: str | None = None, lang: str | None = None
) -> list[Tag]:
    """Every element matching `selector` has `attr` (with exactly `value`, if given)."""
    found = check_element(markup, selector, lang=lang)
    for n, tag in enumerate(found, 1):
        nth = t("nth", lang, n=n)
        if not tag.has_attr(attr):
            fail("html_attr_missing", lang, attr=attr, what=_what(selector), nth=nth)
        got = tag[attr]
        got = " ".join(got) if isinstance(got, list) else got  # bs4 splits class="a b"
        if value is not None and got.strip() != value:
            fail(
                "html_attr_value",
                lang,
                attr=attr,
                what=_what(selector),
                nth=nth,
                got=short(got),
                expected=value,
            )
    return found


def check_semantic_structure(
    markup: Markup, landmarks: tuple[str, ...] = LANDMARKS, lang: str | None = None
) -> None:
    """The page has its landmarks (header, nav, main, footer by default) and a single <h1>."""
    for landmark in landmarks:
        check_element(markup, landmark, lang=lang)
    h1 = len(select(markup, "h1"))
    if h1 != 1:
        fail("html_one_h1", lang, got=h1)


def check_lang(markup: Markup, lang: str | None = None) -> None:
    """<html> says which language the page is in, for screen readers and translators."""
    root = parse(markup).find("html")
    if root is None or not str(root.get("lang", "")).strip():
        fail("html_lang", lang)


def check_images_alt(markup: Markup, lang: str | None = None) -> None:
    """Every <img> has a text alternative.

    An empty alt="" is the standard way to mark a decorative image, but beginners use it to
    silence the check; so we accept it only when role="presentation" (or "none") says the
    image is decorative on purpose.
    """
    for n, img in enumerate(parse(markup).find_all("img"), 1):
        alt = img.get("alt")
        if alt is None:
            fail("html_img_alt", lang, n=n)
        if not alt.strip() and img.get("role", "").strip().lower() not in DECORATIVE_ROLES:
            fail("html_img_alt_empty", lang, n=n)


def _has_label(doc: Tag, field: Tag) -> bool:
    """A label[for=id] with text, a wrapping <label> with text, or an ARIA name."""
    if str(field.get("aria-label", "")).strip():
        return True
    labelledby = str(field.get("aria-labelledby", "")).split()
    if any(doc.find(id=ref) for ref in labelledby):
        return True
    labels = [field.find_parent("label")]
    if field.get("id"):
        labels += doc.find_all("label", attrs={"for": field["id"]})
    return any(label is not None and label.get_text(strip=True) for label in labels)


def check_labels(markup: Markup, lang: str | None = None) -> None:
    """Every input, select and textarea a person fills in has a label."""
    doc = parse(markup)
    fields = doc.find_all(["input", "select", "textarea"])
    for n, field in enumerate(fields, 1):
        if field.name == "input" and field.get("type", "text").lower() in UNLABELLED_INPUTS:
            continue
        if not _has_label(doc, field):
            fail("html_label", lang, field=_field(field, n, lang))


def check_heading_order(markup: Markup, lang: str | None = None) -> None:
    """Headings start at <h1> and never skip a level going down (h1 then h3 is refused)."""
    previous = 0
    for heading in parse(markup).find_all(re.compile(r"^h[1-6]$")):
        level = int(heading.name[1])
        if previous == 0 and level != 1:
            fail("html_heading_first", lang, got=level)
        if level > previous + 1:
            text = short(heading.get_text(" ", strip=True), 40)
            fail(
                "html_heading_skip",
                lang,
                got=level,
                prev=previous,
                expected=previous + 1,
                text=text,
            )
        previous = level


def check_accessibility(markup: Markup, lang: str | None = None) -> None:
    """The four basics at once: lang, alt on images, labels on fields, heading order."""
    check_lang(markup, lang)
    check_images_alt(markup, lang)
    check_labels(markup, lang)
    check_heading_order(markup, lang)


def check_form(
    markup: Markup,
    method: str | None = None,
    action: str | None = None,
    selector: str = "form",
    lang: str | None = None,
) -> Tag:
    """A form exists, sending with `method` (GET when absent, as browsers do) to `action`."""
    form = check_element(markup, selector, lang=lang)[0]
    if method is not None:
        got = str(form.get("method") or "get").strip().lower()
        if got != method.lower():
            fail("html_form_method", lang, expected=method.lower(), got=got)
    if action is not None:
        got = str(form.get("action", "")).strip()
        if got != action:
            fail("html_form_action", lang, expected=action, got=short(got))
    return form


def check_input_type(
    markup: Markup, selector: str, expected: str, lang: str | None = None
) -> list[Tag]:
    """Every field matching `selector` has type `expected` (text when absent)."""
    found = check_element(markup, selector, lang=lang)
    for n, field in enumerate(found, 1):
        got = str(field.get("type") or "text").strip().lower()
        if got != expected.lower():
            fail("html_input_type", lang, field=_field(field, n, lang), expected=expected, got=got)
    return found
