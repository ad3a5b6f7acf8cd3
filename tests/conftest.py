"""Shared fixtures: every test gets its own data directory; nothing touches $HOME."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.content import default_pack_path

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the user data and cache directories and $HOME at temporary folders for every test."""
    monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / "data-dir"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    monkeypatch.delenv("SEMAX_EXPLORER_CACHE_DIR", raising=False)
    monkeypatch.delenv("SEMAX_EXPLORER_CONTENT", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def shipped_raw() -> dict[str, Any]:
    """The shipped pack's raw JSON (copy it before changing it)."""
    return json.loads(default_pack_path().read_text(encoding="utf-8"))


@pytest.fixture
def raw_pack(shipped_raw: dict[str, Any]) -> dict[str, Any]:
    """A private, mutable copy of the shipped pack's raw JSON."""
    return copy.deepcopy(shipped_raw)


@pytest.fixture
def write_pack(tmp_path: Path) -> Any:
    """Write a raw pack to a file and return its path."""

    def write(raw: Any, name: str = "pack.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(raw), encoding="utf-8")
        return path

    return write


@pytest.fixture
def retitle() -> Any:
    """Give a topic or section a new title in a raw pack, and the ``(see Topic › Section)``
    cross-references to it with it: the pack checks that every one names a node."""

    def apply(raw: dict[str, Any], node_id: str, title: str) -> dict[str, Any]:
        topics = {t["id"]: t for t in raw["topics"].values()}
        record = topics.get(node_id) or next(s for s in raw["sections"].values() if s["id"] == node_id)
        if node_id in topics:
            old, new = f"(see {record['title']} ›", f"(see {title} ›"
        else:
            topic = topics[record["topic"]]["title"]
            old, new = f"(see {topic} › {record['title']})", f"(see {topic} › {title})"
        record["title"] = title
        text = json.dumps(raw, ensure_ascii=False)
        escaped: dict[str, Any] = json.loads(
            text.replace(json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1])
        )
        return escaped

    return apply
