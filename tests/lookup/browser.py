"""Debian's headless Chromium driven by Selenium as a phone: 360×640, touch, 2× pixels.

Chromium starts with the flags this machine needs (no sandbox as root, no GPU, nothing fetched
in the background, a fresh profile). Each "phone" can come from its own address as a reverse
proxy on loopback reports it (``X-Forwarded-For``, which uvicorn trusts from 127.0.0.1 only).
Screenshots go to ``$COUNTER_SCREENSHOTS`` when set (to look at them), else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tests.ci import missing_part

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=360,640",
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium() -> Any:
    """A started Chromium under chromedriver, or a missing part (scripts/browser_setup.sh)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not Path(program).exists():
            missing_part(f"{program} is not installed: run scripts/browser_setup.sh")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='lookup-chromium-')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


class Phone:
    """A browser tab the size of a common phone, talking to one server."""

    def __init__(self, driver: Any, base_url: str, shots: Path) -> None:
        self.driver = driver
        self.base_url = base_url
        self.shots = shots
        self.resize(360, 640)

    def resize(self, width: int, height: int) -> None:
        """Emulate a phone screen of ``width``×``height`` CSS pixels."""
        metrics = {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)

    def from_address(self, address: str) -> Phone:
        """Later requests come from ``address`` (as the reverse proxy reports them)."""
        headers = {"headers": {"X-Forwarded-For": address}}
        self.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", headers)
        return self

    def open(self, url: str) -> Phone:
        """Go to ``url`` (a path on the server, or a full address)."""
        self.driver.get(url if url.startswith(("http", "data:")) else self.base_url + url)
        return self

    def text(self, selector: str = "main") -> str:
        """The text of the first element matching ``selector``, as it is shown."""
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.CSS_SELECTOR, selector).text)

    def count(self, selector: str) -> int:
        """How many elements match ``selector``."""
        from selenium.webdriver.common.by import By

        return len(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def type_into(self, field: str, value: str) -> Phone:
        """Type ``value`` into the input ``#field`` and send its form, as a thumb would."""
        from selenium.webdriver.common.by import By

        box = self.driver.find_element(By.ID, field)
        box.clear()
        box.send_keys(value)
        self._navigating(box.find_element(By.XPATH, "./ancestor::form//button").click)
        return self

    def click_link(self, text: str) -> Phone:
        """Follow the link that reads ``text``."""
        from selenium.webdriver.common.by import By

        self._navigating(self.driver.find_element(By.LINK_TEXT, text).click)
        return self

    def _navigating(self, action: Any) -> None:
        """Do ``action`` and wait until the next page has replaced this one."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.wait import WebDriverWait

        page = self.driver.find_element(By.TAG_NAME, "html")
        action()
        wait = WebDriverWait(self.driver, 30)
        wait.until(expected_conditions.staleness_of(page))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def source(self) -> str:
        """The HTML as the browser received it."""
        return str(self.driver.page_source)

    def screenshot(self, name: str) -> Path:
        """The whole page (not only the screen) as ``name``.png."""
        import base64

        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
        )
        path = self.shots / f"{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.1 A/AA violations on the page shown."""
        if not AXE.exists():
            missing_part(f"axe-core is not installed at {AXE}: run scripts/browser_setup.sh")
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        script = (
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done(r.violations), e => done([{id: 'axe-error', help: String(e)}]));"
        )
        violations: list[dict[str, Any]] = self.driver.execute_async_script(script, WCAG_AA)
        return violations

    def scroll_width(self) -> int:
        """How wide the page is laid out: wider than the screen means sideways scrolling."""
        return int(self.driver.execute_script("return document.documentElement.scrollWidth"))


def screenshot_folder(fallback: Path) -> Path:
    """Where screenshots are kept: ``$COUNTER_SCREENSHOTS`` if set, else ``fallback``."""
    chosen = os.environ.get("COUNTER_SCREENSHOTS")
    folder = Path(chosen) if chosen else fallback
    if chosen:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
