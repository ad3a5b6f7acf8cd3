"""The ``semax-explorer`` console script and ``python -m tui``: the first code that runs.

It imports nothing at module level, so that Ctrl+C at any moment, even while the command
line's own modules are still loading, ends the command with exit code 130 and no
traceback. Everything else lives in :func:`tui.cli.main`.
"""

# No ``from __future__ import annotations`` here: even that statement imports a module.
import sys  # built in: already loaded, imports nothing

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_INTERRUPTED = 130


def run() -> "NoReturn":  # a string: NoReturn exists for the type checker only
    """Run :func:`tui.cli.main` and exit with its code.

    Once the command is done, a late Ctrl+C is ignored and the heap is frozen
    (:func:`tui.startup.spare_exit`): only a process that is about to end does that;
    tests call :func:`tui.cli.main` in a process that goes on.
    """
    try:
        from tui.cli import main  # noqa: PLC0415 - inside the try: see the module's docstring

        code = main()
    except BaseException as error:
        if not _interrupted(error):
            raise
        code = EXIT_INTERRUPTED
        _quietly(lambda: sys.stderr.write("\n"))
    try:  # the command is over: a late Ctrl+C changes nothing
        _quietly(lambda: sys.stdout.flush())  # noqa: PLW0108 - stdout may be None: look it up inside
        from tui import startup  # noqa: PLC0415 - loaded by main already

        startup.spare_exit()
    except KeyboardInterrupt:
        pass
    raise SystemExit(code)


def _interrupted(error: BaseException | None) -> bool:
    """Whether ``error`` is Ctrl+C, or was caused by it: Python wraps a KeyboardInterrupt
    raised while a class is being made (in ``__set_name__``) in a RuntimeError."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, KeyboardInterrupt):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _quietly(write: object) -> None:
    """Flush or write to a stream that may be gone (``| head`` closed the pipe): then
    point it at /dev/null, so that the interpreter's own flush at exit stays quiet."""
    if sys.stdout is None:  # started with standard output closed: nothing to flush
        return
    try:
        write()  # type: ignore[operator]
    except (BrokenPipeError, ValueError, OSError):
        import os  # noqa: PLC0415

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
