"""Playwright on Debian's Chromium, launched by path, and axe-core checks."""

import os
import shutil

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page):
    """Run axe-core on the page as it is now; returns a readable report or ''."""
    results = _axe.run(page, options=WCAG_21_AA)
    if results.violations_count == 0:
        return ""
    return f"{page.url}\n{results.generate_report()}"


class AxeAudit:
    """Collects axe results for every page a browser test visits."""

    def __init__(self):
        self.reports = []
        self.visited = []

    def check(self, page):
        self.visited.append(page.url)
        report = axe_violations(page)
        if report:
            self.reports.append(report)

    def assert_clean(self):
        assert self.visited, "axe-core was never run"
        assert not self.reports, "\n\n".join(self.reports)
