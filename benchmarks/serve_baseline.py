"""The baseline for the browser's first frame: the one-Static app (minimal_app.py), served
by the explorer's own server (tui.web.server) in place of the explorer, so the two differ
only in the app. Prints the same first line as ``semax-explorer serve``."""

from __future__ import annotations

import asyncio
import shlex
import sys
from pathlib import Path

from tui.web.server import ExplorerServer, Settings, Tab, serve

MINIMAL = str(Path(__file__).with_name("minimal_app.py"))


class BaselineServer(ExplorerServer):
    def command(self, tab: Tab) -> str:
        return "exec " + shlex.join([sys.executable, MINIMAL])


def main() -> int:
    port = int(sys.argv[1])
    settings = Settings(host="127.0.0.1", port=port, public=False, max_sessions=8, data_dir="/nonexistent")
    return asyncio.run(
        serve(settings, lambda url: print(f"baseline at {url}", flush=True), server=BaselineServer(settings))
    )


if __name__ == "__main__":
    sys.exit(main())
