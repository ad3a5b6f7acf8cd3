"""An inter-process lock, so two explorers on one data directory never lose a write.

Every change to the user database is a read-modify-write; holding this lock across it
means a bookmark added in one window is read, and kept, by the other before it writes.

Waiting is bounded: a process that holds the lock and never lets go (stopped with
ctrl+z, or hung on a bad disk) makes the others give up after :data:`WAIT` seconds with
:class:`LockTimeout`, a reason they can show, instead of freezing the screen.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from tui.files import NotRegularFile, kind_of

WAIT = 10.0
"""Seconds to wait for another process to let go of the lock."""


class LockTimeout(OSError):
    """Another process has held the lock for longer than :data:`WAIT` seconds."""


class InterProcessLock:
    """An exclusive ``flock`` on a lock file beside the database (re-entrant per object)."""

    def __init__(self, path: Path, *, wait: float | None = None) -> None:
        self.path = path
        self.wait = WAIT if wait is None else wait
        self._fd: int | None = None
        self._depth = 0

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._depth > 0

    def _open(self) -> int:
        if self._fd is None:
            # O_NOFOLLOW: a lock file planted as a symlink is never followed elsewhere;
            # O_NONBLOCK: a FIFO planted in its place never blocks the open.
            flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
            try:
                fd = os.open(self.path, flags, 0o600)
            except OSError as error:
                if error.errno == errno.ELOOP:
                    raise NotRegularFile(errno.ELOOP, f"the lock file {self.path} is a symbolic link") from None
                raise
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                os.close(fd)
                raise NotRegularFile(errno.EINVAL, f"the lock file {self.path} is {kind_of(mode)}")
            self._fd = fd
        return self._fd

    def _acquire(self) -> None:
        fd = self._open()
        deadline = time.monotonic() + self.wait
        pause = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        errno.EWOULDBLOCK,
                        f"another Semax Explorer has held {self.path.name} for over {self.wait:g} s",
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.02)

    @contextmanager
    def within(self, wait: float | None) -> Iterator[InterProcessLock]:
        """Hold the lock, waiting at most ``wait`` seconds for it this time (the usual
        :attr:`wait` when None): a draft kept while typing gives up at once and tries
        again later, rather than freeze the editor."""
        usual = self.wait
        if wait is not None and not self.held:
            self.wait = wait
        try:
            with self:
                self.wait = usual
                yield self
        finally:
            self.wait = usual

    def __enter__(self) -> InterProcessLock:
        if self._depth == 0:
            self._acquire()
        self._depth += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Let go of the lock file (the lock itself is released on leaving the last ``with``)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
