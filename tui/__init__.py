"""Semax Explorer: a terminal explorer of what is known and claimed about Semax.

The package is layered so that everything but ``tui.app`` starts without Textual:
``content`` (the pack), ``store`` (the reader's bookmarks, notes and settings),
``search``, ``exchange`` (export and import), ``cli`` (the command line) and ``app``
(the explorer's screens, the only layer that imports Textual).
"""

__version__ = "0.1.0"
