"""Hostile input everywhere: every outcome is success or a clear error, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.content import load_pack
from tui.exchange import import_into, render_export
from tui.exchange.importer import ImportRejected, parse_document
from tui.search import NoteIndex, SearchIndex
from tui.store import NoteRecord, UserData, UserStore

PACK = load_pack()
INDEX = SearchIndex(PACK)

any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)  # surrogates and controls too
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)
export_like = st.fixed_dictionaries(
    {"format": st.just("semax-explorer-notes"), "version": st.integers(0, 2), "items": st.lists(st.dictionaries(
        st.sampled_from(["id", "bookmarked", "bookmark_created", "note", "note_created", "note_updated"]), json_values
    ), max_size=5)}
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(json_values | export_like)
def test_importer_accepts_or_rejects_clearly(document: Any) -> None:
    try:
        parse_document(document)
    except ImportRejected as error:
        assert str(error) and "\n" not in str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_any_note_survives_store_search_export_and_import(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = UserStore.open(Path(tmp) / "a")
        if not text.strip():
            return
        store.save_note("mechanism/bdnf", text)
        assert store.note("mechanism/bdnf") == text
        notes = NoteIndex(PACK, {"mechanism/bdnf": text})
        INDEX.search(text[:40], notes=notes)
        for fmt in ("markdown", "html"):
            rendered = render_export(PACK, store.snapshot(), fmt)
            assert rendered is not None
        exported = render_export(PACK, store.snapshot(), "json")
        assert exported is not None
        back = parse_document(json.loads(exported))
        assert back.notes["mechanism/bdnf"].text == text
        other = UserStore.open(Path(tmp) / "b")
        import_into(other, back, replace=False)
        assert other.note("mechanism/bdnf") == text


def test_a_one_megabyte_note_with_combining_marks() -> None:
    text = "cafe\u0301 na\u0308ive \x1b[31m \u202e x " * 40_000  # ~1 MB: combining marks, escapes, bidi
    # Over the note limit: the store refuses it (tests/core/test_records.py), but search
    # and export must still cope with any text they are given.
    stamp = "2026-01-01T00:00:00+00:00"
    outcome = INDEX.search("café naïve", notes=NoteIndex(PACK, {"uses/adhd": text}))
    assert outcome.results  # found, and the snippet scan is bounded
    data = UserData({}, {"uses/adhd": NoteRecord(text, stamp, stamp)})
    assert render_export(PACK, data, "html") is not None
