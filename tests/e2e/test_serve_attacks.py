"""``semax-explorer serve`` against a visitor who does not use the page as meant.

A plain HTTP/WebSocket client (aiohttp's) speaks textual-serve's protocol to the real
server, as a script would: other sites posing as the page, paths out of the static
folder, more tabs than allowed, a tab closed in the middle of an export, signals to every
process of a tab, a server killed outright, and a public tab looking for the operator's data.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import Server, available

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(available() is not None, reason=str(available()))]

aiohttp = pytest.importorskip("aiohttp")
pyte = pytest.importorskip("pyte")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    temp = tmp_path / "tmp"
    temp.mkdir()
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("SEMAX_EXPLORER_")},
        "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "real-data"),
        "HOME": str(home),
        "TMPDIR": str(temp),
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def serve(servers: list[Server], env: dict[str, str], tmp_path: Path, *args: str) -> Server:
    server = Server.explorer(*args, env=env, log=tmp_path / f"serve-{len(servers)}.log")
    servers.append(server)
    return server


def raw_get(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One HTTP request with the path sent exactly as written (no client normalising it)."""
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "", str(parsed.port)
    given = {"Host": f"{host}:{port}", "Connection": "close", **(headers or {})}
    lines = [f"GET {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in given.items()]
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]


class Client:
    """One tab, without a browser: textual-serve's protocol over aiohttp."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.session = session
        self.ws = ws
        self.screen = pyte.Screen(120, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.texts: list[str] = []

    @classmethod
    async def open(cls, url: str, *, page: bool = True, **headers: str) -> Client:
        """Open the page (``url``, with its key in local mode), then the terminal's socket."""
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # unsafe: a cookie for an IP
        base = url.split("?", 1)[0]
        try:
            if page:
                async with session.get(url) as response:
                    await response.read()
            ws = await session.ws_connect(base.replace("http://", "ws://") + "ws?width=120&height=40", headers=headers)
        except BaseException:
            await session.close()
            raise
        return cls(session, ws)

    async def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = "\n".join(self.screen.display)
            if text in shown:
                return shown
            try:
                message = await self.ws.receive(timeout=max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(message.data)
            else:
                break
        raise AssertionError(f"{text!r} never appeared:\n" + "\n".join(self.screen.display))

    async def wait_for_message(self, kind: str, timeout: float = 30) -> list[object]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for text in self.texts:
                if json.loads(text)[0] == kind:
                    return list(json.loads(text))
            message = await self.ws.receive(timeout=max(0.05, deadline - time.monotonic()))
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(message.data)
            else:
                break
        raise AssertionError(f"no {kind} message")

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()


def processes_with(marker: str, exclude: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == exclude:
            continue
        try:
            argv = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"tui" in argv and marker.encode() in environ:
            found.append(int(entry.name))
    return found


def session_process(marker: str, exclude: int) -> tuple[int, int]:
    """(the session process, its explorer) of the one tab open."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        pids = processes_with(marker, exclude)
        wrappers = [p for p in pids if b"tui/web/session.py" in Path(f"/proc/{p}/cmdline").read_bytes()]
        explorers = [p for p in pids if p not in wrappers]
        if len(wrappers) == 1 and len(explorers) == 1:
            return wrappers[0], explorers[0]
        time.sleep(0.1)
    raise AssertionError("the tab's processes were not found")


def wait_until(condition: object, timeout: float = 20, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def folders(env: dict[str, str]) -> list[Path]:
    return [p for p in Path(env["TMPDIR"]).rglob("session-*") if p.is_dir()]


def test_without_the_key_nobody_reaches_the_readers_explorer(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path)
    assert "?key=" in server.url  # the printed address carries it
    base, key = server.url.split("?key=")
    assert len(key) >= 32

    async def attempt() -> None:
        for url in (base, f"{base}?key=wrong", f"{base}?key="):  # another account on this machine
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await Client.open(url)
            assert refused.value.status == 403
        client = await Client.open(server.url)  # the reader, with the printed address
        await client.wait_for("Before you read")
        await client.close()

    asyncio.run(attempt())
    for path in ("/", "/?key=wrong", f"/download/{'a' * 32}"):
        status, body = raw_get(server.url, path)
        assert status == 403 and b"Opening" not in body
    status, _ = raw_get(server.url, "/", {"Cookie": "semax-explorer-key=wrong"})
    assert status == 403
    status, _ = raw_get(server.url, "/static/js/textual.js")
    assert status == 200  # the front end is no secret


def test_another_site_cannot_drive_the_readers_explorer(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path)

    async def attempt() -> None:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Client.open(server.url, Origin="http://evil.example")
        assert refused.value.status == 403
        # DNS rebinding: evil.example resolves to 127.0.0.1, so its page is "same origin".
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Client.open(server.url, Host="evil.example:8000", Origin="http://evil.example:8000")
        assert refused.value.status == 421

    asyncio.run(attempt())
    status, body = raw_get(server.url, "/", {"Host": "evil.example"})
    assert status == 421 and b"Opening" not in body
    assert processes_with(str(tmp_path), server.process.pid) == []  # no explorer was started


def test_behind_a_proxy_the_browsers_host_is_the_origin(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path, "--public")

    async def attempt() -> None:
        proxied = {"Origin": "https://explorer.example", "X-Forwarded-Host": "explorer.example"}
        client = await Client.open(server.url, page=False, **proxied)
        await client.wait_for("Before you read")
        await client.close()
        for origin in ("https://explorer.example", "null", "https://explorer.example.evil.example"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await Client.open(server.url, page=False, Origin=origin)
            assert refused.value.status == 403

    asyncio.run(attempt())


@pytest.mark.parametrize(
    "path",
    [
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static/%2e%2e%2f%2e%2e%2fpyvenv.cfg",
        "/static//etc/passwd",
        "/static/js/../../app_service.py",
        "/download/../static/js/textual.js",
        "/download/" + "0" * 32,
        "/static/",
        "/static/js/",
    ],
)
def test_no_path_leaves_the_front_end_folder(
    servers: list[Server], env: dict[str, str], tmp_path: Path, path: str
) -> None:
    if not servers:
        serve(servers, env, tmp_path)
    status, body = raw_get(servers[0].url, path)
    assert status in (400, 403, 404), (path, status)
    assert b"import" not in body and b"root:" not in body and b"home =" not in body


def test_more_tabs_than_allowed_are_refused_and_every_process_ends(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path, "--public", "--max-sessions", "3")

    async def crowd() -> None:
        attempts = await asyncio.gather(*(Client.open(server.url) for _ in range(8)), return_exceptions=True)
        opened = [a for a in attempts if isinstance(a, Client)]
        refused = [a for a in attempts if isinstance(a, aiohttp.WSServerHandshakeError)]
        assert len(opened) == 3 and len(refused) == 5, attempts
        assert all(error.status == 503 for error in refused)
        for client in opened:
            await client.wait_for("Before you read")
        for client in opened:
            await client.close()

    asyncio.run(crowd())
    wait_until(lambda: not processes_with(str(tmp_path), server.process.pid), what="every tab's process ending")
    wait_until(lambda: not folders(env), what="every tab's folder going")


def test_a_tab_closed_in_the_middle_of_an_export(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path, "--public")

    async def export_then_leave() -> str:
        client = await Client.open(server.url)
        await client.wait_for("Before you read")
        await client.keys("\r")
        await client.wait_for("Semax is a peptide developed")
        await client.keys("3", "j", "b")
        await client.wait_for("★ Bookmarked")
        await client.keys("e")
        await client.wait_for("Your browser downloads the file.")
        await client.keys("\r")
        start = await client.wait_for_message("deliver_file_start")
        await client.close()  # gone before fetching the file
        return str(start[1])

    key = asyncio.run(export_then_leave())
    wait_until(lambda: not folders(env), what="the tab's folder going")
    status, _ = raw_get(server.url, f"/download/{key}")
    assert status in (200, 404)  # an empty or refused download, never an error or a hang
    status, _ = raw_get(server.url, f"/download/{key}")
    assert status == 404  # and a key is good once
    status, _ = raw_get(server.url, "/")
    assert status == 200  # the server goes on
    assert "Traceback" not in server.output()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "kill the explorer"])
def test_a_tab_ended_by_a_signal_leaves_no_folder(
    servers: list[Server], env: dict[str, str], tmp_path: Path, how: str
) -> None:
    server = serve(servers, env, tmp_path, "--public")

    async def open_and_signal() -> None:
        client = await Client.open(server.url)
        await client.wait_for("Before you read")
        wrapper, explorer = session_process(str(tmp_path), server.process.pid)
        assert len(folders(env)) == 1
        if how == "kill the explorer":
            os.kill(explorer, signal.SIGKILL)
        else:
            os.kill(wrapper, getattr(signal, how))
        wait_until(lambda: not folders(env), what=f"the folder going after {how}")
        await client.close()

    asyncio.run(open_and_signal())
    wait_until(lambda: not processes_with(str(tmp_path), server.process.pid), what="the tab's processes ending")


def test_a_killed_server_leaves_no_orphan_explorer(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path, "--public")

    async def open_tab() -> Client:
        client = await Client.open(server.url)
        await client.wait_for("Before you read")
        return client

    loop = asyncio.new_event_loop()
    client = loop.run_until_complete(open_tab())
    session_process(str(tmp_path), server.process.pid)
    server.process.kill()  # no chance to stop its tabs
    server.process.wait()
    wait_until(lambda: not processes_with(str(tmp_path), -1), timeout=30, what="the orphaned tab ending")
    wait_until(lambda: not folders(env), what="the orphaned tab's folder going")
    loop.run_until_complete(client.close())
    loop.close()


def test_a_public_tab_cannot_find_the_operators_data(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    real = Path(env["SEMAX_EXPLORER_DATA_DIR"])
    real.mkdir()
    (real / "user.json").write_text('{"secret": "the operator\'s notes"}', encoding="utf-8")
    server = serve(servers, env, tmp_path, "--public")

    async def look() -> None:
        client = await Client.open(server.url)
        await client.wait_for("Before you read")
        _, explorer = session_process(str(tmp_path), server.process.pid)
        environ = Path(f"/proc/{explorer}/environ").read_bytes().split(b"\0")
        assert not any(item.startswith(b"SEMAX_EXPLORER_DATA_DIR=") for item in environ)
        assert str(real).encode() not in b"\0".join(environ)
        home = next(item for item in environ if item.startswith(b"HOME=")).decode()[5:]
        assert Path(home).is_relative_to(Path(env["TMPDIR"]))
        opened = {os.readlink(f"/proc/{explorer}/fd/{fd}") for fd in os.listdir(f"/proc/{explorer}/fd")}
        assert not any(str(real) in path for path in opened)
        await client.keys("\r", "B")
        screen = await client.wait_for("Bookmarks and notes")
        assert "secret" not in screen
        await client.close()

    asyncio.run(look())
    assert json.loads((real / "user.json").read_text(encoding="utf-8")) == {"secret": "the operator's notes"}


def test_tabs_opened_and_dropped_at_once_leave_nothing_behind(
    servers: list[Server], env: dict[str, str], tmp_path: Path
) -> None:
    server = serve(servers, env, tmp_path, "--public", "--max-sessions", "4")

    async def churn() -> None:
        for _ in range(5):
            attempts = await asyncio.gather(*(Client.open(server.url) for _ in range(6)), return_exceptions=True)
            for attempt in attempts:
                if isinstance(attempt, Client):
                    await attempt.close()  # gone before its explorer has even drawn
            await asyncio.sleep(0.2)

    asyncio.run(churn())
    wait_until(lambda: not processes_with(str(tmp_path), server.process.pid), timeout=30, what="every process ending")
    wait_until(lambda: not folders(env), what="every folder going")
    assert "Traceback" not in server.output()
    assert server.interrupt() == 130


def test_quitting_in_the_tab_closes_it_cleanly(servers: list[Server], env: dict[str, str], tmp_path: Path) -> None:
    server = serve(servers, env, tmp_path, "--public")

    async def quit_in_tab() -> None:
        client = await Client.open(server.url)
        await client.wait_for("Before you read")
        await client.keys("\r")
        await client.wait_for("Semax is a peptide developed")
        await client.keys("q")
        message = await client.ws.receive(timeout=20)
        while message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            message = await client.ws.receive(timeout=20)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
        await client.close()

    asyncio.run(quit_in_tab())
    wait_until(lambda: not processes_with(str(tmp_path), server.process.pid), what="the tab's processes ending")
    wait_until(lambda: not folders(env), what="the tab's folder going")
    assert "Traceback" not in server.output()
