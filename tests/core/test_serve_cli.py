"""``semax-explorer serve`` before anything listens: refusals in one line, the optional extra,
and the layers (the check never imports Textual, aiohttp or textual-serve)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.serve_command import INSTALL_HINT, is_loopback

# A child Python that runs the command line with the modules it imported reported after.
RUN = (
    "import sys\n"
    "{before}\n"
    "from tui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {{'textual', 'textual_serve', 'aiohttp', 'rich'}})\n"
    "sys.stderr.write('IMPORTED ' + ' '.join(heavy) + '\\n')\n"
    "raise SystemExit(code)\n"
)


def run(tmp_path: Path, *argv: str, before: str = "") -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", RUN.format(before=before), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def message(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("IMPORTED")]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.2", "example.org", "localhost.", "127.0.0.1.nip.io"])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["serve", "--host", "0.0.0.0"], 1, "add --public"),
        (["serve", "--port", "70000"], 2, "--port must be between 0 and 65535"),
        (["serve", "--max-sessions", "0"], 2, "--max-sessions must be at least 1"),
        (["serve", "--public", "--data-dir", "/tmp/x"], 1, "--data-dir cannot be used with --public"),
        (["serve", "--port", "nope"], 2, "invalid int value"),
    ],
)
def test_bad_serve_arguments_are_one_line_and_load_no_server(
    tmp_path: Path, argv: list[str], code: int, says: str
) -> None:
    result = run(tmp_path, *argv)
    if result.returncode == code and "IMPORTED" not in result.stderr:  # argparse exits before the report
        assert says in result.stderr
        return
    assert result.returncode == code, result.stderr
    lines = message(result)
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "IMPORTED "  # nothing of the server or of Textual


def test_serve_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    # None in sys.modules is how Python itself says a module cannot be imported.
    result = run(tmp_path, "serve", before="sys.modules['textual_serve'] = None")
    assert result.returncode == 1
    lines = message(result)
    assert len(lines) == 1 and INSTALL_HINT in lines[0]


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(tmp_path, "serve", "--port", str(port))
    assert result.returncode == 1
    lines = message(result)
    assert len(lines) == 1 and f"cannot serve on 127.0.0.1:{port}" in lines[0], result.stderr
