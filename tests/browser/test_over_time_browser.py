"""Reports over time and a question's "How it played" in a real browser: axe-core on each new
page, no Content-Security-Policy refusal, and screenshots (tests/artifacts/over-time-*.png)."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD
from ..test_over_time import ANN, history  # noqa: F401 - the fixture
from .test_round import AXE, SERIOUS

pytestmark = pytest.mark.browser

WCAG = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def axe_violations(page) -> list[str]:
    """Every axe-core violation of a WCAG 2 A or AA rule, and every serious or critical one."""
    results = AXE.run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if WCAG & set(v["tags"]) or v["impact"] in SERIOUS
    ]


def test_the_report_pages_pass_axe_and_the_policy(app, author, history, live_server, page, artifacts):  # noqa: F811
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(live_server + "/account/sign-in")
    page.get_by_label("Email").fill("teacher@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    problems = []
    for name, path in [
        ("index", "/reports/"),
        ("set", f"/reports/sets/{history['set']}"),
        ("student", f"/reports/students?name={ANN.replace(' ', '+')}&class=9B"),
        ("question", f"/author/questions/{history['q1']}/preview"),
    ]:
        page.goto(live_server + path)
        problems += axe_violations(page)
        page.screenshot(path=str(artifacts / f"over-time-{name}.png"), full_page=True)
    assert not problems, problems
    assert not refused, refused
