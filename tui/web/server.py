"""The web server behind ``semax-explorer serve``: one explorer process per browser tab.

Built on aiohttp and textual-serve's public parts (see :mod:`tui.web.textual_serve_adapter`
for why not on its ``Server``). What it adds to them:

* **A process per tab with its own command**, through :mod:`tui.web.session`: in public
  mode each tab's data folder is new, private (0700, inside one 0700 folder per server
  run) and removed when the tab ends; in local mode every tab uses the reader's own.
* **A limit on tabs**: past ``max_sessions`` the page is a "busy" page (503), and a
  terminal connection that races past it is refused the same way.
* **A page with no external URL**: the terminal's font is served from here, so the page
  works offline (textual-serve's own page asks Google Fonts for it).
* **Guarded input from the browser**: terminal sizes are clamped, messages are checked
  before they reach the explorer, a download is handed out once and its file name is
  made safe for the header.
* **Only its own pages drive a tab**: a terminal connection whose ``Origin`` is not the
  page's own is refused (another site open in the same browser could otherwise drive the
  reader's explorer and read their notes: WebSockets are not bound by the same-origin
  rule), and in local mode a request must name a loopback host (a DNS-rebinding site
  cannot pose as the server).
* **A key in local mode**: loopback is reachable by every account on the machine, and the
  explorer there is the reader's own notes; the address printed carries a random key
  (``?key=``), which the page turns into a same-site, HttpOnly cookie, and the terminal
  socket and downloads are refused without it (as Jupyter does).
* **A clean stop**: on Ctrl+C, SIGTERM or SIGHUP every tab is asked to quit, then ended
  if it does not, then every private folder is removed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import html
import ipaddress
import json
import logging
import re
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui.web import session
from tui.web import textual_serve_adapter as adapter

log = logging.getLogger("semax-explorer.serve")

STOP_GRACE = 5.0
"""Seconds a tab gets to quit when asked, before its process is ended."""
MAX_COLUMNS, MAX_ROWS = 500, 200
"""The largest terminal a browser may ask for (a huge one would only cost the server memory)."""
MAX_MESSAGE = 1 << 20
"""The largest message a browser may send (a paste of a long note fits)."""

KEY_COOKIE = "semax-explorer-key"
"""The cookie that carries the local-mode key from the page to its socket and downloads."""

SESSION_SCRIPT = str(Path(session.__file__).resolve())
"""The per-tab process (:mod:`tui.web.session`), run as a script."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _page(name: str) -> str:
    return resources.files("tui.web").joinpath("pages", name).read_text(encoding="utf-8")


PAGE_SCRIPT = _page("page.js")
"""The page's one inline script, allowed by its hash in the Content-Security-Policy."""
_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    f"script-src 'self' '{_SCRIPT_HASH}'; "
    "style-src 'self' 'unsafe-inline'; "  # xterm.js styles its own elements
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
"""Nothing loads from, or is sent to, another site; no other page may frame this one."""


@dataclass(frozen=True)
class Settings:
    """What ``semax-explorer serve`` was asked for, checked by the command line."""

    host: str
    port: int
    public: bool
    max_sessions: int
    data_dir: str | None = None
    """The reader's data folder (local mode); None in public mode."""
    content: str | None = None
    """The pack to serve, when not the shipped one."""
    title: str = "Semax Explorer"
    key: str | None = None
    """Local mode: the secret in the printed address, without which no tab opens; None: no key."""


@dataclass(eq=False)  # a tab is itself, not its contents: kept in a set
class Tab:
    """One browser tab: its socket, its explorer and (public mode) its private folder."""

    socket: web.WebSocketResponse
    folder: Path | None
    service: AppService | None = None


