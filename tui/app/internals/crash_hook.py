"""Textual's handling of an unhandled exception: a report on disk instead of a traceback.

Textual restores the terminal on any unhandled exception, then prints the traceback it
kept (``App._exit_renderables``). The explorer writes the traceback to a crash report and
prints one line naming it instead, so it overrides ``App._handle_exception`` (no public
hook sees the exception) and drops what Textual would print.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App


class ReportsCrashes(App[None]):
    """An app whose unhandled exceptions become a crash report (see the module)."""

    crash_report: Path | None = None
    """Where the report of an unhandled exception was written, if there was one."""

    def report_crash(self, error: Exception) -> Path | None:
        """Write a report of ``error``; its path, or None (then Textual prints the
        traceback as it always does). The explorer's app writes one (tui/app/crash.py)."""
        return None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash_report is None:
            self.crash_report = self.report_crash(error)
        super()._handle_exception(error)
        if self.crash_report is not None:
            self._exit_renderables.clear()  # what Textual would print: the traceback
