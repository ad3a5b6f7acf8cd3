"""Run the explorer from the command line (imported only when the app is wanted)."""

from __future__ import annotations

import sys

from tui.app.app import SemaxExplorer
from tui.content import Pack
from tui.store import UserStore, data_dir


def run_app(pack: Pack, *, topic: str | None, data_dir_option: str | None) -> int:
    """Run the app until the reader quits; the process exit code."""
    store = UserStore.open(data_dir(data_dir_option))
    app = SemaxExplorer(pack, store, start=topic)
    try:
        app.run()
    finally:
        store.close()
    if app.closed_by is not None:
        kept = "; the note you were writing is kept for the next start" if app.kept_draft else ""
        sys.stderr.write(f"semax-explorer: closed by signal {app.closed_by}{kept}\n")
    if app.crash_report is not None:
        sys.stderr.write(
            f"semax-explorer: something went wrong and the explorer closed; nothing you saved is lost. "
            f"A report is in {app.crash_report}\n"
        )
        return 1
    return app.return_code or 0
