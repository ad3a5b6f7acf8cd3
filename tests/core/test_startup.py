"""The collector is paused while a pack loads and held until the explorer's first frame,
and comes back as it was; the command line freezes the heap only on its way out."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import startup
from tui.cli import content_commands, main
from tui.content import PackInvalid, load_pack
from tui.entry import run


@pytest.fixture(autouse=True)
def _collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.fixture
def _nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_paused_turns_the_collector_off_inside_and_back_on_after() -> None:
    gc.enable()
    with startup.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    with startup.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_paused_comes_back_on_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), startup.paused():
        raise ValueError("bad pack")
    assert gc.isenabled()


def test_loading_a_pack_leaves_the_collector_on() -> None:
    gc.enable()
    load_pack(None)
    assert gc.isenabled()


def test_loading_an_invalid_pack_leaves_the_collector_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": []}', encoding="utf-8")
    gc.enable()
    with pytest.raises(PackInvalid):
        load_pack(bad)
    assert gc.isenabled()


@pytest.mark.usefixtures("_nothing_frozen")
def test_the_console_command_freezes_the_heap_as_it_exits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["semax-explorer", "topics"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 0
    assert "Overview" in capsys.readouterr().out
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_the_console_command_exits_with_the_code_of_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["semax-explorer", "show", "no/such-node"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 1
    assert "no/such-node" in capsys.readouterr().err


@pytest.mark.usefixtures("_nothing_frozen")
def test_main_alone_freezes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["topics"]) == 0
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_hold_stops_the_collector_until_release_freezes_and_restarts_it() -> None:
    gc.enable()
    startup.hold()
    assert not gc.isenabled()
    startup.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_lasting_freezes_what_was_built_after_start_up_in_the_explorers_process_only() -> None:
    """The search index, built after the first frame, is frozen too, so full collections
    while reading never walk it; but only where start-up froze its heap (the explorer's own
    process): a process that runs many apps keeps nothing of theirs for good."""
    startup.lasting()
    assert gc.get_freeze_count() == 0  # no start-up froze anything in this process
    gc.enable()
    startup.hold()
    startup.release()
    frozen = gc.get_freeze_count()
    built = [[number] for number in range(1_000)]  # what the index build keeps
    startup.lasting()
    assert gc.get_freeze_count() >= frozen + len(built)


@pytest.mark.usefixtures("_nothing_frozen")
def test_release_without_hold_changes_nothing() -> None:
    gc.enable()
    startup.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_hold_leaves_a_collector_someone_else_stopped_as_it_was() -> None:
    gc.disable()
    startup.hold()
    startup.release()
    startup.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_resume_restarts_a_held_collector_without_freezing() -> None:
    gc.enable()
    startup.hold()
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("_nothing_frozen")
def test_a_launch_that_fails_before_its_first_frame_restarts_the_collector(
    capsys: pytest.CaptureFixture[str],
) -> None:
    gc.enable()
    assert main(["--topic", "no/such-node"]) != 0
    assert "no/such-node" in capsys.readouterr().err
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_one_module_owns_the_start_up_policy() -> None:
    """Only the command line, the app (and its search flow, which builds the index after
    the first frame) and the entry point decide about the collector and the frame rate,
    through tui.startup; the content layer never does."""
    package = Path(__file__).resolve().parents[2] / "tui"
    users = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "import gc" in path.read_text() or "TEXTUAL_FPS" in path.read_text()
    )
    assert users == ["startup.py"]
    importers = sorted(
        str(path.relative_to(package)) for path in package.rglob("*.py") if "tui import startup" in path.read_text()
    )
    assert importers == ["app/app.py", "app/flows/search.py", "cli/__init__.py", "cli/content_commands.py", "entry.py"]


def test_a_command_loads_its_pack_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = content_commands.load_pack

    def load(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(content_commands, "load_pack", load)
    gc.enable()
    assert main(["topics"]) == 0
    assert seen == [False] and gc.isenabled()
