"""axe-core (the npm package in node_modules, installed by `make test`) run on a Playwright page."""

from functools import cache
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make axe` (npm ci) installs axe-core")
    return AXE.read_text(encoding="utf-8")


def blocking_violations(page) -> list[dict]:
    """The serious and critical axe violations on the page as it is now.

    The pages forbid inline and foreign scripts (Content-Security-Policy). page.evaluate runs
    the source through the DevTools protocol (Runtime.evaluate), which the page's CSP does not
    govern, so axe gets in without loosening the policy under test (no `bypass_csp`)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict]) -> str:
    """One line per violation: rule, impact, where, and the selectors of the offending nodes."""
    lines = [f"{len(violations)} serious/critical axe violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    {target}: {node['html'][:100]}")
    return "\n".join(lines)
