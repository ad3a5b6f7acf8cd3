"""End to end: ``semax-explorer serve`` in a real headless Chromium, as a reader uses it.

Each test starts the installed command on a free loopback port and drives a real browser
(Selenium with Debian's chromium-driver). What the reader sees is read from the bytes the
browser received (see tests/e2e/browser.py); the store file and the downloaded export are
checked on disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import COMMAND, Server, Tab, available, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(available() is not None, reason=str(available()))]

ARTIFACTS = Path(__file__).with_name("artifacts")
"""Screenshots the tests take, to look at after a run (not committed)."""

ENTER = "\ue007"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    temp = tmp_path / "tmp"  # where a public server puts its tabs' folders
    temp.mkdir()
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("SEMAX_EXPLORER_")},
        "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(home),
        "TMPDIR": str(temp),
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def serve(servers: list[Server], env: dict[str, str], tmp_path: Path, *args: str) -> Server:
    server = Server.explorer(*args, env=env, log=tmp_path / f"serve-{len(servers)}.log")
    servers.append(server)
    return server


def session_pids(server: Server) -> list[int]:
    """The tabs' processes of this server (session processes and explorers): every process
    but the server whose environment holds the test's own temporary folder."""
    marker = str(server.log_path.parent).encode()
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == server.process.pid:
            continue
        try:
            argv = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"tui" in argv and marker in environ:
            found.append(int(entry.name))
    return found


def wait_until(condition: object, timeout: float = 20, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def start_reading(tab: Tab) -> None:
    tab.wait_for("Before you read")
    tab.keys(ENTER)
    tab.wait_for("Semax is a peptide developed")


def test_read_bookmark_and_export_in_the_browser(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path)
    assert server.url.startswith("http://127.0.0.1:")
    assert str(tmp_path / "data") in server.output()  # the reader's own data folder, said up front
    tab = Tab(server.url, tmp_path / "downloads")
    try:
        start_reading(tab)
        tab.keys("3")
        tab.wait_for("Semax Explorer — Benefits")
        tab.keys("j")
        screen = tab.wait_for("Semax Explorer — Benefits › Attention and short-term memory")
        assert "Among the potential benefits" in screen  # the reader shows the section
        tab.keys("b")
        screen = tab.wait_for("★ Bookmarked")
        assert "★ Attention and short-term memory" in screen  # the mark in the tree

        store = json.loads((tmp_path / "data" / "user.json").read_text(encoding="utf-8"))
        assert "benefits/attention-memory" in json.dumps(store)  # the terminal's store, the same file

        tab.keys("e")
        screen = tab.wait_for("Your browser downloads the file.")
        assert "Save to:" not in screen  # no server path to type in a browser
        tab.keys(ENTER)
        download = tab.wait_for_download(".md")
        text = download.read_text(encoding="utf-8")
        assert "### Attention and short-term memory" in text and "Bookmarked" in text
        tab.wait_for("Sent to your browser as semax-notes-")
        assert not list(Path(env["HOME"]).glob("semax-notes-*"))  # nothing written on the server
        shot = tab.screenshot(ARTIFACTS / "serve-local.png")
        assert shot.stat().st_size > 10_000
    finally:
        tab.close()

    code = server.interrupt()
    assert code == 130
    output = server.output()
    assert "Traceback" not in output and "closed by signal" not in output
    wait_until(lambda: not session_pids(server), what="every tab's process ending")


def test_ctrl_c_with_tabs_open_ends_every_tab_process(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path, "--public")
    tabs = [Tab(server.url, tmp_path / f"downloads-{n}") for n in range(2)]
    try:
        for tab in tabs:
            tab.wait_for("Before you read")
        assert len(session_pids(server)) >= 2
        code = server.interrupt()
        assert code == 130
        for tab in tabs:
            wait_until(
                lambda t=tab: "-closed" in t.driver.execute_script("return document.body.className"),
                what="the page saying the explorer closed",
            )
    finally:
        for tab in tabs:
            tab.close()
    output = server.output()
    assert "Traceback" not in output and "closed by signal" not in output, output
    wait_until(lambda: not session_pids(server), what="every tab's process ending")
    assert not list(Path(env["TMPDIR"]).iterdir())  # every private folder removed


def test_public_tabs_are_private_and_their_folders_go_with_them(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    real = Path(env["SEMAX_EXPLORER_DATA_DIR"])
    server = serve(servers, env, tmp_path, "--public")
    assert "fresh data folder" in server.output()
    first = Tab(server.url, tmp_path / "downloads-1")
    second = Tab(server.url, tmp_path / "downloads-2")
    try:
        start_reading(first)
        start_reading(second)  # a fresh folder: the disclaimer again, for every visitor
        first.keys("3", "j", "b")
        first.wait_for("★ Bookmarked")
        second.keys("3", "j")
        screen = second.wait_for("Semax Explorer — Benefits › Attention and short-term memory")
        time.sleep(0.5)
        screen = second.screen()
        assert "★" not in screen  # the other visitor's bookmark is not here
        root = Path(env["TMPDIR"])
        folders = [p for p in root.rglob("session-*") if p.is_dir()]
        assert len(folders) == 2
        for folder in folders:
            assert oct(folder.stat().st_mode & 0o777) == "0o700"
        stores = [(folder / "data" / "user.json").read_text(encoding="utf-8") for folder in folders]
        assert sorted("benefits/attention-memory" in store for store in stores) == [False, True]
        second.keys("B")
        second.wait_for("No bookmarks or notes yet")  # the other visitor's are not listed
        second.keys("\ue00c")  # Escape
        first.keys("e")
        first.wait_for("Your browser downloads the file.")
        first.keys(ENTER)
        assert "Attention and short-term memory" in first.wait_for_download(".md").read_text(encoding="utf-8")
        first.screenshot(ARTIFACTS / "serve-public.png")
    finally:
        first.close()
    wait_until(lambda: len([p for p in root.rglob("session-*")]) == 1, what="the closed tab's folder going")
    second.close()
    wait_until(lambda: not list(root.rglob("session-*")), what="the last tab's folder going")
    assert not real.exists()  # the operator's data folder was never touched


def test_a_non_loopback_host_without_public_is_refused(env: dict[str, str]) -> None:
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.org"):
        result = subprocess.run(
            [str(COMMAND), "serve", "--host", host, "--port", str(free_port())],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            check=False,
        )
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "--public" in result.stderr and "Traceback" not in result.stderr


def test_past_the_limit_the_page_says_busy(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path, "--public", "--max-sessions", "1")
    tab = Tab(server.url, tmp_path / "downloads")
    try:
        tab.wait_for("Before you read")
        with pytest.raises(urllib.error.HTTPError) as busy:
            urllib.request.urlopen(server.url, timeout=10)
        assert busy.value.code == 503
        assert "serving as many tabs as it can (1)" in busy.value.read().decode()
        second = Tab(server.url, tmp_path / "downloads-2")
        try:
            assert "Busy" in second.driver.page_source
        finally:
            second.close()
    finally:
        tab.close()
    wait_until(lambda: status(server.url) == 200, what="a place freeing up when the tab closes")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_page_loads_nothing_from_another_site(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path)
    tab = Tab(server.url, tmp_path / "downloads")
    try:
        tab.wait_for("Before you read")
        origin = server.url.split("?", 1)[0].rstrip("/")
        resources = tab.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert resources and all(name.startswith(origin) or name.startswith("ws://127.0.0.1") for name in resources)
        fonts = tab.driver.execute_script(
            "return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert any("Roboto Mono" in family for family in fonts)  # the font came from this server
    finally:
        tab.close()
