"""Run the explorer from the command line (imported only when the app is wanted)."""

from __future__ import annotations

from typing import NamedTuple

from tui.app.app import SemaxExplorer
from tui.content import Pack
from tui.store import UserStore, data_dir


class Ended(NamedTuple):
    """How the explorer ended: the process exit code, and what to tell the reader (the
    command line prints it through its one-line, terminal-safe error writer)."""

    code: int
    message: str | None = None


def run_app(pack: Pack, *, topic: str | None, data_dir_option: str | None) -> Ended:
    """Run the app until the reader quits (or a signal or a crash ends it)."""
    store = UserStore.open(data_dir(data_dir_option))
    app = SemaxExplorer(pack, store, start=topic)
    try:
        app.run()
    finally:
        store.close()
    if app.crash_report is not None:
        return Ended(
            1,
            "something went wrong and the explorer closed; nothing you saved is lost. "
            f"A report is in {app.crash_report}",
        )
    kept = "the note you were writing is kept as a draft for the next start" if app.kept_draft else None
    if app.closed_by is not None:
        return Ended(app.return_code or 1, f"closed by signal {app.closed_by}" + (f"; {kept}" if kept else ""))
    return Ended(app.return_code or 0, kept)
