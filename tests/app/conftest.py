"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import pytest

from tui.app.app import SemaxExplorer
from tui.content import Content, load_pack


@pytest.fixture(scope="session")
def pack() -> Content:
    return load_pack()


def make_app(
    pack: Content, *, start: str | None = None, acknowledged: bool = True
) -> SemaxExplorer:
    """An app on the shipped pack; the disclaimer already acknowledged unless asked."""
    return SemaxExplorer(pack, start=start, disclaimer_acknowledged=acknowledged)


def screen_text(app: SemaxExplorer) -> str:
    """Every line on the screen as plain text: what a person would read."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
