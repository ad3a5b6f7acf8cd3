"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import pytest

from tui.app.app import SemaxExplorer
from tui.content import Content, load_pack
from tui.store import UserStore, data_dir


@pytest.fixture(scope="session")
def pack() -> Content:
    return load_pack()


def make_app(pack: Content, *, start: str | None = None, acknowledged: bool = True) -> SemaxExplorer:
    """An app on a pack with a real user store in the test's data directory (the
    disclaimer already acknowledged there unless asked)."""
    store = UserStore.open(data_dir())
    if acknowledged:
        store.update_settings(disclaimer_acknowledged=True)
    return SemaxExplorer(pack, store, start=start)


def screen_text(app: SemaxExplorer) -> str:
    """Every line on the screen as plain text: what a person would read."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
