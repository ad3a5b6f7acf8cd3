"""The command line: ``semax-explorer`` and its subcommands.

Nothing here imports Textual at module level: commands that need no screen start in
the time Python and TinyDB take to import. Launching the explorer imports ``tui.app``
only after the pack and the requested topic have been checked, so a bad argument
fails fast and before the terminal is taken over.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Callable, Sequence

from tui import startup
from tui.cli.errors import EXIT_INTERRUPTED, EXIT_UNREADABLE, EXIT_USER, CliError
from tui.cli.output import Output, OutputFailed, fail, tolerant_streams
from tui.cli.parser import build_parser
from tui.files import BadPath, reason

Command = Callable[[argparse.Namespace, Output], int]

COMMANDS: dict[str, tuple[str, str]] = {
    "topics": ("tui.cli.content_commands", "cmd_topics"),
    "show": ("tui.cli.content_commands", "cmd_show"),
    "validate": ("tui.cli.content_commands", "cmd_validate"),
    "serve": ("tui.cli.serve_command", "cmd_serve"),
    "bookmarks": ("tui.cli.user_commands", "cmd_bookmarks"),
    "search": ("tui.cli.search_command", "cmd_search"),
    "claims": ("tui.cli.claims_command", "cmd_claims"),
    "export": ("tui.cli.exchange_commands", "cmd_export"),
    "import": ("tui.cli.exchange_commands", "cmd_import"),
}
"""Each command's module is imported only when that command runs: start-up is paid
for what is used (``topics`` never imports search or export)."""


def command(name: str) -> Command:
    """The function that runs a subcommand, its module imported only now (see :data:`COMMANDS`)."""
    module, function = COMMANDS[name]
    handler: Command = getattr(importlib.import_module(module), function)
    return handler


def launch(args: argparse.Namespace) -> int:
    """Open the explorer (the command with no subcommand)."""
    startup.hold()  # until the first frame, when the app releases it (tui.startup)
    try:
        from tui.cli.content_commands import find_node, open_pack  # noqa: PLC0415 - see COMMANDS

        content = open_pack(args)
        if args.topic:
            find_node(content, args.topic)
        startup.set_frame_rate()
        # Deferred: only the explorer needs Textual, and a bad argument must fail before it loads.
        from tui.app.launch import run_app  # noqa: PLC0415

        ended = run_app(content, topic=args.topic, data_dir_option=args.data_dir)
        if ended.message is not None:
            with contextlib.suppress(OSError):  # after SIGHUP there is no terminal to tell
                fail(ended.message)
        return ended.code
    finally:
        startup.resume()


def main(argv: Sequence[str] | None = None) -> int:
    """What the ``semax-explorer`` command does (:mod:`tui.entry` runs it); the exit code."""
    tolerant_streams()
    try:
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    try:
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise CliError("standard output is closed", EXIT_UNREADABLE)
        if args.command is None:
            return launch(args)
        code = command(args.command)(args, Output())
        Output.flush()  # a full disk or a dead terminal says so now, not silently at exit
        return code
    except CliError as error:
        fail(error.message)
        return error.code
    except BadPath as error:
        fail(str(error))
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): not an error, and nothing more to say.
        sys.stderr.close()
        return 0
    except OutputFailed as error:
        fail(f"cannot write the output: {reason(error)}")
        return EXIT_USER
