"""The fast reader of plain Markdown gives exactly markdown-it's blocks, or declines."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import synthetic_pack
from tui.app.widgets.commonmark_blocks import commonmark_blocks
from tui.app.widgets.node_parts import _paragraph_map
from tui.app.widgets.prose_blocks import Block
from tui.app.widgets.simple_markdown import simple_blocks
from tui.content import Pack, load_pack


def shape(blocks: list[Block]) -> list[tuple[Any, ...]]:
    """Everything a block shows: its layout and, per character, its text and style."""
    out = []
    for block in blocks:
        styles = [""] * len(block.text.plain)
        for span in block.text.spans:
            for index in range(span.start, span.end):
                styles[index] = " ".join(filter(None, [styles[index], str(span.style)]))
        out.append((block.marker, block.indent, block.quote, block.gap_before, block.wrap, block.text.plain, styles))
    return out


def agrees(markdown: str) -> bool:
    """True when the fast reader read it; fails if it read it differently from markdown-it."""
    fast = simple_blocks(markdown)
    if fast is None:
        return False
    assert shape(fast) == shape(commonmark_blocks(markdown)), repr(markdown)
    return True


def pack_texts(pack: Pack) -> list[str]:
    texts = [n.body for n in pack.walk()] + [n.editorial_note for n in pack.walk() if n.editorial_note]
    return texts + [_paragraph_map(pack, n) for n in pack.walk() if n.kind == "source"]


def test_every_shipped_text_is_read_fast_and_the_same(pack: Pack) -> None:
    texts = pack_texts(pack)
    assert len(texts) > 60
    declined = [text[:40] for text in texts if not agrees(text)]
    assert declined == []


def test_synthetic_pack_texts_are_read_the_same() -> None:
    raw = synthetic_pack.generate(300, seed=11)
    texts = [doc[key] for table in raw.values() for doc in table.values() for key in ("body", "summary") if key in doc]
    assert len(texts) > 300
    assert all(agrees(text) for text in texts)


@pytest.mark.parametrize(
    "markdown",
    [
        "plain words",
        "one\ntwo lines",
        "a **bold** and *italic* word.",
        '*"quoted"* then (**bracketed**), done.',
        "- one\n- **two**\n\nafter",
        "before\n\n- a\n- b",
        "- a\n- b\n\n- c, still the same list\n\nthen a paragraph\n\n- a new list",
        "**Semax** is a peptide: *reported* in trials.",
        "",
        "\n\n",
    ],
)
def test_the_subset_is_read_fast(markdown: str) -> None:
    assert agrees(markdown)


@pytest.mark.parametrize(
    "markdown",
    [
        "# heading",
        "> quote",
        "    code",
        "`code`",
        "[link](https://example.org)",
        "<https://example.org>",
        "a &amp; b",
        "a \\* b",
        "- a\nlazy",  # a lazy continuation
        "para\n- item",  # a list interrupting a paragraph
        "- - nested",
        "1. ordered",
        "* star bullet",
        "---",
        "-- -",
        "title\n--",
        "**a*",
        "a*b*c",
        "*a **b** c*",
        "***both***",
        "trailing  \nbreak",
        "**BDNF**\u2019s role",
        "x\x1b[2Jy",
        "_under_",
    ],
)
def test_anything_else_goes_to_markdown_it(markdown: str) -> None:
    assert simple_blocks(markdown) is None


LINES = st.lists(
    st.text(alphabet=st.sampled_from(list("ab1 *-.,()\"'\u00a0\u2019é:;!?")), max_size=14)
    | st.sampled_from(["", "- ", "- a", "1. x", "---", "**b**", "*i*"]),
    max_size=6,
)


WORD = st.text(alphabet=st.sampled_from(list("ab1*.,()\"'-!?:")), min_size=1, max_size=6)
TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
STRUCTURED = st.lists(
    st.one_of(TEXT, TEXT.map(lambda t: "- " + t), st.just(""), st.sampled_from(["-", "-- -", "2. b", "* a", "-a"])),
    max_size=8,
)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_generated_documents_are_read_the_same_or_declined(lines: list[str]) -> None:
    agrees("\n".join(lines))


@settings(max_examples=600, deadline=None)
@given(STRUCTURED)
def test_generated_lists_and_paragraphs_are_read_the_same_or_declined(lines: list[str]) -> None:
    agrees("\n".join(lines))


def test_opening_the_shipped_pack_never_imports_markdown_it() -> None:
    """The point of the fast reader: the first frame is drawn without markdown-it."""
    script = """
import asyncio, json, sys
from tui.app.app import SemaxExplorer
from tui.content import load_pack
from tui.store import UserStore, data_dir

async def main():
    pack = load_pack()
    store = UserStore.open(data_dir())
    store.update_settings(disclaimer_acknowledged=True)
    app = SemaxExplorer(pack, store)
    async with app.run_test(size=(120, 40)) as pilot:
        for topic in pack.topics():
            app.screen.open(topic.id)
            await pilot.pause()
        shown = app.screen.query_one("#reader").topic_id
    print(json.dumps(["markdown_it" in sys.modules, shown]))

asyncio.run(main())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    imported, last_topic = json.loads(done.stdout.strip().splitlines()[-1])
    assert imported is False
    assert last_topic == load_pack().topics()[-1].id  # every topic was really opened
