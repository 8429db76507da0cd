"""Weight benchmark: what a trainee's browser moves from the login page to a usable JupyterLab.

A real Chromium (Debian's) logs a trainee in on the login page and waits until JupyterLab
is usable (the app has restored its layout: « Mes devoirs » is open). Her server is
started beforehand, so the figures are the wire's, not the start's. Prints, compressed as
codelab serves it and not compressed (the browser asks for `identity`, as it gets from a
stock hub and JupyterLab), bytes and requests of:

- a first visit (empty cache);
- a repeat visit the next morning (the same browser's cache, logged out in between);
- a first visit on an emulated Fast 3G link (Chrome's preset: 562.5 ms, 1.6 Mbit/s down,
  0.75 up, as DevTools sets it): seconds until something readable is painted (the login
  page's first contentful paint) and until JupyterLab is usable.

Usage: .venv/bin/python benchmarks/weight.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM_ARGS, TestLab  # noqa: E402

PASSWORD = "Poids-pass-2026"
FAST_3G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
USABLE = "() => window.jupyterapp && window.jupyterapp.restored.then(() => true)"


@dataclass
class Visit:
    bytes: int
    requests: int
    readable: float  # seconds from opening the login page to its first contentful paint
    usable: float  # seconds from opening the login page to a usable JupyterLab


def visit(context, lab: TestLab, name: str, compressed: bool, link: dict | None) -> Visit:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    moved, asked = [], []
    cdp.on("Network.loadingFinished", lambda e: moved.append(e["encodedDataLength"]))
    cdp.on("Network.requestWillBeSent", lambda e: asked.append(e["request"]["url"]))
    if not compressed:
        cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": "identity"}})
    if link:
        cdp.send("Network.emulateNetworkConditions", link)
    began = time.perf_counter()
    page.goto(f"{lab.url}/hub/login", timeout=120_000)
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0"
    )
    readable = page.evaluate(
        "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/lab**", timeout=300_000)
    page.wait_for_function(USABLE, timeout=300_000)
    usable = time.perf_counter() - began
    page.wait_for_load_state("networkidle")
    page.close()
    return Visit(sum(moved), len(asked), readable / 1000, usable)


def measure(browser, lab: TestLab, name: str, compressed: bool) -> tuple[Visit, Visit]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    try:
        first = visit(context, lab, name, compressed, None)
        context.clear_cookies()  # logged out overnight; the cache stays
        return first, visit(context, lab, name, compressed, None)
    finally:
        context.close()


def on_fast_3g(browser, lab: TestLab, name: str, compressed: bool) -> Visit:
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    try:
        return visit(context, lab, name, compressed, FAST_3G)
    finally:
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    lab = TestLab(Path(tempfile.mkdtemp(prefix="codelab-bench-")))
    try:
        lab.cli("up")
        name = "poids"
        lab.create_trainee(name, PASSWORD)
        lab.start_server(name)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            figures = {c: measure(browser, lab, name, c) for c in (True, False)}
            slow = {c: on_fast_3g(browser, lab, name, c) for c in (True, False)}
            browser.close()
    finally:
        lab.cli("down", check=False)
        lab.remove_everything()
    for compressed, (first, repeat) in figures.items():
        how = "compressed (codelab)" if compressed else "not compressed (stock)"
        print(f"{how}: first visit {first.bytes / 1e6:.2f} MB in {first.requests} requests;"
              f" repeat {repeat.bytes / 1e6:.2f} MB in {repeat.requests} requests")  # fmt: skip
    ours, stock = figures[True][0], figures[False][0]
    print(f"first visit, codelab/stock bytes: {ours.bytes / stock.bytes:.2f}")
    for compressed, seen in slow.items():
        how = "compressed (codelab)" if compressed else "not compressed (stock)"
        print(f"Fast 3G, {how}: readable after {seen.readable:.1f} s, JupyterLab usable "
              f"after {seen.usable:.1f} s ({seen.bytes / 1e6:.2f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
