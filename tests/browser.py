"""Helpers for tests that look at the site as a person does: Debian's chromium via Playwright.

Browser downloads are impossible here, so Playwright drives /usr/bin/chromium. Screenshots
go to tests/screenshots/ (not committed) for a reviewer to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
# Without these, chromium tries Google's hosts at start and this machine refuses them.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for review and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_violations(page) -> list[tuple[str, str, int]]:
    """axe-core violations of impact serious or critical on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")]
