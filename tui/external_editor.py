"""A note in the reader's own editor (``$VISUAL``, else ``$EDITOR``). No Textual here.

The note goes to a private temporary file, the editor runs on it in the terminal, and
what the file holds afterwards comes back. The app suspends itself around
:func:`edit_in_editor` (``App.suspend``) and then saves the text as the built-in editor
does: the same length limit, the same atomic save, a draft when it cannot be saved.

A file ends with a line break (editors add one, and ``printf 'more\\n' >> file`` expects
one): one is added on the way out (to a note that is not empty) and one taken off on the
way back, so a note that went through an editor unchanged comes back unchanged (lone surrogates included). Bytes
that are not UTF-8 come back as they were written (``surrogateescape``), never replaced.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from tui.files import reason
from tui.textsafe import one_line

READ_LIMIT = 16 * 1024 * 1024
"""A file the editor left larger than this is not read back (a note holds far less)."""


class Edited(NamedTuple):
    """What came back from the editor: the text the file held (None when it could not be
    read), and why the editor failed (None when it exited 0)."""

    text: str | None
    failure: str | None = None


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The reader's editor as a command line (``$VISUAL``, else ``$EDITOR``, split as a
    shell would: ``code --wait`` is two words), or None when neither is set."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words:
                return words
    return None


def edit_in_editor(command: list[str], text: str) -> Edited:
    """Run ``command`` on a private temporary file holding ``text``; what the file holds
    when the editor exits, and whether it failed (not found, a non-zero exit, a signal).
    The file is removed afterwards whatever happened."""
    fd, name = tempfile.mkstemp(prefix="semax-note-", suffix=".md")  # private: 0600
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write((text + "\n" if text else "").encode("utf-8", "surrogatepass"))
        failure: str | None = None
        shown = one_line(command[0], 60)
        try:
            code = subprocess.run([*command, name], check=False).returncode  # the reader's own editor, on our file
        except OSError as error:
            return Edited(None, f"the editor {shown!r} could not be started: {reason(error)}")
        if code < 0:
            failure = f"the editor {shown!r} was stopped by signal {-code}"
        elif code:
            failure = f"the editor {shown!r} exited with status {code}"
        return Edited(_read_back(path), failure)
    finally:
        path.unlink(missing_ok=True)


def _read_back(path: Path) -> str | None:
    """The text the editor left in the file, without the final line break; None when it is
    gone, unreadable, not a regular file any more, or too large to be a note."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):  # never open a FIFO or a device left there
            return None
        with path.open("rb") as file:
            data = file.read(READ_LIMIT + 1)
    except OSError:
        return None
    if len(data) > READ_LIMIT:
        return None
    try:  # a lone surrogate of the note went out as its own bytes and comes back as itself
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # bytes the editor wrote that are not UTF-8: kept, not replaced
        text = data.decode("utf-8", "surrogateescape")
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text
