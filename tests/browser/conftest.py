"""Real-browser fixtures: a seeded database, `streamlit run serve.py` on a free port, Chromium.

Chromium is Debian's (/usr/bin/chromium; `playwright install` cannot download here). When it is
missing the browser tests skip, unless PARLEY_REQUIRE_BROWSER=1 (set by scripts/test.sh), where
a missing browser is a failure. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from apptest.seeddb import SeededDb, build_seeded_db

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
STARTUP_LIMIT = 60.0  # seconds to wait for the health check (a bound, not an assertion)


def _need_browser() -> None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("PARLEY_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} but PARLEY_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium not found at {CHROMIUM}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> SeededDb:
    """The seeds in a SQLite file; the full ingest with extraction when it is available."""
    return build_seeded_db(tmp_path_factory.mktemp("browser") / "parley.db", full=True)


@contextmanager
def running_server(db_url: str, log_name: str = "streamlit-server", *, port: int | None = None,
                   args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run serve.py` (dashboard.py behind its page routes) on a free port (or
    ``port``) against ``db_url``; yield its base URL. ``args`` go to `streamlit run`, ``env`` is
    added to the environment.

    Waits for the health check (at most STARTUP_LIMIT s), then stops the server on exit:
    terminate, wait, kill.
    """
    port = port or _free_port()
    env = {**os.environ, **(env or {}), "PARLEY_DB_URL": db_url}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"{log_name}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_LIMIT
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited with {proc.returncode}; see {log}")
                try:
                    with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not answer its health check; see {log}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(browser_db: SeededDb) -> Iterator[str]:
    """Base URL of a running `streamlit run serve.py` against the seeded database."""
    _need_browser()
    with running_server(browser_db.url) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def open_page(server: str, browser: Any) -> Iterator[Callable[[str], Any]]:
    """open_page("/read?a=ID") -> a Playwright page once the script has finished running."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")

    def open_(path: str) -> Any:
        page = context.new_page()
        page.goto(server + path)
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_timeout(300)  # let the last deltas paint before measuring
        page.wait_for_selector(READY, timeout=60_000)
        return page

    yield open_
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
