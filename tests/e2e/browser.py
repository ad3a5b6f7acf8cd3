"""Drive ``semax-explorer serve`` in a real headless Chromium, as a person in a browser would.

The page draws the terminal on a canvas, so its text is not in the DOM. To read what the
reader sees, a script injected before the page's own records every frame the browser
receives on the terminal's socket, with its arrival time; the frames are replayed into a
terminal emulator (pyte) here. That is the same byte stream xterm.js draws, as it
arrived in the browser, not a copy taken on the server.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

COMMAND = Path(sys.executable).with_name("semax-explorer")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER = ("chromedriver",)

CAPTURE = """
(() => {
  const Native = window.WebSocket;
  const record = {url: null, frames: [], texts: [], sent: []};
  window.__semax = record;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      record.url = String(url);
      this.addEventListener("message", (event) => {
        const at = performance.now();
        if (typeof event.data === "string") { record.texts.push([at, event.data]); return; }
        if (!(event.data instanceof ArrayBuffer)) return;
        const bytes = new Uint8Array(event.data);
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        record.frames.push([at, btoa(text)]);
      });
    }
    send(data) { record.sent.push(String(data)); return super.send(data); }
  };
})();
"""
"""Injected before the page's scripts (Chrome DevTools ``addScriptToEvaluateOnNewDocument``)."""


def _which(names: Sequence[str]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def available() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    if importlib.util.find_spec("pyte") is None:
        return "pyte is not installed (pip install -e '.[test]')"
    if importlib.util.find_spec("textual_serve") is None:
        return "textual-serve is not installed (pip install -e '.[serve]')"
    if _which(CHROMIUM) is None or _which(CHROMEDRIVER) is None:
        return "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    if not COMMAND.exists():
        return f"{COMMAND} is not installed (pip install -e .)"
    return None


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``semax-explorer serve`` (or any command that prints the same first line) in the background."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None, log: Path) -> None:
        self.log_path = log
        self._log = log.open("wb")
        self.process = subprocess.Popen(  # a process group of its own: Ctrl+C is sent to it alone
            list(argv), env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.url = self._wait_for_url()

    @classmethod
    def explorer(cls, *args: str, env: dict[str, str] | None, log: Path, port: int | None = None) -> Server:
        """The installed command, serving on a free loopback port."""
        return cls([str(COMMAND), "serve", "--port", str(port or free_port()), *args], env, log)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait_for_url(self, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for word in self.output().split():
                if word.startswith("http://"):
                    return word
            if self.process.poll() is not None:
                raise AssertionError(f"serve ended with {self.process.returncode}: {self.output()}")
            time.sleep(0.05)
        raise AssertionError(f"serve printed no URL: {self.output()}")

    def interrupt(self, timeout: float = 30) -> int:
        """Ctrl+C, as a terminal sends it (SIGINT to the foreground process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.interrupt(timeout=20)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._log.close()


class Tab:
    """One browser (its own profile, so its own session) with the page open."""

    def __init__(self, url: str, downloads: Path, *, size: tuple[int, int] = (1280, 800)) -> None:
        import pyte  # noqa: PLC0415
        from selenium import webdriver  # noqa: PLC0415 - optional: see available()
        from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

        downloads.mkdir(parents=True, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = str(_which(CHROMIUM))
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
            options.add_argument(argument)
        options.add_argument(f"--window-size={size[0]},{size[1]}")
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "profile.default_content_setting_values.automatic_downloads": 1,
            },
        )
        self.downloads = downloads
        self.driver = webdriver.Chrome(options=options, service=Service(str(_which(CHROMEDRIVER))))
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE})
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        self._pyte = pyte
        self._fed = 0
        self._screen: Any = None
        self._stream: Any = None
        self.open(url)

    def open(self, url: str) -> None:
        self._fed = 0
        self._screen = None
        self.driver.get(url)

    def frames(self, start: int = 0) -> list[tuple[float, bytes]]:
        """Every frame received since ``start`` (milliseconds since the page's navigation began)."""
        found = self.driver.execute_script(
            "return window.__semax ? window.__semax.frames.slice(arguments[0]) : []", start
        )
        return [(float(at), base64.b64decode(data)) for at, data in found]

    def size(self) -> tuple[int, int]:
        """The terminal's columns and rows, as the page asked for them (last resize wins)."""
        url = self.driver.execute_script("return window.__semax ? window.__semax.url : null") or ""
        query = dict(part.split("=", 1) for part in url.partition("?")[2].split("&") if "=" in part)
        columns, rows = int(query.get("width", 80)), int(query.get("height", 24))
        for sent in self.driver.execute_script("return window.__semax ? window.__semax.sent : []"):
            if sent.startswith('["resize"'):
                import json  # noqa: PLC0415

                data = json.loads(sent)[1]
                columns, rows = int(data["width"]), int(data["height"])
        return columns, rows

    def screen(self) -> str:
        """The terminal's text as the browser has received it so far."""
        columns, rows = self.size()
        if self._screen is None:
            self._screen = self._pyte.Screen(columns, rows)
            self._stream = self._pyte.ByteStream(self._screen)
        elif (self._screen.columns, self._screen.lines) != (columns, rows):
            self._screen.resize(rows, columns)  # the app redraws everything after a resize
        for _, data in self.frames(self._fed):
            self._stream.feed(data)
            self._fed += 1
        return "\n".join(line.rstrip() for line in self._screen.display).rstrip()

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared in the browser; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        """Type into the terminal (xterm.js reads keys from its hidden textarea)."""
        from selenium.webdriver.common.by import By  # noqa: PLC0415

        field = self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        for key in keys:
            field.send_keys(key)
            time.sleep(0.05)

    def wait_for_download(self, suffix: str, timeout: float = 30) -> Path:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in self.downloads.iterdir() if p.name.endswith(suffix)]
            if done:
                return done[0]
            time.sleep(0.1)
        raise AssertionError(f"no {suffix} download arrived: {sorted(p.name for p in self.downloads.iterdir())}")

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()


@contextlib.contextmanager
def tab(url: str, downloads: Path) -> Iterator[Tab]:
    opened = Tab(url, downloads)
    try:
        yield opened
    finally:
        opened.close()
