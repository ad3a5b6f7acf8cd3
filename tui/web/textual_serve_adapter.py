"""The one place that knows more of textual-serve than its public classes say.

textual-serve documents a ``Server`` that runs a fixed shell command per tab and prints
its own banner; the explorer needs a command per tab (each public tab has its own data
folder), a limit on tabs, a page with no external URL and a clean stop. So the server
(:mod:`tui.web.server`) is built from textual-serve's public parts, ``AppService`` (one
tab's process and its protocol) and ``DownloadManager`` (file deliveries), and this
module supplies the three things those parts do not expose:

* where textual-serve keeps its front end (the terminal's JavaScript, CSS and fonts);
* the process behind an ``AppService``, to end one that does not stop when asked;
* forgetting a closed tab's deliveries: ``DownloadManager`` keeps every delivery that was
  never fetched, and with it the tab's ``AppService`` and socket, for as long as the server
  runs (a public server would grow with every visitor who exported and left).

``tests/core/test_web_adapter.py`` fails loudly when a textual-serve release changes any.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import textual_serve
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

STATIC = Path(textual_serve.__file__).resolve().parent / "static"
"""textual-serve's front end: ``js/textual.js``, ``css/xterm.css``, ``fonts/*.ttf``."""

FRONT_END = ("js/textual.js", "css/xterm.css", "fonts/RobotoMono-VariableFont_wght.ttf")
"""The files the explorer's page loads from :data:`STATIC`."""


def missing_front_end() -> list[str]:
    """The files of :data:`FRONT_END` that this textual-serve does not have (none, normally)."""
    return [name for name in FRONT_END if not (STATIC / name).is_file()]


def process_of(service: AppService) -> asyncio.subprocess.Process | None:
    """The process an ``AppService`` started, or None before it started one.

    textual-serve keeps it in ``_process``: read here only to end a tab that ignored
    the request to quit."""
    process = getattr(service, "_process", None)
    return process if isinstance(process, asyncio.subprocess.Process) else None


def forget_downloads(manager: DownloadManager, service: AppService) -> int:
    """Drop the deliveries of a tab that has ended; how many there were.

    textual-serve keeps them in ``_active_downloads`` (delivery key to ``Download``)."""
    active = getattr(manager, "_active_downloads", None)
    if not isinstance(active, dict):
        return 0
    ended = [key for key, download in active.items() if getattr(download, "app_service", None) is service]
    for key in ended:
        del active[key]
    return len(ended)
