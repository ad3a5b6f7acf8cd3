"""Time a terminal program from process start to the first frame that shows given text.

The program runs in a real pseudo-terminal of a fixed size (not Textual's headless
mode), so the figure includes everything a person waits for: interpreter start,
imports, compose, layout and the first write to the terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def time_to_text(
    argv: Sequence[str],
    needles: Sequence[str],
    *,
    size: tuple[int, int] = (120, 40),
    env: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> float:
    """Seconds from spawning ``argv`` in a pty until every needle has been drawn."""
    start = time.perf_counter()
    process, master = _spawn(argv, size, env)
    try:
        return _drawn(master, argv, needles, start, timeout) - start
    finally:
        _stop(process, master)


def time_keys(
    argv: Sequence[str],
    ready: Sequence[str],
    presses: Sequence[tuple[str, str]],
    *,
    size: tuple[int, int] = (120, 40),
    settle: float = 2.0,
    timeout: float = 30.0,
) -> list[float]:
    """Milliseconds from writing each key to the terminal until its needle is drawn.

    The program runs in a pty as for :func:`time_to_text`; once ``ready`` is drawn and
    ``settle`` seconds have passed (work scheduled after the first frame is done), each
    ``(key, needle)`` is typed in turn and timed to the first output containing the needle.
    Only output written after the key counts, so text already on screen never matches.
    """
    process, master = _spawn(argv, size, None)

    def drain(quiet: float) -> None:
        while select.select([master], [], [], quiet)[0]:
            if not os.read(master, 1 << 16):
                return

    times = []
    try:
        _drawn(master, argv, ready, time.perf_counter(), timeout)
        time.sleep(settle)
        drain(0.1)
        for key, needle in presses:
            start = time.perf_counter()
            os.write(master, key.encode())
            times.append((_drawn(master, argv, [needle], start, timeout) - start) * 1000)
            drain(0.15)  # the rest of this switch's frames, so the next key starts clean
    finally:
        _stop(process, master)
    return times


def _spawn(
    argv: Sequence[str], size: tuple[int, int], env: dict[str, str] | None
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` on a new pty of ``size`` columns and rows; its master end is returned."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
    full_env.update(env or {})
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return process, master


def _drawn(master: int, argv: Sequence[str], needles: Sequence[str], start: float, timeout: float) -> float:
    """Read the program's output until every needle has appeared; the time it did."""
    seen = b""
    wanted = [n.encode() for n in needles]
    while True:
        remaining = timeout - (time.perf_counter() - start)
        if remaining <= 0:
            raise TimeoutError(f"{argv[0]}: {needles} not drawn within {timeout}s")
        ready, _, _ = select.select([master], [], [], remaining)
        if not ready:
            continue
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError(f"{argv[0]} exited before drawing {needles}")
        seen += chunk
        if all(n in ESCAPES.sub(b"", seen) for n in wanted):
            return time.perf_counter()


def _stop(process: subprocess.Popen[bytes], master: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.perf_counter() + 5
    while process.poll() is None and time.perf_counter() < deadline:
        try:  # keep draining so the child is never blocked writing
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 1 << 16)
        except OSError:
            break
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    os.close(master)


SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks the terminal whether it draws frames atomically (synchronized output)."""
SYNC_ANSWER = b"\x1b[?2026;2$y"
"""A terminal's answer that it does (mode 2026 supported, reset): every frame is then
written between :data:`SYNC_START` and :data:`SYNC_END`, so each frame's end can be timed."""
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"


class FrameTerminal:
    """A program in a pty that answers as a terminal with synchronized output does, and
    records when each frame it draws ends.

    Most terminals people use today (kitty, WezTerm, iTerm2, foot, Windows Terminal, recent
    xterm) answer Textual's query for mode 2026; Textual then marks each frame's start and
    end. That gives a frame's time without guessing it from gaps in the output.
    """

    def __init__(self, argv: Sequence[str], *, size: tuple[int, int] = (120, 40), env: dict[str, str] | None = None):
        self.argv = list(argv)
        self.process, self.master = _spawn(argv, size, env)
        self.frames: list[float] = []
        """When each frame's end was read, in ``time.perf_counter()`` seconds."""
        self.text = b""
        """Everything drawn so far, escape sequences removed (what ``wait_for`` looks in)."""
        self._tail = b""

    def _read(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False if it wrote nothing."""
        if not select.select([self.master], [], [], max(0.0, timeout))[0]:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError(f"{self.argv[0]} exited")
        now = time.perf_counter()
        data = self._tail + chunk
        if SYNC_QUERY in data:
            os.write(self.master, SYNC_ANSWER)
        self.frames += [now] * (data.count(SYNC_END) - self._tail.count(SYNC_END))
        self._tail = data[-16:]
        self.text = (self.text + ESCAPES.sub(b"", chunk))[-(1 << 20) :]
        return True

    def wait_for(self, needles: Sequence[str], timeout: float = 30.0) -> float:
        """Read until every needle has been drawn since the last call; the time it was."""
        start = time.perf_counter()
        self.text = b""
        wanted = [n.encode() for n in needles]
        while not all(n in self.text for n in wanted):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{self.argv[0]}: {needles} not drawn within {timeout}s")
            self._read(0.05)
        return time.perf_counter()

    def settle(self, quiet: float, *, first: float = 0.0, timeout: float = 30.0) -> float | None:
        """Read until nothing has been written for ``quiet`` seconds (waiting up to ``first``
        seconds for a first frame to end); when the last frame before that ended (None if
        no frame ended while reading)."""
        start, frames = time.perf_counter(), len(self.frames)
        while len(self.frames) == frames and time.perf_counter() - start < first:
            self._read(start + first - time.perf_counter())
        while self._read(quiet):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{self.argv[0]} still drawing after {timeout}s")
        return self.frames[-1] if len(self.frames) > frames else None

    def type(self, keys: str) -> float:
        """Write keys as the terminal would when they are typed; when it was."""
        os.write(self.master, keys.encode())
        return time.perf_counter()

    def held(
        self, key: str, count: int, *, interval: float = 0.033, quiet: float = 0.025, patience: float = 2.0
    ) -> list[float]:
        """Milliseconds each of ``count`` presses of ``key`` takes to be drawn, the key
        repeated every ``interval`` seconds as a held key is (or as soon as the last step's
        frames are done, when a step takes longer: one step is timed at a time). A step
        ends with the last frame before ``quiet`` seconds without output, so a step that
        draws twice (the tree's cursor, then the reader following it) counts both. A step
        that draws nothing within ``patience`` seconds (the end of the list) ends the run."""
        times: list[float] = []
        self.settle(0.2)
        next_at = time.perf_counter()
        for _ in range(count):
            time.sleep(max(0.0, next_at - time.perf_counter()))
            sent = self.type(key)
            end = self.settle(quiet, first=patience)
            if end is None:
                break
            times.append((end - sent) * 1000)
            next_at = sent + interval
        return times

    def burst(self, key: str, count: int, *, quiet: float = 0.3) -> float:
        """Milliseconds from writing ``count`` presses of ``key`` at once (as over a slow
        link, or keys typed ahead) to the last frame drawn for them."""
        self.settle(0.2)
        sent = self.type(key * count)
        end = self.settle(quiet, first=5.0)
        return ((end or sent) - sent) * 1000

    def close(self) -> None:
        """Stop the program."""
        _stop(self.process, self.master)

    def __enter__(self) -> FrameTerminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
