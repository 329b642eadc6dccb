"""Headless Chromium for the browser tests (``test_browser.py``, ``test_jupyterlab.py``).

Debian's ``chromium`` and ``chromium-driver`` by default; ``GAN_TUTORIAL_CHROMIUM`` and
``GAN_TUTORIAL_CHROMEDRIVER`` name other binaries (the publishing workflow uses the runner's
Google Chrome). Without them the tests are skipped, unless ``GAN_TUTORIAL_REQUIRE_BROWSER=1`` (as
in ``.ci/run`` and the workflow), which turns the skip into a failure.
"""

import functools
import http.server
import os
import pathlib
import shutil
import threading

import pytest

# Chromium as root in a closed network: no sandbox, no GPU, and none of its background
# connections (each refused, many at a time, without these flags).
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)


def require_browser():
    """(chromium, chromedriver) paths; skip (or fail, where required) without them."""
    chromium = shutil.which(os.environ.get("GAN_TUTORIAL_CHROMIUM") or "chromium")
    driver = shutil.which(os.environ.get("GAN_TUTORIAL_CHROMEDRIVER") or "chromedriver")
    if chromium and driver:
        return chromium, driver
    message = (
        "headless-browser test needs Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver), or GAN_TUTORIAL_CHROMIUM and "
        "GAN_TUTORIAL_CHROMEDRIVER; not found"
    )
    if os.environ.get("GAN_TUTORIAL_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " and GAN_TUTORIAL_REQUIRE_BROWSER=1 demands it")
    pytest.skip(message)


def start(profile, timeout=60):
    """A headless Chromium with a fresh profile in ``profile``, its console log kept."""
    chromium, driver_path = require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    return driver


HTML = pathlib.Path(__file__).resolve().parent.parent / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server():
    """The built book (``_build/html``, both editions) on a local port; its URL."""
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML} has no built book: build it first with `make book`")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for a module's tests."""
    driver = start(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()
