"""The explorer in a web browser: ``semax-explorer serve``.

Nothing in this package is imported by the other commands. :mod:`tui.web.server` needs
the optional ``serve`` extra (textual-serve and aiohttp) and is imported only by the
``serve`` command, after it has checked that the extra is installed;
:mod:`tui.web.session` runs once per browser tab and imports only the standard library
before it starts the explorer as a child process.
"""
