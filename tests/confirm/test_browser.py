"""The confirm page in a real browser: headless Chromium, driven by Selenium and chromedriver,
against the page served by uvicorn on 127.0.0.1, purging a client with the password.

Skipped only when Debian's ``chromium`` or ``chromium-driver`` is not installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import anyio
import pytest

from ninja_tools.confirm import Desk, serve_confirm_page
from ninja_tools.sandbox import SandboxState
from ninja_tools.toolbox import Toolbox

from .conftest import ALICE, PASSWORD, Clock, by_name

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]

pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"needs {' and '.join(MISSING)} (apt-get install chromium "
    "chromium-driver)")


def _browser(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


def _purge_in_browser(url: str, profile: Path) -> dict[str, str]:
    """Open the link, check the masked field, type the password, confirm; then reuse the link."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shows
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _browser(profile)
    try:
        driver.set_page_load_timeout(30)
        driver.get(url)
        field = driver.find_element(By.NAME, "password")
        seen = {"type": str(field.get_attribute("type")),
                "autocomplete": str(field.get_attribute("autocomplete")),
                "question": driver.find_element(By.CSS_SELECTOR, ".effect").text}
        field.send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[value=confirm]").click()
        WebDriverWait(driver, 30).until(shows.text_to_be_present_in_element(
            (By.TAG_NAME, "h1"), "Done"))
        seen["outcome"] = driver.find_element(By.TAG_NAME, "body").text
        driver.get(url)
        seen["again"] = driver.find_element(By.TAG_NAME, "body").text
        return seen
    finally:
        driver.quit()


async def test_purge_through_the_page_in_chromium(
    toolbox: Toolbox, clock: Clock, state: SandboxState, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SE_OFFLINE", "true")  # never let Selenium look for a browser online
    desk = Desk(toolbox, clock=clock)
    globex = by_name(state, "client", "Globex")["id"]
    async with await serve_confirm_page(desk) as server:
        assert server.url.startswith("http://127.0.0.1:")
        pending = await desk.open(await toolbox.prepare("purge_client", {"id": globex}, ALICE))
        assert pending.url == f"{server.url}/confirm/{pending.id}"
        seen = await anyio.to_thread.run_sync(_purge_in_browser, pending.url,
                                              tmp_path / "profile")
    assert (seen["type"], seen["autocomplete"]) == ("password", "current-password")
    assert seen["question"].startswith("Purge client Globex")
    assert "Purged client Globex" in seen["outcome"] or "Done" in seen["outcome"]
    assert PASSWORD not in seen["outcome"]
    assert state.store.get("client", globex) is None
    assert "already used" in seen["again"]
    assert (await desk.status(pending.id)).state == "done"
    assert os.environ.get("SE_OFFLINE") == "true"
