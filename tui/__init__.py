"""Semax Explorer: a terminal explorer of what is known and claimed about Semax.

The package is layered so that everything but ``tui.app`` starts without Textual:
``content`` (the pack), ``cli`` (the command line) and, later, the user store,
search and exchange layers.
"""

__version__ = "0.1.0"
