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
