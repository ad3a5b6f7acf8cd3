"""Helpers for presenting key bindings, shared by the help screen and tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from textual.app import App
from textual.binding import Binding, BindingType


class KeyHelp(NamedTuple):
    """One row of the help screen: every key of an action, and what it does."""

    keys: str
    description: str


def key_help(
    app: App[object],
    bindings: Iterable[BindingType],
    describe: Callable[[Binding], str | None] = lambda _: None,
) -> list[KeyHelp]:
    """Rows for the help screen, straight from a ``BINDINGS`` declaration.

    Bindings whose key string lists several keys ("left,h") become one row; a binding
    without a description is left out. ``describe`` may word a row from data the
    declaration cannot know (the topic a number key jumps to).
    """
    rows: list[KeyHelp] = []
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if not binding.description:
            continue
        keys = [app.get_key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(",")]
        text = describe(binding) or binding.tooltip or binding.description
        rows.append(KeyHelp(" ".join(keys), text))
    return rows
