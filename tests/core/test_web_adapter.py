"""What tui.web relies on in textual-serve beyond its public classes (the adapter), and the
server's own guards on what a browser sends. These fail loudly when a textual-serve
release moves things."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[serve]')")

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui.web import server, textual_serve_adapter


def test_the_front_end_files_are_where_the_page_loads_them() -> None:
    assert textual_serve_adapter.missing_front_end() == []
    page = server._page("index.html")
    for name in textual_serve_adapter.FRONT_END:
        if name.startswith(("js/", "css/")) or "Italic" not in name:
            assert f"/static/{name}" in page


def test_the_page_names_no_other_site() -> None:
    page = server._page("index.html") + server.PAGE_SCRIPT
    assert not re.search(r"https?://", page)


async def test_the_process_of_a_service_is_found_and_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    service = AppService(
        "exec sleep 30",
        write_bytes=_ignore,
        write_str=_ignore,
        close=_nothing,
        download_manager=DownloadManager(),
    )
    assert textual_serve_adapter.process_of(service) is None
    await service.start(80, 24)
    process = textual_serve_adapter.process_of(service)
    assert process is not None and process.returncode is None
    monkeypatch.setattr(server, "STOP_GRACE", 0.5)  # a sleep does not answer textual-serve's quit: it is ended
    await server.stop_service(service)
    assert process.returncode is not None


async def test_a_closed_tabs_deliveries_are_forgotten() -> None:
    manager = DownloadManager()
    tabs = [
        AppService("true", write_bytes=_ignore, write_str=_ignore, close=_nothing, download_manager=manager)
        for _ in range(2)
    ]
    for number, service in enumerate(tabs):
        await manager.create_download(
            app_service=service, delivery_key=f"{number:032x}", file_name="x.md", open_method="download",
            mime_type="text/markdown",
        )  # fmt: skip
    assert textual_serve_adapter.forget_downloads(manager, tabs[0]) == 1
    with pytest.raises(KeyError):
        await manager.get_download_metadata(f"{0:032x}")
    assert (await manager.get_download_metadata(f"{1:032x}")).app_service is tabs[1]


async def _ignore(_data: object) -> None:
    return None


async def _nothing() -> None:
    return None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120), (120, 120), ("0", 1), (10**9, 500), ("-5", 80), ("abc", 80), (None, 80), (True, 80), (1.5, 80)],
)
def test_terminal_sizes_from_the_browser_are_clamped(value: object, expected: int) -> None:
    assert server._clamp(value, 80, 500) == expected


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("semax-notes-2026-12-02.md", "semax-notes-2026-12-02.md"),
        ('a"b\r\nSet-Cookie: x', "a_b__Set-Cookie__x"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("", "semax-export"),
    ],
)
def test_download_names_are_safe_in_a_header(name: str, safe: str) -> None:
    assert server.safe_file_name(name) == safe


@pytest.mark.parametrize("text", ["", "[]", "{}", '["stdin"', "[1, 2]", "null", '"stdin"'])
def test_malformed_browser_messages_are_ignored(text: str) -> None:
    assert server._envelope(text) is None


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("LOCALHOST", True),
        ("[::1]:8000", True),
        ("127.1.2.3", True),
        ("evil.example:8000", False),
        ("127.0.0.1.evil.example:8000", False),
        ("[::ffff:8.8.8.8]:80", False),
        ("", False),
        ("[", False),
    ],
)
def test_only_loopback_hosts_are_answered_in_local_mode(host: str, ok: bool) -> None:
    assert server.loopback_host(host) is ok
