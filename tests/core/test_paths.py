"""The user data and cache directories are where platformdirs would put them, without importing it."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from tui.content.pack_cache import cache_dir
from tui.store.paths import APP_NAME, data_dir, platform_data_dir
from tui.userdirs import platform_cache_dir

PLATFORM_DIRS = {
    "data": (platform_data_dir, "XDG_DATA_HOME", platformdirs.user_data_path),
    "cache": (platform_cache_dir, "XDG_CACHE_HOME", platformdirs.user_cache_path),
}


@pytest.mark.parametrize("kind", list(PLATFORM_DIRS))
@pytest.mark.parametrize(
    "xdg",
    [None, "", "relative/dir", "/srv/xdg dir"],
    ids=["unset", "empty", "relative", "absolute"],
)
@pytest.mark.parametrize("home", ["/home/reader", "not/absolute"], ids=["home", "relative-home"])
def test_platform_dirs_agree_with_platformdirs(
    monkeypatch: pytest.MonkeyPatch, kind: str, xdg: str | None, home: str
) -> None:
    ours_of, variable, theirs_of = PLATFORM_DIRS[kind]
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    ours = ours_of()
    assert ours == theirs_of(APP_NAME, appauthor=False)
    assert ours.is_absolute() and ours.name == APP_NAME


def test_data_dir_prefers_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "given") == tmp_path / "given"
    assert data_dir() == tmp_path / "from-env"
    monkeypatch.delenv("SEMAX_EXPLORER_DATA_DIR")
    assert data_dir() == platform_data_dir()


def test_the_pack_cache_is_in_the_cache_dir_unless_the_environment_names_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert cache_dir() == platform_cache_dir() / "packs"
    monkeypatch.setenv("SEMAX_EXPLORER_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"
