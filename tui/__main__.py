"""``python -m tui`` does what the ``semax-explorer`` command does."""

from tui.entry import run

run()
