"""Run the explorer from the command line (imported only when the app is wanted)."""

from __future__ import annotations

from tui.app.app import SemaxExplorer
from tui.content import Content as Pack


def run_app(pack: Pack, *, topic: str | None, data_dir: str | None) -> int:
    """Run the app until the reader quits; the process exit code."""
    del data_dir  # the user store (bookmarks, notes, settings) arrives in the next layer
    SemaxExplorer(pack, start=topic).run()
    return 0
