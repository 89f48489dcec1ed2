"""Headless Chromium for the browser tests and scripts/report_screenshots.py: open a page at a given
width, measure whether it scrolls sideways, save a full-page screenshot."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")
MEASURE = """return {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  body: document.body.scrollWidth, height: document.documentElement.scrollHeight, inner: window.innerWidth};"""


def chrome(profile: Path, width: int = 1400, height: int = 1000) -> Any | None:
    """A headless Chromium driven by selenium, or None where chromium, its driver or selenium is missing."""
    binary, driver = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if not (binary and driver):
        return None
    try:
        from selenium import webdriver
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return browser


def measure(browser: Any, page: Path) -> dict[str, int]:
    """Open a page; its widths (document scroll width, viewport width) and height in CSS pixels."""
    browser.get(page.as_uri())
    return browser.execute_script(MEASURE)


def screenshot(browser: Any, target: Path, width: int, height: int, limit: int = 12000) -> None:
    """The open page as a PNG, the whole height up to ``limit`` pixels."""
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, limit), "scale": 1}
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                                 "clip": clip})
    target.write_bytes(base64.b64decode(shot["data"]))
