"""Writing CLI results: styled on a terminal, plain in a pipe, always safe and encodable.

Every string from a pack, a note, an import, a path or an error goes through
:meth:`Output.safe` (or :meth:`Output.json`) before it is written: on a terminal its
control characters and bidirectional overrides are made visible
(:func:`tui.textsafe.for_terminal`); in a pipe it is kept as written, except for lone
surrogates, which no encoding can write and which become U+FFFD (JSON escapes them, so
it still reads back exactly). Nothing written can raise ``UnicodeEncodeError``: the
standard streams are set to replace what their encoding cannot hold (a non-UTF-8 locale).

Styling uses bare SGR codes rather than Rich so that commands which need no screen
start fast. ``NO_COLOR`` (https://no-color.org) turns styling off.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from typing import Any, TextIO

from tui.textsafe import encodable, for_terminal, json_safe

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "cyan": "36",
    "yellow": "33",
    "green": "32",
    "red": "31",
}


class OutputFailed(OSError):
    """Writing to standard output failed (a full disk, a terminal that went away)."""


def tolerant_streams() -> None:
    """Make stdout and stderr replace what their encoding cannot write, rather than raise.

    UTF-8 streams are left alone: they can write every character the output holds (lone
    surrogates are replaced before they are written), and reconfiguring loads ``locale``."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            with contextlib.suppress(ValueError, AttributeError):
                stream.reconfigure(errors="replace")


class Output:
    """A destination for results (stdout by default) that knows if it is a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.is_terminal = _isatty(self.stream)
        self.styled = self.is_terminal and not os.environ.get("NO_COLOR")

    def style(self, text: str, *styles: str) -> str:
        """Wrap already-safe text in SGR codes when styling is on."""
        if not self.styled or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def safe(self, text: str) -> str:
        """Text from a pack, a note, a path or an error, ready for this destination."""
        return for_terminal(text) if self.is_terminal else encodable(text)

    def line(self, text: str = "") -> None:
        """Write one line; the caller has made ``text`` safe and styled."""
        self._write(self.stream.write, text + "\n")

    @classmethod
    def flush(cls) -> None:
        """Flush standard output: what is still buffered fails here, with a reason."""
        cls._write(lambda _: sys.stdout.flush(), None)

    @staticmethod
    def _write(write: Any, data: Any) -> None:
        try:
            write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error.errno, error.strerror) from None

    def json(self, value: Any) -> None:
        """Write JSON, readable (non-ASCII as itself) but with every control, surrogate
        and bidirectional override escaped, so it is both exact and safe anywhere."""
        self.line(json_safe(json.dumps(value, ensure_ascii=False, indent=2)))

    def write_payload(self, text: str, payload: bytes) -> None:
        """A whole document (``export -o -``): neutralised on a terminal; to a pipe,
        exactly the bytes the same export would write to a file."""
        if self.is_terminal:
            self.stream.write(for_terminal(text))
            return
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:
            self._write(self.stream.write, payload.decode("utf-8"))
            return
        self._write(lambda data: (self.stream.flush(), buffer.write(data), buffer.flush()), payload)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def fail(message: str) -> None:
    """One line on stderr, prefixed with the program name; safe for a terminal."""
    # One line: a newline in a path or a pack's words is shown, not obeyed.
    sys.stderr.write(f"semax-explorer: {for_terminal(message).replace(chr(10), chr(0x2424))}\n")
