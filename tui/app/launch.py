"""Run the explorer from the command line (imported only when the app is wanted)."""

from __future__ import annotations

from tui.app.app import SemaxExplorer
from tui.content import Content as Pack
from tui.store import UserStore, data_dir


def run_app(pack: Pack, *, topic: str | None, data_dir_option: str | None) -> int:
    """Run the app until the reader quits; the process exit code."""
    store = UserStore.open(data_dir(data_dir_option))
    try:
        SemaxExplorer(pack, store, start=topic).run()
    finally:
        store.close()
    return 0
