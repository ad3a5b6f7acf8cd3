"""``python -m tui`` does what the ``semax-explorer`` command does."""

from tui.cli import run

run()
