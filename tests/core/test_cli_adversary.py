"""The installed command against an adversary: hostile text to a terminal and to a pipe,
special files, concurrent imports, Ctrl+C at any moment, records that do not fit.

Commands run as a person runs them: a real process, its output a real pipe or a real
pseudo-terminal (pty), never a Python stand-in.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pty
import random
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import EVERYTHING, HUGE_NOTE, ODD_IDS, SURROGATE, hostile_pack, payload_in, unsafe_in
from tui.cli import main
from tui.store import UserStore

COMMAND = Path(sys.executable).with_name("semax-explorer")
BASE = [str(COMMAND)] if COMMAND.exists() else [sys.executable, "-m", "tui"]
GOOD = "2026-11-25T08:47:10.123+00:00"
SGR = re.compile(rb"\x1b\[[0-9;]*m")


def command(
    *argv: str, env: dict[str, str] | None = None, timeout: float = 30, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run the command with its output to pipes (as ``| cat`` would)."""
    return subprocess.run(
        [*BASE, *argv], capture_output=True, timeout=timeout, check=False, env={**os.environ, **(env or {})}, **kwargs
    )


def on_a_terminal(*argv: str, env: dict[str, str], timeout: float = 30) -> tuple[int, bytes]:
    """Run the command on a pseudo-terminal: its exit code and every byte it wrote (the
    terminal's own newline translation undone)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(BASE[0], [*BASE, *argv], {**os.environ, **env})
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).replace(b"\r\n", b"\n")


def export_file(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "semax-explorer-notes", "version": 1, "items": items}))
    return path


def item(node_id: str, *, note: str | None = None, created: Any = GOOD) -> dict[str, Any]:
    return {
        "id": node_id,
        "bookmarked": True,
        "bookmark_created": created,
        "note": note,
        "note_created": GOOD if note is not None else None,
        "note_updated": GOOD if note is not None else None,
    }


@pytest.fixture
def hostile_env(tmp_path: Path, raw_pack: dict[str, Any]) -> dict[str, str]:
    """A hostile pack in use, and hostile notes (with lone surrogates) in the store."""
    pack = tmp_path / "hostile.json"
    pack.write_text(json.dumps(hostile_pack(raw_pack)), encoding="utf-8")
    data = tmp_path / "data"
    store = UserStore.open(data)
    store.save_note("mechanism/bdnf", "first line " + EVERYTHING)
    store.save_note("gone/node", SURROGATE + "\n- item")
    store.toggle_bookmark("uses/adhd")
    return {"SEMAX_EXPLORER_CONTENT": str(pack), "SEMAX_EXPLORER_DATA_DIR": str(data)}


SURFACES = [
    ["topics"],
    ["topics", "--json"],
    ["show", "mechanism"],
    ["show", "mechanism/bdnf", "--format", "markdown"],
    ["show", "uses", "--format", "json"],
    ["show", "sources/semax-article"],
    ["search", "pwned"],
    ["search", "surrogate", "--json"],
    ["bookmarks"],
    ["bookmarks", "--json"],
    ["export", "-o", "-"],
    ["export", "--format", "json", "-o", "-"],
    ["export", "--format", "html", "-o", "-"],
    ["validate"],
]


@pytest.mark.parametrize("argv", SURFACES, ids=" ".join)
def test_every_command_to_a_pipe_writes_without_a_traceback(argv: list[str], hostile_env: dict[str, str]) -> None:
    result = command(*argv, env=hostile_env)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    result.stdout.decode("utf-8")  # valid UTF-8: no lone surrogate got through
    if "--json" in argv or "json" in argv:
        json.loads(result.stdout)


@pytest.mark.parametrize("argv", SURFACES, ids=" ".join)
def test_every_command_on_a_terminal_neutralises_the_corpus(argv: list[str], hostile_env: dict[str, str]) -> None:
    code, data = on_a_terminal(*argv, env=hostile_env)
    assert code == 0, data[-500:]
    assert payload_in(data) == []
    assert unsafe_in(SGR.sub(b"", data).decode("utf-8")) == []  # only our own colours


def test_a_non_utf8_locale_gets_replacements_not_a_traceback(hostile_env: dict[str, str]) -> None:
    for argv in (["bookmarks"], ["show", "mechanism"], ["export", "-o", "-"], ["search", "pwned"]):
        result = command(*argv, env={**hostile_env, "PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0 and b"Traceback" not in result.stderr, argv


def test_json_output_reads_back_exactly(hostile_env: dict[str, str]) -> None:
    result = command("bookmarks", "--json", env=hostile_env)
    notes = {item["id"]: item["note"] for item in json.loads(result.stdout)}
    assert notes["gone/node"] == SURROGATE + "\n- item"  # the surrogate, escaped and exact
    assert notes["mechanism/bdnf"] == "first line " + EVERYTHING
    assert unsafe_in(result.stdout.decode()) == []


def test_export_to_a_pipe_is_the_file_byte_for_byte(hostile_env: dict[str, str], tmp_path: Path) -> None:
    for fmt in ("markdown", "json", "html"):
        piped = command("export", "--format", fmt, "-o", "-", env=hostile_env).stdout
        target = tmp_path / f"out.{fmt}"
        assert command("export", "--format", fmt, "-o", str(target), env=hostile_env).returncode == 0
        stamp = re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d\+00:00)?")  # when: a second may pass
        assert stamp.sub(b"", piped) == stamp.sub(b"", target.read_bytes()), fmt


def test_markdown_export_structure_cannot_be_injected(hostile_env: dict[str, str]) -> None:
    text = command("export", "-o", "-", env=hostile_env).stdout.decode()
    lines = text.splitlines()
    assert lines[0] == "---" and lines.index("---", 1) == 5
    assert [line for line in lines if line.startswith("# ")] == [lines[7]]  # one title heading
    headings = [line for line in lines if line.startswith("#")]
    assert all(line.startswith(("# ", "## ", "### ")) for line in headings)
    body = "\n".join(lines[6:])  # the front matter holds it as a quoted string: data, not HTML
    assert "<script>" not in body and unsafe_in(text) == []


# --- special files -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv_for",
    [
        lambda f: ["--content", f, "topics"],
        lambda f: ["validate", f],
        lambda f: ["import", f],
        lambda f: ["import", f, "--dry-run"],
        lambda f: ["--content", f, "--topic", "overview"],  # the explorer itself
    ],
    ids=["pack", "validate", "import", "dry-run", "app"],
)
def test_a_fifo_is_refused_at_once(tmp_path: Path, argv_for: Any) -> None:
    fifo = tmp_path / "x.fifo"
    os.mkfifo(fifo)
    result = command(*argv_for(str(fifo)), timeout=20)
    err = result.stderr.decode()
    assert result.returncode in (1, 2) and "not a regular file" in err and err.count("\n") == 1


def test_a_fifo_as_the_user_database_never_blocks_a_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "user.json")
    env = {"SEMAX_EXPLORER_DATA_DIR": str(data)}
    for argv in (["bookmarks"], ["export", "-o", "-"], ["search", "x"]):
        result = command(*argv, env=env, timeout=20)
        assert result.returncode == 0 and b"could not be read" in result.stderr, argv


@pytest.mark.parametrize("target", ["fifo", "/dev/null", "directory"])
def test_export_refuses_anything_but_a_regular_file(tmp_path: Path, target: str) -> None:
    UserStore.open(tmp_path / "data").toggle_bookmark("mechanism/bdnf")
    env = {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data")}
    if target == "fifo":
        path = tmp_path / "out.fifo"
        os.mkfifo(path)
    elif target == "directory":
        path = tmp_path / "folder"
        path.mkdir()
    else:
        path = Path(target)
    kind = os.stat(path).st_mode
    result = command("export", "-o", str(path), env=env, timeout=20)
    assert result.returncode == 1 and result.stderr.count(b"\n") == 1
    assert os.stat(path).st_mode == kind  # left as it was, not replaced by a file


def test_export_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    UserStore.open(tmp_path / "data").toggle_bookmark("mechanism/bdnf")
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = command("export", "-o", str(link), env={"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0 and link.is_symlink() and "BDNF" in real.read_text()


# --- imports -------------------------------------------------------------------------


def test_two_imports_at_once_keep_every_item(tmp_path: Path) -> None:
    """The issue's example: both printed "3000 added" and 3000 of 6000 remained."""
    env = {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data")}
    files = [export_file(tmp_path / f"{side}.json", [item(f"{side}/n{i}") for i in range(3000)]) for side in "ab"]
    procs = [
        subprocess.Popen([*BASE, "import", str(f)], env={**os.environ, **env}, stdout=subprocess.PIPE) for f in files
    ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert all(b"3000 added" in out for out in outputs)
    assert len(UserStore.open(tmp_path / "data").bookmarks()) == 6000


@pytest.mark.parametrize("bad", ODD_IDS, ids=repr)
def test_import_refuses_ids_no_pack_can_have(tmp_path: Path, bad: str) -> None:
    path = export_file(tmp_path / "x.json", [item("uses/adhd"), item(bad)])
    result = command("import", str(path), env={"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 1 and b"import rejected, nothing changed" in result.stderr
    assert result.stderr.count(b"\n") == 1 and payload_in(result.stderr) == []
    assert not (tmp_path / "d").exists()


def test_an_empty_timestamp_is_refused_and_cannot_brick_the_store(tmp_path: Path) -> None:
    env = {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")}
    path = export_file(tmp_path / "x.json", [item("uses/adhd", created="")])
    result = command("import", str(path), env=env)
    assert result.returncode == 1 and b"bookmark_created must be an ISO 8601 UTC time" in result.stderr
    # And one that is already in the file (written by hand, or by an older version):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "user.json").write_text(
        json.dumps(
            {"bookmarks": {"1": {"node_id": "uses/adhd", "created": ""}, "2": {"node_id": "uses/x", "created": GOOD}}}
        )
    )
    for argv in (["bookmarks"], ["export", "-o", "-"], ["bookmarks", "--json"]):
        result = command(*argv, env=env)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, argv
        assert b"uses/x" in result.stdout or b"Uses" in result.stdout


def test_import_refuses_a_note_over_the_limit(tmp_path: Path) -> None:
    path = export_file(tmp_path / "x.json", [item("uses/adhd", note=HUGE_NOTE)])
    result = command("import", str(path), env={"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 1 and b"200,000" in result.stderr


def test_a_dry_run_touches_nothing(tmp_path: Path) -> None:
    path = export_file(tmp_path / "x.json", [item("uses/adhd")])
    fresh = tmp_path / "fresh"
    result = command("import", str(path), "--dry-run", env={"SEMAX_EXPLORER_DATA_DIR": str(fresh)})
    assert result.returncode == 0 and b"nothing written" in result.stdout and not fresh.exists()
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "user.json").write_text("not json")
    before = sorted(p.name for p in corrupt.iterdir())
    command("import", str(path), "--dry-run", "--replace", env={"SEMAX_EXPLORER_DATA_DIR": str(corrupt)})
    assert sorted(p.name for p in corrupt.iterdir()) == before
    assert (corrupt / "user.json").read_text() == "not json"


# --- Ctrl+C --------------------------------------------------------------------------


PACKAGE = str(Path(__file__).resolve().parents[2] / "tui")


def _before_the_program(err: bytes) -> bool:
    """Whether a traceback comes from Python starting up, before the first line of the
    program runs: no frame of it is in the package (the console script's own line that
    imports :mod:`tui.entry`, whose module level imports nothing, is Python's too)."""
    frames = [line.strip() for line in err.decode(errors="replace").splitlines() if line.strip().startswith("File ")]
    return not any(PACKAGE in frame or "/tui/" in frame for frame in frames)


def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(tmp_path: Path) -> None:
    """SIGINT at random moments of a command's first 150 ms, while its modules load.

    The interpreter's own start (its first 10-25 ms, before any line of the program
    runs) is Python's: a Ctrl+C there ends it with Python's traceback. From the first
    line of the program on, every Ctrl+C exits 130 without one (README, Reliability)."""
    rng = random.Random(7)
    env = {**os.environ, "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")}
    outcomes = []
    for _ in range(60):
        proc = subprocess.Popen([*BASE, "search", "stroke"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        if b"Traceback" in err or b"Fatal Python error" in err:  # Python's own start-up (exit 1)
            assert _before_the_program(err), err.decode(errors="replace")
            continue
        if err.strip() == b"KeyboardInterrupt" and proc.returncode == 1:
            # Python 3.13 reports an interrupt during its own start-up this way, with no
            # frame at all: no line of the program had run (which never prints this).
            continue
        outcomes.append(proc.returncode)
        # 130 when interrupted; 0 when it had finished; -2 when the interpreter itself
        # had not yet started to run Python (the shell shows that as 130 too).
        assert proc.returncode in (130, 0, -signal.SIGINT), err.decode(errors="replace")
    assert outcomes.count(130) >= 10


# --- paths and streams that name nothing ----------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "~nosuchuser/d", "bookmarks"],
        ["--data-dir", "", "bookmarks"],
        ["--content", "~nosuchuser/p.json", "topics"],
        ["--content", "", "topics"],
        ["validate", "~nosuchuser/p.json"],
        ["import", "~nosuchuser/x.json"],
        ["import", "nul\x01name"],
        ["topics", "\x1b]2;PWNED\x07"],  # argparse quotes what it did not expect
        ["import", "x.json", "--d=\x1b]2;PWNED\x07\u202e"],
    ],
    ids=repr,
)
def test_a_path_or_argument_that_names_nothing_gets_one_safe_line(argv: list[str], tmp_path: Path) -> None:
    result = command(*argv, env={"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode in (1, 2), result.stderr
    assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr
    assert payload_in(result.stderr) == [] and unsafe_in(result.stderr.decode()) == []


def test_export_to_an_unknown_home_gets_one_line(tmp_path: Path) -> None:
    UserStore.open(tmp_path / "d").toggle_bookmark("uses/adhd")
    result = command("export", "-o", "~nosuchuser/x.md", env={"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 2 and b"nosuchuser" in result.stderr and result.stderr.count(b"\n") == 1


def test_a_full_disk_or_a_closed_stdout_gets_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")}
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*BASE, "topics"], stdout=full, stderr=subprocess.PIPE, env=env, check=False)
    assert result.returncode == 1 and b"cannot write the output" in result.stderr
    assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1
    closed = subprocess.run(
        ["/bin/sh", "-c", '"$@" >&-', "sh", *BASE, "topics"], stderr=subprocess.PIPE, env=env, check=False
    )
    assert closed.returncode == 2 and b"standard output is closed" in closed.stderr


def test_no_home_anywhere_gets_one_line(tmp_path: Path) -> None:
    """No HOME and an account the system does not know (a container's random uid)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to become a uid without an account")
    # The child cannot read this interpreter's files once it is another uid: load first.
    importlib.import_module("tui.cli.user_commands")
    importlib.import_module("encodings.utf_8_sig")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - in the child, with the interpreter already loaded
        try:
            os.setgid(54321)
            os.setuid(54321)
            for name in ("HOME", "XDG_DATA_HOME", "SEMAX_EXPLORER_DATA_DIR"):
                os.environ.pop(name, None)
            sys.stderr = io.StringIO()
            code = main(["bookmarks"])
            os.write(write_end, f"{code}\n{sys.stderr.getvalue()}".encode())
        except BaseException as error:
            os.write(write_end, f"crashed\n{error!r}".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        code, _, err = pipe.read().partition("\n")
    os.waitpid(pid, 0)
    assert code == "2" and "home folder" in err and err.count("\n") == 1, err
