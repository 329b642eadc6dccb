"""Headless Chromium for the browser tests (``test_browser.py``, ``test_jupyterlab.py``).

Debian's ``chromium`` and ``chromium-driver`` by default; ``GAN_TUTORIAL_CHROMIUM`` and
``GAN_TUTORIAL_CHROMEDRIVER`` name other binaries (the publishing workflow uses the runner's
Google Chrome). Without them the tests are skipped, unless ``GAN_TUTORIAL_REQUIRE_BROWSER=1`` (as
in ``.ci/run`` and the workflow), which turns the skip into a failure.
"""

import os
import shutil

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
