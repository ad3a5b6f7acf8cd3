"""A large pack: the reader mounts a window of a long topic and loads more as you scroll."""

from __future__ import annotations

from benchmarks.synthetic_pack import generate
from tests.app.conftest import make_app
from tui.app.screens.main import MainScreen
from tui.app.widgets.reader import WINDOW, Reader
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import TopicTree
from tui.content.validate import build_content


async def test_long_topics_are_windowed_and_grow_on_scroll() -> None:
    pack = build_content(generate(sections=700, seed=3))
    overview = [c.id for c in pack.children("overview")]
    assert len(overview) == 100
    target = overview[60]
    app = make_app(pack, start=target)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        reader = app.screen.query_one(Reader)
        blocks = [view.node_id for view in reader.query(".node-block").results(SectionView)]
        assert target in blocks and len(blocks) <= WINDOW
        assert reader.query(".more-note")  # says that earlier sections exist
        tree = app.screen.query_one(TopicTree)
        assert len(tree._by_id) == len(pack.topics()) + 100  # only the open topic's rows exist
        await pilot.press("G")
        await pilot.pause(0.5)
        more = len(reader.query(".node-block"))
        assert more > len(blocks)
        await pilot.press("1")  # back to the topic's start: a new window
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "overview"
        assert reader.query_one(f"#node-{overview[0].replace('/', '--')}")
