"""A real browser for the tests marked `browser`: Debian's Chromium driven by Playwright, never
a browser Playwright downloads. `.ci/run` installs Chromium, the CJK fonts and axe-core."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD

# The permission matrix's report (valid values, an attachment, a refused upload, a notification).
from tests.test_permissions import beijing  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# Kept by CI as artefacts; BROWSER_SCREENSHOTS moves them.
SCREENSHOTS = Path(
    os.environ.get(
        "BROWSER_SCREENSHOTS", settings.BASE_DIR / "var" / "ci-artifacts" / "screenshots"
    )
)


@pytest.fixture(scope="session")
def browser():
    # Imported here, not at the top: collecting the default suite needs no Playwright.
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    # Playwright's synchronous API keeps an event loop in this thread; the ORM calls the tests
    # make beside it are still synchronous, which Django cannot tell.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in {HERE}")
    return AXE.read_text()


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def browser_as(browser, live_server):
    """``browser_as(user)`` opens a browser context logged in as ``user`` (None: anonymous),
    at 1366×768, in the portal's default language or the ``language`` chosen."""
    contexts = []

    def open_context(user, language=None):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1366, "height": 768},
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        contexts.append(context)
        if language is not None:
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
            )
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
        return context

    yield open_context
    for context in contexts:
        context.close()


class ConsoleErrors(list):
    """What ``page`` logs as an error in its console and every exception its scripts throw,
    each with the address of the page it happened on."""

    def __init__(self, page):
        super().__init__()
        self.page = page
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.append(f"{page.url}: {error}"))

    def _on_console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # The browser reports an error page's own status as a failed load: that is the page.
        if message.text.startswith("Failed to load resource") and url == self.page.url:
            return
        self.append(f"{self.page.url}: {message.text} ({url})")


@pytest.fixture
def page_as(browser_as, screenshots):
    """``page_as(user)`` opens the home page at 1366×768 in Chinese, logged in as ``user``
    through the login page (None: anonymous). ``page.shot(name)`` keeps a screenshot of the
    whole page as ``name``.png (``full_page=False``: what the screen shows, a dialog say). A
    page that logged an error in its console fails the test."""
    watched = []

    def open_page(user):
        page = browser_as(None).new_page()
        # A step that fails fails within seconds, not Playwright's 30.
        page.set_default_timeout(10_000)
        errors = ConsoleErrors(page)
        watched.append(errors)
        page.shot = lambda name, full_page=True: page.screenshot(
            path=screenshots / f"{name}.png", full_page=full_page
        )
        if user is None:
            page.goto("/")
        else:
            page.goto("/accounts/login/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.click("main button[type=submit]")
            assert user.display_name in page.inner_text(".portal-navbar"), page.url
        return page

    yield open_page
    errors = [error for page_errors in watched for error in page_errors]
    assert not errors, "console errors:\n" + "\n".join(errors)