@dataclass(eq=False)
class ExplorerServer:
    """The aiohttp application and the tabs it runs."""

    settings: Settings
    downloads: DownloadManager = field(default_factory=DownloadManager)
    tabs: set[Tab] = field(default_factory=set)
    """The tabs open now; a tab holds its place from the moment its socket is accepted."""
    root: Path | None = None
    """Public mode: the folder, private to this server run, that holds every tab's folder."""
    claimed: set[str] = field(default_factory=set)
    """Download keys being sent now: a second request for one is refused (textual-serve
    would interleave the two and fail the second); once sent, a key is gone for good."""

    @property
    def busy(self) -> bool:
        """Whether another tab would exceed the limit."""
        return len(self.tabs) >= self.settings.max_sessions

    def application(self) -> web.Application:
        """The routes: the page, the terminal's socket, downloads and the front end's files."""
        app = web.Application(middlewares=[self._headers], client_max_size=64 * 1024)
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/ws", self.terminal),
                web.get("/download/{key:[0-9a-f]{32}}", self.download),
                web.static("/static", adapter.STATIC, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_startup.append(self._make_root)
        app.on_cleanup.append(self._remove_root)
        return app

    @web.middleware
    async def _headers(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every response says: nothing from other sites, no framing, no sniffing, no referrer.
        In local mode, a request for any host but a loopback one is refused first."""
        if not self.settings.public and not loopback_host(request.host):
            response: web.StreamResponse = web.Response(
                status=421, text="This server answers for this machine only (127.0.0.1 or localhost).\n"
            )
        else:
            try:
                response = await handler(request)
            except web.HTTPException as error:  # a 404 or 403 raised on the way: the same headers
                _protect(error.headers)
                raise
        _protect(response.headers)
        return response

    async def _make_root(self, _app: web.Application) -> None:
        if self.settings.public:
            self.root = Path(tempfile.mkdtemp(prefix="semax-explorer-serve-"))  # 0700

    async def _remove_root(self, _app: web.Application) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- the page ------------------------------------------------------------------------

    def has_key(self, request: web.Request) -> bool:
        """Whether the request carries the key (always, when there is none to carry)."""
        key = self.settings.key
        if key is None:
            return True
        given = request.cookies.get(KEY_COOKIE, "")
        return hmac.compare_digest(given.encode(), key.encode())

    async def index(self, request: web.Request) -> web.Response:
        """The page with the terminal, or the busy page when every place is taken, or a
        refusal without the key (local mode)."""
        title = html.escape(self.settings.title)
        key = self.settings.key
        given = request.query.get("key", "")
        keyed = key is not None and hmac.compare_digest(given.encode(), key.encode())
        if not keyed and not self.has_key(request):
            return web.Response(
                status=403,
                text="This explorer holds someone's own notes: open the address that 'semax-explorer serve' "
                "printed (it ends with ?key=...).\n",
            )
        if self.busy:
            return self._busy_page()
        size = request.query.get("fontsize", "16")
        font_size = int(size) if size.isdigit() and 8 <= int(size) <= 48 else 16
        body = Template(_page("index.html")).substitute(title=title, font_size=font_size, script=PAGE_SCRIPT)
        response = web.Response(text=body, content_type="text/html", headers={"Cache-Control": "no-store"})
        if keyed:
            response.set_cookie(KEY_COOKIE, given, httponly=True, samesite="Strict", path="/")
        return response

    def _busy_page(self) -> web.Response:
        body = Template(_page("busy.html")).substitute(
            title=html.escape(self.settings.title), limit=self.settings.max_sessions
        )
        return web.Response(
            status=503,
            text=body,
            content_type="text/html",
            headers={"Retry-After": "30", "Cache-Control": "no-store"},
        )

    # -- a tab ---------------------------------------------------------------------------

    def command(self, tab: Tab) -> str:
        """The shell command that runs a tab's explorer (textual-serve starts it with a shell)."""
        # By path, isolated and without site-packages: it needs only the standard library,
        # and every tab's first frame waits for it to start (docs/performance.md).
        argv = [sys.executable, "-I", "-S", SESSION_SCRIPT]
        if tab.folder is not None:
            argv += ["--private", "--data-dir", str(tab.folder)]
        else:
            assert self.settings.data_dir is not None
            argv += ["--data-dir", self.settings.data_dir]
        if self.settings.content is not None:
            argv += ["--content", self.settings.content]
        return "exec " + shlex.join(argv)

    async def terminal(self, request: web.Request) -> web.StreamResponse:
        """The socket that carries one tab's terminal: start its explorer, relay until either
        side ends, then stop the explorer and remove its folder."""
        if not same_origin(request) or not self.has_key(request):
            return web.Response(status=403, text="Only this server's own page may open the explorer.\n")
        if self.busy:
            return self._busy_page()
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        tab = Tab(socket, None)
        self.tabs.add(tab)  # before any await: two racing tabs cannot both take the last place
        try:
            if self.root is not None:
                tab.folder = Path(tempfile.mkdtemp(prefix="session-", dir=self.root))
            await socket.prepare(request)
            width = _clamp(request.query.get("width"), 80, MAX_COLUMNS)
            height = _clamp(request.query.get("height"), 24, MAX_ROWS)
            tab.service = AppService(
                self.command(tab),
                write_bytes=socket.send_bytes,
                write_str=socket.send_str,
                close=_closer(socket),
                download_manager=self.downloads,
            )
            await tab.service.start(width, height)
            await self._relay(socket, tab.service)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            await self._end(tab)
        return socket

    async def _relay(self, socket: web.WebSocketResponse, service: AppService) -> None:
        """What the browser sends, checked, to the explorer (textual-serve's protocol)."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = _envelope(message.data)
            if envelope is None:
                continue
            kind, data = envelope
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    _clamp(data.get("width"), 80, MAX_COLUMNS), _clamp(data.get("height"), 24, MAX_ROWS)
                )
            elif kind == "ping":
                await socket.send_json(["pong", data if isinstance(data, (str, int, float)) else None])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _end(self, tab: Tab) -> None:
        """Stop a tab's explorer (asked, then ended), close its socket, remove its folder."""
        try:
            if tab.service is not None:
                await stop_service(tab.service)
                adapter.forget_downloads(self.downloads, tab.service)
            with contextlib.suppress(Exception):
                await tab.socket.close()
        finally:
            if tab.folder is not None:
                shutil.rmtree(tab.folder, ignore_errors=True)
            self.tabs.discard(tab)

    async def close_all(self) -> None:
        """Close every tab (the server is stopping): each socket closes, so each tab's
        handler stops its explorer and removes its folder; wait for them to finish."""
        for tab in list(self.tabs):
            with contextlib.suppress(Exception):
                await tab.socket.close(code=1001, message=b"the server is stopping")
        deadline = asyncio.get_running_loop().time() + STOP_GRACE + 5
        while self.tabs and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        for tab in list(self.tabs):  # a handler that did not finish: end its explorer here
            await self._end(tab)

    # -- downloads -----------------------------------------------------------------------

    async def download(self, request: web.Request) -> web.StreamResponse:
        """An export, delivered by a tab's explorer: served once, as an attachment."""
        if not self.has_key(request):
            raise web.HTTPForbidden(text="Only this server's own page may fetch its downloads.")
        key = request.match_info["key"]
        if key in self.claimed:
            raise web.HTTPNotFound(text="This download is being delivered already.")
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="No such download (it may have been delivered already).") from None
        self.claimed.add(key)
        content_type = meta.mime_type if re.fullmatch(r"[\w.+-]+/[\w.+-]+", meta.mime_type or "") else ""
        response = web.StreamResponse(
            headers={
                "Content-Type": (content_type or "application/octet-stream")
                + (f"; charset={meta.encoding}" if meta.encoding and content_type.startswith("text/") else ""),
                "Content-Disposition": f'attachment; filename="{safe_file_name(meta.file_name)}"',
                "Cache-Control": "no-store",
            }
        )
        try:
            await response.prepare(request)
            async for chunk in self.downloads.download(key):
                await response.write(chunk)
        except (ValueError, KeyError):  # the tab ended while its file was on the way
            return response
        finally:
            self.claimed.discard(key)
        await response.write_eof()
        return response


async def stop_service(service: AppService) -> None:
    """Ask a tab's explorer to quit; end its process if it has not within :data:`STOP_GRACE`."""
    try:
        await asyncio.wait_for(asyncio.shield(service.stop()), STOP_GRACE)
        return
    except (TimeoutError, ConnectionResetError, BrokenPipeError):
        pass
    process = adapter.process_of(service)
    if process is None or process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.terminate()  # the session process passes it on to the explorer
    try:
        await asyncio.wait_for(process.wait(), STOP_GRACE)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


def _protect(headers: MutableMapping[str, str]) -> None:
    """The headers every response carries (see :meth:`ExplorerServer._headers`)."""
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")


def loopback_host(host: str) -> bool:
    """Whether a ``Host`` header names this machine: localhost or a loopback address, any port."""
    if host.startswith("["):  # [::1]:8000
        name = host[1 : host.find("]")] if "]" in host else ""
    else:  # 127.0.0.1:8000, localhost:8000, localhost
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def same_origin(request: web.Request) -> bool:
    """Whether a request comes from this server's own page (or from no page at all).

    Browsers send ``Origin`` with every WebSocket connection; a program that is not a
    browser may leave it out, and cannot be tricked by another site into connecting.
    Behind a proxy that passes on its own ``Host``, the one the browser asked for is in
    ``X-Forwarded-Host`` (a page cannot set either header on a WebSocket)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    hosts = {request.host, *request.headers.get("X-Forwarded-Host", "").replace(" ", "").split(",")} - {""}
    return any(origin in (f"http://{host}", f"https://{host}") for host in hosts)


def _closer(socket: web.WebSocketResponse) -> Callable[[], Awaitable[None]]:
    """What AppService calls when the explorer exits: close the tab's socket."""

    async def close() -> None:
        await socket.close()

    return close


def safe_file_name(name: str) -> str:
    """A file name fit for a header: letters, digits, dot, dash and underscore only."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".")
    return cleaned[:100] or "semax-export"


def _clamp(value: object, default: int, largest: int) -> int:
    """A terminal dimension from the browser: a whole number in 1..largest, else ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int):
        return default
    return min(max(value, 1), largest)


