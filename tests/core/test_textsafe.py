"""The untrusted-text boundary: every dangerous character visible, one for one; JSON exact."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.hostile import CORPUS, EVERYTHING, unsafe_in
from tui.textsafe import encodable, for_terminal, is_safe, json_safe, one_line

any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=200)


def test_every_class_of_the_corpus_is_made_visible() -> None:
    for name, text in CORPUS.items():
        shown = for_terminal(text)
        assert unsafe_in(shown) == [], name
        assert is_safe(shown) and (is_safe(text) == (shown == text)), name
    assert for_terminal("\x1b]2;x\x07") == "␛]2;x␇"
    assert for_terminal("a\u202eb\u2066c") == "a\ufffdb\ufffdc"
    assert for_terminal("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


@given(any_text)
def test_each_character_becomes_exactly_one(text: str) -> None:
    shown = for_terminal(text)
    assert len(shown) == len(text)  # the note editor relies on it
    assert unsafe_in(shown) == []
    shown.encode("utf-8")  # never a lone surrogate: this would raise


@given(any_text)
def test_json_is_exact_and_safe(text: str) -> None:
    value = {"k" + text: [text, {"n": text}]}
    dumped = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value  # reads back as exactly the same value
    assert unsafe_in(dumped) == []
    dumped.encode("utf-8")


def test_encodable_replaces_surrogates_only() -> None:
    assert encodable("a\ud800b\x1b") == "a\ufffdb\x1b"
    assert encodable(EVERYTHING).encode("utf-8")


def test_one_line_folds_and_cuts() -> None:
    assert one_line("a\n\nb\x1b", 10) == "a b␛"
    assert one_line("x" * 50, 10) == "x" * 9 + "…"
