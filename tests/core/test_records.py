"""The record gate: one schema for everything that enters or leaves the user store."""

from __future__ import annotations

import pytest

from tests.hostile import BAD_STAMPS, HUGE_NOTE, ODD_IDS
from tui.store.records import MAX_NOTE_CHARS, clean_tables, id_problem, note_problem, stamp_problem

GOOD = "2026-11-25T08:47:10.123+00:00"


@pytest.mark.parametrize("node_id", ODD_IDS)
def test_odd_ids_are_refused(node_id: str) -> None:
    assert id_problem(node_id) is not None


@pytest.mark.parametrize("node_id", ["overview", "mechanism/bdnf", "gone/x", "a1/b-2"])
def test_pack_ids_are_accepted(node_id: str) -> None:
    assert id_problem(node_id) is None


@pytest.mark.parametrize("stamp", BAD_STAMPS)
def test_bad_stamps_are_refused(stamp: object) -> None:
    assert stamp_problem(stamp) is not None


@pytest.mark.parametrize("stamp", [GOOD, "2026-11-25T08:47:10+00:00", "2026-11-25T08:47:10.123456Z"])
def test_utc_stamps_are_accepted(stamp: str) -> None:
    assert stamp_problem(stamp) is None


def test_notes_within_the_limit_only() -> None:
    assert note_problem("x" * MAX_NOTE_CHARS) is None
    assert "limit" in str(note_problem(HUGE_NOTE))
    assert note_problem("  \n ") is not None and note_problem(7) is not None


def test_clean_keeps_what_fits_and_names_what_does_not() -> None:
    raw = {
        "bookmarks": {
            "1": {"node_id": "a/one", "created": GOOD},
            "2": {"node_id": "a/two", "created": ""},  # the empty timestamp that bricked the store
            "x": {"node_id": "a/three", "created": GOOD},  # a document id that is not a number
            "4": {"node_id": "a/one", "created": "2020-01-01T00:00:00+00:00"},  # a second flag
        },
        "notes": {
            "1": {"node_id": "a/one", "text": "kept", "created": GOOD, "updated": GOOD},
            "2": {"node_id": "a/b\n# x", "text": "odd id", "created": GOOD, "updated": GOOD},
            "3": {"node_id": "a/four", "text": HUGE_NOTE, "created": GOOD, "updated": GOOD},
            "4": [1, 2],
        },
        "settings": {"1": {"schema_version": 1, "theme": "\x1b]2;x\x07", "last_node": "overview"}},
        "someone-elses": {"1": {"anything": True}},
    }
    cleaned = clean_tables(raw)
    assert cleaned.changed
    bookmarks = cleaned.tables["bookmarks"]
    assert list(bookmarks) == ["1", "2"]  # renumbered: TinyDB needs integer ids
    assert {doc["node_id"]: doc["created"] for doc in bookmarks.values()} == {
        "a/one": "2020-01-01T00:00:00+00:00",
        "a/three": GOOD,
    }
    assert [doc["node_id"] for doc in cleaned.tables["notes"].values()] == ["a/one"]
    assert cleaned.tables["settings"] == {"1": {"schema_version": 1, "last_node": "overview"}}
    assert cleaned.tables["someone-elses"] == raw["someone-elses"]
    damaged = "\n".join(cleaned.damaged)
    for expected in ("created must be", "node_id ", "text is 200,001", "not a record", "theme", "renumbered"):
        assert expected in damaged, expected


def test_a_clean_file_is_left_as_it_is() -> None:
    raw = {"bookmarks": {"1": {"node_id": "a/one", "created": GOOD}}, "settings": {"1": {"schema_version": 1}}}
    cleaned = clean_tables(raw)
    assert not cleaned.changed and cleaned.damaged == [] and cleaned.tables == raw
