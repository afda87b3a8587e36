"""axe-core on every page a Chromium journey visits.

axe-core comes from the npm registry (`.ci/run` installs the pinned version into
`.ci/node`; locally run the same `npm install` line). The harness injects it into the page;
the app never serves it. ``AxeCheckedPage`` wraps a Playwright page: each time a document
finishes loading it is remembered, and before the test next uses the page (and once more at
the end) axe-core runs on it. Any serious or critical violation fails the test.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.conftest import requirement_missing

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = Path(os.environ.get("GRATIFIKASI_AXE_CORE", ROOT / ".ci/node/node_modules/axe-core/axe.min.js"))
FAILING_IMPACTS = ("serious", "critical")
INSTALL_HINT = "npm install --prefix .ci/node axe-core@4.10.3 (see .ci/run)"

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}"""


def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        requirement_missing(f"axe-core not found at {AXE_SCRIPT} ({INSTALL_HINT})")
    return AXE_SCRIPT


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it stands; the serious and critical findings."""
    assert page.evaluate("() => typeof window.axe !== 'undefined'"), "axe-core was not injected"
    found = page.evaluate(_RUN_AXE)
    return [v for v in found if v["impact"] in FAILING_IMPACTS]


class AxeCheckedPage:
    """A Playwright page whose every loaded document is checked by axe-core."""

    def __init__(self, page: Any) -> None:
        # An init script, not page.add_script_tag: the app's CSP (script-src 'self') rightly
        # blocks an injected inline <script>, and the journeys must not turn the CSP off (they
        # assert that it blocks nothing of the app's own). Init scripts come in through the
        # DevTools protocol, before the page's own scripts, into every document.
        page.add_init_script(path=str(axe_script()))
        self._page = page
        self._unchecked = False
        self.checked_urls: list[str] = []
        self.findings: list[str] = []
        page.on("load", self._loaded)

    def _loaded(self, _page: Any) -> None:
        self._unchecked = True

    def check_now(self) -> None:
        """Check the current document if it has not been checked since it loaded."""
        if not self._unchecked:
            return
        page = self._page
        if page.url.startswith(("about:", "data:", "chrome")):
            self._unchecked = False
            return
        page.wait_for_load_state("load")
        self._unchecked = False
        url = page.url
        self.checked_urls.append(url)
        try:
            found = serious_violations(page)
        except Exception as error:  # the test started the next navigation meanwhile
            if "context was destroyed" not in str(error):
                raise
            page.wait_for_load_state("load")
            url = page.url
            found = serious_violations(page)
        for violation in found:
            self.findings.append(
                f"{url}: {violation['impact']} {violation['id']} ({violation['help']}) at {violation['targets']}"
            )

    def __getattr__(self, name: str) -> Any:
        self.check_now()
        return getattr(self._page, name)
