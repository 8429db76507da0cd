"""Every page the hub serves a trainee, on a 360 px phone with touch and on a 1280 px laptop.

Each page is checked with axe-core (0 critical, 0 serious violations), in the lab's language
(`<html lang="fr">`, the lab's name as the title), and for the phone with nothing wider than
the screen. Screenshots of each page at both sizes are kept in the lab's artefacts folder.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

CARD_PASSWORD = "carte-2026-abcd"
NEW_PASSWORD = "Mon-propre-mot-de-passe"
SCREENS = {
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "laptop": {"viewport": {"width": 1280, "height": 800}},
}
BLOCKING = ("critical", "serious")


@pytest.fixture(scope="module")
def artefacts(lab):
    return lab.artefacts("pages")


def check_page(page, name: str, screen: str, artefacts, fits: bool = True) -> None:
    """axe-core, the language, the width (unless not `fits`); a screenshot either way."""
    page.screenshot(path=str(artefacts / f"{name}-{screen}.png"), full_page=True)
    results = Axe().run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{name} at {screen}: axe-core finds\n" + "\n".join(blocking)
    assert page.locator("html").get_attribute("lang").split("-")[0] == "fr", name
    assert "JupyterHub" not in page.title(), f"{name}: title {page.title()!r}"
    if not fits:
        return
    wider = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1
                             && getComputedStyle(e).visibility !== 'hidden'
                             && e.getClientRects().length)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                          + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                .slice(0, 8);
        }"""
    )
    assert not wider, f"{name} at {screen}: wider than the {screen}'s screen: {wider}"


def visit(page, lab, path: str) -> None:
    page.goto(f"{lab.url}{path}")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_a_trainee_meets_passes_axe_in_french_and_fits(lab, browser, artefacts, screen):
    name = f"pages-{screen}"
    lab.create_trainee(name, CARD_PASSWORD, must_change=True)
    context = browser.new_context(locale="fr-FR", **SCREENS[screen])
    page = context.new_page()
    try:
        visit(page, lab, "/hub/login")
        check_page(page, "login", screen, artefacts)

        page.fill("#username_input", name)
        page.fill("#password_input", "pas-le-bon")
        page.click("#login_submit")
        page.wait_for_selector(".login_error")
        check_page(page, "login-wrong-password", screen, artefacts)

        page.fill("#username_input", name)
        page.fill("#password_input", CARD_PASSWORD)
        page.click("#login_submit")
        page.wait_for_url("**/change-password**")
        check_page(page, "change-password", screen, artefacts)

        page.fill("input[name=new_password]", NEW_PASSWORD)
        page.fill("input[name=repeat_password]", "pas-pareil")
        page.click("form [type=submit]")
        page.wait_for_selector("[role=alert]")
        check_page(page, "change-password-mismatch", screen, artefacts)

        for path, page_name in [
            ("/hub/home", "home"),
            ("/hub/token", "tokens"),
            ("/hub/cette-page-n-existe-pas", "not-found"),
        ]:
            visit(page, lab, path)
            check_page(page, page_name, screen, artefacts)
            if page_name == "home":  # API tokens are for admins' scripts, not in her menu
                assert page.locator('a[href$="/hub/token"]').count() == 0

        visit(page, lab, "/hub/logout")
        check_page(page, "logout", screen, artefacts)
    except Exception:
        page.screenshot(path=str(artefacts / f"failure-{screen}.png"), full_page=True)
        raise
    finally:
        context.close()
        lab.api("DELETE", f"/users/{name}")
