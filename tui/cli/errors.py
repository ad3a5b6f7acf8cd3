"""The one exception CLI commands raise to end with a message and an exit code."""

from __future__ import annotations

EXIT_USER = 1
"""Bad input: an unknown id, an invalid pack, a rejected file."""
EXIT_UNREADABLE = 2
"""A file that cannot be read at all, or a usage error."""
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """End the command with a one-line message on stderr and ``code``."""

    def __init__(self, message: str, code: int = EXIT_USER) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