def _envelope(text: str) -> tuple[str, Any] | None:
    """A browser message, ``[kind, data]``, or None when it is not one."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    if not isinstance(parsed, list) or not parsed or not isinstance(parsed[0], str):
        return None
    return parsed[0], (parsed[1] if len(parsed) > 1 else None)


STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


async def serve(settings: Settings, announce: Callable[[str], None], *, server: ExplorerServer | None = None) -> int:
    """Serve until Ctrl+C, SIGTERM or SIGHUP; the exit code (128 + the signal).

    ``announce`` is told the URL once the server listens (the port may have been 0).
    ``server`` replaces the explorer's (the benchmarks serve a baseline app the same way)."""
    server = server or ExplorerServer(settings)
    runner = web.AppRunner(server.application(), handle_signals=False, access_log=None, shutdown_timeout=2)
    await runner.setup()
    loop = asyncio.get_running_loop()
    stopped: asyncio.Future[int] = loop.create_future()

    def stop(number: int) -> None:
        if not stopped.done():
            stopped.set_result(number)

    for number in STOPPING_SIGNALS:
        loop.add_signal_handler(number, stop, int(number))
    try:
        site = web.TCPSite(runner, settings.host, settings.port)
        await site.start()
        port = _bound_port(runner, settings.port)
        host = f"[{settings.host}]" if ":" in settings.host else settings.host
        announce(f"http://{host}:{port}/")
        received = await stopped
        await server.close_all()
        return 128 + received
    finally:
        await runner.cleanup()
        for number in STOPPING_SIGNALS:
            loop.remove_signal_handler(number)


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    """The port the server listens on (the one the system chose when asked for 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
