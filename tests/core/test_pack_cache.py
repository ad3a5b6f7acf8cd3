"""A large pack checked once is read back from the cache; nothing about the cache can
change what a pack says or stop a pack from loading."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic_pack import generate
from tui.cli import main
from tui.content import PackInvalid, load_pack, pack_cache
from tui.content import loader as loader_module


@pytest.fixture(scope="module")
def large_raw() -> dict[str, Any]:
    raw = generate(sections=1_600, seed=11)
    assert len(json.dumps(raw)) > pack_cache.MIN_BYTES
    return raw


@pytest.fixture
def large_pack(tmp_path: Path, large_raw: dict[str, Any]) -> Path:
    path = tmp_path / "large.json"
    path.write_text(json.dumps(large_raw), encoding="utf-8")
    return path


def rewrite(path: Path, raw: dict[str, Any], table: str, field: str, value: str) -> None:
    """Write the pack again with one field of its first record in ``table`` changed."""
    edited = json.loads(json.dumps(raw))
    edited[table]["1"][field] = value
    path.write_text(json.dumps(edited), encoding="utf-8")


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.marshal"))


def no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any validation fail the test: a load that still works came from the cache."""

    def refuse(raw: object) -> None:
        raise AssertionError("the pack was validated again")

    monkeypatch.setattr(loader_module, "build_content", refuse)


def test_a_large_pack_is_checked_once_then_read_back_the_same(
    tmp_path: Path, large_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_pack(large_pack, cache=cache)
    assert len(entries(cache)) == 1
    no_checking(monkeypatch)
    again = load_pack(large_pack, cache=cache)
    assert again.nodes == first.nodes and again.meta == first.meta
    assert [t.id for t in again.topics()] == [t.id for t in first.topics()]
    assert again.children("overview") == first.children("overview")


def test_an_edited_pack_is_checked_again_and_shows_the_edit(
    tmp_path: Path, large_pack: Path, large_raw: dict[str, Any]
) -> None:
    cache = tmp_path / "cache"
    load_pack(large_pack, cache=cache)
    rewrite(large_pack, large_raw, "sections", "title", "Edited title")
    content = load_pack(large_pack, cache=cache)
    assert content.node(large_raw["sections"]["1"]["id"]).title == "Edited title"
    assert len(entries(cache)) == 2


def test_an_edit_that_breaks_the_pack_is_reported_not_hidden_by_the_cache(
    tmp_path: Path, large_pack: Path, large_raw: dict[str, Any]
) -> None:
    cache = tmp_path / "cache"
    load_pack(large_pack, cache=cache)
    rewrite(large_pack, large_raw, "sections", "evidence", "proven")
    with pytest.raises(PackInvalid, match="unknown evidence label 'proven'"):
        load_pack(large_pack, cache=cache)
    assert len(entries(cache)) == 1  # nothing is kept for a pack that failed


def test_a_damaged_entry_is_replaced(tmp_path: Path, large_pack: Path) -> None:
    cache = tmp_path / "cache"
    first = load_pack(large_pack, cache=cache)
    [entry] = entries(cache)
    entry.write_bytes(b"not a cache entry")
    assert load_pack(large_pack, cache=cache).nodes == first.nodes
    assert entry.read_bytes() != b"not a cache entry"


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path: Path, large_pack: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    content = load_pack(large_pack, cache=blocked / "cache")
    assert len(content.topics()) > 0 and blocked.read_text() == "in the way"


def test_small_packs_are_never_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_pack(None, cache=cache)
    assert not cache.exists()


def test_only_the_newest_entries_are_kept(
    tmp_path: Path, large_pack: Path, large_raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_cache, "KEEP", 2)
    cache = tmp_path / "cache"
    seen: set[Path] = set()
    for version in range(4):
        rewrite(large_pack, large_raw, "meta", "content_version", f"v{version}")
        load_pack(large_pack, cache=cache)
        [new] = set(entries(cache)) - seen
        seen.add(new)
        os.utime(new, ns=((version + 1) * 10**9,) * 2)  # a clear order, whatever the clock's grain
    assert len(entries(cache)) == 2
    no_checking(monkeypatch)
    assert load_pack(large_pack, cache=cache).meta.content_version == "v3"  # the newest is kept


def test_validate_checks_the_pack_even_when_it_is_cached(
    tmp_path: Path, large_pack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEMAX_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["topics", "--content", str(large_pack)]) == 0
    assert len(entries(tmp_path / "cache")) == 1
    no_checking(monkeypatch)
    assert main(["topics", "--content", str(large_pack)]) == 0  # from the cache
    with pytest.raises(AssertionError, match="validated again"):
        main(["validate", str(large_pack)])
    capsys.readouterr()


def test_the_cache_is_private_and_tidy(tmp_path: Path, large_pack: Path) -> None:
    made = tmp_path / "made" / "cache"
    load_pack(large_pack, cache=made)
    assert made.stat().st_mode & 0o777 == 0o700
    assert [entry.stat().st_mode & 0o777 for entry in entries(made)] == [0o600]
    shared = tmp_path / "shared"  # a directory named by SEMAX_EXPLORER_CACHE_DIR
    shared.mkdir(mode=0o1777)
    shared.chmod(0o1777)
    stale = shared / f".{'a' * 40}.marshal.0123456789ab.tmp"
    fresh = shared / f".{'b' * 40}.marshal.0123456789ab.tmp"
    others = [shared / ".important.tmp", shared / "mine.marshal", *(shared / f"{n}.marshal" for n in range(10))]
    for path in (stale, fresh, *others):
        path.write_bytes(b"x")
        if path is not fresh:
            os.utime(path, (0, 0))
    load_pack(large_pack, cache=shared)
    assert shared.stat().st_mode & 0o7777 == 0o1777  # its permissions kept
    assert not stale.exists() and fresh.exists()  # our temp: removed only when stale
    assert all(path.exists() for path in others)  # not ours: never touched


def test_a_fifo_in_the_cache_is_not_waited_on(tmp_path: Path, large_pack: Path) -> None:
    cache = tmp_path / "cache"
    load_pack(large_pack, cache=cache)
    [entry] = entries(cache)
    entry.unlink()
    os.mkfifo(entry)
    assert load_pack(large_pack, cache=cache)  # read from the pack instead, at once
