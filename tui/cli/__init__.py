"""The command line: ``semax-explorer`` and its subcommands.

Nothing here imports Textual at module level: commands that need no screen start in
the time Python and TinyDB take to import. Launching the explorer imports ``tui.app``
only after the pack and the requested topic have been checked, so a bad argument
fails fast and before the terminal is taken over.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from tui.cli.content_commands import cmd_show, cmd_topics, cmd_validate, find_node, open_pack
from tui.cli.errors import EXIT_INTERRUPTED, CliError
from tui.cli.exchange_commands import cmd_export, cmd_import
from tui.cli.output import Output, fail
from tui.cli.parser import build_parser
from tui.cli.search_command import cmd_search
from tui.cli.user_commands import cmd_bookmarks

Command = Callable[[argparse.Namespace, Output], int]

COMMANDS: dict[str, Command] = {
    "topics": cmd_topics,
    "show": cmd_show,
    "validate": cmd_validate,
    "bookmarks": cmd_bookmarks,
    "search": cmd_search,
    "export": cmd_export,
    "import": cmd_import,
}


def launch(args: argparse.Namespace) -> int:
    """Open the explorer (the command with no subcommand)."""
    content = open_pack(args)
    if args.topic:
        find_node(content, args.topic)
    # Deferred: only the explorer needs Textual, and a bad argument must fail before it loads.
    from tui.app.launch import run_app  # noqa: PLC0415

    return run_app(content, topic=args.topic, data_dir_option=args.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``semax-explorer`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return launch(args)
        return COMMANDS[args.command](args, Output())
    except CliError as error:
        fail(error.message)
        return error.code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): not an error, and nothing more to say.
        sys.stderr.close()
        return 0
