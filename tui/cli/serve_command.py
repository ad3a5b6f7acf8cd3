"""``serve``: the explorer in a web browser (see :mod:`tui.web`).

Every argument is checked here, before anything listens, and each refusal is one line.
The server itself (aiohttp, textual-serve) is imported only once the arguments are
good and only if the optional ``serve`` extra is installed: the other commands never
import it, and without the extra ``serve`` says how to install it.
"""

from __future__ import annotations

import argparse
import importlib.util
import ipaddress
import os
import secrets

from tui.cli.content_commands import open_pack
from tui.cli.errors import EXIT_UNREADABLE, EXIT_USER, CliError
from tui.cli.output import Output
from tui.content import resolve_pack_path
from tui.files import reason
from tui.store import data_dir

INSTALL_HINT = "pip install 'semax-explorer[serve]'"
DEFAULT_MAX_SESSIONS = 8
"""Tabs at once unless told otherwise: each is an explorer process (about 40 MB peak, docs/performance.md)
and its session process."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only: ``localhost`` or a loopback address.

    Any other name is not trusted to be loopback (it is resolved by whoever runs the
    resolver), so it needs ``--public``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check(args: argparse.Namespace) -> None:
    """Refuse, with one line each, what the server must not start with."""
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {args.port}", EXIT_UNREADABLE)
    if args.max_sessions is not None and args.max_sessions < 1:
        raise CliError(f"--max-sessions must be at least 1, not {args.max_sessions}", EXIT_UNREADABLE)
    if not args.public and not is_loopback(args.host):
        raise CliError(
            f"refusing to serve your own bookmarks and notes on {args.host}, which other machines can reach; "
            "add --public to give each visitor a fresh, private data folder instead",
            EXIT_USER,
        )
    if args.public and args.data_dir is not None:
        raise CliError("--data-dir cannot be used with --public: each visitor gets a fresh data folder", EXIT_USER)


def server_installed() -> bool:
    """Whether the ``serve`` extra (textual-serve and aiohttp) is importable."""
    return all(importlib.util.find_spec(name) is not None for name in ("textual_serve", "aiohttp"))


def cmd_serve(args: argparse.Namespace, out: Output) -> int:
    """``serve``: check everything, then serve until Ctrl+C."""
    check(args)
    if not server_installed():
        raise CliError(f"serving in a browser needs the 'serve' extra: {INSTALL_HINT}", EXIT_USER)
    open_pack(args)  # a pack that cannot be read fails now, not in every tab
    pack = os.path.abspath(resolve_pack_path(args.content))  # every tab reads this one, whatever its environment
    folder = None if args.public else str(data_dir(args.data_dir).absolute())

    import asyncio  # noqa: PLC0415 - only now, as the server is

    from tui.web.server import Settings, serve  # noqa: PLC0415 - only now: see the module's docstring

    settings = Settings(
        host="127.0.0.1" if args.host == "localhost" else args.host,
        port=args.port,
        public=args.public,
        max_sessions=args.max_sessions or DEFAULT_MAX_SESSIONS,
        data_dir=folder,
        content=pack,
        key=None if args.public else secrets.token_urlsafe(24),  # see tui.web.server: a key in local mode
    )

    def announce(url: str) -> None:
        mode = "public: each tab gets a fresh data folder" if args.public else f"your data: {out.safe(folder or '')}"
        if settings.key is not None:
            url += f"?key={settings.key}"
        elif args.host in ("0.0.0.0", "::"):  # every address: name one a browser here can open
            url += f" (on this machine: http://localhost:{url.rstrip('/').rsplit(':', 1)[1]}/)"
        out.line(f"Semax Explorer in a browser at {url}  ({mode}; Ctrl+C to stop)")
        out.flush()

    try:
        return asyncio.run(serve(settings, announce))
    except OSError as error:
        raise CliError(f"cannot serve on {args.host}:{args.port}: {reason(error)}", EXIT_USER) from None
