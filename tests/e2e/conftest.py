"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server, and axe-core checks every
page a test visits against WCAG 2.0/2.1 A and AA (DESIGN.md §6).

No browser is downloaded (no `playwright install`): `scripts/test` runs `scripts/setup` with E2E=1, which installs
Debian's `chromium` and `libatomic1` (needed by Playwright's Node driver) when run as root; axe-core comes from npm
(package-lock.json) and is injected into each page from node_modules. Without Chromium the tests here skip, except
in CI (CI set), where they fail; `E2E=0` skips them on purpose. `CHROMIUM=/path` points at another Chromium binary.

No step may depend on the machine's speed (see `page` and `follow`). `E2E_SLOW_SERVER=8` checks that: the live
server then answers every page 8 seconds late, as a busy machine may, and the tests must pass all the same.
"""

import datetime
import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

BASE_DIR = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# What DESIGN.md §6 asks for: WCAG 2.1 AA, which includes 2.0's A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Flags from notes/stack.md §5: headless, no sandbox (containers, root), nothing that calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "Webbtest-lösenord-2026"
INSTALL_HINT = "sudo apt-get install -y --no-install-recommends chromium libatomic1 (scripts/test does it as root)"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def pytest_collection_modifyitems(config, items):
    """Skip this folder's tests, with the reason, when E2E=0 or (outside CI) when there is no Chromium."""
    if os.environ.get("E2E") == "0":
        reason = "browser tests switched off (E2E=0)"
    elif not os.access(CHROMIUM, os.X_OK) and not _in_ci():
        reason = f"no Chromium at {CHROMIUM}: {INSTALL_HINT}"
    else:
        return
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def playwright(playwright):
    """Playwright's sync API keeps an asyncio loop running on the test thread from its start to the end of the
    session, so Django would refuse ORM calls from the tests (and pytest-django's database set-up and flush) with
    SynchronousOnlyOperation. The calls are synchronous in fact, so allow them, from here on only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"CI has no Chromium at {CHROMIUM}; scripts/setup should have installed it: {INSTALL_HINT}", pytrace=False
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def slow_server():
    """With E2E_SLOW_SERVER=<seconds>, the live server delays every page it answers (static files not) by that
    long: a check, by hand, that no browser test depends on the machine's speed. Off by default."""
    delay = float(os.environ.get("E2E_SLOW_SERVER") or 0)
    if delay <= 0:
        yield
        return
    from django.core.handlers.wsgi import WSGIHandler

    answer = WSGIHandler.__call__

    def late(self, environ, start_response):
        time.sleep(delay)  # the point of this switch: a server slower than any fixed timeout
        return answer(self, environ, start_response)

    WSGIHandler.__call__ = late
    yield
    WSGIHandler.__call__ = answer


@pytest.fixture(scope="session")
def base_url(live_server):
    """page.goto("/accounts/login/") goes to the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp: axe is injected as an inline script, which a production content-security policy would block.
    return {
        **browser_context_args,
        "locale": "sv-SE",
        "timezone_id": "Europe/Stockholm",
        "viewport": {"width": 1280, "height": 900},
        "bypass_csp": True,
    }


# How long a step may wait on the browser alone: an element to appear or settle on a page that has loaded, an
# expect() on its content. Generous, so that a busy machine does not fail a test; only a test that is failing
# anyway waits it out. Waits on the server (navigation, downloads) have no limit at all: see `follow`.
BROWSER_TIMEOUT_MS = 60_000


@pytest.fixture
def page(page):
    """The page, failing the test on any JavaScript error or any response of 400 or more (a missing stylesheet
    would make the contrast checks meaningless). No step depends on the machine's speed: navigations (goto,
    wait_for_url, `follow`) wait as long as the server takes, which on a busy machine may be many seconds for a
    render, and the waits on the browser alone get BROWSER_TIMEOUT_MS."""
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.set_default_navigation_timeout(0)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and problems.append(f"{r.status} {r.url}"),
    )
    page.problems = problems
    yield page
    assert not problems, "the browser met errors:\n" + "\n".join(problems)


@pytest.fixture
def demo(transactional_db):
    """The demo organisations, users (password DEMO_PASSWORD) and register data: portal.demo.load_demo."""
    from portal.demo import load_demo

    return load_demo(DEMO_PASSWORD)


@pytest.fixture
def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def check_a11y(page) -> None:
    """Run axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules) and fail with a readable list of the
    violations: rule, impact, what it means, and each offending element with axe's advice."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(BASE_DIR)} is missing: run scripts/setup (npm ci installs axe-core)")
    assert not page.problems, "the browser met errors:\n" + "\n".join(page.problems)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    violations = result["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) (axe-core, WCAG 2.1 AA) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            html = re.sub(r"\s+", " ", node["html"])
            lines.append(f"    at {' '.join(map(str, node['target']))}: {html[:200]}")
            for advice in node.get("failureSummary", "").splitlines():
                if advice.strip():
                    lines.append(f"        {advice.strip()}")
    pytest.fail("\n".join(lines), pytrace=False)


_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // Focus inside the browser's own part of a control (a date field's calendar button): Chromium draws that ring.
  if (!e.matches(':focus')) return {what: e.tagName, outline: 2, visible: true};
  const s = getComputedStyle(e), box = e.getBoundingClientRect();
  const name = (e.innerText || e.getAttribute('aria-label') || e.name || e.id || '').trim().split('\\n')[0];
  return {what: `<${e.tagName.toLowerCase()} class="${e.className}"> ${name.slice(0, 40)}`,
          outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
          visible: box.width > 1 && box.height > 1};
}"""


def check_focus_visible(page, stops: int = 12) -> None:
    """Walk the first `stops` keyboard stops of a freshly loaded page with Tab: the first is the skip link, and each
    focused element shows an outline of at least 2 px (WCAG 2.4.1, 2.4.7), which axe cannot check."""
    problems = []
    for stop in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            break
        if stop == 0 and "skip-link" not in focused["what"]:
            problems.append(f"the first Tab stop is {focused['what']}, not the skip link")
        if not focused["visible"] or focused["outline"] < 2:
            problems.append(f"no visible focus outline on {focused['what']} (outline {focused['outline']} px)")
    if problems:
        pytest.fail(f"Keyboard focus on {page.url}:\n" + "\n".join(f"- {p}" for p in problems), pytrace=False)


def follow(locator) -> None:
    """Click `locator`, a link or a form's button that leads to another page, and wait until that page has loaded,
    however long the server takes: an approval renders the PDF, which on a busy machine takes many seconds. The
    wait is on the navigation, without a time limit, never on a clock; the click itself returns once it is
    dispatched (a plain click would wait for the server's answer within the step timeout). What the page then shows
    is checked with expect() on the loaded page. The click must lead somewhere: the page answers every request, an
    error with an error page (which `page` reports)."""
    with locator.page.expect_navigation(timeout=0):
        locator.click(no_wait_after=True)


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login page (checked with axe), as a user would."""
    page.goto("/accounts/login/")
    check_a11y(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    follow(page.get_by_role("button", name="Logga in"))
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
