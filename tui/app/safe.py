"""Turning pack and user text into things Textual shows without interpreting it.

Textual parses ``[...]`` as markup in plain strings given to many widgets. Text we did
not write (pack titles, notes) goes through here instead: control characters are
neutralised and the result is a :class:`~textual.content.Content` (never parsed), or
escaped markup where an API insists on a markup string.
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from tui.textsafe import for_terminal


def literal(text: str, style: str = "") -> Content:
    """Text shown exactly as written (control characters made visible)."""
    return Content.styled(for_terminal(text), style) if style else Content(for_terminal(text))


def escaped(text: str) -> str:
    """For APIs that take markup strings: the text, escaped so it renders literally."""
    return escape(for_terminal(text))
