"""First frame in the browser: from the start of a page load to the frame that draws the
tree, as the browser received it (tests/e2e/browser.py records each frame's arrival time
on the page's own clock, whose zero is the start of navigation). Beside the same for the
one-Static app served by the same server, alternating loads in one run."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.e2e.browser import Server, Tab, available, free_port

BASELINE_TEXT = ["Semax is a short peptide (minimal app)"]


def first_frame(tab: Tab, url: str, needles: Sequence[str]) -> float:
    """Load ``url`` afresh; milliseconds from navigation start to the frame after which every
    one of ``needles`` is on the terminal."""
    import pyte  # noqa: PLC0415 - optional: measure() says why it cannot run without it

    tab.open(url)
    for needle in needles:
        tab.wait_for(needle, timeout=60)
    columns, rows = tab.size()
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    for at, data in tab.frames():
        stream.feed(data)
        shown = "\n".join(screen.display)
        if all(needle in shown for needle in needles):
            return at
    raise AssertionError(f"{needles} never drawn")


def measure(data_dir: str, needles: Sequence[str], loads: int) -> tuple[list[float], list[float]] | str:
    """(explorer ms, baseline ms) per load, alternating; or why it cannot be measured here."""
    why = available()
    if why is not None:
        return why
    work = Path(tempfile.mkdtemp(prefix="semax-bench-browser-"))
    ours = Server.explorer("--data-dir", data_dir, env=None, log=work / "serve.log")
    base = Server([sys.executable, "-m", "benchmarks.serve_baseline", str(free_port())], None, work / "base.log")
    tab = Tab(ours.url, work / "downloads")
    try:
        first_frame(tab, ours.url, needles)  # warm: the first load pays for disk caches
        first_frame(tab, base.url, BASELINE_TEXT)
        explorer, baseline = [], []
        for _ in range(loads):
            baseline.append(first_frame(tab, base.url, BASELINE_TEXT))
            explorer.append(first_frame(tab, ours.url, needles))
        return explorer, baseline
    finally:
        tab.close()
        ours.stop()
        base.stop()
        shutil.rmtree(work, ignore_errors=True)
